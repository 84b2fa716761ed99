"""Training of the assistant's learned parts with our own code, on integreat-qa train; choices on dev only.

1. Re-ranking (``daten/neuordnung.json``): pairwise logistic regression (gold page vs. each other
   candidate, feature differences) over ``merkmale.NAMEN`` on the train split's answerable questions;
   C chosen by dev MRR@10.
2. Abstention (``daten/enthaltung.json``): logistic regression answerable vs. unanswerable over
   ``enthaltung.NAMEN`` on all train questions (class-balanced); C and the threshold chosen by dev
   abstention F1.
The test split is never read here. Run: taskset -c 0,1 .venv/bin/python bench/assistent_training.py
"""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Any

import numpy as np
from sklearn.linear_model import LogisticRegression

sys.path.insert(0, str(Path(__file__).parent))
from amtsweg.assistant import enthaltung, neuordnung
from amtsweg.assistant.merkmale import NAMEN
from amtsweg.assistant.neuordnung import LinearesModell, Neuordnung
from assistent_eval import MAX_FALSCHE_ENTHALTUNG, Split

KANDIDATEN = 30
C_WERTE = (0.003, 0.01, 0.03, 0.1, 0.3, 1.0)


def rang_daten(split: Split, nur_deutsch: bool) -> list[tuple[np.ndarray, np.ndarray]]:
    daten = []
    for f in split.fragen:
        if not f["answers"] or (nur_deutsch and f["sourceLanguage"]):
            continue
        _, reihe, x = split.index.zweite_stufe(f["question"], KANDIDATEN)
        daten.append((x, (reihe == split.pos[f["pageId"]]).astype(int)))
    return daten


def mrr(daten: list[tuple[np.ndarray, np.ndarray]], modell: LinearesModell) -> float:
    werte = []
    for x, y in daten:
        if len(x) == 0 or not y.any():
            werte.append(0.0)
            continue
        ordnung = np.argsort(-modell.bewerte(x), kind="stable")[:10]
        treffer = [i for i, j in enumerate(ordnung) if y[j]]
        werte.append(1 / (treffer[0] + 1) if treffer else 0.0)
    return float(np.mean(werte))


def trainiere_neuordnung(train: Split, dev: Split) -> tuple[LinearesModell, dict[str, Any]]:
    tr, dv = rang_daten(train, nur_deutsch=False), rang_daten(dev, nur_deutsch=True)
    alle = np.vstack([x for x, _ in tr if len(x)])
    mittel, skala = alle.mean(axis=0), alle.std(axis=0) + 1e-9
    paare, etiketten = [], []
    for x, y in tr:
        if not y.any():
            continue
        z = (x - mittel) / skala
        gold = z[y == 1][0]
        for anderer in z[y == 0]:
            paare += [gold - anderer, anderer - gold]
            etiketten += [1, 0]
    bericht: dict[str, Any] = {"dev_mrr_nach_C": {}}
    beste: tuple[float, LinearesModell | None] = (-1.0, None)
    for c in C_WERTE:
        lr = LogisticRegression(C=c, fit_intercept=False, max_iter=5000).fit(np.array(paare), etiketten)
        modell = LinearesModell(
            NAMEN, tuple(mittel.tolist()), tuple(skala.tolist()), tuple(lr.coef_[0].tolist())
        )
        wert = mrr(dv, modell)
        bericht["dev_mrr_nach_C"][str(c)] = round(wert, 4)
        if wert > beste[0] + 1e-9:
            beste, bericht["C"] = (wert, modell), c
    assert beste[1] is not None
    return beste[1], bericht


def enthaltungs_daten(split: Split) -> tuple[np.ndarray, np.ndarray]:
    zeilen, etiketten = [], []
    for f in split.fragen:
        terme, reihe, x, werte = split.index.rangliste(f["question"])
        zeilen.append(enthaltung.merkmale(split.index, f["question"], terme, reihe, x, werte))
        etiketten.append(int(bool(f["answers"])))
    return np.array(zeilen), np.array(etiketten)


def f1_enthaltung(
    p_beantwortbar: np.ndarray, y: np.ndarray, schwelle: float, grenze: float = MAX_FALSCHE_ENTHALTUNG
) -> float:
    """Abstention F1; 0 if more than ``grenze`` of the answerable questions would be refused (the
    pre-registered constraint of the calibration)."""
    enthalten = p_beantwortbar < schwelle
    if float(np.mean(enthalten[y == 1])) > grenze:
        return 0.0
    tp = float(np.sum(enthalten & (y == 0)))
    p = tp / max(float(enthalten.sum()), 1.0)
    r = tp / max(float(np.sum(y == 0)), 1.0)
    return 2 * p * r / max(p + r, 1e-9)


def trainiere_enthaltung(train: Split, dev: Split) -> tuple[LinearesModell, float, dict[str, Any]]:
    x_tr, y_tr = enthaltungs_daten(train)
    x_dv, y_dv = enthaltungs_daten(dev)
    mittel, skala = x_tr.mean(axis=0), x_tr.std(axis=0) + 1e-9
    bericht: dict[str, Any] = {"dev_f1_nach_C": {}}
    beste: tuple[float, LinearesModell | None, float] = (-1.0, None, 0.5)
    for c in C_WERTE:
        lr = LogisticRegression(C=c, class_weight="balanced", max_iter=5000)
        lr.fit((x_tr - mittel) / skala, y_tr)
        modell = LinearesModell(
            enthaltung.NAMEN,
            tuple(mittel.tolist()),
            tuple(skala.tolist()),
            tuple(lr.coef_[0].tolist()),
            float(lr.intercept_[0]),
        )
        p = modell.wahrscheinlichkeit(x_dv)
        for schwelle in np.arange(0.05, 0.96, 0.01):
            wert = f1_enthaltung(p, y_dv, float(schwelle))
            if wert > beste[0] + 1e-9:
                beste = (wert, modell, round(float(schwelle), 2))
                bericht["C"] = c
        bericht["dev_f1_nach_C"][str(c)] = round(
            max(f1_enthaltung(p, y_dv, float(s)) for s in np.arange(0.05, 0.96, 0.01)), 4
        )
    from sklearn.metrics import roc_auc_score

    assert beste[1] is not None
    bericht["dev_f1"] = round(beste[0], 4)
    p_dv = beste[1].wahrscheinlichkeit(x_dv)
    bericht["dev_falsche_enthaltung"] = round(float(np.mean(p_dv[y_dv == 1] < beste[2])), 4)
    bericht["dev_f1_ohne_grenze"] = round(
        max(f1_enthaltung(p_dv, y_dv, float(s), grenze=1.0) for s in np.arange(0.05, 0.96, 0.01)), 4
    )
    bericht["dev_auc"] = round(float(roc_auc_score(y_dv, beste[1].wahrscheinlichkeit(x_dv))), 4)
    bericht["train_auc"] = round(float(roc_auc_score(y_tr, beste[1].wahrscheinlichkeit(x_tr))), 4)
    return beste[1], beste[2], bericht


def main() -> None:
    train, dev = Split("train"), Split("dev")
    modell, bericht_r = trainiere_neuordnung(train, dev)
    inhalt = {"kandidaten": KANDIDATEN, "modell": modell.als_dict(), "training": bericht_r}
    neuordnung.DATEI.write_text(json.dumps(inhalt, indent=1) + "\n", encoding="utf-8")
    for split in (train, dev):
        split.index.neuordnung = Neuordnung(modell, KANDIDATEN)
    modell_e, schwelle, bericht_e = trainiere_enthaltung(train, dev)
    inhalt = {"schwelle": schwelle, "modell": modell_e.als_dict(), "training": bericht_e}
    enthaltung.DATEI.write_text(json.dumps(inhalt, indent=1) + "\n", encoding="utf-8")
    print(json.dumps({"neuordnung": bericht_r, "enthaltung": bericht_e, "schwelle": schwelle}, indent=2))


if __name__ == "__main__":
    main()
