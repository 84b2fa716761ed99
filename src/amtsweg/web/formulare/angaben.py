"""Step 4 of the Wohngeld Antrag, "Weitere Angaben": what the official Antrag asks besides household and
income — Vermögen (§ 21 Nr. 3 WoGG), transfer benefits (§ 7 WoGG) and earlier Wohngeld, the Mietverhältnis
and the bank account for the payment (§ 26 Abs. 2 WoGG) — plus the free-text statement.

Vermögen amounts and transfer benefits go into the Haushalt JSON (``vermoegen``, ``bezieht``: they change
the calculation); the rest is stored beside it as the Vorgang's ``angaben`` (see ``vorgangsangaben``)."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Mapping, Sequence
from typing import Any

from amtsweg.cases.bescheide import iban_maskiert as iban_maskiert
from amtsweg.web.formulare.felder import Fehler, haken, pruefe_betrag, pruefe_ganzzahl, wert

MAX_TEXT = 200
MAX_BEMERKUNG = 5000
JA_NEIN = {"ja": "Ja", "nein": "Nein"}
#: transfer benefits with Kosten der Unterkunft (§ 7 Abs. 1 WoGG) the form asks for; codes of the schema
TRANSFERLEISTUNGEN = {
    "grundsicherungsgeld": "Grundsicherungsgeld oder Bürgergeld (SGB II)",
    "grundsicherung_alter": "Grundsicherung im Alter und bei Erwerbsminderung (SGB XII)",
    "hilfe_zum_lebensunterhalt": "Hilfe zum Lebensunterhalt (SGB XII)",
    "asylbewerberleistungen": "Leistungen nach dem Asylbewerberleistungsgesetz",
}
#: before 1 July 2026 the SGB II benefit is called Bürgergeld (the rules accept each name in its period)
GRUNDSICHERUNGSGELD_AB = dt.date(2026, 7, 1)
FELDER = ("vermoegen", "kontoinhaber", "iban", "vermieter", "mietbeginn", "wohnflaeche", "vermieter_verwandt",
          "wohngeld_bisher", "wohngeld_bisher_stelle")  # fmt: skip


def leer() -> dict[str, str]:
    return dict.fromkeys(FELDER, "")


def uebernimm(daten: dict[str, Any], form: Mapping[str, Any]) -> dict[str, Any]:
    """The draft with the values of step 4 (nothing validated here)."""
    neu = dict(daten)
    neu["angaben"] = {f: wert(form, f)[: MAX_TEXT + 1] for f in FELDER}
    neu["angaben"]["iban"] = wert(form, "iban")[:60]
    personen = []
    for i, p in enumerate(daten["personen"]):
        bezieht = [k for k in TRANSFERLEISTUNGEN if haken(form, f"p{i}_bezieht_{k}")]
        personen.append({**p, "vermoegen": wert(form, f"p{i}_vermoegen"), "bezieht": bezieht})
    neu["personen"] = personen
    bemerkung = form.get("bemerkung")
    neu["bemerkung"] = bemerkung if isinstance(bemerkung, str) else ""
    return neu


# --- IBAN ---------------------------------------------------------------------------------------


def iban_normalisiert(text: str) -> str:
    return re.sub(r"\s+", "", text).upper()


def iban_fehler(text: str) -> str | None:
    """German message (without the field name) if ``text`` is no valid IBAN: format, the German length of
    22 characters, and the check digits (ISO 13616, mod 97 = 1)."""
    iban = iban_normalisiert(text)
    if not re.fullmatch(r"[A-Z]{2}\d{2}[A-Z0-9]{11,30}", iban):
        return "Bitte geben Sie die IBAN vollständig an, zum Beispiel DE02 1203 0000 0000 2020 51."
    if iban.startswith("DE") and len(iban) != 22:
        return f"Eine deutsche IBAN hat 22 Zeichen; Ihre Angabe hat {len(iban)}."
    zahl = "".join(str(int(z, 36)) for z in iban[4:] + iban[:4])
    if int(zahl) % 97 != 1:
        return "Die Prüfziffer der IBAN stimmt nicht. Bitte prüfen Sie die IBAN auf Tippfehler."
    return None


# --- thresholds and validation --------------------------------------------------------------------


def vermoegensgrenze_cent(personen: int, stichtag: dt.date) -> int:
    """The limit for erhebliches Vermögen of the rules (Nr. 21.37 WoGVwV, A-0061), for display."""
    from amtsweg.rules.wohngeld.werte import werte_am

    w = werte_am(stichtag)
    return int(w.vermoegen_erstes + w.vermoegen_weiteres * max(personen - 1, 0))


def _mietbeginn(text: str) -> dt.date | None:
    m = re.fullmatch(r"(\d{1,2})[./](\d{4})", text)
    if not m or not 1 <= int(m.group(1)) <= 12:
        return None
    return dt.date(int(m.group(2)), int(m.group(1)), 1)


def pruefe(daten: Mapping[str, Any], stichtag: dt.date) -> Fehler:
    fehler: Fehler = {}
    a = {**leer(), **(daten.get("angaben") or {})}
    personen = daten["personen"]
    if a["vermoegen"] not in JA_NEIN:
        fehler["vermoegen"] = "Vermögen: Bitte wählen Sie Ja oder Nein."
    elif a["vermoegen"] == "ja":
        for i, p in enumerate(personen):
            pruefe_betrag(
                p.get("vermoegen", ""), f"p{i}_vermoegen", f"Vermögen (Person {i + 1})", fehler, False
            )
        if not fehler and not any(p.get("vermoegen") for p in personen):
            fehler["p0_vermoegen"] = "Vermögen (Person 1): Bitte geben Sie an, wer wie viel Vermögen hat."
    if not a["kontoinhaber"].isdigit() or int(a["kontoinhaber"]) >= len(personen):
        fehler["kontoinhaber"] = (
            "Kontoinhaberin oder Kontoinhaber: Bitte wählen Sie eine Person aus dem Haushalt."
        )
    if not a["iban"]:
        fehler["iban"] = "IBAN: Bitte geben Sie die IBAN des Kontos an, auf das das Wohngeld gezahlt wird."
    elif meldung := iban_fehler(a["iban"]):
        fehler["iban"] = f"IBAN: {meldung}"
    if daten["wohnung"].get("art") == "miete":
        if not a["vermieter"]:
            fehler["vermieter"] = "Vermieterin oder Vermieter: Bitte geben Sie den Namen an."
        beginn = _mietbeginn(a["mietbeginn"])
        if beginn is None:
            fehler["mietbeginn"] = "Mietbeginn: Bitte als Monat und Jahr angeben, zum Beispiel 04.2021."
        elif beginn > stichtag.replace(day=28) + dt.timedelta(days=120):
            fehler["mietbeginn"] = "Mietbeginn: Der Mietbeginn liegt zu weit in der Zukunft."
        pruefe_ganzzahl(a["wohnflaeche"], "wohnflaeche", "Wohnfläche", fehler, 1, 2000)
        if a["vermieter_verwandt"] not in JA_NEIN:
            fehler["vermieter_verwandt"] = (
                "Verwandtschaft mit der Vermieterseite: Bitte wählen Sie Ja oder Nein."
            )
    if a["wohngeld_bisher"] not in JA_NEIN:
        fehler["wohngeld_bisher"] = "Bisheriges Wohngeld: Bitte wählen Sie Ja oder Nein."
    elif a["wohngeld_bisher"] == "ja" and not a["wohngeld_bisher_stelle"]:
        fehler["wohngeld_bisher_stelle"] = "Bisherige Wohngeldstelle: Bitte geben Sie die Stelle an."
    if len(daten.get("bemerkung", "")) > MAX_BEMERKUNG:
        fehler["bemerkung"] = f"Bemerkung: Bitte höchstens {MAX_BEMERKUNG} Zeichen."
    return fehler


# --- into the Haushalt JSON and the Vorgang ---------------------------------------------------------


def personenzusatz(daten: Mapping[str, Any], person: Mapping[str, Any], stichtag: dt.date) -> dict[str, Any]:
    """Fields of one person for the Haushalt JSON: ``vermoegen`` only if Vermögen was declared (then for
    everybody, 0 where empty), ``bezieht`` with the SGB II name valid on the Stichtag."""
    from amtsweg.web.formulare.antrag import geld  # antrag imports this module

    zusatz: dict[str, Any] = {}
    if (daten.get("angaben") or {}).get("vermoegen") == "ja":
        zusatz["vermoegen"] = geld(person.get("vermoegen") or "0")
    bezieht = [
        "buergergeld" if k == "grundsicherungsgeld" and stichtag < GRUNDSICHERUNGSGELD_AB else k
        for k in person.get("bezieht") or []
        if k in TRANSFERLEISTUNGEN
    ]
    if bezieht:
        zusatz["bezieht"] = bezieht
    return zusatz


def vorgangsangaben(daten: Mapping[str, Any]) -> dict[str, Any]:
    """The statements stored beside the Haushalt JSON (``Vorgang.angaben``); only what was asked."""
    a = {**leer(), **(daten.get("angaben") or {})}
    personen = daten["personen"]
    ergebnis: dict[str, Any] = {"vermoegen_erheblich": a["vermoegen"] == "ja"}
    if a["kontoinhaber"].isdigit() and int(a["kontoinhaber"]) < len(personen) and a["iban"]:
        inhaber = personen[int(a["kontoinhaber"])]
        ergebnis["konto"] = {"inhaber": str(inhaber.get("name") or ""), "iban": iban_normalisiert(a["iban"])}
    if daten["wohnung"].get("art") == "miete" and a["vermieter"]:
        ergebnis["mietverhaeltnis"] = {
            "vermieter": a["vermieter"],
            "mietbeginn": a["mietbeginn"],
            "wohnflaeche_qm": int(a["wohnflaeche"]) if a["wohnflaeche"].isdigit() else None,
            "vermieter_verwandt": a["vermieter_verwandt"] == "ja",
        }
    ergebnis["wohngeld_bisher"] = {
        "bezogen": a["wohngeld_bisher"] == "ja",
        "stelle": a["wohngeld_bisher_stelle"],
    }
    return ergebnis


def aus_vorgang(angaben: Mapping[str, Any], personen: Sequence[Mapping[str, Any]]) -> dict[str, str]:
    """Draft values of step 4 pre-filled from a Vorgang's ``angaben`` (Folgeanträge)."""
    a = leer()
    if "vermoegen_erheblich" in angaben:
        a["vermoegen"] = "ja" if angaben["vermoegen_erheblich"] else "nein"
    konto = angaben.get("konto") or {}
    namen = [str(p.get("name") or "") for p in personen]
    if konto.get("inhaber") in namen:
        a["kontoinhaber"] = str(namen.index(konto["inhaber"]))
        a["iban"] = str(konto.get("iban") or "")
    miete = angaben.get("mietverhaeltnis") or {}
    if miete:
        a["vermieter"] = str(miete.get("vermieter") or "")
        a["mietbeginn"] = str(miete.get("mietbeginn") or "")
        a["wohnflaeche"] = str(miete.get("wohnflaeche_qm") or "")
        a["vermieter_verwandt"] = "ja" if miete.get("vermieter_verwandt") else "nein"
    bisher = angaben.get("wohngeld_bisher") or {}
    if bisher:
        a["wohngeld_bisher"] = "ja" if bisher.get("bezogen") else "nein"
        a["wohngeld_bisher_stelle"] = str(bisher.get("stelle") or "")
    return a
