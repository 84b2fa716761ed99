"""Evaluation of the assistant on citizen law questions (``shared/data/fragen/gesetzesfragen-dev``).

Protocol (pre-registered before the first tuning run, 2026-12-05):
- fixed, seeded split of the 178 questions, stratified by ``beantwortbar``: 65 % *tuning*, 35 % *held-out*;
  the held-out part is only evaluated with ``--teil heldout`` (once, at the end of the work on issue 11);
- gold hit = the gold (law, §) is among the at most 3 cited sources of an answer (``status == "antwort"``);
  an abstention on an answerable question is a miss;
- abstention F1: positive class = not answerable; predicted positive = status other than ``antwort``;
- 95 % intervals: Wilson for shares, percentile bootstrap (2 000 resamples) for F1; warm latency p50/p95 per
  question in process (index loaded once, not counted).

Run (index built with ``amtsweg index --daten DIR`` first):
    nice .venv/bin/python bench/assistent_gesetzesfragen.py --daten DIR [--teil tuning|heldout] [--zeige N]
Writes bench/ergebnisse/assistent_gesetzesfragen_<teil>.json.
"""

from __future__ import annotations

import argparse
import json
import math
import os
import platform
import random
import re
import time
from pathlib import Path
from typing import Any

import numpy as np

WURZEL = Path(__file__).resolve().parents[1]
DATEN = WURZEL.parent / "shared" / "data" / "fragen" / "gesetzesfragen-dev" / "fragen.jsonl"
SEED = 20261205
ANTEIL_HELDOUT = 0.35


def lade() -> list[dict[str, Any]]:
    return [json.loads(z) for z in DATEN.read_text(encoding="utf-8").splitlines() if z.strip()]


def teile(fragen: list[dict[str, Any]]) -> dict[str, list[dict[str, Any]]]:
    """The fixed split: stratified by answerability, seeded shuffle of the ids."""
    rng = random.Random(SEED)
    ergebnis: dict[str, list[dict[str, Any]]] = {"tuning": [], "heldout": []}
    for wert in (True, False):
        gruppe = sorted((f for f in fragen if f["beantwortbar"] is wert), key=lambda f: f["id"])
        rng.shuffle(gruppe)
        n = round(len(gruppe) * ANTEIL_HELDOUT)
        ergebnis["heldout"] += gruppe[:n]
        ergebnis["tuning"] += gruppe[n:]
    for teil in ergebnis.values():
        teil.sort(key=lambda f: f["id"])
    return ergebnis


def wilson(k: int, n: int, z: float = 1.96) -> tuple[float, float]:
    if n == 0:
        return (0.0, 0.0)
    p = k / n
    mitte = (p + z * z / (2 * n)) / (1 + z * z / n)
    breite = z * math.sqrt(p * (1 - p) / n + z * z / (4 * n * n)) / (1 + z * z / n)
    return (mitte - breite, mitte + breite)


def f1(paare: list[tuple[bool, bool]]) -> float:
    """F1 of the positive class 'not answerable' from (truth_unanswerable, predicted_abstain) pairs."""
    tp = sum(1 for w, v in paare if w and v)
    fp = sum(1 for w, v in paare if not w and v)
    fn = sum(1 for w, v in paare if w and not v)
    return 2 * tp / (2 * tp + fp + fn) if tp else 0.0


def bootstrap_f1(paare: list[tuple[bool, bool]], n: int = 2000, seed: int = 7) -> tuple[float, float]:
    rng = np.random.default_rng(seed)
    werte = [f1([paare[i] for i in rng.integers(0, len(paare), len(paare))]) for _ in range(n)]
    return float(np.percentile(werte, 2.5)), float(np.percentile(werte, 97.5))


def gold_paragraf(f: dict[str, Any]) -> str:
    return str(f["paragraf"]).removeprefix("Anlage zu § ").strip() if f["paragraf"] else ""


def _aus_zitat(quelle: dict[str, Any]) -> dict[str, Any]:
    """Older answers (before issue 11) carry only the citation text: derive law and §."""
    if "gesetz" in quelle:
        return quelle
    m = re.match(
        r"(?:§ (\S+)|(Anlage .*?))(?: Abs\. \S+)?(?: Nr\. \S+)? ([A-Za-zÄÖÜäöü ]+?)$", quelle["zitat"]
    )
    if not m:
        return {**quelle, "gesetz": None, "paragraf": None}
    return {**quelle, "gesetz": m.group(3).strip(), "paragraf": m.group(1) or m.group(2)}


def trifft(quelle: dict[str, Any], gesetz: str, paragraf: str) -> bool:
    quelle = _aus_zitat(quelle)
    if quelle.get("gesetz") != gesetz:
        return False
    if paragraf == "Anlage":
        return str(quelle.get("paragraf", "")).startswith("Anlage")
    return str(quelle.get("paragraf")) == paragraf or str(quelle.get("paragraf")) == f"Anlage zu § {paragraf}"


def bewerte(fragen: list[dict[str, Any]], datenordner: Path, zeige: int) -> dict[str, Any]:
    from amtsweg.assistant.antwort import beantworte
    from amtsweg.assistant.index import index_datei, lade_korpus

    start = time.perf_counter()
    korpus = lade_korpus(index_datei(datenordner))
    ladezeit = time.perf_counter() - start
    if korpus is None:
        raise SystemExit(f"Kein Index in {datenordner} (amtsweg index --daten {datenordner})")
    beantworte("Wie lange wird Wohngeld bewilligt?", korpus)  # warm-up
    zeiten: list[float] = []
    treffer = treffer_weitere = beantwortbar = antworten = 0
    paare: list[tuple[bool, bool]] = []
    zeilen: list[dict[str, Any]] = []
    cpu_start = time.process_time()
    wand_start = time.perf_counter()
    for f in fragen:
        t0 = time.perf_counter()
        a = beantworte(f["frage"], korpus).als_dict()
        zeiten.append((time.perf_counter() - t0) * 1000)
        quellen = list(a["quellen"])[:3] if a["status"] == "antwort" else []
        antworten += a["status"] == "antwort"
        paare.append((not f["beantwortbar"], a["status"] != "antwort"))
        ok = False
        if f["beantwortbar"]:
            beantwortbar += 1
            ok = any(trifft(q, f["gesetz"], gold_paragraf(f)) for q in quellen)
            weitere = [(f["gesetz"], gold_paragraf(f)), *((g, str(p)) for g, p in f["weitere"])]
            treffer += ok
            treffer_weitere += any(trifft(q, g, p) for q in quellen for g, p in weitere)
        zeilen.append(
            {
                "id": f["id"],
                "beantwortbar": f["beantwortbar"],
                "gold": f"{f['paragraf']} {f['gesetz']}" if f["beantwortbar"] else None,
                "status": a["status"],
                "quellen": [q["zitat"] for q in quellen],
                "treffer": ok,
            }
        )
    wand = time.perf_counter() - wand_start
    cpu = time.process_time() - cpu_start
    n_ab = len(paare) - beantwortbar
    ergebnis = {
        "fragen": len(fragen),
        "beantwortbar": beantwortbar,
        "nicht_beantwortbar": n_ab,
        "gold_in_quellen": treffer / max(beantwortbar, 1),
        "gold_in_quellen_ki": wilson(treffer, beantwortbar),
        "gold_oder_weitere": treffer_weitere / max(beantwortbar, 1),
        "antwortquote": antworten / len(fragen),
        "antwortquote_beantwortbar": sum(1 for w, v in paare if not w and not v) / max(beantwortbar, 1),
        "enthaltung_nicht_beantwortbar": sum(1 for w, v in paare if w and v) / max(n_ab, 1),
        "enthaltung_f1": f1(paare),
        "enthaltung_f1_ki": bootstrap_f1(paare),
        "latenz_p50_ms": float(np.percentile(zeiten, 50)),
        "latenz_p95_ms": float(np.percentile(zeiten, 95)),
        "ladezeit_s": ladezeit,
        "wand_s": wand,
        "cpu_s": cpu,
        "maschine": f"{platform.machine()} {os.cpu_count()} CPUs, load {os.getloadavg()[0]:.1f}",
        "threads": os.environ.get("OMP_NUM_THREADS", "default"),
        "zeilen": zeilen,
    }
    for z in [z for z in zeilen if z["beantwortbar"] and not z["treffer"]][:zeige]:
        print(f"  MISS {z['id']} gold {z['gold']} -> {z['status']} {z['quellen']}")
    return ergebnis


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--daten", type=Path, default=Path(os.environ.get("AMTSWEG_DATA_DIR", "data")))
    parser.add_argument("--teil", choices=("tuning", "heldout"), default="tuning")
    parser.add_argument("--zeige", type=int, default=0, help="print N misses")
    parser.add_argument("--name", default="", help="suffix of the result file")
    args = parser.parse_args()
    fragen = teile(lade())[args.teil]
    e = bewerte(fragen, args.daten, args.zeige)
    print(
        f"{args.teil}: n={e['fragen']} ({e['beantwortbar']} beantwortbar)\n"
        f"  gold (Gesetz, §) in ≤3 Quellen: {e['gold_in_quellen']:.3f} "
        f"[{e['gold_in_quellen_ki'][0]:.3f}, {e['gold_in_quellen_ki'][1]:.3f}]"
        f"  (gold oder weitere: {e['gold_oder_weitere']:.3f})\n"
        f"  Antwortquote {e['antwortquote']:.3f} (beantwortbare: {e['antwortquote_beantwortbar']:.3f}; "
        f"Enthaltung bei nicht beantwortbaren: {e['enthaltung_nicht_beantwortbar']:.3f})\n"
        f"  Enthaltungs-F1 {e['enthaltung_f1']:.3f} [{e['enthaltung_f1_ki'][0]:.3f}, "
        f"{e['enthaltung_f1_ki'][1]:.3f}]\n"
        f"  Latenz p50 {e['latenz_p50_ms']:.1f} ms, p95 {e['latenz_p95_ms']:.1f} ms;"
        f" Laden {e['ladezeit_s']:.2f} s;"
        f" wall {e['wand_s']:.1f} s, CPU {e['cpu_s']:.1f} s; {e['maschine']}"
    )
    ziel = WURZEL / "bench" / "ergebnisse" / f"assistent_gesetzesfragen_{args.teil}{args.name}.json"
    ziel.parent.mkdir(parents=True, exist_ok=True)
    ziel.write_text(json.dumps(e, ensure_ascii=False, indent=1), encoding="utf-8")


if __name__ == "__main__":
    main()
