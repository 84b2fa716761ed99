"""Threshold rules at their boundaries."""

from __future__ import annotations

import datetime as dt

import pytest

from amtsweg.prevention.gefaehrdung import expositionen, schwellen
from amtsweg.prevention.gefaehrdung.baustellv import baustellv, vorankuendigung_noetig


def _stufe(befunde: list[schwellen.Befund], titel: str) -> str:
    return next(b.stufe for b in befunde if b.titel == titel)


@pytest.mark.parametrize(
    ("hoehe", "art", "erwartet"),
    [
        (2.0, "sonstige", "hinweis"),
        (2.01, "sonstige", "pflicht"),
        (1.0, "wandoeffnung_treppe", "ok"),
        (1.01, "wandoeffnung_treppe", "pflicht"),
        (0.3, "wasser", "pflicht"),
    ],
)
def test_absturz(hoehe: float, art: schwellen.AbsturzArt, erwartet: str) -> None:
    assert _stufe(schwellen.absturz(hoehe, art), "Absturzsicherung") == erwartet


def test_absturz_dach_ausnahme_bis_3_m() -> None:
    assert _stufe(schwellen.absturz(3.0, "sonstige", True, True), "Absturzsicherung") == "hinweis"
    assert _stufe(schwellen.absturz(3.01, "sonstige", True, True), "Absturzsicherung") == "pflicht"
    assert _stufe(schwellen.absturz(3.0, "sonstige", True, False), "Absturzsicherung") == "pflicht"


def test_absturz_anhang_ii_ueber_7_m() -> None:
    assert not any(b.anhang2 for b in schwellen.absturz(7.0))
    assert any(b.anhang2 == ("1",) for b in schwellen.absturz(7.01))


def test_graben_grenzen() -> None:
    assert _stufe(schwellen.graben(1.25), "Grabensicherung") == "hinweis"
    assert not any(b.titel == "Schutzstreifen" for b in schwellen.graben(1.25))
    # the 1,75-m rule (partial slope above 1,25 m) holds for stiff cohesive soil only
    assert _stufe(schwellen.graben(1.26, "steif_bindig"), "Grabensicherung") == "pflicht"
    assert _stufe(schwellen.graben(1.75, "steif_bindig"), "Grabensicherung") == "pflicht"
    assert _stufe(schwellen.graben(1.76, "steif_bindig"), "Grabensicherung") == "unzulaessig"
    assert any(b.titel == "Schutzstreifen" for b in schwellen.graben(1.26))


def test_graben_sand_ohne_steif_bindig_regel() -> None:
    """Sand: above 1,25 m without slope or shoring the trench must not be entered (no 1,75-m rule)."""
    assert _stufe(schwellen.graben(1.25, "nichtbindig"), "Grabensicherung") == "hinweis"
    sand = schwellen.graben(1.26, "nichtbindig")
    assert _stufe(sand, "Grabensicherung") == "unzulaessig"
    assert "nur für steifen bindigen Boden" in next(b.text for b in sand if b.titel == "Grabensicherung")
    flach = next(b for b in schwellen.graben(1.0, "nichtbindig") if b.titel == "Grabensicherung")
    assert "1:10" in flach.text and "1:2" not in flach.text
    steif = next(b for b in schwellen.graben(1.0, "steif_bindig") if b.titel == "Grabensicherung")
    assert "1:2" in steif.text and "1:10" not in steif.text
    assert _stufe(schwellen.graben(1.5, "nichtbindig", verbau=True), "Grabensicherung") == "pflicht"
    assert _stufe(schwellen.graben(1.5, "nichtbindig", 45), "Grabensicherung") == "pflicht"
    assert _stufe(schwellen.graben(1.5, "nichtbindig", 45.1), "Grabensicherung") == "unzulaessig"


@pytest.mark.parametrize(
    ("boden", "grenze"), [("nichtbindig", 45), ("weich_bindig", 45), ("steif_bindig", 60), ("fels", 80)]
)
def test_boeschungswinkel(boden: schwellen.Boden, grenze: float) -> None:
    assert _stufe(schwellen.graben(3.0, boden, grenze), "Grabensicherung") == "pflicht"
    assert _stufe(schwellen.graben(3.0, boden, grenze + 0.1), "Grabensicherung") == "unzulaessig"


def test_graben_tiefer_5_m() -> None:
    assert not any(b.anhang2 for b in schwellen.graben(5.0, "steif_bindig", 60))
    tief = schwellen.graben(5.01, "steif_bindig", 60)
    assert any(b.anhang2 == ("1",) for b in tief)
    assert any("Standsicherheitsnachweis" in b.text for b in tief)


def test_leiter() -> None:
    assert schwellen.leiter("arbeitsplatz", 2.0)[0].stufe == "hinweis"
    assert schwellen.leiter("arbeitsplatz", 2.01, 2.0)[0].stufe == "pflicht"
    assert schwellen.leiter("arbeitsplatz", 2.01, 2.01)[0].stufe == "unzulaessig"
    assert schwellen.leiter("arbeitsplatz", 5.0, 1.0)[0].stufe == "pflicht"
    assert schwellen.leiter("arbeitsplatz", 5.01, 0.5)[0].stufe == "unzulaessig"
    assert schwellen.leiter("zugang", 5.0)[0].stufe == "hinweis"
    assert schwellen.leiter("zugang", 5.01)[0].stufe == "unzulaessig"
    assert schwellen.leiter("zugang", 6.0, selten=True)[0].stufe == "hinweis"


def test_vorankuendigung_grenzen() -> None:
    assert not vorankuendigung_noetig(30, 21, 0)
    assert not vorankuendigung_noetig(31, 20, 0)
    assert vorankuendigung_noetig(31, 21, 0)
    assert not vorankuendigung_noetig(10, 5, 500)
    assert vorankuendigung_noetig(10, 5, 501)


def test_sige_plan_und_frist() -> None:
    beginn = dt.date(2027, 5, 3)
    befunde = baustellv(31, 21, None, mehrere_arbeitgeber=True, beginn=beginn)
    vorank = next(b for b in befunde if b.titel == "Vorankündigung")
    assert vorank.stufe == "pflicht" and vorank.frist == dt.date(2027, 4, 19)
    assert _stufe(befunde, "SiGe-Plan") == "pflicht"
    klein = baustellv(5, 3, mehrere_arbeitgeber=True)
    assert _stufe(klein, "SiGe-Plan") == "ok" and _stufe(klein, "Koordinator (SiGeKo)") == "pflicht"
    assert _stufe(baustellv(5, 3, mehrere_arbeitgeber=True, anhang2=("4",)), "SiGe-Plan") == "pflicht"
    allein = baustellv(5, 3, anhang2=("1",))
    assert _stufe(allein, "Unterrichtung des Arbeitgebers") == "pflicht"
    assert not any(b.titel == "SiGe-Plan" for b in allein)


def test_asbest_klassen() -> None:
    assert expositionen.asbest(9_999)[-1].titel.endswith("geringe Exposition")
    assert expositionen.asbest(10_000, 2, 4)[-1].titel.endswith("geringen Umfangs")
    assert expositionen.asbest(99_999, 2, 4)[-1].titel.endswith("geringen Umfangs")
    assert expositionen.asbest(99_999, 3, 4)[-1].titel.endswith("hohe Exposition")
    assert expositionen.asbest(99_999, 2, 4.5)[-1].titel.endswith("hohe Exposition")
    assert expositionen.asbest(100_000, 1, 1)[-1].titel.endswith("hohe Exposition")


def test_asbest_immer_anzeige_und_ohne_personenstunden_nicht_gering() -> None:
    for fasern in (0, 9_999, 50_000, 500_000):
        befunde = expositionen.asbest(fasern, 1, 1)
        assert befunde[0].titel == "Asbest: Anzeige an die Behörde" and befunde[0].stufe == "pflicht"
    ohne = expositionen.asbest(50_000, 1, None)
    assert ohne[-1].titel.endswith("hohe Exposition")
    assert "ohne Angabe der Personenstunden" in ohne[-1].text


def test_laerm_und_vibration() -> None:
    assert expositionen.laerm(79.9)[0].stufe == "ok"
    assert "unterer" in expositionen.laerm(80.0)[0].text
    assert "oberer" in expositionen.laerm(85.0)[0].text
    assert "unterer" in expositionen.laerm(None, 135.0)[0].text
    assert "oberer" in expositionen.laerm(None, 137.0)[0].text
    assert expositionen.vibration(2.49)[0].stufe == "ok"
    assert expositionen.vibration(2.5)[0].stufe == "pflicht"
    assert expositionen.vibration(5.0)[0].stufe == "pflicht"
    assert expositionen.vibration(5.01)[0].stufe == "unzulaessig"
    assert expositionen.vibration(None, 1.15)[0].stufe == "pflicht"
    assert expositionen.vibration(None, 1.16)[0].stufe == "unzulaessig"
    assert expositionen.vibration(None, None, 0.8)[0].stufe == "pflicht"
    assert expositionen.vibration(None, None, 0.81)[0].stufe == "unzulaessig"
    assert expositionen.vibration(None, 0.49)[0].stufe == "ok"


def test_uv_amr() -> None:
    assert expositionen.uv(1.0, 50)[0].stufe == "pflicht"
    assert expositionen.uv(1.0, 49)[0].stufe == "hinweis"
    assert expositionen.uv(0.9, 100)[0].stufe == "hinweis"
    assert expositionen.uv(1.5, 60, im_schatten=True)[0].stufe == "hinweis"
    assert expositionen.uv(2.0, 60, im_schatten=True)[0].stufe == "pflicht"
