"""Regression on the development set of site descriptions (bench/praevention_gb): critical hazards found
from free text and no wrong threshold result, "Sofort stoppen" or false trigger. The held-out set is not
used here (it is measured once, by the benchmark script)."""

from __future__ import annotations

import importlib.util
from pathlib import Path

SKRIPT = Path(__file__).parents[3] / "bench" / "praevention_gb.py"


def test_entwicklungssatz() -> None:
    spec = importlib.util.spec_from_file_location("praevention_gb", SKRIPT)
    assert spec and spec.loader
    modul = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(modul)
    r = modul.lauf("entwicklung.yaml")
    assert r["faelle"] >= 30
    assert r["treffer"] / r["gesamt"] >= 0.95, r["fehlend"]
    assert r["falsch"] == 0, r["falsche"]
