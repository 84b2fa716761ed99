"""Probelauf of the Neuberechnung: selection of running Bewilligungen, exact amounts, classes, reasons,
filters and the German errors."""

from __future__ import annotations

import datetime as dt

import pytest

from amtsweg.cases.demodaten import haushalt
from amtsweg.cases.modelle import Vorgang
from amtsweg.db import Datenbank
from amtsweg.neuberechnung.probelauf import (
    Fall,
    Neuberechnungsfehler,
    grund,
    klasse,
    probelauf,
    zusammenfassen,
)
from amtsweg.rules.wohngeld import berechne_wohngeld
from tests.neuberechnung.conftest import DEZEMBER_2024, Bestand

FORTSCHREIBUNG = dt.date(2025, 1, 1)


def _lauf(datenbank: Datenbank, stichtag: dt.date, **filter: object) -> dict[str, Fall]:
    with datenbank.sitzung() as s:
        return {f.vorgang: f for f in probelauf(s, stichtag, **filter)}  # type: ignore[arg-type]


def _cent(betrag: str) -> int:
    return int(betrag.replace(".", ""))


def test_fortschreibung_2025_klassen_betraege_und_gruende(datenbank: Datenbank, bestand: Bestand) -> None:
    faelle = _lauf(datenbank, FORTSCHREIBUNG)
    # today's demo Bewilligungen start in the current month, after the Stichtag: not running then
    assert set(faelle) == {
        bestand.hoeher,
        bestand.niedriger,
        bestand.endet,
        bestand.fehler,
        bestand.andere_behoerde,
    }

    hoeher = faelle[bestand.hoeher]
    vorher = berechne_wohngeld(haushalt(DEZEMBER_2024))["wohngeld"]["betrag_monat"]
    nachher = berechne_wohngeld(haushalt(FORTSCHREIBUNG))["wohngeld"]["betrag_monat"]
    assert (hoeher.alt_cent, hoeher.neu_cent) == (_cent(vorher), _cent(nachher)) == (15_500, 17_800)
    assert hoeher.klasse == "hoeher" and hoeher.differenz_cent == 2_300
    assert hoeher.grund.startswith("Anlage 1 WoGG Höchstbetrag: 491,00 € → 511,00 €; Anlage 2 WoGG")
    assert hoeher.alt_regelwerk_version and hoeher.neu_regelwerk_version
    assert (hoeher.bewilligung_von, hoeher.bewilligung_bis) == (DEZEMBER_2024, dt.date(2025, 11, 30))

    niedriger = faelle[bestand.niedriger]
    neu = _cent(berechne_wohngeld(haushalt(FORTSCHREIBUNG, "450.00"))["wohngeld"]["betrag_monat"])
    assert (niedriger.alt_cent, niedriger.neu_cent, niedriger.klasse) == (99_900, neu, "niedriger")

    endet = faelle[bestand.endet]
    assert endet.neu_cent == 0 and endet.alt_cent > 0 and endet.klasse == "endet"
    assert "Gesamteinkommen" in endet.grund, "the income step that changed is named"

    fehler = faelle[bestand.fehler]
    assert fehler.klasse == "fehler" and "kosten_monat" in fehler.grund and fehler.neu_cent == 0

    summe = zusammenfassen(FORTSCHREIBUNG, faelle.values())
    assert summe.anzahl == {"unveraendert": 0, "hoeher": 2, "niedriger": 1, "endet": 1, "fehler": 1}
    erwartet = sum(f.neu_cent - f.alt_cent for f in faelle.values() if f.klasse != "fehler")
    assert summe.aenderung_monat_cent == erwartet == 2 * 2_300 + (neu - 99_900) - endet.alt_cent


def test_laufend_nur_mit_bescheid_und_ohne_abloesung(datenbank: Datenbank, bestand: Bestand) -> None:
    stichtag = dt.date.today().replace(day=1) + dt.timedelta(days=40)
    faelle = _lauf(datenbank, stichtag)
    with datenbank.sitzung() as s:
        status = {
            v.nummer: (v.status, v.art) for v in s.query(Vorgang).filter(Vorgang.nummer.in_(bestand.demo))
        }
    laufend = {n for n in bestand.demo if n in faelle}
    # demo: widerspruch keeps its Bewilligung; the Weiterleistung replaces the Bescheid it follows;
    # eingegangen, unvollstaendig, entscheidungsreif and zur_freigabe have no Bescheid
    assert sorted(status[n] for n in laufend) == [
        ("beschieden", "weiterleistung"),
        ("widerspruch", "erstantrag"),
    ]
    assert all(faelle[n].klasse == "unveraendert" and faelle[n].grund == "" for n in laufend)
    assert all(faelle[n].alt_cent == faelle[n].neu_cent > 0 for n in laufend)
    assert bestand.nicht_freigegeben not in _lauf(datenbank, FORTSCHREIBUNG)
    # the December 2024 Bewilligungen ended on 2025-11-30
    assert bestand.hoeher not in _lauf(datenbank, dt.date(2025, 12, 1))


def test_filter_und_stapel(datenbank: Datenbank, bestand: Bestand) -> None:
    alle = _lauf(datenbank, FORTSCHREIBUNG)
    assert set(_lauf(datenbank, FORTSCHREIBUNG, behoerde="demo-andere")) == {bestand.andere_behoerde}
    assert bestand.andere_behoerde not in _lauf(datenbank, FORTSCHREIBUNG, behoerde="demo-wohngeld")
    assert _lauf(datenbank, FORTSCHREIBUNG, leistung="wohngeld") == alle
    assert _lauf(datenbank, FORTSCHREIBUNG, stapel=1) == alle, "batches of one give the same result"
    assert list(_lauf(datenbank, FORTSCHREIBUNG, stapel=2)) == sorted(alle, key=lambda n: int(n[-6:]))
    with pytest.raises(Neuberechnungsfehler, match="Behörde „gibt-es-nicht“ ist nicht bekannt"):
        _lauf(datenbank, FORTSCHREIBUNG, behoerde="gibt-es-nicht")
    with pytest.raises(Neuberechnungsfehler, match="--leistung: „grundsicherung“ kann nicht neu berechnet"):
        _lauf(datenbank, FORTSCHREIBUNG, leistung="grundsicherung")


def test_stichtag_ohne_regelwerk(datenbank: Datenbank) -> None:
    with datenbank.sitzung() as s, pytest.raises(Neuberechnungsfehler) as fehler:
        probelauf(s, dt.date(2022, 6, 1))
    assert "Für den Stichtag 01.06.2022 ist kein Regelwerk für wohngeld in Kraft" in str(fehler.value)


def test_klasse_und_grund_ohne_datenbank() -> None:
    assert [klasse(100, 100), klasse(100, 101), klasse(100, 99), klasse(100, 0)] == [
        "unveraendert",
        "hoeher",
        "niedriger",
        "endet",
    ]
    alt = [{"norm": "§ 1", "text": "A", "wert": "1"}, {"norm": "§ 2", "text": "B", "wert": "2"}]
    neu = [{"norm": "§ 1", "text": "A", "wert": "1"}, {"norm": "§ 2", "text": "B", "wert": "3"}]
    assert grund(alt, neu, 100, 200) == "§ 2 B: 2 → 3"
    assert grund([], neu, 12_345, 100) == "Monatlicher Betrag: 123,45 € → 1,00 €"
    assert grund(alt, alt, 100, 100) == ""
