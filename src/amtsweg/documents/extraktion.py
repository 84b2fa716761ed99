"""Learned field extraction: value candidates (``kandidaten``) scored per field by a logistic regression
over context features, trained on the corpus generator's development layouts.

Per document and field the best-scoring candidate becomes a ``Vorschlag`` with evidence (page, line,
character span in the page text, box) and a confidence: the candidate's model probability, renormalised over
the document's candidates, times the OCR confidence of the value's words, then calibrated (Platt scaling
fitted on out-of-layout predictions of the development layouts). Nothing is accepted automatically.
The weights are shipped as JSON (``extraktor.json``, no pickle); ``trainiere`` needs scikit-learn.
"""

from __future__ import annotations

import json
import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, replace
from functools import lru_cache
from pathlib import Path
from typing import Any

from amtsweg.documents.kandidaten import Kandidat, kandidaten, normalisiere_text
from amtsweg.documents.text import Box, Seite, box_im_original
from amtsweg.documents.typen import FELDER

MODELL_DATEI = Path(__file__).with_name("extraktor.json")


@dataclass(frozen=True, slots=True)
class Vorschlag:
    feld: str
    wert: str  # normalised: amounts "1234.56", dates "YYYY-MM-DD", months "YYYY-MM", text as printed
    text: str  # the characters the value was read from
    seite: int
    zeile: str  # the whole line as evidence
    spanne: tuple[int, int]  # character span of ``text`` in the page text (Seite.text)
    box: Box | None  # on the page image as uploaded (OCR boxes mapped back through rotation and deskew)
    konfidenz: float
    lage: tuple[int, float] = (0, 0.0)  # (drehung, schraeglage) applied before OCR; (0, 0.0) for text


@dataclass
class Feldmodell:
    gewichte: dict[str, float]
    achse: float

    def punkte(self, merkmale: Mapping[str, float]) -> float:
        gelernt = self.achse + sum(self.gewichte.get(k, 0.0) * v for k, v in merkmale.items())
        return gelernt + sum(PRIOR.get(k, 0.0) * v for k, v in merkmale.items())


#: domain prior added to the learned score: four development layouts show only four wordings per label, so
#: the learned weights alone do not carry over to new wordings; the field's own label stem next to a value
#: speaks for it, a negated stem ("ohne Heizung") or another field's stem against it. The weights were set
#: by leave-one-layout-out cross-validation on the development layouts A-D (never on the held-out layout).
PRIOR = {
    "stamm_label": 3.0,
    "stamm_kopf": 0.5,
    "negiert": -6.0,
    "fremd_label": -2.5,
    "eigen_und_fremd": 2.5,
    "einmalig": -2.0,
    "summe_passend": 2.0,
    "wert_fremd": -2.0,
    "ueber_zahl": -1.5,
    # value shape: an address starts with its street; form boilerplate and cut-off label phrases are no names
    "strasse_beginn": 1.5,
    "formularwort": -2.5,
    "endet_offen": -2.0,
}


def wahrheit_text(wert: Any) -> str:
    """Ground truth in the proposals' normal form (lists such as Merkzeichen joined by ', ')."""
    if isinstance(wert, list | tuple):
        return ", ".join(str(w) for w in wert)
    return normalisiere_text(str(wert))


def _schluessel(typ: str, feld: str) -> str:
    return f"{typ}.{feld}"


def _versatz(seite: Seite, index: int) -> int:
    return sum(len(z.text) + 1 for z in seite.zeilen[:index])


def _vorschlag(feld: str, k: Kandidat, wahrscheinlichkeit: float, kalibrierung: Kalibrierung) -> Vorschlag:
    versatz = _versatz(k.seite, k.zeilen_index)
    return Vorschlag(
        feld=feld,
        wert=k.wert,
        text=k.zeile.text[k.start : k.ende],
        seite=k.seite.nummer,
        zeile=k.zeile.text,
        spanne=(versatz + k.start, versatz + k.ende),
        box=box_im_original(k.seite, box) if (box := k.zeile.box_von(k.start, k.ende)) else None,
        konfidenz=round(kalibrierung(wahrscheinlichkeit * k.zeile.konfidenz_von(k.start, k.ende)), 3),
        lage=(k.seite.drehung, k.seite.schraeglage),
    )


@dataclass(frozen=True)
class Kalibrierung:
    """Platt scaling of the raw confidence: p = sigmoid(a * logit(roh) + b), fitted on out-of-layout
    predictions of the development layouts (each layout predicted by a model trained on the others)."""

    a: float = 1.0
    b: float = 0.0

    def __call__(self, roh: float) -> float:
        roh = min(max(roh, 1e-6), 1 - 1e-6)
        return 1 / (1 + math.exp(-(self.a * math.log(roh / (1 - roh)) + self.b)))


def kalibriere(roh: Sequence[float], richtig: Sequence[bool]) -> Kalibrierung:
    """Fit the Platt scaling (needs scikit-learn; both outcomes must occur)."""
    import numpy as np
    from sklearn.linear_model import LogisticRegression

    x = np.clip(np.asarray(roh, dtype=float), 1e-6, 1 - 1e-6)
    regression = LogisticRegression(C=100.0).fit(np.log(x / (1 - x)).reshape(-1, 1), np.asarray(richtig))
    return Kalibrierung(round(float(regression.coef_[0][0]), 4), round(float(regression.intercept_[0]), 4))


def extrahiere(
    typ: str,
    seiten: list[Seite],
    modelle: Mapping[str, Feldmodell] | None = None,
    kalibrierung: Kalibrierung | None = None,
) -> list[Vorschlag]:
    """One proposal per field of ``typ`` (if any candidate exists). The confidence is calibrated with the
    shipped Platt scaling when the shipped models are used (raw otherwise, unless ``kalibrierung``)."""
    if modelle is None:
        modelle = standardmodelle()
        kalibrierung = kalibrierung or standardkalibrierung()
    kalibrierung = kalibrierung or Kalibrierung()
    vorschlaege = []
    for feld in FELDER.get(typ, ()):
        modell = modelle.get(_schluessel(typ, feld))
        if modell is None:
            continue
        liste = kandidaten(feld, seiten, FELDER.get(typ, ()))
        if not liste:
            continue
        # candidates with the same value pool their evidence (a value repeated in the document)
        punkte = [modell.punkte(k.merkmale) for k in liste]
        bester = max(range(len(liste)), key=lambda i: punkte[i])
        p_bester = 1 / (1 + math.exp(-punkte[bester]))
        andere = [1 / (1 + math.exp(-p)) for i, p in enumerate(punkte) if liste[i].wert != liste[bester].wert]
        # probability that the best is right and no other value is: a simple, monotone confidence
        wahrscheinlichkeit = p_bester / (p_bester + sum(andere)) if andere else p_bester
        vorschlaege.append(_vorschlag(feld, liste[bester], wahrscheinlichkeit, kalibrierung))
    return vorschlaege


Beispiel = tuple[str, list[Seite], Mapping[str, Any]]  # (typ, pages, ground-truth fields)


def trainiere(beispiele: Sequence[Beispiel], c: float = 0.3) -> dict[str, Feldmodell]:
    """Fit one logistic regression per (type, field) on all candidates of the training documents."""
    from sklearn.feature_extraction import DictVectorizer
    from sklearn.linear_model import LogisticRegression

    modelle: dict[str, Feldmodell] = {}
    for typ, felder in FELDER.items():
        for feld in felder:
            x: list[dict[str, float]] = []
            y: list[int] = []
            for beispiel_typ, seiten, wahrheit in beispiele:
                if beispiel_typ != typ or feld not in wahrheit:
                    continue
                ziel = wahrheit_text(wahrheit[feld])
                for k in kandidaten(feld, seiten, felder):
                    x.append(k.merkmale)
                    y.append(int(k.wert == ziel))
            if not x:
                continue
            if len(set(y)) < 2:  # a single kind of candidate: accept (all right) or reject (all wrong)
                modelle[_schluessel(typ, feld)] = Feldmodell({}, 3.0 if y[0] else -3.0)
                continue
            vektor = DictVectorizer()
            matrix = vektor.fit_transform(x)
            regression = LogisticRegression(C=c, max_iter=3000, class_weight="balanced")
            regression.fit(matrix, y)
            gewichte = {
                name: round(float(w), 4)
                for name, w in zip(vektor.get_feature_names_out(), regression.coef_[0], strict=True)
                if abs(w) >= 0.005
            }
            modelle[_schluessel(typ, feld)] = Feldmodell(gewichte, round(float(regression.intercept_[0]), 4))
    return modelle


def speichere(
    modelle: Mapping[str, Feldmodell], pfad: Path = MODELL_DATEI, kalibrierung: Kalibrierung | None = None
) -> None:
    kalibrierung = kalibrierung or Kalibrierung()
    daten = {
        "format": 1,
        "modelle": {k: {"achse": m.achse, "gewichte": m.gewichte} for k, m in modelle.items()},
        "kalibrierung": {"a": kalibrierung.a, "b": kalibrierung.b},
    }
    pfad.write_text(
        json.dumps(daten, ensure_ascii=False, sort_keys=True, separators=(",", ":")), encoding="utf-8"
    )


def lade(pfad: Path = MODELL_DATEI) -> dict[str, Feldmodell]:
    daten = json.loads(pfad.read_text(encoding="utf-8"))
    return {k: Feldmodell(dict(m["gewichte"]), float(m["achse"])) for k, m in daten["modelle"].items()}


def lade_kalibrierung(pfad: Path = MODELL_DATEI) -> Kalibrierung:
    daten = json.loads(pfad.read_text(encoding="utf-8")).get("kalibrierung") or {}
    return Kalibrierung(float(daten.get("a", 1.0)), float(daten.get("b", 0.0)))


@lru_cache(maxsize=1)
def standardkalibrierung() -> Kalibrierung:
    return lade_kalibrierung() if MODELL_DATEI.exists() else Kalibrierung()


@lru_cache(maxsize=1)
def standardmodelle() -> dict[str, Feldmodell]:
    if not MODELL_DATEI.exists():
        raise FileNotFoundError(
            "Das Extraktionsmodell fehlt; bitte mit `python bench/dokumente_eval.py --trainiere` erzeugen."
        )
    return lade()


def mit_konfidenz(vorschlag: Vorschlag, faktor: float) -> Vorschlag:
    return replace(vorschlag, konfidenz=round(vorschlag.konfidenz * faktor, 3))
