"""``amtsweg batch``: benefits for a columnar file with one row per person (format: docs/batch.md).

Reading and converting columns lives here; the computation is the same vectorised rule code that
serves a single household.
"""

from amtsweg.batch.datei import berechne_datei, schreibe_tabelle
from amtsweg.batch.eingabe import BatchFehler, lies_tabelle, spalten_aus_tabelle
from amtsweg.batch.rechnen import LEISTUNGEN, berechne_parallel, berechne_tabelle

__all__ = [
    "LEISTUNGEN",
    "BatchFehler",
    "berechne_datei",
    "berechne_parallel",
    "berechne_tabelle",
    "lies_tabelle",
    "schreibe_tabelle",
    "spalten_aus_tabelle",
]
