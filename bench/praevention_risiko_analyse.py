"""Why is the risk model's hit rate at K = 10 % only ~1.0x the "most prior accidents" rule? (issue 7)

Strictly by time as in ``risiko_training.evaluiere_zeitraum``: train reference years <= test_von - 3, test
on the block. Prints, per test block: label structure by prior-accident class, ties at the rule's cut-off,
precision@10 % of the rule and of several models (logistic, gradient boosting, boosting with extra
recency/group features), an optimistic in-sample upper bound (boosting fitted on the test rows themselves),
and firm-bootstrap 95 % CIs of the factor model/rule. Writes the raw numbers to --json.
Run: .venv/bin/python bench/praevention_risiko_analyse.py --json /tmp/risiko_analyse.json
"""

from __future__ import annotations

import argparse
import json
import time
import warnings
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd
from sklearn.ensemble import HistGradientBoostingClassifier

from amtsweg.prevention import erzaehlung as ez
from amtsweg.prevention.metriken import anteil_maske, bootstrap_nach_cluster
from amtsweg.prevention.risiko_daten import osha_laden
from amtsweg.prevention.risiko_merkmale import JAHR, merkmale_fuer_jahre, numerische_spalten
from amtsweg.prevention.risiko_modell import Risikomodell, score_meiste_unfaelle

DATEN = Path(__file__).resolve().parents[2] / "shared" / "data"


def zusatzmerkmale(x: pd.DataFrame, unfaelle: pd.DataFrame, betriebe: pd.DataFrame) -> pd.DataFrame:
    """Recency-weighted accident history (half-life 1 year) and recent accidents of same-name firms."""
    x = x.copy()
    verbund = betriebe.set_index("betriebsnummer")["verbund"]
    u = unfaelle.assign(verbund=unfaelle["betriebsnummer"].map(verbund))
    gewichtet, verbund_3j = np.zeros(len(x)), np.zeros(len(x))
    for stichtag, idx in x.groupby("stichtag").groups.items():
        vor = u[u["datum"] < stichtag]
        alter = (stichtag - vor["datum"]) / JAHR
        w = vor.assign(w=np.power(0.5, alter)).groupby("betriebsnummer")["w"].sum()
        gewichtet[x.index.get_indexer(idx)] = x.loc[idx, "betriebsnummer"].map(w).fillna(0).to_numpy()
        neu = vor[alter <= 3].groupby("verbund").size()
        eigen = vor[alter <= 3].groupby("betriebsnummer").size()
        v = x.loc[idx, "betriebsnummer"].map(verbund).map(neu).fillna(0).to_numpy()
        e = x.loc[idx, "betriebsnummer"].map(eigen).fillna(0).to_numpy()
        verbund_3j[x.index.get_indexer(idx)] = np.clip(v - e, 0, None)
    x["unf_gewichtet"] = gewichtet
    x["unf_verbund_3j"] = verbund_3j
    return x


class Boosting:
    """Gradient boosting on the numeric history features (no calibration; ranking only)."""

    def __init__(self, **kw: Any) -> None:
        self.kw = kw

    def fit(self, x: pd.DataFrame) -> Boosting:
        self.spalten = numerische_spalten(x)
        self.m = HistGradientBoostingClassifier(random_state=0, **self.kw)
        self.m.fit(x[self.spalten].fillna(-1), x["ziel"].astype(int))
        return self

    def predict_proba(self, x: pd.DataFrame) -> np.ndarray:
        return np.asarray(self.m.predict_proba(x[self.spalten].fillna(-1))[:, 1])


def praezision(y: np.ndarray, s: np.ndarray, tage: np.ndarray) -> float:
    m = anteil_maske(s, 0.10, tage)
    return float(y[m].mean())


def block(x: pd.DataFrame, von: int, bis: int, wdh: int) -> dict[str, Any]:
    jahr = x["stichtag"].dt.year
    tr = x[(jahr <= von - 3) & x["ziel"].notna()]
    te = x[jahr.between(von, bis) & x["ziel"].notna()].reset_index(drop=True)
    y, tage, firmen = (
        te["ziel"].to_numpy().astype(int),
        te["stichtag"].to_numpy(),
        te["betriebsnummer"].to_numpy(),
    )
    regel = score_meiste_unfaelle(te)
    klasse = pd.cut(te["unf_gesamt"], [0, 1, 2, np.inf], labels=["1", "2", "3+"]).astype(str)
    struktur = {
        k: {
            "n": int((klasse == k).sum()),
            "positiv": int(y[klasse == k].sum()),
            "rate": float(y[klasse == k].mean()),
        }
        for k in ("1", "2", "3+")
    }
    m10 = anteil_maske(regel, 0.10, tage)
    gleich = 0
    for t in np.unique(tage):  # rows tied with the rule's last selected score (same count, same recency)
        idx = np.flatnonzero(tage == t)
        grenze = regel[idx][m10[idx]].min()
        gleich += int((np.round(regel[idx], 9) == np.round(grenze, 9)).sum())
    auswahl_klassen = {k: int(((klasse == k) & m10).sum()) for k in ("1", "2", "3+")}
    ohne = te.drop(columns=["unf_gewichtet", "unf_verbund_3j"])
    modelle: dict[str, Any] = {
        "logreg (current)": Risikomodell(c=0.05).fit(tr.drop(columns=["unf_gewichtet", "unf_verbund_3j"])),
        "boosting": Boosting(max_iter=200, learning_rate=0.05, max_leaf_nodes=15, l2_regularization=1.0).fit(
            tr.drop(columns=["unf_gewichtet", "unf_verbund_3j"])
        ),
        "logreg + recency/group": Risikomodell(c=0.05).fit(tr),
        "boosting + recency/group": Boosting(
            max_iter=200, learning_rate=0.05, max_leaf_nodes=15, l2_regularization=1.0
        ).fit(tr),
    }
    scores = {
        name: (m.predict_proba(ohne) if "recency" not in name else m.predict_proba(te))
        for name, m in modelle.items()
    }
    # no time shift: firm-grouped 5-fold CV inside the test block (optimistic diagnostic, not a result)
    from sklearn.model_selection import GroupKFold

    cv = np.zeros(len(te))
    for lern, pruef in GroupKFold(5).split(te, groups=firmen):
        cv[pruef] = Risikomodell(c=0.05, kalibrierung="keine").fit(te.iloc[lern]).roh_score(te.iloc[pruef])
    scores["diagnostic: logreg, firm-grouped CV inside the test block"] = cv
    p_regel = praezision(y, regel, tage)
    # ceiling of any re-ranking that stays among firms with 2+ prior accidents, and the hit rate among
    # 1-accident firms that 1.3x would need; best model's hit rate in its top 5 % of 1-accident firms
    treffer_mehr, k_gesamt = 0, 0
    for t in np.unique(tage):
        idx = np.flatnonzero(tage == t)
        k = max(1, round(0.10 * len(idx)))
        k_gesamt += k
        treffer_mehr += min(k, int(y[idx][te["unf_gesamt"].to_numpy()[idx] >= 2].sum()))
    einzel = (klasse == "1").to_numpy()
    s_best = scores["logreg (current)"]
    oben5 = einzel & anteil_maske(np.where(einzel, s_best, -np.inf), 0.05 * einzel.mean(), tage)
    ergebnis: dict[str, Any] = {
        "test": [von, bis],
        "n_train": len(tr),
        "n_test": len(te),
        "struktur": struktur,
        "auswahl_regel_nach_klasse": auswahl_klassen,
        "gleichstand_an_grenze": gleich,
        "praezision_regel": p_regel,
        "obergrenze_nur_mehrfach": treffer_mehr / k_gesamt,
        "noetig_13": 1.3 * p_regel,
        "einzel_top5_trefferquote_modell": float(y[oben5].mean()),
        "einzel_top5_n": int(oben5.sum()),
        "verfahren": {},
    }
    for name, s in scores.items():
        p = praezision(y, s, tage)

        def faktor(idx: np.ndarray, s: np.ndarray = s) -> float:
            return praezision(y[idx], s[idx], tage[idx]) / max(
                praezision(y[idx], regel[idx], tage[idx]), 1e-9
            )

        ki = bootstrap_nach_cluster(firmen, faktor, wdh, 0)
        ergebnis["verfahren"][name] = {"praezision_10": p, "faktor": p / p_regel, "ki95": ki}
        print(von, bis, name, round(p, 3), round(p / p_regel, 3), ki, flush=True)
    return ergebnis


def main() -> None:
    warnings.filterwarnings("ignore")
    a = argparse.ArgumentParser()
    a.add_argument("--json", type=Path)
    a.add_argument("--wiederholungen", type=int, default=200)
    args = a.parse_args()
    start = time.time()
    bestand = osha_laden(DATEN / "betriebe")
    daten = ez.lade_tagged1000(DATEN / "unfaelle" / "tagged1000.xlsx")
    klassifikator = ez.Erzaehlungsklassifikator("svm").fit(daten.texte, daten.labels)
    bestand.unfaelle["ursache"] = klassifikator.predict(list(bestand.unfaelle["schilderung"].astype(str)))
    x = merkmale_fuer_jahre(bestand, list(range(1986, 2022)), horizont_jahre=3, rueckblick_jahre=1)
    x = zusatzmerkmale(x, bestand.unfaelle, bestand.betriebe)
    print("merkmale", len(x), round(time.time() - start), flush=True)
    ergebnisse = [block(x, von, bis, args.wiederholungen) for von, bis in ((2004, 2008), (2017, 2019))]
    for e in ergebnisse:
        print(json.dumps({k: v for k, v in e.items() if k != "verfahren"}, default=str))
    if args.json:
        args.json.write_text(json.dumps(ergebnisse, default=str, indent=1), "utf-8")
    print("fertig", round(time.time() - start))


if __name__ == "__main__":
    main()
