"""Random but plausible households for property and differential tests."""

from __future__ import annotations

import datetime as dt

import numpy as np

from amtsweg.rules.haushalt.eingabe import (
    UNTERHALTSARTEN,
    Einkommen,
    Haushalt,
    Person,
    Unterhaltszahlung,
    Wohnung,
)

ARTEN = ("erwerbstaetigkeit", "minijob", "rente", "versorgungsbezuege", "arbeitslosengeld",
         "unterhaltsvorschuss", "unterhalt", "elterngeld", "sonstige")  # fmt: skip
STICHTAGE = (dt.date(2023, 1, 1), dt.date(2024, 7, 1), dt.date(2025, 1, 1), dt.date(2026, 7, 1))


def zufallshaushalt(rng: np.random.Generator, stichtag: dt.date | None = None) -> tuple[Haushalt, int]:
    n = int(rng.choice([1, 1, 1, 2, 2, 3, 4, 5, 6, 8, 13, 15], p=None))
    personen = []
    aeltester = 0
    for i in range(n):
        rolle = "antragsteller" if i == 0 else ("partner" if i == 1 and rng.random() < 0.5 else
                                               rng.choice(["kind", "kind", "sonstige"]))  # fmt: skip
        alter = min(int(rng.integers(0, 30)), aeltester - 1) if rolle == "kind" else int(rng.integers(18, 95))
        aeltester = aeltester if rolle == "kind" else max(aeltester, alter)  # children are younger
        einkommen = tuple(
            Einkommen(str(rng.choice(ARTEN)), int(rng.integers(0, 400_000)), None, bool(rng.random() < 0.2))
            for _ in range(int(rng.choice([0, 1, 1, 2])))
        )
        einkommen = tuple(
            Einkommen(e.art, e.brutto_monat, None, e.plus and e.art == "elterngeld") for e in einkommen
        )
        abzuege = frozenset(a for a in ("steuern", "kranken_pflegeversicherung", "rentenversicherung")
                            if rng.random() < 0.5)  # fmt: skip
        unterhalt = tuple(
            Unterhaltszahlung(str(rng.choice(UNTERHALTSARTEN)),
                              int(rng.integers(0, 80_000)), bool(rng.random() < 0.3))
            for _ in range(int(rng.random() < 0.1))
        )  # fmt: skip
        personen.append(Person(
            id=f"p{i}", rolle=str(rolle), alter=alter, einkommen=einkommen, abzuege=abzuege,
            kindergeld=bool(rng.random() < 0.7),
            grad_der_behinderung=int(rng.choice([0, 0, 0, 30, 50, 80, 100])),
            haeuslich_pflegebeduerftig=bool(rng.random() < 0.1), ns_verfolgt=bool(rng.random() < 0.02),
            grundrentenzeiten_jahre=int(rng.choice([0, 0, 20, 33, 40])),
            bezieht=("buergergeld",) if rng.random() < 0.05 else (), unterhalt_gezahlt=unterhalt,
            vermoegen=int(rng.choice([0, 0, 0, 5_000_000, 6_000_000, 6_000_001, 12_000_000])),
        ))  # fmt: skip
    wohnung = Wohnung(
        art=str(rng.choice(["miete", "miete", "eigentum"])), kosten_monat=int(rng.integers(0, 250_000))
    )
    tag = stichtag or STICHTAGE[int(rng.integers(0, len(STICHTAGE)))]
    return Haushalt(tag, wohnung, tuple(personen)), int(rng.integers(1, 8))
