"""Plausibility of a household beyond the type of each field: children's age, roles, size."""

from __future__ import annotations

from typing import Any

import pytest

from amtsweg.rules.engine.fehler import Eingabefehler
from amtsweg.rules.haushalt.eingabe import lies_haushalt
from amtsweg.rules.haushalt.plausibel import MAX_PERSONEN


def _haushalt(*personen: dict[str, Any]) -> dict[str, Any]:
    return {
        "stichtag": "2025-01-01",
        "wohnung": {"art": "miete", "kosten_monat": "500.00", "mietstufe": 3},
        "personen": list(personen),
    }


def _fehler(daten: dict[str, Any]) -> Eingabefehler:
    with pytest.raises(Eingabefehler) as info:
        lies_haushalt(daten)
    return info.value


def test_kind_aelter_als_elternteil() -> None:
    fehler = _fehler(
        _haushalt(
            {"id": "a", "rolle": "antragsteller", "alter": 30}, {"id": "k", "rolle": "kind", "alter": 50}
        )
    )
    assert fehler.feld == "personen[1].alter"
    assert "nicht jünger" in fehler.meldung and "30 Jahre" in fehler.meldung


def test_kind_gleich_alt_wie_einziger_erwachsener() -> None:
    fehler = _fehler(
        _haushalt(
            {"id": "a", "rolle": "antragsteller", "alter": 20}, {"id": "k", "rolle": "kind", "alter": 20}
        )
    )
    assert fehler.feld == "personen[1].alter"


def test_kind_juenger_als_aelteste_person_ist_in_ordnung() -> None:
    # a grandchild living with its grandmother (sonstige) and its young mother
    haushalt = lies_haushalt(
        _haushalt(
            {"id": "a", "rolle": "antragsteller", "alter": 19},
            {"id": "g", "rolle": "sonstige", "alter": 60},
            {"id": "k", "rolle": "kind", "alter": 2},
            {"id": "o", "rolle": "sonstige", "alter": 85},
        )
    )
    assert len(haushalt.personen) == 4


def test_zwei_antragsteller_und_zwei_partner() -> None:
    a = {"id": "a", "rolle": "antragsteller", "alter": 40}
    assert _fehler(_haushalt(a, {**a, "id": "b"})).feld == "personen"
    p = {"id": "p", "rolle": "partner", "alter": 40}
    assert _fehler(_haushalt(a, p, {**p, "id": "q"})).feld == "personen"


def test_zu_viele_personen() -> None:
    kinder = [{"id": f"k{i}", "rolle": "kind", "alter": 5} for i in range(MAX_PERSONEN)]
    fehler = _fehler(_haushalt({"id": "a", "rolle": "antragsteller", "alter": 40}, *kinder))
    assert fehler.feld == "personen"
    assert f"höchstens {MAX_PERSONEN}" in fehler.meldung
    lies_haushalt(_haushalt({"id": "a", "rolle": "antragsteller", "alter": 40}, *kinder[:-1]))  # 30 is fine
