"""Shared helpers of the Gefährdungsbeurteilung pages: form parsing, form page and result page."""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Annotated, Any

from fastapi import Depends, Request
from starlette.responses import Response

from amtsweg.cases.modelle import Benutzer
from amtsweg.prevention.gefaehrdung.beurteilung import Gefaehrdungsbeurteilung, beurteile
from amtsweg.prevention.gefaehrdung.eingabe import GRUPPEN, baustelle_aus_dict
from amtsweg.prevention.gefaehrdung.schwellen import BODEN_NAMEN
from amtsweg.prevention.gefaehrdung.wissensbasis import lade_wissensbasis
from amtsweg.rules.engine.fehler import Eingabefehler
from amtsweg.web.vorlagen import seite

LISTEN = ("taetigkeiten", "besondere_gruppen", "anhang2_weitere")
MAX_TEXT = 5000
FELDNAMEN = {
    "absturzhoehe_m": "Absturzhöhe in m",
    "grabentiefe_m": "Grabentiefe in m",
    "beschaeftigte_gleichzeitig": "Beschäftigte gleichzeitig",
    "arbeitstage": "Arbeitstage",
    "personentage": "Personentage",
    "stunden": "Dauer in Stunden",
    "asbest_personenstunden": "Asbest: Personenstunden",
    "asbest_fasern_m3": "Asbest: Fasern/m³",
    "laerm_dba": "Lärm in dB(A)",
    "hand_arm_ms2": "Hand-Arm-Vibration in m/s²",
    "boeschungswinkel_grad": "Böschungswinkel in Grad",
    "baujahr": "Baujahr",
    "freileitung_abstand_m": "Abstand zur Freileitung in m",
    "freileitung_spannung_kv": "Nennspannung der Leitung in kV",
    "allein": "Alleinarbeit",
    "mehrere_arbeitgeber": "Beschäftigte mehrerer Arbeitgeber",
    "fahrer_ohne_unterweisung": "Maschinenführer nicht unterwiesen",
    "bagger_hebt": "Bagger hebt Lasten",
    "ohne_verkehrsrechtliche_anordnung": "Verkehrsrechtliche Anordnung fehlt",
    "sicherungsposten": "Sicherungsposten vorhanden",
    "lueftung_technisch": "Technische Lüftung",
    "freileitung_freigeschaltet": "Freileitung freigeschaltet",
    "verbrennungsmotor_innen": "Verbrennungsmotor in Räumen",
    "verbau": "Verbau vorgesehen",
}
PRAEFIX = "massnahmen."


async def formular_daten(request: Request) -> dict[str, Any]:
    daten: dict[str, Any] = {k: [] for k in LISTEN}
    for k, v in (await request.form()).multi_items():
        if not isinstance(v, str) or k == "csrf_token":
            continue
        if k in LISTEN:
            daten[k].append(v)
        else:
            daten[k] = v
    return daten


#: the posted form, read in the event loop; the handlers that use it are sync and run in the thread pool
Formulardaten = Annotated[dict[str, Any], Depends(formular_daten)]


def massnahmen_aus_formular(daten: dict[str, Any]) -> dict[str, dict[str, str]]:
    """Remove the per-measure fields ``massnahmen.<key>.verantwortlich|frist`` from ``daten`` and return
    them as {key: {"verantwortlich": ..., "frist": ...}}."""
    ergebnis: dict[str, dict[str, str]] = {}
    for name in [k for k in daten if k.startswith(PRAEFIX)]:
        wert = str(daten.pop(name))[:300]
        schluessel, _, teil = name[len(PRAEFIX) :].rpartition(".")
        if teil in ("verantwortlich", "frist") and schluessel:
            ergebnis.setdefault(schluessel, {})[teil] = wert
    return ergebnis


@dataclass(frozen=True)
class Ergebnisformular:
    """The posted result page: the Baustelle as assessed (without per-measure entries), that assessment,
    the entries of step 4, the saved assessment's id and the reason of a Fortschreibung."""

    grund: dict[str, Any]
    vorher: Gefaehrdungsbeurteilung
    werte_m: dict[str, dict[str, str]]
    gb_id: int | None
    anlass: str


def ganzzahl(wert: object) -> int | None:
    return int(wert) if isinstance(wert, str) and wert.isdigit() and len(wert) < 12 else None


def ergebnisformular(daten: dict[str, Any]) -> Ergebnisformular:
    """Parse the result page's form; Eingabefehler if the embedded Baustelle is invalid."""
    grund = json_eingabe(str(daten.get("eingabe", "")))
    grund.pop("massnahmen", None)
    return Ergebnisformular(
        grund=grund,
        vorher=beurteile(baustelle_aus_dict(grund)),
        werte_m=massnahmen_aus_formular(daten),
        gb_id=ganzzahl(daten.get("gb_id")),
        anlass=str(daten.get("anlass", ""))[:2000],
    )


def json_eingabe(text: str) -> dict[str, Any]:
    try:
        daten = json.loads(text)
    except ValueError:
        raise Eingabefehler(
            "eingabe", "Die Angaben sind unvollständig. Bitte füllen Sie das Formular erneut aus."
        ) from None
    if not isinstance(daten, dict):
        raise Eingabefehler("eingabe", "Die Angaben sind ungültig.")
    return daten


def ohne_leere(daten: dict[str, Any]) -> dict[str, Any]:
    return {k: v for k, v in daten.items() if v not in ("", None)}


def formularseite(
    request: Request,
    benutzer: Benutzer | None,
    werte: dict[str, Any],
    status: int = 200,
    fehler: Eingabefehler | None = None,
    erkennung: Any = None,
    gb_id: int | None = None,
) -> Response:
    wb = lade_wissensbasis()
    return seite(
        request,
        "gefaehrdung/formular.html",
        status_code=status,
        benutzer=benutzer,
        werte=werte,
        fehler=fehler,
        erkennung=erkennung,
        taetigkeiten=wb.waehlbar(),
        gruppen=GRUPPEN,
        boeden=BODEN_NAMEN,
        feldnamen=FELDNAMEN,
        version=wb.version,
        gb_id=gb_id,
        massnahmen_json=json.dumps(werte.get("massnahmen") or {}, ensure_ascii=False),
    )


def ergebnisseite(
    request: Request,
    benutzer: Benutzer | None,
    gb: Gefaehrdungsbeurteilung,
    status: int = 200,
    fehler: Eingabefehler | None = None,
    werte_m: dict[str, dict[str, str]] | None = None,
    gb_id: int | None = None,
    anlass: str = "",
    fassungen: Any = None,
) -> Response:
    """The result page; step 4 carries the per-measure inputs (responsible person, deadline) and the save
    buttons. ``werte_m`` are the values entered (shown again after an error)."""
    eingabe = gb.baustelle.als_dict()
    grund = {k: v for k, v in eingabe.items() if k != "massnahmen"}
    if werte_m is None:
        werte_m = {
            m.schluessel: {"verantwortlich": m.verantwortlich, "frist": m.frist.isoformat()}
            for z in gb.zeilen
            for m in z.massnahmen
            if m.festgelegt
        }
    return seite(
        request,
        "gefaehrdung/ergebnis.html",
        status_code=status,
        benutzer=benutzer,
        gb=gb,
        fehler=fehler,
        werte_m=werte_m,
        gb_id=gb_id,
        anlass=anlass,
        fassungen=fassungen,
        eingabe_json=json.dumps(eingabe, ensure_ascii=False),
        grund_json=json.dumps(grund, ensure_ascii=False),
    )
