"""Deadline of the Rechtsbehelf: § 37 Abs. 2 SGB X (4 days), § 26 SGB X, §§ 187, 188 BGB."""

from __future__ import annotations

from datetime import date

import pytest

from amtsweg.cases.bescheid import bekanntgabe, rechtsbehelfsfrist
from amtsweg.cases.bescheid.frist import (
    bekanntgabetag,
    bundesweite_feiertage,
    fristende,
    monat_spaeter,
    naechster_werktag,
    ostersonntag,
)
from tests.cases.bescheid.beispiele import BEHOERDE, bewilligung


@pytest.mark.parametrize(
    ("ereignis", "ende"),
    [
        (date(2025, 1, 31), date(2025, 2, 28)),  # February lacks the 31st: last day of the month
        (date(2024, 1, 31), date(2024, 2, 29)),  # leap year
        (date(2025, 3, 31), date(2025, 4, 30)),
        (date(2025, 1, 15), date(2025, 2, 15)),
        (date(2025, 12, 31), date(2026, 1, 31)),  # year change
    ],
)
def test_monat_spaeter(ereignis: date, ende: date) -> None:
    assert monat_spaeter(ereignis) == ende


def test_bekanntgabe_am_vierten_tag_ohne_verschiebung() -> None:
    assert bekanntgabetag(date(2025, 1, 27)) == date(2025, 1, 31)
    # Tuesday + 4 = Saturday: the Bekanntgabefiktion is no deadline and is not moved (BSG B 14 AS 12/09 R).
    assert bekanntgabetag(date(2025, 2, 11)) == date(2025, 2, 15)
    assert bekanntgabe(bewilligung(datum=date(2025, 2, 11))) == date(2025, 2, 15)


def test_frist_31_januar_endet_ende_februar() -> None:
    daten = bewilligung(datum=date(2025, 1, 27))  # Bekanntgabe Fri 31.01.2025
    assert rechtsbehelfsfrist(daten) == date(2025, 2, 28)  # a Friday: no shift


def test_frist_samstag_wird_montag() -> None:
    daten = bewilligung(datum=date(2025, 2, 11))  # Bekanntgabe 15.02.2025 -> 15.03.2025 is a Saturday
    assert rechtsbehelfsfrist(daten) == date(2025, 3, 17)


def test_frist_sonntag_wird_montag() -> None:
    daten = bewilligung(datum=date(2025, 4, 27))  # Bekanntgabe Thu 01.05.2025 -> 01.06.2025 is a Sunday
    assert rechtsbehelfsfrist(daten) == date(2025, 6, 2)


def test_frist_jahreswechsel_auf_samstag() -> None:
    assert fristende(date(2025, 12, 31)) == date(2026, 2, 2)  # 31.01.2026 Saturday -> Monday 02.02.


def test_frist_ueber_ostern() -> None:
    # 18.04.2025 Karfreitag, 19./20. weekend, 21.04. Ostermontag -> Tuesday 22.04.2025
    assert fristende(date(2025, 3, 18)) == date(2025, 4, 22)


def test_landesfeiertag_nur_wenn_konfiguriert() -> None:
    fronleichnam = date(2025, 6, 19)
    ohne = bewilligung(datum=date(2025, 5, 15))  # Bekanntgabe 19.05.2025 -> 19.06.2025 (Thursday)
    assert rechtsbehelfsfrist(ohne) == fronleichnam  # Land holidays are not built in
    behoerde = BEHOERDE.__class__(**{**BEHOERDE.__dict__, "landesfeiertage": (fronleichnam,)})
    mit = bewilligung(datum=date(2025, 5, 15), behoerde=behoerde)
    assert rechtsbehelfsfrist(mit) == date(2025, 6, 20)


@pytest.mark.parametrize(
    ("jahr", "ostern"),
    [
        (2000, date(2000, 4, 23)),
        (2019, date(2019, 4, 21)),
        (2024, date(2024, 3, 31)),
        (2025, date(2025, 4, 20)),
        (2026, date(2026, 4, 5)),
        (2038, date(2038, 4, 25)),
    ],
)
def test_ostersonntag(jahr: int, ostern: date) -> None:
    assert ostersonntag(jahr) == ostern


def test_bundesweite_feiertage_2025() -> None:
    assert bundesweite_feiertage(2025) == {
        date(2025, 1, 1),
        date(2025, 4, 18),
        date(2025, 4, 21),
        date(2025, 5, 1),
        date(2025, 5, 29),
        date(2025, 6, 9),
        date(2025, 10, 3),
        date(2025, 12, 25),
        date(2025, 12, 26),
    }
    assert naechster_werktag(date(2025, 12, 25)) == date(2025, 12, 29)
