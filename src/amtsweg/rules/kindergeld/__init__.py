"""Kindergeld (§§ 62-66 EStG, § 6 BKGG)."""

from amtsweg.rules.kindergeld.berechnung import berechne_kindergeld, kindergeld_je_person

__all__ = ["berechne_kindergeld", "kindergeld_je_person"]
