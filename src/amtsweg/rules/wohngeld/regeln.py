"""The registry of Wohngeld rules (every rule with its norm and validity)."""

from __future__ import annotations

import datetime as dt

from amtsweg.rules.engine.registry import Registry

REGELN = Registry()
#: Wohngeld-Plus (BGBl. 2022 I S. 2160): the rules as coded here apply from this date on.
WOHNGELD_PLUS = dt.date(2023, 1, 1)
