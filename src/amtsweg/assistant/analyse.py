"""German text analysis for retrieval: normalisation, stop words, Snowball stemming, compound splitting
learned from corpus statistics, and typo correction against the corpus vocabulary.

No external word lists: the splitter and the spelling correction use the vocabulary of the indexed
corpus (word frequencies), so they adapt to the texts of the authority and need no GPL data.
"""

from __future__ import annotations

import re
import unicodedata
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import lru_cache

import Stemmer

WORT = re.compile(r"[0-9]+[a-z]?|[a-zäöüß]+(?:-[a-zäöüß]+)*")
STOPPWOERTER = frozenset(
    """
    aber alle allem allen aller alles als also am an ander andere anderem anderen anderer anderes auch
    auf aus bei beim bin bis bist bitte da damit dann das dass dazu dein deine dem den denn der des
    dessen dich die dies diese diesem diesen dieser dieses dir doch dort du durch ein eine einem einen
    einer eines er es etwa etwas euch euer eure für gegen gibt hab habe haben hat hatte hätte ich ihm
    ihn ihnen ihr ihre ihrem ihren ihrer im in ins ist ja jede jedem jeden jeder jedes jetzt kann kannst
    können könnte man mancher mein meine meinem meinen meiner mich mir mit muss musst müssen nach nicht
    nichts noch nun nur ob oder ohne sehr sein seine seinem seinen seiner seit sich sie sind so soll
    sollen sollte sonst um und uns unser unsere unter viel vom von vor wann war waren warum was weil
    welche welchem welchen welcher welches wenn wer werde werden wessen wie wieder will wir wird wo
    woher wohin wurde würde zu zum zur über viele vielen vieler wieviel wieviele
    """.split()  # noqa: SIM905
)
#: frequent misspellings seen in citizen utterances (familienlotse) and in requests to social offices
SCHREIBFEHLER = {
    "vorraussetzung": "voraussetzung",
    "vorraussetzungen": "voraussetzungen",
    "vorausetzung": "voraussetzung",
    "vorausetzungen": "voraussetzungen",
    "bearntragen": "beantragen",
    "beantragn": "beantragen",
    "hoehe": "höhe",
    "wohgeld": "wohngeld",
    "wohngled": "wohngeld",
    "kindergled": "kindergeld",
    "bürgergled": "bürgergeld",
    "buergergeld": "bürgergeld",
    "jobcentr": "jobcenter",
    "antarg": "antrag",
    "unterlagn": "unterlagen",
    "bescheinigng": "bescheinigung",
}
FUGEN = ("", "s", "es", "n", "en", "e", "er")
_STEMMER = Stemmer.Stemmer("german")


def normalisiere(text: str) -> str:
    """NFC, lower case, ß -> ss; keeps umlauts (the stemmer folds them, also 'ae' spellings)."""
    text = unicodedata.normalize("NFKC", text).lower()
    return text.replace("ß", "ss").replace("ẞ", "ss")


def woerter(text: str) -> list[str]:
    """Lower-cased word tokens; hyphenated words give the whole word and its parts."""
    ergebnis: list[str] = []
    for treffer in WORT.findall(normalisiere(text)):
        if "-" in treffer:
            teile = [t for t in treffer.split("-") if t]
            ergebnis.append("".join(teile))
            ergebnis.extend(teile)
        else:
            ergebnis.append(treffer)
    return ergebnis


@lru_cache(maxsize=200_000)
def stamm(wort: str) -> str:
    return str(_STEMMER.stemWord(wort))


def _loeschungen(wort: str) -> set[str]:
    return {wort[:i] + wort[i + 1 :] for i in range(len(wort))}


@dataclass
class Analysator:
    """Analyser with corpus-learned vocabulary (for splitting and typo correction)."""

    haeufigkeit: dict[str, int] = field(default_factory=dict)
    min_teil: int = 3
    min_laenge: int = 8
    min_haeufigkeit: int = 2
    korrektur: bool = True
    _loesch: dict[str, str] = field(default_factory=dict, repr=False)
    _cache: dict[str, tuple[str, ...]] = field(default_factory=dict, repr=False)

    @classmethod
    def aus_texten(cls, texte: Iterable[str], **optionen: int | bool) -> Analysator:
        zaehler: Counter[str] = Counter()
        for text in texte:
            zaehler.update(w for w in woerter(text) if not w.isdigit())
        return cls(haeufigkeit=dict(zaehler), **optionen)  # type: ignore[arg-type]

    def __post_init__(self) -> None:
        self._baue_korrektur()

    def _baue_korrektur(self) -> None:
        kandidaten: dict[str, str] = {}
        for wort, anzahl in self.haeufigkeit.items():
            if len(wort) < 5 or anzahl < 2:
                continue
            for variante in _loeschungen(wort):
                alt = kandidaten.get(variante)
                if alt is None or self.haeufigkeit[alt] < anzahl:
                    kandidaten[variante] = wort
        self._loesch = kandidaten

    def bekannt(self, wort: str) -> bool:
        return self.haeufigkeit.get(wort, 0) >= self.min_haeufigkeit

    def korrigiere(self, wort: str) -> str:
        """Fixed misspellings first, then one edit (delete/insert/substitute) against the vocabulary."""
        wort = SCHREIBFEHLER.get(wort, wort)
        if not self.korrektur or len(wort) < 5 or wort in self.haeufigkeit or wort in STOPPWOERTER:
            return wort
        if wort in self._loesch:  # the query has one extra letter... or a vocabulary word lacks one
            return self._loesch[wort]
        beste, beste_anzahl = wort, 0
        for variante in _loeschungen(wort):
            treffer = self._loesch.get(variante) or (variante if variante in self.haeufigkeit else None)
            if treffer and treffer[0] == wort[0] and self.haeufigkeit.get(treffer, 0) > beste_anzahl:
                beste, beste_anzahl = treffer, self.haeufigkeit[treffer]
        return beste

    def zerlege(self, wort: str) -> list[str]:
        """Split a compound into known parts (head and tail known in the corpus, optional linking element)."""
        if len(wort) < self.min_laenge:
            return []
        beste: tuple[float, list[str]] = (0.0, [])
        for i in range(self.min_teil, len(wort) - self.min_teil + 1):
            kopf = wort[:i]
            if not self.bekannt(kopf):
                continue
            for fuge in FUGEN:
                if not wort.startswith(fuge, i):
                    continue
                rest = wort[i + len(fuge) :]
                if len(rest) < self.min_teil:
                    continue
                if self.bekannt(rest):
                    teile = [kopf, rest]
                else:
                    unter = self.zerlege(rest) if len(rest) >= self.min_laenge else []
                    if not unter:
                        continue
                    teile = [kopf, *unter]
                wert = min(self.haeufigkeit.get(t, 1) for t in teile) ** (1 / len(teile))
                if wert > beste[0]:
                    beste = (wert, teile)
        return beste[1]

    def terme(self, text: str, anfrage: bool = False) -> list[str]:
        """Index terms: stems of non-stop words plus the stems of compound parts (added next to the word)."""
        ergebnis: list[str] = []
        for wort in woerter(text):
            if anfrage:
                wort = self.korrigiere(wort)
            if wort in STOPPWOERTER or len(wort) < 2:
                continue
            zerlegt = self._cache.get(wort)
            if zerlegt is None:
                basis = stamm(wort)
                teile = tuple(stamm(t) for t in self.zerlege(wort))
                zerlegt = (basis, *[t for t in teile if t != basis and t not in STOPPWOERTER])
                if len(self._cache) < 500_000:
                    self._cache[wort] = zerlegt
            ergebnis.extend(zerlegt)
        return ergebnis
