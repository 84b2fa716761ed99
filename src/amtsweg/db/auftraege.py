"""Background jobs stored in the database (see docs/adr/0002): enqueued in the caller's transaction,
claimed with row locks (SKIP LOCKED on PostgreSQL), retried with back-off, idempotent by key. A process
that dies while working leaves the job locked only until ``gesperrt_bis``; then another worker takes it.
"""

from __future__ import annotations

import datetime as dt
import logging
import socket
from collections.abc import Callable
from typing import Any

from sqlalchemy import JSON, BigInteger, DateTime, Integer, String, Text, select, update
from sqlalchemy.orm import Mapped, Session, mapped_column

from amtsweg.db.basis import Basis
from amtsweg.db.sitzung import Datenbank

LOG = logging.getLogger("amtsweg.auftraege")
Handler = Callable[[Session, dict[str, Any]], None]
HANDLER: dict[str, Handler] = {}
SPERRDAUER = dt.timedelta(minutes=10)
MAX_VERSUCHE = 5


def jetzt() -> dt.datetime:
    return dt.datetime.now(dt.UTC)


class Auftrag(Basis):
    __tablename__ = "auftrag"

    id: Mapped[int] = mapped_column(BigInteger().with_variant(Integer, "sqlite"), primary_key=True)
    art: Mapped[str] = mapped_column(String(60), index=True)
    schluessel: Mapped[str] = mapped_column(String(200), unique=True)  # idempotency key
    daten: Mapped[dict[str, Any]] = mapped_column(JSON)
    status: Mapped[str] = mapped_column(
        String(20), index=True, default="offen"
    )  # offen|erledigt|fehlgeschlagen
    versuche: Mapped[int] = mapped_column(Integer, default=0)
    nicht_vor: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True), default=jetzt, index=True)
    gesperrt_bis: Mapped[dt.datetime | None] = mapped_column(DateTime(timezone=True))
    gesperrt_von: Mapped[str | None] = mapped_column(String(200))
    fehler: Mapped[str | None] = mapped_column(Text)
    erstellt_am: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True), default=jetzt)
    erledigt_am: Mapped[dt.datetime | None] = mapped_column(DateTime(timezone=True))


def aufgabe(art: str) -> Callable[[Handler], Handler]:
    """Register a handler for jobs of ``art``; handlers must be idempotent."""

    def registriere(funktion: Handler) -> Handler:
        HANDLER[art] = funktion
        return funktion

    return registriere


def einreihen(s: Session, art: str, schluessel: str, daten: dict[str, Any] | None = None) -> Auftrag:
    """Enqueue once per key (a second call with the same key returns the existing job)."""
    vorhanden = s.scalar(select(Auftrag).where(Auftrag.schluessel == schluessel))
    if vorhanden is not None:
        return vorhanden
    auftrag = Auftrag(art=art, schluessel=schluessel, daten=daten or {})
    s.add(auftrag)
    s.flush()
    return auftrag


def _naiv_utc(zeit: dt.datetime) -> dt.datetime:
    return zeit if zeit.tzinfo else zeit.replace(tzinfo=dt.UTC)


def hole_naechsten(db: Datenbank, arbeiter: str, zeit: dt.datetime | None = None) -> int | None:
    """Claim one due job (commits the claim); None if there is nothing to do."""
    for _ in range(20):  # another worker may win the race for the same row; then try the next one
        ergebnis = _beanspruche(db, arbeiter, zeit or jetzt())
        if ergebnis != VERLOREN:
            return ergebnis
    return None


VERLOREN = -1


def _beanspruche(db: Datenbank, arbeiter: str, zeit: dt.datetime) -> int | None:
    with db.sitzung() as s:
        abfrage = (
            select(Auftrag)
            .where(Auftrag.status == "offen", Auftrag.nicht_vor <= zeit)
            .where((Auftrag.gesperrt_bis.is_(None)) | (Auftrag.gesperrt_bis < zeit))
            .order_by(Auftrag.nicht_vor, Auftrag.id)
            .limit(1)
        )
        if db.engine.dialect.name == "postgresql":
            abfrage = abfrage.with_for_update(skip_locked=True)
        auftrag = s.scalar(abfrage)
        if auftrag is None:
            return None
        # compare-and-set on the attempt counter guards SQLite, where there is no row lock
        gesperrt = s.execute(
            update(Auftrag)
            .where(Auftrag.id == auftrag.id, Auftrag.status == "offen", Auftrag.versuche == auftrag.versuche)
            .values(gesperrt_bis=zeit + SPERRDAUER, gesperrt_von=arbeiter, versuche=Auftrag.versuche + 1)
        )
        return auftrag.id if gesperrt.rowcount == 1 else VERLOREN  # type: ignore[attr-defined]


def fuehre_aus(db: Datenbank, auftrag_id: int) -> bool:
    """Run a claimed job in its own transaction; on error record it and retry later with back-off."""
    try:
        with db.sitzung() as s:
            auftrag = s.get_one(Auftrag, auftrag_id)
            handler = HANDLER.get(auftrag.art)
            if handler is None:
                raise LookupError(f"Kein Handler für Aufträge der Art {auftrag.art}")
            handler(s, dict(auftrag.daten))
            auftrag.status, auftrag.erledigt_am, auftrag.gesperrt_bis = "erledigt", jetzt(), None
        return True
    except Exception as fehler:  # the job failed; the worker goes on
        LOG.warning("Auftrag %s fehlgeschlagen: %s", auftrag_id, fehler)
        with db.sitzung() as s:
            auftrag = s.get_one(Auftrag, auftrag_id)
            auftrag.fehler = f"{type(fehler).__name__}: {fehler}"[:2000]
            auftrag.gesperrt_bis = None
            if auftrag.versuche >= MAX_VERSUCHE:
                auftrag.status = "fehlgeschlagen"
            else:
                auftrag.nicht_vor = jetzt() + dt.timedelta(seconds=30 * 2**auftrag.versuche)
        return False


def arbeite(db: Datenbank, *, hoechstens: int | None = None, arbeiter: str | None = None) -> int:
    """Process due jobs until none is left (or ``hoechstens``); returns the number processed."""
    arbeiter = arbeiter or f"{socket.gethostname()}:{id(db)}"
    anzahl = 0
    while hoechstens is None or anzahl < hoechstens:
        auftrag_id = hole_naechsten(db, arbeiter)
        if auftrag_id is None:
            break
        fuehre_aus(db, auftrag_id)
        anzahl += 1
    return anzahl
