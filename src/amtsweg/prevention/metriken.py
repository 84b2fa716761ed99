"""Evaluation measures for rankings and classifiers, with firm-level (cluster) bootstrap CIs."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import numpy as np
import pandas as pd
from sklearn.metrics import average_precision_score, brier_score_loss, f1_score, roc_auc_score


def oben_maske(score: np.ndarray, anzahl: int, gruppen: np.ndarray | None = None) -> np.ndarray:
    """Boolean mask of the ``anzahl`` highest scores (per group of ``gruppen``, e.g. per reference date).

    Ties are broken deterministically by position, so a constant score selects arbitrary-but-fixed rows.
    """
    maske = np.zeros(len(score), dtype=bool)
    gruppen = np.zeros(len(score)) if gruppen is None else gruppen
    for g in np.unique(gruppen):
        idx = np.flatnonzero(gruppen == g)
        k = min(anzahl if anzahl >= 1 else 0, len(idx))
        oben = idx[np.argsort(-score[idx], kind="stable")[:k]]
        maske[oben] = True
    return maske


def anteil_maske(score: np.ndarray, anteil: float, gruppen: np.ndarray | None = None) -> np.ndarray:
    """Top ``anteil`` (e.g. 0.10) of each group."""
    maske = np.zeros(len(score), dtype=bool)
    gruppen = np.zeros(len(score)) if gruppen is None else gruppen
    for g in np.unique(gruppen):
        idx = np.flatnonzero(gruppen == g)
        k = max(1, round(anteil * len(idx)))
        maske[idx[np.argsort(-score[idx], kind="stable")[:k]]] = True
    return maske


def rangmasse(y: np.ndarray, score: np.ndarray, auswahl: np.ndarray) -> dict[str, float]:
    treffer = float(y[auswahl].sum())
    return {
        "praezision": treffer / max(int(auswahl.sum()), 1),
        "recall": treffer / max(float(y.sum()), 1.0),
        "treffer": treffer,
        "ausgewaehlt": float(auswahl.sum()),
    }


def wahrscheinlichkeitsmasse(y: np.ndarray, p: np.ndarray) -> dict[str, float]:
    if len(np.unique(y)) < 2:
        return {"auc": float("nan"), "pr_auc": float("nan"), "brier": float(brier_score_loss(y, p))}
    return {
        "auc": float(roc_auc_score(y, p)),
        "pr_auc": float(average_precision_score(y, p)),
        "brier": float(brier_score_loss(y, p)),
    }


def zuverlaessigkeit(y: np.ndarray, p: np.ndarray, faecher: int = 10) -> list[dict[str, float]]:
    """Reliability table by predicted-probability deciles: mean prediction vs observed rate."""
    rahmen = pd.DataFrame({"y": y, "p": p})
    rahmen["fach"] = pd.qcut(rahmen["p"].rank(method="first"), faecher, labels=False)
    tabelle = rahmen.groupby("fach").agg(n=("y", "size"), vorhersage=("p", "mean"), beobachtet=("y", "mean"))
    return [{k: float(v) for k, v in z.items()} for z in tabelle.reset_index().to_dict(orient="records")]


def bootstrap_nach_cluster(
    cluster: np.ndarray, statistik: Callable[[np.ndarray], float], wiederholungen: int = 500, seed: int = 0
) -> tuple[float, float]:
    """95 % percentile interval of ``statistik(indices)`` when whole clusters (firms) are resampled."""
    rng = np.random.default_rng(seed)
    eindeutig, inverse = np.unique(cluster, return_inverse=True)
    zeilen_je = [np.flatnonzero(inverse == i) for i in range(len(eindeutig))]
    werte = []
    for _ in range(wiederholungen):
        gezogen = rng.integers(0, len(eindeutig), len(eindeutig))
        idx = np.concatenate([zeilen_je[i] for i in gezogen])
        wert = statistik(idx)
        if np.isfinite(wert):
            werte.append(wert)
    if not werte:
        return float("nan"), float("nan")
    return float(np.percentile(werte, 2.5)), float(np.percentile(werte, 97.5))


def bootstrap_f1(
    y: list[str], vorhersage: list[str], wiederholungen: int = 1000, seed: int = 0
) -> dict[str, Any]:
    """Weighted and macro F1 with 95 % bootstrap intervals over cases."""
    ya, va = np.asarray(y), np.asarray(vorhersage)
    rng = np.random.default_rng(seed)
    ergebnis: dict[str, Any] = {}
    for mittel in ("weighted", "macro"):
        punkt = float(f1_score(ya, va, average=mittel, zero_division=0))
        ziehungen = []
        for _ in range(wiederholungen):
            idx = rng.integers(0, len(ya), len(ya))
            ziehungen.append(f1_score(ya[idx], va[idx], average=mittel, zero_division=0))
        ergebnis[mittel] = (
            punkt,
            float(np.percentile(ziehungen, 2.5)),
            float(np.percentile(ziehungen, 97.5)),
        )
    return ergebnis


def gruppenraten(rahmen: pd.DataFrame, gruppe: str) -> list[dict[str, Any]]:
    """Selection rate, hit rate (precision), recall, false-positive rate per group.

    ``rahmen`` needs columns ``ausgewaehlt`` (bool), ``ziel`` (0/1) and the group column.
    """
    zeilen = []
    for wert, teil in rahmen.groupby(gruppe):
        y, s = teil["ziel"].to_numpy() == 1, teil["ausgewaehlt"].to_numpy()
        zeilen.append(
            {
                gruppe: wert,
                "n": len(teil),
                "basisrate": float(y.mean()),
                "auswahlquote": float(s.mean()),
                "trefferquote": float(y[s].mean()) if s.any() else float("nan"),
                "recall": float(s[y].mean()) if y.any() else float("nan"),
                "fpr": float(s[~y].mean()) if (~y).any() else float("nan"),
            }
        )
    return zeilen


def psi(referenz: np.ndarray, aktuell: np.ndarray, faecher: int = 10) -> float:
    """Population stability index of a numeric variable (quantile bins of the reference)."""
    grenzen = np.unique(np.quantile(referenz, np.linspace(0, 1, faecher + 1)))
    if len(grenzen) < 3:
        grenzen = np.unique(np.concatenate([grenzen, [np.min(referenz) - 1, np.max(referenz) + 1]]))
    a = np.histogram(np.clip(referenz, grenzen[0], grenzen[-1]), grenzen)[0] / len(referenz)
    b = np.histogram(np.clip(aktuell, grenzen[0], grenzen[-1]), grenzen)[0] / max(len(aktuell), 1)
    a, b = np.clip(a, 1e-4, None), np.clip(b, 1e-4, None)
    return float(np.sum((b - a) * np.log(b / a)))
