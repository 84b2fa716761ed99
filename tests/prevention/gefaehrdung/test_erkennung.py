"""Recognition of activities and figures in German example texts."""

from __future__ import annotations

import pytest

from amtsweg.prevention.gefaehrdung.erkennung import erkenne

BEISPIELE = [
    (
        "Wir decken das Dach eines Einfamilienhauses neu, Traufhöhe 6,5 m. Fassadengerüst wird gestellt. "
        "4 Mitarbeiter, 3 Wochen.",
        {"dacharbeiten", "geruestbau"},
        {"absturzhoehe_m": 6.5, "beschaeftigte_gleichzeitig": 4, "arbeitstage": 15},
    ),
    (
        "Kanalbau: Leitungsgraben 2,20 m tief im Lehmboden, Bagger und Radlader im Einsatz.",
        {"baugruben_graeben", "baumaschinen"},
        {"grabentiefe_m": 2.2},
    ),
    (
        "Rückbau einer Halle mit Asbestzement-Wellplatten, danach Schweißarbeiten an der Stahlkonstruktion.",
        {"abbruch", "asbestsanierung", "schweissen"},
        {},
    ),
    (
        "Elektroinstallation im Rohbau: Baustromverteiler setzen, Arbeiten von der Stehleiter.",
        {"elektroarbeiten", "leitern"},
        {},
    ),
    (
        "Pflasterarbeiten draußen im Sommer bei Hitze, Kernbohrungen in Beton.",
        {"hitze_uv", "staubarbeiten"},
        {},
    ),
]


@pytest.mark.parametrize(("text", "erwartet", "werte"), BEISPIELE)
def test_beispieltexte(text: str, erwartet: set[str], werte: dict[str, float]) -> None:
    e = erkenne(text)
    assert set(e.vorgeschlagen) == erwartet
    for feld, wert in werte.items():
        assert e.werte[feld] == pytest.approx(wert)


def test_verneinung_wird_gezeigt_aber_nicht_vorgeschlagen() -> None:
    e = erkenne("Umbau im Bestand, kein Asbest vorhanden, Arbeiten vom Gerüst.")
    asbest = next(t for t in e.treffer if t.taetigkeit == "asbestsanierung")
    assert asbest.verneint
    assert "asbestsanierung" not in e.vorgeschlagen
    assert "geruestbau" in e.vorgeschlagen


def test_tiefe_ohne_stichwort_ergibt_graben_und_leerer_text_nichts() -> None:
    assert "baugruben_graeben" in erkenne("Aushub bis 1,5 m tief").vorgeschlagen
    assert "baugruben_graeben" in erkenne("Es geht 1,8 m tief runter").vorgeschlagen
    leer = erkenne("Büroarbeit am Schreibtisch.")
    assert leer.vorgeschlagen == [] and leer.werte == {}
