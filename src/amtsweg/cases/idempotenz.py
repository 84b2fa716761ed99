"""Idempotent API submissions: a client sends ``Idempotency-Key``; a retry with the same key (same user)
gets the stored first answer instead of creating a second Antrag."""

from __future__ import annotations

import datetime as dt
from typing import Any

from sqlalchemy import JSON, DateTime, Integer, String, select
from sqlalchemy.orm import Mapped, Session, mapped_column

from amtsweg.cases.modelle import ID, jetzt
from amtsweg.db.basis import Basis
from amtsweg.db.einfuegen import einfuegen_falls_fehlt

MAX_SCHLUESSEL = 200


class ApiIdempotenz(Basis):
    __tablename__ = "api_idempotenz"

    schluessel: Mapped[str] = mapped_column(String(300), primary_key=True)
    benutzer_id: Mapped[int] = mapped_column(ID)
    status: Mapped[int] = mapped_column(Integer)
    antwort: Mapped[dict[str, Any]] = mapped_column(JSON)
    erstellt_am: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True))


def _voll(benutzer_id: int, art: str, schluessel: str) -> str:
    return f"{benutzer_id}:{art}:{schluessel}"


def gespeichert(s: Session, benutzer_id: int, art: str, schluessel: str) -> ApiIdempotenz | None:
    return s.scalar(
        select(ApiIdempotenz).where(ApiIdempotenz.schluessel == _voll(benutzer_id, art, schluessel))
    )


def speichere(
    s: Session, benutzer_id: int, art: str, schluessel: str, status: int, antwort: dict[str, Any]
) -> bool:
    """Store the answer in the caller's transaction (commits with the submission); False if a concurrent
    request with the same key stored first (the caller then rolls back and answers with that one)."""
    werte = {"schluessel": _voll(benutzer_id, art, schluessel), "benutzer_id": benutzer_id, "status": status,
             "antwort": antwort, "erstellt_am": jetzt()}  # fmt: skip
    return einfuegen_falls_fehlt(s, ApiIdempotenz.__table__, werte, ["schluessel"])  # type: ignore[arg-type]
