"""§§ 9-12 WoGG: the zu berücksichtigende Miete oder Belastung M.

M = min(Miete, Höchstbetrag + Klimakomponente) + Heizkosten-Gesamtbetrag (§ 11 Abs. 1, § 12 Abs. 1, 6, 7).
With excluded members each of the three amounts is looked up for all n members and taken with the
share k/n (§ 11 Abs. 3, Auslegung A-0008). For more than 12 members the amounts for 12 apply (A-0009).
"""

from __future__ import annotations

import numpy as np
import numpy.typing as npt

from amtsweg.rules.engine.geld import cent_als_euro, teile_kaufmaennisch
from amtsweg.rules.engine.norm import Norm
from amtsweg.rules.engine.trace import Trace
from amtsweg.rules.haushalt.spalten import Haushaltsspalten
from amtsweg.rules.wohngeld.haushalt import Mitglieder
from amtsweg.rules.wohngeld.regeln import REGELN, WOHNGELD_PLUS
from amtsweg.rules.wohngeld.werte import MAX_TABELLE, WohngeldWerte

I64 = npt.NDArray[np.int64]


@REGELN.regel("wohngeld.miete", Norm("WoGG", "11", absatz=1), WOHNGELD_PLUS, auslegungen=("A-0008", "A-0009"))
def zu_beruecksichtigende_miete(s: Haushaltsspalten, w: WohngeldWerte, m: Mitglieder, trace: Trace) -> I64:
    """M in cents per household, before the minimum of Anlage 3."""
    tabelle_n = np.minimum(m.n, MAX_TABELLE)
    hoechst = w.hoechstbetrag[tabelle_n, s.mietstufe]
    klima = w.klima[tabelle_n]
    heiz = w.heizkosten[tabelle_n]
    n = np.maximum(m.n, 1)

    def anteil(betrag: I64) -> I64:
        return teile_kaufmaennisch(betrag * m.k, n)

    gedeckelt = np.minimum(anteil(s.kosten), anteil(hoechst + klima))
    ergebnis = gedeckelt + anteil(heiz)
    if trace.aktiv:
        i = trace.index
        art = "Belastung" if s.eigentum[i] else "Miete"
        trace.schritt("mietstufe", Norm("WoGG", "12", absatz=1), "Mietenstufe", s.mietstufe)
        trace.schritt(
            "kosten",
            Norm("WoGG", "10" if s.eigentum[i] else "9", absatz=1),
            f"Monatliche {art} (ohne Heizkosten)",
            s.kosten,
            cent_als_euro,
        )
        trace.schritt("hoechstbetrag", Norm("WoGG", anlage="1"), "Höchstbetrag", hoechst, cent_als_euro)
        trace.schritt(
            "klima",
            Norm("WoGG", "12", absatz=7),
            "Klimakomponente (erhöht den Höchstbetrag)",
            klima,
            cent_als_euro,
        )
        if m.k[i] != m.n[i]:
            trace.schritt(
                "anteil",
                Norm("WoGG", "11", absatz=3),
                "Anteil der zu berücksichtigenden an allen Haushaltsmitgliedern",
                f"{m.k[i]}/{m.n[i]}",
            )
        trace.schritt(
            "miete_gedeckelt",
            Norm("WoGG", "11", absatz=1),
            f"Zu berücksichtigende {art} bis zum Höchstbetrag",
            gedeckelt,
            cent_als_euro,
        )
        trace.schritt(
            "heizkosten", Norm("WoGG", "12", absatz=6), "Heizkosten-Gesamtbetrag", anteil(heiz), cent_als_euro
        )
        trace.schritt(
            "M", Norm("WoGG", "11", absatz=1), f"Zu berücksichtigende {art} M", ergebnis, cent_als_euro
        )
    return ergebnis
