"""Grundsicherung für Arbeitsuchende (SGB II): Bürgergeld, from 2026-07-01 Grundsicherungsgeld."""

from amtsweg.rules.grundsicherung.berechnung import (
    Grundsicherungsergebnis,
    berechne_grundsicherung,
    berechne_spalten,
)
from amtsweg.rules.grundsicherung.kdu_tabelle import KduTabelle, lade_kdu_tabelle

__all__ = [
    "Grundsicherungsergebnis",
    "KduTabelle",
    "berechne_grundsicherung",
    "berechne_spalten",
    "lade_kdu_tabelle",
]
