"""§§ 13-16 WoGG: Jahreseinkommen of each member (kept as monthly amounts, § 13 Abs. 2).

Order per person (Auslegung A-0001, A-0002, A-0070): gross income -> Werbungskosten-Pauschbeträge (§ 14
Abs. 1 WoGG with § 9a EStG; none on Minijob wages taxed at a flat rate under § 40a EStG, which count in
full under § 14 Abs. 1 Satz 3 Nr. 2 WoGG), Elterngeld above its exempt part (§ 14 Abs. 2 Nr. 6 WoGG,
§ 10 BEEG), the other § 14 Abs. 2 Einnahmen in full -> § 16 deduction of 10 % per expected
tax/contribution type, rounded to the cent.
"""

from __future__ import annotations

import numpy as np
import numpy.typing as npt

from amtsweg.rules.engine.geld import cent_als_euro, teile_kaufmaennisch
from amtsweg.rules.engine.norm import Norm
from amtsweg.rules.engine.trace import Trace
from amtsweg.rules.haushalt.spalten import ART, Haushaltsspalten
from amtsweg.rules.wohngeld.regeln import REGELN, WOHNGELD_PLUS
from amtsweg.rules.wohngeld.werte import WohngeldWerte

I64 = npt.NDArray[np.int64]


def arbeitnehmereinkommen(s: Haushaltsspalten) -> I64:
    """Gross Einnahmen aus Erwerbstätigkeit incl. pauschal besteuerter Minijob (§ 17 Nr. 4 WoGG)."""
    arbeit: I64 = s.brutto[ART["erwerbstaetigkeit"]] + s.brutto[ART["minijob"]]
    return arbeit


@REGELN.regel(
    "wohngeld.jahreseinkommen",
    Norm("WoGG", "14", absatz=1),
    WOHNGELD_PLUS,
    auslegungen=("A-0001", "A-0002", "A-0070"),
)
def jahreseinkommen(s: Haushaltsspalten, w: WohngeldWerte, trace: Trace) -> I64:
    """Monthly Jahreseinkommen per person after § 16 (cents)."""
    brutto = s.brutto
    # § 9a EStG applies to Einkünfte only; Minijob wages taxed under § 40a EStG are no Einkünfte (§ 40
    # Abs. 3 Satz 3 EStG) and count under § 14 Abs. 1 Satz 3 Nr. 2 WoGG less proven costs only (A-0070).
    arbeit = brutto[ART["erwerbstaetigkeit"]]
    rente = brutto[ART["rente"]]
    versorgung = brutto[ART["versorgungsbezuege"]]
    elterngeld = brutto[ART["elterngeld"]]
    werbungskosten = (
        np.minimum(arbeit, w.wk_arbeitnehmer)
        + np.minimum(rente, w.wk_rente)
        + np.minimum(versorgung, w.wk_versorgung)
    )
    elterngeld_frei = np.minimum(
        elterngeld, np.where(s.elterngeld_plus, w.elterngeld_plus_frei, w.elterngeld_frei)
    )
    einkuenfte = brutto.sum(axis=0) - werbungskosten - elterngeld_frei
    trace.je_person(
        "einkuenfte",
        Norm("WoGG", "14", absatz=1),
        "Einkommen nach Werbungskosten-Pauschbeträgen und anrechnungsfreiem Elterngeld",
        einkuenfte,
        cent_als_euro,
        nur_wenn=brutto.sum(axis=0) > 0,
    )
    prozent = 100 - w.abzug_prozent * s.anzahl_abzuege
    nach_abzug = teile_kaufmaennisch(einkuenfte * prozent, 100)
    if trace.aktiv:
        trace.je_person(
            "abzug_16",
            Norm("WoGG", "16", satz=1),
            "Pauschaler Abzug für Steuern und Pflichtbeiträge",
            [f"{w.abzug_prozent * int(a)} %" for a in s.anzahl_abzuege],
            nur_wenn=einkuenfte > 0,
        )
        trace.je_person(
            "jahreseinkommen",
            Norm("WoGG", "14", absatz=1),
            "Monatliches Einkommen nach § 16 WoGG",
            nach_abzug,
            cent_als_euro,
            nur_wenn=einkuenfte > 0,
        )
    return nach_abzug
