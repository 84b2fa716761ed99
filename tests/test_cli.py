"""The CLI contract: `amtsweg berechne --leistung wohngeld FILE` prints JSON; bad input -> exit 2,
one German message naming the field, never a traceback."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

from amtsweg.cli import app

runner = CliRunner()
HAUSHALT = {
    "stichtag": "2025-01-01",
    "wohnung": {"art": "miete", "kosten_monat": "470.00", "mietstufe": 4},
    "personen": [
        {"id": "a", "rolle": "antragsteller", "alter": 45,
         "einkommen": [{"art": "arbeitslosengeld", "brutto_monat": 1350}]}
    ],
}  # fmt: skip


def _lauf(daten: object, *extra: str) -> tuple[int, str, str]:
    ergebnis = runner.invoke(
        app, ["berechne", "--leistung", "wohngeld", *extra, "-"], input=json.dumps(daten)
    )
    return ergebnis.exit_code, ergebnis.stdout, ergebnis.stderr


def test_berechne_stdin() -> None:
    code, out, _ = _lauf(HAUSHALT)
    assert code == 0
    daten = json.loads(out)
    assert daten["wohngeld"]["betrag_monat"] == "88.00"
    assert daten["wohngeld"]["miete_beruecksichtigt_monat"] == "580.40"
    assert daten["wohngeld"]["mietstufe"] == 4
    assert daten["regelwerk_version"].startswith("0.1.0+")
    normen = {s["norm"] for s in daten["wohngeld"]["begruendung"]}
    assert {"§ 19 Abs. 1 WoGG", "§ 12 Abs. 6 WoGG", "Anlage 3 Nr. 2 WoGG"} <= normen


def test_berechne_datei(tmp_path: Path) -> None:
    datei = tmp_path / "h.json"
    datei.write_text(json.dumps(HAUSHALT), encoding="utf-8")
    ergebnis = runner.invoke(app, ["berechne", "--leistung", "wohngeld", str(datei)])
    assert ergebnis.exit_code == 0
    assert json.loads(ergebnis.stdout)["wohngeld"]["betrag_monat"] == "88.00"


@pytest.mark.parametrize(
    ("aenderung", "feld"),
    [
        (lambda h: h["wohnung"].update(kosten_monat="vierhundert"), "wohnung.kosten_monat"),
        (lambda h: h["wohnung"].update(mietstufe=9), "wohnung.mietstufe"),
        (lambda h: h["personen"][0].update(alter=-1), "personen[0].alter"),
        (lambda h: h["personen"][0].update(rolle="chef"), "personen[0].rolle"),
        (lambda h: h["personen"][0]["einkommen"][0].update(art="lotto"), "personen[0].einkommen[0].art"),
        (lambda h: h.update(stichtag="2025-13-01"), "stichtag"),
        (lambda h: h.update(stichtag="2020-01-01"), "stichtag"),
        (lambda h: h.pop("wohnung"), "wohnung"),
        (lambda h: h["personen"][0].update(bezieht=["urlaubsgeld"]), "personen[0].bezieht[0]"),
        (lambda h: h.update(extra=1), "extra"),
    ],
)
def test_fehler_nennt_feld(aenderung: object, feld: str) -> None:
    daten = json.loads(json.dumps(HAUSHALT))
    aenderung(daten)  # type: ignore[operator]
    code, out, err = _lauf(daten)
    assert code == 2
    assert out == ""
    assert err.startswith(f"Fehler: {feld}")
    assert "Traceback" not in err


def test_kaputtes_json() -> None:
    ergebnis = runner.invoke(app, ["berechne", "-"], input="{kaputt")
    assert ergebnis.exit_code == 2
    assert "kein gültiges JSON" in ergebnis.stderr


def test_echter_prozess_ohne_traceback(tmp_path: Path) -> None:
    datei = tmp_path / "h.json"
    datei.write_text('{"stichtag": "2025-01-01"}', encoding="utf-8")
    lauf = subprocess.run(
        [sys.executable, "-m", "amtsweg", "berechne", "--leistung", "wohngeld", str(datei)],
        capture_output=True, text=True, check=False,
    )  # fmt: skip
    assert lauf.returncode == 2
    assert lauf.stderr.strip() == "Fehler: wohnung: Pflichtangabe fehlt."


def test_demo_laeuft() -> None:
    ergebnis = runner.invoke(app, ["demo"])
    assert ergebnis.exit_code == 0, ergebnis.output
    assert "Wohngeld: 88.00 €" in ergebnis.stdout
