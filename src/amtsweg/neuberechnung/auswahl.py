"""Selecting the Bewilligungen running on a Stichtag, streamed in batches (keyset over Vorgang.id)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from dataclasses import dataclass

from sqlalchemy import ColumnElement, and_, exists, select
from sqlalchemy.orm import Session, aliased

from amtsweg.cases.modelle import Berechnung, Bescheid, Entscheidung, Vorgang

#: Entscheidung.art values that grant a monthly amount
BEWILLIGEND = ("bewilligung", "teilbewilligung")


@dataclass(frozen=True, slots=True)
class LaufendeBewilligung:
    """One running Bewilligung: the Vorgang, its effective Entscheidung and the Berechnung behind it."""

    vorgang: Vorgang
    entscheidung: Entscheidung
    berechnung: Berechnung | None


def _laeuft(e: type[Entscheidung], stichtag: dt.date) -> ColumnElement[bool]:
    """``e`` is the latest Entscheidung of its Vorgang, grants an amount for a Bewilligungszeitraum
    containing ``stichtag`` and has been notified (a Bescheid exists, so decisions still waiting for the
    four-eyes Freigabe are not running). Correlated lookups only, each served by an index on
    ``vorgang_id``, so the cost grows linearly with the number of Vorgänge."""
    spaeter = aliased(Entscheidung)
    return and_(
        e.art.in_(BEWILLIGEND),
        e.betrag_cent > 0,
        e.bewilligung_von <= stichtag,
        e.bewilligung_bis >= stichtag,
        ~exists().where(spaeter.vorgang_id == e.vorgang_id, spaeter.id > e.id),
        exists().where(Bescheid.vorgang_id == e.vorgang_id, Bescheid.entscheidung_id == e.id),
    )


def abgeloeste_vorgaenger(s: Session, stichtag: dt.date) -> set[int]:
    """Ids of Vorgänge whose successor (Weiterleistung or Änderung, ``vorgaenger_id``) has its own
    running Bewilligung on ``stichtag``: the successor's decision replaced theirs. One pass; the set
    holds only ids of Vorgänge that have a successor."""
    e = aliased(Entscheidung)
    abfrage = (
        select(Vorgang.vorgaenger_id)
        .join(e, e.vorgang_id == Vorgang.id)
        .where(Vorgang.vorgaenger_id.is_not(None), _laeuft(e, stichtag))
    )
    return {kennung for kennung in s.scalars(abfrage) if kennung is not None}


def laufende_bewilligungen(
    s: Session,
    stichtag: dt.date,
    *,
    leistung: str | None = None,
    behoerde_id: int | None = None,
    stapel: int = 500,
) -> Iterator[LaufendeBewilligung]:
    """Every Bewilligung running on ``stichtag``, ordered by Vorgang id, ``stapel`` rows per query
    (keyset over ``vorgang.id``). A Vorgang replaced by a running successor is skipped (see
    ``abgeloeste_vorgaenger``). The session is cleared after each batch so memory stays bounded (the
    caller must not keep ORM objects)."""
    abgeloest = abgeloeste_vorgaenger(s, stichtag)
    abfrage = (
        select(Vorgang, Entscheidung, Berechnung)
        .join(Entscheidung, Entscheidung.vorgang_id == Vorgang.id)
        .outerjoin(Berechnung, Berechnung.id == Entscheidung.berechnung_id)
        .where(_laeuft(Entscheidung, stichtag))
        .order_by(Vorgang.id)
        .limit(stapel)
    )
    if leistung is not None:
        abfrage = abfrage.where(Vorgang.leistung == leistung)
    if behoerde_id is not None:
        abfrage = abfrage.where(Vorgang.behoerde_id == behoerde_id)
    letzte_id = 0
    while True:
        zeilen = s.execute(abfrage.where(Vorgang.id > letzte_id)).all()
        for vorgang, entscheidung, berechnung in zeilen:
            if vorgang.id not in abgeloest:
                yield LaufendeBewilligung(vorgang, entscheidung, berechnung)
        if len(zeilen) < stapel:
            return
        letzte_id = zeilen[-1][0].id
        s.expunge_all()
