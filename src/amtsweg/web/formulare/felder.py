"""Shared helpers: reading single fields, and mapping the rules' JSON paths to form field names."""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import Any

from amtsweg.rules.engine.fehler import Eingabefehler
from amtsweg.rules.engine.geld import parse_cent
from amtsweg.rules.wohngeld.mietstufe import LAENDER as MIETSTUFEN_LAENDER

#: form field -> German message that names the field
Fehler = dict[str, str]

LAENDER = MIETSTUFEN_LAENDER  # Land code -> name, from the official Mietstufen list
ROLLEN = {
    "antragsteller": "Antragstellende Person",
    "partner": "Ehe- oder Lebenspartner/in",
    "kind": "Kind",
    "sonstige": "Sonstige Person im Haushalt",
}
EINKOMMENSARTEN = {
    "erwerbstaetigkeit": "Lohn oder Gehalt",
    "minijob": "Minijob",
    "rente": "Rente",
    "versorgungsbezuege": "Pension (Versorgungsbezüge)",
    "arbeitslosengeld": "Arbeitslosengeld",
    "unterhaltsvorschuss": "Unterhaltsvorschuss",
    "unterhalt": "Unterhalt",
    "elterngeld": "Elterngeld",
    "sonstige": "Sonstiges Einkommen",
}
ABZUEGE = {
    "steuern": "Steuern vom Einkommen",
    "kranken_pflegeversicherung": "Beiträge zur Kranken- und Pflegeversicherung",
    "rentenversicherung": "Beiträge zur Rentenversicherung",
}
WOHNUNGSARTEN = {"miete": "Mietwohnung", "eigentum": "Selbst genutztes Eigentum"}


def wert(form: Mapping[str, Any], name: str) -> str:
    roh = form.get(name)
    return roh.strip() if isinstance(roh, str) else ""


def haken(form: Mapping[str, Any], name: str) -> bool:
    return wert(form, name) in ("1", "ja", "on", "true")


def pruefe_betrag(text: str, name: str, label: str, fehler: Fehler, pflicht: bool = True) -> None:
    if not text:
        if pflicht:
            fehler[name] = f"{label}: Bitte geben Sie einen Betrag in Euro an."
        return
    try:
        parse_cent(text, name)
    except Eingabefehler as e:
        fehler[name] = f"{label}: {e.meldung}"


def pruefe_ganzzahl(
    text: str, name: str, label: str, fehler: Fehler, minimum: int, maximum: int, pflicht: bool = True
) -> None:
    if not text:
        if pflicht:
            fehler[name] = f"{label}: Bitte geben Sie eine Zahl an."
        return
    if not re.fullmatch(r"\d{1,4}", text) or not minimum <= int(text) <= maximum:
        fehler[name] = f"{label}: Bitte eine ganze Zahl von {minimum} bis {maximum} angeben."


def pruefe_auswahl(
    text: str, name: str, label: str, optionen: Mapping[str, str], fehler: Fehler, pflicht: bool = True
) -> None:
    if not text:
        if pflicht:
            fehler[name] = f"{label}: Bitte wählen Sie einen Eintrag aus."
        return
    if text not in optionen:
        fehler[name] = f"{label}: Bitte wählen Sie einen der angebotenen Einträge aus."


_PERSONENFELD = {
    "id": "name",
    "rolle": "rolle",
    "alter": "alter",
    "grad_der_behinderung": "gdb",
    "haeuslich_pflegebeduerftig": "pflege",
    "kindergeld": "kindergeld",
    "abzuege": "abzuege",
    "vermoegen": "vermoegen",
    "bezieht": "bezieht",
}
_WOHNUNGSFELD = {
    "art": "wohnung_art",
    "kosten_monat": "wohnung_kosten",
    "gemeinde": "wohnung_gemeinde",
    "land": "wohnung_land",
    "kreis": "wohnung_kreis",
    "mietstufe": "wohnung_mietstufe",
    "heizkosten_monat": "wohnung_heizkosten",
}


def formularfeld(pfad: str) -> str:
    """The form field for a rules JSON path (``personen[1].einkommen[0].brutto_monat`` -> ``p1_e0_brutto``);
    ``allgemein`` when the path names no single field."""
    if m := re.fullmatch(r"personen\[(\d+)\]\.einkommen\[(\d+)\]\.(\w+)", pfad):
        teil = {"brutto_monat": "brutto", "netto_monat": "netto"}.get(m.group(3), "art")
        return f"p{m.group(1)}_e{m.group(2)}_{teil}"
    if m := re.fullmatch(r"personen\[(\d+)\](?:\.(\w+))?.*", pfad):
        return f"p{m.group(1)}_{_PERSONENFELD.get(m.group(2) or '', 'alter')}"
    if m := re.fullmatch(r"wohnung\.(\w+)", pfad):
        return _WOHNUNGSFELD.get(m.group(1), "wohnung_gemeinde")
    if pfad == "personen":
        return "personen"
    return "allgemein"


def feldlabel(feld: str) -> str:
    """A German label for a form field, to name it in messages from the rules."""
    feste = {
        "wohnung_art": "Art der Wohnung",
        "wohnung_kosten": "Bruttokaltmiete",
        "wohnung_gemeinde": "Gemeinde",
        "wohnung_land": "Bundesland",
        "wohnung_kreis": "Kreis",
        "wohnung_mietstufe": "Mietenstufe",
        "wohnung_heizkosten": "Heizkosten",
        "personen": "Haushalt",
        "bemerkung": "Bemerkung",
    }
    if feld in feste:
        return feste[feld]
    if m := re.fullmatch(r"p(\d+)_e\d+_(\w+)", feld):
        teil = {"brutto": "Bruttobetrag", "netto": "Nettobetrag"}.get(m.group(2), "Art des Einkommens")
        return f"{teil} (Person {int(m.group(1)) + 1})"
    if m := re.fullmatch(r"p(\d+)_(\w+)", feld):
        teil = {
            "name": "Name",
            "rolle": "Beziehung",
            "alter": "Alter",
            "gdb": "Grad der Behinderung",
            "abzuege": "Abzüge",
            "vermoegen": "Vermögen",
            "bezieht": "Leistungen",
        }.get(m.group(2), "Angaben")
        return f"{teil} (Person {int(m.group(1)) + 1})"
    return "Angaben"


def regelmeldung(fehler: Exception) -> tuple[str, str]:
    """(form field, message naming the field) for an error raised by the rules."""
    if isinstance(fehler, Eingabefehler):
        feld = formularfeld(fehler.feld)
        return feld, f"{feldlabel(feld)}: {fehler.meldung}"
    return "allgemein", f"Angaben: {fehler}"
