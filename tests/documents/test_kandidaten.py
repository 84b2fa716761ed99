"""Candidate features that carry over to new layouts: labels in header cells and after a currency sign,
sums and differences of printed amounts, and the calibration of the field confidence."""

from __future__ import annotations

import random

from amtsweg.documents import extraktion, text
from amtsweg.documents.kandidaten import kandidaten
from amtsweg.documents.typen import FELDER

from .hilfen import text_pdf


def _seiten(zeilen: list[str]) -> list[text.Seite]:
    return text.lies_text(text_pdf(zeilen, titel="Verdienstabrechnung"))


def _merkmale(feld: str, zeilen: list[str], typ: str = "lohnabrechnung") -> dict[str, dict[str, float]]:
    return {k.wert: k.merkmale for k in kandidaten(feld, _seiten(zeilen), FELDER[typ])}


def test_waehrung_vor_dem_betrag_verdeckt_das_label_nicht() -> None:
    m = _merkmale("netto", ["Nettobezüge          EUR 2.597,26", "Auszahlungsbetrag          EUR 2.571,26"])
    assert m["2597.26"]["stamm_label"] == 1.0 and m["2571.26"]["stamm_label"] == 0.0


def _tabelle(zellen: list[list[tuple[float, str]]]) -> list[text.Seite]:
    """A page of table rows: each cell (x, text) with its words laid out at 0.006 per character."""
    woerter = []
    for zeile, reihe in enumerate(zellen):
        y = 0.1 + 0.02 * zeile
        for x, inhalt in reihe:
            for wort in inhalt.split():
                woerter.append(text.Wort(wort, (x, y, x + 0.006 * len(wort), y + 0.012), 1.0))
                x += 0.006 * (len(wort) + 1)
    return [text._seite(1, 595, 842, woerter, "text")]


def test_spaltenkopf_ist_das_label_eines_tabellenwerts() -> None:
    seiten = _tabelle(
        [
            [(0.1, "Vorauszahlung Heizung"), (0.5, "Vorauszahlung Betriebskosten")],
            [(0.1, "111,60 €"), (0.5, "160,00 €")],
        ]
    )
    m = {k.wert: k.merkmale for k in kandidaten("heizkosten", seiten, FELDER["mietvertrag"])}
    # the value spans only "Vorauszahlung", the whole header cell is its label
    assert m["111.60"]["stamm_label"] == 1.0 and m["160.00"]["stamm_label"] == 0.0
    assert m["160.00"].get("fremd_label") == 1.0  # the Betriebskosten column speaks against Heizkosten


def test_summe_und_differenz_gedruckter_betraege() -> None:
    zeilen = [
        "Lohnsteuer          234,47 €",
        "Solidaritätszuschlag          0,00 €",
        "Kirchensteuer          21,10 €",
        "Summe Steuern          255,57 €",
        "Nachzahlung          700,00 €",
        "Zahlbetrag          1.000,00 €",
        "Rente          1.255,57 €",
    ]
    m = _merkmale("steuer", zeilen)
    assert m["255.57"].get("ist_summe") and m["255.57"].get("summe_passend")
    assert not m["234.47"].get("ist_summe") and not m["234.47"].get("summe_passend")
    z = _merkmale("zahlbetrag", zeilen, "rentenbescheid")
    assert (
        z["1000.00"].get("ist_differenz") and z["700.00"].get("einmalig") and not z["1000.00"].get("einmalig")
    )


def test_faktor_mit_einer_nachkommastelle_ist_kein_betrag() -> None:
    assert "1.00" not in _merkmale("rentenbetrag", ["Rentenartfaktor   1,0", "Monatliche Rente   1.234,50 €"])


def test_kalibrierung_macht_ueberzogene_sicherheit_ehrlich() -> None:
    zufall = random.Random(5)
    roh = [zufall.uniform(0.5, 1.0) for _ in range(2000)]
    richtig = [zufall.random() < 0.6 for _ in roh]  # 60 % right whatever the raw score says
    kalibrierung = extraktion.kalibriere(roh, richtig)
    kalibriert = [kalibrierung(r) for r in roh]
    assert abs(sum(kalibriert) / len(kalibriert) - 0.6) < 0.03
    assert abs(sum(roh) / len(roh) - 0.6) > 0.1
    assert kalibrierung(0.9) >= kalibrierung(0.6) - 1e-9  # monotone (a >= 0 for an informative score)
    assert (
        extraktion.Kalibrierung()(0.8) == 0.8000000000000002
        or abs(extraktion.Kalibrierung()(0.8) - 0.8) < 1e-9
    )


def test_ausgelieferte_kalibrierung_ist_gelernt() -> None:
    kalibrierung = extraktion.lade_kalibrierung()
    assert (kalibrierung.a, kalibrierung.b) != (1.0, 0.0)
    assert 0 < kalibrierung(0.5) < 1
