"""Retrieval over passages: BM25 on stems (with compound parts), stem bigrams, titles and sentence windows.

The score of a passage is a weighted sum of four max-normalised BM25 scores; the weights were chosen on the
integreat-qa train split and checked on dev (see bench/assistent_eval.py and docs/benchmarks/assistent.md).
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cached_property
from itertools import pairwise

import numpy as np
import numpy.typing as npt

from amtsweg.assistant.alltag import alltagsterme
from amtsweg.assistant.analyse import Analysator, normalisiere
from amtsweg.assistant.bm25 import BM25
from amtsweg.assistant.merkmale import NAMEN, merkmale
from amtsweg.assistant.neuordnung import Neuordnung

#: weights of (passage, passage bigrams, title, best two-sentence window); tuned on integreat train
GEWICHTE = (1.0, 1.0, 0.5, 0.25)
FENSTER = 2
_ABKUERZUNG = re.compile(
    r"(?:\b(?:BGBl|ABl|Abs|Nr|Art|Buchst|bzw|ggf|vgl|z|B|S|Satz|ca|d|h|i|e|u|a|o|V|Nrn|Ziff|evtl|inkl|usw|etc|Dr|Hs|lit|Alt|[IVX]{1,4})|\d)\.$"
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


class Zeichenindex:
    """TF-IDF (sublinear) over character 3- to 5-grams within word boundaries; cosine to the question.

    Catches what stemming and splitting miss: split or joined compounds ("Müll Trennung"), inflection and
    spelling variants. Fitted on the indexed documents only (no external data)."""

    def __init__(self, texte: Sequence[str]) -> None:
        from sklearn.feature_extraction.text import TfidfVectorizer  # heavy import, only when used

        self.vektorisierer = TfidfVectorizer(
            analyzer="char_wb", ngram_range=(3, 5), sublinear_tf=True, dtype=np.float32
        )
        self.matrix = self.vektorisierer.fit_transform([normalisiere(t) for t in texte]) if texte else None

    def bewerte(self, frage: str) -> npt.NDArray[np.float32]:
        if self.matrix is None:
            return np.zeros(0, dtype=np.float32)
        q = self.vektorisierer.transform([normalisiere(frage)])
        return np.asarray((self.matrix @ q.T).toarray().ravel(), dtype=np.float32)


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
        neuordnung: Neuordnung | None = None,
        alltag: bool = True,
    ) -> None:
        self.analysator = analysator or Analysator.aus_texten(f"{t}\n" + "\n".join(s) for t, s in dokumente)
        self.gewichte = gewichte
        self.satz_terme: list[list[list[str]]] = []
        self.alltag = alltagsterme() if alltag else {}
        volltext: list[list[str]] = []
        titel: list[list[str]] = []
        fenster: list[list[str]] = []
        fenster_dok: list[int] = []
        self.titel_mengen: list[frozenset[str]] = []
        for nr, (t, s) in enumerate(dokumente):
            st = [self._alltag(self.analysator.terme(x)) for x in s]
            self.satz_terme.append(st)
            tt = self.analysator.terme(t)
            titel.append(tt)
            self.titel_mengen.append(frozenset(tt))
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
        self.dok_mengen = [frozenset(v) for v in volltext]
        self.bigramm_mengen = [frozenset(bigramme(v)[len(v) :]) for v in volltext]
        self.laengen = np.array([len(v) for v in volltext], dtype=np.float32)
        self.saetze_roh = [list(s) for _, s in dokumente]
        self._titel_roh = [t for t, _ in dokumente]
        self.neuordnung = neuordnung if neuordnung is not None else Neuordnung.lade()

    @cached_property
    def zeichen(self) -> Zeichenindex:
        """Character n-gram index (built on first use: only the learned re-ranking needs it)."""
        return Zeichenindex(
            [f"{t}\n" + "\n".join(s) for t, s in zip(self._titel_roh, self.saetze_roh, strict=True)]
        )

    def anfrage(self, frage: str) -> list[str]:
        return self.analysator.terme(frage, anfrage=True)

    def _alltag(self, terme: list[str]) -> list[str]:
        """Document expansion: a passage with a law term also gets the stems of its everyday words."""
        if not self.alltag:
            return terme
        zusatz = [a for t in terme for a in self.alltag.get(t, ())]
        return [*terme, *dict.fromkeys(z for z in zusatz if z not in terme)] if zusatz else terme

    def felder(self, terme: Sequence[str]) -> npt.NDArray[np.float32]:
        """Max-normalised field scores (passage, bigrams, title, best window), shape (4, documents)."""

        def normiert(x: npt.NDArray[np.float32]) -> npt.NDArray[np.float32]:
            m = float(x.max()) if len(x) else 0.0
            return x / m if m > 0 else x

        fenster = np.zeros(self.anzahl, dtype=np.float32)
        np.maximum.at(fenster, self.fenster_dok, self.bm25_fenster.bewerte(terme))
        return np.stack(
            [
                normiert(self.bm25.bewerte(terme)),
                normiert(self.bm25_bi.bewerte(bigramme(terme))),
                normiert(self.bm25_titel.bewerte(terme)),
                normiert(fenster),
            ]
        )

    def punkte(self, terme: Sequence[str]) -> npt.NDArray[np.float32]:
        return np.asarray(np.asarray(self.gewichte, dtype=np.float32) @ self.felder(terme), dtype=np.float32)

    def kandidaten(
        self, terme: Sequence[str], k: int
    ) -> tuple[npt.NDArray[np.int64], npt.NDArray[np.float32]]:
        """First stage: the k best documents by the weighted BM25 fields, and the field scores of all."""
        felder = self.felder(terme)
        punkte = np.asarray(self.gewichte, dtype=np.float32) @ felder
        k = min(k, self.anzahl)
        auswahl = np.argpartition(-punkte, k - 1)[:k]
        reihe = auswahl[np.argsort(-punkte[auswahl], kind="stable")]
        return reihe[punkte[reihe] > 0], felder

    def zweite_stufe(
        self, frage: str, anzahl: int
    ) -> tuple[list[str], npt.NDArray[np.int64], npt.NDArray[np.float64]]:
        """Query terms, candidates (BM25 top ``anzahl`` united with the character n-gram top ``anzahl``) and
        their features (``merkmale.NAMEN``): the input of the re-ranking and of its training."""
        terme = self.anfrage(frage)
        if not terme or self.anzahl == 0:
            return terme, np.zeros(0, dtype=np.int64), np.zeros((0, len(NAMEN)))
        reihe, felder = self.kandidaten(terme, anzahl)
        zeichen = self.zeichen.bewerte(frage)
        if zeichen.max() > 0:
            beste = np.argsort(-zeichen, kind="stable")[: min(anzahl, self.anzahl)]
            reihe = np.array(list(dict.fromkeys([*reihe.tolist(), *beste[zeichen[beste] > 0].tolist()])))
        return terme, reihe, merkmale(self, terme, reihe, felder, zeichen)

    def rangliste(
        self, frage: str
    ) -> tuple[list[str], npt.NDArray[np.int64], npt.NDArray[np.float64], npt.NDArray[np.float64]]:
        """Terms, re-ranked candidates (best first), their feature rows and scores (needs a model)."""
        assert self.neuordnung is not None
        terme, reihe, x = self.zweite_stufe(frage, self.neuordnung.kandidaten)
        werte = self.neuordnung.bewerte(x) if len(reihe) else np.zeros(0)
        ordnung = np.argsort(-werte, kind="stable")
        return terme, reihe[ordnung], x[ordnung], werte[ordnung]

    def suche(self, frage: str, k: int = 10, erste_stufe: bool = False) -> list[Treffer]:
        """Ranked documents: BM25 fields, then (with a model) the learned re-ranking of the candidates."""
        if self.neuordnung is None or erste_stufe:
            terme = self.anfrage(frage)
            if not terme or self.anzahl == 0:
                return []
            reihe, felder = self.kandidaten(terme, k)
            punkte = np.asarray(self.gewichte, dtype=np.float32) @ felder
            return [Treffer(int(i), float(punkte[i])) for i in reihe]
        _, reihe, _, werte = self.rangliste(frage)
        return [Treffer(int(n), float(w)) for n, w in zip(reihe[:k], werte[:k], strict=True)]

    def abdeckung(self, terme: Sequence[str], satz: Sequence[str]) -> float:
        """Share of the query's idf mass found in a sentence (0..1): the support and confidence measure."""
        gesamt = self.bm25.max_idf(terme)
        if gesamt <= 0:
            return 0.0
        vorhanden = set(satz)
        return sum(self.bm25.idf.get(t, 0.0) for t in set(terme) if t in vorhanden) / gesamt
