"""``--leistung alle`` and ``--leistung kinderzuschlag`` must agree on § 6a Abs. 1a BKGG (A-0037, A-0041)."""

from __future__ import annotations

import copy
from pathlib import Path

import yaml

from amtsweg.rules.kinderzuschlag import berechne_kinderzuschlag
from amtsweg.rules.vorrang import berechne

FALL = Path(__file__).parent / "faelle" / "wahlrecht_100_euro.yaml"


def test_kein_wahlrecht_bei_buergergeldbezug() -> None:
    """Abs. 1a Nr. 3: no choice if a BG member receives SGB II; the household keeps Bürgergeld."""
    eingabe = copy.deepcopy(yaml.safe_load(FALL.read_text(encoding="utf-8"))["eingabe"])
    eingabe["personen"][0]["bezieht"] = ["buergergeld"]
    kiz = berechne_kinderzuschlag(eingabe)["kinderzuschlag"]
    assert kiz["regel_100_euro"] is False
    alle = berechne(eingabe, "alle")
    assert alle["kinderzuschlag"]["regel_100_euro"] == kiz["regel_100_euro"]
    assert "wahlweise_monat" not in alle["kinderzuschlag"]
    assert alle["vorrang"]["ergebnis"] == "grundsicherung"
    # SGB II 1 118.68 + 2 x 25 EUR § 72 SGB II + Kindergeld 510
    assert alle["vorrang"]["gesamt_monat"] == "1678.68"
