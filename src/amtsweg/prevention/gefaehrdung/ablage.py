"""Saving a firm's Gefährdungsbeurteilungen: store, list, reopen, update (Fortschreibung with version).

Ownership is the access rule: an assessment belongs to the account that saved it (the firm's login, a
self-registered account) and nobody else may read or change it, not even staff of the insurer. A refused
access raises ``KeinZugriff`` (shown as "not found", reveals nothing) and leaves an audit event.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from amtsweg.cases.modelle import Benutzer
from amtsweg.cases.rechte import KeinZugriff
from amtsweg.governance.audit import Aktion, protokolliere
from amtsweg.prevention.gefaehrdung.beurteilung import Gefaehrdungsbeurteilung, beurteile
from amtsweg.prevention.gefaehrdung.eingabe import Baustelle, baustelle_aus_dict
from amtsweg.prevention.gefaehrdung.wissensbasis import lade_wissensbasis
from amtsweg.prevention.modelle import GbAblage, GbFassung, jetzt
from amtsweg.rules.engine.fehler import Eingabefehler

MAX_ANLASS = 1000


@dataclass(frozen=True, slots=True)
class Fassungsinfo:
    nummer: int
    datum: dt.date
    anlass: str
    wissensbasis_version: str


@dataclass(frozen=True, slots=True)
class Gespeichert:
    """A reopened assessment: record data, the version history and the assessment of the current version."""

    id: int
    bezeichnung: str
    fassung: int
    geaendert_am: dt.datetime
    fassungen: tuple[Fassungsinfo, ...]
    eingabe: dict[str, Any]
    gb: Gefaehrdungsbeurteilung

    def als_dict(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "bezeichnung": self.bezeichnung,
            "fassung": self.fassung,
            "geaendert_am": self.geaendert_am.isoformat(),
            "fassungen": [
                {
                    "nummer": f.nummer,
                    "datum": f.datum.isoformat(),
                    "anlass": f.anlass,
                    "wissensbasis_version": f.wissensbasis_version,
                }
                for f in self.fassungen
            ],
            "beurteilung": self.gb.als_dict(),
        }


def _anlass(text: str, erste: bool) -> str:
    text = " ".join(str(text or "").split())
    if len(text) > MAX_ANLASS:
        raise Eingabefehler("anlass", f"Bitte beschreiben Sie den Anlass mit höchstens {MAX_ANLASS} Zeichen.")
    if not text and not erste:
        raise Eingabefehler(
            "anlass", "Bitte geben Sie den Anlass der Fortschreibung an (z. B. neuer Bauabschnitt, Unfall)."
        )
    return text or "Erstellung"


def _verweigert(s: Session, benutzer: Benutzer, gb_id: int) -> KeinZugriff:
    protokolliere(
        s,
        Aktion.zugriff_verweigert,
        akteur=benutzer.email,
        rolle=benutzer.rolle,
        daten={"gefaehrdungsbeurteilung": gb_id},
    )
    return KeinZugriff()


def _eigene(s: Session, benutzer: Benutzer, gb_id: int) -> GbAblage:
    ablage = s.get(GbAblage, gb_id)
    if ablage is None or ablage.besitzer_id != benutzer.id:
        raise _verweigert(s, benutzer, gb_id)
    return ablage


def _neue_fassung(ablage: GbAblage, nummer: int, b: Baustelle, anlass: str, benutzer: Benutzer) -> None:
    ablage.fassungen.append(
        GbFassung(
            nummer=nummer,
            eingabe=b.als_dict(),
            anlass=anlass,
            wissensbasis_version=lade_wissensbasis().version,
            erstellt_von=benutzer.name[:200],
        )
    )


def speichere(
    s: Session, benutzer: Benutzer, daten: dict[str, Any], anlass: str = "", gb_id: int | None = None
) -> int:
    """Save a new assessment (``gb_id`` None) or a new version of an own one; returns its id.

    ``daten`` is validated like any input (``baustelle_aus_dict``); a Fortschreibung needs a reason."""
    if gb_id is not None:
        ablage = _eigene(s, benutzer, gb_id)
    b = baustelle_aus_dict(daten)
    text = _anlass(anlass, erste=gb_id is None)
    if gb_id is None:
        ablage = GbAblage(besitzer_id=benutzer.id, bezeichnung=b.bezeichnung, fassung=1)
        s.add(ablage)
        _neue_fassung(ablage, 1, b, text, benutzer)
    else:
        ablage.fassung += 1
        ablage.bezeichnung = b.bezeichnung
        ablage.geaendert_am = jetzt()
        _neue_fassung(ablage, ablage.fassung, b, text, benutzer)
    s.flush()
    return ablage.id


def liste(s: Session, benutzer: Benutzer) -> list[GbAblage]:
    """The caller's own assessments, most recently changed first."""
    return list(
        s.scalars(
            select(GbAblage)
            .where(GbAblage.besitzer_id == benutzer.id)
            .order_by(GbAblage.geaendert_am.desc(), GbAblage.id.desc())
        )
    )


def oeffne(s: Session, benutzer: Benutzer, gb_id: int, fassung: int | None = None) -> Gespeichert:
    """Reopen an own assessment (current version or an earlier ``fassung``), recomputed from its input."""
    ablage = _eigene(s, benutzer, gb_id)
    fassungen = {f.nummer: f for f in ablage.fassungen}
    gewaehlt = fassungen.get(fassung if fassung is not None else ablage.fassung)
    if gewaehlt is None:
        raise Eingabefehler("fassung", "Diese Fassung gibt es nicht.")
    gb = beurteile(baustelle_aus_dict(dict(gewaehlt.eingabe)), heute=gewaehlt.erstellt_am.date())
    gb.fassung = gewaehlt.nummer
    gb.fortschreibungen = [
        (f.nummer, f.erstellt_am.date(), f.anlass) for f in ablage.fassungen if f.nummer <= gewaehlt.nummer
    ]
    return Gespeichert(
        id=ablage.id,
        bezeichnung=ablage.bezeichnung,
        fassung=ablage.fassung,
        geaendert_am=ablage.geaendert_am,
        fassungen=tuple(
            Fassungsinfo(f.nummer, f.erstellt_am.date(), f.anlass, f.wissensbasis_version)
            for f in ablage.fassungen
        ),
        eingabe=dict(gewaehlt.eingabe),
        gb=gb,
    )
