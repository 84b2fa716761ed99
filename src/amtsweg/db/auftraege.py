"""Background jobs stored in the database (see docs/adr/0002, docs/adr/0003): enqueued in the caller's
transaction (insert-if-absent by key, so racing planners never collide), claimed with row locks (SKIP LOCKED
on PostgreSQL), retried with back-off, idempotent by key. A claim lasts ``SPERRDAUER`` on the database's
clock and is renewed by a heartbeat while the handler runs; a process that dies leaves the job locked only
until the claim expires, then another worker takes it. Every claim counts as an attempt, so a job that kills
its worker ends as ``fehlgeschlagen`` after ``MAX_VERSUCHE``. Completion is fenced: the handler's work
commits only while the claim is still this worker's.
"""

from __future__ import annotations

import datetime as dt
import logging
import re
import secrets
import socket
import threading
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from sqlalchemy import JSON, BigInteger, DateTime, Integer, String, Text, func, select, update
from sqlalchemy.orm import Mapped, Session, mapped_column

from amtsweg.db.basis import Basis
from amtsweg.db.einfuegen import einfuegen_falls_fehlt
from amtsweg.db.sitzung import Datenbank

LOG = logging.getLogger("amtsweg.auftraege")
Handler = Callable[[Session, dict[str, Any]], None]
HANDLER: dict[str, Handler] = {}
SPERRDAUER = dt.timedelta(minutes=10)
#: how often a running job renews its claim
HERZSCHLAG = dt.timedelta(minutes=2)
MAX_VERSUCHE = 5


def jetzt() -> dt.datetime:
    return dt.datetime.now(dt.UTC)


class EndgueltigerFehler(Exception):
    """Raised by a handler when retrying cannot help (e.g. an unreadable file): the job fails at once with
    this (German) message."""


class Verdraengt(Exception):
    """The claim expired and another worker took the job: this worker's work is rolled back."""


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


@dataclass(frozen=True, slots=True)
class Anspruch:
    """One claim of a job: the worker token written into ``gesperrt_von`` and the attempt it started."""

    id: int
    token: str
    versuch: int


def datenbankzeit(s: Session) -> dt.datetime:
    """The database's clock (PostgreSQL: one clock for all hosts); SQLite is embedded: the local clock."""
    if s.get_bind().dialect.name == "postgresql":
        return _naiv_utc(s.scalar(select(func.now())) or jetzt())
    return jetzt()


def aufgabe(art: str) -> Callable[[Handler], Handler]:
    """Register a handler for jobs of ``art``; handlers must be idempotent."""

    def registriere(funktion: Handler) -> Handler:
        HANDLER[art] = funktion
        return funktion

    return registriere


def einreihen(s: Session, art: str, schluessel: str, daten: dict[str, Any] | None = None) -> Auftrag:
    """Enqueue once per key (a second call with the same key returns the existing job). Safe when several
    processes plan the same job at once: the insert is ON CONFLICT DO NOTHING, never a unique violation."""
    vorhanden = s.scalar(select(Auftrag).where(Auftrag.schluessel == schluessel))
    if vorhanden is not None:
        return vorhanden
    zeit = jetzt()
    werte = {"art": art, "schluessel": schluessel, "daten": daten or {}, "status": "offen", "versuche": 0,
             "nicht_vor": zeit, "erstellt_am": zeit}  # fmt: skip
    einfuegen_falls_fehlt(s, Auftrag.__table__, werte, ["schluessel"])  # type: ignore[arg-type]
    return s.scalars(select(Auftrag).where(Auftrag.schluessel == schluessel)).one()


def _naiv_utc(zeit: dt.datetime) -> dt.datetime:
    return zeit if zeit.tzinfo else zeit.replace(tzinfo=dt.UTC)


def hole_naechsten(db: Datenbank, arbeiter: str, zeit: dt.datetime | None = None) -> int | None:
    """Claim one due job (commits the claim); None if there is nothing to do."""
    anspruch = beanspruche(db, arbeiter, zeit)
    if anspruch is None:
        return None
    _ANSPRUECHE[anspruch.id] = anspruch  # for fuehre_aus(db, id): the fencing check needs the claim
    return anspruch.id


_ANSPRUECHE: dict[int, Anspruch] = {}
VERLOREN = -1


def beanspruche(db: Datenbank, arbeiter: str, zeit: dt.datetime | None = None) -> Anspruch | None:
    """Claim one due job (commits the claim); None if there is nothing to do."""
    for _ in range(20):  # another worker may win the race for the same row; then try the next one
        ergebnis = _beanspruche(db, arbeiter, zeit)
        if ergebnis != VERLOREN:
            return ergebnis if isinstance(ergebnis, Anspruch) else None
    return None


def _beanspruche(db: Datenbank, arbeiter: str, zeit: dt.datetime | None) -> Anspruch | int | None:
    with db.sitzung() as s:
        zeit = zeit or datenbankzeit(s)
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
        auftrag_id, versuche = auftrag.id, auftrag.versuche  # (the ORM update below refreshes the object)
        passend = (Auftrag.id == auftrag_id, Auftrag.status == "offen", Auftrag.versuche == versuche)
        if versuche >= MAX_VERSUCHE:  # every claim is an attempt: its workers kept dying
            meldung = (
                f"Der Auftrag wurde {versuche}-mal begonnen und nie beendet (der Worker wurde dabei "
                "beendet); er wird nicht mehr wiederholt."
            )
            s.execute(
                update(Auftrag)
                .where(*passend)
                .values(status="fehlgeschlagen", gesperrt_bis=None, fehler=meldung)
            )
            return VERLOREN  # look for the next job
        token = f"{arbeiter[:180]}#{secrets.token_hex(6)}"
        gesperrt = s.execute(
            update(Auftrag)
            .where(*passend)
            .values(gesperrt_bis=zeit + SPERRDAUER, gesperrt_von=token, versuche=Auftrag.versuche + 1)
        )
        if gesperrt.rowcount != 1:  # type: ignore[attr-defined]
            return VERLOREN
        return Anspruch(auftrag_id, token, versuche + 1)


def verlaengere(db: Datenbank, anspruch: Anspruch) -> bool:
    """Heartbeat: renew the claim on the database's clock; False if it is no longer this worker's."""
    with db.sitzung() as s:
        bis = datenbankzeit(s) + SPERRDAUER
        ergebnis = s.execute(
            update(Auftrag)
            .where(
                Auftrag.id == anspruch.id, Auftrag.status == "offen", Auftrag.gesperrt_von == anspruch.token
            )
            .values(gesperrt_bis=bis)
        )
        return bool(ergebnis.rowcount == 1)  # type: ignore[attr-defined]


class _Herzschlag:
    """Renews a claim every ``HERZSCHLAG`` in a background thread while the handler runs."""

    def __init__(self, db: Datenbank, anspruch: Anspruch, abstand: dt.timedelta) -> None:
        self._halt = threading.Event()
        self._faden = threading.Thread(target=self._laufe, args=(db, anspruch, abstand), daemon=True)
        self._faden.start()

    def _laufe(self, db: Datenbank, anspruch: Anspruch, abstand: dt.timedelta) -> None:
        while not self._halt.wait(abstand.total_seconds()):
            try:
                if not verlaengere(db, anspruch):
                    return
            except Exception as fehler:  # a missed heartbeat is retried at the next one
                LOG.warning("Herzschlag für Auftrag %s fehlgeschlagen: %s", anspruch.id, fehler)

    def halt(self) -> None:
        self._halt.set()
        self._faden.join()


def _noch_meiner(auftrag: Auftrag, anspruch: Anspruch | None) -> bool:
    return anspruch is None or (
        auftrag.gesperrt_von == anspruch.token and auftrag.versuche == anspruch.versuch
    )


def fuehre_aus(db: Datenbank, auftrag_id: int, anspruch: Anspruch | None = None) -> bool:
    """Run a claimed job in its own transaction; on error record it and retry later with back-off. The
    claim is renewed while the handler runs; the handler's work commits only if the claim is still ours."""
    anspruch = anspruch or _ANSPRUECHE.pop(auftrag_id, None)
    herzschlag = _Herzschlag(db, anspruch, HERZSCHLAG) if anspruch else None
    try:
        with db.sitzung() as s:
            auftrag = s.get_one(Auftrag, auftrag_id)
            handler = HANDLER.get(auftrag.art)
            if handler is None:
                raise LookupError(f"Kein Handler für Aufträge der Art {auftrag.art}")
            handler(s, dict(auftrag.daten))
            bedingung = [Auftrag.id == auftrag_id, Auftrag.status == "offen"]
            if anspruch is not None:  # fencing: an expired claim taken over by another worker commits nothing
                bedingung += [Auftrag.gesperrt_von == anspruch.token, Auftrag.versuche == anspruch.versuch]
            erledigt = s.execute(
                update(Auftrag)
                .where(*bedingung)
                .values(status="erledigt", erledigt_am=jetzt(), gesperrt_bis=None)
            )
            if erledigt.rowcount != 1:  # type: ignore[attr-defined]
                raise Verdraengt(f"Auftrag {auftrag_id}: Anspruch abgelaufen und neu vergeben")
        return True
    except Verdraengt as fehler:
        LOG.warning("%s; Arbeit verworfen", fehler)
        return False
    except Exception as fehler:  # the job failed; the worker goes on
        LOG.warning("Auftrag %s fehlgeschlagen: %s", auftrag_id, fehler)
        with db.sitzung() as s:
            auftrag = s.get_one(Auftrag, auftrag_id)
            if not _noch_meiner(auftrag, anspruch):
                return False
            endgueltig = isinstance(fehler, EndgueltigerFehler)
            auftrag.fehler = (str(fehler) if endgueltig else f"{type(fehler).__name__}: {fehler}")[:2000]
            auftrag.gesperrt_bis = None
            if endgueltig or auftrag.versuche >= MAX_VERSUCHE:
                auftrag.status = "fehlgeschlagen"
            else:
                auftrag.nicht_vor = jetzt() + dt.timedelta(seconds=30 * 2**auftrag.versuche)
        return False
    finally:
        if herzschlag is not None:
            herzschlag.halt()


def arbeite(db: Datenbank, *, hoechstens: int | None = None, arbeiter: str | None = None) -> int:
    """Process due jobs until none is left (or ``hoechstens``); returns the number processed."""
    arbeiter = arbeiter or f"{socket.gethostname()}:{id(db)}"
    anzahl = 0
    while hoechstens is None or anzahl < hoechstens:
        anspruch = beanspruche(db, arbeiter)
        if anspruch is None:
            break
        fuehre_aus(db, anspruch.id, anspruch)
        anzahl += 1
    return anzahl


def fehlgeschlagene(s: Session, art: str | None = None, grenze: int = 200) -> list[Auftrag]:
    """Failed jobs for operators (``amtsweg worker --fehlgeschlagen``), newest first."""
    abfrage = select(Auftrag).where(Auftrag.status == "fehlgeschlagen")
    if art is not None:
        abfrage = abfrage.where(Auftrag.art == art)
    return list(s.scalars(abfrage.order_by(Auftrag.id.desc()).limit(grenze)))


def fehlschlaege(s: Session, schluessel: list[str]) -> dict[str, str]:
    """For pages that show the state of background work (e.g. the Nachweise page): the German reason of
    each failed job among ``schluessel`` (key -> reason); keys of open or finished jobs are absent."""
    if not schluessel:
        return {}
    zeilen = s.execute(
        select(Auftrag.schluessel, Auftrag.fehler).where(
            Auftrag.schluessel.in_(schluessel), Auftrag.status == "fehlgeschlagen"
        )
    )
    return {k: _lesbar(f) for k, f in zeilen}


def _lesbar(fehler: str | None) -> str:
    """The stored reason if it is a German message for people; technical errors get a general sentence."""
    if fehler and re.match(r"[A-Za-z_][\w.]*: ", fehler):  # "ValueError: ..." - a technical exception
        return "Die Verarbeitung ist wiederholt fehlgeschlagen. Bitte wenden Sie sich an den IT-Betrieb."
    return fehler or "Die Verarbeitung ist fehlgeschlagen."
