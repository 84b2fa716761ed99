"""Kinderzuschlag (§ 6a BKGG)."""

from amtsweg.rules.kinderzuschlag.berechnung import (
    Kinderzuschlagergebnis,
    berechne_kinderzuschlag,
    berechne_spalten,
)

__all__ = ["Kinderzuschlagergebnis", "berechne_kinderzuschlag", "berechne_spalten"]
