"""GETTSIM 1.3.1 as a peer for the Wohngeld benchmark (development/benchmark only).

GETTSIM is AGPL-3.0. It is installed only through the ``[bench]`` extra in a separate venv
(``.venv-bench``) and is imported only here, never by the package ``amtsweg``.

Mapping decisions (population table -> GETTSIM 1.3.1 inputs, policy date 2025-01-01)
-------------------------------------------------------------------------------------
Target: ``wohngeld__basisbetrag_m_wthh`` -- the § 19 formula result rounded to whole euros, i.e.
the statutory Wohngeld *before* GETTSIM's Vorrangprüfung against Bürgergeld/Kinderzuschlag
(``betrag_m_wthh``) and before its Mindesteinkommen/Vermögen check (``anspruchshöhe_m_wthh``).
Those two are administrative/other-benefit steps Amtsweg's ``berechne_tabelle`` does not do, and
they would pull the whole Bürgergeld and income-tax system into the DAG. GETTSIM has no § 21 Nr. 1
minimum (< 10 EUR -> 0) in this target, so the peer applies it afterwards (documented, one line).

Data that *override* GETTSIM functions (GETTSIM's documented "data beats functions" mechanism,
used because the population states these facts directly instead of their determinants):
- ``wthh_id``: the wohngeldrechtlicher Teilhaushalt. GETTSIM derives it from its Vorrangprüfung;
  here every member is in the household's Teilhaushalt unless ``bezieht`` names a KdU transfer
  benefit (§ 7 WoGG), in which case the member forms a second Teilhaushalt that is ignored.
  GETTSIM then pro-rates the (capped) rent by members(wthh)/members(hh) (§ 11 Abs. 3).
- ``wohngeld__abzugsanteil_vom_einkommen_für_steuern_sozialversicherung`` = 10 % x number of
  ``abzug_*`` flags (§ 16 WoGG). GETTSIM would otherwise infer the flags from its own income-tax
  and social-insurance simulation, which is a different question from the declared facts.
- ``einnahmen__renten__gesetzliche_m`` = ``brutto_rente`` (GETTSIM would compute it from
  Entgeltpunkte); ``sozialversicherung__arbeitslosen__betrag_m`` = ``brutto_arbeitslosengeld``;
  ``unterhaltsvorschuss__betrag_m`` = ``brutto_unterhaltsvorschuss``; ``elterngeld__betrag_m`` =
  ``brutto_elterngeld``; ``kindergeld__ist_leistungsbegründendes_kind`` = ``kindergeld``.

Plain inputs:
- ``einnahmen__bruttolohn_m`` = erwerbstaetigkeit + minijob (GETTSIM's Wohngeld income uses wages
  after the Arbeitnehmer-Pauschbetrag for Minijobs too, as Amtsweg does).
- ``brutto_versorgungsbezuege`` -> ``einnahmen__renten__betriebliche_altersvorsorge_m``: GETTSIM has
  no Beamtenversorgung input; that channel counts in full in its Wohngeld income, like
  Versorgungsbezüge do under § 14 WoGG (minus the 102 EUR Pauschbetrag GETTSIM omits, see #1194).
- ``brutto_unterhalt`` -> ``unterhalt__tatsächlich_erhaltener_betrag_m``; ``brutto_sonstige`` ->
  ``einkommensteuer__einkünfte__sonstige__alle_weiteren_y`` (x 12).
- ``sozialversicherung__rente__jahr_renteneintritt``: not in the population; derived from age
  (2025 - (age - 65), clipped to 1995..2025; below 65, i.e. Erwerbsminderungsrente: 2022). It sets
  GETTSIM's Besteuerungsanteil, which matters because of GETTSIM issue #1200 (below).
- ``sozialversicherung__rente__grundrente__grundrentenzeiten_monate`` = 12 x jahre;
  ``sozialversicherung__rente__bezieht_rente`` = brutto_rente > 0 (§ 17a WoGG).
- ``familie__alleinerziehend``: applicant without partner living with a child under 18.
- family links: children -> applicant (elternteil_1) and partner (elternteil_2);
  applicant <-> partner as Einstandspartner; ``alter_monate`` = 12 x alter + 6.
- ``behinderungsgrad`` = grad_der_behinderung (GETTSIM 1.3.1 grants the § 17 Nr. 1 Freibetrag for
  any GdB > 0 and ignores Pflegebedürftigkeit; Amtsweg: GdB 100, or GdB >= 50 with häusliche Pflege).
- ``wohnen__bruttokaltmiete_m_hh`` = kosten_monat; ``wohngeld__mietstufe_hh`` = mietstufe.
- Lastenzuschuss (``wohnung_art == "eigentum"``) does not exist in GETTSIM: those households are
  excluded from the comparison (``nur_miete``).

Known GETTSIM issues that show up in the comparison (open as of the search, 2026):
- #1194 "Werbungskosten are not deducted from pension income (§ 14 WoGG)" (102 EUR/year).
- #1200 "Wohngeld income omits the non-taxable part of pensions (§ 14 Abs. 2 Nr. 3 WoGG)": only
  Besteuerungsanteil x Rente counts.
"""

from __future__ import annotations

import importlib.metadata
import os
import time
from dataclasses import dataclass
from typing import Any

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc

os.environ.setdefault("GETTSIM_BEARTYPE_CLAW", "0")  # runtime type checks off for speed

from gettsim import InputData, TTTargets, main  # after the environment switch above

POLICY_DATE = "2025-01-01"
PRIVATE_VORSORGE_BEGINN = (
    "einkommensteuer__einkünfte__sonstige__rente__alter_beginn_leistungsbezug_sonstige_private_vorsorge"
)
KDU_LEISTUNGEN = (
    "buergergeld", "grundsicherungsgeld", "ausbildung_zuschuss_sgb2", "verletztengeld_grundsicherung",
    "grundsicherung_alter", "hilfe_zum_lebensunterhalt", "sgb14_lebensunterhalt",
    "asylbewerberleistungen", "sgb8",
)  # fmt: skip
ZIELE = {"wohngeld": {"basisbetrag_m_wthh": None, "einkommen_m_wthh": None, "miete_m_wthh": None}}


def version() -> str:
    return importlib.metadata.version("gettsim")


def nur_miete(tabelle: pa.Table) -> pa.Table:
    """Keep rent (Mietzuschuss) households only: GETTSIM has no Lastenzuschuss."""
    return tabelle.filter(pc.equal(tabelle["wohnung_art"], "miete"))


def _euro(tabelle: pa.Table, spalte: str) -> np.ndarray:
    return pc.cast(tabelle[spalte], pa.float64()).to_numpy()


def _ausgeschlossen(tabelle: pa.Table) -> np.ndarray:
    teile = pc.split_pattern(tabelle["bezieht"], ";")
    flach = pc.list_flatten(teile)
    treffer = pc.is_in(flach, value_set=pa.array(KDU_LEISTUNGEN)).to_numpy(zero_copy_only=False)
    eltern = pc.list_parent_indices(teile).to_numpy()
    aus = np.zeros(tabelle.num_rows, bool)
    np.logical_or.at(aus, eltern[treffer], True)
    return aus


def eingaben(tabelle: pa.Table, korrektur: str = "keine") -> dict[str, np.ndarray]:
    """Map the person table (rent households only) to GETTSIM qname input columns.

    ``korrektur`` neutralises known GETTSIM pension issues, for the divergence analysis only, by
    passing the pension income GETTSIM's Wohngeld reads
    (``einkommensteuer__einkünfte__sonstige__rente__steuerpflichtige_einnahmen_m``) as data:
    ``"1200"``: the full Rente and Versorgungsbezüge (#1200); ``"1200+1194"``: each also less its
    8.50 EUR Pauschbetrag (#1194; § 14 WoGG, § 9a Satz 1 Nr. 3 EStG). ``"keine"``: GETTSIM as is.
    """
    n = tabelle.num_rows
    hh = tabelle["haushalt_id"].to_numpy()
    alter = tabelle["alter"].to_numpy()
    rolle = tabelle["rolle"].to_numpy(zero_copy_only=False)
    p_id = np.arange(n, dtype=np.int64)
    neu = np.r_[True, hh[1:] != hh[:-1]]
    start = np.maximum.accumulate(np.where(neu, p_id, 0))  # row of the household's first person
    ist_antrag = rolle == "antragsteller"
    ist_partner = rolle == "partner"
    ist_kind = rolle == "kind"
    # Applicant and partner rows per household (-1 if none).
    antrag_row = np.full(n, -1, np.int64)
    antrag_row[start[ist_antrag]] = p_id[ist_antrag]
    antrag_row = antrag_row[start]
    partner_row = np.full(n, -1, np.int64)
    partner_row[start[ist_partner]] = p_id[ist_partner]
    partner_row = partner_row[start]
    hat_partner = partner_row >= 0
    minderjaehriges_kind = np.zeros(n, bool)
    np.logical_or.at(minderjaehriges_kind, start[ist_kind & (alter < 18)], True)
    minderjaehriges_kind = minderjaehriges_kind[start]

    aus = _ausgeschlossen(tabelle)
    rente = _euro(tabelle, "brutto_rente")
    anteil = 0.1 * (
        tabelle["abzug_steuern"].to_numpy(zero_copy_only=False).astype(np.int64)
        + tabelle["abzug_kranken_pflegeversicherung"].to_numpy(zero_copy_only=False).astype(np.int64)
        + tabelle["abzug_rentenversicherung"].to_numpy(zero_copy_only=False).astype(np.int64)
    )
    null = np.zeros(n)
    versorgung = _euro(tabelle, "brutto_versorgungsbezuege")
    if korrektur not in ("keine", "1200", "1200+1194"):
        raise ValueError(f"unknown korrektur {korrektur!r}")
    if korrektur != "keine":
        pauschbetrag = 8.5 if korrektur == "1200+1194" else 0.0
        renten: dict[str, np.ndarray] = {
            "einkommensteuer__einkünfte__sonstige__rente__steuerpflichtige_einnahmen_m": (
                np.maximum(rente - pauschbetrag, 0.0) + np.maximum(versorgung - pauschbetrag, 0.0)
            ),
        }
    else:
        renten = {
            PRIVATE_VORSORGE_BEGINN: np.full(n, 67, np.int64),
            "einnahmen__renten__betriebliche_altersvorsorge_m": versorgung,
            "einnahmen__renten__aus_berufsständischen_versicherungen_m": null,
            "einnahmen__renten__basisrente_m": null,
            "einnahmen__renten__geförderte_private_vorsorge_m": null,
            "einnahmen__renten__sonstige_private_vorsorge_m": null,
            "sozialversicherung__rente__jahr_renteneintritt": np.where(
                alter >= 65, np.clip(2025 - (alter - 65), 1995, 2025), 2022
            ).astype(np.int64),
        }
    return renten | {
        "p_id": p_id,
        "hh_id": hh,
        "wthh_id": 2 * hh + aus,
        "alter": alter,
        "alter_monate": 12 * alter + 6,
        "behinderungsgrad": tabelle["grad_der_behinderung"].to_numpy(),
        "familie__alleinerziehend": ist_antrag & ~hat_partner & minderjaehriges_kind,
        "familie__p_id_elternteil_1": np.where(ist_kind, antrag_row, -1),
        "familie__p_id_elternteil_2": np.where(ist_kind, partner_row, -1),
        "bürgergeld__p_id_einstandspartner": np.where(
            ist_antrag, partner_row, np.where(ist_partner, antrag_row, -1)
        ),
        "kindergeld__ist_leistungsbegründendes_kind": tabelle["kindergeld"].to_numpy(zero_copy_only=False),
        "einnahmen__bruttolohn_m": (
            _euro(tabelle, "brutto_erwerbstaetigkeit") + _euro(tabelle, "brutto_minijob")
        ),
        "einkommensteuer__einkünfte__aus_nichtselbstständiger_arbeit__tatsächliche_werbungskosten_y": null,
        "einkommensteuer__einkünfte__aus_selbstständiger_arbeit__betrag_y": null,
        "einkommensteuer__einkünfte__aus_vermietung_und_verpachtung__betrag_y": null,
        "einnahmen__kapitalerträge_y": null,
        "einkommensteuer__einkünfte__sonstige__alle_weiteren_y": 12 * _euro(tabelle, "brutto_sonstige"),
        "einnahmen__renten__gesetzliche_m": rente,
        "sozialversicherung__rente__bezieht_rente": rente > 0,
        "sozialversicherung__rente__grundrente__grundrentenzeiten_monate": 12
        * tabelle["grundrentenzeiten_jahre"].to_numpy(),
        "sozialversicherung__arbeitslosen__betrag_m": _euro(tabelle, "brutto_arbeitslosengeld"),
        "unterhaltsvorschuss__betrag_m": _euro(tabelle, "brutto_unterhaltsvorschuss"),
        "unterhalt__tatsächlich_erhaltener_betrag_m": _euro(tabelle, "brutto_unterhalt"),
        "elterngeld__betrag_m": _euro(tabelle, "brutto_elterngeld"),
        "wohngeld__abzugsanteil_vom_einkommen_für_steuern_sozialversicherung": anteil,
        "wohnen__bruttokaltmiete_m_hh": _euro(tabelle, "kosten_monat"),
        "wohngeld__mietstufe_hh": tabelle["mietstufe"].to_numpy(),
    }


@dataclass
class GettsimLauf:
    """A GETTSIM function built once for one set of input columns, plus its processed data."""

    tt_function: Any
    daten: dict[str, Any]
    sortierung: np.ndarray
    bauzeit_s: float
    backend: str = "numpy"

    def rechne(self) -> dict[str, np.ndarray]:
        """Compute only (the part timed as throughput)."""
        # GETTSIM's vectorised branches evaluate 0/0 in unselected lanes (anteil_steuerfälliger_einnahmen).
        with np.errstate(invalid="ignore", divide="ignore"):
            ergebnis = self.tt_function(self.daten)
        if self.backend == "jax":  # JAX dispatches asynchronously: wait for the result
            import jax

            jax.block_until_ready(ergebnis)
        return ergebnis  # type: ignore[no-any-return]


def baue(q: dict[str, np.ndarray], backend: str = "numpy") -> GettsimLauf:
    """Run GETTSIM's interface DAG once: policy environment, data processing, DAG, tt_function.

    With ``backend="jax"`` the function is ``jax.jit``-compiled at its first call (timed separately
    as ``erster_lauf_s`` by ``berechne``); 64-bit floats are switched on so amounts match numpy.
    """
    if backend == "jax":
        import jax

        jax.config.update("jax_enable_x64", True)
    t0 = time.perf_counter()
    r = main(
        main_targets=["tt_function", "processed_data", "labels__root_nodes", "input_data__sort_indices"],
        policy_date_str=POLICY_DATE,
        input_data=InputData.qname(q),
        tt_targets=TTTargets.tree(ZIELE),
        backend=backend,
        include_warn_nodes=False,
    )
    bauzeit = time.perf_counter() - t0
    wurzeln = set(r["labels"]["root_nodes"])
    daten = {k: v for k, v in r["processed_data"].items() if k in wurzeln}
    sortierung = np.asarray(r["input_data"]["sort_indices"])
    return GettsimLauf(r["tt_function"], daten, sortierung, bauzeit, backend)


def je_haushalt(
    tabelle: pa.Table, q: dict[str, np.ndarray], lauf: GettsimLauf, roh: dict[str, np.ndarray]
) -> dict[str, np.ndarray]:
    """Per-household results (order of first appearance in ``tabelle``).

    The value is taken from the household's first considered member (its Teilhaushalt); a household
    whose members are all excluded gets 0. § 21 Nr. 1 WoGG (< 10 EUR -> 0) is applied here.
    """
    n = tabelle.num_rows
    zurueck = np.empty(n, np.int64)
    zurueck[lauf.sortierung] = np.arange(n)
    spalten = {k: np.asarray(v)[zurueck] for k, v in roh.items()}
    hh = q["hh_id"]
    aus = (q["wthh_id"] % 2) == 1
    neu = np.r_[True, hh[1:] != hh[:-1]]
    haushalte = hh[neu]
    # first considered member per household
    idx = np.flatnonzero(~aus)
    _, erste = np.unique(hh[idx], return_index=True)
    zeile = np.full(haushalte.size, -1, np.int64)
    pos = np.searchsorted(haushalte, hh[idx[erste]])
    zeile[pos] = idx[erste]
    ok = zeile >= 0

    def nimm(name: str) -> np.ndarray:
        wert = np.zeros(haushalte.size)
        wert[ok] = spalten[f"wohngeld__{name}"][zeile[ok]]
        return wert

    betrag = nimm("basisbetrag_m_wthh")
    betrag = np.where(betrag < 10, 0.0, betrag)
    return {
        "haushalt_id": haushalte,
        "wohngeld_monat": betrag,
        "einkommen_monat": nimm("einkommen_m_wthh"),
        "miete_monat": nimm("miete_m_wthh"),
    }


def berechne(
    tabelle: pa.Table, wiederholungen: int = 3, korrektur: str = "keine", backend: str = "numpy"
) -> dict[str, Any]:
    """Build once, warm up, time ``wiederholungen`` compute runs; return per-household results."""
    t0 = time.perf_counter()
    q = eingaben(tabelle, korrektur)
    mappingzeit = time.perf_counter() - t0
    lauf = baue(q, backend)
    t0 = time.perf_counter()
    roh = lauf.rechne()  # warm-up (with JAX: jit compilation + first run)
    erster_lauf = time.perf_counter() - t0
    zeiten = [erster_lauf] if wiederholungen == 0 else []
    for _ in range(wiederholungen):
        t0 = time.perf_counter()
        roh = lauf.rechne()
        zeiten.append(time.perf_counter() - t0)
    ergebnis = je_haushalt(tabelle, q, lauf, {k: np.asarray(v) for k, v in roh.items()})
    return {
        "ergebnis": ergebnis,
        "mappingzeit_s": mappingzeit,
        "bauzeit_s": lauf.bauzeit_s,
        "erster_lauf_s": erster_lauf,
        "rechenzeit_s": min(zeiten),
    }


if __name__ == "__main__":
    import argparse

    from population import erzeuge

    parser = argparse.ArgumentParser(description="GETTSIM-only Wohngeld timing")
    parser.add_argument("--n", type=int, default=100_000)
    parser.add_argument("--backend", choices=["numpy", "jax"], default="numpy")
    args = parser.parse_args()
    tab = nur_miete(erzeuge(args.n))
    n_hh = len(np.unique(tab["haushalt_id"].to_numpy()))
    res = berechne(tab, backend=args.backend)
    e = res["ergebnis"]
    print(f"GETTSIM {version()} ({args.backend}): {n_hh:,} rent households, {tab.num_rows:,} persons")
    print(f"  input mapping: {res['mappingzeit_s']:.2f} s")
    print(f"  build (policy env + data processing + DAG): {res['bauzeit_s']:.2f} s")
    print(f"  first run (warm-up; with jax: jit compile + run): {res['erster_lauf_s']:.2f} s")
    print(f"  compute: {res['rechenzeit_s']:.3f} s -> {n_hh / res['rechenzeit_s']:,.0f} households/s")
    print(
        f"  households with Wohngeld > 0: {(e['wohngeld_monat'] > 0).mean():.1%}, "
        f"mean {e['wohngeld_monat'][e['wohngeld_monat'] > 0].mean():.0f} EUR"
    )
