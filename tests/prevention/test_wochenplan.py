"""Week plan per Aufsichtsperson: capacity per day, follow-ups first, recently visited firms left out,
route order by postcode; a recorded visit changes the next plan."""

from __future__ import annotations

import datetime as dt

import pandas as pd
import pytest
from sqlalchemy import select
from sqlalchemy.orm import Session

from amtsweg.prevention import modelle as m
from amtsweg.prevention.besuchsplan import besuch_erfassen, erstelle_arbeitsliste, plan_speichern
from amtsweg.prevention.risiko_modell import beschreibe
from amtsweg.prevention.wochenplan import erstelle_wochenplan

MONTAG = dt.date(2027, 3, 1)


@pytest.fixture
def liste(sitzung: Session) -> list[m.Besuchsplan]:
    n = 8
    rahmen = pd.DataFrame(
        {
            "betriebsnummer": [f"B{i}" for i in range(n)],
            "region": ["Nord"] * n,
            "wahrscheinlichkeit": [0.9 - i * 0.1 for i in range(n)],
        }
    )
    plan_speichern(sitzung, erstelle_arbeitsliste(rahmen, n, {"Nord": ["Anna"]}), "t", dt.date(2027, 1, 1))
    for i, b in enumerate(sitzung.scalars(select(m.Mitgliedsbetrieb).order_by(m.Mitgliedsbetrieb.id))):
        b.plz = f"{50000 - i * 100}"  # later ranks lie at lower postcodes
    sitzung.flush()
    return list(sitzung.scalars(select(m.Besuchsplan).order_by(m.Besuchsplan.rang)))


def test_kapazitaet_und_route(sitzung: Session, liste: list[m.Besuchsplan]) -> None:
    plan = erstelle_wochenplan(sitzung, "Anna", MONTAG + dt.timedelta(days=2), je_tag=1)
    assert plan.montag == MONTAG and plan.anzahl == 5 and plan.nicht_eingeplant == 3
    assert [t[0].betriebsnummer for _, t in plan.tage] == ["B0", "B1", "B2", "B3", "B4"]
    zwei = erstelle_wochenplan(sitzung, "Anna", MONTAG, je_tag=2)
    montag = zwei.tage[0][1]
    assert {t.betriebsnummer for t in montag} == {"B0", "B1"}
    assert [t.betriebsnummer for t in montag] == ["B1", "B0"]  # route order by postcode
    assert [t.reihenfolge for t in montag] == [1, 2]
    assert erstelle_wochenplan(sitzung, "Ben", MONTAG).anzahl == 0  # other person, assigned entries
    with pytest.raises(ValueError, match="1 bis 10"):
        erstelle_wochenplan(sitzung, "Anna", MONTAG, je_tag=0)


def test_besuch_aendert_den_naechsten_plan(sitzung: Session, liste: list[m.Besuchsplan]) -> None:
    besuch_erfassen(
        sitzung,
        liste[0].id,
        MONTAG - dt.timedelta(days=10),
        "maengel",
        "Anna",
        [{"vorschrift": "DGUV Vorschrift 38 § 9", "beschreibung": "Seitenschutz fehlt"}],
        beratung="Seitenschutz am Gerüst",
        folgetermin=MONTAG + dt.timedelta(days=3),
    )
    plan = erstelle_wochenplan(sitzung, "Anna", MONTAG, je_tag=1)
    assert plan.tage[0][1][0].betriebsnummer == "B1"  # B0 visited recently: not at the top any more
    donnerstag = plan.tage[3][1]
    assert donnerstag[0].betriebsnummer == "B0" and donnerstag[0].anlass.startswith("Folgetermin")
    assert len(donnerstag) == 1  # the follow-up uses the day's capacity
    besuch = sitzung.scalar(select(m.Besuch))
    assert besuch is not None and besuch.beratung == "Seitenschutz am Gerüst"


def test_gruende_ohne_rohe_codes() -> None:
    assert (
        beschreibe("gewerk=2381", 1)
        == "Gewerk „Rohbau, Fundament- und Fassadenarbeiten“ mit erhöhtem Unfallgeschehen"
    )
    assert beschreibe("region=CA", 1) == "Region mit erhöhtem Unfallgeschehen"
    assert "=" not in beschreibe("unbekannt_xy", 3)


def test_vergleich_mit_regel() -> None:
    from amtsweg.prevention.besuchsplan import vergleich_mit_regel

    ohne = vergleich_mit_regel(None)
    assert "Faktor 1,00" in ohne and "0,92 bis 1,09" in ohne and "nicht nachweislich besser" in ohne
    assert "Faktor 1,35" in vergleich_mit_regel({"faktor_10": 1.35})
    assert "mehr Betriebe als diese Regel" in vergleich_mit_regel({"faktor_10": 1.35})


def test_lauf_kennzahlen(sitzung: Session, liste: list[m.Besuchsplan]) -> None:
    from amtsweg.prevention.besuchsplan import entscheide, lauf_kennzahlen

    entscheide(sitzung, liste[1].id, "uebersprungen", "Anna", "betrieb_erloschen")
    besuch_erfassen(sitzung, liste[0].id, MONTAG, "maengel", "Anna", [{"beschreibung": "x"}])
    besuch_erfassen(
        sitzung, liste[2].id, MONTAG, "ohne_maengel", "Anna", folgetermin=MONTAG + dt.timedelta(days=30)
    )
    k = lauf_kennzahlen(sitzung, liste[0].lauf_id)
    assert (
        k["eintraege"] == 8
        and k["entscheidungen"]["besucht"] == 2
        and k["entscheidungen"]["uebersprungen"] == 1
    )
    assert k["uebersprungen_nach_grund"] == {"Betrieb existiert nicht mehr / keine Baustellen": 1}
    assert k["besuche"] == 2 and k["trefferquote"] == 0.5 and k["folgetermine"] == 1
