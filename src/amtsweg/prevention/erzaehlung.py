"""Accident narrative classifier: Unfallschilderung -> one of the 11 cause categories of the OSHA set.

Language-agnostic: word uni/bigram TF-IDF plus character 2-5-gram TF-IDF (robust to German compounds and
typos) and a linear model; optionally transfer features from an auxiliary model trained on *other* narratives
with a different label scheme (OIICS event codes), stacked as extra columns. The leakage columns of the OSHA
files (``cause``, ``newkeys``, ``fatcause``, ``fall dist``, ``diagnosis``) are never read.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd
from scipy import sparse
from sklearn.base import BaseEstimator, ClassifierMixin
from sklearn.feature_extraction.text import TfidfVectorizer
from sklearn.linear_model import LogisticRegression
from sklearn.naive_bayes import ComplementNB
from sklearn.pipeline import FeatureUnion
from sklearn.svm import LinearSVC

from amtsweg.prevention.erzaehlung_schluessel import schluessel_merkmale, titel_von

#: the 11 labels of tagged1000 (Goh & Ubeynarayana 2017) with a German name and the Gefährdungsfaktor
KATEGORIEN: dict[str, tuple[str, str]] = {
    "falls": ("Absturz / Sturz", "1.6"),
    "collapse of object": ("Einsturz / Umstürzen von Bauteilen", "1.4"),
    "struck by moving objects": ("Getroffen von bewegten Gegenständen", "1.3"),
    "electrocution": ("Elektrischer Schlag", "2.1"),
    "caught in/between objects": ("Eingeklemmt / Erfasst", "1.1"),
    "traffic": ("Verkehrsunfall", "1.3"),
    "fires and explosion": ("Brand und Explosion", "5.1"),
    "others": ("Sonstiges", "11"),
    "struck by falling object": ("Getroffen von herabfallenden Gegenständen", "1.4"),
    "exposure to chemical substances": ("Gefahrstoffe", "3.2"),
    "exposure to extreme temperatures": ("Extreme Temperaturen", "8.1"),
}
#: columns of the OSHA files that encode the answer and must never be features
LECKSPALTEN = frozenset({"cause", "newkeys", "fatcause", "fall dist", "diagnosis", "Tagged2", "TggedL1"})


def text_von(titel: Any, schilderung: Any) -> str:
    teile = [str(t) for t in (titel, schilderung) if t is not None and str(t) != "nan"]
    return " . ".join(teile)


def _fingerabdruck(text: Any) -> str:
    return hashlib.sha1(" ".join(str(text).lower().split())[:400].encode()).hexdigest()


@dataclass
class Datensatz:
    ids: list[int]
    texte: list[str]
    labels: list[str]
    nur_schilderung: list[str] = field(default_factory=list)


def lade_tagged1000(pfad: Path) -> Datensatz:
    """The 1 000 labelled narratives: id, title + narrative, label. Leakage columns are not even loaded."""
    rahmen = pd.read_excel(pfad, usecols=["id", "title", "Summary2", "Tagged2"])
    assert not (set(rahmen.columns) & (LECKSPALTEN - {"Tagged2"}))
    return Datensatz(
        ids=[int(i) for i in rahmen["id"]],
        texte=[text_von(t, s) for t, s in zip(rahmen["title"], rahmen["Summary2"], strict=True)],
        labels=[str(x).strip() for x in rahmen["Tagged2"]],
        nur_schilderung=[str(s) for s in rahmen["Summary2"]],
    )


def lade_hilfsdaten(pfad: Path, ausschluss: Datensatz) -> tuple[list[str], list[str]]:
    """OIICS-labelled narratives (qiao77) minus every case of ``ausschluss`` (by id and by text fingerprint).

    Returns texts and two-digit OIICS event codes (``TaggedL2``; rows without a code use the division
    ``TggedL1`` prefixed with ``D``). The 11-class labels are never taken from here.
    """
    rahmen = pd.read_excel(pfad, sheet_name="4470", usecols=["id", "title", "SUMMARY", "TggedL1", "TaggedL2"])
    gesperrt = {_fingerabdruck(t) for t in ausschluss.nur_schilderung}
    behalten = ~rahmen["id"].isin(set(ausschluss.ids)) & ~rahmen["SUMMARY"].map(_fingerabdruck).isin(gesperrt)
    rahmen = rahmen[behalten]
    code = [
        f"L2:{str(b).strip()}" if str(b).strip() not in ("0", "0.0", "nan", "") else f"D:{a}"
        for a, b in zip(rahmen["TggedL1"], rahmen["TaggedL2"], strict=True)
    ]
    texte = [text_von(t, s) for t, s in zip(rahmen["title"], rahmen["SUMMARY"], strict=True)]
    return texte, code


#: OIICS two-digit event codes that map unambiguously to one of the 11 classes (written from the two
#: code definitions, not learned); ambiguous codes such as 62 "struck by object" are left out
OIICS_ABBILDUNG = {
    "43": "falls",
    "44": "falls",
    "51": "electrocution",
    "65": "collapse of object",
    "64": "caught in/between objects",
    "26": "traffic",
    "22": "traffic",
    "31": "fires and explosion",
    "32": "fires and explosion",
    "55": "exposure to chemical substances",
    "56": "exposure to chemical substances",
    "53": "exposure to extreme temperatures",
    "74": "others",
    "13": "others",
}


def abgebildete_hilfsdaten(texte: list[str], codes: list[str]) -> tuple[list[str], list[str]]:
    """The auxiliary narratives whose OIICS code maps to one 11-class label (weak labels)."""
    paare = [
        (t, OIICS_ABBILDUNG.get(c[3:5])) for t, c in zip(texte, codes, strict=True) if c.startswith("L2:")
    ]
    return [t for t, label in paare if label], [label for _, label in paare if label]


def merkmale() -> FeatureUnion:
    return FeatureUnion(
        [
            ("wort", TfidfVectorizer(ngram_range=(1, 2), sublinear_tf=True, min_df=2, stop_words="english")),
            ("zeichen", TfidfVectorizer(analyzer="char_wb", ngram_range=(2, 5), sublinear_tf=True, min_df=2)),
        ]
    )


class Hilfsmodell:
    """Auxiliary model trained on other narratives with another label scheme; its class probabilities are
    transfer features (a learned, small 'vocabulary of accident types')."""

    def __init__(self, texte: list[str], labels: list[str], c: float = 0.5) -> None:
        self.vektor = merkmale().fit(texte)
        self.modell = LinearSVC(C=c).fit(self.vektor.transform(texte), labels)

    def transform(self, texte: list[str]) -> np.ndarray:
        return _softmax(self.modell.decision_function(self.vektor.transform(texte)))


class Semantikmodell:
    """Latent semantic features (TF-IDF -> truncated SVD) learned on a large unlabelled narrative corpus; the
    corpus must not contain any evaluation case (see ``ohne_nahe_duplikate``)."""

    def __init__(self, texte: list[str], dimensionen: int = 300, seed: int = 0) -> None:
        from sklearn.decomposition import TruncatedSVD

        self.vektor = TfidfVectorizer(ngram_range=(1, 2), sublinear_tf=True, min_df=3, stop_words="english")
        self.svd = TruncatedSVD(dimensionen, random_state=seed).fit(self.vektor.fit_transform(texte))

    def transform(self, texte: list[str]) -> np.ndarray:
        z = self.svd.transform(self.vektor.transform(texte))
        return np.asarray(z / np.maximum(np.linalg.norm(z, axis=1, keepdims=True), 1e-9))


def ohne_nahe_duplikate(pool: list[str], gesperrt: list[str], schwelle: float = 0.5) -> list[str]:
    """``pool`` without texts whose word TF-IDF cosine to any ``gesperrt`` text reaches ``schwelle`` (the same
    accident reported again with other formatting counts as the same case)."""
    vektor = TfidfVectorizer(sublinear_tf=True, min_df=1).fit(pool + gesperrt)
    aehnlich = (vektor.transform(pool) @ vektor.transform(gesperrt).T).max(axis=1).toarray().ravel()
    return [t for t, a in zip(pool, aehnlich, strict=True) if a < schwelle]


def _softmax(rand: np.ndarray, temperatur: float = 3.0) -> np.ndarray:
    if rand.ndim == 1:  # two classes: one margin for the second class
        rand = np.column_stack([-rand, rand]) / 2
    z = np.exp(temperatur * (rand - rand.max(axis=1, keepdims=True)))
    return np.asarray(z / z.sum(axis=1, keepdims=True))


class Erzaehlungsklassifikator(ClassifierMixin, BaseEstimator):  # type: ignore[misc]
    """TF-IDF (word + char) -> linear model, optionally with stacked transfer and keyword features.

    ``modell``: "svm" (LinearSVC; scores are softmaxed margins, not calibrated probabilities), "logreg",
    "ensemble" (mean of both) or "ensemble3" (SVM, logistic regression and complement naive Bayes).
    ``hilfe_gewicht`` scales the transfer columns (0 = off), ``schluessel_gewicht`` the keyword columns of
    ``erzaehlung_schluessel`` (0 = off), ``titel_gewicht`` an extra word TF-IDF of the title (0 = off).
    ``unbeschriftet``: unlabelled narratives for one round of self-training (pseudo-labels with a softmax
    score of at least ``selbst_schwelle`` are added with weight ``selbst_gewicht``); they must not contain
    any evaluation case.
    """

    def __init__(
        self,
        modell: str = "svm",
        c: float = 0.5,
        hilfe: Hilfsmodell | None = None,
        hilfe_gewicht: float = 2.0,
        schluessel_gewicht: float = 0.0,
        titel_gewicht: float = 0.0,
        unbeschriftet: list[str] | None = None,
        selbst_schwelle: float = 0.7,
        selbst_gewicht: float = 0.5,
        zusatz: tuple[list[str], list[str]] | None = None,
        zusatz_gewicht: float = 0.3,
        semantik: Semantikmodell | None = None,
        semantik_gewicht: float = 1.0,
    ) -> None:
        self.modell = modell
        self.c = c
        self.hilfe = hilfe
        self.hilfe_gewicht = hilfe_gewicht
        self.schluessel_gewicht = schluessel_gewicht
        self.titel_gewicht = titel_gewicht
        self.unbeschriftet = unbeschriftet
        self.selbst_schwelle = selbst_schwelle
        self.selbst_gewicht = selbst_gewicht
        self.zusatz = zusatz
        self.zusatz_gewicht = zusatz_gewicht
        self.semantik = semantik
        self.semantik_gewicht = semantik_gewicht

    def _x(self, texte: list[str], lernen: bool) -> Any:
        x = self.vektor_.fit_transform(texte) if lernen else self.vektor_.transform(texte)
        teile = [x]
        if self.hilfe is not None and self.hilfe_gewicht > 0:
            teile.append(sparse.csr_matrix(self.hilfe_gewicht * self.hilfe.transform(texte)))
        if self.semantik is not None and self.semantik_gewicht > 0:
            teile.append(sparse.csr_matrix(self.semantik_gewicht * self.semantik.transform(texte)))
        if self.schluessel_gewicht > 0:
            teile.append(self.schluessel_gewicht * schluessel_merkmale(texte))
        if self.titel_gewicht > 0:
            titel = [titel_von(t) for t in texte]
            t = self.titel_.fit_transform(titel) if lernen else self.titel_.transform(titel)
            teile.append(self.titel_gewicht * t)
        return sparse.hstack(teile).tocsr() if len(teile) > 1 else x

    def _lerne(self, texte: list[str], labels: list[str], gewichte: np.ndarray | None) -> None:
        self.vektor_ = merkmale()
        self.titel_ = TfidfVectorizer(sublinear_tf=True, min_df=2, stop_words="english")
        x = self._x(texte, lernen=True)
        self.svm_ = LinearSVC(C=self.c, class_weight="balanced") if self.modell != "logreg" else None
        self.lr_ = (
            LogisticRegression(C=40 * self.c, max_iter=4000, class_weight="balanced")
            if self.modell != "svm"
            else None
        )
        self.nb_ = ComplementNB(alpha=0.3) if self.modell == "ensemble3" else None
        for teil in (self.svm_, self.lr_, self.nb_):
            if teil is not None:
                teil.fit(x, labels, sample_weight=gewichte)
        erstes = self.svm_ if self.svm_ is not None else self.lr_
        assert erstes is not None
        self.classes_ = erstes.classes_

    def fit(self, texte: list[str], labels: list[str]) -> Erzaehlungsklassifikator:
        texte, labels = list(texte), list(labels)
        gewichte = None
        if self.zusatz:  # weakly labelled extra narratives (must not contain evaluation cases)
            gewichte = np.r_[np.ones(len(texte)), np.full(len(self.zusatz[0]), self.zusatz_gewicht)]
            texte, labels = texte + list(self.zusatz[0]), labels + list(self.zusatz[1])
        self._lerne(texte, labels, gewichte)
        if self.unbeschriftet:
            p = self.predict_proba(self.unbeschriftet)
            sicher = np.flatnonzero(p.max(axis=1) >= self.selbst_schwelle)
            neu = [self.unbeschriftet[i] for i in sicher]
            pseudo = [str(c) for c in self.classes_[p[sicher].argmax(axis=1)]]
            basis = gewichte if gewichte is not None else np.ones(len(texte))
            self._lerne(texte + neu, labels + pseudo, np.r_[basis, np.full(len(neu), self.selbst_gewicht)])
            self.selbst_anzahl_ = len(neu)
        return self

    def predict_proba(self, texte: list[str]) -> np.ndarray:
        x = self._x(list(texte), lernen=False)
        teile = []
        if self.svm_ is not None:
            teile.append(_softmax(self.svm_.decision_function(x)))
        if self.lr_ is not None:
            teile.append(self.lr_.predict_proba(x))
        if self.nb_ is not None:
            teile.append(self.nb_.predict_proba(x))
        return np.asarray(np.mean(teile, axis=0))

    def predict(self, texte: list[str]) -> np.ndarray:
        return np.asarray(self.classes_[np.argmax(self.predict_proba(texte), axis=1)])


@dataclass(frozen=True)
class Einordnung:
    kategorie: str
    bezeichnung: str
    gefaehrdungsfaktor: str
    wahrscheinlichkeit: float
    alternativen: tuple[tuple[str, float], ...]


def ordne_ein(modell: Erzaehlungsklassifikator, texte: list[str], top: int = 3) -> list[Einordnung]:
    """Classify narratives; returns the category, its German name, Gefährdungsfaktor and the top-k scores."""
    wkeiten = modell.predict_proba(texte)
    ergebnis = []
    for zeile in wkeiten:
        reihenfolge = np.argsort(-zeile)[:top]
        beste = str(modell.classes_[reihenfolge[0]])
        name, faktor = KATEGORIEN.get(beste, (beste, ""))
        ergebnis.append(
            Einordnung(
                beste,
                name,
                faktor,
                float(zeile[reihenfolge[0]]),
                tuple((str(modell.classes_[i]), float(zeile[i])) for i in reihenfolge),
            )
        )
    return ergebnis
