"""The abstention signal: a logistic model over features of the ranked result estimates whether the best
passage answers the question at all; below the threshold the assistant abstains and names a contact.

Features: how clearly the best passage wins (re-ranking score, gap, share), how much of the question it
covers (idf coverage of passage, best sentence and window; the rarest query term; character n-gram cosine),
the share of the question unknown to the corpus, and whether the expected kind of answer (amount, time, place,
person) occurs in the best passage. Trained by ``bench/assistent_training.py`` on the integreat-qa train split
(answerable vs. unanswerable questions), the threshold chosen on dev; stored in ``daten/enthaltung.json``.
"""

from __future__ import annotations

import json
import math
import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING

import numpy as np
import numpy.typing as npt

from amtsweg.assistant.merkmale import NAMEN as RANG_NAMEN
from amtsweg.assistant.neuordnung import LinearesModell

if TYPE_CHECKING:
    from amtsweg.assistant.suche import Suchindex

DATEI = Path(__file__).parent / "daten" / "enthaltung.json"
#: expected answer kinds: question pattern -> pattern that an answering passage usually contains
ANTWORTARTEN = {
    "betrag": (
        r"\b(wie ?viel|wie hoch|kost\w*|gebühr\w*|preis\w*|teuer|betrag|betr[äa]gt)\b",
        r"\d|euro|€|kostenlos|kostenfrei|gebühr|gratis",
    ),
    "zeit": (
        r"\b(wann|wie lange|wie oft|frist\w*|dauer\w*|öffnungszeit\w*|bis wann|ab wann)\b",
        r"\d|uhr|montag|dienstag|mittwoch|donnerstag|freitag|samstag|sonntag|woche|monat|jahr|tag|frist",
    ),
    "ort": (
        r"\b(wo|wohin|woher|an wen|bei wem|welche[rsn]? (stelle|behörde|amt|beratungsstelle)\w*)\b",
        r"stra(ss|ß)e|str\.|platz|weg\b|allee|gasse|\b\d{5}\b|raum|zimmer|telefon|tel\.|@|www|http|rathaus|amt",
    ),
    "person": (r"\b(wer|an wen|wen)\b", r"\b(amt|stelle|behörde|beratung|ansprech|team|verein|arzt|ärzt)"),
}
_ART_MUSTER = {k: (re.compile(f, re.I), re.compile(a, re.I)) for k, (f, a) in ANTWORTARTEN.items()}
NAMEN = (
    "punkte_erster",
    "abstand_zweiter",
    "anteil_erster",
    *(f"erster_{n}" for n in RANG_NAMEN),
    "unbekannt_anteil",
    "log_terme",
    *(f"art_{k}" for k in ANTWORTARTEN),
    *(f"art_{k}_gefunden" for k in ANTWORTARTEN),
)


def merkmale(
    index: Suchindex,
    frage: str,
    terme: list[str],
    reihe: npt.NDArray[np.int64],
    x: npt.NDArray[np.float64],
    werte: npt.NDArray[np.float64],
) -> npt.NDArray[np.float64]:
    """Features of one question given its re-ranked candidates (``reihe`` best first, rows ``x``)."""
    if len(reihe) == 0:
        return np.zeros(len(NAMEN))
    erster = float(werte[0])
    zweiter = float(werte[1]) if len(werte) > 1 else erster - 5.0
    anteil = 1.0 / float(np.exp(np.clip(werte - erster, -50, 0)).sum())
    eindeutig = list(dict.fromkeys(terme))
    gesamt = sum(index.bm25.idf_von(t) for t in eindeutig) or 1.0
    unbekannt = sum(index.bm25.idf_von(t) for t in eindeutig if t not in index.bm25.idf) / gesamt
    text = " ".join(index.saetze_roh[int(reihe[0])])
    arten, gefunden = [], []
    for frage_muster, antwort_muster in _ART_MUSTER.values():
        ist = bool(frage_muster.search(frage))
        arten.append(float(ist))
        gefunden.append(float(ist and bool(antwort_muster.search(text))))
    return np.array(
        [erster, erster - zweiter, anteil, *x[0], unbekannt, math.log1p(len(eindeutig)), *arten, *gefunden]
    )


@dataclass(frozen=True)
class Enthaltung:
    """P(answerable) from the logistic model; abstain below ``schwelle``."""

    modell: LinearesModell
    schwelle: float

    def beantwortbar(self, m: npt.NDArray[np.float64]) -> float:
        return float(self.modell.wahrscheinlichkeit(m.reshape(1, -1))[0])

    @classmethod
    def lade(cls, datei: Path = DATEI) -> Enthaltung | None:
        if not datei.exists():
            return None
        daten = json.loads(datei.read_text(encoding="utf-8"))
        return cls(LinearesModell.aus_dict(daten["modell"], NAMEN), float(daten["schwelle"]))


@lru_cache(maxsize=1)
def standard() -> Enthaltung | None:
    """The shipped model (loaded once)."""
    return Enthaltung.lade()
