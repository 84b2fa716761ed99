"""Vermögen (§ 12 SGB II) in both versions; § 65a Abs. 1 chooses by the start of the Bewilligungszeitraum."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import numpy.typing as npt

from amtsweg.rules.engine.geld import cent_als_euro
from amtsweg.rules.engine.norm import Norm
from amtsweg.rules.engine.trace import Trace
from amtsweg.rules.grundsicherung.regeln import BUERGERGELD, REGELN
from amtsweg.rules.grundsicherung.werte import STICHTAG_NEU, GrundsicherungsWerte, monatsanfang_plus
from amtsweg.rules.haushalt.spalten import Haushaltsspalten

I64 = npt.NDArray[np.int64]
B = npt.NDArray[np.bool_]
SGB2 = "SGB II"


@dataclass(frozen=True, slots=True)
class Vermoegenspruefung:
    neue_fassung: B  # per household
    karenzzeit: B  # per household (old version only)
    vermoegen: I64  # per household: sum over the BG
    freibetrag: I64  # per household
    zu_hoch: B


@REGELN.regel(
    "grundsicherung.vermoegen", Norm(SGB2, "12", absatz=2), BUERGERGELD, auslegungen=("A-0019", "A-0020")
)
def vermoegen(
    s: Haushaltsspalten, w: GrundsicherungsWerte, in_bg: B, beginn: I64, trace: Trace
) -> Vermoegenspruefung:
    n_bg = s.anzahl_je_haushalt(in_bg)
    summe = s.je_haushalt(np.where(in_bg, s.vermoegen, 0))
    neu = beginn >= STICHTAG_NEU.toordinal() if w.stichtag >= STICHTAG_NEU else np.zeros_like(n_bg, np.bool_)
    karenz = ~neu & (w.stichtag.toordinal() < monatsanfang_plus(beginn, w.vermoegen_karenz_monate))
    alt = np.where(
        karenz,
        w.vermoegen_karenz_erste + w.vermoegen_karenz_weitere * np.maximum(n_bg - 1, 0),
        w.vermoegen_je_person_alt * n_bg,
    )
    if w.vermoegen_neu:
        je_person = np.zeros_like(s.alter)
        for ab_alter, betrag in w.vermoegen_neu:
            je_person = np.where(s.alter >= ab_alter, betrag, je_person)
        freibetrag = np.where(neu, s.je_haushalt(np.where(in_bg, je_person, 0)), alt)
    else:
        freibetrag = alt
    zu_hoch = summe > freibetrag
    if trace.aktiv:
        fassung = "ab 1.7.2026 (Grundsicherungsgeld)" if neu[trace.index] else "bis 30.6.2026 (Bürgergeld)"
        trace.schritt(
            "vermoegen_fassung",
            Norm(SGB2, "65a", absatz=1),
            "Anzuwendende Fassung des § 12 (Beginn des Bewilligungszeitraums)",
            fassung,
        )
        if karenz[trace.index]:
            trace.schritt(
                "vermoegen_karenzzeit",
                Norm(SGB2, "12", absatz=3),
                "Karenzzeit: nur erhebliches Vermögen zählt",
                "ja",
            )
        trace.schritt(
            "vermoegen", Norm(SGB2, "12", absatz=1), "Vermögen der Bedarfsgemeinschaft", summe, cent_als_euro
        )
        trace.schritt(
            "vermoegen_freibetrag",
            Norm(SGB2, "12", absatz=4 if karenz[trace.index] else 2),
            "Freibetrag (übertragbar innerhalb der Bedarfsgemeinschaft)",
            freibetrag,
            cent_als_euro,
        )
        if zu_hoch[trace.index]:
            trace.schritt(
                "vermoegen_zu_hoch",
                Norm(SGB2, "9", absatz=1),
                "Vermögen übersteigt den Freibetrag: keine Hilfebedürftigkeit",
                "ja",
            )
    return Vermoegenspruefung(neu, karenz, summe, freibetrag, zu_hoch)
