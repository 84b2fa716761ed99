"""The legal cases in faelle/*.yaml, compared exactly with the JSON output of the SGB II rules.

Expected values were computed by an independent Decimal script (see each case's ``quelle``)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
import yaml

from amtsweg.rules.engine.fehler import Eingabefehler
from amtsweg.rules.grundsicherung import berechne_grundsicherung, lade_kdu_tabelle

ORDNER = Path(__file__).parent
FAELLE = sorted((ORDNER / "faelle").glob("*.yaml"))


def lade(pfad: Path) -> dict[str, Any]:
    fall = yaml.safe_load(pfad.read_text(encoding="utf-8"))
    assert {"name", "quelle", "eingabe", "erwartet"} <= set(fall), f"{pfad.name}: Schlüssel fehlen"
    assert str(fall["quelle"]).strip(), f"{pfad.name}: quelle ist leer"
    return fall


def test_genug_faelle() -> None:
    assert len(FAELLE) >= 25


@pytest.mark.parametrize("pfad", FAELLE, ids=[p.stem for p in FAELLE])
def test_fall(pfad: Path) -> None:
    fall = lade(pfad)
    tabelle = lade_kdu_tabelle(ORDNER / fall["kdu_tabelle"]) if "kdu_tabelle" in fall else None
    erwartet = dict(fall["erwartet"])
    if "fehler" in erwartet:
        with pytest.raises(Eingabefehler) as info:
            berechne_grundsicherung(fall["eingabe"], tabelle)
        assert info.value.feld == erwartet["fehler"]
        return
    ausgabe = berechne_grundsicherung(fall["eingabe"], tabelle)["grundsicherung"]
    personen = erwartet.pop("personen", [])
    for schluessel, wert in erwartet.items():
        assert ausgabe[schluessel] == wert, f"{schluessel}: {ausgabe[schluessel]!r} != {wert!r}"
    nach_id = {p["id"]: p for p in ausgabe["personen"]}
    for person in personen:
        for schluessel, wert in person.items():
            assert nach_id[person["id"]][schluessel] == wert, f"{person['id']}.{schluessel}"
    assert ausgabe["begruendung"], "the trace must explain the result"
