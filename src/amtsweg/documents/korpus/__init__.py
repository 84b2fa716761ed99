"""Synthetic corpus of German Nachweise with ground truth, for training and honest evaluation.

No public corpus of such documents exists; this generator builds one deterministically from a seed.
Layouts ``E``, ``F``, ``G`` and ``H`` of every type are held out (``HELD_OUT``): never use them for
development or training.
"""

from amtsweg.documents.korpus.daten import iban_pruefen
from amtsweg.documents.korpus.generator import VARIANTEN, Dokument, erzeuge, erzeuge_korpus
from amtsweg.documents.korpus.modell import HELD_OUT, LAYOUTS
from amtsweg.documents.typen import FELDER, TYPEN

__all__ = [
    "FELDER",
    "HELD_OUT",
    "LAYOUTS",
    "TYPEN",
    "VARIANTEN",
    "Dokument",
    "erzeuge",
    "erzeuge_korpus",
    "iban_pruefen",
]
