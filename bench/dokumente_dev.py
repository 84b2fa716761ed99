"""Development-only error analysis of the field extractor (issue 5): leave-one-layout-out on layouts A-D.

    python bench/dokumente_dev.py --lies        # read the development documents once (cached in /tmp)
    python bench/dokumente_dev.py               # per held-out development layout: train on the other three,
                                                # report field exact match and list the errors

Never touches the held-out layout E (``korpus.HELD_OUT``): this is the place to look at errors and tune.
"""

from __future__ import annotations

import argparse
import os
import pickle
import sys
from collections import Counter
from pathlib import Path
from typing import Any

WURZEL = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(WURZEL / "src"))
sys.path.insert(0, str(WURZEL / "bench"))

from amtsweg.documents import extraktion  # noqa: E402
from amtsweg.documents.korpus import HELD_OUT, TYPEN  # noqa: E402
from amtsweg.documents.typen import FELDER  # noqa: E402
from dokumente_eval import ENTWICKLUNG, _parallel  # noqa: E402

CACHE = Path(os.environ.get("DOKUMENTE_DEV_CACHE", "/tmp/amtsweg-dokumente-dev.pkl"))


def lies(n_text: int, n_scan: int, kerne: int) -> None:
    assert all(lay not in HELD_OUT[typ] for typ in TYPEN for lay in ENTWICKLUNG[typ])
    aufgaben = [(t, lay, s, "text") for t in TYPEN for lay in ENTWICKLUNG[t] for s in range(n_text)]
    aufgaben += [(t, lay, s, "scan_200") for t in TYPEN for lay in ENTWICKLUNG[t] for s in range(n_scan)]
    daten = _parallel(aufgaben, kerne)
    zeilen = [(a[3], typ, seiten, w) for a, (typ, seiten, w) in zip(aufgaben, daten, strict=True)]
    CACHE.write_bytes(pickle.dumps(zeilen))
    print(len(zeilen), "Dokumente gelesen")


def lolo(zeilen: list[tuple[str, str, Any, dict[str, Any]]], zeigen: int) -> float:
    """Leave one development layout out per type (by position 0..3); returns the overall exact match."""
    gesamt = Counter()
    fehler_je_feld: Counter[str] = Counter()
    beispiele: list[str] = []
    for position in range(4):
        aus = {t: ENTWICKLUNG[t][position] for t in TYPEN}
        train = [(t, s, w["felder"]) for _, t, s, w in zeilen if w["layout"] != aus[t]]
        test = [(v, t, s, w) for v, t, s, w in zeilen if w["layout"] == aus[t]]
        modelle = extraktion.trainiere(train)
        for variante, typ, seiten, wahrheit in test:
            gelesen = {v.feld: v.wert for v in extraktion.extrahiere(typ, seiten, modelle)}
            for feld in FELDER[typ]:
                ziel = extraktion.wahrheit_text(wahrheit["felder"][feld])
                ok = gelesen.get(feld) == ziel
                gesamt[(variante, ok)] += 1
                if not ok:
                    fehler_je_feld[f"{variante} {typ}.{feld} [{wahrheit['layout']}]"] += 1
                    if len(beispiele) < zeigen:
                        beispiele.append(
                            f"{variante} {typ}/{wahrheit['layout']}/{wahrheit['seed']} {feld}: "
                            f"erwartet {ziel!r}, gelesen {gelesen.get(feld)!r}"
                        )
    for variante in ("text", "scan_200"):
        n = gesamt[(variante, True)] + gesamt[(variante, False)]
        if n:
            print(f"{variante}: exakt {gesamt[(variante, True)] / n:.4f} (n={n})")
    for schluessel, anzahl in fehler_je_feld.most_common(40):
        print(f"  {anzahl:4d}  {schluessel}")
    print("\n".join(beispiele))
    n = sum(gesamt.values())
    return (gesamt[("text", True)] + gesamt[("scan_200", True)]) / n


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--lies", action="store_true")
    parser.add_argument("--n-text", type=int, default=15)
    parser.add_argument("--n-scan", type=int, default=3)
    parser.add_argument("--kerne", type=int, default=2)
    parser.add_argument("--zeigen", type=int, default=60)
    parser.add_argument("--nur-text", action="store_true")
    args = parser.parse_args()
    if args.lies:
        lies(args.n_text, args.n_scan, args.kerne)
        return
    zeilen = pickle.loads(CACHE.read_bytes())
    if args.nur_text:
        zeilen = [z for z in zeilen if z[0] == "text"]
    lolo(zeilen, args.zeigen)


if __name__ == "__main__":
    main()
