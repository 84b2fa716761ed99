"""Abgabe.Abgabe.0401: hand Vorgänge over to an e-Akte/DMS or another authority (xdomea 3.0.0).

Each Vorgang becomes one ``Schriftgutobjekt/Vorgang`` with its metadata (Kennzeichen = Vorgangsnummer,
Leistung, status, Laufzeit, retention) and these primary documents, each with its SHA-256:
the Antrag data (JSON), every Nachweis (as uploaded), every Bescheid (PDF), the Berechnungen (JSON) and
the audit trail of the Vorgang (JSON with each event's chain hash). The ZIP is named
``{ProzessID}_Abgabe.Abgabe.0401.zip`` and holds ``{ProzessID}_Abgabe.Abgabe.0401.xml`` plus the files.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import io
import json
import uuid
import zipfile
from dataclasses import dataclass
from typing import Any

from lxml import etree
from sqlalchemy import select
from sqlalchemy.orm import Session

from amtsweg.cases import rechte
from amtsweg.cases.ablage import lies
from amtsweg.cases.modelle import Benutzer, Berechnung, Bescheid, Dokument, Vorgang
from amtsweg.cases.status import ABGESCHLOSSEN, BEZEICHNUNG
from amtsweg.governance.audit import Aktion, AuditEreignis, protokolliere
from amtsweg.schnittstellen.xdomea import bausteine as b

NACHRICHT = "Abgabe.Abgabe.0401"
#: stable namespace for the UUIDs of Amtsweg objects in xdomea (same Vorgang -> same ID in every message)
UUID_NAMESPACE = uuid.UUID("6f1c2a55-2d0e-4f4b-9a57-3c1e0b7d9a11")
LEISTUNG = {
    "wohngeld": "Wohngeld",
    "grundsicherung": "Grundsicherungsgeld",
    "kinderzuschlag": "Kinderzuschlag",
}


class Abgabefehler(Exception):
    """Export refused; German message."""


@dataclass(frozen=True, slots=True)
class Aufbewahrung:
    """Retention of a Vorgang after it is closed (zdA). The authority sets the years from its own
    Aktenplan/retention rules; Amtsweg has no legal default (see docs/schnittstellen.md)."""

    jahre: int | None = None  # None = not set by the authority
    aussonderungsart: str = "B"  # xdomea code list Aussonderungsart: A archivwürdig, B bewerten, V vernichten


@dataclass(frozen=True, slots=True)
class Nachricht:
    dateiname: str  # the ZIP's name
    inhalt: bytes  # the ZIP
    prozess_id: str
    dokumente: int


def objekt_id(art: str, schluessel: str) -> str:
    return str(uuid.uuid5(UUID_NAMESPACE, f"{art}:{schluessel}"))


def _json(daten: Any) -> bytes:
    return json.dumps(daten, ensure_ascii=False, indent=2, sort_keys=True, default=str).encode("utf-8")


def _datei(
    art: str, schluessel: str, titel: str, name: str, mime: str, inhalt: bytes, zeit: dt.datetime, typ: str
) -> b.Primaerdatei:
    return b.Primaerdatei(
        id=objekt_id(art, schluessel),
        titel=titel,
        dateiname_original=name,
        mime=mime,
        inhalt=inhalt,
        sha256=hashlib.sha256(inhalt).hexdigest(),
        erstellt=zeit,
        typ=typ,
    )


def pruefpfad(s: Session, vorgang: Vorgang) -> list[dict[str, Any]]:
    abfrage = select(AuditEreignis).where(AuditEreignis.vorgang == vorgang.nummer)
    return [
        {
            "folge": e.folge,
            "zeitpunkt": e.zeitpunkt.isoformat(),
            "aktion": e.aktion,
            "akteur": e.akteur,
            "rolle": e.rolle,
            "daten": e.daten,
            "regelwerk_version": e.regelwerk_version,
            "hash": e.hash,
            "vorheriger_hash": e.vorheriger_hash,
        }
        for e in s.scalars(abfrage.order_by(AuditEreignis.folge))
    ]


def primaerdateien(s: Session, vorgang: Vorgang) -> list[b.Primaerdatei]:
    """All primary documents of a Vorgang, in a fixed order (Antrag, Nachweise, Berechnungen, Bescheide,
    Prüfpfad). A stored Nachweis whose checksum no longer matches stops the export (Ablagefehler)."""
    n = vorgang.nummer
    antrag = {
        "vorgangsnummer": n,
        "leistung": vorgang.leistung,
        "art": vorgang.art,
        "eingegangen_am": vorgang.eingegangen_am,
        "bemerkung": vorgang.bemerkung,
        "daten": vorgang.daten,
    }
    dateien = [
        _datei(
            "antrag",
            n,
            "Antrag (Antragsdaten)",
            f"{n}_antrag.json",
            "application/json",
            _json(antrag),
            vorgang.eingegangen_am,
            "Antrag",
        )
    ]
    for d in s.scalars(select(Dokument).where(Dokument.vorgang_id == vorgang.id).order_by(Dokument.id)):
        dateien.append(
            _datei(
                "dokument",
                f"{n}:{d.id}",
                f"Nachweis: {d.dateiname}",
                d.dateiname,
                d.mime,
                lies(d.speicherort, d.sha256),
                d.hochgeladen_am,
                "Nachweis",
            )
        )
    berechnungen = [
        {
            "id": x.id,
            "stichtag": x.stichtag,
            "betrag_cent": x.betrag_cent,
            "regelwerk_version": x.regelwerk_version,
            "erstellt_von": x.erstellt_von,
            "erstellt_am": x.erstellt_am,
            "ergebnis": x.ergebnis,
        }
        for x in s.scalars(
            select(Berechnung).where(Berechnung.vorgang_id == vorgang.id).order_by(Berechnung.id)
        )
    ]
    if berechnungen:
        dateien.append(
            _datei(
                "berechnungen",
                n,
                "Berechnungen mit Regelwerksversion",
                f"{n}_berechnungen.json",
                "application/json",
                _json(berechnungen),
                vorgang.aktualisiert_am,
                "Berechnung",
            )
        )
    for x in s.scalars(select(Bescheid).where(Bescheid.vorgang_id == vorgang.id).order_by(Bescheid.id)):
        dateien.append(
            _datei(
                "bescheid",
                f"{n}:{x.id}",
                f"Bescheid vom {x.datum:%d.%m.%Y}",
                f"{n}_bescheid_{x.id}.pdf",
                "application/pdf",
                x.pdf,
                x.erstellt_am,
                "Bescheid",
            )
        )
    dateien.append(
        _datei(
            "pruefpfad",
            n,
            "Prüfpfad (Audit-Trail, hash-verkettet)",
            f"{n}_pruefpfad.json",
            "application/json",
            _json(pruefpfad(s, vorgang)),
            vorgang.aktualisiert_am,
            "Prüfpfad",
        )
    )
    return dateien


def vorgang_element(
    eltern: etree._Element,
    vorgang: Vorgang,
    dateien: list[b.Primaerdatei],
    aufbewahrung: Aufbewahrung,
    mit_primaerdokumenten: bool = True,
    aufbewahrungsende: dt.date | None = None,
) -> None:
    knoten = b.el(eltern, "Vorgang")
    ident = b.el(knoten, "Identifikation")
    b.el(ident, "ID", objekt_id("vorgang", vorgang.nummer))
    meta = b.el(knoten, "AllgemeineMetadaten")
    leistung = LEISTUNG.get(vorgang.leistung, vorgang.leistung)
    b.el(meta, "Betreff", f"{leistung}: {vorgang.art} {vorgang.nummer}")
    b.el(meta, "Kennzeichen", vorgang.nummer)
    archiv = b.el(knoten, "ArchivspezifischeMetadaten")
    if aufbewahrung.jahre is not None:
        b.el(b.el(archiv, "Aufbewahrungsdauer"), "AnzahlJahre", str(aufbewahrung.jahre))
    art = b.el(archiv, "Aussonderungsart")
    b.code(
        art,
        "Aussonderungsart",
        aufbewahrung.aussonderungsart,
        "urn:xoev-de:xdomea:codeliste:aussonderungsart",
        "1.0",
    )
    if aufbewahrungsende is not None:
        b.el(archiv, "Aufbewahrungsende", aufbewahrungsende.isoformat())
    b.el(knoten, "Typ", leistung)
    b.el(knoten, "ZdA", "true" if vorgang.status == ABGESCHLOSSEN else "false")
    laufzeit = b.el(knoten, "Laufzeit")
    b.el(laufzeit, "Beginn", vorgang.eingegangen_am.date().isoformat())
    if vorgang.status == ABGESCHLOSSEN:
        b.el(laufzeit, "Ende", vorgang.aktualisiert_am.date().isoformat())
    for nummer, datei in enumerate(dateien, start=1):
        b.dokument(knoten, datei, nummer, mit_version=mit_primaerdokumenten)
    b.erweiterung(
        knoten,
        [
            ("vorgangsnummer", vorgang.nummer),
            ("leistung", vorgang.leistung),
            ("status", BEZEICHNUNG.get(vorgang.status, vorgang.status)),
        ],
    )


def packe(kopf: b.Nachrichtenkopf, xml: bytes, dateien: list[b.Primaerdatei]) -> bytes:
    puffer = io.BytesIO()
    with zipfile.ZipFile(puffer, "w", compression=zipfile.ZIP_DEFLATED) as zip_:
        zip_.writestr(f"{kopf.dateistamm}.xml", xml)
        for datei in dateien:
            zip_.writestr(datei.dateiname, datei.inhalt)
    return puffer.getvalue()


def erstelle_abgabe(
    s: Session,
    vorgaenge: list[Vorgang],
    empfaenger: b.Stelle,
    aufbewahrung: Aufbewahrung | None = None,
    *,
    kopf: b.Nachrichtenkopf | None = None,
) -> Nachricht:
    """Build the 0401 message for Vorgänge of one authority (no rights check: see ``abgabe``)."""
    if not vorgaenge:
        raise Abgabefehler("Es wurde kein Vorgang angegeben.")
    behoerden = {v.behoerde_id for v in vorgaenge}
    if len(behoerden) != 1:
        raise Abgabefehler("Eine Abgabe enthält nur Vorgänge einer Behörde.")
    behoerde = vorgaenge[0].behoerde
    kopf = kopf or b.Nachrichtenkopf(NACHRICHT, b.Stelle(behoerde.schluessel, behoerde.name), empfaenger)
    wurzel = b.wurzel(kopf)
    knoten = b.nkbasis(wurzel, kopf)
    b.el(knoten, "Importbestaetigung", "1")  # fixed value in the XSD
    b.el(knoten, "Empfangsbestaetigung", "1")
    alle: list[b.Primaerdatei] = []
    for vorgang in vorgaenge:
        dateien = primaerdateien(s, vorgang)
        vorgang_element(b.el(wurzel, "Schriftgutobjekt"), vorgang, dateien, aufbewahrung or Aufbewahrung())
        alle.extend(dateien)
    inhalt = packe(kopf, b.serialisiere(wurzel), alle)
    return Nachricht(f"{kopf.dateistamm}.zip", inhalt, kopf.prozess_id, len(alle))


def abgabe(
    s: Session,
    nummern: list[str],
    empfaenger: b.Stelle,
    aufbewahrung: Aufbewahrung | None = None,
    *,
    benutzer: Benutzer | None = None,
) -> Nachricht:
    """Export Vorgänge by number: as a staff action (``benutzer``: rights checked per Vorgang) or by the
    operator (CLI). Audited per Vorgang in the caller's transaction."""
    vorgaenge = []
    for nummer in dict.fromkeys(nummern):
        vorgang = s.scalar(select(Vorgang).where(Vorgang.nummer == nummer))
        if benutzer is not None and (vorgang is None or not rechte.darf_bearbeiten(benutzer, vorgang)):
            raise rechte.KeinZugriff()
        if vorgang is None:
            raise Abgabefehler(f"Den Vorgang „{nummer}“ gibt es nicht.")
        vorgaenge.append(vorgang)
    nachricht = erstelle_abgabe(s, vorgaenge, empfaenger, aufbewahrung)
    akteur, rolle = (benutzer.email, benutzer.rolle) if benutzer else ("betrieb", "administration")
    for vorgang in vorgaenge:
        protokolliere(
            s,
            Aktion.xdomea_abgabe,
            akteur=akteur,
            rolle=rolle,
            vorgang=vorgang.nummer,
            daten={"prozess_id": nachricht.prozess_id, "empfaenger": empfaenger.name, "nachricht": NACHRICHT},
        )
    return nachricht
