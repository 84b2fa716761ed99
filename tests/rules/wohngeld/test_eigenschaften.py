"""Property and differential tests: the vectorised kernels against the Decimal reference and
against the single-household (trace) path; monotonicity; every parameter boundary date."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import numpy as np
import pytest

from amtsweg.rules.haushalt.spalten import aus_haushalten
from amtsweg.rules.wohngeld.berechnung import berechne_haushalt, berechne_spalten
from amtsweg.rules.wohngeld.werte import parameter
from tests.rules.wohngeld.referenz import wohngeld as referenz
from tests.rules.wohngeld.zufall import zufallshaushalt

ANZAHL = 100_000


def _cent(x: Decimal | int) -> int:
    return int(Decimal(x) * 100)


@pytest.mark.parametrize("stichtag", [dt.date(2024, 3, 1), dt.date(2025, 1, 1)])
def test_arrays_gleich_decimal_referenz_auf_vielen_haushalten(stichtag: dt.date) -> None:
    rng = np.random.default_rng(stichtag.toordinal())
    paare = [zufallshaushalt(rng, stichtag) for _ in range(ANZAHL // 2 + 10_000)]
    haushalte, stufen = [h for h, _ in paare], [s for _, s in paare]
    ergebnis = berechne_spalten(aus_haushalten(haushalte, stufen), stichtag)
    assert (ergebnis.betrag > 0).sum() > ANZAHL // 20, "too few positive cases to be meaningful"
    for i, (h, stufe) in enumerate(paare):
        ref = referenz(h, stufe)
        assert (ergebnis.betrag[i], ergebnis.gesamteinkommen[i], ergebnis.miete[i]) == (
            _cent(ref["betrag"]),
            _cent(ref["y"]),
            _cent(ref["m"]),
        ), f"Haushalt {i}: {h}"


def test_einzelhaushalt_mit_trace_gleich_batch() -> None:
    rng = np.random.default_rng(7)
    paare = [zufallshaushalt(rng) for _ in range(500)]
    for tag in sorted({h.stichtag for h, _ in paare}):
        teil = [(h, s) for h, s in paare if h.stichtag == tag]
        batch = berechne_spalten(aus_haushalten([h for h, _ in teil], [s for _, s in teil]), tag)
        for i, (h, s) in enumerate(teil):
            from dataclasses import replace

            einzel, trace = berechne_haushalt(replace(h, wohnung=replace(h.wohnung, mietstufe=s)))
            assert einzel.betrag[0] == batch.betrag[i]
            assert trace.schritte, "trace must record the calculation"


def _einpersonen(einkommen: np.ndarray, miete: np.ndarray, stufe: int = 3) -> np.ndarray:
    from amtsweg.rules.haushalt.eingabe import Einkommen, Haushalt, Person, Wohnung

    haushalte = [
        Haushalt(dt.date(2025, 1, 1), Wohnung("miete", int(m)),
                 (Person("a", "antragsteller", 40, (Einkommen("erwerbstaetigkeit", int(e)),)),))
        for e, m in zip(einkommen, miete, strict=True)
    ]  # fmt: skip
    return berechne_spalten(aus_haushalten(haushalte, [stufe] * len(haushalte)), dt.date(2025, 1, 1)).betrag


def test_monoton_fallend_im_einkommen_und_steigend_in_der_miete() -> None:
    einkommen = np.arange(0, 400_000, 1_000)
    betraege = _einpersonen(einkommen, np.full(len(einkommen), 50_000))
    assert np.all(np.diff(betraege) <= 0)
    assert betraege[0] > 0 and betraege[-1] == 0
    miete = np.arange(0, 150_000, 500)
    betraege = _einpersonen(np.full(len(miete), 120_000), miete)
    assert np.all(np.diff(betraege) >= 0)
    assert betraege[-1] == betraege[-2], "above the Höchstbetrag more rent must not raise Wohngeld"


def test_jede_parametergrenze() -> None:
    """On every date a parameter changes, the day before uses the old and the day itself the new value."""
    rng = np.random.default_rng(3)
    haushalte = [zufallshaushalt(rng) for _ in range(300)]
    tage = sorted({t for param in parameter() for t in param.stichtage()})
    assert dt.date(2023, 1, 1) in tage and dt.date(2025, 1, 1) in tage
    for tag in tage:
        for stichtag in (tag - dt.timedelta(days=1), tag):
            if stichtag < dt.date(2023, 1, 1):
                continue
            from dataclasses import replace

            hs = [replace(h, stichtag=stichtag) for h, _ in haushalte]
            ergebnis = berechne_spalten(aus_haushalten(hs, [s for _, s in haushalte]), stichtag)
            for i, h in enumerate(hs[:100]):
                assert ergebnis.betrag[i] == _cent(referenz(h, haushalte[i][1])["betrag"])


def test_vor_wohngeld_plus_wird_abgelehnt() -> None:
    from amtsweg.rules.engine.fehler import ParameterFehler

    rng = np.random.default_rng(4)
    h, s = zufallshaushalt(rng, dt.date(2022, 12, 31))
    with pytest.raises(ParameterFehler):
        berechne_spalten(aus_haushalten([h], [s]), dt.date(2022, 12, 31))


def test_zehnte_stelle_runden_gibt_gleiche_euro_betraege() -> None:
    rng = np.random.default_rng(11)
    paare = [zufallshaushalt(rng, dt.date(2025, 1, 1)) for _ in range(20_000)]
    s = aus_haushalten([h for h, _ in paare], [st for _, st in paare])
    ab = berechne_spalten(s, dt.date(2025, 1, 1))
    ru = berechne_spalten(s, dt.date(2025, 1, 1), zehnte_stelle="runden")
    assert np.array_equal(ab.betrag, ru.betrag)
