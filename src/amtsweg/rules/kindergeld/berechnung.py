"""Kindergeld per child (§ 66 EStG, § 6 BKGG), as numpy kernel over the columnar households.

A child counts under 18 always, and under 25 if it is in training (§ 32 Abs. 4 Satz 1 Nr. 2 EStG)
or if the input states that Kindergeld is received (other reasons of § 32 Abs. 4 EStG).
"""

from __future__ import annotations

import datetime as dt
from functools import cache
from pathlib import Path
from typing import Any

import numpy as np
import numpy.typing as npt

from amtsweg.rules.engine.geld import cent_als_euro, cent_als_text, euro_als_cent
from amtsweg.rules.engine.norm import Norm
from amtsweg.rules.engine.parameter import ParameterSatz, lade_ordner
from amtsweg.rules.engine.registry import Registry
from amtsweg.rules.engine.trace import AUS, Trace
from amtsweg.rules.engine.version import regelwerk_version
from amtsweg.rules.haushalt.eingabe import Haushalt, lies_haushalt
from amtsweg.rules.haushalt.spalten import ROLLE, Haushaltsspalten, aus_haushalten

I64 = npt.NDArray[np.int64]
REGELN = Registry()
ORDNER = Path(__file__).parent


def parameter() -> ParameterSatz:
    return lade_ordner(ORDNER / "parameter")


@cache
def _werte(stichtag: dt.date) -> tuple[int, int, int]:
    p = parameter()
    grenzen = p.am("kind_altersgrenzen", stichtag)
    return (
        euro_als_cent(p.am("kindergeld", stichtag)),
        int(grenzen["immer_unter"]),
        int(grenzen["ausbildung_unter"]),
    )


@REGELN.regel("kindergeld.betrag", Norm("EStG", "66", absatz=1), dt.date(2023, 1, 1))
def kindergeld_je_person(s: Haushaltsspalten, stichtag: dt.date, trace: Trace = AUS) -> I64:
    """Kindergeld in cents per person (0 for everyone who is not a Kindergeld child)."""
    betrag, immer_unter, ausbildung_unter = _werte(stichtag)
    kind = s.rolle == ROLLE["kind"]
    berechtigt = kind & (
        (s.alter < immer_unter) | ((s.alter < ausbildung_unter) & (s.in_ausbildung | s.kindergeld))
    )
    ergebnis = np.where(berechtigt, betrag, 0).astype(np.int64)
    trace.je_person("kindergeld", Norm("EStG", "66", absatz=1), "Kindergeld", ergebnis, cent_als_euro,
                    nur_wenn=kind)  # fmt: skip
    return ergebnis


def version() -> str:
    return regelwerk_version(ORDNER, ORDNER.parent / "engine")


def berechne_haushalt(h: Haushalt) -> tuple[I64, Trace]:
    s = aus_haushalten([h], [0])
    trace = Trace(person_ids=[p.id for p in h.personen])
    return REGELN.fuer("kindergeld.betrag", h.stichtag).funktion(s, h.stichtag, trace), trace


def als_json(h: Haushalt, je_person: I64, trace: Trace) -> dict[str, Any]:
    kinder = [
        {
            "id": p.id,
            "betrag_monat": cent_als_text(je_person[i]),
            "betrag_jahr": cent_als_text(12 * je_person[i]),
        }
        for i, p in enumerate(h.personen)
        if p.rolle == "kind"
    ]
    summe = int(je_person.sum())
    return {
        "betrag_monat": cent_als_text(summe),
        "betrag_jahr": cent_als_text(12 * summe),
        "kinder": kinder,
        "begruendung": [{"norm": x.norm, "text": x.text, "wert": x.wert} for x in trace.schritte],
    }


def berechne_kindergeld(daten: Any) -> dict[str, Any]:
    """JSON in, JSON out: Kindergeld per child per month and per year."""
    h = lies_haushalt(daten)
    return {"kindergeld": als_json(h, *berechne_haushalt(h)), "regelwerk_version": version()}
