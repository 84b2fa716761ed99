"""§ 7a SGB II with a geburtsdatum: the Altersgrenze is reached at the end of the month in which the person
completes the age of her Jahrgang (A-0055); without a geburtsdatum the whole-year age is used."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest

from amtsweg.rules.engine.fehler import Eingabefehler
from amtsweg.rules.grundsicherung import berechne_grundsicherung


def _haushalt(stichtag: str, alter: int, geburtsdatum: str | None = None) -> dict[str, Any]:
    person: dict[str, Any] = {"id": "a", "rolle": "antragsteller", "alter": alter, "einkommen": []}
    if geburtsdatum:
        person["geburtsdatum"] = geburtsdatum
    return {
        "stichtag": stichtag,
        "wohnung": {"art": "miete", "kosten_monat": "400.00", "heizkosten_monat": "70.00", "mietstufe": 3,
                    "angemessene_kosten_monat": "450.00"},
        "personen": [person],
    }  # fmt: skip


def _hat_anspruch(haushalt: dict[str, Any]) -> bool:
    return berechne_grundsicherung(haushalt)["grundsicherung"]["betrag_monat"] != "0.00"


@pytest.mark.parametrize(
    ("geburtsdatum", "letzter_monat_im_sgb2"),
    [
        # Jahrgang 1959: 66 years 2 months; born 15 March -> completed on 14 May 2025 -> end of May
        ("1959-03-15", "2025-05-01"),
        # born on the 1st: completed on the day before (30 June 2025) -> end of June
        ("1959-05-01", "2025-06-01"),
        # Jahrgang 1957: 65 years 11 months; born 10 August -> completed 9 July 2023 -> end of July
        ("1957-08-10", "2023-07-01"),
        # Jahrgang 1958: 66 years; born 1 December -> completed 30 November 2024 -> end of November
        ("1958-12-01", "2024-11-01"),
        # Jahrgang 1960: 66 years 4 months; born 31 January -> completed 30 May 2026 -> end of May
        ("1960-01-31", "2026-05-01"),
    ],
)
def test_altersgrenze_monatsgenau(geburtsdatum: str, letzter_monat_im_sgb2: str) -> None:
    letzter = dt.date.fromisoformat(letzter_monat_im_sgb2)
    danach = (letzter + dt.timedelta(days=32)).replace(day=1)
    geboren = dt.date.fromisoformat(geburtsdatum)
    for tag, erwartet in ((letzter, True), (danach, False)):
        alter = tag.year - geboren.year - ((tag.month, tag.day) < (geboren.month, geboren.day))
        assert _hat_anspruch(_haushalt(tag.isoformat(), alter, geburtsdatum)) is erwartet, tag


def test_ohne_geburtsdatum_zaehlt_das_ganze_lebensjahr() -> None:
    # 66 in whole years in June 2025: below 66 years 2 months, so erwerbsfähig; the exact date says otherwise
    assert _hat_anspruch(_haushalt("2025-07-01", 66))
    assert not _hat_anspruch(_haushalt("2025-07-01", 66, "1959-05-01"))


@pytest.mark.parametrize(
    ("geburtsdatum", "meldung"),
    [
        ("1960-07-02", "passt nicht zum Alter"),
        ("2026-01-01", "nach dem Stichtag"),
        ("1.5.1959", "JJJJ-MM-TT"),
    ],
)
def test_geburtsdatum_wird_geprueft(geburtsdatum: str, meldung: str) -> None:
    with pytest.raises(Eingabefehler) as info:
        berechne_grundsicherung(_haushalt("2025-07-01", 66, geburtsdatum))
    assert info.value.feld == "personen[0].geburtsdatum" and meldung in info.value.meldung
