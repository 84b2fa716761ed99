"""Gefährdungsbeurteilungs-Assistent für Baustellen: Wissensbasis, Schwellenregeln, Texterkennung,
Beurteilung in sieben Schritten, PDF und Besuchsbogen."""

from amtsweg.prevention.gefaehrdung.besuchsbogen import Besuchsbogen, erstelle_besuchsbogen
from amtsweg.prevention.gefaehrdung.beurteilung import Gefaehrdungsbeurteilung, beurteile
from amtsweg.prevention.gefaehrdung.eingabe import Baustelle, baustelle_aus_dict
from amtsweg.prevention.gefaehrdung.erkennung import erkenne
from amtsweg.prevention.gefaehrdung.wissensbasis import lade_wissensbasis

__all__ = [
    "Baustelle",
    "Besuchsbogen",
    "Gefaehrdungsbeurteilung",
    "baustelle_aus_dict",
    "beurteile",
    "erkenne",
    "erstelle_besuchsbogen",
    "lade_wissensbasis",
]
