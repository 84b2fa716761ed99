"""Properties: monotone in parental income above the Bedarf, batch == single, JSON wrapper, rounding."""

from __future__ import annotations

from typing import Any

import numpy as np
from hypothesis import given, settings
from hypothesis import strategies as st

from amtsweg.rules.haushalt.eingabe import lies_haushalt
from amtsweg.rules.haushalt.spalten import aus_haushalten
from amtsweg.rules.kinderzuschlag import berechne_kinderzuschlag, berechne_spalten
from amtsweg.rules.kinderzuschlag.berechnung import runde_euro


def haushalt(brutto: int, netto: int, kinder: list[int], paar: bool, miete: int, sonstiges: int = 0) -> Any:
    einkommen: list[dict[str, Any]] = [
        {"art": "erwerbstaetigkeit", "brutto_monat": brutto / 100, "netto_monat": netto / 100}
    ]
    if sonstiges:
        einkommen.append({"art": "arbeitslosengeld", "brutto_monat": sonstiges / 100})
    personen: list[dict[str, Any]] = [
        {"id": "a", "rolle": "antragsteller", "alter": 35, "einkommen": einkommen}
    ]
    if paar:
        personen.append({"id": "b", "rolle": "partner", "alter": 33})
    personen += [
        {"id": f"k{i}", "rolle": "kind", "alter": a, "kindergeld": True} for i, a in enumerate(kinder)
    ]
    return lies_haushalt({
        "stichtag": "2025-09-01",
        "wohnung": {"art": "miete", "kosten_monat": miete / 100, "heizkosten_monat": "80.00", "mietstufe": 3},
        "personen": personen,
    })  # fmt: skip


@settings(max_examples=40, deadline=None)
@given(
    kinder=st.lists(st.integers(0, 24), min_size=1, max_size=4),
    paar=st.booleans(),
    miete=st.integers(30_000, 120_000),
    sonstiges=st.sampled_from([0, 30_000, 150_000]),
)
def test_nicht_steigend_im_elterneinkommen(kinder: list[int], paar: bool, miete: int, sonstiges: int) -> None:
    stufen = range(100_000, 600_001, 10_000)
    hh = [haushalt(b, b * 3 // 4, kinder, paar, miete, sonstiges) for b in stufen]
    s = aus_haushalten(hh, [3] * len(hh))
    wohngeld = np.full(len(hh), 100_000, dtype=np.int64)  # generous: Abs. 1 Nr. 3 holds from low incomes on
    e = berechne_spalten(s, hh[0].stichtag, wohngeld=wohngeld)
    berechtigt = e.mindesteinkommen_erreicht & (e.hilfebeduerftigkeit_vermieden | e.regel_100_euro)
    betraege = e.betrag[berechtigt]
    assert np.all(np.diff(betraege) <= 0), betraege
    # above the parents' Bedarf the amount really falls, down to 0 for the highest incomes
    assert e.betrag[-1] <= e.betrag[berechtigt][0]


def test_stapel_gleich_einzeln() -> None:
    hh = [
        haushalt(200_000, 150_000, [4, 8], True, 70_000),
        haushalt(160_000, 120_000, [8], False, 50_000),
        haushalt(300_000, 210_000, [1, 3, 16], True, 90_000, 40_000),
        haushalt(89_999, 89_999, [10], True, 25_000),
    ]
    wohngeld = np.array([35_000, 25_000, 0, 60_000], dtype=np.int64)
    stapel = berechne_spalten(aus_haushalten(hh, [3] * 4), hh[0].stichtag, wohngeld=wohngeld)
    assert stapel.betrag.sum() > 0
    for i, h in enumerate(hh):
        einzeln = berechne_spalten(aus_haushalten([h], [3]), h.stichtag, wohngeld=wohngeld[i : i + 1])
        assert einzeln.betrag[0] == stapel.betrag[i]
        assert einzeln.gesamtbedarf_eltern[0] == stapel.gesamtbedarf_eltern[i]
        von = int(aus_haushalten(hh, [3] * 4).start[i])
        assert np.array_equal(einzeln.je_kind, stapel.je_kind[von : von + len(h.personen)])


def test_rundung_paragraph_11() -> None:
    assert runde_euro(np.array([19_349, 19_350, 0, 29_700], dtype=np.int64)).tolist() == [
        19_300,
        19_400,
        0,
        29_700,
    ]


def test_json_mit_voraussichtlichem_wohngeld() -> None:
    from dataclasses import replace

    from amtsweg.rules.wohngeld import berechne_spalten as wohngeld

    daten = {
        "stichtag": "2025-09-01",
        "wohnung": {"art": "miete", "kosten_monat": "700.00", "heizkosten_monat": "100.00", "mietstufe": 3},
        "personen": [
            {"id": "a", "rolle": "antragsteller", "alter": 38, "bezieht": ["buergergeld"],
             "einkommen": [{"art": "erwerbstaetigkeit", "brutto_monat": "2000.00",
                            "netto_monat": "1500.00"}]},
            {"id": "b", "rolle": "partner", "alter": 36},
            {"id": "k1", "rolle": "kind", "alter": 4, "kindergeld": True},
            {"id": "k2", "rolle": "kind", "alter": 8, "kindergeld": True},
        ],
    }  # fmt: skip
    aus = berechne_kinderzuschlag(daten)["kinderzuschlag"]
    h = lies_haushalt(daten)
    s = aus_haushalten([h], [3])
    erwartet = wohngeld(replace(s, ausgeschlossen=np.zeros(4, dtype=np.bool_)), h.stichtag).betrag[0]
    assert erwartet > 0
    assert aus["wohngeld_angesetzt_monat"] == f"{erwartet // 100}.{erwartet % 100:02d}"
    assert aus["bewilligungszeitraum_monate"] == 6
    assert aus["bewilligungszeitraum"] == {"beginn": "2025-09-01", "ende": "2026-02-28"}
    assert [k["id"] for k in aus["kinder"]] == ["k1", "k2"]
    assert any(b["norm"] == "§ 6a Abs. 5 BKGG" for b in aus["begruendung"])


def test_json_netto_fehlt() -> None:
    import pytest

    from amtsweg.rules.engine.fehler import Eingabefehler

    daten = {
        "stichtag": "2025-09-01",
        "wohnung": {"art": "miete", "kosten_monat": "700.00", "mietstufe": 3},
        "personen": [
            {"id": "a", "rolle": "antragsteller", "alter": 38,
             "einkommen": [{"art": "erwerbstaetigkeit", "brutto_monat": "2000.00"}]},
            {"id": "k1", "rolle": "kind", "alter": 4, "kindergeld": True},
        ],
    }  # fmt: skip
    with pytest.raises(Eingabefehler) as fehler:
        berechne_kinderzuschlag(daten)
    assert fehler.value.feld == "personen[0].einkommen[0].netto_monat"
