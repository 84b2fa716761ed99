"""Divergence analysis for the Wohngeld benchmark: per-household features, one cause per mismatch,
and the Haushalt JSON of an example household (reproducible with ``amtsweg berechne``)."""

from __future__ import annotations

from typing import Any

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc

from gettsim_peer import KDU_LEISTUNGEN
from population import GELD_EINKOMMEN

#: Anlage 3 WoGG (2025): minimum Y per number of considered members (1..12), EUR.
Y_MIN_2025 = np.array([396, 679, 906, 1132, 1358, 1585, 1811, 2037, 2264, 2490, 2717, 2943], float)
KDU = set(KDU_LEISTUNGEN)
ABZUEGE = ("steuern", "kranken_pflegeversicherung", "rentenversicherung")


def cent(werte: Any) -> np.ndarray:
    """Money column (decimal, string or float euros) -> int64 cents."""
    if isinstance(werte, pa.ChunkedArray | pa.Array):
        werte = pc.cast(werte, pa.float64()).to_numpy(zero_copy_only=False)
    return np.rint(np.asarray(werte, float) * 100).astype(np.int64)


def haushalt_json(tabelle: pa.Table, zeilen: np.ndarray) -> dict[str, Any]:
    """The Haushalt JSON (CLI contract) of one household given its row indices."""
    rows = tabelle.take(pa.array(zeilen)).to_pylist()
    erste = rows[0]
    personen = []
    for r in rows:
        person: dict[str, Any] = {"id": r["person_id"], "rolle": r["rolle"], "alter": r["alter"]}
        einkommen = [
            {"art": name.removeprefix("brutto_"), "brutto_monat": r[name]}
            for name in GELD_EINKOMMEN
            if cent([float(r[name])])[0] > 0
        ]
        if einkommen:
            person["einkommen"] = einkommen
        if "vermoegen" in r and cent([float(r["vermoegen"] or 0)])[0] > 0:
            person["vermoegen"] = r["vermoegen"]
        abzuege = [a for a in ABZUEGE if r[f"abzug_{a}"]]
        if abzuege:
            person["abzuege"] = abzuege
        for feld in ("kindergeld", "haeuslich_pflegebeduerftig"):
            if r[feld]:
                person[feld] = True
        for feld in ("grad_der_behinderung", "grundrentenzeiten_jahre"):
            if r[feld]:
                person[feld] = r[feld]
        if r["bezieht"]:
            person["bezieht"] = r["bezieht"].split(";")
        personen.append(person)
    return {
        "stichtag": erste["stichtag"],
        "wohnung": {
            "art": erste["wohnung_art"],
            "kosten_monat": erste["kosten_monat"],
            "mietstufe": erste["mietstufe"],
        },
        "personen": personen,
    }


def merkmale(tabelle: pa.Table) -> dict[str, np.ndarray]:
    """Per-household features used to explain a divergence (order of first appearance)."""
    hh = tabelle["haushalt_id"].to_numpy()
    neu = np.r_[True, hh[1:] != hh[:-1]]
    gruppe = np.cumsum(neu) - 1
    h = int(neu.sum())

    def irgendein(maske: np.ndarray) -> np.ndarray:
        aus = np.zeros(h, bool)
        np.logical_or.at(aus, gruppe[maske], True)
        return aus

    def euro(name: str) -> np.ndarray:
        return pc.cast(tabelle[name], pa.float64()).to_numpy()

    alter = tabelle["alter"].to_numpy()
    rolle = tabelle["rolle"].to_numpy(zero_copy_only=False)
    gdb = tabelle["grad_der_behinderung"].to_numpy()
    pflege = tabelle["haeuslich_pflegebeduerftig"].to_numpy(zero_copy_only=False)
    kg = tabelle["kindergeld"].to_numpy(zero_copy_only=False)
    bezieht = tabelle["bezieht"].to_numpy(zero_copy_only=False)
    aus = np.array([bool(b) and any(x in KDU for x in b.split(";")) for b in bezieht], dtype=bool)
    erwerb = euro("brutto_erwerbstaetigkeit") + euro("brutto_minijob")
    grz = tabelle["grundrentenzeiten_jahre"].to_numpy()
    amtsweg_gdb = (gdb >= 100) | ((gdb >= 50) & pflege)
    baby = (rolle == "kind") & (alter == 0)
    babys = np.bincount(gruppe[baby], minlength=h)
    return {
        "haushalt_id": hh[neu],
        "zeile_start": np.flatnonzero(neu),
        "n": np.bincount(gruppe, minlength=h),
        "teilhaushalt": irgendein(aus),
        "rente": irgendein(euro("brutto_rente") > 0),
        "versorgung": irgendein(euro("brutto_versorgungsbezuege") > 0),
        "gdb_abweichend": irgendein((gdb > 0) != amtsweg_gdb),
        "elterngeld": irgendein(euro("brutto_elterngeld") > 0),
        "mehrlinge": (babys >= 2) & irgendein(euro("brutto_elterngeld") > 0),
        "minijob": irgendein(euro("brutto_minijob") > 0),
        "grundrente": irgendein((grz >= 33) & (euro("brutto_rente") > 0)),
        "kind_ohne_kg_mit_lohn": irgendein((rolle == "kind") & (alter < 25) & ~kg & (erwerb > 0)),
    }


def klassifiziere(
    a_betrag: np.ndarray,
    a_y: np.ndarray,
    a_m: np.ndarray,
    a_k: np.ndarray,
    g: dict[str, np.ndarray],
    m: dict[str, np.ndarray],
) -> np.ndarray:
    """One cause per mismatching household (first matching rule wins), in cents throughout.

    ``g`` holds GETTSIM's amounts as is (``betrag``), with #1200 neutralised (``betrag_1200``) and
    with #1200 and #1194 neutralised (``betrag_korr``, ``y_korr``, ``m_korr``). Households that
    still differ after both corrections are explained by comparing Y and M and by their features.
    ``m["vermoegen_zu_hoch"]`` is Amtsweg's own § 21 Nr. 3 flag: such a household gets 0 whatever Y
    and M are, and GETTSIM's target (``basisbetrag``) is computed before its Vermögen check, so it
    comes first (before, these households fell into "Y differs by cents").
    """
    klasse = np.full(a_betrag.size, "", dtype=object)
    ungleich = a_betrag != g["betrag"]
    vermoegen = m.get("vermoegen_zu_hoch", np.zeros(a_betrag.size, bool)).astype(bool)
    klasse[ungleich & vermoegen & (a_betrag == 0)] = (
        "§ 21 Nr. 3 WoGG: erhebliches Vermögen (Nr. 21.37 WoGVwV), Amtsweg pays nothing; GETTSIM's "
        "target is computed before its Vermögen check"
    )
    klasse[ungleich & (klasse == "") & (a_betrag == g["betrag_1200"])] = (
        "GETTSIM #1200: only the taxable share (Besteuerungsanteil) of pensions counts"
    )
    klasse[ungleich & (klasse == "") & (a_betrag == g["betrag_korr"])] = (
        "GETTSIM #1200 + #1194: taxable share only and no 8.50 EUR Pauschbetrag on pensions"
    )
    rest = ungleich & (klasse == "")
    y_min = Y_MIN_2025[np.clip(a_k, 1, 12) - 1] * 100
    y_abw = np.abs(np.maximum(a_y, y_min) - g["y_korr"])  # GETTSIM's Y in float cents, unrounded
    m_abw = np.abs(a_m - g["m_korr"])
    # Amtsweg rounds each person's income to the cent (and the § 17a 30 % share): up to 1 cent per person.
    y_rundung = (y_abw > 1e-6) & (y_abw <= m["n"] + 1e-6)
    y_diff = y_abw > m["n"] + 1e-6
    m_diff = m_abw >= 1
    regeln = [
        (m["n"] > 12, "§ 19 Abs. 3 WoGG: more than 12 members (GETTSIM: M with increments beyond 12)"),
        (y_diff & m["gdb_abweichend"], "§ 17 Nr. 1 WoGG: GETTSIM: 150 EUR for any GdB > 0, no Pflege test"),
        (y_diff & m["kind_ohne_kg_mit_lohn"], "§ 17 Nr. 4 WoGG: GETTSIM requires Kindergeld for it"),
        (y_diff & m["mehrlinge"], "Elterngeld: GETTSIM multiplies the 300 EUR Freibetrag for Mehrlinge"),
        (
            y_diff & m["minijob"],
            "Minijob: pauschal besteuerter Lohn counts in full (§ 14 Abs. 1 Satz 3 Nr. 2 WoGG, A-0070); "
            "GETTSIM deducts the Arbeitnehmer-Pauschbetrag",
        ),
        (y_diff & m["elterngeld"], "Elterngeld (§ 14 Abs. 2 Nr. 6 WoGG, § 10 BEEG), other"),
        (y_diff & m["grundrente"], "§ 17a WoGG Grundrente, other"),
        (y_diff, "income Y differs, cause not classified"),
        (m_diff & m["teilhaushalt"], "§ 11 Abs. 3 WoGG Teilhaushalt: M differs by >= 1 cent"),
        (m_diff, "rent M differs by >= 1 cent, cause not classified"),
        (
            y_rundung,
            "Y differs by cents: Amtsweg rounds each person's § 16 income (and § 17a 30 %) to the "
            "cent, GETTSIM keeps float",
        ),
        (
            m["teilhaushalt"] & (m_abw > 1e-6),
            "§ 11 Abs. 3 pro rata: Amtsweg rounds each share to the cent, GETTSIM keeps float",
        ),
        (m["teilhaushalt"], "§ 11 Abs. 3 WoGG Teilhaushalt, Y and M equal: minimum M / formula row for k"),
        (np.ones_like(rest), "Y and M equal: 10-decimal truncation (Amtsweg) vs. float (GETTSIM) at x.50"),
    ]
    for maske, name in regeln:
        klasse[rest & maske & (klasse == "")] = name
    return klasse
