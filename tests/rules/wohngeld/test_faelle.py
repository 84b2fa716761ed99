"""The legal cases in faelle/*.yaml: official examples and constructed cases, compared exactly."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
import yaml

from amtsweg.rules.haushalt.eingabe import lies_haushalt
from amtsweg.rules.wohngeld.berechnung import als_json, berechne_haushalt

FAELLE = sorted((Path(__file__).parent / "faelle").glob("*.yaml"))


def lade(pfad: Path) -> dict[str, Any]:
    fall = yaml.safe_load(pfad.read_text(encoding="utf-8"))
    assert {"name", "quelle", "eingabe", "erwartet"} <= set(fall), f"{pfad.name}: Schlüssel fehlen"
    assert str(fall["quelle"]).strip(), f"{pfad.name}: quelle ist leer"
    return fall


def test_genug_faelle() -> None:
    assert len(FAELLE) >= 2


@pytest.mark.parametrize("pfad", FAELLE, ids=[p.stem for p in FAELLE])
def test_fall(pfad: Path) -> None:
    fall = lade(pfad)
    ergebnis, trace = berechne_haushalt(lies_haushalt(fall["eingabe"]))
    ausgabe = als_json(ergebnis, trace)
    erwartet = dict(fall["erwartet"])
    zwischenwerte = erwartet.pop("zwischenwerte", {}) or {}
    for schluessel, wert in erwartet.items():
        assert ausgabe[schluessel] == wert, f"{schluessel}: {ausgabe[schluessel]!r} != {wert!r}"
    for schluessel, wert in zwischenwerte.items():
        assert trace.wert(schluessel) == wert, f"{schluessel}: {trace.wert(schluessel)} != {wert}"
