"""The Wohngeld parameters of one Stichtag, prepared as integer arrays for the kernels."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

import numpy as np
import numpy.typing as npt

from amtsweg.rules.engine.geld import dezimal_als_festkomma, euro_als_cent
from amtsweg.rules.engine.parameter import ParameterSatz, lade_ordner

I64 = npt.NDArray[np.int64]

PARAMETER_ORDNER = Path(__file__).parent / "parameter"
#: The formula tables go up to 12 members (§ 19 Abs. 3 WoGG); lookups for more use 12.
MAX_TABELLE = 12


def parameter() -> ParameterSatz:
    return lade_ordner(PARAMETER_ORDNER)


def _je_mitglied(bis_5: list[Any], je_weiteres: Any) -> I64:
    """Index n = 0..12 -> amount in cents for n members (index 0 unused)."""
    werte = [0] + [euro_als_cent(w) for w in bis_5]
    for _ in range(len(bis_5) + 1, MAX_TABELLE + 1):
        werte.append(werte[-1] + euro_als_cent(je_weiteres))
    return np.array(werte, dtype=np.int64)


@dataclass(frozen=True, slots=True)
class WohngeldWerte:
    stichtag: dt.date
    hoechstbetrag: I64  # shape (13, 8): [members, Mietstufe] in cents
    heizkosten: I64  # (13,)
    klima: I64  # (13,)
    a: I64  # (13,) in 1e-10
    b: I64
    c: I64
    mindest_m: I64  # (13,) cents
    mindest_y: I64
    erhoehung_ab_13: int
    mindestbetrag: int
    vermoegen_erstes: int  # cents (Nr. 21.37 WoGVwV)
    vermoegen_weiteres: int
    abzug_prozent: int
    wk_arbeitnehmer: int  # cents per month
    wk_versorgung: int
    wk_rente: int
    fb_schwerbehindert: int
    fb_ns_verfolgt: int
    fb_alleinerziehend: int
    fb_kind_erwerb: int
    fb_kind_alter_unter: int
    fb_alleinerziehend_kind_alter_unter: int
    grundrente_mindestjahre: int
    grundrente_grundbetrag: int
    grundrente_prozent: int
    grundrente_hoechstbetrag: int
    unterhalt_hoechst: I64  # (4,) cents per month, order of UNTERHALTSARTEN
    elterngeld_frei: int
    elterngeld_plus_frei: int


def _monat(jahresbetrag: Any) -> int:
    cent = euro_als_cent(jahresbetrag)
    if cent % 12:
        raise ValueError(f"{jahresbetrag} €/Jahr ergibt keinen glatten Monatsbetrag")
    return cent // 12


@cache
def werte_am(stichtag: dt.date) -> WohngeldWerte:
    """All Wohngeld parameters in force on ``stichtag`` (raises outside their validity)."""
    p = parameter()
    hoechst = p.am("hoechstbetrag", stichtag)
    tabelle = np.zeros((MAX_TABELLE + 1, 8), dtype=np.int64)
    for stufe in range(1, 8):
        spalte = [zeile[stufe - 1] for zeile in hoechst["bis_5"]]
        tabelle[:, stufe] = _je_mitglied(spalte, hoechst["je_weiteres"][stufe - 1])
    heiz = p.am("heizkosten_gesamtbetrag", stichtag)
    klima = p.am("klimakomponente", stichtag)
    formel = p.am("formelwerte", stichtag)
    mindest = p.am("mindestwerte", stichtag)

    def spalte_festkomma(name: str) -> I64:
        return np.array([0] + [dezimal_als_festkomma(z[name]) for z in formel], dtype=np.int64)

    wk = p.am("werbungskosten_pauschbetrag", stichtag)
    fb = p.am("freibetraege", stichtag)
    gr = p.am("grundrente", stichtag)
    uh = p.am("unterhalt_hoechstbetraege", stichtag)
    eg = p.am("elterngeld_freibetrag", stichtag)
    return WohngeldWerte(
        stichtag=stichtag,
        hoechstbetrag=tabelle,
        heizkosten=_je_mitglied(heiz["bis_5"], heiz["je_weiteres"]),
        klima=_je_mitglied(klima["bis_5"], klima["je_weiteres"]),
        a=spalte_festkomma("a"),
        b=spalte_festkomma("b"),
        c=spalte_festkomma("c"),
        mindest_m=np.array([0] + [euro_als_cent(w) for w in mindest["m"]], dtype=np.int64),
        mindest_y=np.array([0] + [euro_als_cent(w) for w in mindest["y"]], dtype=np.int64),
        erhoehung_ab_13=euro_als_cent(p.am("erhoehung_ab_13", stichtag)),
        mindestbetrag=euro_als_cent(p.am("mindestbetrag", stichtag)),
        vermoegen_erstes=euro_als_cent(p.am("vermoegen_missbrauch", stichtag)["erstes_mitglied"]),
        vermoegen_weiteres=euro_als_cent(p.am("vermoegen_missbrauch", stichtag)["je_weiteres"]),
        abzug_prozent=int(p.am("abzug_je_pflichtbeitrag", stichtag)),
        wk_arbeitnehmer=_monat(wk["arbeitnehmer"]),
        wk_versorgung=_monat(wk["versorgungsbezuege"]),
        wk_rente=_monat(wk["renten"]),
        fb_schwerbehindert=_monat(fb["schwerbehindert"]),
        fb_ns_verfolgt=_monat(fb["ns_verfolgt"]),
        fb_alleinerziehend=_monat(fb["alleinerziehend"]),
        fb_kind_erwerb=_monat(fb["kind_erwerbseinkommen_hoechstens"]),
        fb_kind_alter_unter=int(fb["kind_alter_unter"]),
        fb_alleinerziehend_kind_alter_unter=int(fb["alleinerziehend_kind_alter_unter"]),
        grundrente_mindestjahre=int(gr["mindestjahre"]),
        grundrente_grundbetrag=_monat(gr["grundbetrag"]),
        grundrente_prozent=int(gr["prozent"]),
        grundrente_hoechstbetrag=_monat(gr["hoechstbetrag"]),
        unterhalt_hoechst=np.array(
            [
                _monat(uh[k])
                for k in ("auswaerts_ausbildung", "kind_anderer_haushalt", "ehegatte", "sonstige")
            ],
            dtype=np.int64,
        ),
        elterngeld_frei=euro_als_cent(eg["basis"]),
        elterngeld_plus_frei=euro_als_cent(eg["plus"]),
    )
