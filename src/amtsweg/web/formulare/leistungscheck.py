"""The Leistungs-Check: a short form -> Haushalt JSON -> ``amtsweg.rules.vorrang.berechne(.., "alle")``
-> a non-binding overview. Nothing is stored."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from amtsweg.rules.engine.fehler import RegelwerkFehler
from amtsweg.rules.engine.geld import parse_cent
from amtsweg.web.formulare.felder import (
    EINKOMMENSARTEN,
    LAENDER,
    ROLLEN,
    Fehler,
    pruefe_auswahl,
    pruefe_betrag,
    pruefe_ganzzahl,
    regelmeldung,
    wert,
)

MAX_PERSONEN = 12
LEISTUNGSNAMEN = {
    "wohngeld": "Wohngeld",
    "kinderzuschlag": "Kinderzuschlag",
    "kindergeld": "Kindergeld",
    "grundsicherung": "Grundsicherungsgeld (SGB II)",
}
#: short German labels of the Vorrangprüfung's result codes (shown where the trace gives the code as value)
ERGEBNISKURZ = {
    "kein_sgb2_bedarf": "kein Bedarf an Grundsicherungsgeld",
    "wohngeld_kinderzuschlag": "Wohngeld und Kinderzuschlag gehen vor",
    "wahlrecht_100_euro": "Wahlrecht (§ 6a Abs. 1a BKGG)",
    "grundsicherung": "Grundsicherungsgeld",
}
ERGEBNISTEXTE = {
    "kein_sgb2_bedarf": "Ihr Lebensunterhalt ist voraussichtlich ohne Grundsicherungsgeld gedeckt. "
    "Wohngeld, Kinderzuschlag und Kindergeld kommen in Frage, soweit unten ein Betrag steht.",
    "wohngeld_kinderzuschlag": "Wohngeld und Kinderzuschlag gehen vor: Mit ihnen sind Sie voraussichtlich "
    "nicht auf Grundsicherungsgeld angewiesen (Vorrang nach § 12a SGB II).",
    "wahlrecht_100_euro": "Sie können voraussichtlich wählen: Grundsicherungsgeld oder stattdessen "
    "Kinderzuschlag mit Wohngeld (§ 6a Abs. 1a BKGG). Empfohlen ist die Variante unten.",
    "grundsicherung": "Voraussichtlich reicht Wohngeld nicht aus; die passende Leistung ist das "
    "Grundsicherungsgeld (SGB II). Wohngeld und Kinderzuschlag gibt es daneben in der Regel nicht.",
}


@dataclass
class Check:
    """The form as entered (for re-rendering) and, after a successful check, the result."""

    werte: dict[str, str] = field(default_factory=dict)
    anzahl: int = 1
    fehler: Fehler = field(default_factory=dict)
    ergebnis: dict[str, Any] | None = None


def _cent(text: str) -> int:
    return parse_cent(text, "betrag") if text else 0


def _abzuege(art: str, brutto: int, netto: int | None) -> list[str]:
    """Rough § 16 WoGG deductions from the gross/net difference (the check asks for no details)."""
    if netto is None or netto >= brutto or art not in ("erwerbstaetigkeit", "rente", "versorgungsbezuege"):
        return []
    anteil = Decimal(brutto - netto) / Decimal(brutto)
    if art == "erwerbstaetigkeit":
        pflicht = ["kranken_pflegeversicherung", "rentenversicherung"]
        return pflicht + (["steuern"] if anteil > Decimal("0.22") else [])
    return ["kranken_pflegeversicherung"] + (["steuern"] if anteil > Decimal("0.12") else [])


def lies(form: Mapping[str, Any]) -> Check:
    """The entered values; ``aktion=person_hinzufuegen`` adds a row (no check then)."""
    werte = {k: v.strip() for k, v in form.items() if isinstance(v, str) and k != "csrf_token"}
    text = werte.get("personen_anzahl", "1")
    anzahl = max(1, min(int(text) if text.isdigit() else 1, MAX_PERSONEN))
    if wert(form, "aktion") == "person_hinzufuegen":
        anzahl = min(anzahl + 1, MAX_PERSONEN)
    return Check(werte, anzahl)


def pruefe(check: Check) -> dict[str, Any] | None:
    """Validate the form; the Haushalt JSON, or None with ``check.fehler`` filled."""
    w, fehler = check.werte, check.fehler
    pruefe_betrag(w.get("wohnung_kosten", ""), "wohnung_kosten", "Bruttokaltmiete", fehler)
    pruefe_betrag(w.get("wohnung_heizkosten", ""), "wohnung_heizkosten", "Heizkosten", fehler, pflicht=False)
    mietstufe = w.get("wohnung_mietstufe", "")
    pruefe_ganzzahl(mietstufe, "wohnung_mietstufe", "Mietenstufe", fehler, 1, 7, pflicht=False)
    if not mietstufe:
        if not w.get("wohnung_gemeinde"):
            fehler["wohnung_gemeinde"] = (
                "Gemeinde: Bitte Gemeinde und Bundesland oder die Mietenstufe angeben."
            )
        pruefe_auswahl(w.get("wohnung_land", ""), "wohnung_land", "Bundesland", LAENDER, fehler)
    for i in range(check.anzahl):
        wer = f"Person {i + 1}"
        if i > 0:
            rollen = {k: v for k, v in ROLLEN.items() if k != "antragsteller"}
            pruefe_auswahl(w.get(f"p{i}_rolle", ""), f"p{i}_rolle", f"Beziehung ({wer})", rollen, fehler)
        pruefe_ganzzahl(w.get(f"p{i}_alter", ""), f"p{i}_alter", f"Alter ({wer})", fehler, 0, 130)
        pruefe_auswahl(
            w.get(f"p{i}_e0_art", ""),
            f"p{i}_e0_art",
            f"Art des Einkommens ({wer})",
            EINKOMMENSARTEN,
            fehler,
            pflicht=False,
        )
        pruefe_betrag(
            w.get(f"p{i}_e0_brutto", ""), f"p{i}_e0_brutto", f"Brutto ({wer})", fehler, pflicht=False
        )
        pruefe_betrag(w.get(f"p{i}_e0_netto", ""), f"p{i}_e0_netto", f"Netto ({wer})", fehler, pflicht=False)
        if w.get(f"p{i}_e0_netto") and not w.get(f"p{i}_e0_brutto"):
            fehler[f"p{i}_e0_brutto"] = f"Brutto ({wer}): Bitte auch den Bruttobetrag angeben."
        if w.get(f"p{i}_e0_brutto") and not w.get(f"p{i}_e0_netto"):
            fehler.setdefault(
                f"p{i}_e0_netto",
                f"Netto ({wer}): Bitte auch den Nettobetrag angeben; er wird für das Grundsicherungsgeld "
                "gebraucht.",
            )
    if fehler:
        return None
    wohnung: dict[str, Any] = {"art": "miete", "kosten_monat": w["wohnung_kosten"]}
    if w.get("wohnung_heizkosten"):
        wohnung["heizkosten_monat"] = w["wohnung_heizkosten"]
    if mietstufe:
        wohnung["mietstufe"] = int(mietstufe)
    for schluessel in ("gemeinde", "land", "kreis"):
        if w.get(f"wohnung_{schluessel}"):
            wohnung[schluessel] = w[f"wohnung_{schluessel}"]
    personen = []
    for i in range(check.anzahl):
        rolle = "antragsteller" if i == 0 else w[f"p{i}_rolle"]
        alter = int(w[f"p{i}_alter"])
        person: dict[str, Any] = {"id": f"Person {i + 1}", "rolle": rolle, "alter": alter}
        if rolle == "kind" and alter < 18:
            person["kindergeld"] = True
        if brutto_text := w.get(f"p{i}_e0_brutto"):
            art = w.get(f"p{i}_e0_art") or "erwerbstaetigkeit"
            brutto, netto_text = _cent(brutto_text), w.get(f"p{i}_e0_netto", "")
            einkommen = {"art": art, "brutto_monat": brutto_text}
            if netto_text:
                einkommen["netto_monat"] = netto_text
            person["einkommen"] = [einkommen]
            if abzuege := _abzuege(art, brutto, _cent(netto_text) if netto_text else None):
                person["abzuege"] = abzuege
        personen.append(person)
    return {"stichtag": dt.date.today().replace(day=1).isoformat(), "wohnung": wohnung, "personen": personen}


def berechne(check: Check) -> Check:
    """Run the Vorrangprüfung for all benefits; errors of the rules are mapped to the form fields."""
    from amtsweg.rules.vorrang import berechne as vorrang

    daten = pruefe(check)
    if daten is None:
        return check
    try:
        check.ergebnis = vorrang(daten, "alle")
    except RegelwerkFehler as e:
        feld, meldung = regelmeldung(e)
        if feld == "wohnung_kreis" and check.werte.get("wohnung_kreis"):
            feld = "wohnung_gemeinde"
        check.fehler[feld] = meldung
    return check
