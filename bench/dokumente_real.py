"""Reading pipeline on the real-style development set ``../shared/data/nachweise-dev`` (issue 12).

    python bench/dokumente_real.py --lies            # read the 36 text PDFs and their 200-dpi scans (cached)
    python bench/dokumente_real.py                   # metrics on the tuning split (default)
    python bench/dokumente_real.py --teil hold-out   # the held-out third: measure ONCE, at the end

The split is fixed and seeded (``SEED``): per type a seeded shuffle, the lists joined, every third document
held out (12 of 36). Only the tuning split is looked at while developing; the hold-out is measured once.
Scans: ``python3 erzeuge.py --scans DIR`` of the data set (pdftoppm 200 dpi, noise, blur, rotation, JPEG),
read page by page with the pipeline's OCR. Metrics: type accuracy, fields exact (Wilson 95 % interval),
AUROC of the shown field confidence for right vs wrong fields, ECE (10 bins), pages per CPU second.
"""

from __future__ import annotations

import argparse
import json
import os
import pickle
import random
import sys
import time
from collections import Counter, defaultdict
from pathlib import Path
from typing import Any

WURZEL = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(WURZEL / "src"))

from amtsweg.documents import text  # noqa: E402

DATEN = WURZEL.parent / "shared" / "data" / "nachweise-dev"
SCANS = Path(os.environ.get("NACHWEISE_SCANS", "/tmp/i12-scans"))
CACHE = Path(os.environ.get("NACHWEISE_CACHE", "/tmp/i12-real.pkl"))
SEED = 12
#: our types that the data set's truth calls differently (a Mietvertrag-Auszug is a rent proof there)
GLEICH = {"mietvertrag": "mietbescheinigung"}


def wahrheit() -> dict[str, dict[str, Any]]:
    daten: dict[str, dict[str, Any]] = json.loads((DATEN / "wahrheit.json").read_text(encoding="utf-8"))
    return daten


def aufteilung(namen: dict[str, dict[str, Any]]) -> dict[str, str]:
    """name -> "tuning" | "hold-out": per type a seeded shuffle, the types' lists joined (sorted by type),
    every third document of the joined list held out (12 of 36, every type with >= 2 documents in both)."""
    je_typ: dict[str, list[str]] = defaultdict(list)
    for name in sorted(namen):
        je_typ[namen[name]["typ"]].append(name)
    zufall = random.Random(SEED)
    reihe: list[str] = []
    for typ in sorted(je_typ):
        liste = je_typ[typ]
        zufall.shuffle(liste)
        reihe.extend(liste)
    return {name: "hold-out" if i % 3 == 2 else "tuning" for i, name in enumerate(reihe)}


def _cpu() -> float:
    import resource

    selbst, kinder = resource.getrusage(resource.RUSAGE_SELF), resource.getrusage(resource.RUSAGE_CHILDREN)
    return selbst.ru_utime + selbst.ru_stime + kinder.ru_utime + kinder.ru_stime


def _lies_eins(name: str) -> tuple[str, list[text.Seite], list[text.Seite], float, float]:
    from PIL import Image

    a = _cpu()
    seiten_text = text.lies_text((DATEN / "pdf" / f"{name}.pdf").read_bytes())
    b = _cpu()
    dateien = json.loads((SCANS / "scans.json").read_text(encoding="utf-8"))[name]["dateien"]
    seiten_scan = []
    for nummer, datei in enumerate(dateien, start=1):
        with Image.open(SCANS / datei) as bild:
            seiten_scan.append(text.ocr_bild(bild.copy(), nummer))
    return name, seiten_text, seiten_scan, b - a, _cpu() - b


def lies(kerne: int) -> None:
    from concurrent.futures import ProcessPoolExecutor

    namen = sorted(wahrheit())
    start = time.time()
    with ProcessPoolExecutor(kerne) as pool:
        zeilen = list(pool.map(_lies_eins, namen))
    CACHE.write_bytes(pickle.dumps(zeilen))
    seiten_t = sum(len(z[1]) for z in zeilen)
    seiten_s = sum(len(z[2]) for z in zeilen)
    print(f"{len(zeilen)} Dokumente gelesen in {time.time() - start:.0f} s Wandzeit ({kerne} Prozesse)")
    print(f"Text: {seiten_t} Seiten, {sum(z[3] for z in zeilen):.1f} CPU-s; "
          f"Scans: {seiten_s} Seiten, {sum(z[4] for z in zeilen):.1f} CPU-s")  # fmt: skip


def lade() -> list[tuple[str, list[text.Seite], list[text.Seite], float, float]]:
    zeilen: list[tuple[str, list[text.Seite], list[text.Seite], float, float]] = pickle.loads(
        CACHE.read_bytes()
    )
    return zeilen


def main() -> None:
    from dokumente_real_metrik import bericht, bewerte

    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--lies", action="store_true")
    parser.add_argument("--kerne", type=int, default=1)
    parser.add_argument("--teil", choices=("tuning", "hold-out", "alle"), default="tuning")
    parser.add_argument("--fehler", action="store_true", help="list every wrong field (tuning only)")
    parser.add_argument("--json", type=Path, help="write the metrics as JSON")
    args = parser.parse_args()
    if args.lies:
        lies(args.kerne)
        return
    w = wahrheit()
    teil = aufteilung(w)
    auswahl = [z for z in lade() if args.teil == "alle" or teil[z[0]] == args.teil]
    if args.fehler and args.teil != "tuning":
        raise SystemExit("Fehlerlisten nur für den Tuning-Teil.")
    ergebnis = bewerte(auswahl, w, zeigen=args.fehler)
    ergebnis["teil"] = args.teil
    ergebnis["dokumente"] = sorted(z[0] for z in auswahl)
    print(bericht(ergebnis))
    if args.json:
        args.json.write_text(json.dumps(ergebnis, ensure_ascii=False, indent=1), encoding="utf-8")
    print(Counter(teil.values()))


if __name__ == "__main__":
    sys.path.insert(0, str(WURZEL / "bench"))
    main()
