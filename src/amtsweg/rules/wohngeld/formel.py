"""§ 19 WoGG with Anlagen 2 and 3, and § 21 Nr. 1: the amount of Wohngeld.

Anlage 3 Nr. 2 computes z1..z4 as fixed-point numbers with ten decimals; whether the tenth decimal is
truncated or rounded is not stated. We truncate (Auslegung A-0010); ``ZEHNTE_STELLE`` names the choice
and tests check that the other one gives the same euro results on the official examples.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

import numpy as np
import numpy.typing as npt

from amtsweg.rules.engine.geld import (
    CENT,
    FESTKOMMA,
    cent_als_euro,
    festkomma_als_text,
    teile_abgeschnitten,
    teile_kaufmaennisch,
)
from amtsweg.rules.engine.norm import Norm
from amtsweg.rules.engine.trace import Trace
from amtsweg.rules.wohngeld.regeln import REGELN, WOHNGELD_PLUS
from amtsweg.rules.wohngeld.werte import MAX_TABELLE, WohngeldWerte

I64 = npt.NDArray[np.int64]
Zehntestelle = Literal["abschneiden", "runden"]
ZEHNTE_STELLE: Zehntestelle = "abschneiden"
#: Incomes above this are treated as this amount in the formula (the result is 0 either way);
#: it keeps every intermediate product inside int64.
Y_OBERGRENZE = 100_000 * CENT
CENT_JE_FESTKOMMA = FESTKOMMA // CENT


@dataclass(frozen=True, slots=True)
class Formelergebnis:
    betrag: I64  # Wohngeld in cents per month
    z4: I64


@REGELN.regel(
    "wohngeld.formel", Norm("WoGG", "19", absatz=1), WOHNGELD_PLUS, auslegungen=("A-0009", "A-0010", "A-0071")
)
def wohngeld_formel(
    miete: I64,
    einkommen: I64,
    k: I64,
    w: WohngeldWerte,
    trace: Trace,
    zehnte_stelle: Zehntestelle = ZEHNTE_STELLE,
) -> Formelergebnis:
    teile = teile_abgeschnitten if zehnte_stelle == "abschneiden" else teile_kaufmaennisch
    tabelle_k = np.clip(k, 1, MAX_TABELLE)
    m = np.maximum(miete, w.mindest_m[tabelle_k])
    y = np.minimum(np.maximum(einkommen, w.mindest_y[tabelle_k]), Y_OBERGRENZE)
    # a, b, c are fixed-point (1e-10); M and Y are cents (1e-2): products carry 1e-12 -> /100.
    z1 = w.a[tabelle_k] + teile(w.b[tabelle_k] * m, CENT) + teile(w.c[tabelle_k] * y, CENT)
    z2 = teile(z1 * y, CENT)
    z3 = m * CENT_JE_FESTKOMMA - z2
    z4 = teile(115 * z3, 100)
    euro = np.where(z4 > 0, (z4 + FESTKOMMA // 2) // FESTKOMMA, 0)
    betrag = euro * CENT
    # § 19 Abs. 3: 13th and further considered members, the total at most M; only a positive amount
    # computed under Abs. 1 and 2 is raised (A-0071).
    weitere = np.where(euro > 0, np.maximum(k - MAX_TABELLE, 0), 0)
    erhoehung = np.minimum(weitere * w.erhoehung_ab_13, np.maximum(miete - betrag, 0))
    betrag = betrag + erhoehung
    # § 21 Nr. 1: below the minimum amount nothing is paid; § 21 Nr. 2: all members excluded.
    betrag = np.where((betrag < w.mindestbetrag) | (k == 0), 0, betrag)
    if trace.aktiv:
        i = trace.index
        anlage3 = Norm("WoGG", anlage="3", nummer="1")
        trace.schritt("M_formel", anlage3, "M in der Formel (mindestens der Tabellenwert)", m, cent_als_euro)
        trace.schritt("Y_formel", anlage3, "Y in der Formel (mindestens der Tabellenwert)", y, cent_als_euro)
        trace.schritt(
            "abc",
            Norm("WoGG", anlage="2"),
            f"Werte a, b, c für {tabelle_k[i]} Haushaltsmitglieder",
            f"a = {festkomma_als_text(w.a[tabelle_k[i]])}; b = {festkomma_als_text(w.b[tabelle_k[i]])}; "
            f"c = {festkomma_als_text(w.c[tabelle_k[i]])}",
        )
        anlage3_2 = Norm("WoGG", anlage="3", nummer="2")
        for name, wert, text in (
            ("z1", z1, "z1 = a + b·M + c·Y"),
            ("z2", z2, "z2 = z1·Y"),
            ("z3", z3, "z3 = M − z2"),
            ("z4", z4, "z4 = 1,15·z3"),
        ):
            trace.schritt(name, anlage3_2, text, wert, festkomma_als_text)
        trace.schritt(
            "gerundet",
            Norm("WoGG", anlage="3", nummer="3"),
            "Auf volle Euro gerundet",
            euro * CENT,
            cent_als_euro,
        )
        if k[i] > MAX_TABELLE and euro[i] == 0:
            trace.schritt(
                "erhoehung_ab_13",
                Norm("WoGG", "19", absatz=3),
                "Keine Erhöhung für das 13. und jedes weitere Haushaltsmitglied: nach § 19 Abs. 1 und 2 "
                "ergibt sich kein Wohngeld, das erhöht werden könnte",
                erhoehung,
                cent_als_euro,
            )
        if weitere[i]:
            trace.schritt(
                "erhoehung_ab_13",
                Norm("WoGG", "19", absatz=3),
                "Erhöhung für das 13. und jedes weitere Haushaltsmitglied (höchstens bis zur Miete M)",
                erhoehung,
                cent_als_euro,
            )
        if k[i] == 0:
            trace.schritt(
                "alle_ausgeschlossen",
                Norm("WoGG", "21", nummer="2"),
                "Alle Haushaltsmitglieder sind vom Wohngeld ausgeschlossen; kein Wohngeld",
                betrag,
                cent_als_euro,
            )
        elif 0 < euro[i] * CENT + erhoehung[i] < w.mindestbetrag:
            trace.schritt(
                "mindestbetrag",
                Norm("WoGG", "21", nummer="1"),
                f"Wohngeld unter {cent_als_euro(w.mindestbetrag)} wird nicht geleistet",
                betrag,
                cent_als_euro,
            )
        trace.schritt("wohngeld", Norm("WoGG", "19", absatz=1), "Monatliches Wohngeld", betrag, cent_als_euro)
    return Formelergebnis(betrag, z4)
