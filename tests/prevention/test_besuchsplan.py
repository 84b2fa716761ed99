from __future__ import annotations

import datetime as dt

import pandas as pd
import pytest
from sqlalchemy.orm import Session

from amtsweg.prevention import modelle as m
from amtsweg.prevention.besuchsplan import (
    bestand_aus_db,
    besuch_erfassen,
    drift,
    entscheide,
    erstelle_arbeitsliste,
    plan_speichern,
)
from amtsweg.prevention.risiko_daten import Bestand
from amtsweg.prevention.risiko_merkmale import merkmale_zum_stichtag


def _bewertet() -> pd.DataFrame:
    return pd.DataFrame(
        {
            "betriebsnummer": [f"F{i}" for i in range(10)],
            "region": ["Nord"] * 6 + ["Sued"] * 4,
            "wahrscheinlichkeit": [0.1, 0.5, 0.3, 0.9, 0.2, 0.4, 0.8, 0.05, 0.6, 0.7],
            "gruende": [["3 Unfälle in den letzten 3 Jahren"]] * 10,
        }
    )


def test_arbeitsliste_je_region_in_kapazitaet_und_als_empfehlung() -> None:
    liste = erstelle_arbeitsliste(_bewertet(), {"Nord": 3, "Sued": 2}, {"Nord": ["Anna", "Ben"]})
    nord = liste[liste["region"] == "Nord"]
    assert nord["betriebsnummer"].tolist() == ["F3", "F1", "F5"]
    assert nord["aufsichtsperson"].tolist() == ["Anna", "Ben", "Anna"]
    assert liste[liste["region"] == "Sued"]["betriebsnummer"].tolist() == ["F6", "F9"]
    assert liste["hinweis"].str.contains("Aufsichtsperson").all()
    assert liste["rang"].tolist() == [1, 2, 3, 1, 2]


def test_entscheidung_und_rueckfluss(sitzung: Session) -> None:
    liste = erstelle_arbeitsliste(_bewertet(), 2)
    lauf = plan_speichern(sitzung, liste, "test-1", dt.date(2024, 1, 1))
    eintraege = sorted(sitzung.query(m.Besuchsplan).filter_by(lauf_id=lauf.id), key=lambda e: e.id)
    assert len(eintraege) == 4
    with pytest.raises(ValueError, match="Grund"):
        entscheide(sitzung, eintraege[0].id, "uebersprungen", "Anna")
    with pytest.raises(ValueError, match="erläutern"):
        entscheide(sitzung, eintraege[0].id, "uebersprungen", "Anna", "sonstiges", "")
    e = entscheide(sitzung, eintraege[0].id, "uebersprungen", "Anna", "kuerzlich_beraten", "im März beraten")
    assert e.entscheidung == "uebersprungen"
    assert e.begruendung == "Betrieb wurde kürzlich beraten oder besucht: im März beraten"  # no internal key
    assert e.entschieden_von == "Anna" and e.entschieden_am is not None
    entscheide(sitzung, eintraege[1].id, "angenommen", "Ben")
    with pytest.raises(ValueError, match="Mangel"):
        besuch_erfassen(sitzung, eintraege[1].id, dt.date(2024, 2, 1), "maengel", "Ben")
    with pytest.raises(ValueError, match="Folgetermin"):
        besuch_erfassen(
            sitzung,
            eintraege[1].id,
            dt.date(2024, 2, 1),
            "ohne_maengel",
            "Ben",
            folgetermin=dt.date(2024, 2, 1),
        )
    with pytest.raises(ValueError, match="Ergebnis"):
        besuch_erfassen(sitzung, eintraege[1].id, dt.date(2024, 2, 1), "gut", "Ben")
    besuch_erfassen(
        sitzung,
        eintraege[1].id,
        dt.date(2024, 2, 1),
        "maengel",
        "Ben",
        [{"vorschrift": "DGUV V 38 § 9", "schwere": "schwer"}],
    )
    assert sitzung.get(m.Besuchsplan, eintraege[1].id).entscheidung == "besucht"  # type: ignore[union-attr]
    bestand = bestand_aus_db(sitzung)
    assert len(bestand.besuche) == 1 and bestand.besuche.iloc[0]["anlass"] == "programm"
    assert bestand.maengel.iloc[0]["schwere"] == "schwer"


def test_drift_wird_erkannt(bestand: Bestand) -> None:
    alt = merkmale_zum_stichtag(bestand, pd.Timestamp("2008-01-01"), rueckblick_jahre=3)
    gleich = drift(alt, alt, ["unf_gesamt", "maengel_gesamt"])
    assert not gleich["drift"]
    verschoben = alt.assign(maengel_gesamt=alt["maengel_gesamt"] * 5 + 10)
    d = drift(alt, verschoben, ["unf_gesamt", "maengel_gesamt"])
    assert d["drift"] and d["auffaellig"] == ["maengel_gesamt"]
