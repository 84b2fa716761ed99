"""`amtsweg batch --leistung alle`: the vectorised Vorrangprüfung over a person table gives, for every
household, what the single-household JSON path (`amtsweg berechne --leistung alle`) gives."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import numpy as np
import pyarrow as pa
import pytest

from amtsweg.batch import BatchFehler, berechne_tabelle
from amtsweg.rules.engine.geld import cent_als_text
from amtsweg.rules.haushalt.eingabe import Haushalt
from amtsweg.rules.vorrang import berechne
from tests.rules.grundsicherung.zufall import zufallshaushalt
from tests.test_batch import als_tabelle


def als_json(h: Haushalt) -> dict[str, Any]:
    wohnung: dict[str, Any] = {
        "art": h.wohnung.art,
        "kosten_monat": cent_als_text(h.wohnung.kosten_monat),
        "mietstufe": h.wohnung.mietstufe,
        "heizkosten_monat": cent_als_text(h.wohnung.heizkosten_monat or 0),
        "warmwasser_dezentral": h.wohnung.warmwasser_dezentral,
    }
    if h.wohnung.angemessene_kosten_monat is not None:
        wohnung["angemessene_kosten_monat"] = cent_als_text(h.wohnung.angemessene_kosten_monat)
    personen = []
    for p in h.personen:
        person: dict[str, Any] = {
            "id": p.id, "rolle": p.rolle, "alter": p.alter, "kindergeld": p.kindergeld,
            "einkommen": [
                {"art": e.art, "brutto_monat": cent_als_text(e.brutto_monat),
                 **({} if e.netto_monat is None else {"netto_monat": cent_als_text(e.netto_monat)})}
                for e in p.einkommen
            ],
            "abzuege": sorted(p.abzuege), "vermoegen": cent_als_text(p.vermoegen), "schwanger": p.schwanger,
            "in_ausbildung": p.in_ausbildung, "mehrbedarf_teilhabe": p.mehrbedarf_teilhabe,
            "merkzeichen_g": p.merkzeichen_g,
            "mehrbedarf_ernaehrung_monat": cent_als_text(p.mehrbedarf_ernaehrung_monat),
        }  # fmt: skip
        if p.erwerbsfaehig is not None:
            person["erwerbsfaehig"] = p.erwerbsfaehig
        if p.bewilligungsbeginn is not None:
            person["bewilligungsbeginn"] = p.bewilligungsbeginn.isoformat()
        if p.geburtsdatum is not None:
            person["geburtsdatum"] = p.geburtsdatum.isoformat()
        personen.append(person)
    return {"stichtag": h.stichtag.isoformat(), "wohnung": wohnung, "personen": personen}


def test_batch_alle_gleich_einzelberechnung() -> None:
    rng = np.random.default_rng(17)
    haushalte = [zufallshaushalt(rng) for _ in range(250)]
    tabelle = berechne_tabelle(als_tabelle([(h, 3) for h in haushalte]), leistung="alle")
    spalten = {n: [str(x) for x in tabelle.column(n).to_pylist()] for n in tabelle.column_names}
    verschieden = 0
    for i, h in enumerate(haushalte):
        einzel = berechne(als_json(h), "alle")
        assert spalten["vorrang_ergebnis"][i] == einzel["vorrang"]["ergebnis"]
        for leistung in ("grundsicherung", "wohngeld", "kinderzuschlag", "kindergeld"):
            assert spalten[f"{leistung}_monat"][i] == einzel[leistung]["betrag_monat"], (i, leistung)
        assert spalten["gesamt_monat"][i] == einzel["vorrang"]["gesamt_monat"]
        verschieden += einzel["vorrang"]["ergebnis"] != "grundsicherung"
    assert 0 < verschieden < len(haushalte), "the sample must contain several outcomes"


def test_batch_alle_fehlendes_netto_nennt_spalte_und_zeile() -> None:
    rng = np.random.default_rng(5)
    haushalte = [zufallshaushalt(rng) for _ in range(40)]
    tabelle = als_tabelle([(h, 3) for h in haushalte])
    zeilen = [i for i, b in enumerate(tabelle.column("brutto_erwerbstaetigkeit").to_pylist()) if b != "0.00"]
    rollen = tabelle.column("rolle").to_pylist()
    zeile = next(i for i in zeilen if rollen[i] == "antragsteller")
    netto = tabelle.column("netto_erwerbstaetigkeit").to_pylist()
    netto[zeile] = ""
    kaputt = tabelle.set_column(
        tabelle.column_names.index("netto_erwerbstaetigkeit"), "netto_erwerbstaetigkeit", pa.array(netto)
    )
    with pytest.raises(BatchFehler, match=f"Zeile {zeile + 2}, Spalte netto_erwerbstaetigkeit"):
        berechne_tabelle(kaputt, leistung="alle")


def test_batch_geburtsdatum_muss_zum_alter_passen() -> None:
    rng = np.random.default_rng(5)
    haushalte = [zufallshaushalt(rng) for _ in range(3)]
    tabelle = als_tabelle([(h, 3) for h in haushalte])
    werte = tabelle.column("geburtsdatum").to_pylist()
    werte[1] = "1900-01-01"  # row 3 of the file (header + 1-based)
    tabelle = tabelle.set_column(tabelle.column_names.index("geburtsdatum"), "geburtsdatum", pa.array(werte))
    with pytest.raises(BatchFehler, match="Spalte geburtsdatum, Zeile 3"):
        berechne_tabelle(tabelle, leistung="alle")


def test_batch_alle_mit_kdu_tabelle() -> None:
    from dataclasses import replace

    from amtsweg.rules.grundsicherung import lade_kdu_tabelle

    tabelle_pfad = Path(__file__).parent / "rules" / "grundsicherung" / "kdu_test.yaml"
    kdu = lade_kdu_tabelle(tabelle_pfad)
    rng = np.random.default_rng(23)
    haushalte = [zufallshaushalt(rng) for _ in range(60)]
    haushalte = [replace(h, wohnung=replace(h.wohnung, angemessene_kosten_monat=None)) for h in haushalte]
    ergebnis = berechne_tabelle(als_tabelle([(h, 3) for h in haushalte]), leistung="alle", kdu_grenzen=kdu)
    ohne = berechne_tabelle(als_tabelle([(h, 3) for h in haushalte]), leistung="alle")
    gs = [str(x) for x in ergebnis.column("grundsicherung_monat").to_pylist()]
    for i, h in enumerate(haushalte):
        assert gs[i] == berechne(als_json(h), "alle", kdu)["grundsicherung"]["betrag_monat"]
    assert ergebnis.column("grundsicherung_bedarf_monat") != ohne.column("grundsicherung_bedarf_monat")
