"""A small BM25 (Lucene/Robertson idf) over pre-analysed term lists, with precomputed impact weights."""

from __future__ import annotations

import math
from collections import Counter, defaultdict
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
        posten: dict[str, tuple[list[int], list[float]]] = defaultdict(lambda: ([], []))
        for nr, terme in enumerate(dokumente):
            norm = k1 * (1 - b + b * laengen[nr] / max(mittel, 1e-9))
            for term, tf in Counter(terme).items():
                ids, gewichte = posten[term]
                ids.append(nr)
                gewichte.append(tf * (k1 + 1) / (tf + norm))
        self.index: dict[str, tuple[npt.NDArray[np.int32], npt.NDArray[np.float32]]] = {}
        self.idf: dict[str, float] = {}
        for term, (ids, gewichte) in posten.items():
            df = len(ids)
            idf = math.log(1 + (self.anzahl - df + 0.5) / (df + 0.5))
            self.idf[term] = idf
            self.index[term] = (np.array(ids, dtype=np.int32), np.array(gewichte, dtype=np.float32) * idf)

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
