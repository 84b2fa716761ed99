"""Read-only queries for the staff workspace: the Vorgang view and the timeline (the queue:
cases.arbeitskorb, re-exported here; the team-lead overview: cases.uebersicht).

Built for large authorities (100 000 Vorgänge and more): every query is scoped to the user's authority,
selects only the columns a list needs (never the Antrag JSON), counts and aggregates in the database and
paginates; nothing loads all Vorgänge. Rights: only staff of the authority (cases.rechte); the Vorgang
itself is loaded through ``dienste.lade_vorgang`` which checks and logs access.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session, defer

from amtsweg.cases import dienste, rechte
from amtsweg.cases.arbeitskorb import (  # the queue lives in cases.arbeitskorb; re-exported here
    ALLE_STATUS,
    FRIST_WARNUNG_TAGE,
    MAX_PRO_SEITE,
    OFFEN,
    PRO_SEITE,
    SORTIERUNGEN,
    Korbfilter,
    Korbseite,
    Korbzeile,
    arbeitskorb,
    fristlage,
    leistungen,
    mit_zone,
    pruefe_behoerdenrolle,
)
from amtsweg.cases.modelle import (
    Benutzer,
    Berechnung,
    Bescheid,
    Dokument,
    Entscheidung,
    Nachforderung,
    Vorgang,
    Widerspruch,
)
from amtsweg.cases.status import BEZEICHNUNG
from amtsweg.governance.audit import AuditEreignis

__all__ = [
    "ALLE_STATUS",
    "FRIST_WARNUNG_TAGE",
    "MAX_PRO_SEITE",
    "OFFEN",
    "PRO_SEITE",
    "SORTIERUNGEN",
    "Korbfilter",
    "Korbseite",
    "Korbzeile",
    "Vorgangsansicht",
    "Zeitpunkt",
    "arbeitskorb",
    "bescheid",
    "dokument",
    "fristlage",
    "leistungen",
    "mit_zone",
    "pruefe_behoerdenrolle",
    "vorgangsansicht",
    "zeitachse",
]

# --- one Vorgang -----------------------------------------------------------------------------------

ZEITACHSE_TEXT = {
    "antrag_eingereicht": "Antrag eingereicht",
    "automatisierung_geprueft": "Automatisierte Bearbeitung geprüft (§ 31a SGB X)",
    "status_geaendert": "Status geändert",
    "dokument_hochgeladen": "Unterlage hochgeladen",
    "nachforderung": "Unterlagen nachgefordert",
    "erinnerung": "Erinnerung an die Frist versandt",
    "berechnung": "Berechnung durchgeführt",
    "entscheidung": "Entscheidung getroffen",
    "freigabe": "Entscheidung freigegeben (Vier-Augen-Prinzip)",
    "freigabe_abgelehnt": "Entscheidung zur Überarbeitung zurückgewiesen",
    "bescheid_erstellt": "Bescheid erstellt",
    "bescheid_abgerufen": "Bescheid abgerufen",
    "widerspruch": "Widerspruch eingegangen",
    "zugriff_verweigert": "Zugriff verweigert",
    "vorgang_zugewiesen": "Vorgang übernommen",
}
#: events a citizen sees about her own Vorgang (no internal checks, no staff identities)
FUER_BUERGER = (
    "antrag_eingereicht",
    "status_geaendert",
    "dokument_hochgeladen",
    "nachforderung",
    "erinnerung",
    "bescheid_erstellt",
    "widerspruch",
)


@dataclass(frozen=True, slots=True)
class Zeitpunkt:
    folge: int
    zeitpunkt: dt.datetime
    aktion: str
    text: str
    akteur: str | None
    rolle: str | None
    regelwerk_version: str | None
    details: dict[str, Any]


def _beschreibe(e: AuditEreignis) -> str:
    text = ZEITACHSE_TEXT.get(e.aktion, e.aktion)
    daten = e.daten or {}
    if e.aktion == "status_geaendert" and "nach" in daten:
        von = BEZEICHNUNG.get(str(daten.get("von")), str(daten.get("von")))
        nach = BEZEICHNUNG.get(str(daten["nach"]), str(daten["nach"]))
        return f"Status: {von} → {nach}"
    if e.aktion == "vorgang_zugewiesen" and daten.get("vorher"):
        return f"{text} (zuvor zugewiesen an {daten['vorher']})"
    if e.aktion == "nachforderung" and daten.get("frist"):
        return f"{text}, Frist bis {dt.date.fromisoformat(str(daten['frist'])):%d.%m.%Y}"
    return text


def zeitachse(s: Session, nummer: str, *, fuer_buerger: bool = False, grenze: int = 500) -> list[Zeitpunkt]:
    """Audit events of one Vorgang, oldest first (indexed by ``audit_ereignis.vorgang``).

    The caller must have loaded the Vorgang through ``dienste.lade_vorgang`` (rights).
    For citizens: only the events about the procedure, without who in the authority acted."""
    abfrage = select(AuditEreignis).where(AuditEreignis.vorgang == nummer)
    if fuer_buerger:
        abfrage = abfrage.where(AuditEreignis.aktion.in_(FUER_BUERGER))
    else:
        abfrage = abfrage.where(AuditEreignis.aktion != "vorgang_angesehen")
    ereignisse = s.scalars(abfrage.order_by(AuditEreignis.folge).limit(grenze))
    return [
        Zeitpunkt(
            folge=e.folge,
            zeitpunkt=mit_zone(e.zeitpunkt),
            aktion=e.aktion,
            text=_beschreibe(e),
            akteur=None if fuer_buerger else e.akteur,
            rolle=None if fuer_buerger else e.rolle,
            regelwerk_version=e.regelwerk_version,
            details={} if fuer_buerger else dict(e.daten or {}),
        )
        for e in ereignisse
    ]


@dataclass(frozen=True, slots=True)
class Vorgangsansicht:
    vorgang: Vorgang
    antragsteller: Benutzer
    dokumente: list[Dokument]
    berechnung: Berechnung | None
    nachforderungen: list[Nachforderung]
    entscheidung: Entscheidung | None
    entschieden_von: str | None
    freigegeben_von: str | None
    bescheide: list[Bescheid] = field(default_factory=list)
    widersprueche: list[Widerspruch] = field(default_factory=list)
    zeitachse: list[Zeitpunkt] = field(default_factory=list)
    #: name of the staff member the Vorgang is assigned to (None: nobody)
    zugewiesen_an: str | None = None
    #: for a Weiterleistung or Änderung: the earlier Vorgang and its last Entscheidung
    vorgaenger: Vorgang | None = None
    vorgaenger_entscheidung: Entscheidung | None = None

    @property
    def offene_nachforderungen(self) -> list[Nachforderung]:
        return [n for n in self.nachforderungen if n.erledigt_am is None]

    @property
    def trace(self) -> list[dict[str, str]]:
        if self.berechnung is None:
            return []
        ergebnis = self.berechnung.ergebnis.get(self.vorgang.leistung, {})
        return [
            {"norm": str(x.get("norm", "")), "text": str(x.get("text", "")), "wert": str(x.get("wert", ""))}
            for x in ergebnis.get("begruendung", [])
        ]


def vorgangsansicht(s: Session, benutzer: Benutzer, vorgang: Vorgang) -> Vorgangsansicht:
    """Everything the staff screen shows about one Vorgang (already loaded with rights checked)."""
    rechte.pruefe(rechte.darf_bearbeiten(benutzer, vorgang))
    vid = vorgang.id
    entscheidung = dienste.letzte_entscheidung(s, vid)
    vorgaenger = s.get(Vorgang, vorgang.vorgaenger_id) if vorgang.vorgaenger_id else None

    def name(benutzer_id: int | None) -> str | None:
        return s.get_one(Benutzer, benutzer_id).name if benutzer_id else None

    return Vorgangsansicht(
        vorgang=vorgang,
        antragsteller=s.get_one(Benutzer, vorgang.antragsteller_id),
        dokumente=list(s.scalars(select(Dokument).where(Dokument.vorgang_id == vid).order_by(Dokument.id))),
        berechnung=s.scalar(
            select(Berechnung).where(Berechnung.vorgang_id == vid).order_by(Berechnung.id.desc()).limit(1)
        ),
        nachforderungen=list(
            s.scalars(select(Nachforderung).where(Nachforderung.vorgang_id == vid).order_by(Nachforderung.id))
        ),
        entscheidung=entscheidung,
        entschieden_von=name(entscheidung.entschieden_von_id) if entscheidung else None,
        freigegeben_von=name(entscheidung.freigegeben_von_id) if entscheidung else None,
        bescheide=list(
            s.scalars(
                select(Bescheid)
                .where(Bescheid.vorgang_id == vid)
                .order_by(Bescheid.id)
                .options(defer(Bescheid.pdf))  # the PDFs are fetched only for download
            )
        ),
        widersprueche=list(
            s.scalars(select(Widerspruch).where(Widerspruch.vorgang_id == vid).order_by(Widerspruch.id))
        ),
        zeitachse=zeitachse(s, vorgang.nummer),
        zugewiesen_an=name(vorgang.zugewiesen_an_id),
        vorgaenger=vorgaenger,
        vorgaenger_entscheidung=dienste.letzte_entscheidung(s, vorgaenger.id) if vorgaenger else None,
    )


def dokument(s: Session, vorgang: Vorgang, dokument_id: int) -> Dokument | None:
    """A document of this Vorgang (the id alone never gives access to another Vorgang's file)."""
    return s.scalar(select(Dokument).where(Dokument.id == dokument_id, Dokument.vorgang_id == vorgang.id))


def bescheid(s: Session, vorgang: Vorgang, bescheid_id: int) -> Bescheid | None:
    return s.scalar(select(Bescheid).where(Bescheid.id == bescheid_id, Bescheid.vorgang_id == vorgang.id))


# --- team-lead overview ----------------------------------------------------------------------------
