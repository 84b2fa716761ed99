"""Synthetic corpus: determinism, every layout renders, truth matches the printed text, scan dpi."""

from __future__ import annotations

import hashlib
import io
import json
import re
from pathlib import Path

import pypdf
import pytest
from PIL import Image

from amtsweg.documents.korpus import HELD_OUT, LAYOUTS, TYPEN, erzeuge, erzeuge_korpus, iban_pruefen
from amtsweg.documents.korpus.daten import MONATE, iban_gruppiert
from amtsweg.documents.typen import korpus_felder

A4_ZOLL = (210 / 25.4, 297 / 25.4)


def _text(pdf: bytes) -> list[str]:
    return [
        re.sub(r"\s+", " ", seite.extract_text() or "") for seite in pypdf.PdfReader(io.BytesIO(pdf)).pages
    ]


def _geld(text: str) -> str:
    zahl = text.replace("EUR", "").replace("€", "").strip().replace(".", "").replace(",", ".")
    return zahl


def _datum(text: str) -> str:
    """``01.03.2026`` or ``1. März 2026`` -> ``2026-03-01``."""
    if re.fullmatch(r"\d{2}\.\d{2}\.\d{4}", text):
        tag, monat, jahr = text.split(".")
        return f"{jahr}-{monat}-{tag}"
    tag, monatsname, jahr = text.split(" ")
    return f"{jahr}-{MONATE.index(monatsname) + 1:02d}-{int(tag.rstrip('.')):02d}"


def test_every_type_and_layout_renders_and_truth_is_in_the_text_layer() -> None:
    geprueft = 0
    for typ in TYPEN:
        assert len(LAYOUTS[typ]) >= 4
        for lay in LAYOUTS[typ]:
            dok = erzeuge(typ, lay.id, 7)
            assert dok.mime == "application/pdf" and dok.daten.startswith(b"%PDF")
            w = dok.wahrheit
            assert w["typ"] == typ and w["layout"] == lay.id and w["ausgehalten"] == lay.ausgehalten
            assert set(w["felder"]) == set(korpus_felder(typ)) == set(w["belege"])
            seiten = _text(dok.daten)
            assert len(seiten) == w["seiten"]
            for feld, beleg in w["belege"].items():
                gedruckt = re.sub(r"\s+", " ", beleg["text"])
                assert gedruckt in seiten[beleg["seite"] - 1], (typ, lay.id, feld, gedruckt)
                geprueft += 1
    assert geprueft == sum(len(korpus_felder(t)) * len(LAYOUTS[t]) for t in TYPEN)


def test_normalised_truth_agrees_with_printed_text() -> None:
    geld_felder = {
        "kaltmiete",
        "nebenkosten",
        "heizkosten",
        "brutto",
        "netto",
        "steuer",
        "sozialversicherung",
        "rentenbetrag",
        "kv_pv_beitrag",
        "zahlbetrag",
        "tagessatz",
        "kontostand",
        "betrag_monat",
    }
    for seed in (1, 2):
        for typ in TYPEN:
            for lay in LAYOUTS[typ]:
                w = erzeuge(typ, lay.id, seed).wahrheit
                for feld, wert in w["felder"].items():
                    text = w["belege"][feld]["text"]
                    if feld in geld_felder:
                        assert _geld(text) == wert, (typ, feld, text, wert)
                    elif feld == "iban":
                        assert text.replace(" ", "") == wert and iban_pruefen(wert)
                    elif feld in ("vermieter", "anschrift", "arbeitgeber", "kind"):
                        assert text == wert
                    elif feld == "gdb":
                        assert int(text) == wert
                    elif feld in ("mietbeginn", "gueltig_ab", "zeitraum_von", "zeitraum_bis"):
                        assert _datum(text) == wert


def test_ibans_have_valid_checksums_and_errors_are_detected() -> None:
    assert iban_pruefen("DE89 3704 0044 0532 0130 00")
    assert not iban_pruefen("DE89 3704 0044 0532 0130 01")
    for seed in range(15):
        for typ in ("lohnabrechnung", "kontoauszug"):
            iban = erzeuge(typ, "A", seed).wahrheit["felder"]["iban"]
            assert re.fullmatch(r"DE\d{20}", iban) and iban_pruefen(iban_gruppiert(iban))
            verfaelscht = iban[:10] + str((int(iban[10]) + 1) % 10) + iban[11:]
            assert not iban_pruefen(verfaelscht)


def test_same_seed_same_bytes_other_seed_other_document() -> None:
    for variante in ("text", "scan_150"):
        erste = erzeuge("uvg_bescheid", "B", 11, variante)
        zweite = erzeuge("uvg_bescheid", "B", 11, variante)
        assert erste.daten == zweite.daten and erste.wahrheit == zweite.wahrheit
    andere = erzeuge("uvg_bescheid", "B", 12)
    assert andere.wahrheit["felder"] != erste.wahrheit["felder"]
    assert erzeuge("uvg_bescheid", "B", 11, "foto").wahrheit["felder"] == erste.wahrheit["felder"]


@pytest.mark.parametrize(("variante", "dpi"), [("scan_150", 150), ("scan_200", 200), ("scan_300", 300)])
def test_scans_are_images_of_the_expected_dpi(variante: str, dpi: int) -> None:
    erwartet = (round(A4_ZOLL[0] * dpi), round(A4_ZOLL[1] * dpi))
    pdf = erzeuge("schwerbehindertenausweis", "C", 3, variante, format="pdf")
    assert pdf.mime == "application/pdf" and not "".join(_text(pdf.daten)).strip()
    bilder = [bild for seite in pypdf.PdfReader(io.BytesIO(pdf.daten)).pages for bild in seite.images]
    assert len(bilder) == pdf.wahrheit["seiten"]
    for bild in bilder:
        assert all(abs(a - b) <= 2 for a, b in zip(bild.image.size, erwartet, strict=True))
    tif = erzeuge("schwerbehindertenausweis", "C", 3, variante, format="tiff")
    with Image.open(io.BytesIO(tif.daten)) as bild:
        assert tif.mime == "image/tiff" and bild.n_frames == tif.wahrheit["seiten"]
        assert round(bild.info["dpi"][0]) == dpi
        assert all(abs(a - b) <= 2 for a, b in zip(bild.size, erwartet, strict=True))


def test_photo_is_a_warped_colour_jpeg() -> None:
    dok = erzeuge("uvg_bescheid", "A", 4, "foto")
    assert dok.mime == "image/jpeg" and dok.wahrheit["seiten"] == 1
    with Image.open(io.BytesIO(dok.daten)) as bild:
        assert bild.format == "JPEG" and bild.mode == "RGB"
        assert list(bild.size) == dok.wahrheit["pixel"][0]
        assert bild.size[0] > A4_ZOLL[0] * 200  # the page lies on a background larger than the page
        ecke, mitte = bild.getpixel((2, 2)), bild.getpixel((bild.size[0] // 2, bild.size[1] // 2))
        assert isinstance(ecke, tuple) and isinstance(mitte, tuple) and sum(ecke) < sum(mitte)


def test_invalid_requests_are_refused() -> None:
    with pytest.raises(ValueError, match="Dokumenttyp"):
        erzeuge("steuerbescheid", "A", 1)
    with pytest.raises(ValueError, match="Layout"):
        erzeuge("kontoauszug", "Z", 1)
    with pytest.raises(ValueError, match="Variante"):
        erzeuge("kontoauszug", "A", 1, "scan_600")
    with pytest.raises(ValueError, match="PDF"):
        erzeuge("kontoauszug", "A", 1, "text", format="png")


def test_corpus_files_manifest_and_held_out_split(tmp_path: Path) -> None:
    assert all(ids == ("E", "F", "G", "H") for ids in HELD_OUT.values())
    dateien = erzeuge_korpus(tmp_path, 1, seed=3, typen=("uvg_bescheid",), prozesse=2)
    zeilen = [json.loads(z) for z in (tmp_path / "manifest.jsonl").read_text(encoding="utf-8").splitlines()]
    assert len(dateien) == len(zeilen) == 8 * 3
    assert {z["variante"] for z in zeilen} == {"text", "scan_200", "scan_150"}
    for zeile, datei in zip(zeilen, dateien, strict=True):
        assert datei == tmp_path / zeile["datei"]
        assert hashlib.sha256(datei.read_bytes()).hexdigest() == zeile["sha256"]
        wahrheit = json.loads((tmp_path / zeile["wahrheit"]).read_text(encoding="utf-8"))
        assert wahrheit["variante"] == zeile["variante"] and wahrheit["layout"] == zeile["layout"]
        assert zeile["split"] == ("ausgehalten" if zeile["layout"] in "EFGH" else "entwicklung")
    bericht = json.loads((tmp_path / "bericht.json").read_text(encoding="utf-8"))
    assert bericht["dokumente"] == 24 and bericht["seiten_je_sekunde"] > 0
    # files written by worker processes equal a direct call (determinism independent of parallelism)
    for zeile in (zeilen[0], zeilen[-1]):
        direkt = erzeuge("uvg_bescheid", zeile["layout"], zeile["seed"], zeile["variante"])
        assert hashlib.sha256(direkt.daten).hexdigest() == zeile["sha256"]


def test_cli_lists_layouts_and_refuses_an_empty_corpus(tmp_path: Path) -> None:
    from typer.testing import CliRunner

    from amtsweg.documents.korpus.kommandos import app

    runner = CliRunner()
    ausgabe = runner.invoke(app, ["layouts"])
    assert ausgabe.exit_code == 0
    assert ausgabe.output.count("E (ausgehalten)") == len(TYPEN)
    leer = runner.invoke(app, ["bauen", "--ordner", str(tmp_path / "k"), "--n", "0"])
    assert leer.exit_code == 2 and not (tmp_path / "k").exists()
