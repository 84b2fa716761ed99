"""Plugs the reading pipeline into the procedure: the full intake check for every upload and the reading job
after it is registered. Imported by the web app and the worker at start-up."""

from __future__ import annotations

from amtsweg.cases import ablage, dienste
from amtsweg.documents import auftraege, pruefung


def _pruefe(inhalt: bytes, max_groesse: int) -> None:
    pruefung.pruefe(inhalt, max_groesse=max_groesse)


def verbinde() -> None:
    """Register once (idempotent)."""
    if _pruefe not in ablage.PRUEFUNGEN:
        ablage.PRUEFUNGEN.append(_pruefe)
    if auftraege.dokument_einreihen not in dienste.NACH_UPLOAD:
        dienste.NACH_UPLOAD.append(auftraege.dokument_einreihen)
