import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from amtsweg.assistant import kommandos
from amtsweg.assistant.korpus import Quellen


def test_index_and_frage_commands(quellen: Quellen, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(kommandos.Quellen, "standard", classmethod(lambda cls: quellen))
    runner = CliRunner()
    daten = tmp_path / "cli"
    erst = runner.invoke(kommandos.app, ["index", "--daten", str(daten)])
    assert erst.exit_code == 0, erst.output
    assert "3 Dateien neu gelesen" in erst.output
    zweit = runner.invoke(kommandos.app, ["index", "--daten", str(daten)])
    assert "0 Dateien neu gelesen, 3 unverändert" in zweit.output
    antwort = runner.invoke(
        kommandos.app, ["frage", "Wann beginnt der Bewilligungszeitraum?", "--daten", str(daten), "--json"]
    )
    assert antwort.exit_code == 0, antwort.output
    assert json.loads(antwort.output)["quellen"][0]["zitat"] == "§ 25 Abs. 2 WoGG"


def test_frage_without_index_fails_clearly(tmp_path: Path) -> None:
    ergebnis = CliRunner().invoke(
        kommandos.app, ["frage", "Was ist Wohngeld?", "--daten", str(tmp_path / "leer")]
    )
    assert ergebnis.exit_code == 2 and "amtsweg index" in ergebnis.output
