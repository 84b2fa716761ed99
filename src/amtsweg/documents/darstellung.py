"""How a reading result is shown to staff: an unrecognised type is said as such (with the top candidates,
never one type name with a low percentage), and fields below the review threshold are marked "bitte prüfen"
and not pre-filled."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from amtsweg.documents.modelle import Dokumentauswertung, Feldvorschlag
from amtsweg.documents.plausibilitaet import Abweichung, pruefe_plausibilitaet
from amtsweg.documents.plausibilitaet import Nachweis as Beleg
from amtsweg.documents.verarbeitung import MIN_TYP_KONFIDENZ

#: shown (calibrated) field confidence below which a proposal is "bitte prüfen": its value is not offered
#: for one-click confirmation and not pre-filled in the correction field. Chosen on out-of-fold predictions
#: of the real-style tuning split (docs/benchmarks/dokumente-real.md): below 0.85 were 32 of 35 wrong and
#: 32 of 173 right proposals (below 0.6: 23 of 35 wrong) - on unfamiliar styles the confidence runs high.
PRUEFEN_UNTER = 0.85


def typ_erkannt(auswertung: Dokumentauswertung) -> bool:
    """A type counts as recognised only at or above the type threshold and if it is a Nachweis type."""
    return (
        bool(auswertung.typ) and auswertung.typ != "sonstiges" and auswertung.konfidenz >= MIN_TYP_KONFIDENZ
    )


def typkandidaten(
    auswertung: Dokumentauswertung, typnamen: dict[str, str], n: int = 3
) -> list[tuple[str, int]]:
    """The ``n`` most likely Nachweis types (German name, percent), for an unrecognised document."""
    verteilung = {k: float(v) for k, v in (auswertung.verteilung or {}).items() if k != "sonstiges"}
    oben = sorted(verteilung.items(), key=lambda kv: -kv[1])[:n]
    return [(typnamen.get(k, k), round(v * 100)) for k, v in oben]


def bitte_pruefen(vorschlag: Feldvorschlag) -> bool:
    return vorschlag.konfidenz < PRUEFEN_UNTER


def abgleich(antrag: Mapping[str, Any], nachweise: Sequence[Any]) -> list[Abweichung]:
    """Differences between the Antrag and the values read from the Nachweise (``pruefstelle.Nachweis``):
    decided values as decided, open proposals as read (rejected ones are left out), each with both figures
    and the norm (``plausibilitaet``)."""
    belege = []
    for n in nachweise:
        a = n.auswertung
        if a is None or a.fehler or not typ_erkannt(a):
            continue
        felder = {}
        for v in a.vorschlaege:
            if v.status == "abgelehnt":
                continue
            felder[v.feld] = v.entschiedener_wert if v.status != "offen" else v.wert
        belege.append(Beleg(a.typ, felder, n.dokument.dateiname))
    return pruefe_plausibilitaet(antrag, belege)
