"""Sample Bescheiddaten for the tests (the Ludwigshafen example: Wohngeld 88,00 €)."""

from __future__ import annotations

import dataclasses
from datetime import date
from decimal import Decimal
from typing import Any

from amtsweg.cases.bescheid import Behoerde, Berechnungsschritt, Bescheiddaten, Empfaenger

BEHOERDE = Behoerde(
    name="Stadtverwaltung Ludwigshafen am Rhein – Wohngeldstelle",
    anschrift=("Rathausplatz 20", "67059 Ludwigshafen am Rhein"),
    telefon="0621 504-0",
    email="wohngeld@ludwigshafen.example",
    leitung="Die Oberbürgermeisterin",
    widerspruchsstelle="Stadtverwaltung Ludwigshafen am Rhein, Rathausplatz 20, 67059 Ludwigshafen am Rhein",
    gericht="Verwaltungsgericht Neustadt an der Weinstraße",
    gericht_anschrift="Robert-Stolz-Straße 20, 67433 Neustadt an der Weinstraße",
)

TRACE = (
    ("§ 5 Abs. 1 WoGG", "Anzahl der Haushaltsmitglieder", "1"),
    ("§ 6 Abs. 1 WoGG", "Anzahl der zu berücksichtigenden Haushaltsmitglieder", "1"),
    ("§ 14 Abs. 1 WoGG", "Einkommen nach Werbungskosten-Pauschbeträgen (a)", "1.350,00 €"),
    ("§ 16 Satz 1 WoGG", "Pauschaler Abzug für Steuern und Pflichtbeiträge (a)", "0 %"),
    ("§ 13 Abs. 2 WoGG", "Monatliches Gesamteinkommen Y", "1.350,00 €"),
    ("§ 12 Abs. 1 WoGG", "Mietenstufe", "4"),
    ("§ 9 Abs. 1 WoGG", "Monatliche Miete (ohne Heizkosten)", "470,00 €"),
    ("Anlage 1 WoGG", "Höchstbetrag", "511,00 €"),
    ("§ 12 Abs. 7 WoGG", "Klimakomponente (erhöht den Höchstbetrag)", "19,20 €"),
    ("§ 12 Abs. 6 WoGG", "Heizkosten-Gesamtbetrag", "110,40 €"),
    ("§ 11 Abs. 1 WoGG", "Zu berücksichtigende Miete M", "580,40 €"),
    ("Anlage 3 Nr. 1 WoGG", "M in der Formel (mindestens der Tabellenwert)", "580,40 €"),
    ("Anlage 2 WoGG", "Werte a, b, c für 1 Haushaltsmitglieder", "a = 0,0400000000; b = 0,0004797000"),
    ("Anlage 3 Nr. 2 WoGG", "z1 = a + b·M + c·Y", "0,3734978800"),
    ("Anlage 3 Nr. 2 WoGG", "z4 = 1,15·z3", "87,6045413000"),
    ("Anlage 3 Nr. 3 WoGG", "Auf volle Euro gerundet", "88,00 €"),
    ("§ 19 Abs. 1 WoGG", "Monatliches Wohngeld", "88,00 €"),
)

NORMEN = tuple(dict.fromkeys(n for n, _, _ in TRACE))


def bewilligung(**aenderungen: Any) -> Bescheiddaten:
    daten = Bescheiddaten(
        behoerde=BEHOERDE,
        empfaenger=Empfaenger("Anna Muster", ("Bismarckstraße 1", "67059 Ludwigshafen am Rhein")),
        aktenzeichen="WG-2025-000123",
        datum=date(2025, 1, 27),
        leistung="wohngeld",
        art="bewilligung",
        betrag_monat=Decimal("88.00"),
        bewilligung_von=date(2025, 1, 1),
        bewilligung_bis=date(2025, 12, 31),
        verfuegungssatz="",
        begruendung=tuple(Berechnungsschritt(n, t, w) for n, t, w in TRACE),
        ablehnungsgruende=(),
        haushaltsmitglieder=("Anna Muster",),
        regelwerk_version="0.1.0+48ba6ab264bfd892",
        automatisch=True,
        sachbearbeitung=None,
        freigabe=None,
        zustellung="post",
        miete_monat=Decimal("470.00"),
        einkommen_monat=Decimal("1350.00"),
    )
    return dataclasses.replace(daten, **aenderungen)


def ablehnung(**aenderungen: Any) -> Bescheiddaten:
    werte: dict[str, Any] = {
        "art": "ablehnung",
        "betrag_monat": None,
        "bewilligung_von": None,
        "bewilligung_bis": None,
        "ablehnungsgruende": (
            "Das errechnete Wohngeld liegt unter 10 Euro monatlich und wird daher nicht gezahlt "
            "(§ 21 Nr. 1 WoGG).",
        ),
        "automatisch": False,
        "sachbearbeitung": "Bernd Beispiel",
        "freigabe": "Clara Kontrolle",
        "zustellung": "elektronisch",
    }
    werte.update(aenderungen)
    return bewilligung(**werte)
