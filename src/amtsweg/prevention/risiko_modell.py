"""Firm risk model: calibrated probability of a further (severe) accident within the horizon, with reasons.

Logistic regression on log-scaled history features and one-hot trade/region (explainable: each factor's
contribution is coefficient x deviation from the training mean), isotonic calibration on the most recent
training reference dates (time-ordered hold-out). Baselines: random, "most prior accidents", empirical Bayes.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

import numpy as np
import pandas as pd
from sklearn.compose import ColumnTransformer
from sklearn.ensemble import HistGradientBoostingClassifier
from sklearn.isotonic import IsotonicRegression
from sklearn.linear_model import LogisticRegression
from sklearn.pipeline import Pipeline
from sklearn.preprocessing import FunctionTransformer, OneHotEncoder, StandardScaler

from amtsweg.prevention.risiko_merkmale import KATEGORISCH, numerische_spalten

HINWEIS = (
    "Empfehlung: Die Rangfolge ist eine Entscheidungshilfe. Ob, wann und wie besucht wird, "
    "entscheidet die Aufsichtsperson."
)

#: plain German wording of the factors ({w} is the firm's value)
TEXTE: dict[str, str] = {
    "unf_gesamt": "{w:.0f} Unfälle in der bisherigen Historie",
    "unf_1j": "{w:.0f} Unfälle in den letzten 12 Monaten",
    "unf_3j": "{w:.0f} Unfälle in den letzten 3 Jahren",
    "unf_5j": "{w:.0f} Unfälle in den letzten 5 Jahren",
    "unf_toedlich": "{w:.0f} tödliche Unfälle",
    "jahre_seit_unfall": "letzter Unfall vor {w:.1f} Jahren",
    "jahre_historie": "seit {w:.1f} Jahren mit Unfällen bekannt",
    "besuche_gesamt": "{w:.0f} Besuche/Prüfungen bisher",
    "besuche_3j": "{w:.0f} Besuche/Prüfungen in den letzten 3 Jahren",
    "besuche_ohne_unfall": "{w:.0f} Besuche ohne Unfallanlass",
    "jahre_seit_besuch": "letzter Besuch vor {w:.1f} Jahren",
    "bussgeld_euro": "Bußgelder bisher {w:,.0f} €",
    "maengel_gesamt": "{w:.0f} Mängel bisher",
    "maengel_schwer": "{w:.0f} schwere Mängel",
    "maengel_vorsaetzlich": "{w:.0f} vorsätzliche Verstöße",
    "maengel_wiederholt": "{w:.0f} wiederholte Verstöße",
    "maengel_sonstig": "{w:.0f} sonstige Mängel",
    "maengel_je_besuch": "{w:.1f} Mängel je Besuch",
    "bussgeld_relativ": "Bußgelder {w:.1f}-mal so hoch wie im Durchschnitt",
    "baustellen_orte": "Unfälle an {w:.0f} verschiedenen Orten",
    "unf_verbund": "{w:.0f} Unfälle gleichnamiger Betriebe in anderen Regionen",
    "betriebe_verbund": "{w:.0f} gleichnamige Betriebe in anderen Regionen",
}
GRUPPEN_DE = {
    "absturz": "Absturzsicherung",
    "gerueste": "Gerüste",
    "leitern_treppen": "Leitern/Treppen",
    "baugruben": "Baugruben/Gräben",
    "elektrik": "Elektrik",
    "krane": "Krane",
    "fahrzeuge_maschinen": "Fahrzeuge/Baumaschinen",
    "organisation_unterweisung": "Organisation/Unterweisung",
    "schutzausruestung": "Schutzausrüstung",
    "gesundheit_hygiene": "Gesundheitsschutz",
    "abbruch": "Abbruch",
    "stahlbau": "Stahlbau",
    "beton": "Betonbau",
    "werkzeuge": "Werkzeuge",
    "gefahrstoffe": "Gefahrstoffe",
    "enge_raeume": "enge Räume",
}


#: trades of the training data (US NAICS construction codes) in German words; the code itself is not shown
GEWERKE_DE = {
    "236": "Hochbau",
    "2361": "Wohnungsbau",
    "2362": "Gewerbe- und Industriebau",
    "237": "Tiefbau",
    "2371": "Leitungstiefbau",
    "2372": "Erschließung von Grundstücken",
    "2373": "Straßen- und Brückenbau",
    "2379": "sonstiger Tiefbau",
    "238": "Ausbau- und Spezialgewerke",
    "2381": "Rohbau, Fundament- und Fassadenarbeiten",
    "2382": "Gebäudetechnik (Elektro, Sanitär, Heizung)",
    "2383": "Ausbau (Trockenbau, Maler, Boden)",
    "2389": "sonstige Spezialgewerke (z. B. Abbruch, Erdarbeiten)",
}


def beschreibe(merkmal: str, wert: Any) -> str:
    if merkmal in TEXTE:
        return TEXTE[merkmal].format(w=float(wert)).replace(",", ".")
    if merkmal.startswith("vorschrift_"):
        gruppe = merkmal.removeprefix("vorschrift_")
        return f"{float(wert):.0f} Mängel zum Thema {GRUPPEN_DE.get(gruppe, gruppe.replace('_', ' '))}"
    if merkmal.startswith("ursache_"):
        from amtsweg.prevention.erzaehlung import KATEGORIEN

        name = KATEGORIEN.get(merkmal.removeprefix("ursache_"), (merkmal, ""))[0]
        return f"{float(wert):.0f} Unfälle der Art „{name}“"
    if merkmal.startswith("gewerk="):
        code = merkmal.split("=", 1)[1]
        gewerk = GEWERKE_DE.get(code) or GEWERKE_DE.get(code[:3])
        if not gewerk:
            return "Gewerk mit erhöhtem Unfallgeschehen"
        return f"Gewerk „{gewerk}“ mit erhöhtem Unfallgeschehen"
    if merkmal.startswith("region="):
        return "Region mit erhöhtem Unfallgeschehen"
    return "weiteres Merkmal der Unfall- und Prüfhistorie"


def _dicht(z: Any) -> np.ndarray:
    return np.asarray(z.toarray() if hasattr(z, "toarray") else z, dtype=float)


def _klarname(name: str) -> str:
    """'zahl__unf_gesamt' -> 'unf_gesamt'; 'kat__gewerk_2381' -> 'gewerk=2381'."""
    art, _, rest = name.partition("__")
    if art == "kat":
        for spalte in KATEGORISCH:
            if rest.startswith(spalte + "_"):
                wert = rest.removeprefix(spalte + "_")
                return f"{spalte}={'sonstige' if wert == 'infrequent_sklearn' else wert}"
    return rest


def _vorverarbeitung(numerisch: list[str]) -> ColumnTransformer:
    return ColumnTransformer(
        [
            (
                "zahl",
                Pipeline(
                    [
                        ("log", FunctionTransformer(np.log1p, feature_names_out="one-to-one")),
                        ("skala", StandardScaler()),
                    ]
                ),
                numerisch,
            ),
            ("kat", OneHotEncoder(min_frequency=40, handle_unknown="infrequent_if_exist"), list(KATEGORISCH)),
        ]
    )


@dataclass
class Risikomodell:
    verfahren: str = "logreg"  # or "boosting"
    c: float = 0.3
    kalibrierung: str = "platt"  # or "isotonic" or "keine"
    numerisch: list[str] = field(default_factory=list)
    version: str = ""
    kennzahlen: dict[str, Any] = field(default_factory=dict)

    def _roh(self) -> Pipeline:
        if self.verfahren == "boosting":
            schaetzer: Any = HistGradientBoostingClassifier(
                max_iter=200, learning_rate=0.05, max_leaf_nodes=15, l2_regularization=1.0, random_state=0
            )
        else:
            schaetzer = LogisticRegression(C=self.c, max_iter=3000)
        return Pipeline([("vor", _vorverarbeitung(self.numerisch)), ("modell", schaetzer)])

    def fit(self, x: pd.DataFrame, kalibrier_anteil_jahre: int = 4) -> Risikomodell:
        """Fit on rows with an observed label; the last reference dates calibrate."""
        x = x[x["ziel"].notna()]
        self.numerisch = numerische_spalten(x)
        stichtage = sorted(x["stichtag"].unique())
        grenze = stichtage[-kalibrier_anteil_jahre] if len(stichtage) > kalibrier_anteil_jahre else None
        lern = x if grenze is None or self.kalibrierung == "keine" else x[x["stichtag"] < grenze]
        self.pipeline_ = self._roh().fit(lern, lern["ziel"].astype(int))
        self.mittel_ = _dicht(self.pipeline_.named_steps["vor"].transform(lern)).mean(axis=0)
        self.kalibrator_: Any = None
        if grenze is not None and self.kalibrierung != "keine":
            kal = x[x["stichtag"] >= grenze]
            roh = self.pipeline_.predict_proba(kal)[:, 1]
            if self.kalibrierung == "platt":
                self.kalibrator_ = LogisticRegression().fit(
                    np.log(roh / (1 - roh + 1e-9) + 1e-9)[:, None], kal["ziel"].astype(int)
                )
            else:
                self.kalibrator_ = IsotonicRegression(out_of_bounds="clip", y_min=0.0, y_max=1.0).fit(
                    roh, kal["ziel"].astype(int)
                )
        self.basisrate_ = float(x["ziel"].mean())
        return self

    def roh_score(self, x: pd.DataFrame) -> np.ndarray:
        return np.asarray(self.pipeline_.predict_proba(x)[:, 1])

    def predict_proba(self, x: pd.DataFrame) -> np.ndarray:
        roh = self.roh_score(x)
        if self.kalibrator_ is None:
            return roh
        if isinstance(self.kalibrator_, LogisticRegression):
            return np.asarray(
                self.kalibrator_.predict_proba(np.log(roh / (1 - roh + 1e-9) + 1e-9)[:, None])[:, 1]
            )
        kalibriert = np.asarray(self.kalibrator_.predict(roh))
        # isotonic steps create ties; a tiny share of the raw score keeps the ranking of the raw model
        return np.clip(kalibriert + 1e-6 * roh, 0.0, 1.0)

    def erklaere(self, x: pd.DataFrame, top: int = 3) -> list[list[dict[str, Any]]]:
        """Top factors that raise each firm's score, in plain German (logistic regression only)."""
        if self.verfahren != "logreg":
            return [[] for _ in range(len(x))]
        vor = self.pipeline_.named_steps["vor"]
        koeff = self.pipeline_.named_steps["modell"].coef_[0]
        namen = [_klarname(n) for n in vor.get_feature_names_out()]
        beitrag = (_dicht(vor.transform(x)) - self.mittel_) * koeff
        ergebnis = []
        for i in range(len(x)):
            reihenfolge = np.argsort(-beitrag[i])[:top]
            zeile = x.iloc[i]
            ergebnis.append(
                [
                    {
                        "merkmal": namen[j],
                        "beitrag": round(float(beitrag[i, j]), 3),
                        "text": beschreibe(namen[j], zeile[namen[j]] if namen[j] in zeile.index else ""),
                    }
                    for j in reihenfolge
                    if beitrag[i, j] > 0
                ]
            )
        return ergebnis


def score_meiste_unfaelle(x: pd.DataFrame) -> np.ndarray:
    """Baseline 'previous selection': most prior accidents; ties broken by recent accidents and recency."""
    return np.asarray(x["unf_gesamt"] + 1e-3 * x["unf_3j"] - 1e-6 * x["jahre_seit_unfall"].fillna(99))


@dataclass
class EmpirischerBayes:
    """Gamma-Poisson shrinkage of each firm's accident count in the last 5 years towards its trade's rate.

    Prior per Gewerk by the method of moments on the training rows (trades with few rows use the overall
    prior); score = posterior mean rate (n5 + alpha_g) / (5 + beta).
    """

    alpha: float = 1.0
    beta: float = 1.0
    alpha_gewerk: dict[str, float] = field(default_factory=dict)

    def fit(self, x: pd.DataFrame, mindestens: int = 50) -> EmpirischerBayes:
        rate = np.asarray(x["unf_5j"], dtype=float) / 5.0
        m = float(rate.mean())
        varianz = max(float(rate.var()) - m / 5.0, 1e-6)
        self.beta = m / varianz
        self.alpha = m * self.beta
        gruppen = x.assign(rate=rate).groupby("gewerk")["rate"].agg(["mean", "size"])
        self.alpha_gewerk = {
            str(g): float(z["mean"]) * self.beta for g, z in gruppen.iterrows() if z["size"] >= mindestens
        }
        return self

    def score(self, x: pd.DataFrame) -> np.ndarray:
        prior = x["gewerk"].astype(str).map(self.alpha_gewerk).fillna(self.alpha)
        return np.asarray((x["unf_5j"] + prior) / (5.0 + self.beta))
