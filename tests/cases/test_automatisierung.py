"""§ 31a SGB X automation policy: which Vorgänge are decided without a person, and the reasons in words."""

from __future__ import annotations

import copy
import datetime as dt

from amtsweg.cases.automatisierung import (
    Automatisierungsregeln,
    beschreibe_angabe,
    geaenderte_angaben,
    pruefe,
)
from amtsweg.cases.demodaten import haushalt

ALT = haushalt(dt.date(2026, 1, 1))


def _pruefe(daten: dict, art: str = "weiterleistung", **extra: object) -> tuple[bool, tuple[str, ...]]:  # type: ignore[type-arg]
    werte = {"vorgaenger_daten": ALT, "bemerkung": "", "dokumente": 0, "betrag_cent": 11_000, **extra}
    e = pruefe(Automatisierungsregeln(), art=art, daten=daten, **werte)  # type: ignore[arg-type]
    return e.automatisch, e.gruende


def test_unveraenderte_weiterleistung_ist_automatisch() -> None:
    neu = copy.deepcopy(ALT)
    neu["stichtag"] = "2027-01-01"
    assert _pruefe(neu) == (True, ())


def test_gruende_in_worten() -> None:
    neu = copy.deepcopy(ALT)
    neu["wohnung"]["kosten_monat"] = "520.00"
    neu["personen"][0]["einkommen"][0]["brutto_monat"] = "1400.00"
    automatisch, gruende = _pruefe(neu, bemerkung="Umzug")
    assert not automatisch
    assert "Angaben gegenüber dem Vorantrag geändert: Angaben zu Person 1, Miete oder Belastung" in gruende
    assert any("Freitext" in g for g in gruende)
    assert _pruefe(ALT, art="erstantrag")[1][0] == "Ein Erstantrag wird immer von einer Person geprüft."
    assert not _pruefe(ALT, betrag_cent=0)[0] and not _pruefe(ALT, betrag_cent=60_000)[0]


def test_pfade() -> None:
    assert geaenderte_angaben({"a": [1, 2]}, {"a": [1, 3]}) == ["a[1]"]
    assert geaenderte_angaben({"a": [1, 2]}, {"a": [1]}) == ["a"]
    assert beschreibe_angabe("personen") == "Zusammensetzung des Haushalts"
    assert beschreibe_angabe("personen[2].alter") == "Angaben zu Person 3"
    assert beschreibe_angabe("wohnung.plz") == "Angaben zur Wohnung"
