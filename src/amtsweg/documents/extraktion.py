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

from amtsweg.documents import querpruefung
from amtsweg.documents.kandidaten import Kandidat, kandidaten, normalisiere_text
from amtsweg.documents.rechnung import Rechnung
from amtsweg.documents.text import Box, Seite, box_im_original
from amtsweg.documents.typen import ABGELEITET, FELDER

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
    pruefung: str = ""  # arithmetic cross-check: "stimmig" | "unstimmig" | "abgeleitet" | "" (unchecked)


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
    # the address under "Anschrift des Vermieters" is the landlord's, not the flat's (real forms, issue 12)
    "anschrift_partei": -4.0,
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


def _vorschlag(feld: str, k: Kandidat, roh: float, konfidenz: float, pruefung: str = "") -> Vorschlag:
    versatz = _versatz(k.seite, k.zeilen_index)
    return Vorschlag(
        feld=feld,
        wert=k.wert,
        text=k.zeile.text[k.start : k.ende],
        seite=k.seite.nummer,
        zeile=k.zeile.text,
        spanne=(versatz + k.start, versatz + k.ende),
        box=box_im_original(k.seite, box) if (box := k.zeile.box_von(k.start, k.ende)) else None,
        konfidenz=round(konfidenz, 3),
        lage=(k.seite.drehung, k.seite.schraeglage),
        pruefung=pruefung,
    )


def _logit(p: float) -> float:
    p = min(max(p, 1e-6), 1 - 1e-6)
    return math.log(p / (1 - p))


#: outcomes of the arithmetic cross-check, as calibration features
PRUEFUNGEN = ("stimmig", "unstimmig", "abgeleitet")


@dataclass(frozen=True)
class Kalibrierung:
    """Calibration of the raw confidence: p = sigmoid(a * logit(roh) + b + sum of the cross-check
    coefficients + t * logit(type confidence)), fitted on predictions for documents the extractor did not
    train on (out-of-layout corpus documents and cross-validated real-style development documents)."""

    a: float = 1.0
    b: float = 0.0
    pruefung: tuple[tuple[str, float], ...] = ()  # (cross-check outcome, coefficient)
    t: float = 0.0

    def __call__(self, roh: float, pruefung: str = "", typ_konfidenz: float = 1.0) -> float:
        z = self.a * _logit(roh) + self.b + dict(self.pruefung).get(pruefung, 0.0)
        z += self.t * _logit(typ_konfidenz)
        return 1 / (1 + math.exp(-z))


def merkmale_kalibrierung(roh: float, pruefung: str, typ_konfidenz: float) -> list[float]:
    return [_logit(roh), *(float(pruefung == p) for p in PRUEFUNGEN), _logit(typ_konfidenz)]


def kalibriere(
    roh: Sequence[float],
    richtig: Sequence[bool],
    pruefungen: Sequence[str] | None = None,
    typ_konfidenzen: Sequence[float] | None = None,
) -> Kalibrierung:
    """Fit the calibration (needs scikit-learn; both outcomes must occur)."""
    import numpy as np
    from sklearn.linear_model import LogisticRegression

    pruefungen = pruefungen or [""] * len(roh)
    typ_konfidenzen = typ_konfidenzen or [1.0] * len(roh)
    x = np.asarray(
        [merkmale_kalibrierung(r, p, t) for r, p, t in zip(roh, pruefungen, typ_konfidenzen, strict=True)]
    )
    regression = LogisticRegression(C=1.0, max_iter=2000).fit(x, np.asarray(richtig))
    w = [round(float(v), 4) for v in regression.coef_[0]]
    return Kalibrierung(
        w[0], round(float(regression.intercept_[0]), 4), tuple(zip(PRUEFUNGEN, w[1:4], strict=True)), w[4]
    )


@dataclass(frozen=True, slots=True)
class Rang:
    """One distinct value of a field with its best candidate and its probability against the other
    values' candidates."""

    kandidat: Kandidat
    p: float


def rangliste(
    typ: str, feld: str, seiten: list[Seite], modell: Feldmodell, rechnung: Rechnung | None = None
) -> list[Rang]:
    """The field's distinct candidate values, most likely first."""
    liste = kandidaten(feld, seiten, FELDER.get(typ, ()), rechnung)
    if not liste:
        return []
    sig = [1 / (1 + math.exp(-modell.punkte(k.merkmale))) for k in liste]
    gesamt = sum(sig)
    bester: dict[str, int] = {}
    summe_wert: dict[str, float] = {}
    for i, k in enumerate(liste):
        summe_wert[k.wert] = summe_wert.get(k.wert, 0.0) + sig[i]
        if k.wert not in bester or sig[i] > sig[bester[k.wert]]:
            bester[k.wert] = i
    # probability that this value is right and no other value is: its best candidate against all
    # candidates of other values
    raenge = [
        Rang(liste[i], sig[i] / (sig[i] + gesamt - summe_wert[wert]) if gesamt > summe_wert[wert] else sig[i])
        for wert, i in bester.items()
    ]
    return sorted(raenge, key=lambda r: -r.p)


def extrahiere(
    typ: str,
    seiten: list[Seite],
    modelle: Mapping[str, Feldmodell] | None = None,
    kalibrierung: Kalibrierung | None = None,
    typ_konfidenz: float = 1.0,
) -> list[Vorschlag]:
    """One proposal per field of ``typ`` (if any candidate exists), values checked against each other by
    the document's arithmetic (``querpruefung``). The confidence is calibrated with the shipped calibration
    when the shipped models are used (raw otherwise, unless ``kalibrierung``)."""
    if modelle is None:
        modelle = standardmodelle()
        kalibrierung = kalibrierung or standardkalibrierung()
    kalibrierung = kalibrierung or Kalibrierung()
    ranglisten: dict[str, list[Rang]] = {}
    rechnung = Rechnung(seiten)  # once per document, shared by all amount fields
    for feld in FELDER.get(typ, ()):
        modell = modelle.get(_schluessel(typ, feld))
        if modell is not None and (liste := rangliste(typ, feld, seiten, modell, rechnung)):
            ranglisten[feld] = liste
    quer = querpruefung.pruefe(
        typ,
        {f: [querpruefung.Wahl(r.kandidat.wert, r.p) for r in liste] for f, liste in ranglisten.items()},
        rechnung.summen,
    )
    vorschlaege = []
    for feld in FELDER.get(typ, ()):
        pruefung = quer.status.get(feld, "")
        if pruefung == "abgeleitet":
            vorschlaege.append(_abgeleitet(feld, quer, ranglisten, kalibrierung, typ_konfidenz))
            continue
        if not (liste := ranglisten.get(feld, [])):
            continue
        ziel = quer.werte.get(feld, liste[0].kandidat.wert)
        rang = next(r for r in liste if r.kandidat.wert == ziel)
        k = rang.kandidat
        roh = rang.p * k.zeile.konfidenz_von(k.start, k.ende)
        vorschlaege.append(_vorschlag(feld, k, roh, kalibrierung(roh, pruefung, typ_konfidenz), pruefung))
    for feld, quelle in ABGELEITET.get(typ, {}).items():  # e.g. the period's last day from the period
        basis = next((v for v in vorschlaege if v.feld == quelle and "/" in v.wert), None)
        if basis is not None:
            vorschlaege.append(replace(basis, feld=feld, wert=basis.wert.split("/", 1)[1]))
    return vorschlaege


def _abgeleitet(
    feld: str,
    quer: querpruefung.Ergebnis,
    ranglisten: Mapping[str, list[Rang]],
    kalibrierung: Kalibrierung,
    typ_konfidenz: float,
) -> Vorschlag:
    """A value computed from its relation: evidence is the explanation, on the page of the first part."""
    teile = [
        ranglisten[f][0] for f, st in quer.status.items() if f != feld and f in ranglisten and st == "stimmig"
    ]
    roh = min((r.p for r in teile), default=0.5)
    seite = teile[0].kandidat.seite.nummer if teile else 1
    return Vorschlag(
        feld=feld,
        wert=quer.werte[feld],
        text="",
        seite=seite,
        zeile=quer.abgeleitet[feld],
        spanne=(0, 0),
        box=None,
        konfidenz=round(kalibrierung(roh, "abgeleitet", typ_konfidenz), 3),
        pruefung="abgeleitet",
    )


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
        "kalibrierung": {
            "a": kalibrierung.a,
            "b": kalibrierung.b,
            "pruefung": dict(kalibrierung.pruefung),
            "t": kalibrierung.t,
        },
    }
    pfad.write_text(
        json.dumps(daten, ensure_ascii=False, sort_keys=True, separators=(",", ":")), encoding="utf-8"
    )


def lade(pfad: Path = MODELL_DATEI) -> dict[str, Feldmodell]:
    daten = json.loads(pfad.read_text(encoding="utf-8"))
    return {k: Feldmodell(dict(m["gewichte"]), float(m["achse"])) for k, m in daten["modelle"].items()}


def lade_kalibrierung(pfad: Path = MODELL_DATEI) -> Kalibrierung:
    daten = json.loads(pfad.read_text(encoding="utf-8")).get("kalibrierung") or {}
    return Kalibrierung(
        float(daten.get("a", 1.0)),
        float(daten.get("b", 0.0)),
        tuple((k, float(v)) for k, v in sorted((daten.get("pruefung") or {}).items())),
        float(daten.get("t", 0.0)),
    )


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
