"""Name normalisation for the Mietstufe lookup: the keys under which official names and input are compared."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass

_UMLAUTE = str.maketrans({"ä": "ae", "ö": "oe", "ü": "ue", "ß": "ss"})
_UMLAUTE_EINFACH = str.maketrans({"ä": "a", "ö": "o", "ü": "u", "ß": "ss"})

# Abbreviations in the official list and in user input.
_ABKUERZUNGEN = {
    "st": "sankt",
    "str": "strasse",
    "weinstr": "weinstrasse",
    "bergstr": "bergstrasse",
    "westf": "westfalen",
    "vogtl": "vogtland",
    "erzgeb": "erzgebirge",
    "sa": "sachsen",
    "opf": "oberpfalz",
}
# Words that start a qualifier ("am Main", "bei Coburg", "i. Sa.").
_ZUSATZ_START = frozenset(
    {"a", "am", "an", "i", "im", "in", "b", "bei", "auf", "v", "vor", "u", "unter", "ob"}
)
# Filler words dropped before comparing.
_FUELLWOERTER = _ZUSATZ_START | {"d", "der", "dem", "den"}
# Designations before a Gemeinde name that people add ("Hansestadt Lübeck"); removed only as a second attempt.
_GEMEINDE_PRAEFIXE = frozenset(
    {
        "stadt",
        "hansestadt",
        "landeshauptstadt",
        "universitaetsstadt",
        "lutherstadt",
        "kreisstadt",
        "markt",
        "gemeinde",
        "freie",
        "und",
        "kreisfreie",
        "grosse",
        "stadtgemeinde",
    }
)
# Kreis designations, removed everywhere (both in the list and in user input).
_KREIS_WOERTER = frozenset(
    {"landkreis", "kreis", "lkr", "lk", "lkrs", "kr", "staedteregion", "regionalverband", "stadtregion"}
)


@dataclass(frozen=True)
class _Schluessel:
    """Normalised form of a name: ``voll`` = base + qualifier, all compact (no spaces)."""

    voll: str
    basis: str
    zusatz: str


def _woerter(text: str, *, einfach: bool) -> list[str]:
    """Lower-case ASCII words with umlauts transliterated (``einfach``: ä -> a instead of ae)."""
    text = unicodedata.normalize("NFC", text).lower()
    text = text.translate(_UMLAUTE_EINFACH if einfach else _UMLAUTE)
    text = "".join(c for c in unicodedata.normalize("NFKD", text) if not unicodedata.combining(c))
    return [_ABKUERZUNGEN.get(w, w) for w in re.findall(r"[a-z0-9]+", text)]


def _ist_bezeichnung(woerter: Sequence[str]) -> bool:
    """True for a designation after a comma (", Stadt"), false for a qualifier (", Baden")."""
    if not woerter:
        return True
    erstes = woerter[0]
    return erstes.endswith(("stadt", "gemeinde")) or erstes in {"markt", "flecken", "kurort", "freie"}


def _schluessel(text: str, *, einfach: bool, kreis: bool, ohne_praefix: bool = False) -> _Schluessel:
    teile = text.split(",")
    kern = teile[0]
    zusatz_texte = [t for t in teile[1:] if not _ist_bezeichnung(_woerter(t, einfach=einfach))]
    klammer = re.search(r"[(/]", kern)
    if klammer and klammer.start() > 0:
        rest = kern[klammer.start() :]
        kern = kern[: klammer.start()]
        if not (rest.startswith("(") and _ist_bezeichnung(_woerter(rest, einfach=einfach))):
            zusatz_texte.insert(0, rest)  # a qualifier, not a designation such as "(Stadt)"
    basis = _woerter(kern, einfach=einfach)
    zusatz = [w for t in zusatz_texte for w in _woerter(t, einfach=einfach)]
    if kreis:
        basis = [w for w in basis if w not in _KREIS_WOERTER] or basis
        zusatz = [w for w in zusatz if w not in _KREIS_WOERTER]
    elif ohne_praefix:
        while len(basis) > 1 and basis[0] in _GEMEINDE_PRAEFIXE:
            basis = basis[1:]
    for i, w in enumerate(basis[1:], start=1):
        if w in _ZUSATZ_START:
            basis, zusatz = basis[:i], basis[i:] + zusatz
            break
    basis_key = "".join(w for w in basis if w not in _FUELLWOERTER) or "".join(basis)
    zusatz_key = "".join(w for w in zusatz if w not in _FUELLWOERTER)
    if kreis and basis_key.endswith("kreis") and len(basis_key) > len("kreis"):
        basis_key = basis_key[: -len("kreis")]  # "Bodenseekreis" = "Bodensee-Kreis" = "Landkreis Bodensee"
    return _Schluessel(basis_key + zusatz_key, basis_key, zusatz_key)


def _varianten(text: str, *, kreis: bool, amtlich: bool) -> list[_Schluessel]:
    """Keys to index (``amtlich``: both umlaut spellings) or to look up (user input: with/without prefix)."""
    if amtlich:
        formen = [_schluessel(text, einfach=e, kreis=kreis) for e in (False, True)]
    else:
        formen = [_schluessel(text, einfach=False, kreis=kreis, ohne_praefix=p) for p in (False, True)]
    return list(dict.fromkeys(f for f in formen if f.voll))
