"""Entry point for callers (web, API, CLI): answer a question and log it."""

from __future__ import annotations

from pathlib import Path

from amtsweg.assistant.antwort import Antwort, beantworte
from amtsweg.assistant.index import index_datei, lade_korpus
from amtsweg.assistant.protokoll import protokoll_datei, protokolliere_antwort

KEIN_INDEX = "Der Suchindex des Assistenten ist noch nicht aufgebaut (Befehl: amtsweg index)."


class KeinIndex(RuntimeError):
    pass


def frage_stellen(frage: str, kanal: str = "buerger", datenordner: Path | None = None) -> Antwort:
    """Answer from the stored corpus and append the privacy-friendly log entry."""
    korpus = lade_korpus(index_datei(datenordner))
    if korpus is None:
        raise KeinIndex(KEIN_INDEX)
    antwort = beantworte(frage, korpus)
    protokolliere_antwort(frage, antwort, kanal, protokoll_datei(datenordner))
    return antwort
