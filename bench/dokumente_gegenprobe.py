"""Blind checks on further held-out layouts (issue 5): F (added after the models of the first pass were
frozen), G (written by someone who had not seen the extractor, before its label lexicon was widened) and
H (likewise, before the value-shape features of the final extractor).

    python bench/dokumente_gegenprobe.py --layout F|G|H [--n-text 15] [--n-scan 5] [--varianten text,scan_200]

Writes docs/benchmarks/dokumente_<layout>.json and prints the headline numbers; the extractor and classifier
are used exactly as shipped (no training here)."""

from __future__ import annotations

import argparse
import json
import os
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))
from dokumente_bericht import schreibe_gegenprobe  # type: ignore[import-not-found]
from dokumente_eval import evaluiere  # type: ignore[import-not-found]

DOCS = Path(__file__).parent.parent / "docs" / "benchmarks"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--n-text", type=int, default=15)
    parser.add_argument("--n-scan", type=int, default=5)
    parser.add_argument("--kerne", type=int, default=min(2, os.cpu_count() or 1))
    parser.add_argument("--varianten", default="text,scan_200")
    parser.add_argument("--layout", default="F", choices=("F", "G", "H"))
    parser.add_argument("--nur-bericht", action="store_true", help="Bericht aus der JSON-Datei neu schreiben")
    args = parser.parse_args()
    roh = DOCS / f"dokumente_{args.layout.lower()}.json"
    if args.nur_bericht:
        ergebnisse = json.loads(roh.read_text(encoding="utf-8"))
    else:
        ergebnisse = evaluiere(
            args.n_text, args.n_scan, args.kerne, args.varianten.split(","), layout=args.layout
        )
        roh.write_text(json.dumps(ergebnisse, ensure_ascii=False, indent=1), encoding="utf-8")
    (DOCS / f"dokumente_{args.layout.lower()}.md").write_text(
        schreibe_gegenprobe(ergebnisse, args.layout), encoding="utf-8"
    )
    for variante in args.varianten.split(","):
        e = ergebnisse[variante]
        print(variante, "Klassifikation", e["klassifikation"], "Felder exakt", e["felder_gesamt"],
              "Seiten/s je Kern", round(e["seiten_je_s_kern"], 2))  # fmt: skip


if __name__ == "__main__":
    main()
