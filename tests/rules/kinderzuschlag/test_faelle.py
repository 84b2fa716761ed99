"""The legal cases in faelle/*.yaml, compared exactly (expected values from an independent Decimal script)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import numpy as np
import pytest
import yaml

from amtsweg.rules.engine.geld import parse_cent
from amtsweg.rules.engine.trace import Trace
from amtsweg.rules.haushalt.eingabe import lies_haushalt
from amtsweg.rules.haushalt.spalten import aus_haushalten
from amtsweg.rules.kinderzuschlag.berechnung import als_json, berechne_spalten

FAELLE = sorted((Path(__file__).parent / "faelle").glob("*.yaml"))


def lade(pfad: Path) -> dict[str, Any]:
    fall = yaml.safe_load(pfad.read_text(encoding="utf-8"))
    assert {"name", "quelle", "eingabe", "wohngeld", "erwartet"} <= set(fall), (
        f"{pfad.name}: Schlüssel fehlen"
    )
    assert str(fall["quelle"]).strip(), f"{pfad.name}: quelle ist leer"
    return fall


def rechne(fall: dict[str, Any]) -> dict[str, Any]:
    h = lies_haushalt(fall["eingabe"])
    s = aus_haushalten([h], [h.wohnung.mietstufe or 1])
    trace = Trace(person_ids=[p.id for p in h.personen])
    wohngeld = np.array([parse_cent(fall["wohngeld"], "wohngeld")], dtype=np.int64)
    ergebnis = berechne_spalten(s, h.stichtag, trace, wohngeld=wohngeld)
    return als_json(h, ergebnis, trace, wohngeld)


def test_genug_faelle() -> None:
    assert len(FAELLE) >= 15


@pytest.mark.parametrize("pfad", FAELLE, ids=[p.stem for p in FAELLE])
def test_fall(pfad: Path) -> None:
    fall = lade(pfad)
    ausgabe = rechne(fall)
    for schluessel, wert in fall["erwartet"].items():
        assert ausgabe[schluessel] == wert, f"{schluessel}: {ausgabe[schluessel]!r} != {wert!r}"
    assert ausgabe["bewilligungszeitraum_monate"] == 6
