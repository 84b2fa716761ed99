"""Jobs of the Nachweise: ``dokument_lesen`` reads an uploaded Dokument and stores the proposals (idempotent
per Dokument); ``dokumente_aufbewahrung`` applies the retention period once a day (planned by the worker)."""

from __future__ import annotations

import datetime as dt
import hashlib
from typing import Any

from pypdf.errors import PyPdfError
from pypdfium2 import PdfiumError
from sqlalchemy import event, select
from sqlalchemy.orm import Session

from amtsweg.cases import ablage
from amtsweg.cases.modelle import Dokument, Vorgang
from amtsweg.db.auftraege import Auftrag, aufgabe, einreihen
from amtsweg.documents import aufbewahrung, extraktion, klassifikation
from amtsweg.documents.modelle import Dokumentauswertung, Feldvorschlag
from amtsweg.documents.pruefung import Pruefungsfehler
from amtsweg.documents.verarbeitung import Ergebnis, verarbeite
from amtsweg.governance import schalter
from amtsweg.governance.audit import Aktion, protokolliere

ART = "dokument_lesen"
#: reader errors that retrying cannot fix (the file itself is refused or cannot be parsed)
LESEFEHLER = (Pruefungsfehler, PdfiumError, PyPdfError)
UNLESBAR = "Die Datei konnte nicht gelesen werden (beschädigt oder unvollständig). Bitte erneut hochladen."
AUFBEWAHRUNG = "dokumente_aufbewahrung"


def modell_version() -> str:
    """Short hash of the shipped model files: which weights produced a proposal."""
    pruefsumme = hashlib.sha256()
    for datei in (klassifikation.MODELL_DATEI, extraktion.MODELL_DATEI):
        pruefsumme.update(datei.read_bytes() if datei.exists() else b"")
    return f"dokumente-{pruefsumme.hexdigest()[:12]}"


def dokument_einreihen(s: Session, dokument: Dokument) -> Auftrag | None:
    """Enqueue reading once per Dokument (call after the upload was registered, same transaction)."""
    if not schalter.ist_aktiv(s, "dokumente"):  # AI switched off (governance): staff enter values by hand
        return None
    return einreihen(s, ART, f"{ART}-{dokument.id}", {"dokument_id": dokument.id})


def speichere_ergebnis(s: Session, dokument: Dokument, ergebnis: Ergebnis) -> Dokumentauswertung:
    quellen = {seite.quelle for seite in ergebnis.seiten}
    auswertung = Dokumentauswertung(
        dokument_id=dokument.id,
        typ=ergebnis.typ,
        konfidenz=ergebnis.konfidenz,
        verteilung={k: round(v, 4) for k, v in ergebnis.verteilung.items()},
        seiten=len(ergebnis.seiten),
        quelle=quellen.pop() if len(quellen) == 1 else "gemischt",
        dauer_ms=round(ergebnis.dauer * 1000),
        modell_version=modell_version(),
    )
    for v in ergebnis.felder:
        auswertung.vorschlaege.append(
            Feldvorschlag(
                dokument_id=dokument.id,
                feld=v.feld,
                wert=v.wert[:200],
                text=v.text[:300],
                seite=v.seite,
                zeile=v.zeile,
                spanne=list(v.spanne),
                # the box on the uploaded page image, then the transform OCR applied (drehung, schraeglage)
                box=[*v.box, *v.lage] if v.box else None,
                konfidenz=v.konfidenz,
            )
        )
    s.add(auswertung)
    s.flush()
    return auswertung


@aufgabe(ART)
def dokument_lesen(s: Session, daten: dict[str, Any]) -> None:
    dokument = s.get_one(Dokument, int(daten["dokument_id"]))
    if s.scalar(select(Dokumentauswertung.id).where(Dokumentauswertung.dokument_id == dokument.id)):
        return  # already read (a retried or duplicated job)
    if not schalter.ist_aktiv(s, "dokumente"):
        return  # switched off after it was queued: this Dokument stays with manual entry
    inhalt = ablage.lies(dokument.speicherort, dokument.sha256)
    try:
        ergebnis = verarbeite(inhalt)
    except LESEFEHLER as fehler:  # refused or unparsable content is final: record it once, do not retry
        meldung = str(fehler) if isinstance(fehler, Pruefungsfehler) else UNLESBAR
        s.add(
            Dokumentauswertung(
                dokument_id=dokument.id, typ="", fehler=meldung, modell_version=modell_version()
            )
        )
        s.flush()
        _protokolliere_gelesen(s, dokument, {"fehler": meldung})
        return
    auswertung = speichere_ergebnis(s, dokument, ergebnis)
    _protokolliere_gelesen(s, dokument, {"typ": auswertung.typ, "vorschlaege": len(ergebnis.felder)})


def _protokolliere_gelesen(s: Session, dokument: Dokument, daten: dict[str, Any]) -> None:
    nummer = s.scalar(select(Vorgang.nummer).where(Vorgang.id == dokument.vorgang_id))
    daten = {"dokument_id": dokument.id, "modell_version": modell_version(), **daten}
    protokolliere(s, Aktion.dokument_gelesen, akteur="system", rolle="system", vorgang=nummer, daten=daten)


def plane_aufbewahrung(s: Session, heute: dt.date) -> Auftrag:
    """Enqueue the retention run once per day (the worker calls this on every round)."""
    return einreihen(s, AUFBEWAHRUNG, f"{AUFBEWAHRUNG}-{heute.isoformat()}", {"tag": heute.isoformat()})


@aufgabe(AUFBEWAHRUNG)
def dokumente_aufbewahren(s: Session, daten: dict[str, Any]) -> None:
    """Delete the documents whose retention period ran out (rows and audit in the job's transaction); the
    files are removed only after that transaction committed. ``tage`` and ``zeitpunkt`` (ISO) in the job
    data override the configured period and the current time (for re-runs and tests)."""
    zeitpunkt = dt.datetime.fromisoformat(daten["zeitpunkt"]) if daten.get("zeitpunkt") else None
    tage = int(daten["tage"]) if daten.get("tage") is not None else None
    bericht = aufbewahrung.loesche_abgelaufene(s, aufbewahrung.frist(tage), zeitpunkt)
    if bericht.dateien:
        event.listen(s, "after_commit", lambda _s: aufbewahrung.entferne_dateien(bericht), once=True)
