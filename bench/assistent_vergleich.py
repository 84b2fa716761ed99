"""Paired bootstrap of this release against the previous one (BM25 fields only, no everyday words) on
the same questions: MRR@10 and Recall@10 differences with 95 % CIs. Run after the training:
    taskset -c 0,1 .venv/bin/python bench/assistent_vergleich.py
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).parent))
from amtsweg.assistant.suche import Suchindex
from assistent_eval import Split


def raenge(split: Split, erste_stufe: bool) -> list[int | None]:
    # previous release: first stage only, without the everyday-word expansion
    index = Suchindex([(s[0], s) for s in split.saetze], alltag=False) if erste_stufe else split.index
    ergebnis = []
    for f in split.fragen:
        if not f["answers"] or f["sourceLanguage"]:
            continue
        treffer = [x.nr for x in index.suche(f["question"], k=10, erste_stufe=erste_stufe)]
        g = split.pos[f["pageId"]]
        ergebnis.append(treffer.index(g) + 1 if g in treffer else None)
    return ergebnis


def gepaart(a: np.ndarray, b: np.ndarray, n: int = 2000, seed: int = 7) -> list[float]:
    rng = np.random.default_rng(seed)
    idx = rng.integers(0, len(a), size=(n, len(a)))
    diff = (b[idx] - a[idx]).mean(axis=1)
    return [float((b - a).mean()), float(np.percentile(diff, 2.5)), float(np.percentile(diff, 97.5))]


def main() -> None:
    ergebnis = {}
    for name in ("dev", "test"):
        split = Split(name)
        vorher, nachher = raenge(split, True), raenge(split, False)
        rr = [np.array([1 / r if r else 0.0 for r in x]) for x in (vorher, nachher)]
        r10 = [np.array([float(r is not None) for r in x]) for x in (vorher, nachher)]
        ergebnis[name] = {
            "n": len(vorher),
            "MRR@10_vorher": float(rr[0].mean()),
            "MRR@10_nachher": float(rr[1].mean()),
            "MRR@10_differenz": gepaart(*rr),
            "Recall@10_differenz": gepaart(*r10),
        }
    print(json.dumps(ergebnis, indent=2))


if __name__ == "__main__":
    main()
