"""The job ``dokument_lesen`` reads an uploaded Dokument once and stores the proposals."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from pathlib import Path

import pytest
from sqlalchemy import func, select

from amtsweg.cases import ablage
from amtsweg.cases.demodaten import lege_konten_an, lege_vorgaenge_an
from amtsweg.cases.modelle import Dokument
from amtsweg.db import Datenbank
from amtsweg.db.auftraege import Auftrag, arbeite
from amtsweg.documents.auftraege import dokument_einreihen
from amtsweg.documents.extraktion import wahrheit_text
from amtsweg.documents.korpus import erzeuge
from amtsweg.documents.modelle import Dokumentauswertung, Feldvorschlag


def _dokument(db: Datenbank, ordner: Path, inhalt: bytes) -> int:
    # until the lead's migration exists the two tables are created here (no-op afterwards)
    Dokumentauswertung.metadata.create_all(
        db.engine,
        tables=[Dokumentauswertung.__table__, Feldvorschlag.__table__],  # type: ignore[list-item]
    )
    with db.sitzung() as s:
        konten = lege_konten_an(s, "demo-passwort-123")
        vorgang = lege_vorgaenge_an(s, konten, dt.date.today())[0]
        datei = ablage.speichere(ordner, "nachweis.pdf", inhalt)
        dokument = Dokument(vorgang_id=vorgang.id, dateiname=datei.dateiname, mime=datei.mime,
                            groesse=datei.groesse, sha256=datei.sha256, speicherort=datei.speicherort,
                            hochgeladen_von_id=konten.sachbearbeitung.id)  # fmt: skip
        s.add(dokument)
        s.flush()
        dokument_einreihen(s, dokument)
        dokument_einreihen(s, dokument)  # idempotent
        return dokument.id


def test_auftrag_liest_dokument_und_speichert_vorschlaege(datenbank: Datenbank, tmp_path: Path) -> None:
    nachweis = erzeuge("mietbescheinigung", "B", 811)
    dokument_id = _dokument(datenbank, tmp_path, nachweis.daten)
    assert arbeite(datenbank) >= 1
    with datenbank.sitzung() as s:
        auftrag = s.scalar(select(Auftrag).where(Auftrag.art == "dokument_lesen"))
        assert auftrag is not None and auftrag.status == "erledigt"
        auswertung = s.scalar(select(Dokumentauswertung).where(Dokumentauswertung.dokument_id == dokument_id))
        assert auswertung is not None and auswertung.fehler is None
        assert (
            auswertung.typ == "mietbescheinigung" and auswertung.quelle == "text" and auswertung.seiten >= 1
        )
        werte = {v.feld: v.wert for v in auswertung.vorschlaege}
        erwartet = {f: wahrheit_text(w) for f, w in nachweis.wahrheit["felder"].items()}
        assert {f: w for f, w in werte.items() if f in erwartet} == erwartet
        # the total the generator does not print is the sum of the parts (arithmetic cross-check)
        teile = sum(Decimal(erwartet[f]) for f in ("kaltmiete", "nebenkosten", "heizkosten"))
        assert Decimal(werte["gesamtmiete"]) == teile
        assert all(v.status == "offen" for v in auswertung.vorschlaege)
        assert all(v.box is not None for v in auswertung.vorschlaege if v.feld in erwartet)
    # running the job again does not duplicate anything
    from amtsweg.documents.auftraege import dokument_lesen

    with datenbank.sitzung() as s:
        dokument_lesen(s, {"dokument_id": dokument_id})
    with datenbank.sitzung() as s:
        assert s.scalar(select(func.count()).select_from(Dokumentauswertung)) == 1
        assert s.scalar(select(func.count()).select_from(Feldvorschlag)) == len(erwartet) + 1  # + gesamtmiete


def test_gelesenes_dokument_wird_protokolliert(datenbank: Datenbank, tmp_path: Path) -> None:
    from amtsweg.governance.audit import AuditEreignis, pruefe_kette

    dokument_id = _dokument(datenbank, tmp_path, erzeuge("mietbescheinigung", "B", 812).daten)
    arbeite(datenbank)
    with datenbank.sitzung() as s:
        (ereignis,) = s.scalars(select(AuditEreignis).where(AuditEreignis.aktion == "dokument_gelesen"))
        assert ereignis.daten["dokument_id"] == dokument_id and ereignis.daten["typ"] == "mietbescheinigung"
        assert ereignis.vorgang and ereignis.akteur == "system" and pruefe_kette(s).in_ordnung


def test_unlesbares_pdf_scheitert_einmal_mit_deutschem_grund(
    datenbank: Datenbank, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from pypdfium2 import PdfiumError

    from amtsweg.documents import auftraege

    def kaputt(_: bytes) -> None:
        raise PdfiumError("Failed to load document (PDFium: Data format error).")

    dokument_id = _dokument(datenbank, tmp_path, erzeuge("mietbescheinigung", "B", 813).daten)
    monkeypatch.setattr(auftraege, "verarbeite", kaputt)
    assert arbeite(datenbank) >= 1
    with datenbank.sitzung() as s:
        auftrag = s.scalar(select(Auftrag).where(Auftrag.art == "dokument_lesen"))
        assert auftrag is not None and auftrag.status == "erledigt" and auftrag.versuche == 1  # no retries
        auswertung = s.scalar(select(Dokumentauswertung).where(Dokumentauswertung.dokument_id == dokument_id))
        assert auswertung is not None and auswertung.fehler == auftraege.UNLESBAR
