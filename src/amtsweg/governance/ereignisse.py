"""Audit events of AI governance, written through the public ``audit.protokolliere``.

The event names are governance's own (the audit trail stores the action as text); the lead may add them
to ``audit.Aktion`` when merging, nothing here changes then.
"""

from __future__ import annotations

from enum import StrEnum
from typing import Any, cast

from sqlalchemy.orm import Session

from amtsweg.governance import audit


class KiAktion(StrEnum):
    ki_abgeschaltet = "ki_abgeschaltet"
    ki_eingeschaltet = "ki_eingeschaltet"
    ki_schwelle_ueberschritten = "ki_schwelle_ueberschritten"
    ki_bericht_erstellt = "ki_bericht_erstellt"


def protokolliere(s: Session, aktion: KiAktion, *, akteur: str, rolle: str, **daten: Any) -> None:
    audit.protokolliere(s, cast(audit.Aktion, aktion), akteur=akteur, rolle=rolle, daten=daten)
