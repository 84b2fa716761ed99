"""Throttling state in the database, shared by every web process: rate limits (requests per window) and
failure counters with growing lockouts (login). Keys are free text such as ``konto:<email>`` or
``adresse:<ip>``."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from sqlalchemy import DateTime, Integer, String, select, update
from sqlalchemy.orm import Mapped, Session, mapped_column

from amtsweg.db.basis import Basis
from amtsweg.db.einfuegen import einfuegen_falls_fehlt


def jetzt() -> dt.datetime:
    return dt.datetime.now(dt.UTC)


def _utc(zeit: dt.datetime) -> dt.datetime:
    return zeit if zeit.tzinfo else zeit.replace(tzinfo=dt.UTC)


class Drossel(Basis):
    __tablename__ = "drossel"

    schluessel: Mapped[str] = mapped_column(String(300), primary_key=True)
    zaehler: Mapped[int] = mapped_column(Integer, default=0)
    fenster_beginn: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True))
    gesperrt_bis: Mapped[dt.datetime | None] = mapped_column(DateTime(timezone=True))


def _zeile(s: Session, schluessel: str, zeit: dt.datetime, fenster: dt.timedelta) -> None:
    """Make sure the row exists and restart its window (counter 0) when the window has passed."""
    tabelle = Drossel.__table__
    einfuegen_falls_fehlt(s, tabelle, {"schluessel": schluessel, "zaehler": 0, "fenster_beginn": zeit},  # type: ignore[arg-type]
                          ["schluessel"])  # fmt: skip
    s.execute(
        update(Drossel)
        .where(Drossel.schluessel == schluessel, Drossel.fenster_beginn < zeit - fenster)
        .values(zaehler=0, fenster_beginn=zeit)
    )


def zaehle(
    s: Session, schluessel: str, grenze: int, fenster: dt.timedelta, zeit: dt.datetime | None = None
) -> bool:
    """Count one request; False if this is more than ``grenze`` within ``fenster`` (fixed window)."""
    zeit = zeit or jetzt()
    _zeile(s, schluessel, zeit, fenster)
    s.execute(update(Drossel).where(Drossel.schluessel == schluessel).values(zaehler=Drossel.zaehler + 1))
    anzahl = s.scalar(select(Drossel.zaehler).where(Drossel.schluessel == schluessel))
    return (anzahl or 0) <= grenze


def gesperrt_fuer(s: Session, schluessel: str, zeit: dt.datetime | None = None) -> int:
    """Seconds until the lockout of ``schluessel`` ends (0: not locked). Reads only."""
    zeit = zeit or jetzt()
    bis = s.scalar(select(Drossel.gesperrt_bis).where(Drossel.schluessel == schluessel))
    if bis is None or _utc(bis) <= zeit:
        return 0
    return max(1, int((_utc(bis) - zeit).total_seconds() + 0.999))


@dataclass(frozen=True, slots=True)
class Sperrregel:
    """``frei`` failures within ``fenster`` cost nothing; from then on each failure locks for ``basis``
    doubled per further failure, at most ``hoechstens``."""

    frei: int
    basis: dt.timedelta
    hoechstens: dt.timedelta
    fenster: dt.timedelta = dt.timedelta(hours=1)

    def dauer(self, fehlversuche: int) -> dt.timedelta | None:
        if fehlversuche <= self.frei:
            return None
        faktor: int = 2 ** min(fehlversuche - self.frei - 1, 20)
        return min(self.hoechstens, self.basis * faktor)


def fehlversuch(
    s: Session, schluessel: str, regel: Sperrregel, zeit: dt.datetime | None = None
) -> tuple[int, bool]:
    """Record one failure; returns (failures in the window, whether this failure started a lockout)."""
    zeit = zeit or jetzt()
    _zeile(s, schluessel, zeit, regel.fenster)
    s.execute(update(Drossel).where(Drossel.schluessel == schluessel).values(zaehler=Drossel.zaehler + 1))
    anzahl = s.scalar(select(Drossel.zaehler).where(Drossel.schluessel == schluessel)) or 0
    dauer = regel.dauer(anzahl)
    if dauer is not None:
        s.execute(update(Drossel).where(Drossel.schluessel == schluessel).values(gesperrt_bis=zeit + dauer))
    return anzahl, dauer is not None


def zuruecksetzen(s: Session, schluessel: str) -> None:
    s.execute(update(Drossel).where(Drossel.schluessel == schluessel).values(zaehler=0, gesperrt_bis=None))
