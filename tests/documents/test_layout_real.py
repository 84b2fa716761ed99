"""Layout structures of real documents (issue 12), each on a small synthetic page built here: labels above
values in numbered form boxes, a summary row whose header spans several cells, month vs year-to-date
columns, employee vs employer shares, sums printed only as parts, amounts in running text, distractors."""

from __future__ import annotations

import io

from reportlab.lib.pagesizes import A4
from reportlab.pdfgen import canvas

from amtsweg.documents.text import lies_text
from amtsweg.documents.verarbeitung import verarbeite_seiten

Zeile = tuple[float, float, str]  # x (pt from left), y (pt from top), text


def _pdf(titel: str, zeilen: list[Zeile], *, rahmen: list[tuple[float, float, float, float]] = ()) -> bytes:  # type: ignore[assignment]
    puffer = io.BytesIO()
    c = canvas.Canvas(puffer, pagesize=A4, invariant=1)
    hoehe = A4[1]
    c.setFont("Helvetica-Bold", 14)
    c.drawString(50, hoehe - 60, titel)
    c.setFont("Helvetica", 9.5)
    for x, y, text in zeilen:
        c.drawString(x, hoehe - y, text)
    for x, y, b, h in rahmen:
        c.rect(x, hoehe - y - h, b, h)
    c.showPage()
    c.save()
    return puffer.getvalue()


def _lies(pdf: bytes) -> tuple[str, dict[str, str]]:
    ergebnis = verarbeite_seiten(lies_text(pdf))
    return ergebnis.typ, {v.feld: v.wert for v in ergebnis.felder}


def test_formular_beschriftung_ueber_dem_wert() -> None:
    """Numbered boxes, the label in small print above the value; the Aktenzeichen box is no Vermieter and
    the landlord's own address is not the flat's."""
    zeilen: list[Zeile] = [
        (50, 90, "Mietbescheinigung zur Vorlage bei der Wohngeldbehörde"),
        (50, 120, "1  Aktenzeichen der Wohngeldbehörde"),
        (300, 120, "2  Name der Vermieterin / des Vermieters"),
        (56, 136, "WG 2025/4471"),
        (306, 136, "Lindenhof Wohnbau GmbH"),
        (50, 160, "3  Anschrift der Vermieterin / des Vermieters"),
        (56, 176, "Hafenstraße 2, 20457 Hamburg"),
        (50, 200, "4  Lage der Wohnung (Straße, Hausnummer, Postleitzahl, Ort)"),
        (56, 216, "Birkenweg 14, 22549 Hamburg"),
        (50, 240, "5  Gesamte Wohnfläche"),
        (300, 240, "6  Mietverhältnis besteht seit"),
        (56, 256, "61,40 m²"),
        (306, 256, "01.04.2019"),
        (50, 280, "7  Miete monatlich ohne Nebenkosten (Grundmiete)"),
        (300, 280, "8  Vorauszahlung Betriebskosten (ohne Heizung)"),
        (56, 296, "540,00 EUR"),
        (306, 296, "130,00 EUR"),
        (50, 320, "9  Vorauszahlung Heizung und Warmwasser"),
        (300, 320, "10  Gesamtmiete monatlich"),
        (56, 336, "85,00 EUR"),
        (306, 336, "755,00 EUR"),
    ]
    typ, felder = _lies(_pdf("Mietbescheinigung", zeilen))
    assert typ == "mietbescheinigung"
    assert felder["vermieter"] == "Lindenhof Wohnbau GmbH"
    assert felder["anschrift"] == "Birkenweg 14, 22549 Hamburg"
    assert (felder["kaltmiete"], felder["nebenkosten"], felder["heizkosten"]) == ("540.00", "130.00", "85.00")
    assert felder["gesamtmiete"] == "755.00" and felder["wohnflaeche"] == "61.40"


def _lohn(zusatz: list[Zeile]) -> bytes:
    kopf: list[Zeile] = [
        (50, 90, "Abrechnung der Brutto/Netto-Bezüge für März 2025"),
        (50, 106, "Firma Kessler Feinmechanik GmbH, Werkstraße 4, 73430 Aalen"),
        (50, 122, "Personal-Nr. 00412   Steuerklasse 1   Krankenkasse AOK"),
    ]
    return _pdf("Verdienstabrechnung", kopf + zusatz)


def test_lohn_monat_gegen_jahreswerte_und_ag_anteile() -> None:
    """Columns "Monat" and "Jahr (kumuliert)": the month's Lohnsteuer, not the year's; KV and RV with
    employee (AN) and employer (AG) shares; the employer's flat-rate tax is not the employee's Steuer; the
    summary row's header spans several cells ("Netto-Be-/Abzüge" is not the Netto)."""
    zeilen: list[Zeile] = [
        (50, 150, "Bezeichnung"), (300, 150, "Monat"), (400, 150, "Jahr (kumuliert)"),
        (50, 166, "Gehalt"), (300, 166, "3.200,00"), (400, 166, "9.600,00"),
        (50, 182, "Lohnsteuer"), (300, 182, "361,58"), (400, 182, "1.084,74"),
        (50, 198, "Solidaritätszuschlag"), (300, 198, "0,00"), (400, 198, "0,00"),
        (50, 214, "Pauschale Lohnsteuer (trägt Arbeitgeber)"), (300, 214, "25,00"), (400, 214, "75,00"),
        (50, 240, "Sozialversicherung"), (300, 240, "AN-Anteil"), (400, 240, "AG-Anteil"),
        (50, 256, "Krankenversicherung"), (300, 256, "272,00"), (400, 256, "272,00"),
        (50, 272, "Rentenversicherung"), (300, 272, "297,60"), (400, 272, "297,60"),
        (50, 288, "Arbeitslosenversicherung"), (300, 288, "41,60"), (400, 288, "41,60"),
        (50, 304, "Pflegeversicherung"), (300, 304, "73,60"), (400, 304, "57,60"),
        (50, 330, "Gesamt-Brutto"), (150, 330, "Steuerrechtl. Abzüge"), (270, 330, "SV-rechtl. Abzüge"),
        (390, 330, "Netto-Be-/Abzüge"), (500, 330, "Netto"),
        (50, 346, "3.200,00"), (150, 346, "361,58"), (270, 346, "684,80"), (390, 346, "40,00"),
        (500, 346, "2.153,62"),
        (50, 372, "Auszahlungsbetrag"), (300, 372, "2.113,62"),
        (50, 388, "Überweisung auf DE02 1203 0000 0000 2020 51"),
    ]  # fmt: skip
    typ, felder = _lies(_lohn(zeilen))
    assert typ == "lohnabrechnung"
    assert felder["brutto"] == "3200.00" and felder["steuer"] == "361.58"
    assert felder["sozialversicherung"] == "684.80" and felder["netto"] == "2153.62"
    assert felder["auszahlung"] == "2113.62"


def test_lohn_sozialversicherung_nur_in_teilen() -> None:
    """Only the four employee contributions are printed, no total: the sum follows from brutto - steuer -
    netto and is accepted because it equals the printed run of parts (not the KV line alone)."""
    zeilen: list[Zeile] = [
        (50, 150, "Gesamtbrutto"), (300, 150, "2.500,00"),
        (50, 166, "Lohnsteuer"), (300, 166, "216,91"),
        (50, 182, "KV-Beitrag AN"), (300, 182, "203,75"),
        (50, 198, "RV-Beitrag AN"), (300, 198, "232,50"),
        (50, 214, "AV-Beitrag AN"), (300, 214, "32,50"),
        (50, 230, "PV-Beitrag AN"), (300, 230, "57,50"),
        (50, 256, "Gesetzliches Netto"), (300, 256, "1.756,84"),
        (50, 272, "Auszahlung"), (300, 272, "1.756,84"),
    ]  # fmt: skip
    typ, felder = _lies(_lohn(zeilen))
    assert typ == "lohnabrechnung"
    assert felder["sozialversicherung"] == "526.25"
    assert felder["netto"] == "1756.84"


def test_vermieterbrief_fliesstext() -> None:
    """A landlord's letter in running text: amounts inside sentences, the letter is a rent proof."""
    saetze = [
        "Sehr geehrte Frau Albers,",
        "hiermit bestätige ich Ihnen als Vermieter, dass Sie seit dem 1. August 2021 die Wohnung im",
        "Haus Kastanienallee 9, 04109 Leipzig, mit einer Wohnfläche von 54 m² bei mir gemietet haben.",
        "Für die Wohnung beträgt die monatliche Grundmiete 612,00 EUR. Hinzu kommen monatliche",
        "Vorauszahlungen für die Betriebskosten in Höhe von 120,00 EUR sowie für die Heizkosten",
        "in Höhe von 70,00 EUR, insgesamt also 802,00 EUR im Monat.",
        "Mit freundlichen Grüßen",
        "Dieter Reinholz",
    ]
    zeilen = [(50, 120 + 16 * i, satz) for i, satz in enumerate(saetze)]
    typ, felder = _lies(_pdf("Dieter Reinholz · Gartenweg 3 · 04103 Leipzig", zeilen))
    assert typ in ("mietbescheinigung", "mietvertrag")
    assert (felder["kaltmiete"], felder["nebenkosten"], felder["heizkosten"]) == ("612.00", "120.00", "70.00")
    assert felder["gesamtmiete"] == "802.00"


def test_rentenwert_ist_keine_rente() -> None:
    """The aktueller Rentenwert is a factor of the formula, not the pension; KV and PV on separate lines
    give the kv_pv_beitrag as their sum."""
    zeilen: list[Zeile] = [
        (50, 100, "Deutsche Rentenversicherung Bund"),
        (50, 116, "Rentenanpassung zum 1. Juli 2025"),
        (50, 140, "Der aktuelle Rentenwert beträgt ab 01.07.2025"), (400, 140, "40,79 EUR"),
        (50, 164, "Ihre Rente ab 01.07.2025"), (300, 164, "bisher"), (400, 164, "neu"),
        (50, 180, "Monatliche Rente (brutto)"), (300, 180, "1.396,40 EUR"), (400, 180, "1.448,95 EUR"),
        (50, 196, "Beitragsanteil Krankenversicherung 7,3 %"), (400, 196, "105,77 EUR"),
        (50, 212, "Zusatzbeitrag zur Krankenversicherung 1,25 %"), (400, 212, "18,11 EUR"),
        (50, 228, "Beitrag zur Pflegeversicherung 3,6 %"), (400, 228, "52,16 EUR"),
        (50, 244, "Zahlbetrag"), (300, 244, "1.224,57 EUR"), (400, 244, "1.272,91 EUR"),
    ]  # fmt: skip
    typ, felder = _lies(_pdf("Rentenanpassungsmitteilung", zeilen))
    assert typ == "rentenbescheid"
    assert felder["rentenbetrag"] == "1448.95" and felder["zahlbetrag"] == "1272.91"
    assert felder["kv_pv_beitrag"] == "176.04"
