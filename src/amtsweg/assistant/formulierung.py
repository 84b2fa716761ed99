"""Readable answer sentences from a law passage (Absatz): no "(5)" markers, no sentence numbers, no
fragments ending in "wenn"/"dass"/"bei", enumerations kept with their lead sentence.

The law text is quoted, not paraphrased: the chosen sentence is the one that covers the question best
(idf-weighted), preferring sentences with a figure when the question asks for an amount, a period or a
deadline. The full passage stays available via the source link.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence

_ABSATZ_MARKE = re.compile(r"^\s*\(\d+[a-z]?\)\s*")
_SATZNUMMER = re.compile(r"[¹²³⁴⁵⁶⁷⁸⁹⁰]+")
_AUFZAEHLUNG = re.compile(r"^\s*(\d+[a-z]?\.|[a-z]{1,2}\))\s")
_ENDE_OFFEN = re.compile(
    r"(?:\b(?:wenn|dass|ob|weil|sowie|bei|oder|und|für|von|nach|mit|soweit|sofern|falls|wer|der|die|das"
    r"|des|dem|den|ein|eine|einer|zu|zur|zum|in|im|an|auf|als|insbesondere|folgende[nrs]?)|[,;:–-])\s*$",
    re.IGNORECASE,
)
_FRAGE_NACH_ZAHL = re.compile(
    r"wie ?viel|wie hoch|wie lange|bis wann|ab wann|wann|frist|höhe|betrag|prozent|alter|wie alt|monate?\b",
    re.IGNORECASE,
)
_ZAHL = re.compile(
    r"\d|\b(ein|zwei|drei|vier|fünf|sechs|sieben|acht|neun|zehn|elf|zwölf|zwanzig|dreißig|hälfte|"
    r"drittel|viertel|zwölftel)\b",
    re.IGNORECASE,
)
_GESCHLOSSEN = re.compile(r"[.!?]\s*$")
MAX_ZEICHEN = 700
ERSTER_SATZ_BONUS = 0.1


def _zeilen(text: str) -> list[str]:
    text = _SATZNUMMER.sub("", text)
    zeilen = [z.strip() for z in text.split("\n") if z.strip() and not set(z.strip()) <= set("|-: ")]
    # Absatz markers also occur inside a passage ("(4a)" after "(4)")
    zeilen = [_ABSATZ_MARKE.sub("", z) for z in zeilen]
    return [" ".join(z.replace("|", " ").split()) for z in zeilen if z]


def bloecke(text: str) -> list[str]:
    """Paragraph text -> blocks: a sentence line together with the enumeration items that complete it."""
    ergebnis: list[str] = []
    for zeile in _zeilen(text):
        if ergebnis and (_AUFZAEHLUNG.match(zeile) or not _GESCHLOSSEN.search(ergebnis[-1])):
            ergebnis[-1] = f"{ergebnis[-1]} {zeile}"
        else:
            ergebnis.append(zeile)
    return ergebnis


def saetze_lesbar(text: str, teile: Callable[[str], list[str]]) -> list[str]:
    """Complete sentences of a passage (``teile`` is the sentence splitter of the index)."""
    ergebnis: list[str] = []
    for block in bloecke(text):
        for satz in teile(block):
            if ergebnis and not _GESCHLOSSEN.search(ergebnis[-1]):
                ergebnis[-1] = f"{ergebnis[-1]} {satz}"
            else:
                ergebnis.append(satz)
    return [s for s in (abschliessen(s) for s in ergebnis) if s]


def abschliessen(satz: str) -> str:
    """Trim to a readable length and make sure the sentence ends as a sentence."""
    satz = " ".join(satz.split())
    if len(satz) > MAX_ZEICHEN:
        schnitt = satz[:MAX_ZEICHEN]
        # cut after the last complete enumeration item or clause
        stelle = max(schnitt.rfind(", "), schnitt.rfind("; "))
        satz = schnitt[:stelle] if stelle > 200 else schnitt.rsplit(" ", 1)[0]
        while _ENDE_OFFEN.search(satz):
            neu = re.sub(r"\s*(\S+)\s*$", "", satz) if not re.search(r"[,;:–-]\s*$", satz) else satz
            neu = re.sub(r"[,;:–-]\s*$", "", neu).rstrip()
            if neu == satz or len(neu) < 40:
                break
            satz = neu
        satz = satz.rstrip(" ,;:–-") + " …"
    while _ENDE_OFFEN.search(satz) and not satz.endswith("…") and len(satz) > 40:
        satz = re.sub(r"[\s,;:–-]*\S+[\s,;:–-]*$", "", satz)
        if not _ENDE_OFFEN.search(satz):
            satz += " …"
    if _ENDE_OFFEN.search(satz) and not satz.endswith("…"):
        return ""
    if not satz.endswith((".", "!", "?", "…", ")")):
        satz += "."
    return satz[0].upper() + satz[1:] if satz else satz


def waehle_satz(
    frage: str,
    saetze: Sequence[str],
    abdeckung: Callable[[str], float],
) -> tuple[int, float]:
    """Index and coverage of the best sentence; a figure wins ties when the question asks for one."""
    if not saetze:
        return -1, 0.0
    # the first sentence of an Absatz usually states its rule: a small bonus
    werte = [abdeckung(s) + (ERSTER_SATZ_BONUS if i == 0 else 0.0) for i, s in enumerate(saetze)]
    beste = max(werte)
    if _FRAGE_NACH_ZAHL.search(frage):
        mit_zahl = [i for i, s in enumerate(saetze) if _ZAHL.search(s) and werte[i] >= 0.6 * beste]
        if mit_zahl:
            i = max(mit_zahl, key=lambda j: werte[j])
            return i, werte[i]
    i = max(range(len(saetze)), key=lambda j: werte[j])
    return i, werte[i]
