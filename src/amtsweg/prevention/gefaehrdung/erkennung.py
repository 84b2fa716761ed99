"""Recognise activities and key figures in a free-text site description (German keyword/stem matching).

The result is a proposal shown to the user for confirmation; nothing is decided from the text alone.
Matching: the text is lower-cased and transliterated (ä -> ae, ß -> ss); a stem matches a word that starts
with it, or - for stems of at least 5 letters - a compound that contains it ("Fassadengerüst"). A match
preceded within three words by "kein/keine/ohne/nicht" counts as negated and is reported but not proposed.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from amtsweg.prevention.gefaehrdung.wissensbasis import Wissensbasis, lade_wissensbasis

VERNEINUNG = {"kein", "keine", "keinen", "keiner", "ohne", "nicht", "nie"}
_WORT = re.compile(r"[a-z0-9]+(?:[.,][0-9]+)?")
_ZAHL = r"(\d+(?:[.,]\d+)?)"


def normalisiere(text: str) -> str:
    ersatz = {"ä": "ae", "ö": "oe", "ü": "ue", "ß": "ss", "é": "e"}
    klein = text.lower()
    return "".join(ersatz.get(z, z) for z in klein)


@dataclass(frozen=True, slots=True)
class Treffer:
    taetigkeit: str
    name: str
    woerter: tuple[str, ...]  # words of the text that matched (normalised)
    verneint: bool = False


@dataclass(slots=True)
class Erkennung:
    treffer: list[Treffer] = field(default_factory=list)
    werte: dict[str, float] = field(default_factory=dict)  # proposed form values

    @property
    def vorgeschlagen(self) -> list[str]:
        return [t.taetigkeit for t in self.treffer if not t.verneint]


def _passt(wort: str, stamm: str) -> bool:
    return wort.startswith(stamm) or (len(stamm) >= 5 and stamm in wort)


def _zahl(text: str) -> float:
    return float(text.replace(",", "."))


_MUSTER: dict[str, list[str]] = {
    "absturzhoehe_m": [
        rf"{_ZAHL}\s*(?:m|meter)\b[^.;\d]{{0,25}}?(?:hoch|hoehe|absturz|ueber (?:dem )?boden)",
        rf"(?:hoehe|absturzhoehe|traufhoehe|arbeitshoehe)\s*(?:von|:)?\s*(?:ca\.?|etwa|rund)?\s*{_ZAHL}\s*(?:m|meter)\b",
    ],
    "grabentiefe_m": [
        rf"{_ZAHL}\s*(?:m|meter)\b[^.;\d]{{0,20}}?tief",
        rf"(?:tiefe|grabentiefe|aushubtiefe)\s*(?:von|:)?\s*(?:ca\.?|etwa|rund)?\s*{_ZAHL}\s*(?:m|meter)\b",
    ],
    "beschaeftigte_gleichzeitig": [
        rf"{_ZAHL}\s*(?:beschaeftigte|mitarbeiter|mitarbeitende|arbeiter|arbeitnehmer|personen|leute|monteure)",
    ],
    "arbeitstage": [rf"{_ZAHL}\s*(?:arbeitstage|arbeitstagen|tage|tagen)\b"],
    "wochen": [rf"{_ZAHL}\s*(?:wochen|woche)\b"],
    "personentage": [rf"{_ZAHL}\s*personentage"],
}


def _werte(text: str) -> dict[str, float]:
    werte: dict[str, float] = {}
    for feld, muster in _MUSTER.items():
        for m in muster:
            treffer = re.search(m, text)
            if treffer:
                werte[feld] = _zahl(treffer.group(1))
                break
    if "arbeitstage" not in werte and "wochen" in werte:
        werte["arbeitstage"] = werte["wochen"] * 5  # five working days per week
    werte.pop("wochen", None)
    return werte


def erkenne(text: str, wissensbasis: Wissensbasis | None = None) -> Erkennung:
    """Activities and figures recognised in ``text`` (a proposal to confirm)."""
    wb = wissensbasis or lade_wissensbasis()
    norm = normalisiere(text)
    woerter = _WORT.findall(norm)
    ergebnis = Erkennung(werte=_werte(norm))
    for t in wb.waehlbar():
        gefunden: list[str] = []
        verneint_alle = True
        for i, wort in enumerate(woerter):
            if any(_passt(wort, s) for s in t.stichwoerter):
                gefunden.append(wort)
                davor = set(woerter[max(0, i - 3) : i])
                verneint_alle = verneint_alle and bool(davor & VERNEINUNG)
        if gefunden:
            ergebnis.treffer.append(
                Treffer(t.id, t.name, tuple(dict.fromkeys(gefunden)), verneint=verneint_alle)
            )
    # A measured height implies work at height; a depth implies a trench, even without a keyword.
    ids = {t.taetigkeit for t in ergebnis.treffer}
    if "grabentiefe_m" in ergebnis.werte and "baugruben_graeben" not in ids:
        ergebnis.treffer.append(
            Treffer("baugruben_graeben", wb.taetigkeiten["baugruben_graeben"].name, ("tief",))
        )
    return ergebnis
