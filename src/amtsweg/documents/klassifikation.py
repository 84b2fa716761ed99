"""Document type classification: TF-IDF over word uni- and bigrams + multinomial logistic regression,
with temperature scaling fitted on a validation split (calibrated confidence).

Training (``trainiere``) uses scikit-learn and runs only in bench/dokumente_eval.py or ``python -m
amtsweg.documents.klassifikation``; the product ships the learned weights as a small JSON file
(``klassifikator.json``: vocabulary, idf, coefficients, temperature — no pickle) and predicts with numpy.
"""

from __future__ import annotations

import itertools
import json
import math
import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import numpy as np

MODELL_DATEI = Path(__file__).with_name("klassifikator.json")
_WORT = re.compile(r"[a-zäöüß]{2,}")
SONSTIGES = "sonstiges"


#: domain concepts: word stems of general German administrative wording per kind of document. A word
#: matching a stem adds the concept as a token, so a wording the training documents never used
#: ("Nutzungsgebühr", "Bezügemitteilung", "Umsatzübersicht") still shares weight with the known ones.
KONZEPTE = {
    "miete": re.compile(r"miet|vermiet|nutzungsgebühr|wohnfläche|nebenkosten|betriebskosten|heizkosten|"
                        r"grundmiete|kaltmiete|warmmiete|wohnung|untermiet|hausverwalt|genossenschaft"),
    "lohn": re.compile(r"lohn|gehalt|entgelt|bezüge|verdienst|brutto|netto|steuerklasse|sozialversicherung|"
                       r"personalnummer|arbeitnehmer|auszahlungsbetrag|abzüge"),
    "konto": re.compile(r"konto|saldo|buchung|wertstellung|valuta|gutschrift|lastschrift|dispo|umsätze|"
                        r"auszug|girokonto|habenzins"),
    "rente": re.compile(r"rente|renten|versorgungsbezug|betriebsrente|ruhegeld|zahlbetrag|rentenwert"),
    "alg": re.compile(r"arbeitslos|agentur|leistungssatz|bemessungsentgelt|leistungsentgelt|anspruchsdauer|"
                      r"arbeitsuch"),
    "familie": re.compile(r"kindergeld|familienkasse|kinderzuschlag|unterhaltsvorschuss|unterhalt"),
    "rechnung": re.compile(r"rechnung|tarif|kundennummer|vertragsnummer|verbrauch|abschlag|versicherungs|"
                           r"liquidation|gebührenordnung|mobilfunk|beitragsrechnung"),
}  # fmt: skip


def woerter(text: str) -> list[str]:
    """Tokens: lower-case letter runs of length >= 2 (digits and amounts carry no type information), their
    bigrams, and the domain concepts of the words (``KONZEPTE``)."""
    tokens = _WORT.findall(text.lower())
    konzepte = [f"#{name}" for t in tokens for name, muster in KONZEPTE.items() if muster.search(t)]
    return tokens + [f"{a} {b}" for a, b in itertools.pairwise(tokens)] + konzepte


@dataclass
class Klassifikator:
    klassen: list[str]
    vokabular: dict[str, int]
    idf: np.ndarray
    koeffizienten: np.ndarray  # (classes, features)
    achsen: np.ndarray  # intercepts (classes,)
    temperatur: float = 1.0

    def vektor(self, text: str) -> np.ndarray:
        zaehler = Counter(t for t in woerter(text) if t in self.vokabular)
        x = np.zeros(len(self.vokabular))
        for token, anzahl in zaehler.items():
            index = self.vokabular[token]
            x[index] = (1.0 + math.log(anzahl)) * self.idf[index]
        norm = float(np.linalg.norm(x))
        return x / norm if norm > 0 else x

    def logits(self, text: str) -> np.ndarray:
        return np.asarray(self.koeffizienten @ self.vektor(text) + self.achsen)

    def verteilung(self, text: str) -> dict[str, float]:
        z = self.logits(text) / self.temperatur
        p = np.exp(z - z.max())
        p /= p.sum()
        return {k: float(v) for k, v in zip(self.klassen, p, strict=True)}

    def klassifiziere(self, text: str) -> tuple[str, float]:
        verteilung = self.verteilung(text)
        typ = max(verteilung, key=lambda k: verteilung[k])
        return typ, verteilung[typ]

    def als_json(self) -> dict[str, object]:
        # keep only features with a non-negligible weight: the file stays small
        return {
            "format": 1,
            "klassen": self.klassen,
            "temperatur": self.temperatur,
            "achsen": [round(float(v), 5) for v in self.achsen],
            "merkmale": {
                token: [round(float(self.idf[i]), 5), [round(float(v), 5) for v in self.koeffizienten[:, i]]]
                for token, i in self.vokabular.items()
            },
        }

    @classmethod
    def aus_json(cls, daten: dict[str, object]) -> Klassifikator:
        merkmale = daten["merkmale"]
        assert isinstance(merkmale, dict)
        tokens = sorted(merkmale)
        return cls(
            klassen=list(daten["klassen"]),  # type: ignore[call-overload]
            vokabular={t: i for i, t in enumerate(tokens)},
            idf=np.array([merkmale[t][0] for t in tokens]),
            koeffizienten=np.array([merkmale[t][1] for t in tokens]).T.reshape(-1, len(tokens)),
            achsen=np.array(daten["achsen"]),
            temperatur=float(daten["temperatur"]),  # type: ignore[arg-type]
        )


def trainiere(
    texte: Sequence[str], typen: Sequence[str], val_texte: Sequence[str] = (), val_typen: Sequence[str] = ()
) -> Klassifikator:
    """Fit TF-IDF + logistic regression; fit the temperature on the validation split (if given)."""
    from sklearn.feature_extraction.text import TfidfVectorizer
    from sklearn.linear_model import LogisticRegression

    vektorisierer = TfidfVectorizer(analyzer=woerter, sublinear_tf=True, min_df=2, max_features=4000)
    x = vektorisierer.fit_transform(texte)
    modell = LogisticRegression(C=10.0, max_iter=3000)
    modell.fit(x, list(typen))
    vokabular = {str(k): int(v) for k, v in vektorisierer.vocabulary_.items()}
    klassifikator = Klassifikator(
        klassen=[str(k) for k in modell.classes_],
        vokabular=vokabular,
        idf=np.asarray(vektorisierer.idf_),
        koeffizienten=np.asarray(modell.coef_),
        achsen=np.asarray(modell.intercept_),
    )
    if val_texte:
        klassifikator.temperatur = passe_temperatur(klassifikator, val_texte, val_typen)
    return klassifikator


def passe_temperatur(modell: Klassifikator, texte: Sequence[str], typen: Sequence[str]) -> float:
    """Temperature minimising the validation negative log-likelihood (grid search over 1..8).

    Never sharper than the raw model: on an error-free validation split the likelihood keeps growing as the
    temperature goes to zero, which would make every mistake on an unseen layout look certain."""
    logits = np.array([modell.logits(t) for t in texte])
    ziel = np.array([modell.klassen.index(t) for t in typen])

    def nll(temperatur: float) -> float:
        z = logits / temperatur
        z = z - z.max(axis=1, keepdims=True)
        log_p = z - np.log(np.exp(z).sum(axis=1, keepdims=True))
        return float(-log_p[np.arange(len(ziel)), ziel].mean())

    raster = np.exp(np.linspace(math.log(1.0), math.log(8.0), 60))
    return round(float(min(raster, key=nll)), 4)


def kalibrierungsfehler(konfidenzen: Sequence[float], richtig: Sequence[bool], faecher: int = 10) -> float:
    """Expected calibration error (equal-width bins)."""
    k = np.asarray(konfidenzen, dtype=float)
    r = np.asarray(richtig, dtype=float)
    fehler = 0.0
    for i in range(faecher):
        maske = (k > i / faecher) & (k <= (i + 1) / faecher)
        if maske.any():
            fehler += maske.mean() * abs(k[maske].mean() - r[maske].mean())
    return float(fehler)


@lru_cache(maxsize=1)
def standardmodell() -> Klassifikator:
    """The shipped model (trained on the corpus generator's development layouts)."""
    if not MODELL_DATEI.exists():
        raise FileNotFoundError(
            "Das Klassifikationsmodell fehlt; bitte mit "
            "`python bench/dokumente_eval.py --trainiere` erzeugen."
        )
    return Klassifikator.aus_json(json.loads(MODELL_DATEI.read_text(encoding="utf-8")))


def klassifiziere(text: str) -> tuple[str, float]:
    return standardmodell().klassifiziere(text)
