"""The Gefährdungsbeurteilung: seven steps, STOP order, deadlines, risk raised by thresholds; PDF content."""

from __future__ import annotations

import datetime as dt
import io
import re

import pikepdf
import pypdf
import pytest

from amtsweg.prevention.gefaehrdung import baustelle_aus_dict, beurteile, erstelle_besuchsbogen
from amtsweg.prevention.gefaehrdung.pdf import besuchsbogen_pdf, gb_pdf
from amtsweg.rules.engine.fehler import Eingabefehler
from tests.prevention.gefaehrdung.conftest import BEISPIEL


def test_sieben_schritte_und_inhalt() -> None:
    gb = beurteile(baustelle_aus_dict(BEISPIEL), heute=dt.date(2027, 4, 1))
    d = gb.als_dict()
    assert [s["nummer"] for s in d["schritte"]] == [1, 2, 3, 4, 5, 6, 7]
    assert d["schritte"][0]["titel"].startswith("Arbeitsbereiche")
    assert d["schritte"][6]["titel"].endswith("fortschreiben")
    ids = [t["id"] for t in d["schritte"][0]["inhalt"]["taetigkeiten"]]
    assert ids == ["baustelle_allgemein", "dacharbeiten", "geruestbau"]
    massnahmen = [m for z in d["schritte"][3]["inhalt"] for m in z["massnahmen"]]
    assert massnahmen and all(m["norm"] and m["verantwortlich"] == "Erika Beispiel" for m in massnahmen)
    assert all(m["frist"] == "2027-05-03" for m in massnahmen)
    for z in d["schritte"][3]["inhalt"]:
        stufen = ["STOP".index(m["stop"]) for m in z["massnahmen"]]
        assert stufen == sorted(stufen)
    titel = {b["titel"]: b for b in d["schritte"][2]["inhalt"]["schwellenwerte"]}
    assert titel["Vorankündigung"]["frist"] == "2027-04-19"
    assert "SiGe-Plan" in titel and "Besonders gefährliche Arbeit (Anhang II Nr. 1)" in titel
    assert d["schritte"][6]["inhalt"]["anlaesse"]
    assert len(gb.faktoren) == 11


def test_schwelle_hebt_risiko() -> None:
    niedrig = beurteile(baustelle_aus_dict(BEISPIEL | {"taetigkeiten": ["leitern"], "absturzhoehe_m": None}))
    hoch = beurteile(
        baustelle_aus_dict(
            BEISPIEL | {"taetigkeiten": ["abbruch"], "hand_arm_ms2": 6, "absturzhoehe_m": None}
        )
    )
    vib = next(z for z in hoch.zeilen if z.gefaehrdung.faktor == "7.4")
    assert vib.risiko == "hoch" and "überschritten" in vib.risiko_grund
    leise = beurteile(
        baustelle_aus_dict(
            BEISPIEL | {"taetigkeiten": ["abbruch"], "hand_arm_ms2": 1.0, "absturzhoehe_m": None}
        )
    )
    assert next(z for z in leise.zeilen if z.gefaehrdung.faktor == "7.4").risiko == "gering"
    assert niedrig.zeilen


@pytest.mark.parametrize(
    ("feld", "wert"),
    [
        ("beginn", "03.05.2027"),
        ("arbeitstage", "viele"),
        ("taetigkeiten", ["zaubern"]),
        ("absturzhoehe_m", -1),
        ("boden", "sand"),
        ("unbekannt", 1),
    ],
)
def test_eingabefehler(feld: str, wert: object) -> None:
    with pytest.raises(Eingabefehler) as fehler:
        baustelle_aus_dict(BEISPIEL | {feld: wert})
    assert fehler.value.feld == feld


def _text(pdf: bytes) -> str:
    roh = " ".join(s.extract_text() for s in pypdf.PdfReader(io.BytesIO(pdf)).pages)
    return re.sub(r"\s+", " ", roh.replace("\u00a0", " "))


def test_pdf_inhalt_und_pdfa() -> None:
    gb = beurteile(baustelle_aus_dict(BEISPIEL | {"bezeichnung": "Dach <script>x</script> & Co"}))
    pdf = gb_pdf(gb)
    with pikepdf.open(io.BytesIO(pdf)) as dok:
        meta = dok.open_metadata()
        assert meta["pdfaid:part"] == "3" and meta["pdfaid:conformance"] == "U"
        assert str(dok.Root.Lang) == "de"
        assert "/StructTreeRoot" in dok.Root
    text = _text(pdf)
    for nr in range(1, 8):
        assert f"Schritt {nr}:" in text
    assert "<script>x</script> & Co" in text
    assert "Vorankündigung" in text and "Erika Beispiel" in text
    bogen = erstelle_besuchsbogen(gb, "Muster Bedachungen GmbH", {"Unfälle in 3 Jahren": "2 (Absturz)"})
    btext = _text(besuchsbogen_pdf(bogen))
    assert "Muster Bedachungen GmbH" in btext and "2 (Absturz)" in btext and "1.6 Absturz" in btext
    assert bogen.themen[0].risiko == "hoch"


def test_pdf_zeigt_sofort_stoppen() -> None:
    gb = beurteile(
        baustelle_aus_dict(
            BEISPIEL | {"taetigkeiten": ["enge_raeume"], "allein": "ja", "absturzhoehe_m": None}
        )
    )
    assert gb.sofort_stoppen
    text = _text(gb_pdf(gb))
    assert (
        "Sofort stoppen – so nicht zulässig" in text and "ArbStättV Anhang Nr. 5.2 Abs. 5 Buchst. c" in text
    )
