"""`amtsweg batch`: the columnar path gives the same results as the single-household path."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pyarrow as pa
import pyarrow.parquet as pq
import pytest
from typer.testing import CliRunner

from amtsweg.batch import BatchFehler, berechne_tabelle
from amtsweg.cli import app
from amtsweg.rules.engine.geld import cent_als_text
from amtsweg.rules.haushalt.eingabe import EINKOMMENSARTEN, Haushalt
from amtsweg.rules.haushalt.spalten import aus_haushalten
from amtsweg.rules.wohngeld.berechnung import berechne_spalten
from tests.rules.wohngeld.zufall import zufallshaushalt


def als_tabelle(paare: list[tuple[Haushalt, int]]) -> pa.Table:
    zeilen: dict[str, list[object]] = {}

    def setze(name: str, wert: object) -> None:
        zeilen.setdefault(name, []).append(wert)

    for nummer, (h, stufe) in enumerate(paare):
        for p in h.personen:
            setze("haushalt_id", nummer)
            setze("stichtag", h.stichtag.isoformat())
            setze("wohnung_art", h.wohnung.art)
            setze("kosten_monat", cent_als_text(h.wohnung.kosten_monat))
            setze("mietstufe", stufe)
            setze("person_id", p.id)
            setze("rolle", p.rolle)
            setze("alter", p.alter)
            for art in EINKOMMENSARTEN:
                setze(
                    f"brutto_{art}", cent_als_text(sum(e.brutto_monat for e in p.einkommen if e.art == art))
                )
            setze("elterngeld_plus", any(e.plus for e in p.einkommen))
            for abzug in ("steuern", "kranken_pflegeversicherung", "rentenversicherung"):
                setze(f"abzug_{abzug}", abzug in p.abzuege)
            setze("kindergeld", p.kindergeld)
            setze("haeuslich_pflegebeduerftig", p.haeuslich_pflegebeduerftig)
            setze("ns_verfolgt", p.ns_verfolgt)
            setze("grad_der_behinderung", p.grad_der_behinderung)
            setze("grundrentenzeiten_jahre", p.grundrentenzeiten_jahre)
            setze("bezieht", ";".join(p.bezieht))
            for art in EINKOMMENSARTEN:
                netto = [e.netto_monat for e in p.einkommen if e.art == art]
                setze(f"netto_{art}", "" if not netto or None in netto else cent_als_text(sum(netto)))  # type: ignore[arg-type]
            setze("vermoegen", cent_als_text(p.vermoegen))
            setze("schwanger", p.schwanger)
            setze("erwerbsfaehig", "" if p.erwerbsfaehig is None else str(p.erwerbsfaehig).lower())
            setze("bewilligungsbeginn", p.bewilligungsbeginn.isoformat() if p.bewilligungsbeginn else "")
            setze("in_ausbildung", p.in_ausbildung)
            setze("mehrbedarf_teilhabe", p.mehrbedarf_teilhabe)
            setze("merkzeichen_g", p.merkzeichen_g)
            setze("mehrbedarf_ernaehrung_monat", cent_als_text(p.mehrbedarf_ernaehrung_monat))
            setze("geburtsdatum", p.geburtsdatum.isoformat() if p.geburtsdatum else "")
            setze("heizkosten_monat", cent_als_text(h.wohnung.heizkosten_monat or 0))
            angemessen = h.wohnung.angemessene_kosten_monat
            setze("angemessene_kosten_monat", "" if angemessen is None else cent_als_text(angemessen))
            setze("warmwasser_dezentral", h.wohnung.warmwasser_dezentral)
    return pa.table(zeilen)


def _paare(anzahl: int, seed: int) -> list[tuple[Haushalt, int]]:
    from dataclasses import replace

    rng = np.random.default_rng(seed)
    paare = [zufallshaushalt(rng) for _ in range(anzahl)]
    # the batch format has no maintenance payments (documented in docs/batch.md)
    return [
        (replace(h, personen=tuple(replace(p, unterhalt_gezahlt=()) for p in h.personen)), s)
        for h, s in paare
    ]


def test_batch_gleich_einzelberechnung() -> None:
    paare = _paare(3_000, 5)
    ergebnis = berechne_tabelle(als_tabelle(paare))
    assert ergebnis.num_rows == len(paare)
    betraege = [str(x) for x in ergebnis.column("wohngeld_monat").to_pylist()]
    for tag in {h.stichtag for h, _ in paare}:
        index = [i for i, (h, _) in enumerate(paare) if h.stichtag == tag]
        teil = [paare[i] for i in index]
        einzeln = berechne_spalten(aus_haushalten([h for h, _ in teil], [s for _, s in teil]), tag)
        for j, i in enumerate(index):
            assert betraege[i] == cent_als_text(einzeln.betrag[j])


@pytest.mark.parametrize("endung", ["parquet", "csv"])
def test_batch_cli_datei(tmp_path: Path, endung: str) -> None:
    paare = _paare(400, 9)
    tabelle = als_tabelle(paare)
    eingabe = tmp_path / f"personen.{endung}"
    if endung == "parquet":
        pq.write_table(tabelle, eingabe)
    else:
        import pyarrow.csv as pacsv

        pacsv.write_csv(tabelle, eingabe)
    ausgabe = tmp_path / f"ergebnis.{endung}"
    befehl = ["batch", str(eingabe), str(ausgabe), "--leistung", "wohngeld", "--blockgroesse", "97"]
    lauf = CliRunner().invoke(app, befehl)
    assert lauf.exit_code == 0, lauf.output
    erwartet = berechne_tabelle(tabelle)
    if endung == "parquet":
        assert pq.read_table(ausgabe).equals(erwartet)
    else:
        import pyarrow.csv as pacsv

        gelesen = pacsv.read_csv(ausgabe, convert_options=pacsv.ConvertOptions(column_types={
            "wohngeld_monat": pa.string()}))  # fmt: skip
        assert gelesen.column("wohngeld_monat").to_pylist() == [
            f"{x:.2f}" for x in erwartet.column("wohngeld_monat").to_pylist()
        ]
    assert not list(tmp_path.glob("*.tmp"))


def test_batch_fehler_nennen_spalte_und_zeile(tmp_path: Path) -> None:
    tabelle = als_tabelle(_paare(20, 2))
    with pytest.raises(BatchFehler, match="Pflichtspalte rolle"):
        berechne_tabelle(tabelle.drop_columns(["rolle"]))
    kaputt = tabelle.set_column(
        tabelle.column_names.index("kosten_monat"), "kosten_monat",
        pa.array(["12.345", *tabelle.column("kosten_monat").to_pylist()[1:]]),
    )  # fmt: skip
    with pytest.raises(BatchFehler, match="kosten_monat"):
        berechne_tabelle(kaputt)
    ids = tabelle.column("haushalt_id").to_pylist()
    if len(set(ids)) > 2:
        vertauscht = pa.concat_tables([tabelle.slice(1), tabelle.slice(0, 1)])
        if vertauscht.column("haushalt_id")[0].as_py() == vertauscht.column("haushalt_id")[-1].as_py():
            with pytest.raises(BatchFehler, match="aufeinander folgen"):
                berechne_tabelle(vertauscht)
    rollen = tabelle.column("rolle").to_pylist()
    rollen[3] = "chef"
    with pytest.raises(BatchFehler, match="Zeile 5"):
        berechne_tabelle(tabelle.set_column(tabelle.column_names.index("rolle"), "rolle", pa.array(rollen)))
    ausgabe = tmp_path / "x.parquet"
    lauf = CliRunner().invoke(app, ["batch", str(tmp_path / "fehlt.parquet"), str(ausgabe)])
    assert lauf.exit_code == 2 and "kann nicht gelesen werden" in lauf.stderr
    assert not ausgabe.exists()


def test_parallel_in_bloecken_gleich_einem_aufruf() -> None:
    from amtsweg.batch import berechne_parallel

    paare = _paare(2_000, 13)
    tag = paare[0][0].stichtag
    paare = [(h, s) for h, s in paare if h.stichtag == tag]
    spalten = aus_haushalten([h for h, _ in paare], [s for _, s in paare])
    ganz = berechne_spalten(spalten, tag)
    teile = berechne_parallel(spalten, tag, threads=2, block=37)
    for feld, spalte in (
        ("betrag", "wohngeld_monat"),
        ("gesamteinkommen", "gesamteinkommen_monat"),
        ("miete", "miete_beruecksichtigt_monat"),
        ("haushaltsmitglieder", "haushaltsmitglieder"),
        ("beruecksichtigte_mitglieder", "beruecksichtigte_mitglieder"),
        ("vermoegen_zu_hoch", "vermoegen_zu_hoch"),
    ):
        assert np.array_equal(getattr(ganz, feld), teile[spalte]), feld


def test_batch_verlangt_genau_einen_antragsteller() -> None:
    tabelle = als_tabelle(_paare(5, 3))
    rollen = tabelle.column("rolle").to_pylist()
    rollen[0] = "sonstige"
    with pytest.raises(BatchFehler, match="genau eine Person"):
        berechne_tabelle(tabelle.set_column(tabelle.column_names.index("rolle"), "rolle", pa.array(rollen)))


def _familie(*personen: tuple[str, int]) -> pa.Table:
    return pa.table(
        {
            "haushalt_id": [1] * len(personen),
            "stichtag": ["2025-01-01"] * len(personen),
            "wohnung_art": ["miete"] * len(personen),
            "kosten_monat": ["500.00"] * len(personen),
            "mietstufe": [3] * len(personen),
            "rolle": [r for r, _ in personen],
            "alter": [a for _, a in personen],
        }
    )


def test_batch_plausibilitaet() -> None:
    assert berechne_tabelle(_familie(("antragsteller", 30), ("kind", 5))).num_rows == 1
    with pytest.raises(BatchFehler, match=r"Spalte alter, Zeile 3: ein Kind ist nicht jünger"):
        berechne_tabelle(_familie(("antragsteller", 30), ("kind", 50)))
    with pytest.raises(BatchFehler, match="höchstens eine Person kann „partner“"):
        berechne_tabelle(_familie(("antragsteller", 30), ("partner", 30), ("partner", 31)))
    with pytest.raises(BatchFehler, match="31 Personen sind nicht plausibel"):
        berechne_tabelle(_familie(("antragsteller", 40), *[("kind", 5)] * 30))
