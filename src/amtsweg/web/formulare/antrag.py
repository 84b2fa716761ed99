"""The multi-step Wohngeld Antrag: raw form values kept in the draft, validated per step, and turned
into the Haushalt JSON of the rules (``amtsweg.rules.haushalt.eingabe``) at the end."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Mapping
from typing import Any

from amtsweg.rules.engine.fehler import Eingabefehler, RegelwerkFehler
from amtsweg.rules.engine.geld import parse_cent
from amtsweg.rules.grundsicherung.einkommen import NETTO_PFLICHT
from amtsweg.rules.haushalt.eingabe import lies_haushalt
from amtsweg.web.formulare import angaben
from amtsweg.web.formulare.felder import (
    ABZUEGE,
    EINKOMMENSARTEN,
    LAENDER,
    ROLLEN,
    WOHNUNGSARTEN,
    Fehler,
    haken,
    pruefe_auswahl,
    pruefe_betrag,
    pruefe_ganzzahl,
    regelmeldung,
    wert,
)

SCHRITTE = {1: "Wohnung", 2: "Haushalt", 3: "Einkommen", 4: "Weitere Angaben", 5: "Zusammenfassung"}
LETZTER = max(SCHRITTE)
MAX_PERSONEN = 12
MAX_EINKOMMEN = 6
MAX_BEMERKUNG = 5000
MAX_NAME = 100
#: children below this age get no boxes for taxes and contributions: they may not be employed
#: (§ 5 Abs. 1, § 2 Abs. 1 JArbSchG) except light work from 13 (§ 5 Abs. 3), which stays far below any
#: tax or contribution threshold
ABZUEGE_AB_ALTER = 15


def stichtag(heute: dt.date | None = None) -> dt.date:
    """The Stichtag of a new Antrag: the first day of the current month."""
    return (heute or dt.date.today()).replace(day=1)


def neue_person(name: str = "", rolle: str = "") -> dict[str, Any]:
    return {
        "name": name,
        "rolle": rolle,
        "alter": "",
        "gdb": "",
        "pflege": False,
        "kindergeld": False,
        "einkommen": [],
        "abzuege": [],
        "vermoegen": "",
        "bezieht": [],
    }


def leer(name: str) -> dict[str, Any]:
    """A new draft: the applicant is the first household member."""
    return {
        "wohnung": {"art": "miete", "kosten": "", "gemeinde": "", "land": "", "kreis": ""},
        "personen": [neue_person(name, "antragsteller")],
        "angaben": angaben.leer(),
        "bemerkung": "",
    }


def aus_haushalt(
    haushalt: Mapping[str, Any], vorgangsangaben: Mapping[str, Any] | None = None
) -> dict[str, Any]:
    """Draft data pre-filled from a submitted Haushalt JSON (a Weiterleistung with changed data).

    Amounts keep the JSON notation ("1300.00", accepted by the form), so that unchanged values give
    the same Haushalt JSON again; facts the form does not ask for are not taken over."""
    w = haushalt.get("wohnung") or {}
    personen = []
    for i, p in enumerate(haushalt.get("personen") or []):
        person = neue_person(str(p.get("id") or ""), "antragsteller" if i == 0 else str(p.get("rolle") or ""))
        person.update(
            alter=str(p.get("alter", "")),
            gdb=str(p["grad_der_behinderung"]) if p.get("grad_der_behinderung") else "",
            pflege=p.get("haeuslich_pflegebeduerftig") is True,
            kindergeld=p.get("kindergeld") is True,
            einkommen=[
                {
                    "art": str(e.get("art") or ""),
                    "brutto": _deutsch(e.get("brutto_monat")),
                    "netto": _deutsch(e.get("netto_monat")),
                }
                for e in (p.get("einkommen") or [])[:MAX_EINKOMMEN]
            ],
            abzuege=[a for a in (p.get("abzuege") or []) if a in ABZUEGE],
            vermoegen=_deutsch(p.get("vermoegen")) if p.get("vermoegen") not in (None, "0.00", 0) else "",
            bezieht=[
                "grundsicherungsgeld" if b == "buergergeld" else b
                for b in (p.get("bezieht") or [])
                if b in angaben.TRANSFERLEISTUNGEN or b == "buergergeld"
            ],
        )
        personen.append(person)
    return {
        "wohnung": {
            "art": str(w.get("art") or ""),
            "kosten": _deutsch(w.get("kosten_monat")),
            **{f: str(w.get(f) or "") for f in ("gemeinde", "land", "kreis")},
        },
        "personen": personen[:MAX_PERSONEN] or [neue_person("", "antragsteller")],
        "angaben": angaben.aus_vorgang(vorgangsangaben or {}, personen),
        "bemerkung": "",
    }


def _deutsch(betrag: Any) -> str:
    """A stored amount ("1300.00" or 1300) in the form's German notation ("1300,00")."""
    text = "" if betrag is None else str(betrag)
    return text.replace(".", ",") if re.fullmatch(r"\d+\.\d{1,2}", text) else text


def vervollstaendigt(daten: Mapping[str, Any], name: str) -> dict[str, Any]:
    """The draft data with every key present (old or empty drafts)."""
    basis = leer(name)
    neu = {**basis, **dict(daten)}
    neu["wohnung"] = {**basis["wohnung"], **dict(neu.get("wohnung") or {})}
    neu["angaben"] = {**basis["angaben"], **dict(neu.get("angaben") or {})}
    neu["personen"] = [{**neue_person(), **p} for p in (neu.get("personen") or basis["personen"])]
    neu["personen"][0]["rolle"] = "antragsteller"
    return neu


def mit_abzuegen(person: Mapping[str, Any]) -> bool:
    """Whether the form offers the § 16 WoGG boxes (taxes, health and pension contributions) for a person."""
    alter = str(person.get("alter") or "")
    return not (person.get("rolle") == "kind" and alter.isdigit() and int(alter) < ABZUEGE_AB_ALTER)


def netto_noetig(art: str) -> bool:
    """Whether the net amount is asked for an income: the SGB II and the Kinderzuschlag count these
    incomes net (§ 11b Abs. 1 SGB II), so the all-benefits check needs it."""
    return art in NETTO_PFLICHT


def personenname(person: Mapping[str, Any], i: int) -> str:
    name = str(person.get("name") or "").strip()
    return name or f"Person {i + 1}"


# --- taking over the form values ----------------------------------------------------------------


def _anzahl(form: Mapping[str, Any], name: str, maximum: int) -> int:
    text = wert(form, name)
    return min(int(text), maximum) if text.isdigit() else 0


def uebernimm(schritt: int, daten: dict[str, Any], form: Mapping[str, Any]) -> dict[str, Any]:
    """The draft data with the values of step ``schritt`` from the form, including the row buttons
    (``aktion=person_hinzufuegen``, ``aktion=entfernen_<i>``); nothing is validated here."""
    neu = dict(daten)
    aktion = wert(form, "aktion")
    if schritt == 1:
        neu["wohnung"] = {
            f: wert(form, f"wohnung_{f}") for f in ("art", "kosten", "gemeinde", "land", "kreis")
        }
    elif schritt == 2:
        alt = list(daten["personen"])
        personen = []
        for i in range(max(1, _anzahl(form, "personen_anzahl", MAX_PERSONEN))):
            person = {**neue_person(), **(alt[i] if i < len(alt) else {})}
            person.update(
                name=wert(form, f"p{i}_name")[: MAX_NAME + 1],
                rolle="antragsteller" if i == 0 else wert(form, f"p{i}_rolle"),
                alter=wert(form, f"p{i}_alter"),
                gdb=wert(form, f"p{i}_gdb"),
                pflege=haken(form, f"p{i}_pflege"),
                kindergeld=haken(form, f"p{i}_kindergeld"),
            )
            personen.append(person)
        if aktion == "person_hinzufuegen" and len(personen) < MAX_PERSONEN:
            personen.append(neue_person())
        elif aktion.startswith("entfernen_") and aktion[10:].isdigit():
            index = int(aktion[10:])
            if 0 < index < len(personen):
                del personen[index]
        neu["personen"] = personen
    elif schritt == 3:
        personen = []
        for i, person in enumerate(daten["personen"]):
            einkommen = []
            for j in range(_anzahl(form, f"p{i}_e_anzahl", MAX_EINKOMMEN)):
                art, brutto = wert(form, f"p{i}_e{j}_art"), wert(form, f"p{i}_e{j}_brutto")
                netto = wert(form, f"p{i}_e{j}_netto")
                if art or brutto or netto:
                    einkommen.append({"art": art, "brutto": brutto, "netto": netto})
            abzuege = [a for a in ABZUEGE if haken(form, f"p{i}_abzug_{a}")] if mit_abzuegen(person) else []
            personen.append({**person, "einkommen": einkommen, "abzuege": abzuege})
        neu["personen"] = personen
    elif schritt == 4:
        neu = angaben.uebernimm(neu, form)
    elif schritt == 5:
        behoerde = wert(form, "behoerde_id")
        if behoerde.isdigit():
            neu["behoerde_id"] = int(behoerde)
    return neu


def zeilenaktion(form: Mapping[str, Any]) -> bool:
    """True if the button only changes the rows (add/remove a person, another income)."""
    aktion = wert(form, "aktion")
    return aktion in ("person_hinzufuegen", "einkommen_hinzufuegen") or aktion.startswith("entfernen_")


# --- validation ---------------------------------------------------------------------------------


def _eigene_pruefung(schritt: int, daten: Mapping[str, Any]) -> Fehler:
    fehler: Fehler = {}
    if schritt == 1:
        w = daten["wohnung"]
        pruefe_auswahl(w.get("art", ""), "wohnung_art", "Art der Wohnung", WOHNUNGSARTEN, fehler)
        label = "Bruttokaltmiete" if w.get("art") != "eigentum" else "Belastung"
        pruefe_betrag(w.get("kosten", ""), "wohnung_kosten", label, fehler)
        if not w.get("gemeinde"):
            fehler["wohnung_gemeinde"] = "Gemeinde: Bitte geben Sie Ihre Stadt oder Gemeinde an."
        elif len(w["gemeinde"]) > 200:
            fehler["wohnung_gemeinde"] = "Gemeinde: Bitte höchstens 200 Zeichen."
        pruefe_auswahl(w.get("land", ""), "wohnung_land", "Bundesland", LAENDER, fehler)
        if len(w.get("kreis", "")) > 200:
            fehler["wohnung_kreis"] = "Kreis: Bitte höchstens 200 Zeichen."
    elif schritt == 2:
        namen: list[str] = []
        for i, p in enumerate(daten["personen"]):
            wer = f"Person {i + 1}"
            if not p.get("name"):
                fehler[f"p{i}_name"] = f"Name ({wer}): Bitte Vor- und Nachnamen angeben."
            elif len(p["name"]) > MAX_NAME:
                fehler[f"p{i}_name"] = f"Name ({wer}): Bitte höchstens {MAX_NAME} Zeichen."
            elif p["name"] in namen:
                fehler[f"p{i}_name"] = f"Name ({wer}): Jede Person braucht einen eigenen Namen."
            namen.append(p.get("name", ""))
            if i > 0:
                rollen = {k: v for k, v in ROLLEN.items() if k != "antragsteller"}
                pruefe_auswahl(p.get("rolle", ""), f"p{i}_rolle", f"Beziehung ({wer})", rollen, fehler)
            pruefe_ganzzahl(p.get("alter", ""), f"p{i}_alter", f"Alter ({wer})", fehler, 0, 130)
            pruefe_ganzzahl(
                p.get("gdb", ""), f"p{i}_gdb", f"Grad der Behinderung ({wer})", fehler, 0, 100, pflicht=False
            )
    elif schritt == 3:
        for i, p in enumerate(daten["personen"]):
            wer = personenname(p, i)
            for j, e in enumerate(p.get("einkommen", [])):
                pruefe_auswahl(
                    e.get("art", ""), f"p{i}_e{j}_art", f"Art des Einkommens ({wer})", EINKOMMENSARTEN, fehler
                )
                pruefe_betrag(e.get("brutto", ""), f"p{i}_e{j}_brutto", f"Bruttobetrag ({wer})", fehler)
                _pruefe_netto(e, f"p{i}_e{j}_netto", wer, fehler)
    return fehler


def _pruefe_netto(e: Mapping[str, Any], name: str, wer: str, fehler: Fehler) -> None:
    label = f"Nettobetrag ({wer})"
    netto = e.get("netto", "")
    if not netto:
        if netto_noetig(e.get("art", "")) and _cent(e.get("brutto", "")) not in (0, None):
            fehler[name] = (
                f"{label}: Bitte geben Sie den Betrag an, der nach Abzug von Steuern und "
                "Sozialversicherungsbeiträgen ausgezahlt wird (steht auf der Lohn- oder Rentenabrechnung)."
            )
        return
    pruefe_betrag(netto, name, label, fehler)
    brutto, netto_cent = _cent(e.get("brutto", "")), _cent(netto)
    if name not in fehler and brutto is not None and netto_cent is not None and netto_cent > brutto:
        fehler[name] = f"{label}: Der Nettobetrag kann nicht höher sein als der Bruttobetrag."


def _cent(text: str) -> int | None:
    try:
        return parse_cent(text, "betrag") if text else None
    except Eingabefehler:
        return None


def geld(text: Any) -> Any:
    """A form amount ("1.600,00") in the notation of the Haushalt schema ("1600.00"); invalid text is
    passed on unchanged so that the rules name the field."""
    cent = _cent(text) if isinstance(text, str) else None
    return text if cent is None else f"{cent // 100}.{cent % 100:02d}"


def _zahl(text: Any) -> Any:
    """A whole number from the form as int (the schema wants integers); other text unchanged."""
    return int(text) if isinstance(text, str) and text.isdigit() and len(text) <= 4 else text


def haushalt(daten: Mapping[str, Any], tag: dt.date, bis_schritt: int = LETZTER) -> dict[str, Any]:
    """The Haushalt JSON of the draft; before step 2/3 with a placeholder person / without income."""
    w = daten["wohnung"]
    wohnung: dict[str, Any] = {"art": w.get("art"), "kosten_monat": geld(w.get("kosten"))}
    for feld in ("gemeinde", "land", "kreis"):
        if w.get(feld):
            wohnung[feld] = w[feld]
    if bis_schritt < 2:
        return {
            "stichtag": tag.isoformat(),
            "wohnung": wohnung,
            "personen": [{"id": "antragsteller", "rolle": "antragsteller", "alter": 40}],
        }
    personen = []
    for i, p in enumerate(daten["personen"]):
        person: dict[str, Any] = {
            "id": personenname(p, i),
            "rolle": "antragsteller" if i == 0 else p.get("rolle"),
            "alter": _zahl(p.get("alter")),
        }
        if p.get("gdb"):
            person["grad_der_behinderung"] = _zahl(p["gdb"])
        if p.get("pflege"):
            person["haeuslich_pflegebeduerftig"] = True
        if p.get("kindergeld"):
            person["kindergeld"] = True
        if bis_schritt >= 4:
            person.update(angaben.personenzusatz(daten, p, tag))
        if bis_schritt >= 3:
            if p.get("einkommen"):
                person["einkommen"] = [_einkommen(e) for e in p["einkommen"]]
            if p.get("abzuege"):
                person["abzuege"] = list(p["abzuege"])
        personen.append(person)
    return {"stichtag": tag.isoformat(), "wohnung": wohnung, "personen": personen}


def _einkommen(e: Mapping[str, Any]) -> dict[str, Any]:
    eintrag = {"art": e.get("art"), "brutto_monat": geld(e.get("brutto"))}
    if e.get("netto"):
        eintrag["netto_monat"] = geld(e["netto"])
    return eintrag


def schritt_des_felds(feld: str) -> int:
    if feld.startswith("wohnung_") or feld == "allgemein":
        return 1
    if "_e" in feld or feld.endswith("_abzuege"):
        return 3
    if feld == "bemerkung" or feld in angaben.FELDER or feld.endswith(("_vermoegen", "_bezieht")):
        return 4
    return 2


def pruefe_schritt(schritt: int, daten: Mapping[str, Any], tag: dt.date) -> Fehler:
    """Errors of one step: required fields and formats first, then the rules (for steps 1-3)."""
    fehler = angaben.pruefe(daten, tag) if schritt == 4 else _eigene_pruefung(schritt, daten)
    if fehler or schritt > 3:
        return fehler
    from amtsweg.rules.wohngeld import berechne_wohngeld

    try:
        berechne_wohngeld(haushalt(daten, tag, schritt))
    except RegelwerkFehler as e:
        feld, meldung = regelmeldung(e)
        if schritt_des_felds(feld) == schritt:
            fehler[feld] = meldung
    return fehler


def endpruefung(daten: Mapping[str, Any], tag: dt.date) -> tuple[int, Fehler] | None:
    """The first step with an error (and its errors), or None if the Antrag can be submitted."""
    for schritt in range(1, LETZTER):
        if fehler := pruefe_schritt(schritt, daten, tag):
            return schritt, fehler
    try:
        lies_haushalt(haushalt(daten, tag))
    except RegelwerkFehler as e:
        feld, meldung = regelmeldung(e)
        return schritt_des_felds(feld), {feld: meldung}
    return None
