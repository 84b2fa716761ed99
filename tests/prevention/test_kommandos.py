from __future__ import annotations

from pathlib import Path

from typer.testing import CliRunner

from amtsweg.prevention.kommandos import app

OSHA = Path(__file__).resolve().parents[3] / "shared" / "data" / "betriebe"
runner = CliRunner()


def test_einlesen_meldet_fehlerhafte_zeilen(tmp_path: Path) -> None:
    datei = tmp_path / "betriebe.csv"
    datei.write_text("betriebsnummer,beschaeftigte\nA,12\nB,zwölf\n,3\n", encoding="utf-8")
    bericht = tmp_path / "bericht.json"
    ergebnis = runner.invoke(app, ["einlesen", "betriebe", str(datei), "--bericht", str(bericht)])
    assert ergebnis.exit_code == 0, ergebnis.output
    assert "3 Zeilen gelesen, 1 gültig, 2 abgelehnt." in ergebnis.output
    assert "Zeile 2, Spalte beschaeftigte" in ergebnis.output
    assert '"zeile": 3' in bericht.read_text(encoding="utf-8")


def test_retrain_schreibt_modellkarte_und_rangliste_ist_empfehlung(tmp_path: Path) -> None:
    modell, karte = tmp_path / "risiko.joblib", tmp_path / "karte.md"
    ergebnis = runner.invoke(
        app,
        [
            "retrain",
            "--osha",
            str(OSHA),
            "--bis-jahr",
            "1997",
            "--test-jahre",
            "1",
            "--modell",
            str(modell),
            "--karte",
            str(karte),
            "--kapazitaet",
            "20",
        ],
    )
    assert ergebnis.exit_code == 0, ergebnis.output
    text = karte.read_text(encoding="utf-8")
    assert "Modellkarte" in text and "Test reference years 1994–1994" in text and "Amtsweg-Team" in text
    liste = runner.invoke(
        app,
        [
            "rangliste",
            "--osha",
            str(OSHA),
            "--modell",
            str(modell),
            "--stichtag",
            "1998-01-01",
            "--kapazitaet",
            "2",
            "--region",
            "Westen",
        ],
    )
    assert liste.exit_code == 0, liste.output
    zeilen = liste.output.strip().splitlines()
    assert zeilen[0].startswith("Empfehlung") and len(zeilen) == 3
    assert all(z.startswith("Westen #") for z in zeilen[1:])
    falsch = runner.invoke(
        app, ["rangliste", "--osha", str(OSHA), "--modell", str(modell), "--stichtag", "2000"]
    )
    assert falsch.exit_code == 2 and "kein Datum" in falsch.output
