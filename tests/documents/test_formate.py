from __future__ import annotations

import datetime as dt
from decimal import Decimal

from amtsweg.documents.formate import (
    finde_iban,
    iban_gueltig,
    parse_betrag,
    parse_datum,
    parse_monat,
    parse_zahl,
)


def test_deutsche_betraege() -> None:
    assert parse_betrag("Kaltmiete: 1.234,56 €") == Decimal("1234.56")
    assert parse_betrag("1 234,5 EUR") == Decimal("1234.50")
    assert parse_betrag("450,- Euro") == Decimal("450.00")
    assert parse_betrag("€ 85") == Decimal("85.00")
    assert parse_betrag("Abzug -12,30") == Decimal("-12.30")
    assert parse_betrag("kein Betrag") is None


def test_deutsche_daten_und_monate() -> None:
    assert parse_datum("Mietbeginn: 01.03.2021") == dt.date(2021, 3, 1)
    assert parse_datum("am 3. Februar 2025") == dt.date(2025, 2, 3)
    assert parse_datum("1.2.25") == dt.date(2025, 2, 1)
    assert parse_datum("31.02.2025") is None
    assert parse_monat("Abrechnung März 2025") == "2025-03"
    assert parse_monat("Periode 04/2024") == "2024-04"
    assert parse_monat("Monat 11.2023") == "2023-11"
    assert parse_zahl("Wohnfläche 62,5 m²") == Decimal("62.5")


def test_iban_pruefung() -> None:
    assert iban_gueltig("DE89 3704 0044 0532 0130 00")
    assert not iban_gueltig("DE89 3704 0044 0532 0130 01")  # check digits do not match
    assert not iban_gueltig("DE89 3704 0044 0532 0130")  # too short for Germany
    assert finde_iban("IBAN: DE89 3704 0044 0532 0130 00 BIC COBADEFFXXX") == "DE89370400440532013000"
    assert finde_iban("IBAN: DE12 3456 7890 1234 5678 90") is None
