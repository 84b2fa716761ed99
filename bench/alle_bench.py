"""All benefits plus the Vorrangprüfung: Amtsweg against GETTSIM 1.3.1, same households, same run.

    .venv-bench/bin/python bench/alle_bench.py --n 200000

Prints throughput (compute only, after warm-up: ``amtsweg.rules.vorrang.pruefe_spalten`` vs GETTSIM's
``tt_function`` for Bürgergeld, Kinderzuschlag, Kindergeld, Wohngeld and its Vorrangprüfung), the ratio,
agreement per benefit (identical euro amount, within 1 EUR) and the divergence classes with an example.
The comparison set and the mapping are described in ``alle_peer.py``. Benchmarks print; they do not assert.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import sys
import time
from collections import Counter
from pathlib import Path

import numpy as np
import pyarrow as pa

sys.path.insert(0, str(Path(__file__).resolve().parent))

import alle_peer
from amtsweg.batch import spalten_aus_tabelle
from amtsweg.rules.vorrang import pruefe_spalten
from amtsweg.rules.vorrang.pruefung import WAHLRECHT_100_EURO
from divergenz_alle import klassen_kiz, klassen_sgb2, klassen_wg, merkmale
from population import erzeuge
from wohngeld_bench import maschine

STICHTAG = dt.date(2025, 1, 1)
SPALTEN = ("rolle", "alter", "brutto_erwerbstaetigkeit", "netto_erwerbstaetigkeit", "brutto_minijob",
           "brutto_rente", "brutto_arbeitslosengeld", "brutto_unterhaltsvorschuss", "brutto_unterhalt",
           "vermoegen", "schwanger", "in_ausbildung", "kosten_monat", "heizkosten_monat",
           "angemessene_kosten_monat", "bewilligungsbeginn")  # fmt: skip


def cent(x: np.ndarray) -> np.ndarray:
    return np.rint(np.asarray(x, float) * 100).astype(np.int64)


def zeitmessung(funktion, wiederholungen: int) -> tuple[float, object]:  # type: ignore[no-untyped-def]
    ergebnis = funktion()  # warm-up
    zeiten = []
    for _ in range(wiederholungen):
        t0 = time.perf_counter()
        ergebnis = funktion()
        zeiten.append(time.perf_counter() - t0)
    return min(zeiten), ergebnis


def beispiel(tab: pa.Table, start: np.ndarray, n: np.ndarray, i: int) -> str:
    zeilen = tab.slice(int(start[i]), int(n[i])).select(list(SPALTEN)).to_pylist()
    kurz = [{k: v for k, v in z.items() if v not in (None, "0.00", False)} for z in zeilen]
    return json.dumps(kurz, ensure_ascii=False, default=str)


def main() -> None:
    parser = argparse.ArgumentParser(description="All benefits + Vorrang: Amtsweg vs. GETTSIM")
    parser.add_argument("--n", type=int, default=200_000, help="households to generate")
    parser.add_argument("--seed", type=int, default=20250101)
    parser.add_argument("--wiederholungen", type=int, default=3)
    args = parser.parse_args()
    print(f"Machine: {maschine()}")
    tab = alle_peer.vergleichsmenge(erzeuge(args.n, args.seed))
    s, ids, _ = spalten_aus_tabelle(tab)
    h = s.anzahl_haushalte
    print(f"Population {args.n:,} households (seed {args.seed}); comparison set {h:,} one-family rent "
          f"households, {tab.num_rows:,} persons\n")  # fmt: skip

    g = alle_peer.berechne(tab, args.wiederholungen)
    gk = alle_peer.berechne(tab, 0, korrektur="1200+1194")["ergebnis"]
    a_zeit, e = zeitmessung(lambda: pruefe_spalten(s, STICHTAG), args.wiederholungen)
    g_hps, a_hps = h / g["rechenzeit_s"], h / a_zeit
    print("Compute only, all benefits + Vorrangprüfung (minimum of runs after warm-up)")
    print(f"  GETTSIM tt_function (numpy):      {g['rechenzeit_s']:8.3f} s {g_hps:12,.0f} households/s "
          f"(build once {g['bauzeit_s']:.2f} s, input mapping {g['mappingzeit_s']:.2f} s)")  # fmt: skip
    print(f"  Amtsweg vorrang.pruefe_spalten:   {a_zeit:8.3f} s {a_hps:12,.0f} households/s   "
          f"ratio {a_hps / g_hps:.1f}x")  # fmt: skip
    g_e2e = g["rechenzeit_s"] + g["bauzeit_s"]
    print(f"  GETTSIM build + compute:          {g_e2e:8.3f} s -> ratio {g_e2e / a_zeit:.1f}x\n")

    ge, v = g["ergebnis"], e.varianten  # type: ignore[attr-defined]
    m = merkmale(s, v)
    ohne = v.grundsicherung_ohne
    a = {"betrag": ohne.gesamt, "bedarf": ohne.bedarf_bg, "einkommen": ohne.einkommen_bg,
         "kiz": v.kinderzuschlag.betrag, "wg": v.wohngeld_vorrang.betrag}  # fmt: skip
    gg = {"betrag": cent(ge["bg_anspruch"]), "bedarf": cent(ge["bg_bedarf"]),
          "einkommen": cent(ge["bg_einkommen"]), "kiz": cent(ge["kiz_anspruch"]),
          "wg": cent(ge["wg_anspruch"]), "wg_basis": cent(ge["wg_basis"])}  # fmt: skip
    a_sgb2 = e.ergebnis >= WAHLRECHT_100_EURO  # type: ignore[attr-defined]
    g_sgb2 = cent(ge["bg_betrag"]) > 0
    vergleiche = {
        "Bürgergeld (SGB II) before Vorrang": (a["betrag"], gg["betrag"]),
        "Kinderzuschlag (with prospective Wohngeld)": (a["kiz"], gg["kiz"]),
        "Kindergeld": (e.kindergeld, cent(ge["kindergeld"])),  # type: ignore[attr-defined]
        "Wohngeld (prospective, nobody excluded)": (a["wg"], gg["wg"]),
        "Wohngeld, GETTSIM #1200/#1194 neutralised": (a["wg"], cent(gk["wg_anspruch"])),
        "Vorrang: SGB II recommended (yes/no)": (a_sgb2, g_sgb2),
        "after Vorrang: Bürgergeld paid": (e.grundsicherung, cent(ge["bg_betrag"])),  # type: ignore[attr-defined]
        "after Vorrang: total of all four": (
            e.gesamt,  # type: ignore[attr-defined]
            cent(ge["bg_betrag"]) + cent(ge["kiz_betrag"]) + cent(ge["kindergeld"]) + cent(ge["wg_betrag"]),
        ),
    }
    print(f"Agreement on {h:,} households: identical | within 1 EUR | Amtsweg > 0 | GETTSIM > 0")
    for name, (x, y) in vergleiche.items():
        x, y = np.asarray(x), np.asarray(y)
        nah = (x == y) if x.dtype == bool else (np.abs(x - y) <= 100)
        print(f"  {name:46s} {np.mean(x == y):8.2%} {np.mean(nah):8.2%} "
              f"{np.mean(x > 0):8.1%} {np.mean(y > 0):8.1%}")  # fmt: skip
    gk_wg = {"wg": cent(gk["wg_anspruch"]), "wg_basis": cent(gk["wg_basis"])}
    for titel, klasse, x, y in (
        ("Bürgergeld before Vorrang", klassen_sgb2(a, gg, m), a["betrag"], gg["betrag"]),
        ("Kinderzuschlag", klassen_kiz(a, gg | {"wg": gk_wg["wg"]}, m), a["kiz"], gg["kiz"]),
        ("Wohngeld (GETTSIM as is)", klassen_wg(a, gg, m), a["wg"], gg["wg"]),
        ("Wohngeld (GETTSIM #1200/#1194 neutralised)", klassen_wg(a, gk_wg, m), a["wg"], gk_wg["wg"]),
    ):
        print(f"\nDivergence classes: {titel} ({np.sum(x != y):,} households differ)")
        for name, anzahl in Counter(klasse[x != y]).most_common():
            i = int(np.flatnonzero(klasse == name)[0])
            print(f"  {anzahl:8,}  {name}\n            e.g. haushalt_id {ids[i]}: Amtsweg {x[i] / 100:.2f}, "
                  f"GETTSIM {y[i] / 100:.2f}; "
                  f"Bedarf {a['bedarf'][i] / 100:.2f} vs {gg['bedarf'][i] / 100:.2f}, "
                  f"Einkommen {a['einkommen'][i] / 100:.2f} vs {gg['einkommen'][i] / 100:.2f}\n"
                  f"            {beispiel(tab, s.start, m['n'], i)}")  # fmt: skip
    print(f"\nDone {dt.datetime.now().isoformat(timespec='seconds')}")


if __name__ == "__main__":
    main()
