"""Everyday words of citizens mapped to the vocabulary of the law texts (expansion of the indexed passages).

"Welche Unterlagen brauche ich für Wohngeld?" uses words the law does not ("Unterlagen"; the WoGG speaks
of Auskunft and Nachweis), and benefits are renamed ("Bürgergeld" is "Grundsicherungsgeld" in SGB II).
The list ``daten/alltagswoerter.tsv`` is written by the team (see its header).
"""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

from amtsweg.assistant.analyse import STOPPWOERTER, stamm, woerter

DATEI = Path(__file__).parent / "daten" / "alltagswoerter.tsv"


@lru_cache(maxsize=4)
def liste(datei: Path = DATEI) -> tuple[tuple[str, str], ...]:
    """(everyday phrase, comma-separated law terms) as written in the file."""
    eintraege: list[tuple[str, str]] = []
    for zeile in datei.read_text(encoding="utf-8").splitlines():
        if not zeile.strip() or zeile.startswith("#"):
            continue
        phrase, _, begriffe = zeile.partition("\t")
        eintraege.append((phrase.strip(), begriffe))
    return tuple(eintraege)


def _staemme(text: str) -> list[str]:
    """Stems of the whole words (no compound parts), without stop words."""
    return [stamm(w) for w in woerter(text) if w not in STOPPWOERTER and len(w) > 1]


def alltagsterme(datei: Path = DATEI) -> dict[str, tuple[str, ...]]:
    """Law term stem -> stems of the everyday phrases that mean it (for document expansion).

    Expanding the passages instead of the question keeps the question as the citizen wrote it, so its
    coverage (the answer and abstention signal) is not diluted by added words: "Unterlagen" is covered by a
    passage that says "Nachweis". Only single-word law terms are mapped."""
    rueck: dict[str, list[str]] = {}
    for phrase, begriffe in liste(datei):
        alltag = _staemme(phrase)
        for begriff in begriffe.split(","):
            fach = _staemme(begriff)
            if len(fach) != 1 or not alltag:
                continue
            ziel = rueck.setdefault(fach[0], [])
            ziel += [a for a in alltag if a not in ziel and a != fach[0]]
    return {k: tuple(v) for k, v in rueck.items() if v}
