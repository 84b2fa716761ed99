from __future__ import annotations

from pathlib import Path

import pandas as pd
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from amtsweg.prevention import modelle as m
from amtsweg.prevention.einlesen import pruefe_datei, pruefe_tabelle, speichere


def test_fehlerhafte_zeilen_werden_mit_zeile_spalte_grund_gemeldet(tmp_path: Path) -> None:
    datei = tmp_path / "unfaelle.csv"
    datei.write_text(
        "betriebsnummer;datum;schwere;schilderung\n"
        "A1;2021-03-04;schwer;Sturz vom Gerüst\n"
        ";2021-03-05;schwer;ohne Betrieb\n"
        "A2;31.02.2021;leicht;falsches Datum\n"
        "A3;2021-01-01;katastrophal;falsche Schwere\n",
        encoding="utf-8",
    )
    bericht = pruefe_datei("unfaelle", datei)
    assert bericht.gelesen == 4
    assert [z["betriebsnummer"] for z in bericht.gueltig] == ["A1"]
    fehler = {(f.zeile, f.spalte) for f in bericht.fehler}
    assert fehler == {(2, "betriebsnummer"), (3, "datum"), (4, "schwere")}
    assert all(f.grund.endswith(".") for f in bericht.fehler)
    assert bericht.als_dict()["abgelehnt"] == 3


def test_fehlende_pflichtspalte_und_unbekannte_spalte() -> None:
    bericht = pruefe_tabelle(
        "besuche", [{"betriebsnummer": "A", "farbe": "rot"}], ["betriebsnummer", "farbe"]
    )
    gruende = {f.spalte: f.grund for f in bericht.fehler}
    assert "Pflichtspalte" in gruende["besuchsnummer"] and "Unbekannte Spalte" in gruende["farbe"]
    assert bericht.gueltig == []


def test_parquet_und_ganzzahlen(tmp_path: Path) -> None:
    datei = tmp_path / "maengel.parquet"
    pd.DataFrame(
        {"besuchsnummer": ["1", "2"], "vorschrift": ["x", "y"], "bussgeld_cent": ["100", "-5"]}
    ).to_parquet(datei)
    bericht = pruefe_datei("maengel", datei)
    assert [z["bussgeld_cent"] for z in bericht.gueltig] == [100]
    assert bericht.fehler[0].zeile == 2 and bericht.fehler[0].spalte == "bussgeld_cent"


def test_speichern_verweist_auf_bekannte_betriebe(sitzung: Session) -> None:
    b = pruefe_tabelle("betriebe", [{"betriebsnummer": "A1", "region": "Nord"}], ["betriebsnummer", "region"])
    assert speichere(sitzung, b) == 1
    u = pruefe_tabelle(
        "unfaelle",
        [{"betriebsnummer": "A1", "datum": "2020-01-02"}, {"betriebsnummer": "ZZ", "datum": "2020-01-02"}],
        ["betriebsnummer", "datum"],
    )
    assert speichere(sitzung, u) == 1
    assert (u.fehler[-1].zeile, u.fehler[-1].spalte) == (2, "betriebsnummer")
    assert sitzung.scalar(select(func.count()).select_from(m.Unfallanzeige)) == 1
