"""Schema of the shipped knowledge base, and that the validator catches broken entries."""

from __future__ import annotations

import copy

from amtsweg.prevention.gefaehrdung import wissensbasis as wbm
from amtsweg.prevention.gefaehrdung.wissensbasis import STOP, lade_wissensbasis, pruefe_wissensbasis

PFLICHT = {
    "geruestbau",
    "dacharbeiten",
    "baugruben_graeben",
    "abbruch",
    "asbestsanierung",
    "schweissen",
    "baumaschinen",
    "elektroarbeiten",
    "leitern",
    "hitze_uv",
}


def test_geliefert_gueltig_und_vollstaendig() -> None:
    assert pruefe_wissensbasis(*wbm._rohdaten()) == []
    wb = lade_wissensbasis()
    assert set(wb.taetigkeiten) >= PFLICHT
    assert len(wb.faktoren) == 11
    for t in wb.taetigkeiten.values():
        assert t.gefaehrdungen, t.id
        assert t.quelle and t.fundstelle
        for g in t.gefaehrdungen:
            assert g.quelle and g.fundstelle
            assert g.faktor in wb.faktoren[g.gruppe].unter
            stufen = [STOP.index(m.stop) for m in g.massnahmen]
            assert stufen == sorted(stufen), (t.id, g.id)
            for m in g.massnahmen:
                assert m.norm.id in wb.normen and m.fundstelle
                if m.stop == "P":
                    assert m.begruendung


def test_normenkatalog_markiert_herkunft() -> None:
    wb = lade_wissensbasis()
    assert wb.normen["baustellv"].status == "mitgeliefert"
    assert wb.normen["trgs_519"].status == "brief"
    assert all(n.status in ("mitgeliefert", "brief", "unbestaetigt") for n in wb.normen.values())


def test_validator_findet_fehler() -> None:
    faktoren, normen, taetigkeiten = wbm._rohdaten()
    kaputt = copy.deepcopy(taetigkeiten)
    erste = kaputt[0]["gefaehrdungen"][0]
    erste["massnahmen"][0]["norm"] = "gibt_es_nicht"
    erste["massnahmen"].reverse()
    kaputt[1]["gefaehrdungen"] = []
    fehler = pruefe_wissensbasis(faktoren, normen, kaputt)
    text = " ".join(fehler)
    assert "fehlt im Katalog" in text
    assert "keine Gefährdung" in text
    assert len(fehler) >= 3
