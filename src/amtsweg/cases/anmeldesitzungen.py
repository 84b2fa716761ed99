"""Server-side login sessions: the signed cookie only carries a random token; the session row decides.
Logout, password change and role change revoke sessions; an idle session expires (``LEERLAUF``)."""

from __future__ import annotations

import datetime as dt
import hashlib
import secrets

from sqlalchemy import DateTime, ForeignKey, String, select, update
from sqlalchemy.orm import Mapped, Session, mapped_column

from amtsweg.cases.modelle import ID, Benutzer, jetzt
from amtsweg.db.basis import Basis

#: a session unused this long ends (BSI IT-Grundschutz ORP.4 / APP.3.1: time-limited sessions)
LEERLAUF = dt.timedelta(minutes=30)
#: absolute lifetime of a session
HOECHSTDAUER = dt.timedelta(hours=8)
#: the last-activity time is written at most this often (not on every request)
AKTUALISIERUNG = dt.timedelta(seconds=60)


class Anmeldesitzung(Basis):
    __tablename__ = "anmeldesitzung"

    #: SHA-256 of the token in the cookie (a stolen database dump yields no usable token)
    id: Mapped[str] = mapped_column(String(64), primary_key=True)
    benutzer_id: Mapped[int] = mapped_column(ID, ForeignKey("benutzer.id"), index=True)
    erstellt_am: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True))
    zuletzt_aktiv: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True))
    widerrufen_am: Mapped[dt.datetime | None] = mapped_column(DateTime(timezone=True))


def _hash(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def _utc(zeit: dt.datetime) -> dt.datetime:
    return zeit if zeit.tzinfo else zeit.replace(tzinfo=dt.UTC)


def beginne(s: Session, benutzer: Benutzer, zeit: dt.datetime | None = None) -> str:
    """A new session for ``benutzer``; returns the token for the cookie."""
    zeit = zeit or jetzt()
    token = secrets.token_urlsafe(32)
    s.add(Anmeldesitzung(id=_hash(token), benutzer_id=benutzer.id, erstellt_am=zeit, zuletzt_aktiv=zeit))
    s.flush()
    return token


def pruefe(s: Session, token: str, zeit: dt.datetime | None = None) -> Benutzer | None:
    """The active user of the session with ``token``; None if unknown, revoked, idle or too old."""
    zeit = zeit or jetzt()
    sitzung = s.get(Anmeldesitzung, _hash(token))
    if sitzung is None or sitzung.widerrufen_am is not None:
        return None
    if zeit - _utc(sitzung.zuletzt_aktiv) > LEERLAUF or zeit - _utc(sitzung.erstellt_am) > HOECHSTDAUER:
        return None
    benutzer = s.get(Benutzer, sitzung.benutzer_id)
    if benutzer is None or not benutzer.aktiv:
        return None
    if zeit - _utc(sitzung.zuletzt_aktiv) > AKTUALISIERUNG:
        sitzung.zuletzt_aktiv = zeit
    return benutzer


def beende(s: Session, token: str) -> None:
    """Logout: revoke this session."""
    s.execute(
        update(Anmeldesitzung)
        .where(Anmeldesitzung.id == _hash(token), Anmeldesitzung.widerrufen_am.is_(None))
        .values(widerrufen_am=jetzt())
    )


def widerrufe_alle(s: Session, benutzer_id: int) -> int:
    """Revoke every open session of a user (password or role changed, account locked); returns how many."""
    ergebnis = s.execute(
        update(Anmeldesitzung)
        .where(Anmeldesitzung.benutzer_id == benutzer_id, Anmeldesitzung.widerrufen_am.is_(None))
        .values(widerrufen_am=jetzt())
    )
    return int(ergebnis.rowcount)  # type: ignore[attr-defined]


def offene(s: Session, benutzer_id: int) -> list[Anmeldesitzung]:
    return list(
        s.scalars(
            select(Anmeldesitzung).where(
                Anmeldesitzung.benutzer_id == benutzer_id, Anmeldesitzung.widerrufen_am.is_(None)
            )
        )
    )
