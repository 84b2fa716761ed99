"""Selecting the Bewilligungen running on a Stichtag, streamed in batches (keyset over Vorgang.id)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from dataclasses import dataclass

from sqlalchemy import Subquery, exists, func, select
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


def _laufende(stichtag: dt.date, name: str) -> Subquery:
    """(vorgang_id, entscheidung_id) of every Vorgang whose latest Entscheidung grants an amount for a
    Bewilligungszeitraum containing ``stichtag`` and has been notified (a Bescheid exists, so decisions
    still waiting for the four-eyes Freigabe are not running)."""
    letzte = (
        select(Entscheidung.vorgang_id, func.max(Entscheidung.id).label("entscheidung_id"))
        .group_by(Entscheidung.vorgang_id)
        .subquery()
    )
    e = aliased(Entscheidung)
    return (
        select(e.vorgang_id, e.id)
        .join(letzte, letzte.c.entscheidung_id == e.id)
        .where(
            e.art.in_(BEWILLIGEND),
            e.betrag_cent > 0,
            e.bewilligung_von <= stichtag,
            e.bewilligung_bis >= stichtag,
            exists().where(Bescheid.entscheidung_id == e.id),
        )
        .subquery(name)
    )


def laufende_bewilligungen(
    s: Session,
    stichtag: dt.date,
    *,
    leistung: str | None = None,
    behoerde_id: int | None = None,
    stapel: int = 500,
) -> Iterator[LaufendeBewilligung]:
    """Every Bewilligung running on ``stichtag``, ordered by Vorgang id, ``stapel`` rows per query.

    A Vorgang whose successor (Weiterleistung or Änderung, ``vorgaenger_id``) has its own running
    Bewilligung on the Stichtag is skipped: the successor's decision replaced it. The session is
    cleared after each batch so memory stays bounded (the caller must not keep ORM objects)."""
    laufend = _laufende(stichtag, "laufend")
    nachfolger_laufend = _laufende(stichtag, "nachfolger_laufend")
    nachfolger = aliased(Vorgang)
    abgeloest = exists(
        select(nachfolger.id)
        .join(nachfolger_laufend, nachfolger_laufend.c.vorgang_id == nachfolger.id)
        .where(nachfolger.vorgaenger_id == Vorgang.id)
    )
    abfrage = (
        select(Vorgang, Entscheidung, Berechnung)
        .join(laufend, laufend.c.vorgang_id == Vorgang.id)
        .join(Entscheidung, Entscheidung.id == laufend.c.id)
        .outerjoin(Berechnung, Berechnung.id == Entscheidung.berechnung_id)
        .where(~abgeloest)
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
            yield LaufendeBewilligung(vorgang, entscheidung, berechnung)
        if len(zeilen) < stapel:
            return
        letzte_id = zeilen[-1][0].id
        s.expunge_all()
