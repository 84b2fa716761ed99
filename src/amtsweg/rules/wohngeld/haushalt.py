"""§§ 5-8 WoGG: Haushaltsmitglieder, zu berücksichtigende Mitglieder and the exclusion of
recipients of transfer benefits (§ 7)."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import numpy.typing as npt

from amtsweg.rules.engine.geld import cent_als_euro
from amtsweg.rules.engine.norm import Norm
from amtsweg.rules.engine.trace import Trace
from amtsweg.rules.haushalt.spalten import Haushaltsspalten
from amtsweg.rules.wohngeld.regeln import REGELN, WOHNGELD_PLUS
from amtsweg.rules.wohngeld.werte import WohngeldWerte

I64 = npt.NDArray[np.int64]
B = npt.NDArray[np.bool_]


@dataclass(frozen=True, slots=True)
class Mitglieder:
    n: I64  # Haushaltsmitglieder per household (§ 5)
    k: I64  # zu berücksichtigende Haushaltsmitglieder per household (§§ 6, 7)
    beruecksichtigt: B  # per person


@REGELN.regel("wohngeld.mitglieder", Norm("WoGG", "6", absatz=1), WOHNGELD_PLUS)
def mitglieder(s: Haushaltsspalten, trace: Trace) -> Mitglieder:
    beruecksichtigt = ~s.ausgeschlossen
    n = s.anzahl_je_haushalt(np.ones_like(beruecksichtigt))
    k = s.anzahl_je_haushalt(beruecksichtigt)
    trace.schritt("n", Norm("WoGG", "5", absatz=1), "Anzahl der Haushaltsmitglieder", n)
    if trace.aktiv and not beruecksichtigt.all():
        trace.schritt(
            "ausgeschlossen",
            Norm("WoGG", "7", absatz=1),
            "Vom Wohngeld ausgeschlossen (Empfang einer Transferleistung mit Kosten der Unterkunft "
            "oder bei deren Berechnung berücksichtigt)",
            ", ".join(trace.person_ids[i] for i in np.flatnonzero(~beruecksichtigt)),
        )
    trace.schritt("k", Norm("WoGG", "6", absatz=1), "Anzahl der zu berücksichtigenden Haushaltsmitglieder", k)
    return Mitglieder(n, k, beruecksichtigt)


@REGELN.regel("wohngeld.vermoegen", Norm("WoGG", "21", nummer="3"), WOHNGELD_PLUS, auslegungen=("A-0061",))
def vermoegen_zu_hoch(s: Haushaltsspalten, w: WohngeldWerte, m: Mitglieder, trace: Trace) -> B:
    """§ 21 Nr. 3: no Wohngeld if claiming it would be abusive because of erhebliches Vermögen; per household
    the Vermögen of the considered members against 60 000 € + 30 000 € per further considered member
    (Nr. 21.37 WoGVwV, a Verwaltungsvorschrift; A-0061). Exactly at the limit is not above it."""
    summe = s.je_haushalt(np.where(m.beruecksichtigt, s.vermoegen, 0))
    grenze = w.vermoegen_erstes + w.vermoegen_weiteres * np.maximum(m.k - 1, 0)
    zu_hoch: B = (m.k > 0) & (summe > grenze)
    if trace.aktiv:
        norm = Norm("WoGG", "21", nummer="3")
        trace.schritt("vermoegen", norm, "Vermögen der zu berücksichtigenden Haushaltsmitglieder", summe,
                      cent_als_euro)  # fmt: skip
        trace.schritt("vermoegen_grenze", norm, "Grenze für erhebliches Vermögen (Nr. 21.37 WoGVwV)", grenze,
                      cent_als_euro)  # fmt: skip
        if zu_hoch[trace.index]:
            trace.schritt(
                "vermoegen_zu_hoch",
                norm,
                "Kein Wohngeld: Die Inanspruchnahme wäre wegen erheblichen Vermögens missbräuchlich",
                "ja",
            )
    return zu_hoch
