"""Lexical features of (question, candidate passage) pairs for the learned re-ranking and abstention.

All features are shares or normalised scores (no raw corpus-size dependent values), so a model trained on
integreat-qa pages transfers to the law corpus. Coverage = share of the question's idf mass (unique query
terms, idf from the passage index; terms unknown to the corpus count with the maximal idf) that a part of the
passage contains.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from itertools import pairwise
from typing import TYPE_CHECKING

import numpy as np
import numpy.typing as npt

if TYPE_CHECKING:
    from amtsweg.assistant.suche import Suchindex

NAMEN = (
    "bm25_passage",
    "bm25_bigramme",
    "bm25_titel",
    "bm25_fenster",
    "basis",
    "log_rang",
    "abdeckung_passage",
    "abdeckung_titel",
    "abdeckung_satz",
    "abdeckung_fenster",
    "abdeckung_anfang",
    "bigramme_anteil",
    "terme_anteil",
    "abdeckung_vorsprung",
    "log_laenge",
    "seltenster_term",
    "zeichen_kosinus",
)


def gewichte_der_anfrage(index: Suchindex, terme: Sequence[str]) -> dict[str, float]:
    return {t: index.bm25.idf_von(t) for t in dict.fromkeys(terme)}


def _abdeckung(gewichte: dict[str, float], menge: frozenset[str] | set[str], gesamt: float) -> float:
    return sum(w for t, w in gewichte.items() if t in menge) / gesamt if gesamt > 0 else 0.0


def merkmale(
    index: Suchindex,
    terme: Sequence[str],
    reihe: npt.NDArray[np.int64],
    felder: npt.NDArray[np.float32],
    zeichen: npt.NDArray[np.float32],
) -> npt.NDArray[np.float64]:
    """Feature matrix (candidates x NAMEN) for the candidates ``reihe`` (in first-stage order)."""
    gewichte = gewichte_der_anfrage(index, terme)
    gesamt = sum(gewichte.values())
    selten = max(gewichte, key=lambda t: gewichte[t]) if gewichte else ""
    anfrage_bi = {f"{a}_{b}" for a, b in pairwise(terme)}
    basis = np.asarray(index.gewichte, dtype=np.float32) @ felder[:, reihe]
    basis_max = float(basis.max()) if len(basis) and basis.max() > 0 else 1.0
    zeichen_max = float(zeichen.max()) if len(zeichen) and zeichen.max() > 0 else 1.0
    zeilen = []
    for rang, nr in enumerate(reihe):
        st = index.satz_terme[nr]
        saetze = [_abdeckung(gewichte, set(s), gesamt) for s in st] or [0.0]
        fenster = [_abdeckung(gewichte, set(a) | set(b), gesamt) for a, b in pairwise(st)] or saetze
        anfang = set(index.titel_mengen[nr]).union(*(set(s) for s in st[:2]))
        dok = index.dok_mengen[nr]
        zeilen.append(
            [
                *felder[:, nr],
                basis[rang] / basis_max,
                math.log1p(rang),
                _abdeckung(gewichte, dok, gesamt),
                _abdeckung(gewichte, index.titel_mengen[nr], gesamt),
                max(saetze),
                max(fenster),
                _abdeckung(gewichte, anfang, gesamt),
                len(anfrage_bi & index.bigramm_mengen[nr]) / len(anfrage_bi) if anfrage_bi else 0.0,
                sum(1 for t in gewichte if t in dok) / max(len(gewichte), 1),
                0.0,
                math.log1p(float(index.laengen[nr])) / 10,
                float(selten in dok),
                float(zeichen[nr]) / zeichen_max,
            ]
        )
    x = np.asarray(zeilen, dtype=np.float64).reshape(len(reihe), len(NAMEN))
    if len(x):
        spalte = NAMEN.index("abdeckung_passage")
        x[:, NAMEN.index("abdeckung_vorsprung")] = x[:, spalte] - x[:, spalte].max()
    return x
