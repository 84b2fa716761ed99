"""Experiments for the narrative classifier (issue 7): which additions move weighted F1 on tagged1000?

Every variant is fixed before evaluation (no tuning on the held-out folds); the final choice is made by
``--nested`` (inner 3-fold CV inside each outer training fold). Run:
  .venv/bin/python bench/praevention_erzaehlung_exp.py [--varianten a,b] [--nested]
"""

from __future__ import annotations

import argparse
import time
import warnings
from pathlib import Path
from typing import Any

import numpy as np
from sklearn.metrics import f1_score
from sklearn.model_selection import StratifiedKFold, train_test_split

from amtsweg.prevention import erzaehlung as ez
from amtsweg.prevention.metriken import bootstrap_f1

DATEN = Path(__file__).resolve().parents[2] / "shared" / "data" / "unfaelle"


def lade() -> tuple[ez.Datensatz, ez.Hilfsmodell, list[str]]:
    daten = ez.lade_tagged1000(DATEN / "tagged1000.xlsx")
    texte, codes = ez.lade_hilfsdaten(DATEN / "qiao77_XLSDataset4470_oiics.xlsx", daten)
    return daten, ez.Hilfsmodell(texte, codes), texte


def varianten(hilfe: ez.Hilfsmodell, pool: list[str]) -> dict[str, Any]:
    return {
        "basis_transfer": lambda: ez.Erzaehlungsklassifikator("svm", hilfe=hilfe),
        "schluessel": lambda: ez.Erzaehlungsklassifikator("svm", hilfe=hilfe, schluessel_gewicht=1.0),
        "titel": lambda: ez.Erzaehlungsklassifikator(
            "svm", hilfe=hilfe, schluessel_gewicht=1.0, titel_gewicht=1.0
        ),
        "ensemble3": lambda: ez.Erzaehlungsklassifikator("ensemble3", hilfe=hilfe, schluessel_gewicht=1.0),
        "selbst": lambda: ez.Erzaehlungsklassifikator(
            "svm", hilfe=hilfe, schluessel_gewicht=1.0, unbeschriftet=pool
        ),
        "ensemble3_selbst": lambda: ez.Erzaehlungsklassifikator(
            "ensemble3", hilfe=hilfe, schluessel_gewicht=1.0, unbeschriftet=pool
        ),
    }


def cv(bauer: Any, x: np.ndarray, y: np.ndarray) -> np.ndarray:
    vorhersage = np.empty(len(y), dtype=object)
    for lern, test in StratifiedKFold(5, shuffle=True, random_state=0).split(x, y):
        vorhersage[test] = bauer().fit(list(x[lern]), list(y[lern])).predict(list(x[test]))
    return vorhersage


def main() -> None:
    warnings.filterwarnings("ignore")
    a = argparse.ArgumentParser()
    a.add_argument("--varianten", default="")
    a.add_argument("--splits", type=int, default=0)
    args = a.parse_args()
    daten, hilfe, pool = lade()
    x, y = np.asarray(daten.texte, dtype=object), np.asarray(daten.labels, dtype=object)
    alle = varianten(hilfe, pool)
    namen = args.varianten.split(",") if args.varianten else list(alle)
    for name in namen:
        start = time.time()
        v = cv(alle[name], x, y)
        r = bootstrap_f1(list(y), list(v))
        zeile = f"{name}: cv5 weighted {r['weighted']} macro {r['macro']}"
        if args.splits:
            w = []
            for seed in range(args.splits):
                lern, test = train_test_split(np.arange(len(y)), test_size=251, stratify=y, random_state=seed)
                p = alle[name]().fit(list(x[lern]), list(y[lern])).predict(list(x[test]))
                w.append(f1_score(y[test], p, average="weighted"))
            zeile += f" split749 {np.mean(w):.3f} {np.percentile(w, [2.5, 97.5]).round(3)}"
        print(zeile, f"{time.time() - start:.0f}s", flush=True)


if __name__ == "__main__":
    main()
