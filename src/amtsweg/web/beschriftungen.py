"""German labels for the internal codes shown on pages (Antragsart, household roles, income types,
deductions, Länder, user roles, ...), one table per code set, and the Jinja filters that use them.

Tables that already exist elsewhere are reused, not copied: the Länder come from the official Mietstufen
list (``amtsweg.rules.wohngeld.mietstufe.LAENDER``), the form labels from ``web.formulare.felder``, the
status labels from ``cases.status``. Importing this module registers the filters and globals in the
template environment (the routers import it); an unknown code is shown as it is, never hidden.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from typing import Any

from amtsweg.rules.engine.fehler import RegelwerkFehler
from amtsweg.rules.wohngeld.mietstufe import LAENDER  # the same table as felder.LAENDER
from amtsweg.web.formulare.felder import ABZUEGE, EINKOMMENSARTEN, ROLLEN, WOHNUNGSARTEN
from amtsweg.web.vorlagen import VORLAGEN, datum, euro

LEISTUNGEN = {
    "wohngeld": "Wohngeld",
    "grundsicherung": "Grundsicherung",
    "kinderzuschlag": "Kinderzuschlag",
}
ANTRAGSARTEN = {
    "erstantrag": "Erstantrag",
    "weiterleistung": "Weiterleistungsantrag",
    "aenderung": "Änderungsmitteilung",
}
ENTSCHEIDUNGSARTEN = {
    "bewilligung": "Bewilligung",
    "teilbewilligung": "Teilbewilligung",
    "ablehnung": "Ablehnung",
}
#: roles of user accounts (who acted, in the staff timeline)
BENUTZERROLLEN = {
    "buerger": "Bürgerin/Bürger",
    "sachbearbeitung": "Sachbearbeitung",
    "teamleitung": "Teamleitung",
    "aufsicht": "Aufsicht",
    "revision": "Revision",
    "administration": "Administration",
    "ki_verantwortliche": "KI-Verantwortliche",
    "system": "System (automatisiert)",
}
#: kinds of uploaded documents (``Dokument.art``; the types of the reading pipeline, documents.typen)
DOKUMENTARTEN = {
    "nachweis": "Nachweis",
    "mietbescheinigung": "Mietbescheinigung",
    "mietvertrag": "Mietvertrag",
    "lohnabrechnung": "Lohn- oder Gehaltsabrechnung",
    "rentenbescheid": "Rentenbescheid",
    "alg_bescheid": "Bescheid über Arbeitslosengeld",
    "kontoauszug": "Kontoauszug",
    "schwerbehindertenausweis": "Schwerbehindertenausweis",
    "uvg_bescheid": "Bescheid über Unterhaltsvorschuss",
    "sonstiges": "Sonstige Unterlage",
}
DATEITYPEN = {
    "application/pdf": "PDF",
    "image/jpeg": "JPEG-Bild",
    "image/png": "PNG-Bild",
    "image/tiff": "TIFF-Bild",
}
#: benefits a person receives (``personen[].bezieht``, § 7 WoGG)
BEZUEGE = {
    "buergergeld": "Bürgergeld",
    "grundsicherungsgeld": "Grundsicherungsgeld",
    "ausbildung_zuschuss_sgb2": "Zuschuss zu Ausbildungskosten (SGB II)",
    "verletztengeld_grundsicherung": "Verletztengeld (Grundsicherung)",
    "grundsicherung_alter": "Grundsicherung im Alter und bei Erwerbsminderung",
    "hilfe_zum_lebensunterhalt": "Hilfe zum Lebensunterhalt",
    "sgb14_lebensunterhalt": "Leistungen zum Lebensunterhalt (SGB XIV)",
    "asylbewerberleistungen": "Leistungen nach dem Asylbewerberleistungsgesetz",
    "sgb8": "Leistungen der Kinder- und Jugendhilfe (SGB VIII)",
    "kindergeld": "Kindergeld",
    "kinderzuschlag": "Kinderzuschlag",
    "wohngeld": "Wohngeld",
    "bafoeg": "BAföG",
    "elterngeld": "Elterngeld",
}
UNTERHALTSARTEN = {
    "auswaerts_ausbildung": "für ein auswärts in Ausbildung lebendes Kind",
    "kind_anderer_haushalt": "für ein Kind in einem anderen Haushalt",
    "ehegatte": "für (frühere) Ehe- oder Lebenspartner/in",
    "sonstige": "sonstiger Unterhalt",
}
#: keys of a person in the Haushalt JSON
PERSONENMERKMALE = {
    "id": "Name",
    "rolle": "Beziehung",
    "alter": "Alter",
    "einkommen": "Einkommen",
    "abzuege": "Abzüge",
    "kindergeld": "Kindergeld",
    "grad_der_behinderung": "Grad der Behinderung",
    "haeuslich_pflegebeduerftig": "Häuslich pflegebedürftig",
    "ns_verfolgt": "NS-Verfolgte/r",
    "grundrentenzeiten_jahre": "Grundrentenzeiten (Jahre)",
    "bezieht": "Bezieht",
    "beruecksichtigt_bei_transferleistung": "Bei einer Transferleistung berücksichtigt",
    "unterhalt_gezahlt": "Gezahlter Unterhalt",
    "vermoegen": "Vermögen",
    "schwanger": "Schwanger",
    "erwerbsfaehig": "Erwerbsfähig",
    "bewilligungsbeginn": "Bewilligungsbeginn",
    "in_ausbildung": "In Ausbildung",
    "mehrbedarf_teilhabe": "Mehrbedarf Teilhabe",
    "merkzeichen_g": "Merkzeichen G",
    "mehrbedarf_ernaehrung_monat": "Mehrbedarf Ernährung monatlich",
}
#: keys of the Wohnung in the Haushalt JSON
WOHNUNGSMERKMALE = {
    "art": "Art der Wohnung",
    "kosten_monat": "Miete oder Belastung monatlich",
    "mietstufe": "Mietenstufe",
    "gemeinde": "Gemeinde",
    "land": "Land",
    "kreis": "Kreis",
    "heizkosten_monat": "Heizkosten monatlich",
    "angemessene_kosten_monat": "Angemessene Kosten monatlich",
    "warmwasser_dezentral": "Warmwasser dezentral",
    "kdu_traeger": "Träger der Kosten der Unterkunft",
}

#: filter name -> table (each filter maps one code to its label)
TABELLEN: dict[str, Mapping[str, str]] = {
    "leistung": LEISTUNGEN,
    "antragsart": ANTRAGSARTEN,
    "entscheidungsart": ENTSCHEIDUNGSARTEN,
    "rolle": ROLLEN,
    "benutzerrolle": BENUTZERROLLEN,
    "einkommensart": EINKOMMENSARTEN,
    "abzug": ABZUEGE,
    "land": LAENDER,
    "wohnungsart": WOHNUNGSARTEN,
    "dokumentart": DOKUMENTARTEN,
    "dateityp": DATEITYPEN,
    "bezug": BEZUEGE,
    "unterhaltsart": UNTERHALTSARTEN,
    "personenmerkmal": PERSONENMERKMALE,
    "wohnungsmerkmal": WOHNUNGSMERKMALE,
}


def beschriftung(tabelle: str, code: Any) -> str:
    """The label of ``code`` in the named table; the code itself if it has none ("–" for nothing)."""
    if code is None or code == "":
        return "–"
    return TABELLEN[tabelle].get(str(code), str(code))


def iso_datum(wert: Any) -> str:
    """A date kept as ISO text in the Antrag JSON, German (TT.MM.JJJJ); other text unchanged."""
    if isinstance(wert, dt.date):
        return datum(wert)
    try:
        return datum(dt.date.fromisoformat(str(wert)))
    except ValueError:
        return "–" if wert in (None, "") else str(wert)


def _ja_nein(wert: bool) -> str:
    return "ja" if wert else "nein"


def _betrag(wert: Any) -> str:
    try:
        return euro(str(wert))
    except (RegelwerkFehler, ValueError, ArithmeticError):  # not an amount: shown as given
        return str(wert)


def angabe(schluessel: str, wert: Any) -> str:
    """One further fact of a person (key of the Haushalt JSON) as German text, e.g.
    ``abzuege: ["kranken_pflegeversicherung"]`` -> "Beiträge zur Kranken- und Pflegeversicherung"."""
    if isinstance(wert, bool):
        return _ja_nein(wert)
    if schluessel == "abzuege":
        return ", ".join(beschriftung("abzug", a) for a in wert) or "keine"
    if schluessel == "bezieht":
        return ", ".join(beschriftung("bezug", b) for b in wert) or "keine"
    if schluessel == "unterhalt_gezahlt":
        teile = []
        for u in wert:
            if isinstance(u, Mapping):
                text = f"{_betrag(u.get('betrag_monat'))} {beschriftung('unterhaltsart', u.get('art'))}"
                teile.append(text + (" (tituliert)" if u.get("tituliert") else ""))
        return "; ".join(teile) or "keiner"
    if schluessel in ("vermoegen", "mehrbedarf_ernaehrung_monat"):
        return _betrag(wert)
    if schluessel == "bewilligungsbeginn":
        return iso_datum(wert)
    if isinstance(wert, list | tuple):
        return ", ".join(str(x) for x in wert)
    return str(wert)


def _registriere() -> None:
    umgebung = VORLAGEN.env
    for name in TABELLEN:
        umgebung.filters[name] = lambda code, _t=name: beschriftung(_t, code)
    umgebung.filters["iso_datum"] = iso_datum
    umgebung.filters["ja_nein"] = _ja_nein
    umgebung.globals["angabe"] = angabe
    umgebung.globals["beschriftungen"] = TABELLEN


_registriere()
