"""Vorrangprüfung: Wohngeld and Kinderzuschlag versus Grundsicherungsgeld (§ 12a SGB II, § 7 WoGG,
§ 6a Abs. 1 Nr. 3 and Abs. 1a BKGG)."""

from amtsweg.rules.vorrang.berechnung import LEISTUNGEN, berechne
from amtsweg.rules.vorrang.pruefung import Vorrangergebnis, pruefe_spalten

__all__ = ["LEISTUNGEN", "Vorrangergebnis", "berechne", "pruefe_spalten"]
