"""Content of income documents: Lohnabrechnung, Rentenbescheid/-anpassung, Bescheid über Arbeitslosengeld."""

from __future__ import annotations

import datetime as dt
import random

from amtsweg.documents.korpus import daten as d
from amtsweg.documents.korpus.inhalte_wohnen import Kontext
from amtsweg.documents.korpus.modell import (
    Absatz,
    Block,
    Entwurf,
    Layout,
    Posten,
    Tabelle,
    Ueberschrift,
    Umbruch,
    Wert,
)

RV_REGIONEN = (
    "Bund",
    "Mitteldeutschland",
    "Nord",
    "Westfalen",
    "Rheinland",
    "Baden-Württemberg",
    "Nordbayern",
)

RECHTSBEHELF = (
    "Gegen diesen Bescheid kann innerhalb eines Monats nach seiner Bekanntgabe Widerspruch erhoben werden. "
    "Der Widerspruch ist schriftlich, in elektronischer Form oder zur Niederschrift bei der oben genannten "
    "Stelle einzulegen."
)


def _prozent(cent: int, promille: int) -> int:
    """cent x promille / 1000, rounded half up."""
    return (cent * promille + 500) // 1000


def lohnabrechnung(rng: random.Random, lay: Layout) -> Entwurf:
    k = Kontext(rng, lay)
    arbeitgeber = d.firma(rng)
    adr_ag = d.adresse(rng)
    person = d.person(rng)
    adr = d.adresse(rng)
    jahr, monat = rng.choice((2025, 2026)), rng.randint(1, 12)
    grund = rng.randint(1100, 5200) * 100 + rng.choice((0, 0, 50, rng.randint(0, 99)))
    zulagen = [
        (name, rng.randint(20, 400) * 100 + rng.randint(0, 99))
        for name in rng.sample(
            (
                "Schichtzulage",
                "Überstunden",
                "Fahrtkostenzuschuss",
                "Nachtzuschlag",
                "Vermögenswirksame Leistung AG",
            ),
            rng.randint(0, 3),
        )
    ]
    brutto = grund + sum(b for _, b in zulagen)
    lst = max(0, _prozent(brutto - 120000, rng.randint(150, 260)))
    soli = 0 if lst < 150000 else _prozent(lst, 55)
    kist = _prozent(lst, 90) if rng.random() < 0.45 else 0
    kv, rv, av = _prozent(brutto, 87), _prozent(brutto, 93), _prozent(brutto, 13)
    pv = _prozent(brutto, rng.choice((18, 24)))
    steuer, sv = lst + soli + kist, kv + rv + av + pv
    netto = brutto - steuer - sv
    vwl = rng.choice((0, 0, 4000, 2600))
    iban = d.iban_erzeugen(rng)
    iban_text = d.iban_gruppiert(iban) if lay.iban_gruppiert else iban
    monat_text = d.monat(jahr, monat, lay.monatstil)
    kopf = [
        (k.l("arbeitgeber"), Wert(arbeitgeber, "arbeitgeber")),
        (k.l("abrechnungsmonat"), Wert(monat_text, "abrechnungsmonat")),
        ("Personalnummer", Wert(str(rng.randint(1000, 99999)))),
        ("Steuerklasse", Wert(rng.choice(("I", "II", "III", "IV", "V")))),
        ("Eintritt", k.datum(dt.date(rng.randint(2000, 2024), rng.randint(1, 12), 1))),
    ]
    bezuege: list[list[str | Wert]] = [["1000", "Grundvergütung", k.geld(grund)]]
    bezuege += [[str(2000 + 10 * i), name, k.geld(b)] for i, (name, b) in enumerate(zulagen)]
    bezuege.append(["", "Gesamtbrutto" if lay.variante != 0 else "Summe Bezüge", k.geld(brutto)])
    abzuege: list[list[str | Wert]] = [
        ["Lohnsteuer", k.geld(lst)],
        ["Solidaritätszuschlag", k.geld(soli)],
        ["Kirchensteuer", k.geld(kist)],
        ["Krankenversicherung", k.geld(kv)],
        ["Rentenversicherung", k.geld(rv)],
        ["Arbeitslosenversicherung", k.geld(av)],
        ["Pflegeversicherung", k.geld(pv)],
    ]
    summen = [
        (k.l("brutto"), k.geld(brutto, "brutto")),
        (k.l("steuer"), k.geld(steuer, "steuer")),
        (k.l("sozialversicherung"), k.geld(sv, "sozialversicherung")),
        (k.l("netto"), k.geld(netto, "netto")),
    ]
    if vwl:
        summen.append(("Abzug VL-Sparvertrag", k.geld(vwl)))
    summen += [("Auszahlungsbetrag", k.geld(netto - vwl)), (k.l("iban"), Wert(iban_text, "iban"))]
    bloecke: list[Block] = [
        Posten(kopf),
        Ueberschrift("Bezüge"),
        Tabelle(["Lohnart", "Bezeichnung", "Betrag"], bezuege, [0.15, 0.55, 0.3], frozenset({2})),
        Ueberschrift("Gesetzliche Abzüge"),
        Tabelle(["Abzug", "Betrag"], abzuege, [0.7, 0.3], frozenset({1})),
        Posten(summen),
    ]
    if rng.random() < 0.35:
        faktor = monat
        bloecke += [
            Umbruch(),
            Ueberschrift("Jahressummen (kumuliert)"),
            Tabelle(
                ["Art", "Jahreswert"],
                [
                    ["Steuerbrutto", k.geld(brutto * faktor)],
                    ["Lohnsteuer", k.geld(lst * faktor)],
                    ["SV-Beiträge AN", k.geld(sv * faktor)],
                ],
                [0.6, 0.4],
                frozenset({1}),
            ),
        ]
    return Entwurf(
        absender=[arbeitgeber, *adr_ag],
        empfaenger=[person, *adr],
        ort_datum=f"Erstellt am {d.datum(d.monatsende(dt.date(jahr, monat, 1)), lay.datumstil)}",
        bezug=[("Abrechnung", monat_text)],
        titel=rng.choice(("Entgeltabrechnung", "Verdienstabrechnung", "Lohn- und Gehaltsabrechnung")),
        bloecke=bloecke,
        brief=rng.random() < 0.5,
        fusszeile=f"{arbeitgeber} · Personalabteilung",
        felder={
            "brutto": d.geld_norm(brutto),
            "netto": d.geld_norm(netto),
            "steuer": d.geld_norm(steuer),
            "sozialversicherung": d.geld_norm(sv),
            "arbeitgeber": arbeitgeber,
            "abrechnungsmonat": f"{jahr}-{monat:02d}",
            "iban": iban,
        },
    )


def rentenbescheid(rng: random.Random, lay: Layout) -> Entwurf:
    k = Kontext(rng, lay)
    traeger = f"Deutsche Rentenversicherung {rng.choice(RV_REGIONEN)}"
    person = d.person(rng)
    adr = d.adresse(rng)
    rente = rng.randint(450, 2600) * 100 + rng.randint(0, 99)
    kv = _prozent(rente, 73) + _prozent(rente, 145) // 10
    pv = _prozent(rente, rng.choice((36, 42)))
    kvpv = kv + pv
    zahl = rente - kvpv
    anpassung = rng.random() < 0.5
    stadt = adr[1].split(" ", 1)[1]
    if anpassung:
        ab = dt.date(rng.choice((2025, 2026)), 7, 1)
        alt = _prozent(rente, 955)
        alt_kvpv = _prozent(alt, 73) + _prozent(alt, 145) // 10 + _prozent(alt, 36)
        titel = f"Rentenanpassung zum 1. Juli {ab.year}"
        bloecke: list[Block] = [
            Absatz(["Sehr geehrte Rentnerin, sehr geehrter Rentner,"]),
            Absatz(
                [
                    "die Renten werden angepasst. Ihre Rente ändert sich ab dem",
                    k.datum(ab, "gueltig_ab"),
                    "wie folgt:",
                ]
            ),
            Tabelle(
                ["", "bisher", "neu"],
                [
                    ["Rente (brutto)", k.geld(alt), k.geld(rente, "rentenbetrag")],
                    ["Beitrag Kranken-/Pflegeversicherung", k.geld(alt_kvpv), k.geld(kvpv, "kv_pv_beitrag")],
                    ["Zahlbetrag", k.geld(alt - alt_kvpv), k.geld(zahl, "zahlbetrag")],
                ],
                [0.5, 0.25, 0.25],
                frozenset({1, 2}),
            ),
            Absatz(["Der aktuelle Rentenwert beträgt", k.geld(rng.choice((4079, 4230))), "."]),
        ]
    else:
        ab = dt.date(rng.randint(2024, 2026), rng.randint(1, 12), 1)
        art = rng.choice(
            (
                "Regelaltersrente",
                "Altersrente für langjährig Versicherte",
                "Rente wegen voller Erwerbsminderung",
                "große Witwenrente",
            )
        )
        titel = f"Rentenbescheid – {art}"
        bloecke = [
            Absatz([f"Sehr geehrte(r) {person},", f"auf Ihren Antrag erhalten Sie {art}."]),
            Absatz(
                [
                    "Die Rente beginnt am",
                    k.datum(ab, "gueltig_ab"),
                    ". Die laufende Zahlung erfolgt zum Ende des Monats.",
                ]
            ),
            Posten(
                [
                    (k.l("rentenbetrag"), k.geld(rente, "rentenbetrag")),
                    (k.l("kv_pv_beitrag"), k.geld(kvpv, "kv_pv_beitrag")),
                    (k.l("zahlbetrag"), k.geld(zahl, "zahlbetrag")),
                    (k.l("gueltig_ab"), k.datum(ab)),
                ]
            ),
            Absatz(
                [
                    "Für die Zeit vom Rentenbeginn bis zum Beginn der laufenden Zahlung ergibt sich eine "
                    "Nachzahlung von",
                    k.geld(zahl * rng.randint(1, 3)),
                    ".",
                ]
            ),
            Umbruch(),
            Ueberschrift("Anlage 1 – Berechnung der Rente"),
            Tabelle(
                ["Berechnungsgröße", "Wert"],
                [
                    ["Summe der Entgeltpunkte", f"{rng.randint(10, 55)},{rng.randint(0, 9999):04d}"],
                    ["Zugangsfaktor", "1,000"],
                    ["Rentenartfaktor", "1,0"],
                    ["Aktueller Rentenwert", k.geld(rng.choice((3928, 4079, 4230))).text],
                ],
                [0.6, 0.4],
                frozenset({1}),
            ),
        ]
    bloecke += [Ueberschrift("Rechtsbehelfsbelehrung"), Absatz([RECHTSBEHELF])]
    return Entwurf(
        absender=[
            traeger,
            "Postfach " + str(rng.randint(1000, 9999)),
            f"{rng.randint(10, 99)}{rng.randint(100, 999)} {rng.choice(d.ORTE)[0]}",
        ],
        empfaenger=[person, *adr],
        ort_datum=k.briefdatum(stadt)[1],
        bezug=[
            (
                "Versicherungsnummer",
                f"{rng.randint(10, 65)} {rng.randint(100000, 311299)} "
                f"{rng.choice('ABKMSW')} {rng.randint(100, 999)}",
            )
        ],
        titel=titel,
        bloecke=bloecke,
        fusszeile=f"{traeger} · Servicetelefon 0800 1000 4800",
        felder={
            "rentenbetrag": d.geld_norm(rente),
            "kv_pv_beitrag": d.geld_norm(kvpv),
            "zahlbetrag": d.geld_norm(zahl),
            "gueltig_ab": ab.isoformat(),
        },
    )


def alg_bescheid(rng: random.Random, lay: Layout) -> Entwurf:
    k = Kontext(rng, lay)
    person = d.person(rng)
    adr = d.adresse(rng)
    stadt = adr[1].split(" ", 1)[1]
    bemessung = rng.randint(4000, 16000)
    leistungsentgelt = _prozent(bemessung, rng.randint(640, 760))
    satz = rng.choice((60, 67))
    tagessatz = (leistungsentgelt * satz + 50) // 100
    von = d.zufallsdatum(rng, dt.date(2025, 1, 1), dt.date(2026, 10, 1))
    dauer = rng.choice((180, 240, 360, 450, 540))
    bis = von + dt.timedelta(days=dauer - 1)
    bloecke: list[Block] = [
        Absatz(
            [
                f"Sehr geehrte(r) {person},",
                "auf Ihren Antrag vom",
                k.datum(von - dt.timedelta(days=rng.randint(5, 40))).text,
                "bewillige ich Ihnen Arbeitslosengeld für die Zeit vom",
                k.datum(von, "zeitraum_von"),
                "bis",
                k.datum(bis, "zeitraum_bis"),
                ".",
            ]
        ),
        Posten(
            [
                ("Bemessungsentgelt täglich", k.geld(bemessung)),
                ("Leistungsentgelt täglich", k.geld(leistungsentgelt)),
                ("Prozentsatz", Wert(f"{satz} %")),
                (k.l("tagessatz"), k.geld(tagessatz, "tagessatz")),
                ("Monatsbetrag (30 Tage)", k.geld(30 * tagessatz)),
                (k.l("zeitraum_von"), k.datum(von)),
                (k.l("zeitraum_bis"), k.datum(bis)),
                ("Anspruchsdauer", Wert(f"{dauer} Tage")),
            ]
        ),
        Absatz(
            [
                "Das Arbeitslosengeld wird monatlich nachträglich auf Ihr Konto",
                Wert(d.iban_gruppiert(d.iban_erzeugen(rng))),
                "überwiesen.",
            ]
        ),
        Umbruch(),
        Ueberschrift("Hinweise"),
        Absatz(
            [
                "Bitte teilen Sie jede Änderung Ihrer Verhältnisse sofort mit, insbesondere die "
                "Aufnahme einer Beschäftigung oder selbständigen Tätigkeit sowie Arbeitsunfähigkeit."
            ]
        ),
        Ueberschrift("Rechtsbehelfsbelehrung"),
        Absatz([RECHTSBEHELF]),
    ]
    return Entwurf(
        absender=[f"Agentur für Arbeit {stadt}", d.adresse(rng)[0], adr[1]],
        empfaenger=[person, *adr],
        ort_datum=f"{stadt}, {d.datum(von - dt.timedelta(days=rng.randint(1, 20)), lay.datumstil)}",
        bezug=[
            ("Kundennummer", f"{rng.randint(100, 999)}D{rng.randint(100000, 999999)}"),
            ("BG-Nummer", f"{rng.randint(10000, 99999)}"),
        ],
        titel=rng.choice(("Bescheid über Arbeitslosengeld", "Bewilligungsbescheid Arbeitslosengeld")),
        bloecke=bloecke,
        fusszeile="Bundesagentur für Arbeit · www.arbeitsagentur.de",
        felder={
            "tagessatz": d.geld_norm(tagessatz),
            "zeitraum_von": von.isoformat(),
            "zeitraum_bis": bis.isoformat(),
        },
    )
