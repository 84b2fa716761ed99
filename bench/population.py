"""Synthetic population of German Wohngeld-applicant households (one row per person).

The generator is seeded and fully vectorised (numpy); one million households take a few seconds.
It aims at *plausible* low-income households of the kind that apply for Wohngeld, not at a
representative sample of all German households. The shares below are assumptions; where a public
statistic anchors them it is named. See bench/README.md for the column format and the assumptions.

Anchors (Statistisches Bundesamt, Wohngeldstatistik, Pressemitteilung Nr. 373 of 30 September 2024,
state 31.12.2023):
- about 1.2 million Wohngeld households; about 605 500 of them (roughly half) are households of
  Rentner/Pensionäre, followed by Arbeitnehmer/Beamte and Arbeitslose;
- about 98 % are "reine Wohngeldhaushalte", about 2 % "wohngeldrechtliche Teilhaushalte"
  (households with a member excluded under § 7 WoGG, e.g. a Bürgergeld recipient).
Everything else (household-type mix, Mietstufe mix, rents per m², income levels, Lastenzuschuss
share of about 5 %) is an assumption chosen to look like Wohngeld casework, documented inline.

Usage: ``python bench/population.py --n 100000 --out /tmp/population.parquet``.
"""

from __future__ import annotations

import argparse
import time
from pathlib import Path

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.parquet as pq

#: Column order of the person table (the format `amtsweg batch` reads; see bench/README.md).
GELD_EINKOMMEN = (
    "brutto_erwerbstaetigkeit",
    "brutto_minijob",
    "brutto_rente",
    "brutto_versorgungsbezuege",
    "brutto_arbeitslosengeld",
    "brutto_unterhaltsvorschuss",
    "brutto_unterhalt",
    "brutto_elterngeld",
    "brutto_sonstige",
)

# Household types (assumed mix of Wohngeld-applicant households; pensioner types sum to 0.48,
# matching "roughly half are Rentner/Pensionäre" of the Destatis release above).
TYPEN = (
    "rentner_allein",  # single pensioner
    "rentner_paar",  # pensioner couple
    "allein",  # single person of working age
    "paar",  # couple of working age without children
    "alleinerziehend",  # single parent with children
    "familie",  # couple with children
    "sonstige",  # applicant with other relatives / flatmates counted as members ("sonstige")
)
TYP_ANTEILE = np.array([0.38, 0.10, 0.17, 0.05, 0.09, 0.17, 0.04])

#: Mietstufe I..VII (assumption: more Wohngeld households in cheaper areas; Stufen VI/VII are the
#: big-city rows such as München, Frankfurt, Hamburg-level rents).
MIETSTUFE_ANTEILE = np.array([0.14, 0.20, 0.22, 0.20, 0.12, 0.07, 0.05])
#: Bruttokaltmiete per m² (EUR) by Mietstufe (assumption: 7.00 at III, +-10 % per Stufe roughly,
#: consistent with the Stufen's definition as +-10 % bands of the Mietenniveau, § 12 Abs. 2 WoGG).
MIETE_JE_QM = np.array([5.60, 6.30, 7.00, 7.70, 8.40, 9.10, 10.00])

#: Unterhaltsvorschuss 2025 by age band 0-5 / 6-11 / 12-17 (§ 2 UVG, after the full Kindergeld).
UVG_2025 = np.array([22700, 29900, 39400])


def _cents_to_str(cents: np.ndarray) -> pa.Array:
    """Format non-negative integer cents as "470.00" strings, vectorised."""
    euros = pa.array(cents // 100).cast(pa.string())
    rest = pc.utf8_lpad(pa.array(cents % 100).cast(pa.string()), 2, "0")
    return pc.binary_join_element_wise(euros, rest, ".")


def _lognormal_cents(
    rng: np.random.Generator, median: float, sigma: float, lo: float, hi: float, size: int
) -> np.ndarray:
    wert = rng.lognormal(np.log(median), sigma, size).clip(lo, hi)
    return np.round(wert * 100).astype(np.int64)


def erzeuge(n: int, seed: int = 20250101, stichtag: str = "2025-01-01") -> pa.Table:
    """Generate ``n`` households as a person table (rows of a household contiguous)."""
    rng = np.random.default_rng(seed)

    # ---------------------------------------------------------------- households
    typ = rng.choice(len(TYPEN), size=n, p=TYP_ANTEILE)
    t = {name: typ == i for i, name in enumerate(TYPEN)}
    partner = (t["rentner_paar"] | t["paar"] | t["familie"]).astype(np.int64)
    kinder = np.zeros(n, np.int64)
    # Single parents: 1-4 children; couples: 1-6 children, plus a tiny tail of very large families
    # (up to 13 children, i.e. 15 members) to exercise § 19 Abs. 3 WoGG (more than 12 members).
    kinder[t["alleinerziehend"]] = rng.choice(
        [1, 2, 3, 4], size=t["alleinerziehend"].sum(), p=[0.52, 0.32, 0.12, 0.04]
    )
    fam = np.flatnonzero(t["familie"])
    kinder[fam] = rng.choice([1, 2, 3, 4, 5, 6], size=fam.size, p=[0.36, 0.36, 0.17, 0.07, 0.03, 0.01])
    gross = fam[rng.random(fam.size) < 0.0005]
    kinder[gross] = rng.integers(7, 14, gross.size)
    sonstige = np.zeros(n, np.int64)
    sonstige[t["sonstige"]] = rng.choice([1, 2, 3], size=t["sonstige"].sum(), p=[0.7, 0.22, 0.08])
    groesse = 1 + partner + kinder + sonstige

    wohnung_eigentum = rng.random(n) < 0.05  # Lastenzuschuss share (assumption, about 5 %)
    mietstufe = rng.choice(7, size=n, p=MIETSTUFE_ANTEILE) + 1
    # Living space: about 45 m² for one person, +15 m² for the second, +11 m² for each further one.
    flaeche = 45 + 15 * (groesse >= 2) + 11 * np.maximum(groesse - 2, 0)
    flaeche = flaeche * rng.lognormal(0.0, 0.15, n)
    qm_preis = MIETE_JE_QM[mietstufe - 1] * rng.lognormal(0.0, 0.18, n)
    kosten = np.round(flaeche * qm_preis * 100).astype(np.int64)
    # Owner-occupiers: Belastung (debt service + management), broader spread.
    kosten[wohnung_eigentum] = _lognormal_cents(rng, 520, 0.45, 120, 2500, int(wohnung_eigentum.sum()))

    # ---------------------------------------------------------------- persons
    p = int(groesse.sum())
    hh = np.repeat(np.arange(n, dtype=np.int64), groesse)
    start = np.cumsum(groesse) - groesse
    pos = np.arange(p, dtype=np.int64) - np.repeat(start, groesse)
    h_typ = typ[hh]
    h_partner = partner[hh]
    h_kinder = kinder[hh]
    ist_antrag = pos == 0
    ist_partner = (pos == 1) & (h_partner == 1)
    ist_kind = (pos >= 1 + h_partner) & (pos < 1 + h_partner + h_kinder)
    ist_sonst = pos >= 1 + h_partner + h_kinder
    rolle = np.select([ist_antrag, ist_partner, ist_kind], ["antragsteller", "partner", "kind"], "sonstige")

    rentner_hh = (h_typ == TYPEN.index("rentner_allein")) | (h_typ == TYPEN.index("rentner_paar"))
    erwachsen = ist_antrag | ist_partner
    alter = np.zeros(p, np.int64)
    alter_rentner = np.minimum(rng.gamma(2.0, 5.0, p).astype(np.int64) + 65, 99)
    alter_erwerb = rng.integers(20, 65, p)
    alter[erwachsen] = np.where(rentner_hh, alter_rentner, alter_erwerb)[erwachsen]
    # Parents of children: 22-55; children 0-24, younger than parent - 17.
    eltern = erwachsen & (h_kinder > 0)
    alter[eltern] = rng.integers(22, 56, p)[eltern]
    alter_eltern = alter[start][hh]
    kind_max = np.clip(alter_eltern - 17, 1, 25)
    alter[ist_kind] = np.floor(rng.random(p) * kind_max).astype(np.int64)[ist_kind]
    alter[ist_sonst] = rng.integers(18, 90, p)[ist_sonst]

    einkommen = {name: np.zeros(p, np.int64) for name in GELD_EINKOMMEN}
    steuer = np.zeros(p, bool)
    kv = np.zeros(p, bool)
    rv = np.zeros(p, bool)
    u = rng.random(p)  # one uniform per person to pick the income status

    # Pensioners (everyone 65+ and a few younger Erwerbsminderungsrentner): statutory pension,
    # 8 % civil-service Versorgungsbezüge instead, 10 % an additional Minijob.
    rentner = (alter >= 65) & ~ist_kind
    em_rente = ~rentner & ~ist_kind & (alter >= 40) & (rng.random(p) < 0.05)
    rentner |= em_rente
    pension = rentner & (rng.random(p) < 0.08)
    gesetzlich = rentner & ~pension
    einkommen["brutto_rente"][gesetzlich] = _lognormal_cents(rng, 1050, 0.35, 250, 2600, p)[gesetzlich]
    einkommen["brutto_versorgungsbezuege"][pension] = _lognormal_cents(rng, 1700, 0.25, 900, 3200, p)[pension]
    witwen = gesetzlich & (rng.random(p) < 0.15)  # small survivor's pension on top
    einkommen["brutto_rente"][witwen] += _lognormal_cents(rng, 450, 0.4, 80, 1200, p)[witwen]
    rentner_minijob = rentner & (rng.random(p) < 0.10)
    minijob_rente = _lognormal_cents(rng, 350, 0.4, 60, 556, p)
    einkommen["brutto_minijob"][rentner_minijob] = minijob_rente[rentner_minijob]
    kv |= rentner & (rng.random(p) < 0.95)  # KVdR / voluntary KV; a few privately insured count too
    rentenbrutto = einkommen["brutto_rente"] + einkommen["brutto_versorgungsbezuege"]
    steuer |= rentner & (rentenbrutto > 140000) & (rng.random(p) < 0.7)

    # Adults of working age (applicants, partners, "sonstige" members below 65).
    erwerb = ~rentner & ~ist_kind
    voll = erwerb & (u < 0.52)
    mini = erwerb & (u >= 0.52) & (u < 0.64)
    alg = erwerb & (u >= 0.64) & (u < 0.78)
    # u >= 0.78: no own income (care work, student, partner of an earner, ...)
    einkommen["brutto_erwerbstaetigkeit"][voll] = _lognormal_cents(rng, 1900, 0.35, 700, 4200, p)[voll]
    einkommen["brutto_minijob"][mini] = _lognormal_cents(rng, 420, 0.3, 100, 556, p)[mini]
    einkommen["brutto_arbeitslosengeld"][alg] = _lognormal_cents(rng, 1150, 0.3, 400, 2400, p)[alg]
    kv |= voll
    rv |= voll
    steuer |= voll & (einkommen["brutto_erwerbstaetigkeit"] > 130000)
    rv |= mini & (rng.random(p) < 0.2)  # Minijobber who did not opt out of the RV obligation
    # Elterngeld: a parent of a child under 1 who does not work full-time (300-1 800 EUR, § 2 BEEG).
    baby = np.zeros(n, bool)
    np.logical_or.at(baby, hh[ist_kind & (alter == 0)], True)
    eg = (ist_antrag | ist_partner) & baby[hh] & ~voll & ~rentner & (rng.random(p) < 0.7)
    einkommen["brutto_elterngeld"][eg] = _lognormal_cents(rng, 700, 0.45, 300, 1800, p)[eg]
    # Maintenance received by a separated single parent, rare other income (e.g. Krankengeld).
    ae_antrag = ist_antrag & (h_typ == TYPEN.index("alleinerziehend"))
    unt = ae_antrag & (rng.random(p) < 0.15)
    einkommen["brutto_unterhalt"][unt] = _lognormal_cents(rng, 300, 0.5, 50, 1200, p)[unt]
    sonst = erwerb & (rng.random(p) < 0.03)
    einkommen["brutto_sonstige"][sonst] = _lognormal_cents(rng, 250, 0.7, 20, 1500, p)[sonst]

    # Children: Kindergeld under 18 and for most 18-24 year-olds (in training); apprentices earn.
    kindergeld = ist_kind & ((alter < 18) | ((alter < 25) & (rng.random(p) < 0.7)))
    azubi = ist_kind & (alter >= 16) & (rng.random(p) < 0.3)
    einkommen["brutto_erwerbstaetigkeit"][azubi] = _lognormal_cents(rng, 950, 0.3, 500, 1600, p)[azubi]
    kv |= azubi
    rv |= azubi
    kind_mini = ist_kind & (alter >= 15) & ~azubi & (rng.random(p) < 0.15)
    einkommen["brutto_minijob"][kind_mini] = _lognormal_cents(rng, 300, 0.4, 50, 556, p)[kind_mini]
    # Unterhaltsvorschuss for children under 18 of single parents (about 55 % of them), else some
    # receive child maintenance from the other parent.
    kind_ae = ist_kind & (h_typ == TYPEN.index("alleinerziehend")) & (alter < 18)
    r = rng.random(p)
    uvg = kind_ae & (r < 0.55)
    einkommen["brutto_unterhaltsvorschuss"][uvg] = UVG_2025[np.minimum(alter // 6, 2)][uvg]
    kind_unt = kind_ae & (r >= 0.55) & (r < 0.85)
    einkommen["brutto_unterhalt"][kind_unt] = _lognormal_cents(rng, 400, 0.3, 150, 900, p)[kind_unt]

    # Disability and care: GdB in steps of 10 (20-100); more common among pensioners.
    gdb_p = np.where(rentner, 0.16, np.where(ist_kind, 0.02, 0.07))
    hat_gdb = rng.random(p) < gdb_p
    gdb_stufen = np.array([20, 30, 40, 50, 60, 70, 80, 90, 100])
    gdb_w = np.array([0.06, 0.12, 0.08, 0.24, 0.12, 0.09, 0.10, 0.05, 0.14])
    gdb = np.where(hat_gdb, rng.choice(gdb_stufen, size=p, p=gdb_w), 0)
    pflege = (rng.random(p) < np.where(rentner, 0.05, 0.01)) | (hat_gdb & (gdb >= 80) & (rng.random(p) < 0.3))

    # Grundrentenzeiten (§ 76g SGB VI): statutory pensioners, about a third reach 33 years.
    grz = np.where(rng.random(p) < 0.35, rng.integers(33, 46, p), rng.integers(5, 33, p))
    grz = np.where(gesetzlich, np.minimum(grz, np.maximum(alter - 17, 0)), 0)  # not before age 17

    # § 7 WoGG Teilhaushalte (~2 % of households): one non-applicant member receives a KdU benefit
    # and has no further income of its own.
    bezieht = np.full(p, "", dtype=object)
    kandidat = (ist_sonst | (ist_kind & (alter >= 18))) & (rng.random(p) < 0.17)
    kand_idx = np.flatnonzero(kandidat)
    _, first = np.unique(hh[kand_idx], return_index=True)  # first candidate per household only
    aus = kand_idx[first]
    leistung = np.where(alter[aus] >= 65, "grundsicherung_alter", "buergergeld")
    bezieht[aus] = leistung
    for name in GELD_EINKOMMEN:
        einkommen[name][aus] = 0
    steuer[aus] = kv[aus] = rv[aus] = False

    # ---------------------------------------------------------------- table
    hh_id = np.arange(1, n + 1, dtype=np.int64)
    person_id = pc.binary_join_element_wise(
        pa.array(hh_id[hh]).cast(pa.string()), pa.array(pos + 1).cast(pa.string()), "-"
    )
    spalten: dict[str, pa.Array] = {
        "haushalt_id": pa.array(hh_id[hh]),
        "stichtag": pa.repeat(pa.scalar(stichtag, pa.string()), p),
        "wohnung_art": pa.array(np.where(wohnung_eigentum, "eigentum", "miete")[hh]),
        "kosten_monat": _cents_to_str(kosten[hh]),
        "mietstufe": pa.array(mietstufe[hh].astype(np.int64)),
        "person_id": person_id,
        "rolle": pa.array(rolle),
        "alter": pa.array(alter),
    }
    for name in GELD_EINKOMMEN:
        spalten[name] = _cents_to_str(einkommen[name])
    spalten |= {
        "abzug_steuern": pa.array(steuer),
        "abzug_kranken_pflegeversicherung": pa.array(kv),
        "abzug_rentenversicherung": pa.array(rv),
        "kindergeld": pa.array(kindergeld),
        "haeuslich_pflegebeduerftig": pa.array(pflege),
        "grad_der_behinderung": pa.array(gdb.astype(np.int64)),
        "grundrentenzeiten_jahre": pa.array(grz.astype(np.int64)),
        "bezieht": pa.array(bezieht.astype(str)),
    }
    spalten |= sgb2_spalten(
        np.random.default_rng(seed + 1), hh, einkommen, kosten, ist_kind | ist_sonst, alter, kindergeld,
        steuer, kv, rv, ist_kind & (alter < 18) & azubi,
    )  # fmt: skip
    return pa.table(spalten)


def _netto(rng: np.random.Generator, einkommen: dict[str, np.ndarray], steuer: np.ndarray,
           kv: np.ndarray, rv: np.ndarray) -> dict[str, np.ndarray]:  # fmt: skip
    """Plausible net income per type (assumption, not a payroll calculation).

    Wages: social contributions about 20.8 % (KV 8.55, PV 1.8, RV 9.3, AV 1.3 % of gross, employee share,
    2025) if insured, wage tax about 14 % of gross above 1 300 EUR if taxed; Minijob net = gross (the
    employer pays the flat contributions; a Minijobber who keeps the RV obligation pays 3.6 %); pensions
    net of KV/PV about 11 % (KVdR employee share incl. Zusatzbeitrag and PV); Versorgungsbezüge less
    wage tax about 12 % above 1 300 EUR and private KV about 9 %; other income types net = gross."""
    lohn = einkommen["brutto_erwerbstaetigkeit"]
    sv = np.where(kv, 0.1065, 0.0) + np.where(rv, 0.093 + 0.013, 0.0)
    lst = np.where(steuer, 0.14 * np.maximum(lohn - 130000, 0), 0.0)
    versorgung = einkommen["brutto_versorgungsbezuege"]
    rente = einkommen["brutto_rente"]
    netto = {
        "erwerbstaetigkeit": lohn * (1 - sv) - lst,
        "minijob": einkommen["brutto_minijob"] * np.where(rv & (lohn == 0), 1 - 0.036, 1.0),
        "rente": rente * np.where(kv, 0.89, 1.0) - np.where(steuer, 0.05 * np.maximum(rente - 140000, 0), 0),
        "versorgungsbezuege": versorgung * 0.91 - 0.12 * np.maximum(versorgung - 130000, 0),
    }
    aus = {}
    for name, brutto in einkommen.items():
        art = name.removeprefix("brutto_")
        wert = np.round(netto[art]).astype(np.int64) if art in netto else brutto
        aus[f"netto_{art}"] = np.clip(wert, 0, brutto)
    return aus


def sgb2_spalten(rng: np.random.Generator, hh: np.ndarray, einkommen: dict[str, np.ndarray],
                 kosten: np.ndarray, nicht_eltern: np.ndarray, alter: np.ndarray, kindergeld: np.ndarray,
                 steuer: np.ndarray, kv: np.ndarray, rv: np.ndarray, azubi_minderjaehrig: np.ndarray,
                 ) -> dict[str, pa.Array]:  # fmt: skip
    """Columns for SGB II / Kinderzuschlag (drawn from a separate generator: the Wohngeld columns stay
    identical). Assumptions: see bench/README.md, section "SGB II inputs"."""
    p, n = hh.size, kosten.size
    aus: dict[str, pa.Array] = {}
    for name, werte in _netto(rng, einkommen, steuer, kv, rv).items():
        text = _cents_to_str(werte)
        leer = einkommen["brutto_" + name.removeprefix("netto_")] == 0
        aus[name] = pc.if_else(pa.array(leer), pa.nulls(p, pa.string()), text)
    # Vermögen per adult: 55 % none, else lognormal median 3 000 EUR; 4 % above 40 000 EUR.
    erwachsen = ~nicht_eltern | (alter >= 18)
    verm = _lognormal_cents(rng, 3000, 1.2, 0, 200000, p)
    verm = np.where(rng.random(p) < 0.55, 0, verm)
    reich = rng.random(p) < 0.04
    verm[reich] = _lognormal_cents(rng, 60000, 0.5, 40000, 400000, p)[reich]
    aus["vermoegen"] = _cents_to_str(np.where(erwachsen, verm, 0))
    # Heating about 18 % of the Bruttokaltmiete (+-25 %); the local Angemessenheitsgrenze is stated for
    # 40 % of households (0.8-1.3 x the actual rent); 35 % are "Bestandsfälle" whose Bewilligungszeitraum
    # began 13-36 months before the Stichtag (no Karenzzeit), the others are new claims (not stated).
    heiz = np.round(kosten * 0.18 * rng.lognormal(0, 0.25, n)).astype(np.int64)
    aus["heizkosten_monat"] = _cents_to_str(heiz[hh])
    grenze = np.round(kosten * rng.uniform(0.8, 1.3, n)).astype(np.int64)
    mit_grenze = rng.random(n) < 0.4
    aus["angemessene_kosten_monat"] = pc.if_else(
        pa.array(mit_grenze[hh]), _cents_to_str(grenze[hh]), pa.nulls(p, pa.string())
    )
    bestand = rng.random(n) < 0.35
    monate = rng.integers(13, 37, n)
    beginn = np.datetime64("2025-01") - monate.astype("timedelta64[M]")
    text = pa.array(beginn.astype("datetime64[D]").astype(str)[hh])
    aus["bewilligungsbeginn"] = pc.if_else(pa.array(bestand[hh]), text, pa.nulls(p, pa.string()))
    # Pregnancy: 3 % of the applicants/partners aged 18-40 (the table has no sex).
    aus["schwanger"] = pa.array(~nicht_eltern & (alter >= 18) & (alter <= 40) & (rng.random(p) < 0.03))
    # In Ausbildung: 18-24-year-old children with Kindergeld (training is the usual § 32 Abs. 4 reason)
    # and the minor apprentices.
    aus["in_ausbildung"] = pa.array((nicht_eltern & kindergeld & (alter >= 18)) | azubi_minderjaehrig)
    aus["erwerbsfaehig"] = pa.nulls(p, pa.bool_())  # derived from age
    aus["kdu_traeger"] = pa.nulls(p, pa.string())
    return aus


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--n", type=int, default=100_000, help="number of households")
    parser.add_argument("--seed", type=int, default=20250101)
    parser.add_argument("--stichtag", default="2025-01-01")
    parser.add_argument("--out", type=Path, default=Path("population.parquet"))
    args = parser.parse_args()
    t0 = time.perf_counter()
    tabelle = erzeuge(args.n, args.seed, args.stichtag)
    t1 = time.perf_counter()
    pq.write_table(tabelle, args.out)
    print(f"{args.n:,} households, {tabelle.num_rows:,} persons in {t1 - t0:.2f} s -> {args.out}")


if __name__ == "__main__":
    main()
