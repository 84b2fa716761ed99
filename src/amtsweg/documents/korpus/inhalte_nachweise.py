"""Content of Kontoauszug, Schwerbehindertenausweis/Feststellungsbescheid and Unterhaltsvorschuss-Bescheid."""

from __future__ import annotations

import datetime as dt
import random

from amtsweg.documents.korpus import daten as d
from amtsweg.documents.korpus.inhalte_einkommen import RECHTSBEHELF
from amtsweg.documents.korpus.inhalte_wohnen import Kontext
from amtsweg.documents.korpus.modell import (
    Absatz,
    Block,
    Entwurf,
    Karte,
    Layout,
    Posten,
    Tabelle,
    Ueberschrift,
    Wert,
)

MERKZEICHEN = ("G", "aG", "H", "Bl", "Gl", "RF", "B", "TBl")
UMSATZARTEN = (
    ("Lastschrift", "Stadtwerke Abschlag Strom"),
    ("Lastschrift", "Telefon und Internet"),
    ("Kartenzahlung", "Supermarkt"),
    ("Kartenzahlung", "Drogerie"),
    ("Dauerauftrag", "Miete"),
    ("Gutschrift", "Kindergeld Familienkasse"),
    ("Überweisung", "Versicherung"),
    ("Kartenzahlung", "Apotheke"),
    ("Bargeldauszahlung", "Geldautomat"),
    ("Gutschrift", "Lohn/Gehalt"),
    ("Lastschrift", "Rundfunkbeitrag"),
    ("Gutschrift", "Erstattung"),
    ("Lastschrift", "Fahrkarte ÖPNV"),
)


def kontoauszug(rng: random.Random, lay: Layout) -> Entwurf:
    k = Kontext(rng, lay)
    inhaber = d.person(rng)
    adr = d.adresse(rng)
    stadt = adr[1].split(" ", 1)[1]
    bank = f"{rng.choice(d.BANKEN)} {stadt}"
    iban = d.iban_erzeugen(rng)
    iban_text = d.iban_gruppiert(iban) if lay.iban_gruppiert else iban
    jahr, monat = rng.choice((2025, 2026)), rng.randint(1, 12)
    von = dt.date(jahr, monat, 1)
    if rng.random() < 0.3:
        von = von.replace(day=rng.choice((1, 15)))
    bis = d.monatsende(von) if von.day == 1 else von + dt.timedelta(days=rng.randint(13, 20))
    trenner = rng.choice((" - ", " bis "))
    zeitraum_text = f"{d.datum(von, lay.datumstil)}{trenner}{d.datum(bis, lay.datumstil)}"
    stand = rng.randint(-80000, 400000)
    alt = stand
    zeilen: list[list[str | Wert]] = []
    tage = sorted(d.zufallsdatum(rng, von, bis) for _ in range(rng.randint(6, 48)))
    for tag in tage:
        art, zweck = rng.choice(UMSATZARTEN)
        betrag = rng.randint(200, 90000) if art == "Gutschrift" else -rng.randint(150, 40000)
        stand += betrag
        zeilen.append(
            [
                tag.strftime("%d.%m."),
                f"{art} {zweck} {rng.randint(1000, 99999)}",
                d.geld(betrag, 0).replace(" €", ""),
            ]
        )
    bloecke: list[Block] = [
        Posten(
            [
                ("Kontoinhaber", Wert(inhaber)),
                (k.l("iban"), Wert(iban_text, "iban")),
                (
                    "BIC",
                    Wert(
                        "".join(rng.choice("ABCDEFGHKLMNPRSTUVWXYZ") for _ in range(6))
                        + "DE"
                        + rng.choice(("FF", "M1", "D1", "33"))
                        + "XXX"
                    ),
                ),
                (k.l("zeitraum"), Wert(zeitraum_text, "zeitraum")),
                ("Auszug Nr.", Wert(f"{monat}/{jahr}")),
            ]
        ),
        Absatz([f"Alter Kontostand am {d.datum(von, lay.datumstil)}:", k.geld(alt)]),
        Tabelle(["Buchung", "Vorgang", "Betrag (EUR)"], zeilen, [0.15, 0.6, 0.25], frozenset({2})),
        Posten([(k.l("kontostand"), k.geld(stand, "kontostand"))]),
        Absatz(
            [
                "Bitte prüfen Sie die Buchungen. Einwendungen gegen den Rechnungsabschluss sind "
                "innerhalb von sechs Wochen zu erheben. Guthaben sind als Einlagen nach Maßgabe des "
                "Einlagensicherungsgesetzes geschützt."
            ]
        ),
    ]
    return Entwurf(
        absender=[bank, *d.adresse(rng, (adr[1].split(" ", 1)[0], stadt))],
        empfaenger=[inhaber, *adr],
        ort_datum=f"Erstellt am {d.datum(bis + dt.timedelta(days=1), lay.datumstil)}",
        bezug=[("Kontonummer", iban[-10:].lstrip("0"))],
        titel=rng.choice(("Kontoauszug", "Girokonto – Auszug", "Kontoauszug Privatgirokonto")),
        bloecke=bloecke,
        brief=rng.random() < 0.4,
        fusszeile=f"{bank} · Anstalt des öffentlichen Rechts",
        felder={
            "iban": iban,
            "kontostand": d.geld_norm(stand),
            "zeitraum": f"{von.isoformat()}/{bis.isoformat()}",
        },
    )


def schwerbehindertenausweis(rng: random.Random, lay: Layout) -> Entwurf:
    k = Kontext(rng, lay)
    person = d.person(rng)
    adr = d.adresse(rng)
    stadt = adr[1].split(" ", 1)[1]
    tag, ort_datum = k.briefdatum(stadt)
    gdb = rng.choice((50, 50, 60, 70, 80, 90, 100))
    zeichen = sorted(rng.sample(MERKZEICHEN, rng.choice((0, 0, 1, 1, 2, 3))), key=MERKZEICHEN.index)
    zeichen_text = (", " if lay.variante % 2 else " ").join(zeichen) if zeichen else "keine"
    if rng.random() < 0.3:
        bis: dt.date | None = None
        bis_text = "unbefristet"
    else:
        bis = d.monatsende(dt.date(tag.year + rng.randint(2, 5), rng.randint(1, 12), 1))
        bis_text = d.datum(bis, 0) if lay.datumstil == 0 else bis.strftime("%m/%Y")
    amt = rng.choice(
        (
            f"Versorgungsamt {stadt}",
            "Landesamt für Soziales und Versorgung",
            f"Landkreis {stadt} – Fachdienst Schwerbehindertenrecht",
        )
    )
    ausweis = rng.random() < 0.5
    felder = {"gdb": gdb, "merkzeichen": zeichen, "gueltig_bis": bis.isoformat() if bis else "unbefristet"}
    if ausweis:
        bloecke: list[Block] = [
            Absatz(["Kopie des Ausweises (Vorder- und Rückseite) zur Vorlage bei der Behörde."]),
            Karte(
                "Schwerbehindertenausweis",
                [
                    ("Name", Wert(person)),
                    (
                        "Geburtsdatum",
                        k.datum(dt.date(rng.randint(1940, 2005), rng.randint(1, 12), rng.randint(1, 28))),
                    ),
                    (k.l("gueltig_bis"), Wert(bis_text, "gueltig_bis")),
                    ("Ausweis-Nr.", Wert(f"{rng.randint(100, 999)} {rng.randint(100000, 999999)}")),
                ],
            ),
            Karte(
                "Rückseite",
                [
                    (k.l("gdb"), Wert(str(gdb), "gdb")),
                    (k.l("merkzeichen"), Wert(zeichen_text, "merkzeichen")),
                    ("Ausstellende Behörde", Wert(amt[:32])),
                ],
            ),
        ]
        titel = "Schwerbehindertenausweis"
    else:
        leiden = rng.sample(
            (
                "Funktionsbehinderung der Wirbelsäule",
                "Diabetes mellitus",
                "Depression",
                "Herzleistungsminderung",
                "Schwerhörigkeit beidseits",
                "Bewegungseinschränkung beider Kniegelenke",
                "Sehminderung",
            ),
            rng.randint(1, 3),
        )
        bloecke = [
            Absatz([f"Sehr geehrte(r) {person},", "auf Ihren Antrag stelle ich fest:"]),
            Absatz(
                [
                    "Der Grad der Behinderung (GdB) beträgt",
                    Wert(str(gdb), "gdb"),
                    "ab dem",
                    k.datum(tag - dt.timedelta(days=rng.randint(30, 300))).text,
                    ".",
                ]
            ),
            Posten(
                [
                    (k.l("gdb"), Wert(str(gdb))),
                    (k.l("merkzeichen"), Wert(zeichen_text, "merkzeichen")),
                    (k.l("gueltig_bis"), Wert(bis_text, "gueltig_bis")),
                ]
            ),
            Ueberschrift("Festgestellte Funktionsbeeinträchtigungen"),
            Tabelle(
                ["Funktionsbeeinträchtigung", "Einzel-GdB"],
                [[name, str(rng.choice((10, 20, 30, 40, 50)))] for name in leiden],
                [0.75, 0.25],
                frozenset({1}),
            ),
            Ueberschrift("Rechtsbehelfsbelehrung"),
            Absatz([RECHTSBEHELF]),
        ]
        titel = rng.choice(
            ("Feststellungsbescheid nach § 152 SGB IX", "Bescheid über die Feststellung des GdB")
        )
    return Entwurf(
        absender=[amt, *d.adresse(rng)],
        empfaenger=[] if ausweis else [person, *adr],
        ort_datum=ort_datum,
        bezug=[("Aktenzeichen", k.az())],
        titel=titel,
        bloecke=bloecke,
        brief=not ausweis,
        fusszeile=f"{amt} · Sprechzeiten Mo–Do 8–15 Uhr",
        felder=felder,
    )


def uvg_bescheid(rng: random.Random, lay: Layout) -> Entwurf:
    k = Kontext(rng, lay)
    nachname = rng.choice(d.NACHNAMEN)
    elternteil = f"{rng.choice(d.VORNAMEN)} {nachname}"
    kind = f"{rng.choice(d.KINDERNAMEN)} {nachname}"
    adr = d.adresse(rng)
    stadt = adr[1].split(" ", 1)[1]
    tag, ort_datum = k.briefdatum(stadt)
    alter = rng.randint(0, 17)
    stufe = 0 if alter < 6 else 1 if alter < 12 else 2
    mindest = (48600, 55800, 65300)[stufe]
    kindergeld = 25900
    anrechnung = rng.choice((0, 0, 0, 5000, 2500))
    betrag = mindest - kindergeld - anrechnung
    von = dt.date(tag.year, tag.month, 1) - dt.timedelta(days=rng.choice((0, 31, 62)))
    von = von.replace(day=1)
    geburt = dt.date(von.year - alter, rng.randint(1, 12), rng.randint(1, 28))
    bloecke: list[Block] = [
        Absatz(
            [
                f"Sehr geehrte(r) {elternteil},",
                "für Ihr Kind",
                Wert(kind, "kind"),
                ", geboren am",
                k.datum(geburt).text,
                ", werden ab dem",
                k.datum(von, "zeitraum_von"),
                "Leistungen nach dem Unterhaltsvorschussgesetz (UVG) bewilligt.",
            ]
        ),
        Ueberschrift("Berechnung"),
        Tabelle(
            ["Position", "Betrag"],
            [
                [f"Mindestunterhalt (Altersstufe {stufe + 1})", k.geld(mindest)],
                ["abzüglich Kindergeld", k.geld(-kindergeld)],
                ["abzüglich Unterhaltszahlungen/Waisenbezüge", k.geld(-anrechnung)],
            ],
            [0.7, 0.3],
            frozenset({1}),
        ),
        Posten(
            [
                (k.l("kind"), Wert(kind)),
                (k.l("betrag_monat"), k.geld(betrag, "betrag_monat")),
                (k.l("zeitraum_von"), k.datum(von)),
            ]
        ),
        Absatz(
            [
                "Die Leistung wird monatlich im Voraus gezahlt. Der Anspruch auf Unterhalt gegen den anderen "
                "Elternteil geht in Höhe der Leistung auf das Land über (§ 7 UVG)."
            ]
        ),
        Ueberschrift("Rechtsbehelfsbelehrung"),
        Absatz([RECHTSBEHELF]),
    ]
    return Entwurf(
        absender=[
            f"Stadt {stadt} – Jugendamt",
            "Unterhaltsvorschussstelle",
            d.adresse(rng, (adr[1][:5], stadt))[0],
        ],
        empfaenger=[elternteil, *adr],
        ort_datum=ort_datum,
        bezug=[("Aktenzeichen", k.az())],
        titel=rng.choice(
            ("Bescheid über Unterhaltsvorschuss", "Bewilligung von Unterhaltsvorschussleistungen")
        ),
        bloecke=bloecke,
        fusszeile=f"Stadt {stadt} · Jugendamt · Unterhaltsvorschusskasse",
        felder={"betrag_monat": d.geld_norm(betrag), "kind": kind, "zeitraum_von": von.isoformat()},
    )
