"""Retrieval over passages: BM25 on stems (with compound parts), stem bigrams, titles and sentence windows.

The score of a passage is a weighted sum of four max-normalised BM25 scores; the weights were chosen on the
integreat-qa train split and checked on dev (see bench/assistent_eval.py and docs/benchmarks/assistent.md).
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from itertools import pairwise

import numpy as np
import numpy.typing as npt

from amtsweg.assistant.analyse import Analysator
from amtsweg.assistant.bm25 import BM25

#: weights of (passage, passage bigrams, title, best two-sentence window); tuned on integreat train
GEWICHTE = (1.0, 1.0, 0.5, 0.25)
FENSTER = 2
_ABKUERZUNG = re.compile(
    r"(?:\b(?:Abs|Nr|Art|Buchst|bzw|ggf|vgl|z|B|S|Satz|ca|d|h|i|e|u|a|o|V|Nrn|Ziff|evtl|inkl|usw|etc|Dr|Hs|lit|Alt)|\d)\.$"
)


def saetze(text: str) -> list[str]:
    """Split into sentences: lines first, then sentence ends that are not abbreviations or ordinals."""
    ergebnis: list[str] = []
    for zeile in text.split("\n"):
        zeile = zeile.strip()
        if not zeile:
            continue
        teile = re.split(r"(?<=[.!?])\s+(?=[A-ZÄÖÜ(„])", zeile)
        puffer = ""
        for teil in teile:
            puffer = f"{puffer} {teil}".strip() if puffer else teil
            if not _ABKUERZUNG.search(puffer):
                ergebnis.append(puffer)
                puffer = ""
        if puffer:
            ergebnis.append(puffer)
    return ergebnis


def bigramme(terme: Sequence[str]) -> list[str]:
    return [*terme, *(f"{a}_{b}" for a, b in pairwise(terme))]


@dataclass(frozen=True)
class Treffer:
    nr: int
    punkte: float


class Suchindex:
    """Index over documents given as (title, sentences); ``suche`` returns ranked document numbers."""

    def __init__(
        self,
        dokumente: Sequence[tuple[str, Sequence[str]]],
        analysator: Analysator | None = None,
        gewichte: tuple[float, float, float, float] = GEWICHTE,
    ) -> None:
        self.analysator = analysator or Analysator.aus_texten(f"{t}\n" + "\n".join(s) for t, s in dokumente)
        self.gewichte = gewichte
        self.satz_terme: list[list[list[str]]] = []
        volltext: list[list[str]] = []
        titel: list[list[str]] = []
        fenster: list[list[str]] = []
        fenster_dok: list[int] = []
        for nr, (t, s) in enumerate(dokumente):
            st = [self.analysator.terme(x) for x in s]
            self.satz_terme.append(st)
            tt = self.analysator.terme(t)
            titel.append(tt)
            volltext.append([*tt, *(x for y in st for x in y)])
            for j in range(max(1, len(st) - FENSTER + 1)):
                fenster.append([x for y in st[j : j + FENSTER] for x in y])
                fenster_dok.append(nr)
        self.anzahl = len(dokumente)
        self.bm25 = BM25(volltext)
        self.bm25_bi = BM25([bigramme(v) for v in volltext])
        self.bm25_titel = BM25(titel)
        self.bm25_fenster = BM25(fenster)
        self.fenster_dok = np.array(fenster_dok, dtype=np.int32)

    def anfrage(self, frage: str) -> list[str]:
        return self.analysator.terme(frage, anfrage=True)

    def punkte(self, terme: Sequence[str]) -> npt.NDArray[np.float32]:
        def normiert(x: npt.NDArray[np.float32]) -> npt.NDArray[np.float32]:
            m = float(x.max()) if len(x) else 0.0
            return x / m if m > 0 else x

        fenster = np.zeros(self.anzahl, dtype=np.float32)
        np.maximum.at(fenster, self.fenster_dok, self.bm25_fenster.bewerte(terme))
        teile = (
            normiert(self.bm25.bewerte(terme)),
            normiert(self.bm25_bi.bewerte(bigramme(terme))),
            normiert(self.bm25_titel.bewerte(terme)),
            normiert(fenster),
        )
        gesamt = np.zeros(self.anzahl, dtype=np.float32)
        for gewicht, teil in zip(self.gewichte, teile, strict=True):
            if gewicht:
                gesamt += gewicht * teil
        return gesamt

    def suche(self, frage: str, k: int = 10) -> list[Treffer]:
        terme = self.anfrage(frage)
        if not terme or self.anzahl == 0:
            return []
        punkte = self.punkte(terme)
        k = min(k, self.anzahl)
        kandidaten = np.argpartition(-punkte, k - 1)[:k]
        reihe = kandidaten[np.argsort(-punkte[kandidaten], kind="stable")]
        return [Treffer(int(i), float(punkte[i])) for i in reihe if punkte[i] > 0]

    def abdeckung(self, terme: Sequence[str], satz: Sequence[str]) -> float:
        """Share of the query's idf mass found in a sentence (0..1): the support and confidence measure."""
        gesamt = self.bm25.max_idf(terme)
        if gesamt <= 0:
            return 0.0
        vorhanden = set(satz)
        return sum(self.bm25.idf.get(t, 0.0) for t in set(terme) if t in vorhanden) / gesamt
