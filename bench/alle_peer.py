"""GETTSIM 1.3.1 as the peer for all benefits plus the Vorrangprüfung (development/benchmark only).

GETTSIM is AGPL-3.0 and imported only by the bench scripts (``.venv-bench``), never by ``amtsweg``.
The Wohngeld input mapping of ``gettsim_peer.eingaben`` is reused; on top of it:

Comparison set (``vergleichsmenge``): rent households that are exactly one family -- applicant, at most
one partner, children under 25 -- with nobody drawing a benefit named in ``bezieht``. GETTSIM derives
``bg_id``, ``fg_id`` and ``wthh_id`` as one Familiengemeinschaft per household and warns that its
results are only correct then (``WARNING_MSG_FOR_GETTSIM_BG_ID_WTHH_ID_ETC``); households with
"sonstige" members or § 7 WoGG Teilhaushalte are left out. Lastenzuschuss is left out as before.

Data overriding GETTSIM functions ("data beats functions"):
- ``bürgergeld__nettoeinkommen_vor_abzug_freibetrag_m`` = the person's stated net income (``netto_*``,
  brutto where not given) of the types GETTSIM counts there (wages incl. Minijob, pensions,
  Versorgungsbezüge, ALG I, Elterngeld, other). GETTSIM would subtract its own income-tax and
  social-insurance simulation from gross; SGB II counts the actual net (§ 11b Abs. 1 Nr. 1, 2).
- KdU: ``bürgergeld__bruttokaltmiete_m``, ``__heizkosten_m`` and ``__kosten_der_unterkunft_m`` per
  person = the Unterkunft and Heizung Amtsweg recognises (§ 22 Abs. 1: actual rent in the Karenzzeit or
  without a stated Grenze, else at most the stated ``angemessene_kosten_monat``; heating in full) divided
  per head. GETTSIM's own KdU test is a placeholder (10 EUR/m² warm, 45 m² + 15 m² per further person,
  ``kosten_der_unterkunft.yaml``, GETTSIM issue #782). Its Kinderzuschlag reads the same columns.
- ``bürgergeld__bezug_im_vorjahr`` = Bewilligungszeitraum began more than 12 months before the Stichtag
  (Karenzzeit over; GETTSIM uses it for the Vermögen Freibetrag).
- ``kindergeld__p_id_empfänger`` = the applicant; ``kindergeld__in_ausbildung`` = ``in_ausbildung``;
  GETTSIM decides ``ist_leistungsbegründendes_kind`` itself (the Wohngeld peer overrides it).
- Tax inputs GETTSIM's DAG still asks for (Kinderfreibeträge, Soli) are neutral: no Ehe, no Gewerbe.
"""

from __future__ import annotations

import time
from dataclasses import dataclass
from typing import Any

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc
from gettsim import InputData, TTTargets, main

import gettsim_peer as gp

ZIELE = {
    "bürgergeld": {
        "anspruchshöhe_m": None, "betrag_m": None, "regelbedarf_m_bg": None,
        "anzurechnendes_einkommen_m_bg": None, "regelsatz_m": None, "anzurechnendes_einkommen_m": None,
    },
    "kinderzuschlag": {"anspruchshöhe_m_bg": None, "betrag_m_bg": None},
    "kindergeld": {"betrag_m": None},
    "wohngeld": {"anspruchshöhe_m_wthh": None, "betrag_m_wthh": None, "basisbetrag_m_wthh": None},
    "vorrangprüfungen": {"wohngeld_kinderzuschlag_vorrangig_oder_günstiger": None},
}  # fmt: skip
#: Income types in GETTSIM's ``bürgergeld__bruttoeinkommen_m`` (Unterhalt, UVG are added separately there).
NETTO_ARTEN = ("erwerbstaetigkeit", "minijob", "rente", "versorgungsbezuege", "arbeitslosengeld",
               "elterngeld", "sonstige")  # fmt: skip
STICHTAG = np.datetime64("2025-01-01")


def vergleichsmenge(tabelle: pa.Table) -> pa.Table:
    """Rent households of one family (applicant, partner, children under 25), nobody in ``bezieht``."""
    tab = gp.nur_miete(tabelle)
    hh = tab["haushalt_id"].to_numpy()
    falsch = (pc.equal(tab["rolle"], "sonstige").to_numpy(zero_copy_only=False)) | (
        pc.not_equal(tab["bezieht"], "").to_numpy(zero_copy_only=False)
    )
    falsch |= (tab["rolle"].to_numpy(zero_copy_only=False) == "kind") & (tab["alter"].to_numpy() >= 25)
    schlecht = np.unique(hh[falsch])
    return tab.filter(pa.array(~np.isin(hh, schlecht)))


def _cent_oder(tabelle: pa.Table, name: str, ersatz: np.ndarray) -> np.ndarray:
    spalte = tabelle[name]
    werte = pc.cast(spalte.fill_null("-1"), pa.float64()).to_numpy()
    return np.where(werte < 0, ersatz, werte)


def kdu_anerkannt(tabelle: pa.Table) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Per person: recognised rent share, heating share (EUR, per head) and ``bezug_im_vorjahr``."""
    hh = tabelle["haushalt_id"].to_numpy()
    _, inv, n = np.unique(hh, return_inverse=True, return_counts=True)
    kosten = gp._euro(tabelle, "kosten_monat")
    heiz = pc.cast(tabelle["heizkosten_monat"].fill_null("0"), pa.float64()).to_numpy()
    grenze = _cent_oder(tabelle, "angemessene_kosten_monat", np.full(tabelle.num_rows, -1.0))
    beginn = tabelle["bewilligungsbeginn"].cast(pa.date32()).fill_null(pa.scalar(0, pa.date32()))
    tage = beginn.cast(pa.int32()).to_numpy().astype("datetime64[D]")
    karenz_ende = (tage.astype("datetime64[M]") + 12).astype("datetime64[D]")
    bestand = (tage > np.datetime64("1970-01-01")) & (karenz_ende <= STICHTAG)
    miete = np.where(bestand & (grenze >= 0), np.minimum(kosten, grenze), kosten)
    return miete / n[inv], heiz / n[inv], bestand


def eingaben_alle(tabelle: pa.Table, korrektur: str = "keine") -> dict[str, np.ndarray]:
    q = gp.eingaben(tabelle)
    if korrektur != "keine":  # the pension income Wohngeld reads as data; Bürgergeld still reads the inputs
        q |= gp.eingaben(tabelle, korrektur)
    for name in ("wthh_id", "kindergeld__ist_leistungsbegründendes_kind"):
        q.pop(name)
    n = tabelle.num_rows
    netto = sum(
        _cent_oder(tabelle, f"netto_{art}", gp._euro(tabelle, f"brutto_{art}")) for art in NETTO_ARTEN
    )
    miete, heiz, bestand = kdu_anerkannt(tabelle)
    rolle = tabelle["rolle"].to_numpy(zero_copy_only=False)
    kind = rolle == "kind"
    null, falsch = np.zeros(n), np.zeros(n, bool)
    hat_kind = np.zeros(n, bool)
    hat_kind[q["familie__p_id_elternteil_1"][kind]] = True
    hat_kind[q["familie__p_id_elternteil_2"][kind & (q["familie__p_id_elternteil_2"] >= 0)]] = True
    return q | {
        "bürgergeld__nettoeinkommen_vor_abzug_freibetrag_m": netto,
        "bürgergeld__bruttokaltmiete_m": miete,
        "bürgergeld__heizkosten_m": heiz,
        "bürgergeld__kosten_der_unterkunft_m": miete + heiz,
        "bürgergeld__bezug_im_vorjahr": bestand,
        "vermögen": pc.cast(tabelle["vermoegen"], pa.float64()).to_numpy(),
        "kindergeld__p_id_empfänger": np.where(kind, q["familie__p_id_elternteil_1"], -1),
        "kindergeld__in_ausbildung": tabelle["in_ausbildung"].to_numpy(zero_copy_only=False),
        "familie__p_id_ehepartner": np.full(n, -1, np.int64),
        "wohnen__bewohnt_eigentum_hh": falsch,
        "wohnen__wohnfläche_hh": np.full(n, 60.0),
        "einkommensteuer__abzüge__beitrag_private_rentenversicherung_m": null,
        "einkommensteuer__abzüge__kinderbetreuungskosten_m": null,
        "einkommensteuer__abzüge__p_id_kinderbetreuungskostenträger": np.full(n, -1, np.int64),
        "einkommensteuer__einkünfte__aus_forst_und_landwirtschaft__betrag_y": null,
        "einkommensteuer__einkünfte__aus_gewerbebetrieb__betrag_y": null,
        "einkommensteuer__einkünfte__ist_hauptberuflich_selbstständig": falsch,
        "einkommensteuer__gemeinsam_veranlagt": falsch,
        "schwerbehindert_grad_g": falsch,
        "sozialversicherung__kranken__beitrag__privat_versichert": falsch,
        "sozialversicherung__pflege__beitrag__hat_kinder": hat_kind,
        "geburtsjahr": 2025 - q["alter"],
        "arbeitsstunden_w": null,  # only read by the Kindergeld work-hours test (adult children)
    }


@dataclass
class Lauf:
    tt_function: Any
    daten: dict[str, Any]
    sortierung: np.ndarray
    bauzeit_s: float

    def rechne(self) -> dict[str, Any]:
        with np.errstate(invalid="ignore", divide="ignore"):
            return self.tt_function(self.daten)  # type: ignore[no-any-return]


def baue(q: dict[str, np.ndarray]) -> Lauf:
    t0 = time.perf_counter()
    r = main(
        main_targets=["tt_function", "processed_data", "labels__root_nodes", "input_data__sort_indices"],
        policy_date_str=gp.POLICY_DATE,
        input_data=InputData.qname(q),
        tt_targets=TTTargets.tree(ZIELE),
        backend="numpy",
        include_warn_nodes=False,
    )
    bauzeit = time.perf_counter() - t0
    wurzeln = set(r["labels"]["root_nodes"])
    daten = {k: v for k, v in r["processed_data"].items() if k in wurzeln}
    return Lauf(r["tt_function"], daten, np.asarray(r["input_data"]["sort_indices"]), bauzeit)


def je_haushalt(q: dict[str, np.ndarray], lauf: Lauf, roh: dict[str, Any]) -> dict[str, np.ndarray]:
    """Per household (order of first appearance), float euros."""
    n = q["p_id"].size
    zurueck = np.empty(n, np.int64)
    zurueck[lauf.sortierung] = np.arange(n)
    hh = q["hh_id"]
    neu = np.r_[True, hh[1:] != hh[:-1]]
    gruppe = np.cumsum(neu) - 1
    start = np.flatnonzero(neu)

    def person(name: str) -> np.ndarray:
        return np.asarray(roh[name], float)[zurueck]

    def summe(name: str) -> np.ndarray:
        return np.bincount(gruppe, weights=person(name), minlength=start.size)

    return {
        "haushalt_id": hh[start],
        "bg_anspruch": summe("bürgergeld__anspruchshöhe_m"),
        "bg_betrag": summe("bürgergeld__betrag_m"),
        "bg_bedarf": person("bürgergeld__regelbedarf_m_bg")[start],
        "bg_einkommen": person("bürgergeld__anzurechnendes_einkommen_m_bg")[start],
        "kiz_anspruch": person("kinderzuschlag__anspruchshöhe_m_bg")[start],
        "kiz_betrag": person("kinderzuschlag__betrag_m_bg")[start],
        "kindergeld": summe("kindergeld__betrag_m"),
        "wg_anspruch": person("wohngeld__anspruchshöhe_m_wthh")[start],
        "wg_betrag": person("wohngeld__betrag_m_wthh")[start],
        "wg_basis": person("wohngeld__basisbetrag_m_wthh")[start],
        "vorrang": person("vorrangprüfungen__wohngeld_kinderzuschlag_vorrangig_oder_günstiger")[start] > 0,
        "regelsatz_person": person("bürgergeld__regelsatz_m"),
        "einkommen_person": person("bürgergeld__anzurechnendes_einkommen_m"),
    }


def berechne(tabelle: pa.Table, wiederholungen: int = 3, korrektur: str = "keine") -> dict[str, Any]:
    """Map, build once, warm up, time ``wiederholungen`` compute runs (minimum)."""
    t0 = time.perf_counter()
    q = eingaben_alle(tabelle, korrektur)
    mapping = time.perf_counter() - t0
    lauf = baue(q)
    roh = lauf.rechne()
    zeiten = []
    for _ in range(wiederholungen):
        t0 = time.perf_counter()
        roh = lauf.rechne()
        zeiten.append(time.perf_counter() - t0)
    return {
        "ergebnis": je_haushalt(q, lauf, roh),
        "mappingzeit_s": mapping,
        "bauzeit_s": lauf.bauzeit_s,
        "rechenzeit_s": min(zeiten) if zeiten else float("nan"),
    }
