"""Parse and validate the Haushalt JSON (published as docs/schema/haushalt.schema.json).

Every error is an ``Eingabefehler`` naming the field as a JSON path, with a German message.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, TypeVar

from amtsweg.rules.engine.fehler import Eingabefehler
from amtsweg.rules.engine.geld import parse_cent
from amtsweg.rules.haushalt.plausibel import pruefe_alter, pruefe_anzahl

ROLLEN = ("antragsteller", "partner", "kind", "sonstige")
EINKOMMENSARTEN = (
    "erwerbstaetigkeit",
    "minijob",
    "rente",
    "versorgungsbezuege",
    "arbeitslosengeld",
    "unterhaltsvorschuss",
    "unterhalt",
    "elterngeld",
    "sonstige",
)
ABZUEGE = ("steuern", "kranken_pflegeversicherung", "rentenversicherung")
LAENDER = ("BW", "BY", "BE", "BB", "HB", "HH", "HE", "MV", "NI", "NW", "RP", "SL", "SN", "ST", "SH", "TH")
#: Benefits whose calculation includes Kosten der Unterkunft (§ 7 Abs. 1 Satz 1 Nr. 1-9 WoGG).
TRANSFERLEISTUNGEN_MIT_KDU = (
    "buergergeld",
    "grundsicherungsgeld",
    "ausbildung_zuschuss_sgb2",
    "verletztengeld_grundsicherung",
    "grundsicherung_alter",
    "hilfe_zum_lebensunterhalt",
    "sgb14_lebensunterhalt",
    "asylbewerberleistungen",
    "sgb8",
)
#: Other benefits a person may report; they do not exclude from Wohngeld.
SONSTIGE_LEISTUNGEN = ("kindergeld", "kinderzuschlag", "wohngeld", "bafoeg", "elterngeld")
UNTERHALTSARTEN = ("auswaerts_ausbildung", "kind_anderer_haushalt", "ehegatte", "sonstige")

T = TypeVar("T")


@dataclass(frozen=True, slots=True)
class Einkommen:
    art: str
    brutto_monat: int  # cents
    netto_monat: int | None = None
    plus: bool = False


@dataclass(frozen=True, slots=True)
class Unterhaltszahlung:
    art: str
    betrag_monat: int
    tituliert: bool = False


@dataclass(frozen=True, slots=True)
class Person:
    id: str
    rolle: str
    alter: int
    einkommen: tuple[Einkommen, ...] = ()
    abzuege: frozenset[str] = frozenset()
    kindergeld: bool = False
    grad_der_behinderung: int = 0
    haeuslich_pflegebeduerftig: bool = False
    ns_verfolgt: bool = False
    grundrentenzeiten_jahre: int = 0
    bezieht: tuple[str, ...] = ()
    beruecksichtigt_bei_transferleistung: bool = False
    unterhalt_gezahlt: tuple[Unterhaltszahlung, ...] = ()
    vermoegen: int = 0
    schwanger: bool = False
    erwerbsfaehig: bool | None = None
    bewilligungsbeginn: dt.date | None = None
    in_ausbildung: bool = False
    mehrbedarf_teilhabe: bool = False
    merkzeichen_g: bool = False
    mehrbedarf_ernaehrung_monat: int = 0
    geburtsdatum: dt.date | None = None

    @property
    def vom_wohngeld_ausgeschlossen(self) -> bool:
        """§ 7 Abs. 1 and 2 WoGG: recipient of a KdU transfer benefit, or counted in one."""
        return self.beruecksichtigt_bei_transferleistung or any(
            leistung in TRANSFERLEISTUNGEN_MIT_KDU for leistung in self.bezieht
        )


@dataclass(frozen=True, slots=True)
class Wohnung:
    art: str
    kosten_monat: int
    mietstufe: int | None = None
    gemeinde: str | None = None
    land: str | None = None
    kreis: str | None = None
    heizkosten_monat: int | None = None
    angemessene_kosten_monat: int | None = None
    warmwasser_dezentral: bool = False
    kdu_traeger: str | None = None


@dataclass(frozen=True, slots=True)
class Haushalt:
    stichtag: dt.date
    wohnung: Wohnung
    personen: tuple[Person, ...]


def _objekt(wert: Any, feld: str, erlaubt: tuple[str, ...]) -> dict[str, Any]:
    if not isinstance(wert, dict):
        raise Eingabefehler(feld or "(Eingabe)", "Hier wird ein JSON-Objekt erwartet.")
    for schluessel in wert:
        if schluessel not in erlaubt:
            pfad = f"{feld}.{schluessel}" if feld else str(schluessel)
            raise Eingabefehler(pfad, f"Unbekanntes Feld. Erlaubt sind: {', '.join(erlaubt)}.")
    return wert


def _pflicht(daten: dict[str, Any], schluessel: str, feld: str) -> Any:
    if daten.get(schluessel) is None:
        raise Eingabefehler(feld, "Pflichtangabe fehlt.")
    return daten[schluessel]


def _bool(wert: Any, feld: str) -> bool:
    if not isinstance(wert, bool):
        raise Eingabefehler(feld, "Hier wird true oder false erwartet.")
    return wert


def _ganzzahl(wert: Any, feld: str, minimum: int, maximum: int) -> int:
    if isinstance(wert, bool) or not isinstance(wert, int | str):
        raise Eingabefehler(feld, "Hier wird eine ganze Zahl erwartet.")
    try:
        zahl = int(wert)
    except ValueError:
        raise Eingabefehler(feld, f"„{wert}“ ist keine ganze Zahl.") from None
    if not minimum <= zahl <= maximum:
        raise Eingabefehler(feld, f"Der Wert muss zwischen {minimum} und {maximum} liegen.")
    return zahl


def _auswahl(wert: Any, feld: str, erlaubt: tuple[str, ...]) -> str:
    if wert not in erlaubt:
        raise Eingabefehler(feld, f"„{wert}“ ist nicht zulässig. Erlaubt sind: {', '.join(erlaubt)}.")
    return str(wert)


def _datum(wert: Any, feld: str) -> dt.date:
    try:
        return dt.date.fromisoformat(str(wert))
    except ValueError:
        raise Eingabefehler(feld, f"„{wert}“ ist kein Datum im Format JJJJ-MM-TT.") from None


def _text(wert: Any, feld: str) -> str:
    if not isinstance(wert, str) or not wert.strip():
        raise Eingabefehler(feld, "Hier wird ein nicht leerer Text erwartet.")
    return wert.strip()


def _liste(wert: Any, feld: str, element: Callable[[Any, str], T]) -> tuple[T, ...]:
    if not isinstance(wert, list):
        raise Eingabefehler(feld, "Hier wird eine Liste erwartet.")
    return tuple(element(eintrag, f"{feld}[{i}]") for i, eintrag in enumerate(wert))


def _optional(
    daten: dict[str, Any], schluessel: str, feld: str, lies: Callable[[Any, str], T], vorgabe: T
) -> T:
    wert = daten.get(schluessel)
    return vorgabe if wert is None else lies(wert, f"{feld}.{schluessel}")


def _einkommen(wert: Any, feld: str) -> Einkommen:
    daten = _objekt(wert, feld, ("art", "brutto_monat", "netto_monat", "plus"))
    art = _auswahl(_pflicht(daten, "art", f"{feld}.art"), f"{feld}.art", EINKOMMENSARTEN)
    brutto = parse_cent(_pflicht(daten, "brutto_monat", f"{feld}.brutto_monat"), f"{feld}.brutto_monat")
    netto = daten.get("netto_monat")
    netto_cent = None if netto is None else parse_cent(netto, f"{feld}.netto_monat")
    if netto_cent is not None and netto_cent > brutto:
        raise Eingabefehler(f"{feld}.netto_monat", "Das Nettoeinkommen darf nicht höher als das Brutto sein.")
    plus = _optional(daten, "plus", feld, _bool, False)
    if plus and art != "elterngeld":
        raise Eingabefehler(f"{feld}.plus", "„plus“ gibt es nur beim Elterngeld (ElterngeldPlus).")
    return Einkommen(art, brutto, netto_cent, plus)


def _unterhalt(wert: Any, feld: str) -> Unterhaltszahlung:
    daten = _objekt(wert, feld, ("art", "betrag_monat", "tituliert"))
    art = _auswahl(_pflicht(daten, "art", f"{feld}.art"), f"{feld}.art", UNTERHALTSARTEN)
    betrag = parse_cent(_pflicht(daten, "betrag_monat", f"{feld}.betrag_monat"), f"{feld}.betrag_monat")
    return Unterhaltszahlung(art, betrag, _optional(daten, "tituliert", feld, _bool, False))


PERSONENFELDER = (
    "id",
    "rolle",
    "alter",
    "einkommen",
    "abzuege",
    "kindergeld",
    "grad_der_behinderung",
    "haeuslich_pflegebeduerftig",
    "ns_verfolgt",
    "grundrentenzeiten_jahre",
    "bezieht",
    "beruecksichtigt_bei_transferleistung",
    "unterhalt_gezahlt",
    "vermoegen",
    "schwanger",
    "erwerbsfaehig",
    "bewilligungsbeginn",
    "in_ausbildung",
    "mehrbedarf_teilhabe",
    "merkzeichen_g",
    "mehrbedarf_ernaehrung_monat",
    "geburtsdatum",
)


def _person(wert: Any, feld: str) -> Person:
    daten = _objekt(wert, feld, PERSONENFELDER)
    keine: tuple[str, ...] = ()
    abzuege = _optional(
        daten, "abzuege", feld, lambda w, f: _liste(w, f, lambda x, g: _auswahl(x, g, ABZUEGE)), keine
    )
    if len(set(abzuege)) != len(abzuege):
        raise Eingabefehler(f"{feld}.abzuege", "Jeder Abzug darf nur einmal genannt werden.")
    leistungen = TRANSFERLEISTUNGEN_MIT_KDU + SONSTIGE_LEISTUNGEN
    return Person(
        id=_text(_pflicht(daten, "id", f"{feld}.id"), f"{feld}.id"),
        rolle=_auswahl(_pflicht(daten, "rolle", f"{feld}.rolle"), f"{feld}.rolle", ROLLEN),
        alter=_ganzzahl(_pflicht(daten, "alter", f"{feld}.alter"), f"{feld}.alter", 0, 130),
        einkommen=_optional(daten, "einkommen", feld, lambda w, f: _liste(w, f, _einkommen), ()),
        abzuege=frozenset(abzuege),
        kindergeld=_optional(daten, "kindergeld", feld, _bool, False),
        grad_der_behinderung=_optional(
            daten, "grad_der_behinderung", feld, lambda w, f: _ganzzahl(w, f, 0, 100), 0
        ),
        haeuslich_pflegebeduerftig=_optional(daten, "haeuslich_pflegebeduerftig", feld, _bool, False),
        ns_verfolgt=_optional(daten, "ns_verfolgt", feld, _bool, False),
        grundrentenzeiten_jahre=_optional(
            daten, "grundrentenzeiten_jahre", feld, lambda w, f: _ganzzahl(w, f, 0, 80), 0
        ),
        bezieht=_optional(
            daten, "bezieht", feld, lambda w, f: _liste(w, f, lambda x, g: _auswahl(x, g, leistungen)), ()
        ),
        beruecksichtigt_bei_transferleistung=_optional(
            daten, "beruecksichtigt_bei_transferleistung", feld, _bool, False
        ),
        unterhalt_gezahlt=_optional(
            daten, "unterhalt_gezahlt", feld, lambda w, f: _liste(w, f, _unterhalt), ()
        ),
        vermoegen=_optional(daten, "vermoegen", feld, parse_cent, 0),
        schwanger=_optional(daten, "schwanger", feld, _bool, False),
        erwerbsfaehig=_optional(daten, "erwerbsfaehig", feld, _bool, None),
        bewilligungsbeginn=_optional(daten, "bewilligungsbeginn", feld, _datum, None),
        in_ausbildung=_optional(daten, "in_ausbildung", feld, _bool, False),
        mehrbedarf_teilhabe=_optional(daten, "mehrbedarf_teilhabe", feld, _bool, False),
        merkzeichen_g=_optional(daten, "merkzeichen_g", feld, _bool, False),
        mehrbedarf_ernaehrung_monat=_optional(daten, "mehrbedarf_ernaehrung_monat", feld, parse_cent, 0),
        geburtsdatum=_optional(daten, "geburtsdatum", feld, _datum, None),
    )


def lebensjahre(geburtsdatum: dt.date, stichtag: dt.date) -> int:
    """Completed years of age on ``stichtag`` (§ 187 Abs. 2 Satz 2 BGB: the birthday counts)."""
    return (
        stichtag.year
        - geburtsdatum.year
        - ((stichtag.month, stichtag.day) < (geburtsdatum.month, geburtsdatum.day))
    )


def _pruefe_geburtsdatum(person: Person, feld: str, stichtag: dt.date) -> None:
    if person.geburtsdatum is None:
        return
    if person.geburtsdatum > stichtag:
        raise Eingabefehler(f"{feld}.geburtsdatum", "Das Geburtsdatum liegt nach dem Stichtag.")
    jahre = lebensjahre(person.geburtsdatum, stichtag)
    if jahre != person.alter:
        raise Eingabefehler(
            f"{feld}.geburtsdatum",
            f"Das Geburtsdatum passt nicht zum Alter: am Stichtag ist die Person {jahre} Jahre alt, "
            f"angegeben sind {person.alter}.",
        )


WOHNUNGSFELDER = (
    "art",
    "kosten_monat",
    "mietstufe",
    "gemeinde",
    "land",
    "kreis",
    "heizkosten_monat",
    "angemessene_kosten_monat",
    "warmwasser_dezentral",
    "kdu_traeger",
)


def _wohnung(wert: Any) -> Wohnung:
    daten = _objekt(wert, "wohnung", WOHNUNGSFELDER)
    mietstufe = _optional(daten, "mietstufe", "wohnung", lambda w, f: _ganzzahl(w, f, 1, 7), None)
    gemeinde = _optional(daten, "gemeinde", "wohnung", _text, None)
    land = _optional(daten, "land", "wohnung", lambda w, f: _auswahl(w, f, LAENDER), None)
    if mietstufe is None and gemeinde is None:
        raise Eingabefehler("wohnung.gemeinde", "Bitte Gemeinde und Land oder die Mietenstufe angeben.")
    if gemeinde is not None and land is None:
        raise Eingabefehler("wohnung.land", "Zur Gemeinde fehlt das Land (z. B. „RP“).")
    return Wohnung(
        art=_auswahl(_pflicht(daten, "art", "wohnung.art"), "wohnung.art", ("miete", "eigentum")),
        kosten_monat=parse_cent(
            _pflicht(daten, "kosten_monat", "wohnung.kosten_monat"), "wohnung.kosten_monat"
        ),
        mietstufe=mietstufe,
        gemeinde=gemeinde,
        land=land,
        kreis=_optional(daten, "kreis", "wohnung", _text, None),
        heizkosten_monat=_optional(daten, "heizkosten_monat", "wohnung", parse_cent, None),
        angemessene_kosten_monat=_optional(daten, "angemessene_kosten_monat", "wohnung", parse_cent, None),
        warmwasser_dezentral=_optional(daten, "warmwasser_dezentral", "wohnung", _bool, False),
        kdu_traeger=_optional(daten, "kdu_traeger", "wohnung", _text, None),
    )


def lies_haushalt(daten: Any) -> Haushalt:
    """Validate the Haushalt JSON (already decoded) and return the typed household."""
    wurzel = _objekt(daten, "", ("stichtag", "wohnung", "personen"))
    stichtag = _datum(_pflicht(wurzel, "stichtag", "stichtag"), "stichtag")
    wohnung = _wohnung(_pflicht(wurzel, "wohnung", "wohnung"))
    roh = _pflicht(wurzel, "personen", "personen")
    if isinstance(roh, list):
        pruefe_anzahl(len(roh))
    personen = _liste(roh, "personen", _person)
    if not personen:
        raise Eingabefehler("personen", "Mindestens eine Person (die antragstellende) ist anzugeben.")
    for i, person in enumerate(personen):
        _pruefe_geburtsdatum(person, f"personen[{i}]", stichtag)
    rollen = [p.rolle for p in personen]
    if rollen.count("antragsteller") != 1:
        raise Eingabefehler("personen", "Genau eine Person muss die Rolle „antragsteller“ haben.")
    if rollen.count("partner") > 1:
        raise Eingabefehler("personen", "Höchstens eine Person kann die Rolle „partner“ haben.")
    pruefe_alter(rollen, [p.alter for p in personen])
    ids = [p.id for p in personen]
    for i, pid in enumerate(ids):
        if pid in ids[:i]:
            raise Eingabefehler(f"personen[{i}].id", f"Die id „{pid}“ kommt mehrfach vor.")
    return Haushalt(stichtag, wohnung, personen)
