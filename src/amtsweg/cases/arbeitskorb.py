"""The staff queue (Arbeitskorb): one page of the authority's Vorgänge with filters and sorting.

Built for large authorities (a million Vorgänge): scoped to the user's authority, only the columns the
list needs, keyset pages (cases.blaettern) on the indexes of revisions 0003 and 0013, a count capped at
``blaettern.ZAEHLGRENZE`` ("mehr als 1 000") and the benefit filter from configuration, so that no
request scans all Vorgänge. Rights: only staff of the authority (cases.rechte).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from sqlalchemy import ColumnElement, Select, func, literal, select
from sqlalchemy.orm import Session, aliased

from amtsweg.cases import blaettern, dienste, rechte
from amtsweg.cases.modelle import Benutzer, Vorgang
from amtsweg.cases.status import (
    ABGESCHLOSSEN,
    BESCHIEDEN,
    BEZEICHNUNG,
    OFFEN,
)

__all__ = ["OFFEN"]  # re-exported (callers import it from here or from cases.abfragen)

ALLE_STATUS = (*OFFEN, BESCHIEDEN, ABGESCHLOSSEN)
SORTIERUNGEN = {
    "alter": "Älteste zuerst",
    "frist": "Frist zuerst",
    "neueste": "Neueste zuerst",
}
#: keyset sections per sort (cases.blaettern); the deadline sort puts Vorgänge without deadline last
ABSCHNITTE = {
    "alter": (blaettern.Abschnitt((Vorgang.eingegangen_am, Vorgang.id)),),
    "neueste": (blaettern.Abschnitt((Vorgang.eingegangen_am, Vorgang.id), absteigend=True),),
    "frist": (
        blaettern.Abschnitt((Vorgang.frist, Vorgang.id), bedingung=Vorgang.frist.is_not(None)),
        blaettern.Abschnitt((Vorgang.id,), bedingung=Vorgang.frist.is_(None)),
    ),
}
PRO_SEITE = 25
MAX_PRO_SEITE = 100
#: deadlines within this many days are highlighted as "bald fällig"
FRIST_WARNUNG_TAGE = 3


def pruefe_behoerdenrolle(benutzer: Benutzer) -> int:
    """The authority of a staff member; KeinZugriff for everybody else."""
    rechte.pruefe(benutzer.rolle in rechte.BEHOERDENROLLEN and benutzer.behoerde_id is not None)
    assert benutzer.behoerde_id is not None
    return benutzer.behoerde_id


# --- the queue -------------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Korbfilter:
    """Filters of the queue. ``status``: a status, ``"offen"`` (default) or ``"alle"``.

    ``cursor`` (from ``Korbseite.weiter``/``zurueck``) pages by keyset with a capped count. ``seite``
    (page numbers with OFFSET and an exact count) remains only for existing API clients."""

    status: str = "offen"
    leistung: str | None = None
    ueberfaellig: bool = False
    mir_zugewiesen: bool = False
    sortierung: str = "alter"
    seite: int | None = None
    pro_seite: int = PRO_SEITE
    cursor: str | None = None

    def bereinigt(self) -> Korbfilter:
        """Unknown values fall back to the defaults (query strings are user input)."""
        status = self.status if self.status in (*ALLE_STATUS, "offen", "alle") else "offen"
        sortierung = self.sortierung if self.sortierung in SORTIERUNGEN else "alter"
        leistung = (self.leistung or "").strip()[:30] or None
        return Korbfilter(
            status=status,
            leistung=leistung,
            ueberfaellig=self.ueberfaellig,
            mir_zugewiesen=self.mir_zugewiesen,
            sortierung=sortierung,
            seite=None if self.seite is None else max(1, min(self.seite, 1_000_000)),
            pro_seite=max(1, min(self.pro_seite, MAX_PRO_SEITE)),
            cursor=(self.cursor or "").strip() or None,
        )


@dataclass(frozen=True, slots=True)
class Korbzeile:
    nummer: str
    leistung: str
    art: str
    status: str
    eingegangen_am: dt.datetime
    frist: dt.date | None
    antragsteller: str
    zugewiesen_an: str | None
    automatisch: bool
    alter_tage: int
    #: "ueberfaellig", "bald" or "" (for highlighting)
    fristlage: str

    @property
    def status_bezeichnung(self) -> str:
        return BEZEICHNUNG.get(self.status, self.status)


@dataclass(frozen=True, slots=True)
class Korbseite:
    zeilen: tuple[Korbzeile, ...]
    #: number of matching Vorgänge; with ``gesamt_gedeckelt`` only "more than" this (capped count)
    gesamt: int
    filter: Korbfilter
    gesamt_gedeckelt: bool = False
    #: opaque cursors of the next and the previous page (None: there is none)
    weiter: str | None = None
    zurueck: str | None = None

    @property
    def seiten(self) -> int:
        return max(1, -(-self.gesamt // self.filter.pro_seite))


def fristlage(frist: dt.date | None, status: str, heute: dt.date) -> str:
    if frist is None or status in (BESCHIEDEN, ABGESCHLOSSEN):
        return ""
    if frist < heute:
        return "ueberfaellig"
    if frist <= heute + dt.timedelta(days=FRIST_WARNUNG_TAGE):
        return "bald"
    return ""


def _korb_bedingungen(
    behoerde_id: int, f: Korbfilter, benutzer: Benutzer, heute: dt.date
) -> list[ColumnElement[bool]]:
    bedingungen: list[ColumnElement[bool]] = [Vorgang.behoerde_id == behoerde_id]
    if f.status == "offen":
        bedingungen.append(_offen())
    elif f.status != "alle":
        bedingungen.append(Vorgang.status == f.status)
    if f.leistung:
        bedingungen.append(Vorgang.leistung == f.leistung)
    if f.ueberfaellig:
        bedingungen += [Vorgang.frist < heute, _offen()]
    if f.mir_zugewiesen:
        bedingungen.append(Vorgang.zugewiesen_an_id == benutzer.id)
    return bedingungen


def _offen() -> ColumnElement[bool]:
    """``status IN (open statuses)`` with the constants inlined, so that PostgreSQL can prove the
    predicate of the partial indexes of revision 0013 even for a generic prepared plan."""
    return Vorgang.status.in_([literal(x, literal_execute=True) for x in OFFEN])


def arbeitskorb(s: Session, benutzer: Benutzer, filter: Korbfilter, heute: dt.date) -> Korbseite:
    """One page of the authority's Vorgänge (columns for the list only).

    With ``seite`` None (the default): keyset page from ``cursor`` and a count capped at
    ``blaettern.ZAEHLGRENZE``; blaettern.Cursorfehler for a cursor this service did not issue."""
    behoerde_id = pruefe_behoerdenrolle(benutzer)
    f = filter.bereinigt()
    bedingungen = _korb_bedingungen(behoerde_id, f, benutzer, heute)
    antragsteller = aliased(Benutzer)
    zustaendig = aliased(Benutzer)
    abfrage = (
        select(
            Vorgang.nummer,
            Vorgang.leistung,
            Vorgang.art,
            Vorgang.status,
            Vorgang.eingegangen_am,
            Vorgang.frist,
            Vorgang.automatisch,
            antragsteller.name,
            zustaendig.name,
            Vorgang.id,
        )
        .join(antragsteller, antragsteller.id == Vorgang.antragsteller_id)
        .outerjoin(zustaendig, zustaendig.id == Vorgang.zugewiesen_an_id)
        .where(*bedingungen)
    )
    if f.seite is None:
        blatt = blaettern.blaettere(s, abfrage, f.sortierung, ABSCHNITTE[f.sortierung], f.cursor, f.pro_seite)
        zaehlung = select(Vorgang.id).where(*bedingungen)
        gesamt, gedeckelt = blaettern.gedeckelt_zaehlen(s, zaehlung)
        zeilen = _korbzeilen(blatt.zeilen, heute)
        return Korbseite(zeilen, gesamt, f, gedeckelt, blatt.weiter, blatt.zurueck)
    return _nach_seitenzahl(s, abfrage, bedingungen, f, heute)


def _nach_seitenzahl(
    s: Session,
    abfrage: Select[*tuple[Any, ...]],
    bedingungen: list[ColumnElement[bool]],
    f: Korbfilter,
    heute: dt.date,
) -> Korbseite:
    """Page numbers with OFFSET and an exact count (slow at depth; kept for existing API clients)."""
    assert f.seite is not None
    gesamt = s.scalar(select(func.count(Vorgang.id)).where(*bedingungen)) or 0
    if f.sortierung == "frist":
        abfrage = abfrage.order_by(Vorgang.frist.is_(None), Vorgang.frist, Vorgang.id)
    elif f.sortierung == "neueste":
        abfrage = abfrage.order_by(Vorgang.eingegangen_am.desc(), Vorgang.id.desc())
    else:
        abfrage = abfrage.order_by(Vorgang.eingegangen_am, Vorgang.id)
    abfrage = abfrage.limit(f.pro_seite).offset((f.seite - 1) * f.pro_seite)
    return Korbseite(_korbzeilen(list(s.execute(abfrage)), heute), gesamt, f)


def _korbzeilen(ergebnis: list[Any], heute: dt.date) -> tuple[Korbzeile, ...]:
    zeilen = []
    for z in ergebnis:
        eingang = mit_zone(z[4])
        zeilen.append(
            Korbzeile(
                nummer=z[0],
                leistung=z[1],
                art=z[2],
                status=z[3],
                eingegangen_am=eingang,
                frist=z[5],
                automatisch=bool(z[6]),
                antragsteller=z[7],
                zugewiesen_an=z[8],
                alter_tage=max(0, (heute - eingang.date()).days),
                fristlage=fristlage(z[5], z[3], heute),
            )
        )
    return tuple(zeilen)


def leistungen(s: Session, benutzer: Benutzer) -> list[str]:
    """Benefits for the filter: those the product accepts Anträge for (configuration, no table scan)."""
    pruefe_behoerdenrolle(benutzer)
    return sorted(dienste.LEISTUNGEN)


def mit_zone(zeit: dt.datetime) -> dt.datetime:
    """SQLite returns naive datetimes; the stored values are UTC."""
    return zeit if zeit.tzinfo else zeit.replace(tzinfo=dt.UTC)
