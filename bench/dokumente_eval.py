"""Training and honest evaluation of the document reading pipeline (issue 5).

    python bench/dokumente_eval.py --trainiere          # train on development layouts A-D, write the models
    python bench/dokumente_eval.py                      # evaluate on held-out layout E, write the report

Training uses only the corpus generator's development layouts (A-D) and seeds < 1000; the evaluation uses
the held-out layout E of every type (``korpus.HELD_OUT``) with seeds from 5000: text PDFs, scans at 150, 200
and 300 dpi and phone photos. The field extractor's confidence is calibrated (Platt) on out-of-layout
predictions of the development layouts.
Results: docs/benchmarks/dokumente.md and the model cards in docs/modellkarten/.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import time
from collections import defaultdict
from collections.abc import Sequence
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path
from typing import Any

import numpy as np

WURZEL = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(WURZEL / "src"))

from amtsweg.documents import extraktion, klassifikation, text  # noqa: E402
from amtsweg.documents.korpus import HELD_OUT, LAYOUTS, TYPEN, erzeuge  # noqa: E402

#: all kinds of input the generator makes, evaluated in this order
VARIANTEN = ("text", "scan_200", "scan_150", "scan_300", "foto")

ENTWICKLUNG = {typ: tuple(lay.id for lay in LAYOUTS[typ] if lay.id not in HELD_OUT[typ]) for typ in TYPEN}
ERGEBNIS_JSON = WURZEL / "docs" / "benchmarks" / "dokumente.json"


def _lies(aufgabe: tuple[str, str, int, str]) -> tuple[str, list[text.Seite], dict[str, Any]]:
    typ, lay, seed, variante = aufgabe
    dok = erzeuge(typ, lay, seed, variante)
    return typ, text.lies_text(dok.daten, dok.mime), dok.wahrheit


def _parallel(aufgaben: Sequence[tuple[str, str, int, str]], kerne: int) -> list[Any]:
    with ProcessPoolExecutor(kerne) as pool:
        return list(pool.map(_lies, aufgaben, chunksize=2))


def trainiere(n_text: int, n_scan: int, kerne: int) -> None:
    assert all(lay not in HELD_OUT[typ] for typ in TYPEN for lay in ENTWICKLUNG[typ])
    aufgaben = [(t, lay, s, "text") for t in TYPEN for lay in ENTWICKLUNG[t] for s in range(n_text)]
    aufgaben += [(t, lay, s, "scan_200") for t in TYPEN for lay in ENTWICKLUNG[t] for s in range(n_scan)]
    start = time.time()
    daten = _parallel(aufgaben, kerne)
    print(f"{len(daten)} Trainingsdokumente gelesen in {time.time() - start:.0f} s")
    trainiere_aus(daten)


def trainiere_aus(daten: Sequence[tuple[str, list[text.Seite], dict[str, Any]]]) -> None:
    """Fit and write both models from read training documents (typ, pages, truth with seed and felder)."""
    texte = ["\n".join(s.text for s in seiten) for _, seiten, _ in daten]
    typen = [typ for typ, _, _ in daten]
    # calibration for unseen layouts: fit on three development layouts, fit the temperature on the fourth
    # (a split by seed is separable and drives the temperature to its bound), then refit on all four
    letztes = {t: max(lay for lay in ENTWICKLUNG[t]) for t in TYPEN}
    fit = [i for i, (t, _, w) in enumerate(daten) if w["layout"] != letztes[t]]
    val = [i for i, (t, _, w) in enumerate(daten) if w["layout"] == letztes[t]]
    vorlaeufig = klassifikation.trainiere([texte[i] for i in fit], [typen[i] for i in fit])
    temperatur = klassifikation.passe_temperatur(vorlaeufig, [texte[i] for i in val], [typen[i] for i in val])
    val_p = [vorlaeufig.klassifiziere(texte[i]) for i in val]
    vorlaeufig.temperatur = temperatur
    val_t = [vorlaeufig.klassifiziere(texte[i]) for i in val]
    ece = klassifikation.kalibrierungsfehler(
        [p for _, p in val_t], [t == typen[i] for (t, _), i in zip(val_t, val, strict=True)]
    )
    genau = sum(t == typen[i] for (t, _), i in zip(val_p, val, strict=True)) / len(val)
    print(f"Validierung (Layout {sorted(set(letztes.values()))} ausgelassen): Genauigkeit {genau:.4f}")
    modell = klassifikation.trainiere(texte, typen)
    modell.temperatur = temperatur
    print(f"Klassifikation: Temperatur {modell.temperatur}, ECE (Validierung) {ece:.4f}")
    klassifikation.MODELL_DATEI.write_text(json.dumps(modell.als_json(), ensure_ascii=False, sort_keys=True,
                                                      separators=(",", ":")), encoding="utf-8")  # fmt: skip
    kalibrierung = kalibriere_felder(daten)
    extraktion.speichere(
        extraktion.trainiere([(t, s, w["felder"]) for t, s, w in daten]), kalibrierung=kalibrierung
    )
    print(
        "Modelle geschrieben:",
        klassifikation.MODELL_DATEI.stat().st_size,
        extraktion.MODELL_DATEI.stat().st_size,
    )


def kalibriere_felder(
    daten: Sequence[tuple[str, list[text.Seite], dict[str, Any]]],
) -> extraktion.Kalibrierung:
    """Platt scaling of the field confidence from out-of-layout predictions: each development layout
    (by position) is predicted by extractors trained on the other three."""
    roh: list[float] = []
    richtig: list[bool] = []
    for position in range(4):
        aus = {t: ENTWICKLUNG[t][position] for t in TYPEN}
        modelle = extraktion.trainiere([(t, s, w["felder"]) for t, s, w in daten if w["layout"] != aus[t]])
        for typ, seiten, wahrheit in daten:
            if wahrheit["layout"] != aus[typ]:
                continue
            for v in extraktion.extrahiere(typ, seiten, modelle):
                roh.append(v.konfidenz)
                richtig.append(v.wert == extraktion.wahrheit_text(wahrheit["felder"].get(v.feld)))
    kalibrierung = extraktion.kalibriere(roh, richtig)
    vorher = klassifikation.kalibrierungsfehler(roh, richtig)
    nachher = klassifikation.kalibrierungsfehler([kalibrierung(r) for r in roh], richtig)
    print(f"Felder: {len(roh)} Vorschläge außerhalb ihres Layouts, richtig {sum(richtig) / len(roh):.4f}; "
          f"ECE roh {vorher:.4f}, kalibriert {nachher:.4f} ({kalibrierung})")  # fmt: skip
    return kalibrierung


def _cpu() -> float:
    """CPU seconds of this process and its finished children (Tesseract): per-core cost, robust against
    other load on a shared machine."""
    import resource

    selbst, kinder = resource.getrusage(resource.RUSAGE_SELF), resource.getrusage(resource.RUSAGE_CHILDREN)
    return selbst.ru_utime + selbst.ru_stime + kinder.ru_utime + kinder.ru_stime


def _bewerte(aufgabe: tuple[str, str, int, str]) -> dict[str, Any]:
    from amtsweg.documents.pruefung import Pruefungsfehler
    from amtsweg.documents.verarbeitung import verarbeite

    typ, lay, seed, variante = aufgabe
    dok = erzeuge(typ, lay, seed, variante)
    vorher = _cpu()
    try:
        ergebnis = verarbeite(dok.daten)
    except Pruefungsfehler as fehler:  # a refused upload counts as misclassified, no fields read
        return {
            "typ": typ, "layout": lay, "seed": seed, "variante": variante, "vorhergesagt": "abgelehnt",
            "konfidenz": 0.0, "seiten": 0, "dauer": 0.0, "cpu": _cpu() - vorher, "abgelehnt": str(fehler),
            "wahrheit": {f: extraktion.wahrheit_text(w) for f, w in dok.wahrheit["felder"].items()},
            "felder": {},
        }  # fmt: skip
    cpu = _cpu() - vorher
    return {
        "typ": typ, "layout": lay, "seed": seed, "variante": variante, "vorhergesagt": ergebnis.typ,
        "konfidenz": ergebnis.konfidenz, "seiten": len(ergebnis.seiten), "dauer": ergebnis.dauer, "cpu": cpu,
        "wahrheit": {f: extraktion.wahrheit_text(w) for f, w in dok.wahrheit["felder"].items()},
        "felder": {v.feld: [v.wert, v.konfidenz] for v in ergebnis.felder},
    }  # fmt: skip


def _ki(werte: np.ndarray, rng: np.random.Generator, n: int = 2000) -> tuple[float, float, float]:
    if len(werte) == 0:
        return (float("nan"),) * 3
    stichproben = rng.integers(0, len(werte), size=(n, len(werte)))
    mittel = werte[stichproben].mean(axis=1)
    return float(werte.mean()), float(np.percentile(mittel, 2.5)), float(np.percentile(mittel, 97.5))


def _f1(treffer: int, vorgeschlagen: int, vorhanden: int) -> float:
    p = treffer / vorgeschlagen if vorgeschlagen else 0.0
    r = treffer / vorhanden if vorhanden else 0.0
    return 2 * p * r / (p + r) if p + r else 0.0


def _zuverlaessigkeit(paare: list[tuple[float, bool]], faecher: int = 5) -> list[list[float]]:
    """Reliability table: per confidence bin [lower, upper, n, mean confidence, share correct]."""
    tabelle = []
    for i in range(faecher):
        unten, oben = i / faecher, (i + 1) / faecher
        auswahl = [(k, r) for k, r in paare if unten < k <= oben or (i == 0 and k == 0)]
        if auswahl:
            tabelle.append([unten, oben, len(auswahl), float(np.mean([k for k, _ in auswahl])),
                            float(np.mean([r for _, r in auswahl]))])  # fmt: skip
    return tabelle


def auswerten(zeilen: list[dict[str, Any]]) -> dict[str, Any]:
    rng = np.random.default_rng(0)
    bericht: dict[str, Any] = {"n": len(zeilen)}
    richtig = np.array([z["typ"] == z["vorhergesagt"] for z in zeilen], dtype=float)
    bericht["klassifikation"] = _ki(richtig, rng)
    bericht["ece"] = klassifikation.kalibrierungsfehler(
        [z["konfidenz"] for z in zeilen], list(richtig.astype(bool))
    )
    bericht["je_typ"] = {}
    for typ in TYPEN:
        auswahl = [z for z in zeilen if z["typ"] == typ]
        if auswahl:
            bericht["je_typ"][typ] = _ki(
                np.array([z["typ"] == z["vorhergesagt"] for z in auswahl], float), rng
            )
    felder: dict[str, list[float]] = defaultdict(list)
    zaehler: dict[str, list[int]] = defaultdict(lambda: [0, 0, 0])
    for z in zeilen:
        for feld, wahr in z["wahrheit"].items():
            schluessel = f"{z['typ']}.{feld}"
            vorschlag = z["felder"].get(feld) if z["vorhergesagt"] == z["typ"] else None
            treffer = vorschlag is not None and vorschlag[0] == wahr
            felder[schluessel].append(float(treffer))
            zaehler[schluessel][0] += int(treffer)
            zaehler[schluessel][1] += int(vorschlag is not None)
            zaehler[schluessel][2] += 1
    paare = [
        (z["felder"][f][1], z["felder"][f][0] == w)
        for z in zeilen if z["vorhergesagt"] == z["typ"] for f, w in z["wahrheit"].items() if f in z["felder"]
    ]  # fmt: skip
    bericht["felder_ece"] = klassifikation.kalibrierungsfehler([k for k, _ in paare], [r for _, r in paare])
    bericht["felder_zuverlaessigkeit"] = _zuverlaessigkeit(paare)
    alle = np.array([w for werte in felder.values() for w in werte])
    bericht["felder_gesamt"] = _ki(alle, rng)
    bericht["felder"] = {
        k: {"em": _ki(np.array(v), rng), "f1": _f1(*zaehler[k]), "n": len(v)} for k, v in felder.items()
    }
    seiten = sum(z["seiten"] for z in zeilen)
    bericht["seiten"] = seiten
    bericht["seiten_je_s_kern"] = seiten / sum(z["cpu"] for z in zeilen)
    bericht["seiten_je_s_wand"] = seiten / sum(z["dauer"] for z in zeilen)
    return bericht


def evaluiere(
    n_text: int, n_scan: int, kerne: int, varianten: Sequence[str] = VARIANTEN, layout: str = "E"
) -> dict[str, Any]:
    """Evaluate on one held-out layout: E (the report of issue 5) or F (added later for a blind check)."""
    ergebnisse: dict[str, Any] = {"kerne": kerne, "ausgehalten": {t: (layout,) for t in TYPEN}}
    assert all(layout in HELD_OUT[t] for t in TYPEN)
    for variante in varianten:
        n = n_text if variante == "text" else n_scan
        aufgaben = [(t, layout, 5000 + s, variante) for t in TYPEN for s in range(n)]
        start = time.time()
        with ProcessPoolExecutor(kerne) as pool:
            zeilen = list(pool.map(_bewerte, aufgaben, chunksize=1))
        ergebnisse[variante] = auswerten(zeilen)
        ergebnisse[variante]["wandzeit_s"] = round(time.time() - start, 1)
        ergebnisse[variante]["fehler"] = [
            {"typ": z["typ"], "seed": z["seed"], "vorhergesagt": z["vorhergesagt"],
             "falsch": {f: [w, (z["felder"].get(f) or [None])[0]] for f, w in z["wahrheit"].items()
                        if (z["felder"].get(f) or [None])[0] != w}}
            for z in zeilen if z["vorhergesagt"] != z["typ"] or any(
                (z["felder"].get(f) or [None])[0] != w for f, w in z["wahrheit"].items())
        ]  # fmt: skip
        print(variante, json.dumps({k: v for k, v in ergebnisse[variante].items() if k != "fehler"})[:600])
    return ergebnisse


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--trainiere", action="store_true")
    parser.add_argument("--ergaenze", action="store_true", help="nur --varianten neu messen, Rest behalten")
    parser.add_argument("--aus-cache", action="store_true", help="mit --trainiere: Dokumente aus dem Cache")
    parser.add_argument("--n-text", type=int, default=15)
    parser.add_argument("--n-scan", type=int, default=3)
    parser.add_argument("--nur-bericht", action="store_true", help="Bericht aus dokumente.json neu schreiben")
    parser.add_argument("--kerne", type=int, default=min(2, os.cpu_count() or 1))
    parser.add_argument(
        "--varianten", default=",".join(VARIANTEN), help="Komma-getrennt, z. B. text,scan_200"
    )
    args = parser.parse_args()
    if args.trainiere and args.aus_cache:  # the documents read by bench/dokumente_dev.py --lies
        import pickle

        from dokumente_dev import CACHE  # type: ignore[import-not-found]

        trainiere_aus([(t, s, w) for _, t, s, w in pickle.loads(CACHE.read_bytes())])
        return
    if args.trainiere:
        trainiere(args.n_text, args.n_scan, args.kerne)
        return
    if args.nur_bericht:
        ergebnisse = json.loads(ERGEBNIS_JSON.read_text(encoding="utf-8"))
    else:
        ergebnisse = evaluiere(args.n_text, args.n_scan, args.kerne, args.varianten.split(","))
        if args.ergaenze:  # replace only the variants just measured in the stored results
            ergebnisse = json.loads(ERGEBNIS_JSON.read_text(encoding="utf-8")) | ergebnisse
        ERGEBNIS_JSON.parent.mkdir(parents=True, exist_ok=True)
        ERGEBNIS_JSON.write_text(json.dumps(ergebnisse, indent=1, ensure_ascii=False), encoding="utf-8")
    from dokumente_bericht import schreibe_bericht  # type: ignore[import-not-found]

    schreibe_bericht(ergebnisse)


if __name__ == "__main__":
    main()
