"""House rules checked in the suite: lint, types (strict for rules/), import direction, purity of
rules/, and the contracts every rule and parameter must meet."""

from __future__ import annotations

import ast
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

WURZEL = Path(__file__).parents[1]
RULES = WURZEL / "src" / "amtsweg" / "rules"
#: What rules/ may import: the standard library, these packages and rules itself (plus the version).
ERLAUBT = {"numpy", "yaml", "pydantic", "amtsweg"}


def _werkzeug(name: str) -> str:
    pfad = Path(sys.executable).parent / name
    gefunden = str(pfad) if pfad.exists() else shutil.which(name)
    assert gefunden, f"{name} fehlt: pip install -e .[dev]"
    return gefunden


def test_ruff() -> None:
    ordner = [o for o in ("src", "tests", "bench") if (WURZEL / o).exists()]
    lauf = subprocess.run([_werkzeug("ruff"), "check", *ordner], cwd=WURZEL,
                          capture_output=True, text=True, check=False)  # fmt: skip
    assert lauf.returncode == 0, lauf.stdout + lauf.stderr


def test_mypy() -> None:
    lauf = subprocess.run([_werkzeug("mypy"), "src/amtsweg"], cwd=WURZEL, capture_output=True, text=True,
                          check=False)  # fmt: skip
    assert lauf.returncode == 0, lauf.stdout + lauf.stderr


def test_importrichtung() -> None:
    lauf = subprocess.run(
        [_werkzeug("lint-imports")], cwd=WURZEL, capture_output=True, text=True, check=False
    )
    assert lauf.returncode == 0, lauf.stdout + lauf.stderr


@pytest.mark.parametrize("datei", sorted(RULES.rglob("*.py")), ids=lambda p: str(p.relative_to(RULES)))
def test_rules_sind_rein(datei: Path) -> None:
    baum = ast.parse(datei.read_text(encoding="utf-8"))
    for knoten in ast.walk(baum):
        namen = []
        if isinstance(knoten, ast.Import):
            namen = [a.name for a in knoten.names]
        elif isinstance(knoten, ast.ImportFrom) and knoten.module and knoten.level == 0:
            namen = [knoten.module]
        for name in namen:
            wurzel = name.split(".")[0]
            assert wurzel in sys.stdlib_module_names or wurzel in ERLAUBT, f"{datei.name} importiert {name}"
            assert wurzel != "amtsweg" or name == "amtsweg" or name.startswith("amtsweg.rules"), name
            assert name not in {"datetime.datetime.now", "time"}, f"{datei.name}: rules never read the clock"


def test_rules_lesen_keine_uhr() -> None:
    for datei in RULES.rglob("*.py"):
        text = datei.read_text(encoding="utf-8")
        for verboten in ("date.today(", "datetime.now(", "time.time("):
            assert verboten not in text, f"{datei}: {verboten}"


def test_jede_regel_hat_norm_und_gueltigkeit() -> None:
    from amtsweg.rules.wohngeld import berechnung  # noqa: F401  (registers the rules)
    from amtsweg.rules.wohngeld.regeln import REGELN

    regeln = REGELN.alle()
    assert len(regeln) >= 6
    REGELN.pruefe()
    for regel in regeln:
        assert str(regel.norm).endswith(("WoGG", "EStG", "BEEG"))
        assert regel.gueltig_ab.year >= 2023
        for nummer in regel.auslegungen:
            assert (WURZEL / "docs" / "auslegung" / f"{nummer}.md").exists(), nummer


def test_jeder_parameterwert_hat_fundstelle() -> None:
    from amtsweg.rules.grundsicherung.werte import parameter as sgb2
    from amtsweg.rules.kindergeld.berechnung import parameter as kindergeld
    from amtsweg.rules.kinderzuschlag.werte import parameter as kiz
    from amtsweg.rules.wohngeld.werte import parameter

    assert len(parameter().namen()) >= 10
    for param in [p for satz in (parameter(), sgb2(), kiz(), kindergeld()) for p in satz]:
        for wert in param.werte:
            # a norm (§, Anlage) or a promulgated act, ordinance, administrative rule or Drucksache
            marken = ("§", "Anlage", "BGBl", "G v.", "V v.", "BAnz", "Verwaltungsvorschrift", "BT-Drs.")
            belegt = any(t in wert.fundstelle for t in marken)
            assert belegt, (param.name, wert.fundstelle)
