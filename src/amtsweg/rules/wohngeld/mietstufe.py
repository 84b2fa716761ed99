"""Mietenstufe of a Gemeinde (§ 12 Abs. 3 to 5 and Abs. 4a WoGG, § 1 Abs. 3 WoGV with its Anlage).

The Anlage zu § 1 Abs. 3 WoGV lists Gemeinden with at least 10 000 inhabitants, the Kreise, and one joint
row for the island Gemeinden of § 12 Abs. 4a WoGG. A Gemeinde that is not listed takes the Mietenstufe of its
Kreis.
The list has names only (no Gemeindeschlüssel), so the lookup matches names as people write them.

Matching (within the given Land only), most certain first:

1. exact match of the normalised name: case, umlauts/ß and their transliterations, hyphens and spaces,
   "St." = "Sankt", "a." = "am" = "an der", designations such as ", Stadt" or "Hansestadt" are ignored;
2. same name with a compatible qualifier ("Frankfurt a. M." = "Frankfurt am Main", "Halle/Saale");
3. a bare name whose only listed form carries a qualifier ("Halle" -> "Halle (Saale), Stadt");
4. a conservative fuzzy match (difflib ratio >= 0.85 and no other listed name >= 0.80).

Matches of kind 1 and 2 are taken. Matches of kind 3 and 4 are guesses: they are taken only when no Kreis is
given. With a Kreis the input may equally be a small Gemeinde that is not listed (for example "Kirchheim" in
Unterfranken next to the listed "Kirchheim bei München"), so the lookup asks instead of guessing; leaving the
Gemeinde empty then selects the Kreis. Several equally good candidates always raise an error listing them.

Pure: no network, no clock. The CSV is read once per list version.
"""

from __future__ import annotations

import csv
import difflib
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date
from functools import cache, lru_cache
from pathlib import Path

from amtsweg.rules.engine.fehler import Eingabefehler, ParameterFehler
from amtsweg.rules.wohngeld.mietstufe_namen import _Schluessel, _varianten

__all__ = [
    "LAENDER",
    "MIETSTUFEN_LISTEN",
    "MietstufenListe",
    "MietstufenTreffer",
    "bestimme_mietstufe",
]

DATEN = Path(__file__).parent / "daten"

LAENDER: dict[str, str] = {
    "BW": "Baden-Württemberg",
    "BY": "Bayern",
    "BE": "Berlin",
    "BB": "Brandenburg",
    "HB": "Bremen",
    "HH": "Hamburg",
    "HE": "Hessen",
    "MV": "Mecklenburg-Vorpommern",
    "NI": "Niedersachsen",
    "NW": "Nordrhein-Westfalen",
    "RP": "Rheinland-Pfalz",
    "SL": "Saarland",
    "SN": "Sachsen",
    "ST": "Sachsen-Anhalt",
    "SH": "Schleswig-Holstein",
    "TH": "Thüringen",
}

TABELLE_GEMEINDE = "Gemeinde"
TABELLE_KREIS = "Kreis"
TABELLE_INSELN = "Gemeinsame Mietenstufe"
_INSELN_ZEILE = "Inseln ohne Festlandanschluss"


@dataclass(frozen=True)
class MietstufenListe:
    """One version of the Anlage zu § 1 Abs. 3 WoGV, valid from ``gueltig_ab`` until the next version."""

    gueltig_ab: date
    datei: str
    fundstelle: str


# Add a new version at the end when a new list comes into force; the lookup picks the latest version whose
# gueltig_ab is not after the Stichtag.
MIETSTUFEN_LISTEN: tuple[MietstufenListe, ...] = (
    MietstufenListe(
        gueltig_ab=date(2023, 1, 1),
        datei="wogv_anlage_mietenstufen_ab_2023-01-01.csv",
        fundstelle="Anlage zu § 1 Abs. 3 WoGV, BGBl. I 2022 S. 2166–2210",
    ),
)

# § 12 Abs. 4a WoGG: the 28 Gemeinden on islands without a mainland connection, as named in the law, with
# their Land and extra spellings people use.
_INSELN: tuple[tuple[str, str, tuple[str, ...]], ...] = (
    ("NI", "Baltrum", ()),
    ("NI", "Borkum (Stadt)", ()),
    ("NI", "Juist", ()),
    ("NI", "Langeoog", ()),
    ("NI", "Norderney (Stadt)", ()),
    ("NI", "Spiekeroog", ()),
    ("NI", "Wangerooge (Nordseebad)", ("Wangerooge",)),
    ("SH", "Nebel", ()),
    ("SH", "Norddorf auf Amrum", ("Norddorf",)),
    ("SH", "Wittdün auf Amrum", ("Wittdün",)),
    ("SH", "Alkersum", ()),
    ("SH", "Borgsum", ()),
    ("SH", "Dunsum", ()),
    ("SH", "Midlum", ()),
    ("SH", "Nieblum", ()),
    ("SH", "Oevenum", ()),
    ("SH", "Oldsum", ()),
    ("SH", "Süderende", ()),
    ("SH", "Utersum", ()),
    ("SH", "Witsum", ()),
    ("SH", "Wrixum", ()),
    ("SH", "Wyk auf Föhr (Stadt)", ("Wyk",)),
    ("SH", "Helgoland", ()),
    ("SH", "Gröde", ()),
    ("SH", "Hallig Hooge", ("Hooge",)),
    ("SH", "Langeneß", ()),
    ("SH", "Pellworm", ()),
    ("MV", "Insel Hiddensee", ("Hiddensee",)),
)

# Kreis names people use that the list spells differently: (Land code, alias, official name).
_KREIS_ALIASE: tuple[tuple[str, str, str], ...] = (("NI", "Heidekreis", "Soltau-Fallingbostel (Heidekreis)"),)

_SICHER = 0.85  # fuzzy: accept at or above this ratio ...
_NAH = 0.80  # ... if no other listed name reaches this one
_VORSCHLAG = 0.60  # suggestions in error messages
_TIPPFEHLER = 0.75  # an unknown name this close to a listed one is treated as a misspelling


@dataclass(frozen=True)
class MietstufenTreffer:
    """Result of the lookup.

    ``name`` and ``tabelle`` are those of the matched row of the Anlage ("Gemeinde", "Kreis" or
    "Gemeinsame Mietenstufe" for the island row "Inseln ohne Festlandanschluss"); ``land`` is the name of the
    Bundesland of the lookup (also for the island row, which the Anlage lists without a Land).
    """

    mietstufe: int
    name: str
    land: str
    tabelle: str


@dataclass(frozen=True)
class _Eintrag:
    name: str  # as shown to users (official name, or the law's name for an island Gemeinde)
    treffer: MietstufenTreffer
    zusatz: str  # compact qualifier key ("" if none)


@dataclass
class _Verzeichnis:
    """Names of one table (Gemeinden incl. islands, or Kreise) of one Land."""

    voll: dict[str, list[_Eintrag]] = field(default_factory=dict)
    basis: dict[str, list[_Eintrag]] = field(default_factory=dict)
    unscharf: dict[str, list[_Eintrag]] = field(default_factory=dict)  # every key, for fuzzy matching

    def add(self, eintrag: _Eintrag, schluessel: Iterable[_Schluessel]) -> None:
        for s in schluessel:
            for index, key in (
                (self.voll, s.voll),
                (self.basis, s.basis),
                (self.unscharf, s.voll),
                (self.unscharf, s.basis),
            ):
                liste = index.setdefault(key, [])
                if eintrag not in liste:
                    liste.append(eintrag)


@dataclass(frozen=True)
class _Liste:
    gemeinden: dict[str, _Verzeichnis]
    kreise: dict[str, _Verzeichnis]


@dataclass(frozen=True)
class _Ergebnis:
    """Outcome of a search: ``sicher`` (kind 1, 2) or ``geraten`` (kind 3, 4) candidates, or suggestions."""

    kandidaten: tuple[_Eintrag, ...] = ()
    sicher: bool = False
    vorschlaege: tuple[tuple[float, _Eintrag], ...] = ()


# ---------------------------------------------------------------------------------------------- loading


@cache
def _zeilen(datei: str) -> tuple[dict[str, list[tuple[bool, str, int]]], int]:
    """The list's rows grouped by Land code as (ist_kreis, name, stufe), and the island row's Stufe."""
    land_codes = {name: code for code, name in LAENDER.items()}
    je_land: dict[str, list[tuple[bool, str, int]]] = {code: [] for code in LAENDER}
    insel_stufe: int | None = None
    with (DATEN / datei).open(encoding="utf-8", newline="") as f:
        for zeile_nr, zeile in enumerate(csv.DictReader(f), start=2):
            try:
                stufe = int(zeile["mietenstufe"])
                land, tabelle, name = zeile["land"], zeile["tabelle"], zeile["name"]
            except (KeyError, TypeError, ValueError) as exc:
                raise ParameterFehler(f"{datei}, Zeile {zeile_nr}: fehlerhafte Zeile") from exc
            if not 1 <= stufe <= 7:
                raise ParameterFehler(f"{datei}, Zeile {zeile_nr}: Mietenstufe {stufe} ungültig")
            if tabelle == TABELLE_INSELN:
                insel_stufe = stufe
                continue
            code = land_codes.get(land)
            if code is None or tabelle not in (TABELLE_GEMEINDE, TABELLE_KREIS):
                raise ParameterFehler(f"{datei}, Zeile {zeile_nr}: unbekanntes Land/Tabelle {land}/{tabelle}")
            je_land[code].append((tabelle == TABELLE_KREIS, name, stufe))
    if insel_stufe is None:
        raise ParameterFehler(f"{datei}: Zeile „{_INSELN_ZEILE}“ fehlt")
    return je_land, insel_stufe


@cache
def _lade(datei: str, code: str) -> _Liste:
    """The search index of one Land, built on first use (keeps the first lookup fast)."""
    je_land, insel_stufe = _zeilen(datei)
    land = LAENDER[code]
    gemeinden, kreise = _Verzeichnis(), _Verzeichnis()
    kreis_eintraege: dict[str, _Eintrag] = {}
    for ist_kreis, name, stufe in je_land[code]:
        tabelle = TABELLE_KREIS if ist_kreis else TABELLE_GEMEINDE
        varianten = _varianten(name, kreis=ist_kreis, amtlich=True)
        eintrag = _Eintrag(name, MietstufenTreffer(stufe, name, land, tabelle), varianten[0].zusatz)
        (kreise if ist_kreis else gemeinden).add(eintrag, varianten)
        if ist_kreis:
            kreis_eintraege[name] = eintrag
    for insel_code, name, aliase in _INSELN:
        if insel_code == code:
            treffer = MietstufenTreffer(insel_stufe, _INSELN_ZEILE, land, TABELLE_INSELN)
            varianten = [v for text in (name, *aliase) for v in _varianten(text, kreis=False, amtlich=True)]
            gemeinden.add(_Eintrag(name, treffer, varianten[0].zusatz), varianten)
    for alias_code, alias, name in _KREIS_ALIASE:
        if alias_code == code:
            kreise.add(kreis_eintraege[name], _varianten(alias, kreis=True, amtlich=True))
    return _Liste({code: gemeinden}, {code: kreise})


# ---------------------------------------------------------------------------------------------- searching


def _eindeutig(eintraege: Iterable[_Eintrag]) -> tuple[_Eintrag, ...]:
    return tuple(dict.fromkeys(eintraege))


def _suche(verzeichnis: _Verzeichnis, text: str, *, kreis: bool) -> _Ergebnis:
    varianten = _varianten(text, kreis=kreis, amtlich=False)
    for v in varianten:  # 1. exact
        if treffer := verzeichnis.voll.get(v.voll):
            return _Ergebnis(_eindeutig(treffer), sicher=True)
    for v in varianten:  # 2. same base, compatible qualifier
        if v.zusatz:
            treffer = [
                e
                for e in verzeichnis.basis.get(v.basis, [])
                if e.zusatz and (e.zusatz.startswith(v.zusatz) or v.zusatz.startswith(e.zusatz))
            ]
            if treffer:
                return _Ergebnis(_eindeutig(treffer), sicher=True)
    for v in varianten:  # 3. bare base name
        if not v.zusatz and (treffer := verzeichnis.basis.get(v.basis)):
            return _Ergebnis(_eindeutig(treffer))
    # 4. fuzzy
    bewertung: dict[_Eintrag, float] = {}
    for v in varianten:
        matcher = difflib.SequenceMatcher(autojunk=False)
        matcher.set_seq2(v.voll)
        for key, eintraege in verzeichnis.unscharf.items():
            matcher.set_seq1(key)
            if matcher.real_quick_ratio() < _VORSCHLAG or matcher.quick_ratio() < _VORSCHLAG:
                continue
            wert = matcher.ratio()
            for eintrag in eintraege:
                if wert >= _VORSCHLAG and wert > bewertung.get(eintrag, 0.0):
                    bewertung[eintrag] = wert
    rangfolge = sorted(bewertung.items(), key=lambda p: (-p[1], p[0].name))
    nahe = [e for e, w in rangfolge if w >= _NAH]
    if rangfolge and rangfolge[0][1] >= _SICHER:
        return _Ergebnis(tuple(nahe))
    return _Ergebnis(vorschlaege=tuple((w, e) for e, w in rangfolge[:3]))


@lru_cache(maxsize=8192)
def _suche_in_liste(datei: str, code: str, text: str, *, kreis: bool) -> _Ergebnis:
    """Cached search; repeated inputs (batch runs) cost a dict lookup."""
    liste = _lade(datei, code)
    return _suche((liste.kreise if kreis else liste.gemeinden)[code], text, kreis=kreis)


def _aufzaehlung(namen: Iterable[str]) -> str:
    return ", ".join(f"„{n}“" for n in namen)


def _liste_fuer(stichtag: date) -> MietstufenListe:
    gueltig = [liste for liste in MIETSTUFEN_LISTEN if liste.gueltig_ab <= stichtag]
    if not gueltig:
        erste = min(liste.gueltig_ab for liste in MIETSTUFEN_LISTEN)
        raise Eingabefehler(
            "stichtag",
            f"Für den Stichtag {stichtag:%d.%m.%Y} ist keine Mietenstufenliste hinterlegt; "
            f"die Liste gilt ab {erste:%d.%m.%Y}.",
        )
    return max(gueltig, key=lambda liste: liste.gueltig_ab)


def _kreis_treffer(datei: str, code: str, kreis: str) -> MietstufenTreffer:
    land = LAENDER[code]
    ergebnis = _suche_in_liste(datei, code, kreis, kreis=True)
    if len(ergebnis.kandidaten) == 1:
        return ergebnis.kandidaten[0].treffer
    if ergebnis.kandidaten:
        raise Eingabefehler(
            "wohnung.kreis",
            f"Der Kreis „{kreis}“ ist in {land} nicht eindeutig; in Frage kommen: "
            f"{_aufzaehlung(e.name for e in ergebnis.kandidaten)}.",
        )
    namen = _aufzaehlung(e.name for _, e in ergebnis.vorschlaege)
    vorschlag = f" Meinten Sie: {namen}?" if namen else ""
    raise Eingabefehler(
        "wohnung.kreis", f"Der Kreis „{kreis}“ steht nicht in der Mietenstufenliste für {land}.{vorschlag}"
    )


def bestimme_mietstufe(
    stichtag: date, gemeinde: str | None, land: str, kreis: str | None = None
) -> MietstufenTreffer:
    """Mietenstufe (1 to 7) for a Gemeinde in ``land`` (two-letter code such as "SN") on ``stichtag``.

    ``kreis`` is needed for Gemeinden that are not listed (fewer than 10 000 inhabitants); with ``gemeinde``
    None or empty the Kreis is looked up directly. Raises ``Eingabefehler`` for an unknown Land, a Stichtag
    before the first list, and names that are unknown or ambiguous.
    """
    liste = _liste_fuer(stichtag)
    code = land.strip().upper()
    if code not in LAENDER:
        raise Eingabefehler("wohnung.land", f"Unbekanntes Land „{land}“; gültig sind: {', '.join(LAENDER)}.")
    land_name = LAENDER[code]
    kreis = kreis.strip() if kreis and kreis.strip() else None
    if gemeinde is None or not gemeinde.strip():
        if kreis is None:
            raise Eingabefehler("wohnung.gemeinde", "Bitte die Gemeinde (oder den Kreis) angeben.")
        return _kreis_treffer(liste.datei, code, kreis)
    gemeinde = gemeinde.strip()

    ergebnis = _suche_in_liste(liste.datei, code, gemeinde, kreis=False)
    kandidaten = ergebnis.kandidaten
    if len(kandidaten) > 1:
        raise Eingabefehler(
            "wohnung.gemeinde",
            f"Die Gemeinde „{gemeinde}“ ist in {land_name} nicht eindeutig; in Frage kommen: "
            f"{_aufzaehlung(e.name for e in kandidaten)}. Bitte den vollständigen Namen angeben.",
        )
    if len(kandidaten) == 1:
        if ergebnis.sicher or kreis is None:
            return kandidaten[0].treffer
        raise Eingabefehler(
            "wohnung.gemeinde",
            f"Die Gemeinde „{gemeinde}“ steht so nicht in der Mietenstufenliste für {land_name}; meinten Sie "
            f"„{kandidaten[0].name}“? Bitte den Namen wie in der Liste angeben, oder die Gemeinde leer "
            f"lassen, wenn sie nicht in der Liste steht (dann gilt die Mietenstufe des Kreises).",
        )
    if kreis is not None:
        return _kreis_treffer(liste.datei, code, kreis)
    vorschlaege = ergebnis.vorschlaege
    namen = _aufzaehlung(e.name for _, e in vorschlaege)
    vorschlag = f" Ähnliche Namen in der Liste: {namen}." if namen else ""
    feld = "wohnung.gemeinde" if vorschlaege and vorschlaege[0][0] >= _TIPPFEHLER else "wohnung.kreis"
    raise Eingabefehler(
        feld,
        f"Die Gemeinde „{gemeinde}“ steht nicht in der Mietenstufenliste für {land_name}.{vorschlag} "
        f"Gemeinden unter 10 000 Einwohnern erhalten die Mietenstufe ihres Kreises; bitte Kreis angeben.",
    )
