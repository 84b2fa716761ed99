"""Recognise activities and facts in a free-text site description (German keyword/stem matching).

The result is a proposal shown to the user for confirmation; nothing is decided from the text alone.
Matching: the text is lower-cased and transliterated (ä -> ae, ß -> ss); a stem matches a word that starts
with it, or - for stems of at least 5 letters - a compound that contains it ("Fassadengerüst"); stems with a
space or hyphen match as a phrase. A match preceded within three words by "kein/keine/ohne/nicht" counts as
negated and is reported but not proposed. An activity with ``nur_mit`` stems is proposed only if one of them
also occurs (a petrol tool *indoors*).

The recogniser shows its limits: it understands German only (English input gets a notice), lists the
numbers it could not assign and the sentences in which it found nothing, and says when the text was cut.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from amtsweg.prevention.gefaehrdung.erkennung_werte import fakten, nicht_zugeordnet
from amtsweg.prevention.gefaehrdung.wissensbasis import Taetigkeit, Wissensbasis, lade_wissensbasis

VERNEINUNG = {"kein", "keine", "keinen", "keiner", "ohne", "nicht", "nie"}
#: longest text analysed; longer input is cut and the user is told so
MAX_ZEICHEN = 20_000
_WORT = re.compile(r"[a-z0-9]+(?:[.,][0-9]+)?")
_ENGLISCH = {
    "the",
    "and",
    "with",
    "we",
    "will",
    "is",
    "are",
    "on",
    "of",
    "for",
    "roof",
    "workers",
    "site",
    "from",
}
_DEUTSCH = {
    "der",
    "die",
    "das",
    "und",
    "mit",
    "wir",
    "ist",
    "sind",
    "auf",
    "ein",
    "eine",
    "im",
    "den",
    "fuer",
    "von",
}


def normalisiere(text: str) -> str:
    ersatz = {"ä": "ae", "ö": "oe", "ü": "ue", "ß": "ss", "é": "e", "–": "-", "„": '"', "“": '"'}
    klein = "".join(ersatz.get(z, z) for z in text.lower())
    # "Floor-Flex" is a floor tile, not an angle grinder
    return re.sub(r"floor\s*-?\s*flex\s*-?\s*(?:platte)?", "floorflexplatte", klein)


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
    schalter: dict[str, bool] = field(default_factory=dict)  # proposed yes/no facts (allein, ...)
    boden: str | None = None
    belege: dict[str, str] = field(default_factory=dict)  # field -> text fragment it came from
    nicht_verstanden: list[str] = field(default_factory=list)  # numbers no rule used
    ohne_treffer: list[str] = field(default_factory=list)  # sentences in which nothing was recognised
    hinweise: list[str] = field(default_factory=list)  # language, length
    sprache: str = "de"

    @property
    def vorgeschlagen(self) -> list[str]:
        return [t.taetigkeit for t in self.treffer if not t.verneint]


_ENDUNGEN = ("", "s", "es", "e", "en", "er", "ern", "n")


def _passt(wort: str, stamm: str) -> bool:
    """Stem at the start, inside (stems of 5+ letters) or as the head of a compound ("Garagendach")."""
    if wort.startswith(stamm) or (len(stamm) >= 5 and stamm in wort):
        return True
    return len(stamm) >= 4 and any(wort.endswith(stamm + e) for e in _ENDUNGEN)


def sprache(norm: str) -> str:
    """ "en" if the text reads as English, else "de" (simple function-word count)."""
    woerter = _WORT.findall(norm)
    en = sum(w in _ENGLISCH for w in woerter)
    de = sum(w in _DEUTSCH for w in woerter)
    return "en" if en >= 3 and en > 2 * de else "de"


def _woerter_mit_satzteil(norm: str) -> list[tuple[str, int]]:
    """Words with the number of the clause they stand in (a negation does not reach across , ; . : !?)."""
    ergebnis = []
    for nr, teil in enumerate(re.split(r"[,;.:!?\n()]+(?!\d)", norm)):
        ergebnis += [(w, nr) for w in _WORT.findall(teil)]
    return ergebnis


def _suche(t: Taetigkeit, norm: str, woerter: list[str]) -> Treffer | None:
    gefunden: list[str] = []
    verneint_alle = True
    einfache = [s for s in t.stichwoerter if " " not in s and "-" not in s]
    mit_teil = _woerter_mit_satzteil(norm)
    for i, (wort, teil) in enumerate(mit_teil):
        if any(_passt(wort, s) for s in einfache):
            gefunden.append(wort)
            davor = {w for w, t_nr in mit_teil[max(0, i - 3) : i] if t_nr == teil}
            verneint_alle = verneint_alle and bool(davor & VERNEINUNG)
    for phrase in (s for s in t.stichwoerter if " " in s or "-" in s):
        if phrase in norm:
            gefunden.append(phrase)
            verneint_alle = False
    if not gefunden:
        return None
    if t.nur_mit and not any(_passt(w, s) for w in woerter for s in t.nur_mit):
        return None
    return Treffer(t.id, t.name, tuple(dict.fromkeys(gefunden)), verneint=verneint_alle)


def erkenne(text: str, wissensbasis: Wissensbasis | None = None) -> Erkennung:
    """Activities and facts recognised in ``text`` (a proposal to confirm)."""
    wb = wissensbasis or lade_wissensbasis()
    hinweise = []
    if len(text) > MAX_ZEICHEN:
        hinweise.append(
            f"Der Text ist {len(text):,} Zeichen lang; ausgewertet wurden nur die ersten "
            f"{MAX_ZEICHEN:,} Zeichen. Bitte kürzen oder in mehreren Teilen beschreiben.".replace(",", ".")
        )
        text = text[:MAX_ZEICHEN]
    norm = normalisiere(text)
    woerter = _WORT.findall(norm)
    f = fakten(norm)
    ergebnis = Erkennung(
        werte=f.werte, schalter=f.schalter, boden=f.boden, belege=f.gruende, hinweise=hinweise
    )
    ergebnis.sprache = sprache(norm)
    if ergebnis.sprache == "en":
        ergebnis.hinweise.append(
            "Der Text scheint englisch zu sein. Der Assistent versteht nur deutsche Beschreibungen; "
            "bitte beschreiben Sie die Baustelle auf Deutsch oder wählen Sie die Tätigkeiten unten aus."
        )
    for t in wb.waehlbar():
        treffer = _suche(t, norm, woerter)
        if treffer:
            ergebnis.treffer.append(treffer)
    ids = {t.taetigkeit for t in ergebnis.treffer}
    # Facts imply activities even without a keyword: a depth means a trench, being alone means Alleinarbeit,
    # a lifting excavator means lifting work.
    implizit = {
        # a depth in a manhole or tank is no trench
        "baugruben_graeben": "grabentiefe_m" in f.werte and "enge_raeume" not in ids,
        "alleinarbeit": f.schalter.get("allein", False),
        "hebearbeiten": f.schalter.get("bagger_hebt", False),
        "freileitung": "freileitung_abstand_m" in f.werte,
    }
    for tid, ja in implizit.items():
        if ja and tid not in ids and tid in wb.taetigkeiten:
            ergebnis.treffer.append(Treffer(tid, wb.taetigkeiten[tid].name, ("(aus den Angaben)",)))
    if "verbrennungsmotor_innen" in ergebnis.vorgeschlagen:
        ergebnis.schalter["verbrennungsmotor_innen"] = True
    ergebnis.nicht_verstanden = nicht_zugeordnet(norm, f.spannen)
    ergebnis.ohne_treffer = _saetze_ohne_treffer(text, wb, ergebnis)
    return ergebnis


def _saetze_ohne_treffer(text: str, wb: Wissensbasis, e: Erkennung) -> list[str]:
    """Sentences (original spelling) in which no activity stem and no fact was found."""
    stems = {s for t in wb.waehlbar() for s in t.stichwoerter}
    belege = [normalisiere(b) for b in e.belege.values()]
    rest = []
    for satz in re.split(r"(?<=[.!?;])\s+|\n+", text):
        n = normalisiere(satz)
        w = _WORT.findall(n)
        if len(w) < 3:
            continue
        if any(_passt(x, s) for x in w for s in stems if " " not in s) or any(b and b in n for b in belege):
            continue
        rest.append(satz.strip()[:200])
    return rest


_GANZ = ("beschaeftigte_gleichzeitig", "arbeitstage", "personentage", "baujahr")
_ZAHLEN = (
    "absturzhoehe_m", "grabentiefe_m", "asbest_personenstunden", "asbest_fasern_m3", "laerm_dba",
    "hand_arm_ms2", "freileitung_abstand_m", "freileitung_spannung_kv",
)  # fmt: skip


def als_eingabe(e: Erkennung) -> dict[str, object]:
    """The recognised proposal as form/API values for ``baustelle_aus_dict`` (strings, as a form posts)."""
    werte: dict[str, object] = {"taetigkeiten": e.vorgeschlagen}
    for feld in _GANZ:
        if feld in e.werte:
            werte[feld] = str(round(e.werte[feld]))
    for feld in _ZAHLEN:
        if feld == "grabentiefe_m" and "baugruben_graeben" not in e.vorgeschlagen:
            continue  # a depth of a manhole or light well is no trench depth
        if feld in e.werte:
            werte[feld] = f"{e.werte[feld]:g}"
    if "grabentiefe_m" in e.werte and "boeschungswinkel_grad" in e.werte:
        werte["boeschungswinkel_grad"] = f"{e.werte['boeschungswinkel_grad']:g}"
    if e.boden:
        werte["boden"] = e.boden
    if "leitern" in e.vorgeschlagen and "absturzhoehe_m" in e.werte:
        werte.update(leiter_zweck="arbeitsplatz", leiter_hoehe_m=werte["absturzhoehe_m"])
        if "stunden" in e.werte:
            werte["leiter_dauer_h"] = f"{min(e.werte['stunden'], 24):g}"
    for feld, ja in e.schalter.items():
        if ja:
            werte[feld] = "ja"
    return werte
