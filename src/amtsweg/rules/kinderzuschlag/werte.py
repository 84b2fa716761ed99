"""The Kinderzuschlag parameters of one Stichtag as integers (cents, percent), and the rule registry."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from amtsweg.rules.engine.geld import euro_als_cent
from amtsweg.rules.engine.parameter import ParameterSatz, lade_ordner
from amtsweg.rules.engine.registry import Registry

REGELN = Registry()
#: The rules as coded here (Bürgergeld-Gesetz wording of § 6a Abs. 1a, Abs. 3 Satz 5) apply from this date.
AB_2023 = dt.date(2023, 1, 1)
ORDNER = Path(__file__).parent


def parameter() -> ParameterSatz:
    return lade_ordner(ORDNER / "parameter")


@dataclass(frozen=True, slots=True)
class KizWerte:
    stichtag: dt.date
    hoechstbetrag: int  # cents per child and month
    mindest_paar: int
    mindest_alleinerziehend: int
    prozent_kind: int
    prozent_erwerb: int
    prozent_sonstiges: int
    vermoegen_berechtigt: int  # cents
    vermoegen_weitere: int
    wohnbedarf_allein: int  # cents per year (only the proportions matter)
    wohnbedarf_paar: int
    wohnbedarf_kind: int
    hoechstens_fehlend: int
    mindestens_absetzbetraege: int
    bewilligungszeitraum: int  # months


@cache
def werte_am(stichtag: dt.date) -> KizWerte:
    """All Kinderzuschlag parameters in force on ``stichtag`` (raises outside their validity)."""
    p = parameter()
    mindest = p.am("mindesteinkommen", stichtag)
    prozent = p.am("minderung_prozent", stichtag)
    vermoegen = p.am("vermoegen_freibetrag", stichtag)
    wohn = p.am("wohnbedarf_existenzminimumbericht", stichtag)
    regel_100 = p.am("regel_100_euro", stichtag)
    return KizWerte(
        stichtag=stichtag,
        hoechstbetrag=euro_als_cent(p.am("hoechstbetrag", stichtag)),
        mindest_paar=euro_als_cent(mindest["paar"]),
        mindest_alleinerziehend=euro_als_cent(mindest["alleinerziehend"]),
        prozent_kind=int(prozent["kind"]),
        prozent_erwerb=int(prozent["erwerb"]),
        prozent_sonstiges=int(prozent["sonstiges"]),
        vermoegen_berechtigt=euro_als_cent(vermoegen["berechtigte_person"]),
        vermoegen_weitere=euro_als_cent(vermoegen["weiteres_mitglied"]),
        wohnbedarf_allein=euro_als_cent(wohn["alleinstehend"]),
        wohnbedarf_paar=euro_als_cent(wohn["paar"]),
        wohnbedarf_kind=euro_als_cent(wohn["kind"]),
        hoechstens_fehlend=euro_als_cent(regel_100["hoechstens_fehlend"]),
        mindestens_absetzbetraege=euro_als_cent(regel_100["mindestens_absetzbetraege"]),
        bewilligungszeitraum=int(p.am("bewilligungszeitraum", stichtag)),
    )
