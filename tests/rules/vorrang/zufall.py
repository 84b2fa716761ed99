"""Random but plausible households as Haushalt JSON (net incomes always given) for the Vorrang tests.

Incomes are drawn around the SGB II need so that every outcome of the Vorrangprüfung occurs often."""

from __future__ import annotations

from typing import Any

import numpy as np

STICHTAGE = ("2025-03-01", "2026-01-01", "2026-06-30", "2026-07-01", "2026-10-01")
ARTEN_ERWACHSENE = (
    "erwerbstaetigkeit",
    "erwerbstaetigkeit",
    "minijob",
    "rente",
    "arbeitslosengeld",
    "sonstige",
)
ARTEN_KIND = ("unterhaltsvorschuss", "unterhalt", "minijob")


def _euro(rng: np.random.Generator, hoch: int) -> int:
    return int(rng.integers(0, hoch))


def _text(cent: int) -> str:
    return f"{cent // 100}.{cent % 100:02d}"


def _einkommen(rng: np.random.Generator, kind: bool) -> list[dict[str, Any]]:
    ergebnis = []
    for _ in range(int(rng.choice([0, 1, 1, 2]) if not kind else rng.choice([0, 0, 0, 1]))):
        art = str(rng.choice(ARTEN_KIND if kind else ARTEN_ERWACHSENE))
        brutto = _euro(rng, 60_000 if kind else 320_000)
        netto = brutto * int(rng.integers(62, 101)) // 100
        ergebnis.append({"art": art, "brutto_monat": _text(brutto), "netto_monat": _text(netto)})
    return ergebnis


def zufallshaushalt(rng: np.random.Generator, stichtag: str | None = None) -> dict[str, Any]:
    tag = stichtag or STICHTAGE[int(rng.integers(0, len(STICHTAGE)))]
    rollen = ["antragsteller"] + (["partner"] if rng.random() < 0.55 else [])
    rollen += ["kind"] * int(rng.choice([0, 1, 1, 2, 2, 3, 5])) + ["sonstige"] * int(rng.random() < 0.12)
    personen: list[dict[str, Any]] = []
    aeltester = 0
    for i, rolle in enumerate(rollen):
        kind = rolle == "kind"
        alter = min(int(rng.integers(0, 26)), aeltester - 1) if kind else int(rng.integers(18, 80))
        aeltester = aeltester if kind else max(aeltester, alter)  # a child is younger than its parents
        p: dict[str, Any] = {"id": f"p{i}", "rolle": rolle, "alter": alter}
        p["einkommen"] = _einkommen(rng, kind)
        if kind:
            p["kindergeld"] = bool(rng.random() < 0.9)
        if rng.random() < 0.15:
            p["vermoegen"] = _text(int(rng.choice([500_000, 1_300_000, 2_000_000, 5_000_000, 12_000_000])))
        if rolle == "antragsteller" and rng.random() < 0.7:
            p["bewilligungsbeginn"] = str(rng.choice(["2024-01-01", "2025-11-01", "2026-07-01"]))
        if rolle == "sonstige" and rng.random() < 0.2:
            p["bezieht"] = ["grundsicherung_alter"]
        personen.append(p)
    wohnung: dict[str, Any] = {
        "art": "miete",
        "kosten_monat": _text(int(rng.integers(25_000, 140_000))),
        "heizkosten_monat": _text(int(rng.integers(0, 20_000))),
        "mietstufe": int(rng.integers(1, 8)),
    }
    if rng.random() < 0.4:
        wohnung["angemessene_kosten_monat"] = _text(int(rng.integers(35_000, 120_000)))
    return {"stichtag": tag, "wohnung": wohnung, "personen": personen}
