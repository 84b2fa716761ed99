"""A small BM25 (Lucene/Robertson idf) over pre-analysed term lists, with precomputed impact weights."""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Sequence

import numpy as np
import numpy.typing as npt


class BM25:
    """Inverted index: term -> (document ids, impact weights); a query sums the weights of its terms."""

    def __init__(self, dokumente: Sequence[Sequence[str]], k1: float = 1.2, b: float = 0.75) -> None:
        self.k1, self.b = k1, b
        self.anzahl = len(dokumente)
        laengen = np.array([len(d) for d in dokumente], dtype=np.float64)
        mittel = float(laengen.mean()) if self.anzahl else 1.0
        # (term, document) pairs with their frequency, vectorised: one pass in Python, the rest in numpy
        vokabular: dict[str, int] = {}
        term_ids: list[int] = []
        dok_ids: list[int] = []
        for nr, terme in enumerate(dokumente):
            for term in terme:
                term_ids.append(vokabular.setdefault(term, len(vokabular)))
            dok_ids.extend([nr] * len(terme))
        self.index: dict[str, tuple[npt.NDArray[np.int32], npt.NDArray[np.float32]]] = {}
        self.idf: dict[str, float] = {}
        if not term_ids:
            return
        paare = np.asarray(term_ids, dtype=np.int64) * max(self.anzahl, 1) + np.asarray(
            dok_ids, dtype=np.int64
        )
        eindeutig, tf = np.unique(paare, return_counts=True)
        t_id, d_id = np.divmod(eindeutig, max(self.anzahl, 1))
        norm = k1 * (1 - b + b * laengen[d_id] / max(mittel, 1e-9))
        gewichte = tf * (k1 + 1) / (tf + norm)
        df = np.bincount(t_id, minlength=len(vokabular))
        idf = np.log(1 + (self.anzahl - df + 0.5) / (df + 0.5))
        grenzen = np.searchsorted(t_id, np.arange(len(vokabular) + 1))
        gewichtet = (gewichte * idf[t_id]).astype(np.float32)
        d_id32 = d_id.astype(np.int32)
        for term, nr in vokabular.items():
            a, e = grenzen[nr], grenzen[nr + 1]
            self.idf[term] = float(idf[nr])
            self.index[term] = (d_id32[a:e], gewichtet[a:e])

    def bewerte(self, anfrage: Sequence[str]) -> npt.NDArray[np.float32]:
        """Scores for all documents (repeated query terms count once per occurrence, as in Lucene)."""
        punkte = np.zeros(self.anzahl, dtype=np.float32)
        for term, anzahl in Counter(anfrage).items():
            eintrag = self.index.get(term)
            if eintrag is not None:
                punkte[eintrag[0]] += eintrag[1] * anzahl
        return punkte

    def max_idf(self, anfrage: Sequence[str]) -> float:
        """Sum of idf of the query terms; unknown terms count with the idf of a term seen in no document."""
        return sum(self.idf_von(t) for t in set(anfrage))

    def idf_von(self, term: str) -> float:
        return self.idf.get(term, math.log(1 + (self.anzahl + 0.5) / 0.5))
