"""Property tests: array path equals the single-household (trace) path; monotone in income;
the KdU table; the array path reports missing net income."""

from __future__ import annotations

import datetime as dt
from dataclasses import replace
from pathlib import Path

import numpy as np
import pytest

from amtsweg.rules.engine.fehler import Eingabefehler
from amtsweg.rules.grundsicherung import berechne_spalten, lade_kdu_tabelle
from amtsweg.rules.grundsicherung.berechnung import berechne_haushalt, berechne_vorlauf
from amtsweg.rules.grundsicherung.werte import werte_am
from amtsweg.rules.haushalt.eingabe import Einkommen, Haushalt, Person, Wohnung
from amtsweg.rules.haushalt.spalten import aus_haushalten
from tests.rules.grundsicherung.zufall import STICHTAGE, zufallshaushalt

ORDNER = Path(__file__).parent


@pytest.mark.parametrize("stichtag", STICHTAGE)
def test_arrays_gleich_einzelpfad(stichtag: dt.date) -> None:
    rng = np.random.default_rng(stichtag.toordinal())
    haushalte = [zufallshaushalt(rng, stichtag) for _ in range(600)]
    s = aus_haushalten(haushalte, [3] * len(haushalte))
    batch = berechne_spalten(s, stichtag)
    assert (batch.betrag > 0).sum() > 100, "too few positive cases to be meaningful"
    assert batch.vermoegen_zu_hoch.sum() > 5 and (~batch.in_bg).sum() > 20
    start = 0
    for i, h in enumerate(haushalte):
        einzel, trace = berechne_haushalt(h)
        n = len(h.personen)
        teil = slice(start, start + n)
        assert einzel.betrag[0] == batch.betrag[i], f"Haushalt {i}: {h}"
        assert einzel.bedarf_bg[0] == batch.bedarf_bg[i]
        assert einzel.gesamt[0] == batch.gesamt[i]
        assert np.array_equal(einzel.sofortzuschlag, batch.sofortzuschlag[teil])
        assert einzel.einkommen_bg[0] == batch.einkommen_bg[i]
        assert einzel.vermoegen_zu_hoch[0] == batch.vermoegen_zu_hoch[i]
        assert np.array_equal(einzel.anspruch, batch.anspruch[teil])
        assert np.array_equal(einzel.in_bg, batch.in_bg[teil])
        assert trace.schritte
        start += n
    # invariants of the result
    # outside the BG only the Sofortzuschlag of § 72 Abs. 1 Satz 2 Nr. 2 (A-0060)
    assert np.all(batch.anspruch >= 0) and np.all(batch.anspruch[~batch.in_bg] == 0)
    assert np.isin(batch.sofortzuschlag, (0, werte_am(stichtag).sofortzuschlag)).all()
    assert np.array_equal(batch.gesamt, batch.betrag + s.je_haushalt(batch.sofortzuschlag))
    assert (batch.sofortzuschlag[~batch.in_bg] > 0).any(), "Satz 2 Nr. 2 never exercised"
    assert (batch.sofortzuschlag[batch.in_bg] > 0).any()
    assert np.all(batch.betrag <= np.maximum(batch.bedarf_bg - batch.einkommen_bg, 0) + 10)


def _mit_erwerb(h: Haushalt, brutto: int) -> Haushalt:
    a = h.personen[0]
    rest = tuple(e for e in a.einkommen if e.art not in ("erwerbstaetigkeit", "minijob"))
    neu = replace(a, einkommen=(*rest, Einkommen("erwerbstaetigkeit", brutto, brutto * 3 // 4)))
    return replace(h, personen=(neu, *h.personen[1:]))


def test_monoton_nicht_steigend_im_einkommen() -> None:
    rng = np.random.default_rng(5)
    stufen = np.arange(0, 400_000, 2_500)
    geprueft = 0
    for _ in range(60):
        h = zufallshaushalt(rng, dt.date(2025, 3, 1))
        hs = [_mit_erwerb(h, int(b)) for b in stufen]
        betraege = berechne_spalten(aus_haushalten(hs, [3] * len(hs)), h.stichtag).gesamt
        assert np.all(np.diff(betraege) <= 0), h
        geprueft += int(betraege[0] > betraege[-1])
    assert geprueft > 20


def test_zusatzeinkommen_mindert_anspruch() -> None:
    rng = np.random.default_rng(8)
    haushalte = [zufallshaushalt(rng, dt.date(2026, 3, 1)) for _ in range(400)]
    s = aus_haushalten(haushalte, [3] * len(haushalte))
    ohne = berechne_spalten(s, dt.date(2026, 3, 1))
    mit = berechne_spalten(s, dt.date(2026, 3, 1), zusatzeinkommen=np.full(s.alter.shape, 5_000, np.int64))
    # more income can make a child leave the BG (§ 7 Abs. 3 Nr. 4 SGB II) and take her Vermögen with her,
    # which may raise the others' claim; with the same BG composition the claim can only fall
    gleiche_bg = s.je_haushalt((mit.in_bg != ohne.in_bg).astype(np.int64)) == 0
    assert gleiche_bg.sum() > 350
    assert np.all(mit.betrag[gleiche_bg] <= ohne.betrag[gleiche_bg])
    assert (mit.betrag < ohne.betrag).sum() > 50


@pytest.mark.parametrize("stichtag", STICHTAGE)
def test_vorlauf_wiederverwendet(stichtag: dt.date) -> None:
    """Reusing the zusatzeinkommen-independent part gives exactly the same result (one definition)."""
    rng = np.random.default_rng(stichtag.toordinal() + 3)
    haushalte = [zufallshaushalt(rng, stichtag) for _ in range(400)]
    s = aus_haushalten(haushalte, [3] * len(haushalte))
    zusatz = rng.integers(0, 60_000, s.alter.shape[0]).astype(np.int64)
    frisch = berechne_spalten(s, stichtag, zusatzeinkommen=zusatz)
    vorlauf = berechne_vorlauf(s, stichtag)
    wieder = berechne_spalten(s, stichtag, zusatzeinkommen=zusatz, vorlauf=vorlauf)
    for feld in ("in_bg", "bedarf", "einkommen", "anspruch", "sofortzuschlag", "gesamt", "vermoegen_zu_hoch"):
        assert np.array_equal(getattr(frisch, feld), getattr(wieder, feld)), feld
    with pytest.raises(ValueError):
        berechne_spalten(
            s, dt.date(2024, 2, 1) if stichtag.year != 2024 else dt.date(2025, 2, 1), vorlauf=vorlauf
        )


def _single(stichtag: dt.date, brutto: int, netto: int | None) -> Haushalt:
    person = Person("a", "antragsteller", 40, (Einkommen("erwerbstaetigkeit", brutto, netto),))
    return Haushalt(stichtag, Wohnung("miete", 40_000, mietstufe=3), (person,))


def test_netto_fehlt_im_arraypfad_markiert() -> None:
    s = aus_haushalten([_single(dt.date(2025, 1, 1), 100_000, None)], [3])
    assert berechne_spalten(s, dt.date(2025, 1, 1)).netto_fehlt.tolist() == [True]
    s = aus_haushalten([_single(dt.date(2025, 1, 1), 100_000, 80_000)], [3])
    assert berechne_spalten(s, dt.date(2025, 1, 1)).netto_fehlt.tolist() == [False]


def test_kdu_tabelle() -> None:
    tabelle = lade_kdu_tabelle(ORDNER / "kdu_test.yaml")
    assert tabelle.grenze("testkreis", dt.date(2024, 6, 1), 4) == 69_000  # 600 + 90
    assert tabelle.grenze("testkreis", dt.date(2025, 6, 1), 6) == 94_000  # 740 + 2 x 100
    assert tabelle.grenze(None, dt.date(2025, 6, 1), 1) == 45_000  # standard
    with pytest.raises(Eingabefehler):
        tabelle.grenze("nirgendwo", dt.date(2025, 6, 1), 1)
    # the array path uses the table for households without angemessene_kosten
    h = _single(dt.date(2025, 6, 1), 0, 0)
    h = replace(h, wohnung=replace(h.wohnung, kosten_monat=60_000))
    h = replace(h, personen=(replace(h.personen[0], bewilligungsbeginn=dt.date(2023, 1, 1)),))
    s = aus_haushalten([h], [3])
    ohne = berechne_spalten(s, h.stichtag)
    mit = berechne_spalten(s, h.stichtag, kdu_grenzen=tabelle)
    assert ohne.kdu.tolist() == [60_000] and mit.kdu.tolist() == [45_000]
