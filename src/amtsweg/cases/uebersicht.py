"""Team-lead overview: backlog, ages, throughput and the automatic Bescheide for sampling."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from amtsweg.cases import rechte
from amtsweg.cases.abfragen import (
    ALLE_STATUS,
    MAX_PRO_SEITE,
    OFFEN,
    PRO_SEITE,
    mit_zone,
)
from amtsweg.cases.modelle import (
    Benutzer,
    Bescheid,
    Entscheidung,
    Vorgang,
)
from amtsweg.cases.status import (
    BEZEICHNUNG,
)


@dataclass(frozen=True, slots=True)
class Bestand:
    status: str
    anzahl: int
    median_tage: int | None
    aeltester_tage: int | None
    ueberfaellig: int

    @property
    def bezeichnung(self) -> str:
        return BEZEICHNUNG.get(self.status, self.status)


@dataclass(frozen=True, slots=True)
class Stichprobenzeile:
    nummer: str
    datum: dt.date
    art: str
    betrag_cent: int
    bescheid_id: int


@dataclass(frozen=True, slots=True)
class Uebersicht:
    bestand: tuple[Bestand, ...]
    offen_gesamt: int
    bescheide_7: int
    bescheide_30: int
    automatisch_30: int
    automatisch: tuple[Stichprobenzeile, ...]
    automatisch_gesamt: int
    seite: int
    pro_seite: int

    @property
    def automatisch_anteil(self) -> float | None:
        """Share of automatically issued Bescheide among those of the last 30 days (0..1)."""
        return self.automatisch_30 / self.bescheide_30 if self.bescheide_30 else None

    @property
    def seiten(self) -> int:
        return max(1, -(-self.automatisch_gesamt // self.pro_seite))


def _tage(jetzt: dt.datetime, zeit: dt.datetime | None) -> int | None:
    return None if zeit is None else max(0, (jetzt - mit_zone(zeit)).days)


def uebersicht(
    s: Session, benutzer: Benutzer, jetzt: dt.datetime, seite: int = 1, pro_seite: int = PRO_SEITE
) -> Uebersicht:
    """Backlog per status with median/oldest age, throughput, automatic share and the list of
    automatically issued Bescheide (sampling, § 31a / § 33 Abs. 5 SGB X). Team lead only.

    Aggregates run in the database: one GROUP BY for the counts, and per status one indexed
    ORDER BY eingegangen_am LIMIT 1 OFFSET n/2 for the median (no rows are loaded into Python)."""
    rechte.pruefe(benutzer.rolle == rechte.TEAMLEITUNG and benutzer.behoerde_id is not None)
    behoerde_id = benutzer.behoerde_id
    heute = jetzt.date()
    seite = max(1, min(seite, 1_000_000))
    pro_seite = max(1, min(pro_seite, MAX_PRO_SEITE))
    zahlen = s.execute(
        select(
            Vorgang.status,
            func.count(Vorgang.id),
            func.min(Vorgang.eingegangen_am),
            func.count(Vorgang.id).filter(Vorgang.frist < heute),
        )
        .where(Vorgang.behoerde_id == behoerde_id)
        .group_by(Vorgang.status)
    ).all()
    nach_status = {z[0]: z for z in zahlen}
    bestand = []
    for status in ALLE_STATUS:
        if status not in nach_status:
            continue
        _, anzahl, aeltester, ueberfaellig = nach_status[status]
        median = s.scalar(
            select(Vorgang.eingegangen_am)
            .where(Vorgang.behoerde_id == behoerde_id, Vorgang.status == status)
            .order_by(Vorgang.eingegangen_am)
            .offset((anzahl - 1) // 2)
            .limit(1)
        )
        bestand.append(
            Bestand(
                status=status,
                anzahl=anzahl,
                median_tage=_tage(jetzt, median),
                aeltester_tage=_tage(jetzt, aeltester),
                ueberfaellig=ueberfaellig if status in OFFEN else 0,
            )
        )

    def bescheide_seit(tage: int, nur_automatisch: bool = False) -> int:
        abfrage = (
            select(func.count(Bescheid.id))
            .join(Vorgang, Vorgang.id == Bescheid.vorgang_id)
            .where(
                Vorgang.behoerde_id == behoerde_id, Bescheid.erstellt_am >= jetzt - dt.timedelta(days=tage)
            )
        )
        if nur_automatisch:
            abfrage = abfrage.where(Bescheid.automatisch.is_(True))
        return s.scalar(abfrage) or 0

    automatisch_basis = (
        select(Vorgang.nummer, Bescheid.datum, Entscheidung.art, Entscheidung.betrag_cent, Bescheid.id)
        .join(Vorgang, Vorgang.id == Bescheid.vorgang_id)
        .join(Entscheidung, Entscheidung.id == Bescheid.entscheidung_id)
        .where(Vorgang.behoerde_id == behoerde_id, Bescheid.automatisch.is_(True))
    )
    automatisch_gesamt = (
        s.scalar(
            select(func.count()).select_from(automatisch_basis.with_only_columns(Bescheid.id).subquery())
        )
        or 0
    )
    liste = s.execute(
        automatisch_basis.order_by(Bescheid.id.desc()).limit(pro_seite).offset((seite - 1) * pro_seite)
    ).all()
    return Uebersicht(
        bestand=tuple(bestand),
        offen_gesamt=sum(b.anzahl for b in bestand if b.status in OFFEN),
        bescheide_7=bescheide_seit(7),
        bescheide_30=bescheide_seit(30),
        automatisch_30=bescheide_seit(30, nur_automatisch=True),
        automatisch=tuple(Stichprobenzeile(z[0], z[1], z[2], z[3], z[4]) for z in liste),
        automatisch_gesamt=automatisch_gesamt,
        seite=seite,
        pro_seite=pro_seite,
    )
