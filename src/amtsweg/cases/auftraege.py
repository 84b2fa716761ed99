"""Background jobs of the procedure (registered with amtsweg.db.auftraege)."""

from __future__ import annotations

import datetime as dt
from typing import Any

from sqlalchemy.orm import Session

from amtsweg.cases import dienste
from amtsweg.db.auftraege import aufgabe, einreihen


@aufgabe("erinnerungen")
def erinnerungen(s: Session, daten: dict[str, Any]) -> None:
    """Remind once about Nachforderungen whose deadline is near (idempotent: reminded ones are skipped)."""
    dienste.erinnere_faellige(s, dt.date.fromisoformat(daten["tag"]))


def plane_taegliche_auftraege(s: Session, heute: dt.date) -> None:
    einreihen(s, "erinnerungen", f"erinnerungen-{heute.isoformat()}", {"tag": heute.isoformat()})
