"""Metrics for ``dokumente_real.py``: type accuracy, fields exact, AUROC and ECE of the field confidence."""

from __future__ import annotations

import math
import time
from collections import Counter
from typing import Any

from amtsweg.documents import extraktion, klassifikation
from amtsweg.documents.text import Seite
from amtsweg.documents.verarbeitung import MIN_TYP_KONFIDENZ, verarbeite_seiten

GLEICH = {"mietvertrag": "mietbescheinigung"}
VARIANTEN = ("text", "scan_200")


def wilson(k: int, n: int, z: float = 1.96) -> tuple[float, float]:
    if n == 0:
        return (0.0, 0.0)
    p = k / n
    mitte = (p + z * z / (2 * n)) / (1 + z * z / n)
    breite = z * math.sqrt(p * (1 - p) / n + z * z / (4 * n * n)) / (1 + z * z / n)
    return (round(mitte - breite, 4), round(mitte + breite, 4))


def auroc(werte: list[float], richtig: list[bool]) -> float | None:
    """Probability that a right field scores higher than a wrong one (ties count half)."""
    pos = [w for w, r in zip(werte, richtig, strict=True) if r]
    neg = [w for w, r in zip(werte, richtig, strict=True) if not r]
    if not pos or not neg:
        return None
    summe = sum(1.0 if p > n else 0.5 if p == n else 0.0 for p in pos for n in neg)
    return round(summe / (len(pos) * len(neg)), 4)


def _gelesener_typ(typ: str, konfidenz: float) -> str:
    if konfidenz < MIN_TYP_KONFIDENZ:
        return "sonstiges"
    return GLEICH.get(typ, typ)


def bewerte(
    zeilen: list[tuple[str, list[Seite], list[Seite], float, float]],
    wahrheit: dict[str, dict[str, Any]],
    *,
    zeigen: bool = False,
) -> dict[str, Any]:
    ergebnis: dict[str, Any] = {}
    for variante in VARIANTEN:
        typ_ok = 0
        felder = Counter[str]()
        konf: list[float] = []
        richtig: list[bool] = []
        fehler: list[str] = []
        je_feld: Counter[str] = Counter()
        je_feld_ok: Counter[str] = Counter()
        seiten_n = 0
        cpu = 0.0
        for name, seiten_text, seiten_scan, cpu_text, cpu_scan in zeilen:
            seiten = seiten_text if variante == "text" else seiten_scan
            seiten_n += len(seiten)
            a = time.process_time()
            e = verarbeite_seiten(seiten)
            cpu += (cpu_text if variante == "text" else cpu_scan) + time.process_time() - a
            soll = wahrheit[name]
            gelesen = _gelesener_typ(e.typ, e.konfidenz)
            typ_ok += gelesen == soll["typ"]
            if gelesen != soll["typ"] and zeigen:
                oben = sorted(e.verteilung.items(), key=lambda kv: -kv[1])[:3]
                fehler.append(f"{variante} {name}: Typ {gelesen} statt {soll['typ']} {oben}")
            vorschlaege = {v.feld: v for v in e.felder}
            for feld, wert in soll["felder"].items():
                ziel = extraktion.wahrheit_text(wert)
                v = vorschlaege.get(feld)
                ok = v is not None and v.wert == ziel
                felder[str(ok)] += 1
                je_feld[f"{soll['typ']}.{feld}"] += 1
                je_feld_ok[f"{soll['typ']}.{feld}"] += ok
                if not ok and zeigen:
                    fehler.append(
                        f"{variante} {name}.{feld}: erwartet {ziel!r}, gelesen "
                        f"{(v.wert, v.konfidenz, v.zeile[:70]) if v else None}"
                    )
            for feld, v in vorschlaege.items():  # every shown proposal, right or wrong
                konf.append(v.konfidenz)
                richtig.append(
                    feld in soll["felder"] and v.wert == extraktion.wahrheit_text(soll["felder"][feld])
                )
        n = felder["True"] + felder["False"]
        ergebnis[variante] = {
            "dokumente": len(zeilen),
            "typen_richtig": typ_ok,
            "typen_intervall": wilson(typ_ok, len(zeilen)),
            "felder_n": n,
            "felder_exakt": round(felder["True"] / n, 4) if n else None,
            "felder_intervall": wilson(felder["True"], n),
            "vorschlaege": len(konf),
            "auroc": auroc(konf, richtig),
            "ece": round(klassifikation.kalibrierungsfehler(konf, richtig), 4) if konf else None,
            "mittel_richtig": round(
                sum(k for k, r in zip(konf, richtig, strict=True) if r) / max(1, sum(richtig)), 3
            ),
            "mittel_falsch": round(
                sum(k for k, r in zip(konf, richtig, strict=True) if not r)
                / max(1, len(richtig) - sum(richtig)),
                3,
            ),
            "seiten": seiten_n,
            "seiten_je_cpu_s": round(seiten_n / cpu, 2) if cpu else None,
            "je_feld": {k: f"{je_feld_ok[k]}/{je_feld[k]}" for k in sorted(je_feld)},
        }
        if zeigen:
            ergebnis[variante]["fehler"] = fehler
    return ergebnis


def bericht(ergebnis: dict[str, Any]) -> str:
    zeilen = [f"Teil: {ergebnis.get('teil', '?')}"]
    for variante in VARIANTEN:
        r = ergebnis[variante]
        zeilen.append(
            f"{variante}: Typen {r['typen_richtig']}/{r['dokumente']} {r['typen_intervall']}, "
            f"Felder exakt {r['felder_exakt']} {r['felder_intervall']} (n={r['felder_n']}), "
            f"AUROC {r['auroc']}, ECE {r['ece']} (Vorschläge {r['vorschlaege']}, Konfidenz richtig "
            f"{r['mittel_richtig']} / falsch {r['mittel_falsch']}), {r['seiten_je_cpu_s']} Seiten/CPU-s"
        )
        zeilen.append("   " + ", ".join(f"{k} {v}" for k, v in r["je_feld"].items()))
        zeilen.extend("   " + f for f in r.get("fehler", []))
    return "\n".join(zeilen)
