"""Wohngeld benchmark: Amtsweg's vectorised Wohngeld against GETTSIM 1.3.1, same households, same run.

Run in the bench venv (GETTSIM is AGPL-3.0 and lives only there):

    .venv-bench/bin/python bench/wohngeld_bench.py --n 1000000

Prints throughput (households/s, compute only, after warm-up), the ratio, agreement (share of
households with the identical euro amount), a divergence analysis by cause with one example each,
the build ("compile") time of GETTSIM's function and the first single-household result in a fresh
process. Benchmarks print; they do not assert.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import platform
import subprocess
import sys
import textwrap
import time
from collections import Counter
from pathlib import Path
from typing import Any

import numpy as np
import pyarrow as pa

HIER = Path(__file__).resolve().parent
sys.path.insert(0, str(HIER))

import gettsim_peer  # noqa: E402
from divergenz import cent, haushalt_json, klassifiziere, merkmale  # noqa: E402
from population import erzeuge  # noqa: E402

# ------------------------------------------------------------------------------ helpers


def maschine() -> str:
    cpu = platform.processor() or ""
    try:
        for zeile in Path("/proc/cpuinfo").read_text().splitlines():
            if zeile.startswith("model name"):
                cpu = zeile.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    ram = ""
    try:
        kb = int(Path("/proc/meminfo").read_text().split()[1])
        ram = f", {kb / 1024**2:.0f} GiB RAM"
    except (OSError, ValueError, IndexError):
        pass
    return (
        f"{cpu} ({os.cpu_count()} logical CPUs{ram}); {platform.system()} {platform.release()}; "
        f"Python {platform.python_version()}, numpy {np.__version__}, pyarrow {pa.__version__}, "
        f"gettsim {gettsim_peer.version()}"
    )


# ------------------------------------------------------------------------------ Amtsweg


def amtsweg_lauf(tabelle: pa.Table, wiederholungen: int) -> dict[str, Any]:
    from amtsweg.batch import berechne_tabelle

    berechne_tabelle(tabelle.slice(0, min(tabelle.num_rows, 2000)))  # warm-up (parameters, caches)
    zeiten = []
    ergebnis = None
    for _ in range(wiederholungen):
        t0 = time.perf_counter()
        ergebnis = berechne_tabelle(tabelle)
        zeiten.append(time.perf_counter() - t0)
    assert ergebnis is not None
    aus: dict[str, Any] = {"ergebnis": ergebnis, "zeit_tabelle_s": min(zeiten)}
    # Compute-only timing (the rule kernel on already converted columns), if the lead's API offers it.
    try:
        from amtsweg.batch import spalten_aus_tabelle
        from amtsweg.rules.wohngeld import berechne_spalten

        spalten, _ids, stichtage = spalten_aus_tabelle(tabelle)
        tage = [dt.date.fromordinal(int(t)) for t in sorted(set(stichtage.tolist()))]
        if len(tage) == 1:
            berechne_spalten(spalten, tage[0])
            zeiten = []
            for _ in range(wiederholungen):
                t0 = time.perf_counter()
                berechne_spalten(spalten, tage[0])
                zeiten.append(time.perf_counter() - t0)
            aus["zeit_kern_s"] = min(zeiten)
    except ImportError:
        pass
    return aus


def kaltstart_amtsweg(haushalt: dict[str, Any]) -> dict[str, float]:
    """Fresh process: import amtsweg.rules.wohngeld, then time the first berechne_wohngeld call."""
    code = textwrap.dedent(
        """
        import json, sys, time
        t0 = time.perf_counter()
        from amtsweg.rules.wohngeld import berechne_wohngeld
        t1 = time.perf_counter()
        daten = json.loads(sys.argv[1])
        r = berechne_wohngeld(daten)
        t2 = time.perf_counter()
        berechne_wohngeld(daten)
        t3 = time.perf_counter()
        print(json.dumps({"import_s": t1 - t0, "erster_s": t2 - t1, "zweiter_s": t3 - t2,
                          "wohngeld": r["wohngeld"]["betrag_monat"]}))
        """
    )
    return _subprozess(code, json.dumps(haushalt))


def kaltstart_gettsim(tabelle: pa.Table) -> dict[str, float]:
    """Fresh process: import gettsim, then time the first single-household result (main)."""
    pfad = Path(os.environ.get("TMPDIR", "/tmp")) / "amtsweg_bench_ein_haushalt.parquet"
    import pyarrow.parquet as pq

    pq.write_table(tabelle, pfad)
    code = textwrap.dedent(
        f"""
        import json, sys, time
        sys.path.insert(0, {str(HIER)!r})
        import pyarrow.parquet as pq
        tab = pq.read_table({str(pfad)!r})
        t0 = time.perf_counter()
        import gettsim_peer
        t1 = time.perf_counter()
        r = gettsim_peer.berechne(tab, wiederholungen=0)
        t2 = time.perf_counter()
        print(json.dumps({{"import_s": t1 - t0, "erster_s": t2 - t1,
                          "wohngeld": float(r["ergebnis"]["wohngeld_monat"][0])}}))
        """
    )
    return _subprozess(code)


def _subprozess(code: str, *argumente: str) -> dict[str, Any]:
    lauf = subprocess.run(
        [sys.executable, "-c", code, *argumente], capture_output=True, text=True, check=False, timeout=600
    )
    if lauf.returncode != 0:
        return {"fehler": lauf.stderr.strip().splitlines()[-1] if lauf.stderr.strip() else "unbekannt"}
    return json.loads(lauf.stdout.strip().splitlines()[-1])  # type: ignore[no-any-return]


# ------------------------------------------------------------------------------ main


def main() -> None:
    parser = argparse.ArgumentParser(description="Wohngeld: Amtsweg vs. GETTSIM")
    parser.add_argument("--n", type=int, default=1_000_000, help="households to generate (default 1,000,000)")
    parser.add_argument("--seed", type=int, default=20250101)
    parser.add_argument("--wiederholungen", type=int, default=3, help="timed runs each (minimum is reported)")
    parser.add_argument("--parquet", type=Path, help="also write the population to this Parquet file")
    parser.add_argument("--ohne-kaltstart", action="store_true", help="skip the fresh-process measurements")
    parser.add_argument(
        "--auch-jax", action="store_true", help="also time GETTSIM's JAX backend (needs jax in .venv-bench)"
    )
    args = parser.parse_args()

    print(f"Machine: {maschine()}")
    t0 = time.perf_counter()
    voll = erzeuge(args.n, args.seed)
    print(
        f"Population: {args.n:,} households, {voll.num_rows:,} persons, generated in "
        f"{time.perf_counter() - t0:.1f} s (seed {args.seed})"
    )
    if args.parquet:
        import pyarrow.parquet as pq

        pq.write_table(voll, args.parquet)
    tab = gettsim_peer.nur_miete(voll)
    mk = merkmale(tab)
    h = mk["haushalt_id"].size
    print(
        f"Comparison set: {h:,} rent households ({args.n - h:,} Lastenzuschuss households left out: "
        "GETTSIM has no Lastenzuschuss)\n"
    )

    # GETTSIM: as-is, plus two runs with the known pension issues neutralised (for the analysis).
    g = gettsim_peer.berechne(tab, args.wiederholungen)
    g1200 = gettsim_peer.berechne(tab, 0, korrektur="1200")["ergebnis"]
    gkorr = gettsim_peer.berechne(tab, 0, korrektur="1200+1194")["ergebnis"]
    gjax = gettsim_peer.berechne(tab, args.wiederholungen, backend="jax") if args.auch_jax else None

    # Amtsweg
    try:
        a = amtsweg_lauf(tab, args.wiederholungen)
    except Exception as fehler:  # report and continue with the GETTSIM-only numbers
        a = None
        print(f"Amtsweg berechne_tabelle failed: {type(fehler).__name__}: {fehler}\n")

    print(f"Compute only, after warm-up (minimum of {args.wiederholungen} runs, {h:,} households)")
    g_hps = h / g["rechenzeit_s"]
    print(
        f"  GETTSIM tt_function (numpy backend):    {g['rechenzeit_s']:8.3f} s  {g_hps:14,.0f} households/s"
    )
    if a is not None and "zeit_kern_s" in a:
        k_hps = h / a["zeit_kern_s"]
        print(
            f"  Amtsweg berechne_spalten (rule kernel): {a['zeit_kern_s']:8.3f} s  "
            f"{k_hps:14,.0f} households/s   ratio Amtsweg/GETTSIM {k_hps / g_hps:.2f}"
        )
    if gjax is not None:
        j_hps = h / gjax["rechenzeit_s"]
        gleich_jax = np.array_equal(gjax["ergebnis"]["wohngeld_monat"], g["ergebnis"]["wohngeld_monat"])
        print(
            f"  GETTSIM tt_function (jax.jit, x64):     {gjax['rechenzeit_s']:8.3f} s  "
            f"{j_hps:14,.0f} households/s   (build {gjax['bauzeit_s']:.2f} s, "
            f"jit compile + first run {gjax['erster_lauf_s']:.2f} s; "
            f"same amounts as numpy: {gleich_jax})"
        )
    g_e2e = g["mappingzeit_s"] + g["bauzeit_s"] + g["rechenzeit_s"]
    print("End to end from the person table (column conversion + build + compute, warm process)")
    print(f"  GETTSIM mapping + build + compute:      {g_e2e:8.3f} s  {h / g_e2e:14,.0f} households/s")
    print(
        f"    of which input mapping {g['mappingzeit_s']:.2f} s, build once (policy environment, "
        f"data processing, DAG -> tt_function) {g['bauzeit_s']:.2f} s"
    )
    if a is not None:
        a_hps = h / a["zeit_tabelle_s"]
        print(
            f"  Amtsweg berechne_tabelle:               {a['zeit_tabelle_s']:8.3f} s  "
            f"{a_hps:14,.0f} households/s   ratio Amtsweg/GETTSIM {g_e2e / a['zeit_tabelle_s']:.2f}"
        )
    print()

    if a is not None:
        e = a["ergebnis"]
        ids = e["haushalt_id"].to_numpy()
        reihenfolge = np.argsort(ids)
        pos = reihenfolge[np.searchsorted(ids, mk["haushalt_id"], sorter=reihenfolge)]
        a_betrag = cent(e["wohngeld_monat"])[pos]
        a_y = cent(e["gesamteinkommen_monat"])[pos]
        a_m = cent(e["miete_beruecksichtigt_monat"])[pos]
        a_k = e["beruecksichtigte_mitglieder"].to_numpy().astype(np.int64)[pos]
        if "vermoegen_zu_hoch" in e.column_names:
            mk["vermoegen_zu_hoch"] = e["vermoegen_zu_hoch"].to_numpy(zero_copy_only=False)[pos]
        gg = {
            "betrag": cent(g["ergebnis"]["wohngeld_monat"]),
            "betrag_1200": cent(g1200["wohngeld_monat"]),
            "betrag_korr": cent(gkorr["wohngeld_monat"]),
            "y": cent(g["ergebnis"]["einkommen_monat"]),
            "y_korr": np.asarray(gkorr["einkommen_monat"]) * 100,  # float cents, unrounded
            "m_korr": np.asarray(gkorr["miete_monat"]) * 100,
        }
        gleich = a_betrag == gg["betrag"]
        print(
            f"Agreement (identical euro amount): {gleich.mean():.2%} of {h:,} households "
            f"({(~gleich).sum():,} differ)"
        )
        print(f"  after neutralising GETTSIM #1200:           {(a_betrag == gg['betrag_1200']).mean():.2%}")
        print(f"  after neutralising GETTSIM #1200 and #1194: {(a_betrag == gg['betrag_korr']).mean():.2%}")
        print(
            f"  households with Wohngeld > 0: Amtsweg {(a_betrag > 0).mean():.1%}, GETTSIM "
            f"{(gg['betrag'] > 0).mean():.1%} (corrected {(gg['betrag_korr'] > 0).mean():.1%})"
        )
        klasse = klassifiziere(a_betrag, a_y, a_m, a_k, gg, mk)
        zaehler = Counter(klasse[~gleich])
        print("\nDivergences by cause (first matching cause; counts of households)")
        for name, anzahl in zaehler.most_common():
            i = int(np.flatnonzero(klasse == name)[0])
            d = (a_betrag[i] - gg["betrag"][i]) / 100
            print(f"  {anzahl:9,}  {name}")
            print(
                f"             e.g. haushalt_id {mk['haushalt_id'][i]}: "
                f"Amtsweg {a_betrag[i] / 100:.0f} EUR, GETTSIM {gg['betrag'][i] / 100:.0f} EUR "
                f"({d:+.0f}; corrected {gg['betrag_korr'][i] / 100:.0f}); "
                f"Y {a_y[i] / 100:.2f} vs {gg['y'][i] / 100:.2f} (corrected {gg['y_korr'][i] / 100:.2f}); "
                f"M {a_m[i] / 100:.2f} vs {gg['m_korr'][i] / 100:.2f}"
            )
            n_i = int(mk["n"][i])
            zeilen = np.arange(mk["zeile_start"][i], mk["zeile_start"][i] + n_i)
            print(f"             {json.dumps(haushalt_json(tab, zeilen), ensure_ascii=False)}")
        print()

    if not args.ohne_kaltstart:
        erste = np.arange(mk["zeile_start"][0], mk["zeile_start"][0] + mk["n"][0])
        beispiel = haushalt_json(tab, erste)
        print("First single-household result in a fresh process (household 1)")
        ka = kaltstart_amtsweg(beispiel)
        if "fehler" in ka:
            print(f"  Amtsweg: failed: {ka['fehler']}")
        else:
            print(
                f"  Amtsweg: import amtsweg.rules.wohngeld {ka['import_s'] * 1000:.0f} ms, first "
                f"berechne_wohngeld {ka['erster_s'] * 1000:.1f} ms "
                f"(second {ka['zweiter_s'] * 1000:.2f} ms), "
                f"result {ka['wohngeld']} EUR"
            )
        kg = kaltstart_gettsim(tab.take(pa.array(erste)))
        if "fehler" in kg:
            print(f"  GETTSIM: failed: {kg['fehler']}")
        else:
            print(
                f"  GETTSIM: import {kg['import_s'] * 1000:.0f} ms, first result (build + compute) "
                f"{kg['erster_s'] * 1000:.0f} ms, result {kg['wohngeld']:.0f} EUR"
            )
    print(f"\nDone {dt.datetime.now().isoformat(timespec='seconds')}")


if __name__ == "__main__":
    main()
