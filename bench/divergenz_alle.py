"""Divergence classes for the all-benefits comparison (SGB II, Kinderzuschlag, Kindergeld, Wohngeld,
Vorrang). One cause per differing household, first matching rule wins; amounts in cents."""

from __future__ import annotations

from typing import Any

import numpy as np

from amtsweg.rules.haushalt.spalten import ART, ROLLE, Haushaltsspalten

#: § 72 SGB II, 25 EUR per child with Regelbedarfsstufe 3-6 (GETTSIM adds it to the Bedarf)
SOFORTZUSCHLAG = 2500


def merkmale(s: Haushaltsspalten, v: Any) -> dict[str, np.ndarray]:
    """Per-household features from Amtsweg's columns and intermediate results."""
    ohne, kiz = v.grundsicherung_ohne, v.kinderzuschlag
    kind = s.rolle == ROLLE["kind"]
    eltern = ~kind & ohne.in_bg
    erwerb = s.brutto[ART["erwerbstaetigkeit"]] + s.brutto[ART["minijob"]]
    sonstiges = s.brutto.sum(axis=0) - erwerb
    gdb = s.grad_der_behinderung

    def irgend(maske: np.ndarray) -> np.ndarray:
        return s.anzahl_je_haushalt(maske) > 0

    return {
        "n": s.anzahl_je_haushalt(np.ones_like(kind)),
        "kinder_bg": s.anzahl_je_haushalt(kind & ohne.in_bg),
        "kinder": s.anzahl_je_haushalt(kind),
        "kind_raus": irgend(kind & ~ohne.in_bg),
        "schwanger": irgend(s.schwanger & ohne.in_bg),
        "abs_2b": irgend(s.in_ausbildung & (erwerb > 0) & (s.alter < 25) & ohne.erwerbsfaehig),
        "ohne_elb": ohne.ohne_elb,
        "teil_elb": irgend(~ohne.erwerbsfaehig & ohne.in_bg & ~kind),
        "vermoegen_zu_hoch": ohne.vermoegen_zu_hoch,
        "vermoegen": s.je_haushalt(s.vermoegen),
        "kind_erwerb": irgend(kind & (erwerb > 0)),
        "volljaehriges_kind": irgend(kind & (s.alter >= 18)),
        "alleinerziehend": irgend(s.rolle == ROLLE["antragsteller"])
        & (s.anzahl_je_haushalt(s.rolle == ROLLE["partner"]) == 0)
        & (s.anzahl_je_haushalt(kind & (s.alter < 18)) > 0),
        "unterhaltsvorschuss": irgend(s.brutto[5] > 0),
        "rente": irgend((s.brutto[2] + s.brutto[3]) > 0),
        "erwerb_kind_hh_ueber_1000": irgend(erwerb > 100000) & (s.anzahl_je_haushalt(kind) > 0),
        # § 11b Abs. 3 Satz 3: only a minor child raises 1 200 to 1 500 EUR; GETTSIM also any Kinderfreibetrag
        "obergrenze_1500_gettsim": irgend(kind & (s.alter >= 18) & s.kindergeld)
        & ~irgend(kind & (s.alter < 18))
        & irgend(eltern & (erwerb > 120000)),
        # GETTSIM links every child to the Kindergeld recipient (needed for its Regelbedarfsstufe 3-6) and
        # then counts the Kindergeld rate as income of each linked child, paid for it or not (A-0064)
        "kind_ohne_kindergeld_in_bg": irgend(kind & ~s.kindergeld & ohne.in_bg),
        "alter_66": irgend(ohne.in_bg & (s.alter == 66)),
        "sofortzuschlag_ohne_anspruch": (ohne.betrag == 0) & (ohne.gesamt > 0),
        "kiz_hilfebeduerftig": ~kiz.hilfebeduerftigkeit_vermieden & ~kiz.regel_100_euro,
        "kiz_vermoegen": kiz.vermoegen_anrechenbar > 0,
        "eltern_sonstiges": irgend(eltern & (sonstiges > 0)),
        "eltern_unterhalt": irgend(eltern & (s.brutto[ART["unterhalt"]] > 0)),
        "eltern_ueber_bedarf": s.je_haushalt(np.where(eltern, ohne.einkommen, 0)) > kiz.gesamtbedarf_eltern,
        # Wohngeld classes of the Wohngeld benchmark (bench/divergenz.py, docs/benchmarks.md)
        "gdb_abweichend": irgend((gdb > 0) != ((gdb >= 100) | ((gdb >= 50) & s.haeuslich_pflegebeduerftig))),
        "kind_ohne_kg_mit_lohn": irgend(kind & (s.alter < 25) & ~s.kindergeld & (erwerb > 0)),
        "mehrlinge": (s.anzahl_je_haushalt(kind & (s.alter == 0)) >= 2)
        & irgend(s.brutto[ART["elterngeld"]] > 0),
        "elterngeld": irgend(s.brutto[ART["elterngeld"]] > 0),
        "minijob": irgend(s.brutto[ART["minijob"]] > 0),
        "wg_vermoegen_zu_hoch": v.wohngeld_vorrang.vermoegen_zu_hoch,
    }


def klassen_sgb2(a: dict[str, np.ndarray], g: dict[str, np.ndarray], m: dict[str, np.ndarray]) -> np.ndarray:
    """SGB II entitlement before the Vorrangprüfung: Amtsweg ``a`` vs GETTSIM ``g`` (cents)."""
    diff = a["betrag"] != g["betrag"]
    bedarf_d = g["bedarf"] - a["bedarf"]
    eink_d = g["einkommen"] - a["einkommen"]
    sofort = m["kinder_bg"] * SOFORTZUSCHLAG
    cent = m["n"] + 1
    g_luecke = g["bedarf"] - g["einkommen"]
    gleich = (np.abs(bedarf_d - sofort) <= cent) & (np.abs(eink_d) <= cent)
    regeln = [
        (m["ohne_elb"] | m["teil_elb"], "persons past the Regelaltersgrenze / not erwerbsfähig in the BG"),
        (m["kind_raus"], "§ 7 Abs. 3 Nr. 4 SGB II: child covering its own need is outside the BG"),
        (m["alter_66"], "age 66 vs Regelaltersgrenze 66 y 2 m (integer age, A-0055)"),
        (m["sofortzuschlag_ohne_anspruch"] & (g["betrag"] == 0),
         "§ 72 Abs. 1 Satz 2 Nr. 2 SGB II: Sofortzuschlag without a BG claim (GETTSIM has none)"),
        ((a["betrag"] == 0) & m["vermoegen_zu_hoch"] & (g["betrag"] > 0),
         "§ 12 SGB II Vermögen: above the Freibetrag for Amtsweg only"),
        ((g["betrag"] == 0) & (g_luecke > cent) & ~m["vermoegen_zu_hoch"] & (a["betrag"] > 0),
         "§ 12 SGB II Vermögen: above the Freibetrag for GETTSIM only"),
        (m["schwanger"], "§ 21 Abs. 2 SGB II Mehrbedarf Schwangere (GETTSIM has none)"),
        (m["abs_2b"] & (np.abs(eink_d) > cent), "§ 11b Abs. 2b SGB II (GETTSIM has none)"),
        ((eink_d > cent) & m["kind_ohne_kindergeld_in_bg"],
         "§ 11 Abs. 1 Satz 5: GETTSIM counts Kindergeld for an adult child who gets none"),
        ((eink_d < -cent) & m["obergrenze_1500_gettsim"],
         "§ 11b Abs. 3 Satz 3: GETTSIM's 1 500 EUR limit for an adult child (Kinderfreibetrag)"),
        (gleich & (np.abs(a["betrag"] - g["betrag"]) <= cent),
         "cent rounding (KdU per head, Bedarfsanteile)"),
        (gleich & (sofort > 0) & (a["betrag"] == 0),
         "§ 72 SGB II Sofortzuschlag: GETTSIM counts it as Bedarf (creates the claim)"),
        (gleich & (sofort > 0), "§ 72 SGB II Sofortzuschlag as Bedarf changes GETTSIM's Bedarfsanteile"),
        ((np.abs(eink_d) > cent) & m["volljaehriges_kind"], "income: adult child, other"),
        ((np.abs(eink_d) > cent) & m["kind_erwerb"], "income: child's earnings (Freibetrag)"),
        ((np.abs(eink_d) > cent) & m["erwerb_kind_hh_ueber_1000"],
         "§ 11b Abs. 3 upper limit with child"),
        (np.abs(eink_d) > cent, "income differs, other"),
        ((np.abs(bedarf_d - sofort) > cent) & m["alleinerziehend"], "Bedarf: Mehrbedarf Alleinerziehende"),
        (np.abs(bedarf_d - sofort) > cent, "Bedarf differs, other"),
        (np.ones_like(diff), "not classified"),
    ]  # fmt: skip
    return _erste(diff, regeln)


def klassen_kiz(a: dict[str, np.ndarray], g: dict[str, np.ndarray], m: dict[str, np.ndarray]) -> np.ndarray:
    diff = a["kiz"] != g["kiz"]
    regeln = [
        (a["wg"] != g["wg"], "prospective Wohngeld differs (see the Wohngeld classes)"),
        (m["kind_raus"] | m["kind_erwerb"], "child's own income (§ 6a Abs. 3 BKGG) / BG composition"),
        (m["ohne_elb"] | m["teil_elb"], "parent past the Regelaltersgrenze / not erwerbsfähig"),
        (m["schwanger"] | m["abs_2b"], "SGB II inputs GETTSIM lacks (Schwangere, § 11b Abs. 2b)"),
        (
            (a["kiz"] == 0) & m["kiz_hilfebeduerftig"] & (g["kiz"] > 0),
            "§ 6a Abs. 1 Nr. 3, Abs. 1a BKGG: still hilfebedürftig (GETTSIM tests it in its Vorrang only)",
        ),
        (
            m["kiz_vermoegen"],
            "Vermögen: GETTSIM nets the excess every month (§ 6a Abs. 3 Satz 6, 7 BKGG: first month only)",
        ),
        (
            np.abs(a["kiz"] - g["kiz"]) < 150,
            "rounding (§ 11 Abs. 2 BKGG: Amtsweg rounds the KiZ, GETTSIM the parents' income to euros)",
        ),
        (
            m["eltern_sonstiges"] & m["eltern_ueber_bedarf"] & (a["kiz"] < g["kiz"]),
            "§ 6a Abs. 6 Satz 4 BKGG: parents' other income reduces in full (GETTSIM 45 %)",
        ),
        (m["kind_ohne_kindergeld_in_bg"], "GETTSIM counts Kindergeld for an adult child who gets none"),
        (m["obergrenze_1500_gettsim"], "§ 11b Abs. 3 Satz 3 SGB II: GETTSIM's 1 500 EUR limit (adult child)"),
        (
            (a["kiz"] > 0) & (g["kiz"] == 0) & m["eltern_unterhalt"],
            "§ 6a Abs. 1 Nr. 2 BKGG: Mindesteinkommen incl. Unterhalt received (GETTSIM without)",
        ),
        (m["unterhaltsvorschuss"], "child's income: Unterhaltsvorschuss / Unterhalt, other"),
        (m["volljaehriges_kind"], "adult child (18-24)"),
        (np.ones_like(diff), "not classified"),
    ]
    return _erste(diff, regeln)


def klassen_wg(a: dict[str, np.ndarray], g: dict[str, np.ndarray], m: dict[str, np.ndarray]) -> np.ndarray:
    diff = a["wg"] != g["wg"]
    regeln = [
        ((a["wg"] == 0) & m["wg_vermoegen_zu_hoch"],
         "§ 21 Nr. 3 WoGG erhebliches Vermögen: Amtsweg (Nr. 21.37 WoGVwV, considered members) pays nothing"),
        ((g["wg"] == 0) & (g["wg_basis"] > 0) & (m["vermoegen"] > 6000000),
         "§ 21 Nr. 3 WoGG erhebliches Vermögen: GETTSIM's own Vermögen check zeroes it, Amtsweg's does not"),
        ((g["wg"] == 0) & (g["wg_basis"] > 0), "GETTSIM Mindesteinkommen test (wohngeld__mindesteinkommen)"),
        (m["rente"], "GETTSIM #1200/#1194 pension income (see the Wohngeld benchmark)"),
        (m["minijob"], "Minijob counted in full (§ 14 Abs. 1 Satz 3 Nr. 2 WoGG, A-0070); GETTSIM deducts WK"),
        ((a["wg"] == 0) & (g["wg"] > 0) & (g["wg"] < 1000),
         "§ 21 Nr. 1 WoGG: below 10 EUR (GETTSIM pays it)"),
        (m["gdb_abweichend"], "§ 17 Nr. 1 WoGG: GETTSIM 150 EUR for any GdB > 0, no Pflege test"),
        (m["kind_ohne_kg_mit_lohn"], "§ 17 Nr. 4 WoGG: GETTSIM requires Kindergeld for it"),
        (m["mehrlinge"], "Elterngeld Freibetrag × Mehrlinge (§ 10 Abs. 4 BEEG), two children aged 0"),
        (m["elterngeld"], "Elterngeld, other"),
        (np.abs(a["wg"] - g["wg"]) <= 100, "1 EUR: cent rounding of the § 16 income"),
        (np.ones_like(diff), "other"),
    ]  # fmt: skip
    return _erste(diff, regeln)


def _erste(diff: np.ndarray, regeln: list[tuple[np.ndarray, str]]) -> np.ndarray:
    klasse = np.full(diff.size, "", dtype=object)
    for maske, name in regeln:
        klasse[diff & maske & (klasse == "")] = name
    return klasse
