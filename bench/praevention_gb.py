"""Benchmark: critical hazards found from free text by the Gefährdungsbeurteilung assistant.

Each case's text goes through the same path as the web form when the user accepts the proposal:
``erkenne`` -> ``als_eingabe`` -> ``baustelle_aus_dict`` -> ``beurteile``. A critical-hazard label counts as
found if one of the knowledge-base hazards or threshold findings mapped to it
(``praevention_gb/zuordnung.yaml``)
appears in the assessment. "Wrong" counts expected threshold results that differ (``befunde``), a missing or
superfluous "Sofort stoppen" (``stopp``) and false triggers (``nicht``).

    PYTHONPATH=src python bench/praevention_gb.py            # development set
    PYTHONPATH=src python bench/praevention_gb.py --zurueckgelegt   # held-out set (measure once)
    PYTHONPATH=src python bench/praevention_gb.py --datei zurueckgelegt2.yaml   # second held-out batch
"""

from __future__ import annotations

import argparse
import datetime as dt
import math
import os
import time
from pathlib import Path
from typing import Any

import yaml

from amtsweg.prevention.gefaehrdung.beurteilung import Gefaehrdungsbeurteilung, beurteile
from amtsweg.prevention.gefaehrdung.eingabe import baustelle_aus_dict
from amtsweg.prevention.gefaehrdung.erkennung import als_eingabe, erkenne

ORDNER = Path(__file__).parent / "praevention_gb"
RANG = {"ok": 0, "hinweis": 1, "pflicht": 2, "unzulaessig": 3}


def wilson(k: int, n: int, z: float = 1.96) -> tuple[float, float]:
    if n == 0:
        return (0.0, 1.0)
    p = k / n
    mitte = (p + z * z / (2 * n)) / (1 + z * z / n)
    breite = z * math.sqrt(p * (1 - p) / n + z * z / (4 * n * n)) / (1 + z * z / n)
    return max(0.0, mitte - breite), min(1.0, mitte + breite)


def bewerte(text: str) -> Gefaehrdungsbeurteilung | None:
    """The assessment from the accepted free-text proposal; None if no activity was recognised (the user
    would have to choose by hand, which this benchmark counts as nothing found)."""
    daten: dict[str, Any] = {
        "bezeichnung": "Benchmark",
        "beginn": "2027-05-03",
        "arbeitstage": "5",
        "beschaeftigte_gleichzeitig": "2",
    }
    daten |= als_eingabe(erkenne(text))
    if not daten["taetigkeiten"]:
        return None
    return beurteile(baustelle_aus_dict(daten), heute=dt.date(2027, 4, 1))


def gefunden(gb: Gefaehrdungsbeurteilung | None) -> set[str]:
    if gb is None:
        return set()
    namen = dict((name, tid) for tid, name in gb.taetigkeiten)
    ids = {f"{namen[z.taetigkeit]}.{z.gefaehrdung.id}" for z in gb.zeilen}
    return ids | {f"regel:{x.regel}" for x in gb.befunde if x.stufe != "ok"}


def lauf(datei: str) -> dict[str, Any]:
    faelle = yaml.safe_load((ORDNER / datei).read_text("utf-8"))
    zuordnung: dict[str, list[str]] = yaml.safe_load((ORDNER / "zuordnung.yaml").read_text("utf-8"))
    treffer = gesamt = falsch = 0
    fehlend: list[str] = []
    falsche: list[str] = []
    for fall in faelle:
        gb = bewerte(fall["text"])
        da = gefunden(gb)
        befunde = gb.befunde if gb else []
        stopp = gb.sofort_stoppen if gb else []
        for label in fall["kritisch"]:
            gesamt += 1
            if da & set(zuordnung[label]):
                treffer += 1
            else:
                fehlend.append(f"{fall['id']}: {label}")
        for regel, stufe in (fall.get("befunde") or {}).items():
            stufen = [x.stufe for x in befunde if x.regel == regel]
            ist = max(stufen, key=RANG.__getitem__) if stufen else "fehlt"
            if ist != stufe:
                falsch += 1
                falsche.append(f"{fall['id']}: {regel} erwartet {stufe}, ist {ist}")
        if bool(stopp) != bool(fall.get("stopp", False)):
            falsch += 1
            grund = ", ".join(x.titel for x in stopp) or "keins"
            falsche.append(f"{fall['id']}: Sofort stoppen erwartet {bool(fall.get('stopp'))}, ist: {grund}")
        for nicht in fall.get("nicht") or []:
            if nicht in da:
                falsch += 1
                falsche.append(f"{fall['id']}: Fehlauslösung {nicht}")
    return {
        "faelle": len(faelle),
        "treffer": treffer,
        "gesamt": gesamt,
        "falsch": falsch,
        "fehlend": fehlend,
        "falsche": falsche,
    }


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--zurueckgelegt", action="store_true", help="held-out set (measure once)")
    parser.add_argument("--datei", help="another case file in bench/praevention_gb, e.g. zurueckgelegt2.yaml")
    args = parser.parse_args()
    datei = args.datei or ("zurueckgelegt.yaml" if args.zurueckgelegt else "entwicklung.yaml")
    wand, cpu = time.perf_counter(), time.process_time()
    r = lauf(datei)
    wand, cpu = time.perf_counter() - wand, time.process_time() - cpu
    unten, oben = wilson(r["treffer"], r["gesamt"])
    print(f"Datensatz: {datei}, {r['faelle']} Fälle, {r['gesamt']} kritische Gefährdungen")
    print(
        f"Gefunden: {r['treffer']}/{r['gesamt']} = {r['treffer'] / r['gesamt']:.1%} "
        f"(95-%-Wilson-Intervall {unten:.1%} – {oben:.1%})"
    )
    print(f"Falsche Schwellenergebnisse/Normen/Stopps/Fehlauslösungen: {r['falsch']}")
    for zeile in r["fehlend"]:
        print("  nicht gefunden:", zeile)
    for zeile in r["falsche"]:
        print("  falsch:", zeile)
    print(f"Zeit: {wand:.2f} s Wand, {cpu:.2f} s CPU, {os.cpu_count()} Kerne, Last {os.getloadavg()[0]:.1f}")
    print(f"Stand {dt.date.today().isoformat()}")


if __name__ == "__main__":
    main()
