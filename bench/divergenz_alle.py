"""Divergence classes for the all-benefits comparison (SGB II, Kinderzuschlag, Kindergeld, Wohngeld,
Vorrang). One cause per differing household, first matching rule wins; amounts in cents."""

from __future__ import annotations

from typing import Any

import numpy as np

from amtsweg.rules.haushalt.spalten import ROLLE, Haushaltsspalten

#: § 72 SGB II, 25 EUR per child with Regelbedarfsstufe 3-6 (GETTSIM adds it to the Bedarf)
SOFORTZUSCHLAG = 2500


def merkmale(s: Haushaltsspalten, v: Any) -> dict[str, np.ndarray]:
    """Per-household features from Amtsweg's columns and intermediate results."""
    ohne = v.grundsicherung_ohne
    kind = s.rolle == ROLLE["kind"]
    erwerb = s.brutto[0] + s.brutto[1]

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
    }


def klassen_sgb2(a: dict[str, np.ndarray], g: dict[str, np.ndarray], m: dict[str, np.ndarray]) -> np.ndarray:
    """SGB II entitlement before the Vorrangprüfung: Amtsweg ``a`` vs GETTSIM ``g`` (cents)."""
    diff = a["betrag"] != g["betrag"]
    bedarf_d = g["bedarf"] - a["bedarf"]
    eink_d = g["einkommen"] - a["einkommen"]
    sofort = m["kinder_bg"] * SOFORTZUSCHLAG
    cent = m["n"] + 1
    regeln = [
        (m["ohne_elb"] | m["teil_elb"], "persons past the Regelaltersgrenze / not erwerbsfähig in the BG"),
        (m["kind_raus"], "§ 7 Abs. 3 Nr. 4 SGB II: child covering its own need is outside the BG"),
        ((a["betrag"] == 0) & m["vermoegen_zu_hoch"] & (g["betrag"] > 0), "§ 12 SGB II Vermögen"),
        ((g["betrag"] == 0) & ~m["vermoegen_zu_hoch"] & (m["vermoegen"] > 1500000), "§ 12 SGB II Vermögen"),
        (m["schwanger"], "§ 21 Abs. 2 SGB II Mehrbedarf Schwangere (GETTSIM has none)"),
        (m["abs_2b"] & (np.abs(eink_d) > cent), "§ 11b Abs. 2b SGB II (GETTSIM has none)"),
        ((np.abs(bedarf_d - sofort) <= cent) & (sofort > 0) & (np.abs(eink_d) <= cent) & (a["betrag"] > 0),
         "§ 72 SGB II Sofortzuschlag: Amtsweg pays none"),
        ((np.abs(bedarf_d - sofort) <= cent) & (sofort > 0) & (np.abs(eink_d) <= cent),
         "§ 72 SGB II Sofortzuschlag: GETTSIM counts it as Bedarf (creates the claim)"),
        ((np.abs(bedarf_d) <= cent) & (np.abs(eink_d) <= cent) & (np.abs(a["betrag"] - g["betrag"]) <= cent),
         "cent rounding (KdU per head, Bedarfsanteile)"),
        ((np.abs(eink_d) > cent) & m["volljaehriges_kind"], "income: adult child (Kindergeld, Freibetrag)"),
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
        (m["vermoegen"] > 1500000, "Vermögen (§ 6a Abs. 3 Satz 7, § 12 SGB II)"),
        (m["unterhaltsvorschuss"], "child's income: Unterhaltsvorschuss / Unterhalt"),
        (m["volljaehriges_kind"], "adult child (18-24)"),
        (m["schwanger"] | m["abs_2b"], "SGB II inputs GETTSIM lacks (Schwangere, § 11b Abs. 2b)"),
        (np.abs(a["kiz"] - g["kiz"]) <= 100, "rounding to whole euros (§ 11 Abs. 2 BKGG)"),
        (np.ones_like(diff), "not classified"),
    ]
    return _erste(diff, regeln)


def klassen_wg(a: dict[str, np.ndarray], g: dict[str, np.ndarray], m: dict[str, np.ndarray]) -> np.ndarray:
    diff = a["wg"] != g["wg"]
    regeln = [
        ((g["wg"] == 0) & (g["wg_basis"] > 0) & (m["vermoegen"] > 6000000),
         "§ 21 Nr. 3 WoGG erhebliches Vermögen: Amtsweg has no Vermögen test"),
        ((g["wg"] == 0) & (g["wg_basis"] > 0), "GETTSIM Mindesteinkommen test (wohngeld__mindesteinkommen)"),
        (m["rente"], "GETTSIM #1200/#1194 pension income (see the Wohngeld benchmark)"),
        (np.ones_like(diff), "other (see the Wohngeld benchmark classes)"),
    ]  # fmt: skip
    return _erste(diff, regeln)


def _erste(diff: np.ndarray, regeln: list[tuple[np.ndarray, str]]) -> np.ndarray:
    klasse = np.full(diff.size, "", dtype=object)
    for maske, name in regeln:
        klasse[diff & maske & (klasse == "")] = name
    return klasse
