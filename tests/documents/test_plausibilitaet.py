from __future__ import annotations

import copy
from decimal import Decimal

from amtsweg.documents.plausibilitaet import Nachweis, pruefe_plausibilitaet

ANTRAG = {
    "stichtag": "2025-03-01",
    "wohnung": {"art": "miete", "kosten_monat": "570.50", "gemeinde": "Ludwigshafen am Rhein", "land": "RP"},
    "personen": [
        {
            "id": "a",
            "rolle": "antragsteller",
            "alter": 40,
            "grad_der_behinderung": 0,
            "einkommen": [{"art": "erwerbstaetigkeit", "brutto_monat": "2000.00"}],
        },
        {
            "id": "b",
            "rolle": "partner",
            "alter": 70,
            "einkommen": [{"art": "rente", "brutto_monat": "900.00"}],
        },
    ],
}


def test_miete_stimmt_mit_antrag_ueberein() -> None:
    miete = Nachweis(
        "mietbescheinigung", {"kaltmiete": "450.00", "nebenkosten": "120.50", "heizkosten": "80.00"}
    )
    assert pruefe_plausibilitaet(ANTRAG, [miete]) == []


def test_miete_weicht_ab_mit_groesse_und_norm() -> None:
    miete = Nachweis(
        "mietbescheinigung", {"kaltmiete": "500.00", "nebenkosten": "120.50"}, "Mietbescheinigung.pdf"
    )
    [abweichung] = pruefe_plausibilitaet(ANTRAG, [miete])
    assert abweichung.regel == "miete_antrag" and abweichung.norm == "§ 9 Abs. 1 WoGG"
    assert abweichung.differenz == Decimal("50.00") and abweichung.feld == "wohnung.kosten_monat"
    assert "570,50 €" in abweichung.beschreibung and "620,50 €" in abweichung.beschreibung
    assert abweichung.dokumente == ("Mietbescheinigung.pdf",)


def test_heizkosten_weichen_ab_mit_norm_der_kdu() -> None:
    miete = Nachweis(
        "mietbescheinigung", {"kaltmiete": "450.00", "nebenkosten": "120.50", "heizkosten": "95.00"}
    )
    antrag = copy.deepcopy(ANTRAG)
    antrag["wohnung"]["heizkosten_monat"] = "80.00"  # type: ignore[index]
    [abweichung] = pruefe_plausibilitaet(antrag, [miete])
    # heating is no part of the Wohngeld-Miete (§ 9 Abs. 2 WoGG) but a need for Unterkunft und Heizung
    assert abweichung.regel == "heizkosten_antrag" and abweichung.norm == "§ 22 Abs. 1 SGB II"
    assert abweichung.differenz == Decimal("15.00") and abweichung.feld == "wohnung.heizkosten_monat"


def test_drei_lohnabrechnungen_gegen_antrag_und_untereinander() -> None:
    belege = [
        Nachweis("lohnabrechnung", {"brutto": b, "netto": n, "abrechnungsmonat": m}, f"L{i}")
        for i, (b, n, m) in enumerate(
            [
                ("2100.00", "1500.00", "2025-01"),
                ("2100.00", "1500.00", "2025-02"),
                ("2700.00", "1900.00", "2025-02"),
            ]
        )
    ]
    regeln = {a.regel: a for a in pruefe_plausibilitaet(ANTRAG, belege)}
    assert set(regeln) == {"lohn_schwankung", "lohn_monat_doppelt", "erwerbstaetigkeit_antrag"}
    assert regeln["lohn_schwankung"].differenz == Decimal("600.00")
    antrag = regeln["erwerbstaetigkeit_antrag"]
    assert antrag.differenz == Decimal("300.00")  # mean 2300.00 vs 2000.00
    assert antrag.feld == "personen[id=a].einkommen[0].brutto_monat"
    assert antrag.norm == "§ 14 Abs. 1 WoGG, § 15 Abs. 1 WoGG"
    assert "2025-02" in regeln["lohn_monat_doppelt"].beschreibung


def test_rente_alg_gdb_und_innere_widersprueche() -> None:
    belege = [
        Nachweis(
            "rentenbescheid",
            {"rentenbetrag": "950.00", "kv_pv_beitrag": "110.00", "zahlbetrag": "800.00"},
            "R",
            person="b",
        ),
        Nachweis("alg_bescheid", {"tagessatz": "40.00"}, "A"),
        Nachweis("schwerbehindertenausweis", {"gdb": "50"}, "S"),
        Nachweis("lohnabrechnung", {"brutto": "2000.00", "netto": "2100.00"}, "L"),
    ]
    regeln = {a.regel: a for a in pruefe_plausibilitaet(ANTRAG, belege)}
    assert regeln["rente_antrag"].differenz == Decimal("50.00")
    assert regeln["rente_zahlbetrag"].differenz == Decimal("40.00")
    assert regeln["arbeitslosengeld_antrag"].wert_antrag is None  # not declared in the Antrag
    assert "1.200,00 €" in regeln["arbeitslosengeld_antrag"].beschreibung
    assert regeln["arbeitslosengeld_antrag"].norm == "§ 14 Abs. 2 Nr. 6 WoGG"
    assert regeln["gdb_antrag"].differenz == Decimal("50") and regeln["gdb_antrag"].norm == "§ 17 Nr. 1 WoGG"
    assert regeln["lohn_netto_ueber_brutto"].differenz == Decimal("100.00")
    assert "erwerbstaetigkeit_antrag" not in regeln  # 2000.00 as declared
