"""The registry of SGB II rules (every rule with its norm and validity)."""

from __future__ import annotations

import datetime as dt

from amtsweg.rules.engine.registry import Registry

REGELN = Registry()
#: Bürgergeld-Gesetz (BGBl. 2022 I S. 2328): the rules as coded here apply from this date on.
BUERGERGELD = dt.date(2023, 1, 1)
