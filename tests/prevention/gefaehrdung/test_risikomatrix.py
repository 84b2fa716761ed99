"""Site-specific risk level: severity × likelihood from the stated facts, with the reason shown."""

from __future__ import annotations

import datetime as dt

from amtsweg.prevention.gefaehrdung.beurteilung import beurteile
from amtsweg.prevention.gefaehrdung.eingabe import baustelle_aus_dict
from amtsweg.prevention.gefaehrdung.risikomatrix import stufe

GRUND = {
    "bezeichnung": "Test",
    "beginn": dt.date(2027, 5, 3).isoformat(),
    "arbeitstage": "5",
    "beschaeftigte_gleichzeitig": "2",
}


def _zeile(daten: dict[str, object], taetigkeit: str, gefaehrdung: str):  # type: ignore[no-untyped-def]
    gb = beurteile(baustelle_aus_dict(GRUND | daten), heute=dt.date(2027, 4, 1))
    namen = dict((name, tid) for tid, name in gb.taetigkeiten)
    return next(z for z in gb.zeilen if namen[z.taetigkeit] == taetigkeit and z.gefaehrdung.id == gefaehrdung)


def test_stufen_der_matrix() -> None:
    assert [stufe(p) for p in (1, 2, 3, 4, 6, 9)] == ["gering", "gering", "mittel", "mittel", "hoch", "hoch"]


def test_alleinarbeit_hebt_die_wahrscheinlichkeit() -> None:
    normal = _zeile({"taetigkeiten": ["leitern"]}, "leitern", "absturz_leiter")
    allein = _zeile({"taetigkeiten": ["leitern"], "allein": "ja"}, "leitern", "absturz_leiter")
    assert "Wahrscheinlichkeit 2" in normal.risiko_grund
    assert "Wahrscheinlichkeit 3" in allein.risiko_grund and "Alleinarbeit" in allein.risiko_grund


def test_messwerte_unter_ausloesewert_senken_und_stopp_ist_hoch() -> None:
    leise = _zeile({"taetigkeiten": ["abbruch"], "hand_arm_ms2": "1"}, "abbruch", "hand_arm_vibration")
    assert "Wahrscheinlichkeit 1" in leise.risiko_grund and "unter den Auslösewerten" in leise.risiko_grund
    stopp = _zeile({"taetigkeiten": ["abbruch"], "hand_arm_ms2": "6"}, "abbruch", "hand_arm_vibration")
    assert stopp.risiko == "hoch" and stopp.risiko_grund.startswith("Sofort stoppen")


def test_jugendliche_heben_die_wahrscheinlichkeit() -> None:
    z = _zeile(
        {"taetigkeiten": ["leitern"], "besondere_gruppen": ["jugendliche"]}, "leitern", "absturz_leiter"
    )
    assert "schutzbedürftige" in z.risiko_grund and "Wahrscheinlichkeit 3" in z.risiko_grund
