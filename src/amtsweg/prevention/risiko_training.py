"""Training, time-split evaluation, scoring and persistence of the firm risk model."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

import joblib
import numpy as np
import pandas as pd

from amtsweg.prevention.besuchsplan import aufsicht, drift
from amtsweg.prevention.metriken import (
    anteil_maske,
    bootstrap_nach_cluster,
    oben_maske,
    rangmasse,
    wahrscheinlichkeitsmasse,
    zuverlaessigkeit,
)
from amtsweg.prevention.risiko_daten import Bestand
from amtsweg.prevention.risiko_merkmale import merkmale_fuer_jahre, merkmale_zum_stichtag
from amtsweg.prevention.risiko_modell import EmpirischerBayes, Risikomodell, score_meiste_unfaelle

DRIFT_SPALTEN = [
    "unf_gesamt",
    "unf_3j",
    "maengel_gesamt",
    "maengel_schwer",
    "jahre_seit_besuch",
    "bussgeld_euro",
]


def historienklasse(x: pd.DataFrame) -> pd.Series:
    """Proxy strata when no employee counts exist: number of prior accidents (1, 2, 3+)."""
    return pd.cut(x["unf_gesamt"], [0, 1, 2, np.inf], labels=["1 Unfall", "2 Unfälle", "3+ Unfälle"]).astype(
        str
    )


def _scores(modell: Risikomodell, tr: pd.DataFrame, te: pd.DataFrame, seed: int) -> dict[str, np.ndarray]:
    rng = np.random.default_rng(seed)
    return {
        "modell": modell.predict_proba(te),
        "zufall": rng.random(len(te)),
        "meiste_unfaelle": score_meiste_unfaelle(te),
        "empirisch_bayes": EmpirischerBayes().fit(tr).score(te),
    }


def evaluiere_zeitraum(
    x: pd.DataFrame,
    test_von: int,
    test_bis: int,
    horizont: int = 3,
    kapazitaet: int = 100,
    wiederholungen: int = 300,
    modell: Risikomodell | None = None,
    seed: int = 0,
) -> dict[str, Any]:
    """Train on reference years <= test_von - horizont (labels closed before the test), test on the block."""
    jahr = x["stichtag"].dt.year
    tr = x[(jahr <= test_von - horizont) & x["ziel"].notna()]
    te = x[jahr.between(test_von, test_bis) & x["ziel"].notna()].reset_index(drop=True)
    modell = (modell or Risikomodell(c=0.05)).fit(tr)
    y = te["ziel"].to_numpy().astype(int)
    tage = te["stichtag"].to_numpy()
    firmen = te["betriebsnummer"].to_numpy()
    scores = _scores(modell, tr, te, seed)
    ergebnis: dict[str, Any] = {
        "train_jahre": [int(jahr[tr.index].min()), int(jahr[tr.index].max())],
        "test_jahre": [test_von, test_bis],
        "n_train": len(tr),
        "n_test": len(te),
        "firmen_test": len(np.unique(firmen)),
        "basisrate_test": float(y.mean()),
        "basisrate_train": float(tr["ziel"].mean()),
        "verfahren": {},
    }
    masken: dict[str, tuple[np.ndarray, np.ndarray]] = {}
    for name, s in scores.items():
        m10, mk = anteil_maske(s, 0.10, tage), oben_maske(s, kapazitaet, tage)
        masken[name] = (m10, mk)
        e = {f"{k}_10": v for k, v in rangmasse(y, s, m10).items()}
        e.update({f"{k}_kap": v for k, v in rangmasse(y, s, mk).items()})
        e.update(wahrscheinlichkeitsmasse(y, s if name == "modell" else _rang(s)))
        if name != "modell":
            e.pop("brier", None)
        ergebnis["verfahren"][name] = e

    def praez(name: str, welche: int) -> Any:
        return lambda idx: (
            float(y[idx][masken[name][welche][idx]].mean())
            if masken[name][welche][idx].any()
            else float("nan")
        )

    def verhaeltnis(welche: int) -> Any:
        return lambda idx: praez("modell", welche)(idx) / max(praez("meiste_unfaelle", welche)(idx), 1e-9)

    from sklearn.metrics import roc_auc_score

    ki = {
        "praezision_10_modell": bootstrap_nach_cluster(firmen, praez("modell", 0), wiederholungen, seed),
        "praezision_10_meiste": bootstrap_nach_cluster(
            firmen, praez("meiste_unfaelle", 0), wiederholungen, seed
        ),
        "faktor_10": bootstrap_nach_cluster(firmen, verhaeltnis(0), wiederholungen, seed),
        "faktor_kap": bootstrap_nach_cluster(firmen, verhaeltnis(1), wiederholungen, seed),
        "auc_modell": bootstrap_nach_cluster(
            firmen,
            lambda idx: (
                float(roc_auc_score(y[idx], scores["modell"][idx]))
                if y[idx].min() < 1 <= y[idx].max()
                else float("nan")
            ),
            wiederholungen,
            seed,
        ),
    }
    ergebnis["ki95"] = ki
    v = ergebnis["verfahren"]
    ergebnis["faktor_10"] = v["modell"]["praezision_10"] / max(v["meiste_unfaelle"]["praezision_10"], 1e-9)
    ergebnis["faktor_kap"] = v["modell"]["praezision_kap"] / max(v["meiste_unfaelle"]["praezision_kap"], 1e-9)
    ergebnis["brier_basisrate"] = float(np.mean((y - tr["ziel"].mean()) ** 2))
    ergebnis["zuverlaessigkeit"] = zuverlaessigkeit(y, scores["modell"])
    gruppen = te.assign(ausgewaehlt=masken["modell"][0], historienklasse=historienklasse(te))
    ergebnis["aufsicht"] = aufsicht(gruppen, ("groessenklasse", "historienklasse", "region"))
    ergebnis["drift"] = drift(tr, te, DRIFT_SPALTEN)
    ergebnis["modell_objekt"] = modell
    return ergebnis


def _rang(s: np.ndarray) -> np.ndarray:
    return np.asarray(pd.Series(s).rank(pct=True).to_numpy())


def trainiere_endmodell(
    bestand: Bestand,
    bis_jahr: int,
    von_jahr: int,
    horizont: int = 3,
    rueckblick: float = 1.0,
    x: pd.DataFrame | None = None,
) -> tuple[Risikomodell, pd.DataFrame]:
    """Fit the production model on all reference years whose label windows are closed by ``bis_jahr``.

    ``x`` (features for exactly these years) can be passed to avoid recomputing them.
    """
    if x is None:
        x = merkmale_fuer_jahre(bestand, list(range(von_jahr, bis_jahr - horizont + 1)), horizont, rueckblick)
    modell = Risikomodell(c=0.05).fit(x)
    modell.version = f"risiko-{dt.date.today():%Y%m%d}-bis{bis_jahr - horizont}"
    return modell, x


def bewerte(
    modell: Risikomodell,
    bestand: Bestand,
    stichtag: pd.Timestamp,
    rueckblick: float = 1.0,
    top_gruende: int = 3,
) -> pd.DataFrame:
    """Score the population at ``stichtag``: probability and German reasons per firm."""
    x = merkmale_zum_stichtag(bestand, stichtag, rueckblick_jahre=rueckblick)
    if x.empty:
        return x
    x["wahrscheinlichkeit"] = modell.predict_proba(x)
    x["gruende"] = [[g["text"] for g in liste] for liste in modell.erklaere(x, top_gruende)]
    return x


def speichere_modell(modell: Risikomodell, pfad: Path) -> None:
    pfad.parent.mkdir(parents=True, exist_ok=True)
    joblib.dump(modell, pfad)


def lade_modell(pfad: Path) -> Risikomodell:
    """Load a model written by ``speichere_modell`` (only load files this program wrote: pickle format)."""
    modell = joblib.load(pfad)
    if not isinstance(modell, Risikomodell):
        raise ValueError(f"„{pfad}“ enthält kein Risikomodell.")
    return modell
