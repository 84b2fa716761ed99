"""The rendered Bescheid read back: PDF/A-3u markers, tags, language, fonts, and the content."""

from __future__ import annotations

import io
import re
from datetime import date

import pikepdf
import pypdf
import pytest

from amtsweg.cases.bescheid import Bescheiddaten, Empfaenger, erzeuge_bescheid, erzeuge_html
from amtsweg.cases.bescheid.texte import AUTOMATISCH
from tests.cases.bescheid.beispiele import BEHOERDE, NORMEN, ablehnung, bewilligung

BOESE = '<script>alert("x")</script> Eve <b>Fett</b>'


def _faelle() -> dict[str, Bescheiddaten]:
    return {
        "bewilligung": bewilligung(),
        "ablehnung": ablehnung(),
        "teilbewilligung": bewilligung(
            art="teilbewilligung",
            automatisch=False,
            sachbearbeitung="Bernd Beispiel",
            ablehnungsgruende=("Für Dezember 2024 bestand noch kein Anspruch (§ 25 Abs. 2 WoGG).",),
        ),
        "boese": ablehnung(
            empfaenger=Empfaenger(BOESE, ("Weg 1 & 2", "67059 Ludwigshafen")),
            ablehnungsgruende=("Grund mit <i>Markup</i> & Ampersand",),
            haushaltsmitglieder=(BOESE,),
        ),
    }


@pytest.fixture(scope="module")
def pdfs() -> dict[str, bytes]:
    return {name: erzeuge_bescheid(daten) for name, daten in _faelle().items()}


def _text(pdf: bytes) -> str:
    roh = " ".join(seite.extract_text() for seite in pypdf.PdfReader(io.BytesIO(pdf)).pages)
    return re.sub(r"\s+", " ", roh.replace("\u00a0", " "))


@pytest.fixture(scope="module")
def texte(pdfs: dict[str, bytes]) -> dict[str, str]:
    return {name: _text(pdf) for name, pdf in pdfs.items()}


@pytest.mark.parametrize("fall", ["bewilligung", "ablehnung"])
def test_pdfa_3u_kennung(pdfs: dict[str, bytes], fall: str) -> None:
    with pikepdf.open(io.BytesIO(pdfs[fall])) as pdf:
        meta = pdf.open_metadata()
        assert meta["pdfaid:part"] == "3"
        assert meta["pdfaid:conformance"] == "U"
        intents = pdf.Root.OutputIntents
        assert len(intents) >= 1
        assert "/DestOutputProfile" in intents[0]


@pytest.mark.parametrize("fall", ["bewilligung", "ablehnung"])
def test_getaggt_und_deutsch(pdfs: dict[str, bytes], fall: str) -> None:
    with pikepdf.open(io.BytesIO(pdfs[fall])) as pdf:
        assert "/StructTreeRoot" in pdf.Root
        assert bool(pdf.Root.MarkInfo.Marked)
        assert str(pdf.Root.Lang) == "de"
        assert "WG-2025-000123" in str(pdf.open_metadata().get("dc:title", ""))


def _schriften(pdf: pikepdf.Pdf) -> list[pikepdf.Dictionary]:
    schriften = []
    for seite in pdf.pages:
        for font in seite.Resources.get("/Font", {}).values():
            schriften.extend(font.DescendantFonts if "/DescendantFonts" in font else [font])
    return schriften


@pytest.mark.parametrize("fall", ["bewilligung", "ablehnung"])
def test_schriften_eingebettet(pdfs: dict[str, bytes], fall: str) -> None:
    with pikepdf.open(io.BytesIO(pdfs[fall])) as pdf:
        schriften = _schriften(pdf)
        assert schriften
        for font in schriften:
            beschreibung = font.FontDescriptor
            assert any(k in beschreibung for k in ("/FontFile", "/FontFile2", "/FontFile3")), font.BaseFont


def test_inhalt_bewilligung(texte: dict[str, str]) -> None:
    text = texte["bewilligung"]
    for erwartet in (
        BEHOERDE.name,
        "Rathausplatz 20",
        "Anna Muster",
        "Bismarckstraße 1",
        "WG-2025-000123",
        "27.01.2025",
        "Bescheid über Wohngeld",
        "Für die Zeit vom 01.01.2025 bis 31.12.2025 wird Ihnen Wohngeld in Höhe von "
        "monatlich 88,00 € bewilligt.",
        "Berücksichtigte Haushaltsmitglieder",
        "Berechnungsbogen",
        "Erläuterung der Zeichen",
        "Mitteilungspflichten",
        "470,00 €",  # § 24 Abs. 3 WoGG: rent the Bewilligung is based on
        "1.350,00 €",
        "Rechtsbehelfsbelehrung",
        "Widerspruch",
        "Verwaltungsgericht Neustadt an der Weinstraße",
        "31.01.2025",  # deemed Bekanntgabe
        "Die Frist endet daher mit Ablauf des 28.02.2025",
        "0.1.0+48ba6ab264bfd892",
    ):
        assert erwartet in text, erwartet


def test_jede_norm_des_trace_steht_im_bescheid(texte: dict[str, str]) -> None:
    for norm in NORMEN:
        assert norm in texte["bewilligung"], norm


def test_begruendung_nach_clustern(texte: dict[str, str]) -> None:
    text = texte["bewilligung"]
    positionen = [
        text.index(t)
        for t in (
            "Haushalt Wer zum Haushalt",
            "Miete Berücksichtigt",
            "Einkommen Das Gesamteinkommen",
            "Berechnung des Wohngeldes",
        )
    ]
    assert positionen == sorted(positionen)


def test_automatisch_nur_mit_satz_33_abs_5(texte: dict[str, str]) -> None:
    assert AUTOMATISCH in texte["bewilligung"]
    assert "Im Auftrag" not in texte["bewilligung"]
    for fall in ("ablehnung", "teilbewilligung"):
        assert "automatischer Einrichtungen" not in texte[fall]
        assert "Im Auftrag Bernd Beispiel" in texte[fall]
    assert "Freigegeben (Vier-Augen-Prinzip): Clara Kontrolle" in texte["ablehnung"]
    assert "Freigegeben" not in texte["teilbewilligung"]


def test_ablehnung(texte: dict[str, str]) -> None:
    text = texte["ablehnung"]
    assert "Ihr Antrag auf Wohngeld wird abgelehnt." in text
    assert "Gründe der Ablehnung" in text
    assert "unter 10 Euro monatlich und wird daher nicht gezahlt (§ 21 Nr. 1 WoGG)" in text
    assert "Mitteilungspflichten" not in text
    assert "Eckdaten der Bewilligung" not in text
    assert "elektronisch übermittelt" in text


def test_teilbewilligung(texte: dict[str, str]) -> None:
    text = texte["teilbewilligung"]
    assert "monatlich 88,00 € bewilligt. Im Übrigen wird Ihr Antrag abgelehnt." in text
    assert "Gründe der teilweisen Ablehnung" in text
    assert "Für Dezember 2024 bestand noch kein Anspruch" in text


def test_markup_wird_nicht_ausgefuehrt(texte: dict[str, str]) -> None:
    # Escaped markup is printed as text; were it parsed, the <script> would vanish from the text.
    text = texte["boese"]
    assert '<script>alert("x")</script> Eve <b>Fett</b>' in text
    assert "Grund mit <i>Markup</i> & Ampersand" in text
    assert "Weg 1 & 2" in text


def test_html_ist_escaped() -> None:
    html = erzeuge_html(_faelle()["boese"])
    assert "<script" not in html
    assert "&lt;script&gt;alert(&#34;x&#34;)&lt;/script&gt;" in html
    assert "<b>Fett" not in html and "<i>Markup" not in html


def test_frist_im_pdf_folgt_dem_datum() -> None:
    text = _text(erzeuge_bescheid(bewilligung(datum=date(2025, 2, 11))))
    assert "am 15.02.2025, als bekannt gegeben" in text
    assert "Die Frist endet daher mit Ablauf des 17.03.2025" in text


def test_aktenzeichen_auf_jeder_seite(pdfs: dict[str, bytes]) -> None:
    seiten = pypdf.PdfReader(io.BytesIO(pdfs["bewilligung"])).pages
    assert len(seiten) > 1
    assert all("WG-2025-000123" in seite.extract_text() for seite in seiten)
