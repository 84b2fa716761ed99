"""The columnar household form: sub-selections equal building the subset directly."""

from __future__ import annotations

import datetime as dt

import numpy as np

from amtsweg.rules.haushalt.spalten import aus_haushalten
from amtsweg.rules.wohngeld.berechnung import berechne_spalten
from tests.rules.wohngeld.zufall import zufallshaushalt

TAG = dt.date(2025, 1, 1)


def test_auswahl_und_bereich_gleich_direktem_aufbau() -> None:
    rng = np.random.default_rng(21)
    paare = [zufallshaushalt(rng, TAG) for _ in range(600)]
    ganz = aus_haushalten([h for h, _ in paare], [s for _, s in paare])
    assert ganz.unterhalt_betrag.shape[0] > 10, "need maintenance payments to test their re-indexing"
    auswahl = np.flatnonzero(rng.random(len(paare)) < 0.4)
    direkt = aus_haushalten([paare[i][0] for i in auswahl], [paare[i][1] for i in auswahl])
    for teil, referenz in ((ganz.auswahl(auswahl), direkt), (ganz.bereich(100, 350), None)):
        if referenz is None:
            referenz = aus_haushalten([h for h, _ in paare[100:350]], [s for _, s in paare[100:350]])
        a, b = berechne_spalten(teil, TAG), berechne_spalten(referenz, TAG)
        assert np.array_equal(a.betrag, b.betrag)
        assert np.array_equal(a.gesamteinkommen, b.gesamteinkommen)
        assert np.array_equal(teil.unterhalt_person, referenz.unterhalt_person)
        assert np.array_equal(teil.start, referenz.start)
