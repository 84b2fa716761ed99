"""Arithmetic cross-checks between the fields of one document, used to choose values and to set confidence.

Documents state relations that hold whatever the layout: a payslip's gesetzliches Netto is Brutto minus
Steuern minus Sozialversicherung; a pension's Zahlbetrag is the Rente minus the KV/PV-Beitrag; a rent's total
is Kaltmiete plus Nebenkosten plus Heizkosten. Per relation the reader's top candidates of every field are
combined; a combination that adds up (to the cent) is preferred over the independently best values if it is
not much less likely. A field that is printed only as parts (KV and PV on separate lines; the
Sozialversicherung as four contributions) is derived from the relation when the derived amount equals a run
of consecutive printed amounts. The outcome per field ("stimmig", "unstimmig", "abgeleitet" or unchecked)
is a feature of the calibrated confidence.
"""

from __future__ import annotations

import itertools
import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from decimal import Decimal

#: one relation: sum(plus) - sum(minus) == ergebnis (amount fields)
Relation = tuple[tuple[str, ...], tuple[str, ...], str]

RELATIONEN: dict[str, tuple[Relation, ...]] = {
    "lohnabrechnung": ((("brutto",), ("steuer", "sozialversicherung"), "netto"),),
    "rentenbescheid": ((("rentenbetrag",), ("kv_pv_beitrag",), "zahlbetrag"),),
    "mietbescheinigung": ((("kaltmiete", "nebenkosten", "heizkosten"), (), "gesamtmiete"),),
    "mietvertrag": ((("kaltmiete", "nebenkosten", "heizkosten"), (), "gesamtmiete"),),
}
#: fields that may be derived from their relation although no single printed amount equals them, and the
#: condition: "teile" = the derived amount must equal a run of consecutive printed amounts, "immer" = the
#: field is by definition the relation's result (a rent's total need not be printed)
ABLEITBAR = {
    "kv_pv_beitrag": "teile",
    "sozialversicherung": "teile",
    "steuer": "teile",
    "gesamtmiete": "immer",
}
#: a consistent combination is preferred if its log-likelihood is at most this much below the best one's
TOLERANZ_LOG = 6.0
TOLERANZ = Decimal("0.01")
K = 5


@dataclass(frozen=True, slots=True)
class Wahl:
    wert: str
    p: float  # model probability of the candidate value (0..1)


@dataclass(frozen=True, slots=True)
class Ergebnis:
    werte: dict[str, str]  # field -> chosen value (changed or derived fields included)
    status: dict[str, str]  # field -> "stimmig" | "unstimmig" | "abgeleitet"
    abgeleitet: dict[str, str]  # derived field -> German explanation


def _wert(relation: Relation, belegung: Mapping[str, Decimal]) -> Decimal:
    plus, minus, _ = relation
    return sum((belegung[f] for f in plus), Decimal(0)) - sum((belegung[f] for f in minus), Decimal(0))


def _passt(relation: Relation, belegung: Mapping[str, Decimal]) -> bool:
    return abs(_wert(relation, belegung) - belegung[relation[2]]) <= TOLERANZ


def _log(p: float) -> float:
    return math.log(max(p, 1e-6))


def _loese(relation: Relation, feld: str, belegung: Mapping[str, Decimal]) -> Decimal:
    """The value of ``feld`` that makes the relation hold, given all other fields."""
    plus, _, ergebnis = relation
    if feld == ergebnis:
        return _wert(relation, belegung)
    rest = {**belegung, feld: Decimal(0)}
    differenz = belegung[ergebnis] - _wert(
        relation, rest
    )  # plus-part: f = e - (others); minus: f = others - e
    return differenz if feld in plus else -differenz


def pruefe(
    typ: str,
    ranglisten: Mapping[str, Sequence[Wahl]],
    summen: set[Decimal] | frozenset[Decimal] = frozenset(),
) -> Ergebnis:
    """Choose values per relation of ``typ`` from the candidates (best first) and report each field's status.
    ``summen``: sums of runs of consecutive printed amounts (``rechnung.Rechnung.summen``)."""
    werte: dict[str, str] = {}
    status: dict[str, str] = {}
    abgeleitet: dict[str, str] = {}
    for relation in RELATIONEN.get(typ, ()):
        felder = (*relation[0], *relation[1], relation[2])
        listen = {f: [w for w in ranglisten.get(f, ())[:K] if _dezimal(w.wert) is not None] for f in felder}
        besetzt = [f for f in felder if listen[f]]
        beste = sum(_log(listen[f][0].p) for f in besetzt)
        if len(besetzt) == len(felder):
            wahl = _beste_kombination(relation, felder, listen)
            if wahl is not None and wahl[0] >= beste - TOLERANZ_LOG:
                for f, w in wahl[1].items():
                    werte[f], status[f] = w.wert, "stimmig"
                continue
        # derive one field from the others (best candidates), if allowed for it
        for feld in felder:
            bedingung = ABLEITBAR.get(feld)
            andere = [f for f in felder if f != feld]
            if bedingung is None or not all(listen[f] for f in andere):
                continue
            belegung = {f: Decimal(str(_dezimal(listen[f][0].wert))) for f in andere}
            loesung = _loese(relation, feld, {**belegung, feld: Decimal(0)})
            if loesung <= 0 or (bedingung == "teile" and loesung not in summen):
                continue
            if listen[feld] and Decimal(listen[feld][0].wert) == loesung:
                continue  # the printed value is already consistent (handled above)
            for f in andere:
                werte[f], status[f] = listen[f][0].wert, "stimmig"
            werte[feld], status[feld] = f"{loesung:.2f}", "abgeleitet"
            abgeleitet[feld] = _erklaerung(relation, feld, belegung)
            break
        else:
            if len(besetzt) == len(felder):
                for f in felder:
                    status[f] = "unstimmig"
    return Ergebnis(werte, status, abgeleitet)


def _erklaerung(relation: Relation, feld: str, belegung: Mapping[str, Decimal]) -> str:
    plus, minus, ergebnis = relation

    def euro(wert: Decimal) -> str:
        return f"{wert:,.2f}".replace(",", "X").replace(".", ",").replace("X", ".")

    if feld == ergebnis:
        teile = " + ".join(euro(belegung[f]) for f in plus)
        teile += "".join(f" − {euro(belegung[f])}" for f in minus)
        return f"berechnet: {teile}"
    andere_plus = [f for f in plus if f != feld]
    andere_minus = [f for f in minus if f != feld]
    if feld in minus:
        text = " + ".join(euro(belegung[f]) for f in plus)
        text += "".join(f" − {euro(belegung[f])}" for f in andere_minus)
        return f"berechnet: {text} − {euro(belegung[ergebnis])} (im Dokument nur in Teilbeträgen gedruckt)"
    text = euro(belegung[ergebnis]) + "".join(f" + {euro(belegung[f])}" for f in andere_minus)
    text += "".join(f" − {euro(belegung[f])}" for f in andere_plus)
    return f"berechnet: {text}"


def _dezimal(wert: str) -> Decimal | None:
    try:
        return Decimal(wert)
    except ArithmeticError:
        return None


def _beste_kombination(
    relation: Relation, felder: tuple[str, ...], listen: Mapping[str, Sequence[Wahl]]
) -> tuple[float, dict[str, Wahl]] | None:
    beste: tuple[float, dict[str, Wahl]] | None = None
    for kombination in itertools.product(*(listen[f] for f in felder)):
        belegung = {f: Decimal(w.wert) for f, w in zip(felder, kombination, strict=True)}
        if not _passt(relation, belegung):
            continue
        punkte = sum(_log(w.p) for w in kombination)
        if beste is None or punkte > beste[0]:
            beste = (punkte, dict(zip(felder, kombination, strict=True)))
    return beste
