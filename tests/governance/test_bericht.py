"""Governance report: JSON and PDF/A per use case from the database (metrics, breach, switch history),
and the CLI with German errors naming the option."""

from __future__ import annotations

import datetime as dt
import io
import json
from pathlib import Path

import pikepdf
import pytest
from pypdf import PdfReader
from typer.testing import CliRunner

from amtsweg.db import Datenbank
from amtsweg.governance import aufsicht, bericht, schalter
from tests.governance.test_aufsicht import BIS, VON, gesaet  # noqa: F401

TAG_VON, TAG_BIS = VON.date(), (BIS - dt.timedelta(days=1)).date()


def test_bericht_json_und_pdfa(gesaet: Datenbank) -> None:  # noqa: F811
    with gesaet.sitzung() as s:
        schalter.schalte(
            s, "assistent", aktiv=False, grund="Test der Abschaltung", akteur="tl", rolle="teamleitung"
        )
        daten = bericht.erstelle(s, TAG_VON, TAG_BIS)
        erwartet = aufsicht.metriken(s, "dokumente", VON, BIS)
    faelle = {f["kennung"]: f for f in json.loads(bericht.als_json(daten))["anwendungsfaelle"]}
    assert set(faelle) == {
        "dokumente",
        "assistent",
        "automatisierung",
        "praevention_risiko",
        "praevention_erzaehlung",
    }
    dok = faelle["dokumente"]
    assert dok["metriken"]["gesamt"] == erwartet["gesamt"] and dok["metriken"]["gesamt"]["n"] == 35
    assert [v["metrik"] for v in dok["verstoesse"]] == ["automationsbias_annahmequote"]
    assert dok["register"]["klasse_text"].startswith("Hochrisiko") and len(dok["register"]["sha256"]) == 64
    # the switch happened today, outside November: not in this period's history, but the state is shown
    assert faelle["assistent"]["schalterverlauf"] == [] and faelle["assistent"]["zustand"]["aktiv"] is False
    with gesaet.sitzung() as s:
        heute = dt.date.today()
        verlauf = bericht.erstelle(s, heute, heute, ["assistent"])["anwendungsfaelle"][0]["schalterverlauf"]
    assert [(h["aktiv"], h["grund"]) for h in verlauf] == [(False, "Test der Abschaltung")]

    pdf = bericht.erzeuge_pdf(daten)
    with pikepdf.open(io.BytesIO(pdf)) as dokument:
        meta = dokument.open_metadata()
        assert (meta.get("pdfaid:part"), meta.get("pdfaid:conformance")) == ("3", "U")
    text = " ".join(seite.extract_text() for seite in PdfReader(io.BytesIO(pdf)).pages)
    assert "Automatisierungsverzerrung" in text and "sachbearbeitung@demo.example" in text
    assert "Art. 14 Abs. 4 lit. e" in text


@pytest.fixture
def cli_umgebung(gesaet: Datenbank, monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> Path:  # noqa: F811
    monkeypatch.setenv("AMTSWEG_DATABASE_URL", gesaet.url)
    return tmp_path


def test_cli_bericht_und_fehler(cli_umgebung: Path) -> None:
    from amtsweg.cli import app

    runner = CliRunner()
    ziel = cli_umgebung / "bericht"
    argumente = [
        "governance",
        "bericht",
        "--von",
        "2026-11-01",
        "--bis",
        "2026-11-30",
        "--ausgabe",
        str(ziel),
    ]
    ergebnis = runner.invoke(app, [*argumente, "--ohne-pdf", "--anwendungsfall", "dokumente"])
    assert ergebnis.exit_code == 0, ergebnis.output
    daten = json.loads(ziel.with_suffix(".json").read_text(encoding="utf-8"))
    assert [f["kennung"] for f in daten["anwendungsfaelle"]] == ["dokumente"]
    assert not ziel.with_suffix(".pdf").exists()

    falsch = runner.invoke(app, ["governance", "bericht", "--von", "1.11.2026", "--bis", "2026-11-30"])
    assert falsch.exit_code == 2 and "--von: bitte ein Datum wie 2026-11-30 angeben." in falsch.output
    unbekannt = runner.invoke(app, [*argumente, "--anwendungsfall", "orakel"])
    assert unbekannt.exit_code == 2 and "Unbekannter KI-Anwendungsfall „orakel“" in unbekannt.output
