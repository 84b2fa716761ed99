"""Insert-if-absent that is safe under concurrency on PostgreSQL and SQLite (ON CONFLICT DO NOTHING)."""

from __future__ import annotations

from typing import Any

from sqlalchemy import Table
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.orm import Session


def einfuegen_falls_fehlt(s: Session, tabelle: Table, werte: dict[str, Any], schluessel: list[str]) -> bool:
    """Insert one row unless a row with the same ``schluessel`` columns exists; True if inserted.
    Two transactions racing for the same key never raise: the loser simply inserts nothing."""
    dialekt = s.get_bind().dialect.name
    modul: Any = postgresql if dialekt == "postgresql" else sqlite
    befehl = modul.insert(tabelle).values(**werte).on_conflict_do_nothing(index_elements=schluessel)
    ergebnis = s.execute(befehl)
    return bool(ergebnis.rowcount)  # type: ignore[attr-defined]
