"""Exact money: amounts are integers of cents (int64 arrays in kernels), parsed from decimal strings.

Rounding happens only where a norm says so, with the helpers below; there is no binary floating
point anywhere in the money path.
"""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal, InvalidOperation
from typing import Any

import numpy as np
import numpy.typing as npt

from amtsweg.rules.engine.fehler import Eingabefehler

Ganzzahlen = npt.NDArray[np.int64]

CENT = 100
#: Fixed point of Anlage 3 WoGG: "Festkommazahlen mit zehn Nachkommastellen".
FESTKOMMA = 10**10


def parse_cent(wert: Any, feld: str, *, negativ_erlaubt: bool = False) -> int:
    """Parse "1350.00", "1350,5", 1350 or 1350.5 into cents; more than two decimals is an error."""
    if isinstance(wert, bool) or wert is None:
        raise Eingabefehler(feld, "Betrag fehlt oder ist keine Zahl.")
    text = str(wert).strip().replace(" ", "")
    if isinstance(wert, str) and "," in text:
        text = text.replace(".", "").replace(",", ".")
    try:
        betrag = Decimal(text)
    except InvalidOperation:
        raise Eingabefehler(feld, f"„{wert}“ ist kein gültiger Geldbetrag (Beispiel: 470.00).") from None
    if not betrag.is_finite():
        raise Eingabefehler(feld, f"„{wert}“ ist kein gültiger Geldbetrag.")
    cent = betrag * CENT
    if cent != cent.to_integral_value():
        raise Eingabefehler(feld, f"„{wert}“ hat mehr als zwei Nachkommastellen.")
    if cent < 0 and not negativ_erlaubt:
        raise Eingabefehler(feld, "Der Betrag darf nicht negativ sein.")
    if abs(cent) >= 10**13:
        raise Eingabefehler(feld, "Der Betrag ist unrealistisch hoch.")
    return int(cent)


def cent_als_text(cent: int | np.integer[Any]) -> str:
    """Cents as a decimal string with two places: 8800 -> "88.00" (the JSON money format)."""
    wert = int(cent)
    vorzeichen = "-" if wert < 0 else ""
    euro, rest = divmod(abs(wert), CENT)
    return f"{vorzeichen}{euro}.{rest:02d}"


def cent_als_euro(cent: int | np.integer[Any]) -> str:
    """Cents in German notation for letters and traces: 135000 -> "1.350,00 €"."""
    wert = int(cent)
    vorzeichen = "-" if wert < 0 else ""
    euro, rest = divmod(abs(wert), CENT)
    return f"{vorzeichen}{euro:,}".replace(",", ".") + f",{rest:02d} €"


def festkomma_als_text(wert: int | np.integer[Any]) -> str:
    """A ten-decimal fixed-point integer as text: 1097525903523 -> "109,7525903523"."""
    zahl = int(wert)
    vorzeichen = "-" if zahl < 0 else ""
    ganz, rest = divmod(abs(zahl), FESTKOMMA)
    return f"{vorzeichen}{ganz},{rest:010d}"


def dezimal_als_festkomma(wert: Any, skala: int = FESTKOMMA) -> int:
    """An exact decimal (string in the parameter files) as an integer multiple of 1/skala."""
    betrag = Decimal(str(wert)) * skala
    if betrag != betrag.to_integral_value():
        raise ValueError(f"{wert} ist bei Skala {skala} nicht exakt darstellbar")
    return int(betrag)


def euro_als_cent(wert: Any) -> int:
    return dezimal_als_festkomma(wert, CENT)


def teile_abgeschnitten(zaehler: Ganzzahlen, nenner: int) -> Ganzzahlen:
    """Integer division truncating toward zero (Decimal ROUND_DOWN), elementwise."""
    quotient = np.abs(zaehler) // nenner
    return np.where(zaehler < 0, -quotient, quotient)


def teile_kaufmaennisch(zaehler: Ganzzahlen, nenner: int | Ganzzahlen) -> Ganzzahlen:
    """Integer division rounding half away from zero (kaufmännische Rundung), elementwise."""
    nenner_arr = np.asarray(nenner, dtype=np.int64)
    quotient = (2 * np.abs(zaehler) + nenner_arr) // (2 * nenner_arr)
    return np.where(zaehler < 0, -quotient, quotient)


def runde_kaufmaennisch(wert: Decimal, stellen: str = "0.01") -> Decimal:
    """Decimal reference rounding, used by tests and by the single-value helpers."""
    return wert.quantize(Decimal(stellen), rounding=ROUND_HALF_UP)
