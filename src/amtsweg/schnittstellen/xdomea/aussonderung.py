"""Aussonderung (archive cycle) step 1: Aussonderung.Anbieteverzeichnis.0501, the list of Vorgänge whose
retention period ended, offered to the responsible archive. Metadata only (no primary files); the archive
answers with 0502 (Bewertungsverzeichnis: A archivieren / V vernichten per object), after which 0503 carries
the primary documents of the "A" objects. The cycle is described in docs/schnittstellen.md.
"""

from __future__ import annotations

import datetime as dt

from sqlalchemy import select
from sqlalchemy.orm import Session

from amtsweg.cases.modelle import Vorgang
from amtsweg.cases.status import ABGESCHLOSSEN
from amtsweg.governance.audit import Aktion, AuditEreignis
from amtsweg.schnittstellen.xdomea import bausteine as b
from amtsweg.schnittstellen.xdomea.abgabe import (
    Abgabefehler,
    Aufbewahrung,
    Nachricht,
    packe,
    primaerdateien,
    vorgang_element,
)

NACHRICHT = "Aussonderung.Anbieteverzeichnis.0501"
AUSSONDERUNG = "Aussonderung.Aussonderung.0503"


def zda_datum(s: Session, vorgang: Vorgang) -> dt.date:
    """The day the Vorgang was closed (last change to ``abgeschlossen`` in the audit trail)."""
    ereignisse = s.scalars(
        select(AuditEreignis)
        .where(AuditEreignis.vorgang == vorgang.nummer, AuditEreignis.aktion == Aktion.status_geaendert.value)
        .order_by(AuditEreignis.folge.desc())
    )
    zeit = next((e.zeitpunkt for e in ereignisse if e.daten.get("nach") == ABGESCHLOSSEN), None)
    return (zeit or vorgang.aktualisiert_am).date()


def aufbewahrungsende(zda: dt.date, jahre: int) -> dt.date:
    """End of retention: the end of the calendar year ``jahre`` years after the zdA year (the usual
    Registraturrichtlinie practice; the authority confirms it in its Aktenplan)."""
    return dt.date(zda.year + jahre, 12, 31)


def faellige_vorgaenge(s: Session, behoerde_id: int, stichtag: dt.date, jahre: int) -> list[Vorgang]:
    abfrage = select(Vorgang).where(Vorgang.behoerde_id == behoerde_id, Vorgang.status == ABGESCHLOSSEN)
    return [
        v
        for v in s.scalars(abfrage.order_by(Vorgang.id))
        if aufbewahrungsende(zda_datum(s, v), jahre) < stichtag
    ]


def erstelle_anbieteverzeichnis(
    s: Session,
    behoerde_id: int,
    archiv: b.Stelle,
    stichtag: dt.date,
    aufbewahrung: Aufbewahrung,
    *,
    kopf: b.Nachrichtenkopf | None = None,
) -> Nachricht:
    """0501 for all closed Vorgänge of the authority whose retention ended before ``stichtag``."""
    if aufbewahrung.jahre is None:
        raise Abgabefehler("Für das Anbieteverzeichnis muss die Aufbewahrungsfrist (Jahre) angegeben sein.")
    vorgaenge = faellige_vorgaenge(s, behoerde_id, stichtag, aufbewahrung.jahre)
    if not vorgaenge:
        raise Abgabefehler("Keine abgeschlossenen Vorgänge mit abgelaufener Aufbewahrungsfrist.")
    behoerde = vorgaenge[0].behoerde
    kopf = kopf or b.Nachrichtenkopf(NACHRICHT, b.Stelle(behoerde.schluessel, behoerde.name), archiv)
    wurzel = b.wurzel(kopf)
    knoten = b.nkbasis(wurzel, kopf)
    b.el(knoten, "Empfangsbestaetigung", "1")
    anzahl = 0
    for vorgang in vorgaenge:
        dateien = primaerdateien(s, vorgang)
        anzahl += len(dateien)
        ende = aufbewahrungsende(zda_datum(s, vorgang), aufbewahrung.jahre)
        vorgang_element(
            b.el(wurzel, "Schriftgutobjekt"),
            vorgang,
            dateien,
            aufbewahrung,
            mit_primaerdokumenten=False,
            aufbewahrungsende=ende,
        )
    return Nachricht(
        f"{kopf.dateistamm}.zip", packe(kopf, b.serialisiere(wurzel), []), kopf.prozess_id, anzahl
    )


def erstelle_aussonderung(
    s: Session,
    nummern: list[str],
    archiv: b.Stelle,
    aufbewahrung: Aufbewahrung,
    *,
    kopf: b.Nachrichtenkopf | None = None,
) -> Nachricht:
    """Aussonderung.Aussonderung.0503: the Vorgänge the archive marked "A" in its Bewertungsverzeichnis
    (0502), with all primary documents (same content as the Abgabe). Only closed Vorgänge of one authority."""
    vorgaenge = []
    for nummer in dict.fromkeys(nummern):
        vorgang = s.scalar(select(Vorgang).where(Vorgang.nummer == nummer))
        if vorgang is None:
            raise Abgabefehler(f"Den Vorgang „{nummer}“ gibt es nicht.")
        if vorgang.status != ABGESCHLOSSEN:
            raise Abgabefehler(
                f"Der Vorgang „{nummer}“ ist nicht abgeschlossen und kann nicht ausgesondert werden."
            )
        vorgaenge.append(vorgang)
    if not vorgaenge or len({v.behoerde_id for v in vorgaenge}) != 1:
        raise Abgabefehler("Eine Aussonderung enthält Vorgänge genau einer Behörde.")
    behoerde = vorgaenge[0].behoerde
    kopf = kopf or b.Nachrichtenkopf(AUSSONDERUNG, b.Stelle(behoerde.schluessel, behoerde.name), archiv)
    wurzel = b.wurzel(kopf)
    knoten = b.nkbasis(wurzel, kopf)
    b.el(knoten, "Importbestaetigung", "1")  # fixed value in the XSD
    b.el(knoten, "RueckmeldungArchivkennung", "true")
    b.el(knoten, "Empfangsbestaetigung", "true")
    alle: list[b.Primaerdatei] = []
    for vorgang in vorgaenge:
        dateien = primaerdateien(s, vorgang)
        vorgang_element(b.el(wurzel, "Schriftgutobjekt"), vorgang, dateien, aufbewahrung)
        alle.extend(dateien)
    return Nachricht(
        f"{kopf.dateistamm}.zip", packe(kopf, b.serialisiere(wurzel), alle), kopf.prozess_id, len(alle)
    )
