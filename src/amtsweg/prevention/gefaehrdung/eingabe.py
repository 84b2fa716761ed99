"""The Baustelle as input: a frozen dataclass and a validating parser for JSON/form dicts."""

from __future__ import annotations

import datetime as dt
from dataclasses import asdict, dataclass, field, fields
from typing import Any

from amtsweg.prevention.gefaehrdung.schwellen import BOESCHUNG_MAX_GRAD
from amtsweg.prevention.gefaehrdung.wissensbasis import lade_wissensbasis
from amtsweg.rules.engine.fehler import Eingabefehler

GRUPPEN = {
    "jugendliche": "Jugendliche",
    "schwangere": "Schwangere oder stillende Beschäftigte",
    "leiharbeit": "Leiharbeitnehmerinnen und -nehmer",
    "ohne_deutsch": "Beschäftigte ohne ausreichende Deutschkenntnisse",
}
ABSTURZ_ARTEN = ("sonstige", "wandoeffnung_treppe", "wasser")
LEITER_ZWECKE = ("zugang", "arbeitsplatz")


@dataclass(frozen=True, slots=True)
class Baustelle:
    bezeichnung: str
    beginn: dt.date
    arbeitstage: int
    beschaeftigte_gleichzeitig: int
    taetigkeiten: tuple[str, ...]
    betrieb: str = ""
    ort: str = ""
    verantwortlich: str = "Unternehmerin/Unternehmer"
    personentage: int | None = None
    mehrere_arbeitgeber: bool = False
    besondere_gruppen: tuple[str, ...] = ()
    absturzhoehe_m: float | None = None
    absturz_art: str = "sonstige"
    dach_flach_klein: bool = False
    besonders_unterwiesen: bool = False
    grabentiefe_m: float | None = None
    boden: str = "nichtbindig"
    boeschungswinkel_grad: float | None = None
    verbau: bool = False
    leiter_zweck: str | None = None
    leiter_hoehe_m: float | None = None
    leiter_dauer_h: float = 0.0
    asbest_fasern_m3: float | None = None
    asbest_beschaeftigte: int = 1
    asbest_personenstunden: float | None = None
    laerm_dba: float | None = None
    laerm_spitze_dbc: float | None = None
    hand_arm_ms2: float | None = None
    ganzkoerper_xy_ms2: float | None = None
    ganzkoerper_z_ms2: float | None = None
    uv_stunden_taeglich: float | None = None
    uv_tage: int | None = None
    hochspannung_abstand_m: float | None = None
    freileitung_abstand_m: float | None = None
    freileitung_spannung_kv: float | None = None
    freileitung_freigeschaltet: bool = False
    allein: bool = False
    sicherungsposten: bool = False
    fahrer_ohne_unterweisung: bool = False
    bagger_hebt: bool = False
    verbrennungsmotor_innen: bool = False
    lueftung_technisch: bool = False
    ohne_verkehrsrechtliche_anordnung: bool = False
    baujahr: int | None = None
    anhang2_weitere: tuple[str, ...] = field(default=())
    #: per measure (key "taetigkeit.gefaehrdung.n"): responsible person and deadline set by the firm
    massnahmen: tuple[tuple[str, str, dt.date], ...] = field(default=())

    def als_dict(self) -> dict[str, Any]:
        daten = asdict(self)
        daten["beginn"] = self.beginn.isoformat()
        daten["massnahmen"] = {
            k: {"verantwortlich": v, "frist": f.isoformat()} for k, v, f in self.massnahmen
        }
        return {k: (list(v) if isinstance(v, tuple) else v) for k, v in daten.items()}

    def festlegung(self, schluessel: str) -> tuple[str, dt.date] | None:
        for k, verantwortlich, frist in self.massnahmen:
            if k == schluessel:
                return verantwortlich, frist
        return None


def _leer(wert: Any) -> bool:
    return wert is None or (isinstance(wert, str) and not wert.strip())


def _zahl(daten: dict[str, Any], feld: str, minimum: float = 0, maximum: float = 1e9) -> float | None:
    wert = daten.get(feld)
    if _leer(wert):
        return None
    try:
        zahl = float(str(wert).replace(",", "."))
    except ValueError:
        raise Eingabefehler(feld, "Bitte geben Sie eine Zahl ein.") from None
    if not minimum <= zahl <= maximum:
        raise Eingabefehler(feld, f"Bitte geben Sie einen Wert zwischen {minimum:g} und {maximum:g} ein.")
    return zahl


def _ganz(daten: dict[str, Any], feld: str, minimum: int = 0, maximum: int = 100_000) -> int | None:
    zahl = _zahl(daten, feld, minimum, maximum)
    if zahl is None:
        return None
    if zahl != int(zahl):
        raise Eingabefehler(feld, "Bitte geben Sie eine ganze Zahl ein.")
    return int(zahl)


def _ja(daten: dict[str, Any], feld: str) -> bool:
    wert = daten.get(feld, False)
    if isinstance(wert, str):
        return wert.lower() in ("1", "true", "ja", "on", "yes")
    return bool(wert)


def _liste(daten: dict[str, Any], feld: str) -> tuple[str, ...]:
    wert = daten.get(feld) or []
    if isinstance(wert, str):
        wert = [w for w in wert.replace(";", ",").split(",") if w.strip()]
    if not isinstance(wert, list | tuple):
        raise Eingabefehler(feld, "Bitte geben Sie eine Liste an.")
    return tuple(str(w).strip() for w in wert)


def _wahl(daten: dict[str, Any], feld: str, erlaubt: tuple[str, ...], standard: str | None) -> str | None:
    wert = daten.get(feld)
    if _leer(wert):
        return standard
    if wert not in erlaubt:
        raise Eingabefehler(feld, f"Erlaubt sind: {', '.join(erlaubt)}.")
    return str(wert)


def arbeitstag_plus(beginn: dt.date, tage: int) -> dt.date:
    """The date of the ``tage``-th working day (Mon–Fri) counted from ``beginn`` (day 1)."""
    tag, gezaehlt = beginn, 0
    while True:
        if tag.weekday() < 5:
            gezaehlt += 1
            if gezaehlt >= tage:
                return tag
        tag += dt.timedelta(days=1)


def massnahmen_schluessel(taetigkeiten: tuple[str, ...]) -> list[str]:
    """Stable keys of all measures for the chosen activities (incl. the general site entry)."""
    wb = lade_wissensbasis()
    ids = [t.id for t in wb.taetigkeiten.values() if t.immer] + list(taetigkeiten)
    return [
        f"{t}.{g.id}.{n}"
        for t in ids
        for g in wb.taetigkeiten[t].gefaehrdungen
        for n in range(1, len(g.massnahmen) + 1)
    ]


def _festlegungen(daten: dict[str, Any], erlaubt: list[str], ende: dt.date) -> tuple[Any, ...]:
    """Responsible person and deadline per measure: {key: {verantwortlich, frist}} or a list of
    {massnahme, verantwortlich, frist}. Both must be given; the deadline lies before the end of the site."""
    roh = daten.get("massnahmen") or {}
    if isinstance(roh, list):
        if not all(isinstance(e, dict) for e in roh):
            raise Eingabefehler("massnahmen", "Bitte geben Sie die Maßnahmen als Liste von Objekten an.")
        roh = {str(e.get("massnahme", "")): e for e in roh}
    if not isinstance(roh, dict):
        raise Eingabefehler("massnahmen", "Bitte geben Sie die Maßnahmen als Objekt an.")
    ergebnis = []
    for schluessel, wert in roh.items():
        feld = f"massnahmen.{schluessel}"
        if schluessel not in erlaubt:
            raise Eingabefehler(feld, "Diese Maßnahme gehört zu keiner gewählten Tätigkeit.")
        if not isinstance(wert, dict):
            raise Eingabefehler(feld, "Bitte geben Sie Verantwortliche Person und Frist an.")
        person = str(wert.get("verantwortlich") or "").strip()
        frist_text = str(wert.get("frist") or "").strip()
        if not person and not frist_text:
            continue
        if not person:
            raise Eingabefehler(
                f"{feld}.verantwortlich", "Bitte geben Sie an, wer für diese Maßnahme verantwortlich ist."
            )
        if len(person) > 200 or any(ord(z) < 32 for z in person):
            raise Eingabefehler(
                f"{feld}.verantwortlich", "Bitte geben Sie einen Namen mit höchstens 200 Zeichen an."
            )
        if not frist_text:
            raise Eingabefehler(f"{feld}.frist", "Bitte geben Sie eine Frist für diese Maßnahme an.")
        try:
            frist = dt.date.fromisoformat(frist_text)
        except ValueError:
            raise Eingabefehler(
                f"{feld}.frist", "Bitte geben Sie die Frist als Datum (JJJJ-MM-TT) an."
            ) from None
        if frist.year < 2000:
            raise Eingabefehler(f"{feld}.frist", "Bitte geben Sie ein Datum ab dem Jahr 2000 an.")
        if frist > ende:
            raise Eingabefehler(
                f"{feld}.frist",
                "Die Frist liegt nach dem voraussichtlichen Ende der Baustelle "
                f"({ende:%d.%m.%Y}). Maßnahmen müssen während der Arbeiten wirken.",
            )
        ergebnis.append((schluessel, person, frist))
    return tuple(ergebnis)


def baustelle_aus_dict(daten: dict[str, Any]) -> Baustelle:
    """Parse and validate a Baustelle (JSON API, CLI or form); raises ``Eingabefehler``."""
    wb = lade_wissensbasis()
    bezeichnung = str(daten.get("bezeichnung") or "").strip()
    if not bezeichnung:
        raise Eingabefehler("bezeichnung", "Bitte geben Sie eine Bezeichnung der Baustelle an.")
    try:
        beginn = dt.date.fromisoformat(str(daten.get("beginn") or ""))
    except ValueError:
        raise Eingabefehler("beginn", "Bitte geben Sie den Beginn als Datum (JJJJ-MM-TT) an.") from None
    taetigkeiten = _liste(daten, "taetigkeiten")
    for t in taetigkeiten:
        if t not in wb.taetigkeiten or wb.taetigkeiten[t].immer:
            raise Eingabefehler("taetigkeiten", f"Unbekannte Tätigkeit „{t}“.")
    if not taetigkeiten:
        raise Eingabefehler("taetigkeiten", "Bitte wählen Sie mindestens eine Tätigkeit aus.")
    gruppen = _liste(daten, "besondere_gruppen")
    for g in gruppen:
        if g not in GRUPPEN:
            raise Eingabefehler("besondere_gruppen", f"Unbekannte Beschäftigtengruppe „{g}“.")
    anhang2 = _liste(daten, "anhang2_weitere")
    for nr in anhang2:
        if nr not in {str(i) for i in range(1, 11)}:
            raise Eingabefehler("anhang2_weitere", "Anhang II BaustellV hat die Nummern 1 bis 10.")
    leiter_zweck = _wahl(daten, "leiter_zweck", LEITER_ZWECKE, None)
    werte: dict[str, Any] = {
        "bezeichnung": bezeichnung[:200],
        "beginn": beginn,
        "arbeitstage": _ganz(daten, "arbeitstage", 1, 5000) or 0,
        "beschaeftigte_gleichzeitig": _ganz(daten, "beschaeftigte_gleichzeitig", 1, 10_000) or 0,
        "taetigkeiten": tuple(dict.fromkeys(taetigkeiten)),
        "betrieb": str(daten.get("betrieb") or "")[:200],
        "ort": str(daten.get("ort") or "")[:200],
        "verantwortlich": str(daten.get("verantwortlich") or "").strip()[:200] or "Unternehmerin/Unternehmer",
        "personentage": _ganz(daten, "personentage", 1, 10_000_000),
        "mehrere_arbeitgeber": _ja(daten, "mehrere_arbeitgeber"),
        "besondere_gruppen": gruppen,
        "absturzhoehe_m": _zahl(daten, "absturzhoehe_m", 0, 500),
        "absturz_art": _wahl(daten, "absturz_art", ABSTURZ_ARTEN, "sonstige"),
        "dach_flach_klein": _ja(daten, "dach_flach_klein"),
        "besonders_unterwiesen": _ja(daten, "besonders_unterwiesen"),
        "grabentiefe_m": _zahl(daten, "grabentiefe_m", 0, 100),
        "boden": _wahl(daten, "boden", tuple(BOESCHUNG_MAX_GRAD), "nichtbindig"),
        "boeschungswinkel_grad": _zahl(daten, "boeschungswinkel_grad", 0, 90),
        "verbau": _ja(daten, "verbau"),
        "leiter_zweck": leiter_zweck,
        "leiter_hoehe_m": _zahl(daten, "leiter_hoehe_m", 0, 100),
        "leiter_dauer_h": _zahl(daten, "leiter_dauer_h", 0, 24) or 0.0,
        "asbest_fasern_m3": _zahl(daten, "asbest_fasern_m3", 0, 1e9),
        "asbest_beschaeftigte": _ganz(daten, "asbest_beschaeftigte", 1, 1000) or 1,
        "asbest_personenstunden": _zahl(daten, "asbest_personenstunden", 0, 1e6),
        "laerm_dba": _zahl(daten, "laerm_dba", 0, 200),
        "laerm_spitze_dbc": _zahl(daten, "laerm_spitze_dbc", 0, 250),
        "hand_arm_ms2": _zahl(daten, "hand_arm_ms2", 0, 100),
        "ganzkoerper_xy_ms2": _zahl(daten, "ganzkoerper_xy_ms2", 0, 100),
        "ganzkoerper_z_ms2": _zahl(daten, "ganzkoerper_z_ms2", 0, 100),
        "uv_stunden_taeglich": _zahl(daten, "uv_stunden_taeglich", 0, 5),
        "uv_tage": _ganz(daten, "uv_tage", 0, 183),
        "hochspannung_abstand_m": _zahl(daten, "hochspannung_abstand_m", 0, 10_000),
        "freileitung_abstand_m": _zahl(daten, "freileitung_abstand_m", 0, 10_000),
        "freileitung_spannung_kv": _zahl(daten, "freileitung_spannung_kv", 0.05, 1000),
        "freileitung_freigeschaltet": _ja(daten, "freileitung_freigeschaltet"),
        "allein": _ja(daten, "allein"),
        "sicherungsposten": _ja(daten, "sicherungsposten"),
        "fahrer_ohne_unterweisung": _ja(daten, "fahrer_ohne_unterweisung"),
        "bagger_hebt": _ja(daten, "bagger_hebt"),
        "verbrennungsmotor_innen": _ja(daten, "verbrennungsmotor_innen"),
        "lueftung_technisch": _ja(daten, "lueftung_technisch"),
        "ohne_verkehrsrechtliche_anordnung": _ja(daten, "ohne_verkehrsrechtliche_anordnung"),
        "baujahr": _ganz(daten, "baujahr", 1000, 2100),
        "anhang2_weitere": anhang2,
    }
    if not werte["arbeitstage"]:
        raise Eingabefehler("arbeitstage", "Bitte geben Sie die voraussichtliche Dauer in Arbeitstagen an.")
    if not werte["beschaeftigte_gleichzeitig"]:
        raise Eingabefehler("beschaeftigte_gleichzeitig", "Bitte geben Sie die Zahl der Beschäftigten an.")
    if leiter_zweck and werte["leiter_hoehe_m"] is None:
        raise Eingabefehler("leiter_hoehe_m", "Bitte geben Sie die Höhe für die Leiter an.")
    werte["massnahmen"] = _festlegungen(
        daten,
        massnahmen_schluessel(werte["taetigkeiten"]),
        arbeitstag_plus(beginn, werte["arbeitstage"]),
    )
    bekannt = {f.name for f in fields(Baustelle)}
    unbekannt = sorted(k for k in daten if k not in bekannt and k != "csrf_token")
    if unbekannt:
        raise Eingabefehler(unbekannt[0], "Diese Angabe ist unbekannt.")
    return Baustelle(**werte)
