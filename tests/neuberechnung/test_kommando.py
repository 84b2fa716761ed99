"""`amtsweg neuberechnung`: summary, CSV per case, exit codes and German errors."""

from __future__ import annotations

import csv
from pathlib import Path

import pytest
from typer.testing import CliRunner

from amtsweg.cli import app
from amtsweg.db import Datenbank
from tests.neuberechnung.conftest import Bestand

runner = CliRunner()


@pytest.fixture
def umgebung(datenbank: Datenbank, monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> Path:
    monkeypatch.setenv("AMTSWEG_DATABASE_URL", datenbank.url)
    monkeypatch.chdir(tmp_path)
    return tmp_path


def test_probelauf_mit_bericht(umgebung: Path, bestand: Bestand) -> None:
    ziel = umgebung / "bericht.csv"
    args = ["neuberechnung", "--stichtag", "2025-01-01", "--probelauf", "--ausgabe", str(ziel)]
    ergebnis = runner.invoke(app, args)
    assert ergebnis.exit_code == 0, ergebnis.output
    zeilen = ergebnis.output.splitlines()
    assert "Probelauf Neuberechnung zum 01.01.2025: 5 laufende Bewilligungen" in zeilen[0]
    anzahl = {z.rsplit(None, 1)[0].strip(): int(z.rsplit(None, 1)[1]) for z in zeilen[1:6]}
    assert anzahl == {
        "unverändert": 0,
        "höher": 2,
        "niedriger": 1,
        "endet (kein Anspruch mehr)": 1,
        "nicht berechenbar (Prüfung nötig)": 1,
    }
    with ziel.open(encoding="utf-8", newline="") as datei:
        faelle = {z["vorgang"]: z for z in csv.DictReader(datei)}
    assert set(faelle) == {
        bestand.hoeher,
        bestand.niedriger,
        bestand.endet,
        bestand.fehler,
        bestand.andere_behoerde,
    }
    hoeher = faelle[bestand.hoeher]
    assert (hoeher["alt_cent"], hoeher["neu_cent"], hoeher["differenz_cent"]) == ("15500", "17800", "2300")
    assert hoeher["klasse"] == "hoeher" and hoeher["grund"].startswith("Anlage 1 WoGG Höchstbetrag")
    gesamt = sum(int(z["differenz_cent"]) for z in faelle.values() if z["klasse"] != "fehler")
    vorzeichen = "+" if gesamt > 0 else "-"
    euro = f"{abs(gesamt) // 100:,}".replace(",", ".") + f",{abs(gesamt) % 100:02d} €"
    assert f"Änderung je Monat insgesamt: {vorzeichen}{euro}" in ergebnis.output
    assert "keine Bescheide erlassen" in ergebnis.output
    assert [p.name for p in umgebung.iterdir() if p.name.startswith(".neuberechnung-")] == []

    gefiltert = runner.invoke(
        app, ["neuberechnung", "--stichtag", "2025-01-01", "--probelauf", "--behoerde", "demo-andere"]
    )
    assert gefiltert.exit_code == 0 and ": 1 laufende Bewilligungen" in gefiltert.output


@pytest.mark.parametrize(
    ("argumente", "meldung"),
    [
        (["--stichtag", "2025-01-01"], "Echte Änderungsbescheide werden noch nicht unterstützt"),
        (["--stichtag", "1.1.2025", "--probelauf"], "--stichtag: „1.1.2025“ ist kein Datum"),
        (["--stichtag", "2022-06-01", "--probelauf"], "Für den Stichtag 01.06.2022 ist kein Regelwerk"),
        (["--stichtag", "2025-01-01", "--probelauf", "--behoerde", "x"], "--behoerde: Die Behörde „x“"),
        (["--stichtag", "2025-01-01", "--probelauf", "--leistung", "kindergeld"], "--leistung: „kindergeld“"),
        (["--stichtag", "2025-01-01", "--probelauf", "--ausgabe", "fehlt/b.csv"], "--ausgabe: Der Ordner"),
    ],
)
def test_fehler_exit_2(umgebung: Path, argumente: list[str], meldung: str) -> None:
    ergebnis = runner.invoke(app, ["neuberechnung", *argumente])
    assert ergebnis.exit_code == 2, ergebnis.output
    assert meldung in ergebnis.output and "Traceback" not in ergebnis.output
    assert list(umgebung.iterdir()) == [], "nothing is written on an error"
