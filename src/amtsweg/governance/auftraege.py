"""Daily background check of the register's thresholds (planned by the worker): new breaches are stored and
audited even when nobody opens the governance pages."""

from __future__ import annotations

import datetime as dt
from typing import Any

from sqlalchemy.orm import Session

from amtsweg.db.auftraege import aufgabe, einreihen
from amtsweg.governance import aufsicht, uebersicht
from amtsweg.governance.register import register

ART = "ki_schwellen_pruefen"


@aufgabe(ART)
def schwellen_pruefen(s: Session, daten: dict[str, Any]) -> None:
    """Check every use case over the 30 days up to ``tag`` (idempotent: breaches are stored once)."""
    tag = dt.date.fromisoformat(daten["tag"])
    anfang, ende = uebersicht.grenzen(tag - dt.timedelta(days=uebersicht.STANDARD_TAGE - 1), tag)
    for kennung in register():
        aufsicht.pruefe(s, kennung, anfang, ende)


def plane_pruefung(s: Session, heute: dt.date) -> None:
    einreihen(s, ART, f"{ART}-{heute.isoformat()}", {"tag": heute.isoformat()})
