from __future__ import annotations

from pathlib import Path

import numpy as np
import pandas as pd

from amtsweg.prevention.metriken import (
    anteil_maske,
    bootstrap_f1,
    bootstrap_nach_cluster,
    gruppenraten,
    oben_maske,
    psi,
    rangmasse,
)


def test_praezision_und_recall_bei_k() -> None:
    y = np.array([1, 0, 1, 0, 0, 0, 0, 0, 0, 1])
    s = np.arange(10, 0, -1, dtype=float)  # first rows highest
    m = oben_maske(s, 3)
    assert m.tolist() == [True, True, True] + [False] * 7
    r = rangmasse(y, s, m)
    assert r["praezision"] == 2 / 3 and r["recall"] == 2 / 3
    assert anteil_maske(s, 0.2, np.array([0] * 5 + [1] * 5)).sum() == 2


def test_bootstrap_nach_firma_umschliesst_punkt() -> None:
    rng = np.random.default_rng(1)
    y = rng.random(400) < 0.3
    firmen = np.repeat(np.arange(100), 4)
    lo, hi = bootstrap_nach_cluster(firmen, lambda idx: float(y[idx].mean()), 200)
    assert lo < y.mean() < hi and hi - lo < 0.2


def test_f1_ki() -> None:
    y = ["a"] * 50 + ["b"] * 50
    v = ["a"] * 45 + ["b"] * 5 + ["b"] * 50
    e = bootstrap_f1(y, v, 200)
    assert e["weighted"][1] <= e["weighted"][0] <= e["weighted"][2]
    assert 0.9 < e["macro"][0] < 0.96


def test_psi_und_gruppenraten() -> None:
    a = np.random.default_rng(0).normal(size=2000)
    assert psi(a, a) < 0.01
    assert psi(a, a + 2) > 0.5
    r = pd.DataFrame(
        {"g": ["x", "x", "y", "y"], "ziel": [1, 0, 1, 0], "ausgewaehlt": [True, True, False, True]}
    )
    raten = {z["g"]: z for z in gruppenraten(r, "g")}
    assert raten["x"]["auswahlquote"] == 1.0 and raten["y"]["recall"] == 0.0 and raten["y"]["fpr"] == 1.0


def test_modellkarte_behaelt_anhang(tmp_path: Path) -> None:
    from amtsweg.prevention.modellkarte import ANHANG_MARKE, mit_anhang

    datei = tmp_path / "karte.md"
    assert mit_anhang("# neu\n", datei) == "# neu\n"
    datei.write_text(f"# alt\n\n{ANHANG_MARKE}\n## Von Hand\nText\n", encoding="utf-8")
    assert mit_anhang("# neu\n", datei) == f"# neu\n\n{ANHANG_MARKE}\n## Von Hand\nText\n"
