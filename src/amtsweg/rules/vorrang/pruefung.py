"""The Vorrangprüfung for households in columnar form (one code path for one and for millions).

Per household (brief § 8, Auslegung A-0040):
1. SGB II for the Bedarfsgemeinschaft as it stands (without Wohngeld and Kinderzuschlag).
2. Prospective Wohngeld as if the members of the BG were not excluded (§ 7 Abs. 1 Satz 3 WoGG).
3. Prospective Kinderzuschlag with that Wohngeld (§ 6a BKGG).
4. SGB II again with Wohngeld and Kinderzuschlag as income: no remaining need -> Wohngeld and
   Kinderzuschlag have priority (§ 12a Satz 2 SGB II; inputs are monthly amounts assumed stable over
   the Bewilligungszeitraum, so the three-month condition holds). Otherwise SGB II, and household members
   outside the BG may receive Wohngeld pro rata (§ 7 Abs. 2, § 11 Abs. 3 WoGG); no Kinderzuschlag.

The result holds each benefit *in the recommended variant*, so that ``gesamt`` is their sum.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, replace
from typing import Any

import numpy as np
import numpy.typing as npt

from amtsweg.rules.engine.norm import Norm
from amtsweg.rules.engine.registry import Registry
from amtsweg.rules.engine.trace import AUS, Trace
from amtsweg.rules.grundsicherung import Grundsicherungsergebnis
from amtsweg.rules.grundsicherung import berechne_spalten as grundsicherung
from amtsweg.rules.grundsicherung.kdu_tabelle import KduTabelle
from amtsweg.rules.haushalt.spalten import ROLLE, Haushaltsspalten
from amtsweg.rules.kindergeld import kindergeld_je_person
from amtsweg.rules.kinderzuschlag import berechne_spalten as kinderzuschlag
from amtsweg.rules.kinderzuschlag.berechnung import Kinderzuschlagergebnis
from amtsweg.rules.wohngeld import berechne_spalten as wohngeld
from amtsweg.rules.wohngeld.berechnung import Wohngeldergebnis

I64 = npt.NDArray[np.int64]
B = npt.NDArray[np.bool_]
REGELN = Registry()

#: Outcome codes per household.
KEIN_SGB2_BEDARF = 0  # no SGB II claim even without Wohngeld and Kinderzuschlag
WOHNGELD_KINDERZUSCHLAG = 1  # Wohngeld/Kinderzuschlag end the Hilfebedürftigkeit: they have priority
WAHLRECHT_100_EURO = 2  # § 6a Abs. 1a BKGG: Kinderzuschlag + Wohngeld may be chosen instead of SGB II
GRUNDSICHERUNG = 3  # SGB II remains necessary
ERGEBNIS_NAMEN = ("kein_sgb2_bedarf", "wohngeld_kinderzuschlag", "wahlrecht_100_euro", "grundsicherung")


@dataclass(frozen=True, slots=True)
class Varianten:
    """The two ways a household can go, computed for every household."""

    grundsicherung_ohne: Grundsicherungsergebnis  # SGB II as the BG stands
    grundsicherung_mit: Grundsicherungsergebnis  # SGB II with Wohngeld and KiZ counted as income
    wohngeld_vorrang: Wohngeldergebnis  # Wohngeld without the § 7 exclusion of BG members
    wohngeld_neben_sgb2: Wohngeldergebnis  # Wohngeld for members outside the BG only
    kinderzuschlag: Kinderzuschlagergebnis
    zusatzeinkommen: I64  # per person: KiZ per child + Wohngeld on the antragsteller


@dataclass(frozen=True, slots=True)
class Vorrangergebnis:
    ergebnis: I64  # outcome code per household
    grundsicherung: I64  # per household, in the recommended variant
    wohngeld: I64
    kinderzuschlag: I64
    kindergeld: I64
    gesamt: I64
    varianten: Varianten


def varianten(s: Haushaltsspalten, stichtag: dt.date, kdu_grenzen: KduTabelle | None = None) -> Varianten:
    ohne = grundsicherung(s, stichtag, AUS, kdu_grenzen=kdu_grenzen)
    s_vorrang = replace(s, ausgeschlossen=s.ausgeschlossen & ~ohne.in_bg)
    wg = wohngeld(s_vorrang, stichtag)
    kiz = kinderzuschlag(s, stichtag, AUS, wohngeld=wg.betrag, kdu_grenzen=kdu_grenzen)
    zusatz = kiz.je_kind.copy()
    antragsteller = np.flatnonzero(s.rolle == ROLLE["antragsteller"])  # exactly one per household, in order
    zusatz[antragsteller] += wg.betrag
    mit = grundsicherung(s, stichtag, AUS, zusatzeinkommen=zusatz, kdu_grenzen=kdu_grenzen)
    wg_neben = wohngeld(replace(s, ausgeschlossen=s.ausgeschlossen | ohne.in_bg), stichtag)
    return Varianten(ohne, mit, wg, wg_neben, kiz, zusatz)


@REGELN.regel("vorrang.pruefung", Norm("SGB II", "12a"), dt.date(2023, 1, 1), auslegungen=("A-0040",))
def pruefe_spalten(
    s: Haushaltsspalten, stichtag: dt.date, trace: Trace = AUS, *, kdu_grenzen: KduTabelle | None = None
) -> Vorrangergebnis:
    v = varianten(s, stichtag, kdu_grenzen)
    ohne, mit, kiz = v.grundsicherung_ohne, v.grundsicherung_mit, v.kinderzuschlag
    bedarf_gedeckt = mit.bedarf_bg <= mit.einkommen_bg
    ergebnis = np.full(s.anzahl_haushalte, GRUNDSICHERUNG, dtype=np.int64)
    ergebnis[kiz.regel_100_euro & (kiz.betrag > 0) & ~bedarf_gedeckt] = WAHLRECHT_100_EURO
    # the § 19 claim decides; the Sofortzuschlag (§ 72) is no Bedarf (A-0060)
    ergebnis[bedarf_gedeckt | (mit.betrag == 0)] = WOHNGELD_KINDERZUSCHLAG
    ergebnis[ohne.betrag == 0] = KEIN_SGB2_BEDARF
    sgb2 = ergebnis >= WAHLRECHT_100_EURO
    gs = np.where(sgb2, ohne.gesamt, 0)  # with the Sofortzuschlag (§ 72 SGB II)
    wg = np.where(sgb2, v.wohngeld_neben_sgb2.betrag, v.wohngeld_vorrang.betrag)
    kz = np.where(sgb2, 0, kiz.betrag)
    kg = s.je_haushalt(kindergeld_je_person(s, stichtag, AUS))
    gesamt = gs + wg + kz + kg
    if trace.aktiv:
        _begruende(trace, int(ergebnis[trace.index]), v, trace.index)
    return Vorrangergebnis(ergebnis, gs, wg, kz, kg, gesamt, v)


def auswahl(e: Vorrangergebnis, feld: str, i: int) -> Any:
    """For one household: the benefit result object of the recommended variant (for letters/JSON)."""
    sgb2 = e.ergebnis[i] >= WAHLRECHT_100_EURO
    v = e.varianten
    return {
        "grundsicherung": v.grundsicherung_ohne if sgb2 else v.grundsicherung_mit,
        "wohngeld": v.wohngeld_neben_sgb2 if sgb2 else v.wohngeld_vorrang,
    }[feld]


def _begruende(trace: Trace, fall: int, v: Varianten, i: int) -> None:
    from amtsweg.rules.engine.geld import cent_als_euro as euro

    ohne, mit = v.grundsicherung_ohne, v.grundsicherung_mit
    name = "Grundsicherungsgeld" if ohne.bezeichnung_neu[i] else "Bürgergeld"
    sgb2 = "SGB II"
    trace.schritt(
        "bedarf", Norm(sgb2, "19", absatz=1), f"Bedarf der Bedarfsgemeinschaft ({name})", ohne.bedarf_bg, euro
    )
    trace.schritt(
        "einkommen",
        Norm(sgb2, "11"),
        "Anrechenbares Einkommen der Bedarfsgemeinschaft",
        ohne.einkommen_bg,
        euro,
    )
    trace.schritt(
        "anspruch_ohne",
        Norm(sgb2, "19", absatz=3),
        f"{name} ohne Wohngeld und Kinderzuschlag",
        ohne.betrag,
        euro,
    )
    trace.schritt(
        "wohngeld_vorrang",
        Norm("WoGG", "7", absatz=1, satz=3),
        "Wohngeld, wenn es die Hilfebedürftigkeit vermeidet",
        v.wohngeld_vorrang.betrag,
        euro,
    )
    trace.schritt(
        "kinderzuschlag",
        Norm("BKGG", "6a"),
        "Kinderzuschlag mit diesem Wohngeld",
        v.kinderzuschlag.betrag,
        euro,
    )
    rest = max(int(mit.bedarf_bg[i]) - int(mit.einkommen_bg[i]), 0)
    trace.schritt(
        "fehlbetrag",
        Norm(sgb2, "9", absatz=1),
        "Verbleibender Bedarf mit Wohngeld und Kinderzuschlag",
        rest,
        euro,
    )
    if fall == KEIN_SGB2_BEDARF:
        grund = (
            "das Vermögen die Freibeträge übersteigt"
            if ohne.vermoegen_zu_hoch[i]
            else (
                "niemand in der Bedarfsgemeinschaft erwerbsfähig ist (Leistungen nach dem SGB XII prüfen)"
                if ohne.ohne_elb[i]
                else "das eigene Einkommen den Bedarf deckt"
            )
        )
        norm, text = Norm(sgb2, "9", absatz=1), f"Kein Anspruch auf {name}, weil {grund}."
    elif fall == WOHNGELD_KINDERZUSCHLAG:
        norm = Norm(sgb2, "12a", satz=2)
        text = (
            f"Mit Wohngeld und Kinderzuschlag ist der Bedarf gedeckt; diese Leistungen gehen dem {name} "
            "vor und sind zu beantragen."
        )
    elif fall == WAHLRECHT_100_EURO:
        norm = Norm("BKGG", "6a", absatz=1)
        text = (
            f"Mit Wohngeld und Kinderzuschlag fehlen höchstens 100 € zum Bedarf. {name} deckt den Bedarf "
            "vollständig; Kinderzuschlag mit Wohngeld kann stattdessen gewählt werden, solange kein Antrag "
            "nach dem SGB II gestellt ist (§ 6a Abs. 1a BKGG)."
        )
    else:
        norm = Norm(sgb2, "19", absatz=1)
        text = (
            f"Auch mit Wohngeld und Kinderzuschlag bleibt ein Bedarf von {euro(rest)}; {name} ist zu "
            "beantragen. Mitglieder der Bedarfsgemeinschaft sind dann vom Wohngeld ausgeschlossen "
            "(§ 7 WoGG); andere Haushaltsmitglieder können anteilig Wohngeld erhalten (§ 11 Abs. 3 WoGG)."
        )
    trace.schritt("ergebnis", norm, text, ERGEBNIS_NAMEN[fall])
