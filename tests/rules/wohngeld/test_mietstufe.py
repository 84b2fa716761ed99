"""Tests for the Mietenstufe lookup (Anlage zu § 1 Abs. 3 WoGV, § 12 Abs. 4a WoGG)."""

from __future__ import annotations

import csv
from datetime import date

import pytest

from amtsweg.rules.engine.fehler import Eingabefehler
from amtsweg.rules.wohngeld import mietstufe
from amtsweg.rules.wohngeld.mietstufe import (
    LAENDER,
    MIETSTUFEN_LISTEN,
    MietstufenTreffer,
    bestimme_mietstufe,
)

STICHTAG = date(2025, 3, 1)
LAND_CODES = {name: code for code, name in LAENDER.items()}


def _zeilen() -> list[dict[str, str]]:
    with (mietstufe.DATEN / MIETSTUFEN_LISTEN[0].datei).open(encoding="utf-8", newline="") as f:
        return list(csv.DictReader(f))


@pytest.mark.parametrize(
    ("gemeinde", "land", "stufe", "amtlich"),
    [
        # places of the official worked examples
        ("Jüterbog", "BB", 1, "Jüterbog, Stadt"),
        ("Ludwigshafen am Rhein", "RP", 4, "Ludwigshafen am Rhein, Stadt"),
        ("Leipzig", "SN", 2, "Leipzig, Stadt"),
        ("Wiesbaden", "HE", 6, "Wiesbaden, Landeshaupstadt"),
        ("Weimar", "TH", 3, "Weimar, Stadt"),
        # big cities, spellings as people write them
        ("Lübeck", "SH", 4, "Lübeck, Stadt"),
        ("Hansestadt Lübeck", "SH", 4, "Lübeck, Stadt"),
        ("Berlin", "BE", 4, "Berlin, Stadt"),
        ("Hamburg", "HH", 6, "Hamburg, Freie und Hansestadt"),
        ("München", "BY", 7, "München"),
        ("muenchen", "BY", 7, "München"),
        ("Köln", "NW", 6, "Köln, Stadt"),
        ("Koeln", "NW", 6, "Köln, Stadt"),
        ("Frankfurt am Main", "HE", 6, "Frankfurt am Main, Stadt"),
        ("Frankfurt a. M.", "HE", 6, "Frankfurt am Main, Stadt"),
        ("Frankfurt (Oder)", "BB", 2, "Frankfurt (Oder), Stadt"),
        ("Halle (Saale)", "ST", 3, "Halle (Saale), Stadt"),
        ("Halle/Saale", "ST", 3, "Halle (Saale), Stadt"),
        ("Halle", "ST", 3, "Halle (Saale), Stadt"),
        ("Giessen", "HE", 5, "Giessen, Universitätsstadt"),
        ("Gießen", "HE", 5, "Giessen, Universitätsstadt"),
        ("St. Ingbert", "SL", 2, "Sankt Ingbert, Stadt"),
        ("Sankt Georgen im Schwarzwald", "BW", 2, "St. Georgen i. Schwarzwald, Stadt"),
        ("Zeulenroda-Triebes", "TH", 1, "Zeulenroda Triebes, Stadt"),
        ("Lutherstadt Wittenberg", "ST", 3, "Wittenberg, Lutherstadt"),
        ("Markt Schwaben", "BY", 7, "Markt Schwaben, Markt"),
        ("Bad Homburg vor der Höhe", "HE", 7, "Bad Homburg v.d. Höhe, Stadt"),
        ("Neustadt", "HE", 1, "Neustadt"),
        ("Weingarten (Baden)", "BW", 3, "Weingarten, Baden"),
        ("Weingarten", "BW", 5, "Weingarten, Stadt"),
        ("Leipzig (Stadt)", "SN", 2, "Leipzig, Stadt"),
        # typos
        ("Leipzg", "SN", 2, "Leipzig, Stadt"),
        ("Koln", "NW", 6, "Köln, Stadt"),
    ],
)
def test_gemeinde_wird_gefunden(gemeinde: str, land: str, stufe: int, amtlich: str) -> None:
    treffer = bestimme_mietstufe(STICHTAG, gemeinde, land)
    assert treffer == MietstufenTreffer(stufe, amtlich, LAENDER[land], "Gemeinde")


@pytest.mark.parametrize(
    ("gemeinde", "land", "kreis", "amtlich"),
    [
        ("muenchen", "BY", "München", "München"),
        ("MUENCHEN", "BY", "München", "München"),
        ("Koeln", "NW", "Rhein-Erft-Kreis", "Köln, Stadt"),
        ("Luebeck", "SH", "Ostholstein", "Lübeck, Stadt"),
        ("Munchen", "BY", "München", "München"),
        ("St. Ingbert", "SL", "Saar-Pfalz-Kreis", "Sankt Ingbert, Stadt"),
        ("St Wendel", "SL", "Sankt Wendel", "Sankt Wendel, Stadt"),
        ("Landsberg am Lech", "BY", "Landsberg a. Lech", "Landsberg a. Lech, Stadt"),
        ("Schwäbisch Gmünd", "BW", "Ostalbkreis", "Schwäbisch Gmünd, Stadt"),
        ("Ludwigshafen a. Rh.", "RP", "Rhein-Pfalz-Kreis", "Ludwigshafen am Rhein, Stadt"),
    ],
)
def test_schreibweisen_gelten_als_exakt(gemeinde: str, land: str, kreis: str, amtlich: str) -> None:
    # With a Kreis given, guesses are refused; so these spellings must match exactly after normalising.
    assert bestimme_mietstufe(STICHTAG, gemeinde, land, kreis=kreis).name == amtlich


def test_listed_gemeinde_wins_over_kreis() -> None:
    # Leipzig is listed as Gemeinde (II) and as Kreis (I); the Gemeinde row applies.
    assert bestimme_mietstufe(STICHTAG, "Leipzig", "SN", kreis="Landkreis Leipzig").mietstufe == 2


@pytest.mark.parametrize(
    ("gemeinde", "land"),
    [
        ("Borkum", "NI"),
        ("Norderney", "NI"),
        ("Wangerooge", "NI"),
        ("Wyk auf Föhr", "SH"),
        ("Wyk", "SH"),
        ("Hooge", "SH"),
        ("Langeness", "SH"),
        ("Insel Hiddensee", "MV"),
        ("Hiddensee", "MV"),
    ],
)
def test_insel_gemeinden(gemeinde: str, land: str) -> None:
    treffer = bestimme_mietstufe(STICHTAG, gemeinde, land, kreis="Aurich")
    assert treffer == MietstufenTreffer(
        5, "Inseln ohne Festlandanschluss", LAENDER[land], "Gemeinsame Mietenstufe"
    )


def test_alle_28_inseln_des_paragraph_12_abs_4a() -> None:
    assert len(mietstufe._INSELN) == 28
    for code, name, _ in mietstufe._INSELN:
        assert bestimme_mietstufe(STICHTAG, name, code).tabelle == "Gemeinsame Mietenstufe", name


def test_insel_nur_im_eigenen_land() -> None:
    with pytest.raises(Eingabefehler):
        bestimme_mietstufe(STICHTAG, "Borkum", "BY")


@pytest.mark.parametrize(
    ("land", "kreis", "stufe", "amtlich"),
    [
        ("SN", "Landkreis Leipzig", 1, "Leipzig"),
        ("SH", "Kreis Pinneberg", 4, "Pinneberg"),
        ("RP", "Rhein-Pfalz-Kreis", 3, "Rhein-Pfalz-Kreis"),
        ("BW", "Landkreis Schwäbisch Hall", 1, "Schwäbisch-Hall"),
        ("BW", "Bodensee-Kreis", 4, "Bodenseekreis"),
        ("NI", "Heidekreis", 1, "Soltau-Fallingbostel (Heidekreis)"),
        ("MV", "Landkreis Rostock", 2, "Landkreis Rostock"),
        ("BY", "Lkr. München", 7, "München"),
    ],
)
def test_nicht_gelistete_gemeinde_ueber_kreis(land: str, kreis: str, stufe: int, amtlich: str) -> None:
    treffer = bestimme_mietstufe(STICHTAG, "Kleinkleckersdorf", land, kreis=kreis)
    assert treffer == MietstufenTreffer(stufe, amtlich, LAENDER[land], "Kreis")


def test_nur_kreis_ohne_gemeinde() -> None:
    assert bestimme_mietstufe(STICHTAG, None, "SN", kreis="Leipzig") == MietstufenTreffer(
        1, "Leipzig", "Sachsen", "Kreis"
    )
    assert bestimme_mietstufe(STICHTAG, "  ", "SN", kreis="Leipzig").tabelle == "Kreis"


def test_nicht_gelistet_ohne_kreis() -> None:
    with pytest.raises(Eingabefehler) as info:
        bestimme_mietstufe(STICHTAG, "Kleinkleckersdorf", "SN")
    assert info.value.feld == "wohnung.kreis"
    assert "nicht in der" in info.value.meldung and "bitte Kreis angeben" in info.value.meldung


def test_weder_gemeinde_noch_kreis() -> None:
    with pytest.raises(Eingabefehler) as info:
        bestimme_mietstufe(STICHTAG, None, "SN")
    assert info.value.feld == "wohnung.gemeinde"


def test_mehrdeutig_listet_kandidaten() -> None:
    with pytest.raises(Eingabefehler) as info:
        bestimme_mietstufe(STICHTAG, "Neustadt", "BY")
    assert info.value.feld == "wohnung.gemeinde"
    for kandidat in (
        "Neustadt an der Aisch, Stadt",
        "Neustadt an der Donau, Stadt",
        "Neustadt bei Coburg, Stadt",
    ):
        assert kandidat in info.value.meldung
    # the qualified name resolves the ambiguity
    assert bestimme_mietstufe(STICHTAG, "Neustadt a. d. Donau", "BY").name == "Neustadt an der Donau, Stadt"


def test_mehrdeutig_auch_mit_kreis() -> None:
    with pytest.raises(Eingabefehler) as info:
        bestimme_mietstufe(STICHTAG, "Oelsnitz", "SN", kreis="Vogtlandkreis")
    assert (
        "Oelsnitz/Vogtland, Stadt" in info.value.meldung and "Oelsnitz/Erzgeb., Stadt" in info.value.meldung
    )


def test_geratener_name_mit_kreis_wird_nachgefragt() -> None:
    # "Kirchheim" may be the listed "Kirchheim bei München" or an unlisted Kirchheim in the given Kreis.
    assert bestimme_mietstufe(STICHTAG, "Kirchheim", "BY").name == "Kirchheim bei München"
    with pytest.raises(Eingabefehler) as info:
        bestimme_mietstufe(STICHTAG, "Kirchheim", "BY", kreis="Würzburg")
    assert info.value.feld == "wohnung.gemeinde"
    assert "Kirchheim bei München" in info.value.meldung
    assert bestimme_mietstufe(STICHTAG, None, "BY", kreis="Würzburg").name == "Würzburg"


def test_unbekannte_gemeinde_mit_vorschlaegen() -> None:
    with pytest.raises(Eingabefehler) as info:
        bestimme_mietstufe(STICHTAG, "Leipzick", "SN")
    assert info.value.feld == "wohnung.gemeinde"
    assert "„Leipzig, Stadt“" in info.value.meldung
    assert info.value.meldung.count("„") <= 4  # the input itself and at most 3 suggestions


def test_unbekannter_kreis() -> None:
    with pytest.raises(Eingabefehler) as info:
        bestimme_mietstufe(STICHTAG, "Kleinkleckersdorf", "SN", kreis="Atlantis")
    assert info.value.feld == "wohnung.kreis"


def test_unbekanntes_land() -> None:
    with pytest.raises(Eingabefehler) as info:
        bestimme_mietstufe(STICHTAG, "Leipzig", "Sachsen")
    assert info.value.feld == "wohnung.land"
    for code in LAENDER:
        assert code in info.value.meldung


def test_land_code_gross_klein_egal() -> None:
    assert bestimme_mietstufe(STICHTAG, "Leipzig", "sn").mietstufe == 2


def test_stichtag_vor_2023() -> None:
    with pytest.raises(Eingabefehler) as info:
        bestimme_mietstufe(date(2022, 12, 31), "Leipzig", "SN")
    assert info.value.feld == "stichtag"
    assert bestimme_mietstufe(date(2023, 1, 1), "Leipzig", "SN").mietstufe == 2


def test_listen_tabelle() -> None:
    assert [liste.gueltig_ab for liste in MIETSTUFEN_LISTEN] == [date(2023, 1, 1)]
    assert (mietstufe.DATEN / MIETSTUFEN_LISTEN[0].datei).is_file()


def test_csv_zaehlung() -> None:
    zeilen = _zeilen()
    assert len(zeilen) == 1881
    assert sum(z["tabelle"] == "Gemeinde" for z in zeilen) == 1601
    assert sum(z["tabelle"] == "Kreis" for z in zeilen) == 279


def test_jede_zeile_wird_ueber_ihren_amtlichen_namen_gefunden() -> None:
    geprueft = 0
    for zeile in _zeilen():
        stufe = int(zeile["mietenstufe"])
        if zeile["tabelle"] == "Gemeinsame Mietenstufe":
            continue
        code = LAND_CODES[zeile["land"]]
        if zeile["tabelle"] == "Gemeinde":
            treffer = bestimme_mietstufe(STICHTAG, zeile["name"], code)
        else:
            treffer = bestimme_mietstufe(STICHTAG, None, code, kreis=zeile["name"])
        assert treffer == MietstufenTreffer(stufe, zeile["name"], zeile["land"], zeile["tabelle"]), zeile
        geprueft += 1
    assert geprueft == 1880
