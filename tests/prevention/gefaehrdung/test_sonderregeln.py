"""Rules of the added work types, with a boundary test on both sides of every "unzulässig" threshold."""

from __future__ import annotations

import pytest

from amtsweg.prevention.gefaehrdung import sonderregeln
from amtsweg.prevention.gefaehrdung.schwellen import Befund


def _stufe(befunde: list[Befund]) -> str:
    return next(b.stufe for b in befunde if b.titel.startswith("Freileitung"))


@pytest.mark.parametrize(
    ("kv", "grenze"),
    [(0.4, 1.0), (1.0, 1.0), (1.01, 3.0), (20.0, 3.0), (110.0, 3.0), (110.1, 4.0), (220.0, 4.0),
     (220.1, 5.0), (380.0, 5.0), (None, 5.0), (400.0, 5.0)],
)  # fmt: skip
def test_freileitung_schutzabstand_beide_seiten(kv: float | None, grenze: float) -> None:
    assert sonderregeln.schutzabstand_m(kv) == grenze
    assert _stufe(sonderregeln.freileitung(grenze - 0.01, kv)) == "unzulaessig"
    assert _stufe(sonderregeln.freileitung(grenze, kv)) == "pflicht"
    stopp = next(b for b in sonderregeln.freileitung(grenze - 0.01, kv) if b.stufe == "unzulaessig")
    assert stopp.text.startswith("Sofort stoppen") and f"{grenze:g} m" in stopp.text


def test_freileitung_400_v_ist_keine_hochspannung() -> None:
    haus = sonderregeln.freileitung(2.0, 0.4)
    assert not any(b.anhang2 for b in haus)
    assert _stufe(haus) == "pflicht"
    mittel = sonderregeln.freileitung(4.99, 20.0)
    assert any(b.anhang2 == ("4",) for b in mittel)
    assert not any(b.anhang2 for b in sonderregeln.freileitung(5.0, 20.0))
    unbekannt = sonderregeln.freileitung(4.0, None)
    assert _stufe(unbekannt) == "unzulaessig" and any(b.anhang2 == ("4",) for b in unbekannt)


def test_freileitung_freigeschaltet_ist_kein_stopp() -> None:
    assert _stufe(sonderregeln.freileitung(0.5, 20.0, freigeschaltet=True)) == "pflicht"


def test_enge_raeume_allein_beide_seiten() -> None:
    assert sonderregeln.enge_raeume(allein=True)[0].stufe == "unzulaessig"
    assert sonderregeln.enge_raeume(allein=True, sicherungsposten=True)[0].stufe == "pflicht"
    assert sonderregeln.enge_raeume(allein=False)[0].stufe == "pflicht"
    assert sonderregeln.enge_raeume(True)[0].norm == "ArbStättV Anhang Nr. 5.2 Abs. 5 Buchst. c"


def test_maschinenfuehrer_und_verbrennungsmotor_und_verkehr() -> None:
    assert sonderregeln.maschinenfuehrer(False)[0].stufe == "unzulaessig"
    assert sonderregeln.maschinenfuehrer(True)[0].stufe == "ok"
    assert sonderregeln.verbrennungsmotor_innen(lueftung_technisch=False)[0].stufe == "unzulaessig"
    assert sonderregeln.verbrennungsmotor_innen(lueftung_technisch=True)[0].stufe == "pflicht"
    assert sonderregeln.verkehrsraum(anordnung=False)[0].stufe == "unzulaessig"
    assert sonderregeln.verkehrsraum(anordnung=True)[0].stufe == "pflicht"


def test_gebaeudeschadstoffe_nach_baujahr() -> None:
    assert any(b.titel == "Asbestverdacht nach Baujahr" for b in sonderregeln.gebaeudeschadstoffe(1993))
    assert not any(b.titel == "Asbestverdacht nach Baujahr" for b in sonderregeln.gebaeudeschadstoffe(1994))
    assert any("PCB" in b.titel for b in sonderregeln.gebaeudeschadstoffe(1965))
    assert sonderregeln.gebaeudeschadstoffe(2005) == []


def test_alleinarbeit_gefaehrlich() -> None:
    assert sonderregeln.alleinarbeit(True)[0].stufe == "pflicht"
    assert sonderregeln.alleinarbeit(False)[0].stufe == "hinweis"
