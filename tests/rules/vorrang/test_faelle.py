"""The legal cases in faelle/*.yaml, compared exactly with the JSON output of ``berechne(..., "alle")``.

Expected values were computed by an independent Decimal script (see each case's ``quelle``). ``erwartet``
holds ``vorrang.{ergebnis, empfehlung, gesamt_monat}`` and, per benefit, the keys of its JSON block
(at least ``betrag_monat``)."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
import yaml

from amtsweg.rules.grundsicherung import lade_kdu_tabelle
from amtsweg.rules.vorrang import berechne

ORDNER = Path(__file__).parent
FAELLE = sorted((ORDNER / "faelle").glob("*.yaml"))
LEISTUNGEN = ("grundsicherung", "wohngeld", "kinderzuschlag", "kindergeld")


def lade(pfad: Path) -> dict[str, Any]:
    fall = yaml.safe_load(pfad.read_text(encoding="utf-8"))
    assert {"name", "quelle", "eingabe", "erwartet"} <= set(fall), f"{pfad.name}: Schlüssel fehlen"
    assert str(fall["quelle"]).strip(), f"{pfad.name}: quelle ist leer"
    assert {"vorrang", *LEISTUNGEN} <= set(fall["erwartet"]), f"{pfad.name}: erwartet unvollständig"
    return fall


def rechne(fall: dict[str, Any]) -> dict[str, Any]:
    tabelle = lade_kdu_tabelle(ORDNER / fall["kdu_tabelle"]) if "kdu_tabelle" in fall else None
    return berechne(fall["eingabe"], "alle", tabelle)


def test_genug_faelle() -> None:
    assert len(FAELLE) >= 14


@pytest.mark.parametrize("pfad", FAELLE, ids=[p.stem for p in FAELLE])
def test_fall(pfad: Path) -> None:
    fall = lade(pfad)
    ausgabe = rechne(fall)
    for block, erwartet in fall["erwartet"].items():
        for schluessel, wert in erwartet.items():
            ist = ausgabe[block][schluessel]
            assert ist == wert, f"{block}.{schluessel}: {ist!r} != {wert!r}"
    vorrang = ausgabe["vorrang"]
    assert vorrang["begruendung"], "the trace must explain the result"
    # A-0040: every benefit block shows its amount in the recommended variant, so the blocks add up
    summe = sum(Decimal(ausgabe[name]["betrag_monat"]) for name in LEISTUNGEN)
    assert summe == Decimal(vorrang["gesamt_monat"])
    for name in LEISTUNGEN:
        assert vorrang["betraege_monat"][name] == ausgabe[name]["betrag_monat"], name


@pytest.mark.parametrize("pfad", FAELLE, ids=[p.stem for p in FAELLE])
def test_nur_vorrang_gleich(pfad: Path) -> None:
    """``--leistung vorrang`` gives the same decision as ``alle`` and no benefit blocks."""
    fall = lade(pfad)
    tabelle = lade_kdu_tabelle(ORDNER / fall["kdu_tabelle"]) if "kdu_tabelle" in fall else None
    nur = berechne(fall["eingabe"], "vorrang", tabelle)
    assert set(nur) == {"vorrang", "regelwerk_version"}
    alle = rechne(fall)["vorrang"]
    assert nur["vorrang"] == alle
