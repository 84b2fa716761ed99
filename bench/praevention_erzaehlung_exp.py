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


def lade() -> tuple[ez.Datensatz, ez.Hilfsmodell, list[str], tuple[list[str], list[str]]]:
    daten = ez.lade_tagged1000(DATEN / "tagged1000.xlsx")
    texte, codes = ez.lade_hilfsdaten(DATEN / "qiao77_XLSDataset4470_oiics.xlsx", daten)
    return daten, ez.Hilfsmodell(texte, codes), texte, ez.abgebildete_hilfsdaten(texte, codes)


def korpus(daten: ez.Datensatz, pool: list[str]) -> list[str]:
    """Unlabelled corpus: the 3 470 other narratives plus the OSHA accident abstracts of ../betriebe, minus
    near-duplicates of the 1 000 labelled cases."""
    import pandas as pd

    insp = pd.read_csv(
        DATEN.parent / "betriebe" / "osha_construction_accident_inspections.csv.gz",
        usecols=["accident_title", "accident_abstract"],
    ).drop_duplicates()
    texte = [
        ez.text_von(t, s) for t, s in zip(insp["accident_title"], insp["accident_abstract"], strict=True)
    ]
    alle = ez.ohne_nahe_duplikate(pool + texte, daten.texte)
    print("korpus", len(pool) + len(texte), "->", len(alle), flush=True)
    return alle


def varianten(
    hilfe: ez.Hilfsmodell, pool: list[str], zusatz: tuple[list[str], list[str]], semantik: Any = None
) -> dict[str, Any]:
    return {
        "lsa": lambda: ez.Erzaehlungsklassifikator("svm", hilfe=hilfe, semantik=semantik),
        "lsa2": lambda: ez.Erzaehlungsklassifikator(
            "svm", hilfe=hilfe, semantik=semantik, semantik_gewicht=2.0
        ),
        "lsa_lr": lambda: ez.Erzaehlungsklassifikator("ensemble", hilfe=hilfe, semantik=semantik),
        "abbildung": lambda: ez.Erzaehlungsklassifikator("svm", hilfe=hilfe, zusatz=zusatz),
        "abbildung_ohne_transfer": lambda: ez.Erzaehlungsklassifikator("svm", zusatz=zusatz),
        "abbildung_ohne_transfer_05": lambda: ez.Erzaehlungsklassifikator(
            "svm", zusatz=zusatz, zusatz_gewicht=0.6
        ),
        "abbildung_c1": lambda: ez.Erzaehlungsklassifikator("svm", c=1.0, hilfe=hilfe, zusatz=zusatz),
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


def kandidaten(hilfe: ez.Hilfsmodell) -> dict[str, Any]:
    """The configurations the nested selection chooses from (fixed in advance)."""
    k: dict[str, Any] = {}
    for c in (0.25, 0.5, 1.0):
        for g in (1.0, 2.0, 4.0):
            k[f"svm_c{c}_transfer{g}"] = lambda c=c, g=g: ez.Erzaehlungsklassifikator(
                "svm", c=c, hilfe=hilfe, hilfe_gewicht=g
            )
    k["titel"] = lambda: ez.Erzaehlungsklassifikator("svm", hilfe=hilfe, titel_gewicht=1.0)
    k["schluessel"] = lambda: ez.Erzaehlungsklassifikator("svm", hilfe=hilfe, schluessel_gewicht=1.0)
    k["ensemble"] = lambda: ez.Erzaehlungsklassifikator("ensemble", hilfe=hilfe)
    return k


def verschachtelt(hilfe: ez.Hilfsmodell, x: np.ndarray, y: np.ndarray) -> np.ndarray:
    """Nested CV: in each outer training fold an inner 3-fold CV picks the configuration by weighted F1;
    the outer held-out fold is predicted once by the picked configuration."""
    kand = kandidaten(hilfe)
    vorhersage = np.empty(len(y), dtype=object)
    for lern, test in StratifiedKFold(5, shuffle=True, random_state=0).split(x, y):
        werte = {}
        for name, bauer in kand.items():
            innen = np.empty(len(lern), dtype=object)
            for il, it in StratifiedKFold(3, shuffle=True, random_state=1).split(x[lern], y[lern]):
                innen[it] = bauer().fit(list(x[lern][il]), list(y[lern][il])).predict(list(x[lern][it]))
            werte[name] = f1_score(y[lern], innen, average="weighted")
        beste = max(werte, key=lambda n: werte[n])
        print("  gewaehlt", beste, round(werte[beste], 3), flush=True)
        vorhersage[test] = kand[beste]().fit(list(x[lern]), list(y[lern])).predict(list(x[test]))
    return vorhersage


def lernkurve(hilfe: ez.Hilfsmodell, x: np.ndarray, y: np.ndarray) -> None:
    """Weighted F1 of the current model when each training fold is cut to a share (same outer folds)."""
    for anteil in (0.25, 0.5, 0.75, 1.0):
        vorhersage = np.empty(len(y), dtype=object)
        for lern, test in StratifiedKFold(5, shuffle=True, random_state=0).split(x, y):
            if anteil < 1.0:
                lern, _ = train_test_split(lern, train_size=anteil, stratify=y[lern], random_state=0)
            m = ez.Erzaehlungsklassifikator("svm", hilfe=hilfe)
            vorhersage[test] = m.fit(list(x[lern]), list(y[lern])).predict(list(x[test]))
        r = bootstrap_f1(list(y), list(vorhersage))
        print(f"lernkurve {anteil:.2f} ({int(800 * anteil)} labels): weighted {r['weighted']}", flush=True)


def main() -> None:
    warnings.filterwarnings("ignore")
    a = argparse.ArgumentParser()
    a.add_argument("--varianten", default="")
    a.add_argument("--splits", type=int, default=0)
    a.add_argument("--nested", action="store_true")
    a.add_argument("--lernkurve", action="store_true")
    args = a.parse_args()
    daten, hilfe, pool, zusatz = lade()
    print("zusatz", len(zusatz[0]), flush=True)
    x, y = np.asarray(daten.texte, dtype=object), np.asarray(daten.labels, dtype=object)
    semantik = None
    if "lsa" in args.varianten:
        semantik = ez.Semantikmodell(korpus(daten, pool))
        print("lsa fertig", flush=True)
    alle = varianten(hilfe, pool, zusatz, semantik)
    if args.lernkurve:
        lernkurve(hilfe, x, y)
        return
    if args.nested:
        v = verschachtelt(hilfe, x, y)
        print("nested cv5", bootstrap_f1(list(y), list(v)), flush=True)
        return
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
