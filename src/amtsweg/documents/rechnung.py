"""Arithmetic relations between the amounts of one document, as features for the field extractor.

Payslips, pension notices and rent certificates print totals and differences: "Summe Steuern" is the sum
of Lohnsteuer, Solidaritätszuschlag and Kirchensteuer printed just above it; a Zahlbetrag is a Rente minus
the KV/PV-Beitrag. Whether an amount is such a sum or difference of other amounts of the same document does
not depend on the layout's wording, so it carries over to unseen layouts better than label words do.
"""

from __future__ import annotations

from decimal import Decimal

from amtsweg.documents import funde
from amtsweg.documents.text import Seite

#: longest run of consecutive amounts considered as the parts of a printed sum
MAX_SUMMANDEN = 8


class Rechnung:
    """All amounts of a document in reading order, with the sums of consecutive runs and pairwise
    differences precomputed."""

    def __init__(self, seiten: list[Seite]) -> None:
        self.betraege: list[Decimal] = [
            Decimal(fund.wert)
            for seite in seiten
            for zeile in seite.zeilen
            for fund in funde.FINDER["betrag"](zeile.text)
        ]
        werte = self.betraege
        self.summen: set[Decimal] = set()
        for start in range(len(werte)):
            summe = werte[start]
            for ende in range(start + 1, min(len(werte), start + MAX_SUMMANDEN)):
                summe += werte[ende]
                if werte[ende] != 0 and werte[start] != 0:
                    self.summen.add(summe)
        positiv = sorted({w for w in werte if w > 0})
        self.differenzen: set[Decimal] = {a - b for a in positiv for b in positiv if a > b}
        self.anzahl: dict[Decimal, int] = {}
        for wert in werte:
            self.anzahl[wert] = self.anzahl.get(wert, 0) + 1

    def merkmale(self, wert: Decimal) -> dict[str, float]:
        """``ist_summe``: the amount equals a sum of >= 2 consecutive non-zero amounts of the document;
        ``ist_differenz``: it equals the difference of two other amounts; ``wiederholt``: printed more than
        once."""
        m: dict[str, float] = {}
        if wert > 0 and wert in self.summen:
            m["ist_summe"] = 1.0
        if wert > 0 and wert in self.differenzen:
            m["ist_differenz"] = 1.0
        if self.anzahl.get(wert, 0) > 1:
            m["wiederholt"] = 1.0
        return m
