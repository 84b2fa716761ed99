"""§§ 5-8 WoGG: Haushaltsmitglieder, zu berücksichtigende Mitglieder and the exclusion of
recipients of transfer benefits (§ 7)."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import numpy.typing as npt

from amtsweg.rules.engine.norm import Norm
from amtsweg.rules.engine.trace import Trace
from amtsweg.rules.haushalt.spalten import Haushaltsspalten
from amtsweg.rules.wohngeld.regeln import REGELN, WOHNGELD_PLUS

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
