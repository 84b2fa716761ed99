"""Sofortzuschlag (§ 72 SGB II): an additional monthly claim of children with Regelbedarfsstufe 3 to 6.

It is no Bedarf and no income: it plays no part in the Hilfebedürftigkeit test, the Bedarfsanteilsmethode
or the Vorrangprüfung (A-0060). Nr. 1 of Satz 2 (only a claim to Bildung und Teilhabe) is not modelled:
the input has no BuT claims.
"""

from __future__ import annotations

import numpy as np
import numpy.typing as npt

from amtsweg.rules.engine.geld import cent_als_euro
from amtsweg.rules.engine.norm import Norm
from amtsweg.rules.engine.trace import Trace
from amtsweg.rules.grundsicherung.regeln import BUERGERGELD, REGELN
from amtsweg.rules.grundsicherung.werte import GrundsicherungsWerte
from amtsweg.rules.haushalt.spalten import Haushaltsspalten

I64 = npt.NDArray[np.int64]
B = npt.NDArray[np.bool_]
SGB2 = "SGB II"


@REGELN.regel(
    "grundsicherung.sofortzuschlag", Norm(SGB2, "72", absatz=1), BUERGERGELD, auslegungen=("A-0060",)
)
def sofortzuschlag(
    s: Haushaltsspalten,
    w: GrundsicherungsWerte,
    stufe: I64,
    anteil: I64,
    zahlbar: B,
    kindergeld: I64,
    eigen: I64,
    bedarf_roh: I64,
    rest: I64,
    ueberschuss: I64,
    ungedeckt_bg: I64,
    trace: Trace,
) -> I64:
    """Per person: Satz 1 (own claim with Stufe 3-6) or Satz 2 Nr. 2 (no claim only because of Kindergeld).

    ``anteil``: the person's claim after § 9 Abs. 2 Satz 3; ``ungedeckt_bg`` per household:
    the BG's Restbedarf minus the parents' income (before the cap at 0). Nr. 2 is tested per child by
    removing only that child's Kindergeld: its Restbedarf grows to ``bedarf_roh - (eigen - kindergeld)``
    (it returns to the BG if it had left it, § 7 Abs. 3 Nr. 4) and the parents lose the Kindergeld surplus
    they were credited with (§ 11 Abs. 1 Satz 5); Vermögen and eLb as in the actual BG (A-0060).
    """
    stufe_3_bis_6 = (stufe >= 3) & (stufe <= 6)
    satz_1 = stufe_3_bis_6 & (anteil > 0)
    rest_ohne = bedarf_roh - (eigen - kindergeld)
    ungedeckt = ungedeckt_bg[s.haushalt] - rest + rest_ohne + ueberschuss
    nr_2 = (
        stufe_3_bis_6 & ~satz_1 & (kindergeld > 0) & (rest_ohne > 0) & zahlbar[s.haushalt] & (ungedeckt > 0)
    )
    ergebnis: I64 = np.where(satz_1 | nr_2, w.sofortzuschlag, 0).astype(np.int64)
    if trace.aktiv:
        trace.je_person(
            "sofortzuschlag",
            Norm(SGB2, "72", absatz=1),
            "Sofortzuschlag (zusätzlicher Anspruch, kein Bedarf)",
            ergebnis,
            cent_als_euro,
            nur_wenn=ergebnis > 0,
        )
        if nr_2[: len(trace.person_ids)].any():
            ids = trace.person_ids
            trace.schritt(
                "sofortzuschlag_kindergeld",
                Norm(SGB2, "72", absatz=1, satz=2, nummer="2"),
                "Sofortzuschlag ohne eigenen Anspruch, weil nur das Kindergeld die Hilfebedürftigkeit "
                "beseitigt",
                ", ".join(ids[i] for i in range(len(ids)) if nr_2[i]),
            )
    return ergebnis
