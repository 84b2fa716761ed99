"""Random but plausible households for the SGB II property tests (net incomes always given)."""

from __future__ import annotations

import datetime as dt

import numpy as np

from amtsweg.rules.haushalt.eingabe import Einkommen, Haushalt, Person, Wohnung, lebensjahre

STICHTAGE = (dt.date(2023, 6, 1), dt.date(2024, 7, 1), dt.date(2025, 3, 1), dt.date(2026, 6, 30),
             dt.date(2026, 7, 1), dt.date(2026, 10, 1))  # fmt: skip
ARTEN = ("erwerbstaetigkeit", "minijob", "rente", "arbeitslosengeld", "unterhaltsvorschuss", "unterhalt",
         "elterngeld", "sonstige")  # fmt: skip


def _einkommen(rng: np.random.Generator, kind: bool) -> tuple[Einkommen, ...]:
    ergebnis = []
    for _ in range(int(rng.choice([0, 0, 1, 1, 2]))):
        art = str(rng.choice(ARTEN[:2] + ARTEN[4:6] if kind else ARTEN))
        brutto = int(rng.integers(0, 350_000 if not kind else 150_000))
        netto = brutto * int(rng.integers(60, 101)) // 100
        ergebnis.append(Einkommen(art, brutto, netto))
    return tuple(ergebnis)


def _jahre_zurueck(tag: dt.date, jahre: int) -> dt.date:
    try:
        return tag.replace(year=tag.year - jahre)
    except ValueError:  # 29 February
        return tag.replace(year=tag.year - jahre, day=28)


def _geburtsdatum(rng: np.random.Generator, tag: dt.date, alter: int) -> dt.date | None:
    """A birth date matching ``alter`` on ``tag`` (half of the persons have none)."""
    if rng.random() < 0.5:
        return None
    spaetestens = _jahre_zurueck(tag, alter)
    fruehestens = _jahre_zurueck(tag, alter + 1) + dt.timedelta(days=1)
    geboren = fruehestens + dt.timedelta(days=int(rng.integers(0, (spaetestens - fruehestens).days + 1)))
    return geboren if lebensjahre(geboren, tag) == alter else None


def zufallshaushalt(rng: np.random.Generator, stichtag: dt.date | None = None) -> Haushalt:
    tag = stichtag or STICHTAGE[int(rng.integers(0, len(STICHTAGE)))]
    personen = []
    rollen = ["antragsteller"] + (["partner"] if rng.random() < 0.5 else [])
    rollen += ["kind"] * int(rng.choice([0, 0, 1, 2, 3, 5])) + ["sonstige"] * int(rng.random() < 0.1)
    aeltester = 0
    for i, rolle in enumerate(rollen):
        kind = rolle == "kind"
        alter = min(int(rng.integers(0, 27)), aeltester - 1) if kind else int(rng.integers(16, 80))
        aeltester = aeltester if kind else max(aeltester, alter)  # a child is younger than its parents
        beginn = None
        if rolle == "antragsteller" and rng.random() < 0.8:
            beginn = tag - dt.timedelta(days=int(rng.integers(0, 800)))
        personen.append(Person(
            id=f"p{i}", rolle=rolle, alter=alter, einkommen=_einkommen(rng, kind),
            kindergeld=bool(rng.random() < 0.8),
            vermoegen=int(rng.choice([0, 0, 500_000, 1_500_000, 3_000_000, 6_000_000])),
            schwanger=bool(not kind and rng.random() < 0.05),
            erwerbsfaehig=None if rng.random() < 0.9 else bool(rng.random() < 0.5),
            bewilligungsbeginn=beginn, in_ausbildung=bool(rng.random() < 0.2),
            mehrbedarf_teilhabe=bool(rng.random() < 0.05), merkzeichen_g=bool(rng.random() < 0.05),
            mehrbedarf_ernaehrung_monat=int(rng.choice([0, 0, 0, 5_000, 30_000])),
            geburtsdatum=_geburtsdatum(rng, tag, alter),
        ))  # fmt: skip
    wohnung = Wohnung(
        art=str(rng.choice(["miete", "miete", "eigentum"])), kosten_monat=int(rng.integers(0, 200_000)),
        mietstufe=3, heizkosten_monat=int(rng.integers(0, 30_000)),
        angemessene_kosten_monat=None if rng.random() < 0.3 else int(rng.integers(30_000, 150_000)),
        warmwasser_dezentral=bool(rng.random() < 0.2),
    )  # fmt: skip
    return Haushalt(tag, wohnung, tuple(personen))
