"""Contract and unit tests of the rules engine: Norm, parameters, registry, money."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from pathlib import Path

import numpy as np
import pytest

from amtsweg.rules.engine.fehler import Eingabefehler, ParameterFehler, RegistryFehler
from amtsweg.rules.engine.geld import (
    cent_als_euro,
    cent_als_text,
    festkomma_als_text,
    parse_cent,
    teile_abgeschnitten,
    teile_kaufmaennisch,
)
from amtsweg.rules.engine.norm import Norm
from amtsweg.rules.engine.parameter import lade_datei
from amtsweg.rules.engine.registry import Regel, Registry


def test_norm_zitat() -> None:
    assert str(Norm("WoGG", "19", absatz=1)) == "§ 19 Abs. 1 WoGG"
    assert str(Norm("WoGG", "17", nummer="3")) == "§ 17 Nr. 3 WoGG"
    assert str(Norm("WoGG", anlage="3", nummer="2")) == "Anlage 3 Nr. 2 WoGG"
    with pytest.raises(ValueError):
        Norm("WoGG")


@pytest.mark.parametrize(
    ("eingabe", "cent"),
    [("1350.00", 135000), ("1350,5", 135050), (1350, 135000), (470.4, 47040), ("0", 0), ("1.234,56", 123456)],
)
def test_parse_cent(eingabe: object, cent: int) -> None:
    assert parse_cent(eingabe, "x") == cent


@pytest.mark.parametrize("eingabe", ["12.345", "abc", None, True, "-5", "NaN", "1e20"])
def test_parse_cent_fehler_nennt_feld(eingabe: object) -> None:
    with pytest.raises(Eingabefehler) as info:
        parse_cent(eingabe, "wohnung.kosten_monat")
    assert info.value.feld == "wohnung.kosten_monat"


def test_geld_formatierung() -> None:
    assert cent_als_text(8800) == "88.00"
    assert cent_als_text(-5) == "-0.05"
    assert cent_als_euro(135000) == "1.350,00 €"
    assert festkomma_als_text(1097525903523) == "109,7525903523"
    assert festkomma_als_text(-251435472480) == "-25,1435472480"


def test_rundungen_gegen_decimal() -> None:
    rng = np.random.default_rng(1)
    zaehler = rng.integers(-(10**12), 10**12, 20_000)
    for nenner in (3, 7, 100, 12):
        abgeschnitten = teile_abgeschnitten(zaehler, nenner)
        kaufmaennisch = teile_kaufmaennisch(zaehler, nenner)
        for z, a, k in zip(zaehler[:2000], abgeschnitten[:2000], kaufmaennisch[:2000], strict=True):
            q = Decimal(int(z)) / Decimal(nenner)
            assert a == int(q.to_integral_value(rounding="ROUND_DOWN"))
            assert k == int(q.to_integral_value(rounding="ROUND_HALF_UP"))


YAML = """
parameter:
  beispiel:
    norm: {gesetz: WoGG, paragraph: "21", nummer: "1"}
    beschreibung: Beispiel
    werte:
      - {gueltig_ab: 2023-01-01, fundstelle: "BGBl. 2022 I S. 2160", wert: 10}
      - {gueltig_ab: 2025-01-01, fundstelle: "BGBl. 2024 I Nr. 314", wert: 12, gueltig_bis: 2026-12-31}
  entwurf:
    norm: {gesetz: WoGG, paragraph: "21"}
    beschreibung: Entwurf
    werte:
      - {gueltig_ab: 2027-01-01, fundstelle: "BT-Drs. 21/8284", status: entwurf, wert: 15}
"""


def test_parameter_gueltigkeit(tmp_path: Path) -> None:
    datei = tmp_path / "p.yaml"
    datei.write_text(YAML, encoding="utf-8")
    p = lade_datei(datei)["beispiel"]
    assert p.am(dt.date(2023, 1, 1)).wert == 10
    assert p.am(dt.date(2024, 12, 31)).wert == 10
    assert p.am(dt.date(2025, 1, 1)).wert == 12
    assert p.am(dt.date(2025, 1, 1)).fundstelle == "BGBl. 2024 I Nr. 314"
    with pytest.raises(ParameterFehler, match="gilt erst ab"):
        p.am(dt.date(2022, 12, 31))
    with pytest.raises(ParameterFehler, match="außer Kraft"):
        p.am(dt.date(2027, 1, 1))
    entwurf = lade_datei(datei)["entwurf"]
    with pytest.raises(ParameterFehler, match="Was-wäre-wenn"):
        entwurf.am(dt.date(2027, 1, 1))
    assert entwurf.am(dt.date(2027, 1, 1), nur_in_kraft=False).wert == 15


@pytest.mark.parametrize(
    "kaputt",
    [
        YAML.replace('fundstelle: "BGBl. 2022 I S. 2160", ', ""),  # missing fundstelle
        YAML.replace("gueltig_ab: 2025-01-01", "gueltig_ab: 2022-01-01"),  # not ascending
        YAML.replace("beschreibung: Beispiel", "beschreibung: Beispiel\n    unbekannt: 1"),  # unknown key
    ],
)
def test_parameter_schema_lehnt_ab(tmp_path: Path, kaputt: str) -> None:
    datei = tmp_path / "p.yaml"
    datei.write_text(kaputt, encoding="utf-8")
    with pytest.raises(ParameterFehler):
        lade_datei(datei)


def _regel(ab: dt.date, bis: dt.date | None) -> Regel:
    return Regel("x", Norm("WoGG", "19"), ab, bis, lambda: None)


def test_registry_lehnt_ueberschneidung_ab() -> None:
    r = Registry()
    r.hinzufuegen(_regel(dt.date(2023, 1, 1), dt.date(2024, 12, 31)))
    with pytest.raises(RegistryFehler, match="überschneiden"):
        r.hinzufuegen(_regel(dt.date(2024, 6, 1), None))


def test_registry_findet_luecke_und_sucht_nach_datum() -> None:
    r = Registry()
    r.hinzufuegen(_regel(dt.date(2023, 1, 1), dt.date(2024, 12, 30)))
    r.hinzufuegen(_regel(dt.date(2025, 1, 1), None))
    with pytest.raises(RegistryFehler, match="Lücke"):
        r.pruefe()
    assert r.fuer("x", dt.date(2025, 3, 1)).gueltig_ab == dt.date(2025, 1, 1)
    with pytest.raises(RegistryFehler):
        r.fuer("x", dt.date(2024, 12, 31))
    with pytest.raises(RegistryFehler):
        r.fuer("x", dt.date(2022, 1, 1))
