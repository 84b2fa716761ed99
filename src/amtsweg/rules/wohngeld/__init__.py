"""Wohngeld nach dem Wohngeldgesetz (WoGG), Stichtage ab 2023-01-01."""

from amtsweg.rules.wohngeld.berechnung import berechne_spalten, berechne_wohngeld

__all__ = ["berechne_spalten", "berechne_wohngeld"]
