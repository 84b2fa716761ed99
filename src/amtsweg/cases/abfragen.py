"""Read-only queries for the staff workspace: the queue (Arbeitskorb), the Vorgang view, the timeline
and the team-lead overview.

Built for large authorities (100 000 Vorgänge and more): every query is scoped to the user's authority,
selects only the columns a list needs (never the Antrag JSON), counts and aggregates in the database and
paginates; nothing loads all Vorgänge. Rights: only staff of the authority (cases.rechte); the Vorgang
itself is loaded through ``dienste.lade_vorgang`` which checks and logs access.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import ColumnElement, func, select
from sqlalchemy.orm import Session, aliased, defer

from amtsweg.cases import dienste, rechte
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
from amtsweg.cases.status import (
    ABGESCHLOSSEN,
    BESCHIEDEN,
    BEZEICHNUNG,
    EINGEGANGEN,
    ENTSCHEIDUNGSREIF,
    IN_PRUEFUNG,
    UNVOLLSTAENDIG,
    WIDERSPRUCH,
    ZUR_FREIGABE,
)
from amtsweg.governance.audit import AuditEreignis

#: statuses in which a Vorgang still needs work (the default view of the queue)
OFFEN = (EINGEGANGEN, UNVOLLSTAENDIG, IN_PRUEFUNG, ENTSCHEIDUNGSREIF, ZUR_FREIGABE, WIDERSPRUCH)
ALLE_STATUS = (*OFFEN, BESCHIEDEN, ABGESCHLOSSEN)
SORTIERUNGEN = {
    "alter": "Älteste zuerst",
    "frist": "Frist zuerst",
    "neueste": "Neueste zuerst",
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
    """Filters of the queue. ``status``: a status, ``"offen"`` (default) or ``"alle"``."""

    status: str = "offen"
    leistung: str | None = None
    ueberfaellig: bool = False
    mir_zugewiesen: bool = False
    sortierung: str = "alter"
    seite: int = 1
    pro_seite: int = PRO_SEITE

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
            seite=max(1, min(self.seite, 1_000_000)),
            pro_seite=max(1, min(self.pro_seite, MAX_PRO_SEITE)),
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
    gesamt: int
    filter: Korbfilter

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
        bedingungen.append(Vorgang.status.in_(OFFEN))
    elif f.status != "alle":
        bedingungen.append(Vorgang.status == f.status)
    if f.leistung:
        bedingungen.append(Vorgang.leistung == f.leistung)
    if f.ueberfaellig:
        bedingungen += [Vorgang.frist < heute, Vorgang.status.in_(OFFEN)]
    if f.mir_zugewiesen:
        bedingungen.append(Vorgang.zugewiesen_an_id == benutzer.id)
    return bedingungen


def arbeitskorb(s: Session, benutzer: Benutzer, filter: Korbfilter, heute: dt.date) -> Korbseite:
    """One page of the authority's Vorgänge (columns for the list only)."""
    behoerde_id = pruefe_behoerdenrolle(benutzer)
    f = filter.bereinigt()
    bedingungen = _korb_bedingungen(behoerde_id, f, benutzer, heute)
    gesamt = s.scalar(select(func.count(Vorgang.id)).where(*bedingungen)) or 0
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
        )
        .join(antragsteller, antragsteller.id == Vorgang.antragsteller_id)
        .outerjoin(zustaendig, zustaendig.id == Vorgang.zugewiesen_an_id)
        .where(*bedingungen)
    )
    if f.sortierung == "frist":
        abfrage = abfrage.order_by(Vorgang.frist.is_(None), Vorgang.frist, Vorgang.id)
    elif f.sortierung == "neueste":
        abfrage = abfrage.order_by(Vorgang.eingegangen_am.desc(), Vorgang.id.desc())
    else:
        abfrage = abfrage.order_by(Vorgang.eingegangen_am, Vorgang.id)
    abfrage = abfrage.limit(f.pro_seite).offset((f.seite - 1) * f.pro_seite)
    zeilen = []
    for z in s.execute(abfrage):
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
    return Korbseite(tuple(zeilen), gesamt, f)


def leistungen(s: Session, benutzer: Benutzer) -> list[str]:
    """Benefits present in the authority (for the filter); DISTINCT on an indexed scope."""
    behoerde_id = pruefe_behoerdenrolle(benutzer)
    return sorted(
        s.scalars(select(Vorgang.leistung).where(Vorgang.behoerde_id == behoerde_id).distinct()).all()
    )


def mit_zone(zeit: dt.datetime) -> dt.datetime:
    """SQLite returns naive datetimes; the stored values are UTC."""
    return zeit if zeit.tzinfo else zeit.replace(tzinfo=dt.UTC)


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
