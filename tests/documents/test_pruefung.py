from __future__ import annotations

import io
import zipfile
import zlib
from pathlib import Path

import pytest
from PIL import Image
from pypdf import PdfReader, PdfWriter
from pypdf.generic import StreamObject

from amtsweg.documents import pruefung
from amtsweg.documents.pruefung import Pruefungsfehler, pruefe, pruefe_und_speichere

from .hilfen import MIET_ZEILEN, bild_bytes, text_pdf


def test_gueltige_dateien_werden_angenommen() -> None:
    assert pruefe(text_pdf(MIET_ZEILEN, seiten=2)) == pruefung.Pruefbericht(
        pruefung.PDF, 2, len(text_pdf(MIET_ZEILEN, seiten=2))
    )
    png = bild_bytes(Image.new("L", (300, 200), 255))
    assert pruefe(png).mime == pruefung.PNG
    jpeg = bild_bytes(Image.new("RGB", (300, 200), "white"), "JPEG")
    assert pruefe(jpeg).mime == pruefung.JPEG
    seiten = [Image.new("L", (200, 100), 255) for _ in range(3)]
    puffer = io.BytesIO()
    seiten[0].save(puffer, format="TIFF", save_all=True, append_images=seiten[1:])
    assert pruefe(puffer.getvalue()) == pruefung.Pruefbericht(pruefung.TIFF, 3, len(puffer.getvalue()))


def test_verschluesseltes_pdf() -> None:
    schreiber = PdfWriter(clone_from=PdfReader(io.BytesIO(text_pdf(MIET_ZEILEN))))
    schreiber.encrypt("geheim", algorithm="AES-128")
    puffer = io.BytesIO()
    schreiber.write(puffer)
    with pytest.raises(Pruefungsfehler, match="Verschlüsselte"):
        pruefe(puffer.getvalue())


def test_falscher_typ_und_leer() -> None:
    with pytest.raises(Pruefungsfehler, match="Dateityp"):
        pruefe(b"GIF89a" + b"\x00" * 100)
    with pytest.raises(Pruefungsfehler, match="Dateityp"):
        pruefe(b"Dies ist eine Textdatei mit der Endung .pdf")
    with pytest.raises(Pruefungsfehler, match="leer"):
        pruefe(b"")


def test_zu_gross_und_zu_viele_seiten() -> None:
    pdf = text_pdf(MIET_ZEILEN, seiten=3)
    with pytest.raises(Pruefungsfehler, match="zu groß"):
        pruefe(pdf, max_groesse=len(pdf) - 1)
    with pytest.raises(Pruefungsfehler, match="zu viele Seiten"):
        pruefe(pdf, max_seiten=2)


def test_bildbombe_wird_vor_dem_dekodieren_abgelehnt() -> None:
    # 12 000 x 12 000 white pixels compress to a few hundred kilobytes
    bombe = bild_bytes(Image.new("1", (12_000, 12_000), 1))
    assert len(bombe) < 1_000_000
    with pytest.raises(Pruefungsfehler, match=r"Pixel|Dekompressionsbombe"):
        pruefe(bombe)


def test_pdf_strom_bombe() -> None:
    daten = zlib.compress(b"0" * (80 * 1024 * 1024), 9)
    kopf = b"%%PDF-1.7\n1 0 obj\n<< /Length %d /Filter /FlateDecode >>\nstream\n" % len(daten)
    pdf = kopf + daten + b"\nendstream\nendobj\ntrailer\n<< >>\n%%EOF\n"
    with pytest.raises(Pruefungsfehler, match="Dekompressionsbombe"):
        pruefe(pdf, max_groesse=len(pdf) + 1)


def test_beschaedigtes_pdf() -> None:
    with pytest.raises(Pruefungsfehler, match="beschädigt"):
        pruefe(
            b"%PDF-1.7\n1 0 obj\n<< /Type /Catalog /Pages 9 0 R >>\nendobj\ntrailer\n<< /Root 1 0 R >>\n%%EOF"
        )
    png = bild_bytes(Image.new("L", (300, 200), 128))
    with pytest.raises(Pruefungsfehler):
        pruefe(png[: len(png) // 2])


def test_polyglotte_werden_abgelehnt() -> None:
    pdf = text_pdf(MIET_ZEILEN)
    puffer = io.BytesIO()
    with zipfile.ZipFile(puffer, "w") as archiv:
        archiv.writestr("a.txt", "versteckt")
    with pytest.raises(Pruefungsfehler, match="ZIP"):
        pruefe(pdf + puffer.getvalue())
    with pytest.raises(Pruefungsfehler, match="Skripte"):
        pruefe(pdf.replace(b"%%EOF", b"<html><script>alert(1)</script></html>\n%%EOF"))
    png = bild_bytes(Image.new("L", (50, 50), 255))
    with pytest.raises(Pruefungsfehler, match=r"Skripte|angehängt"):
        pruefe(png + b"<script>alert(1)</script>")
    jpeg = bild_bytes(Image.new("RGB", (50, 50), "white"), "JPEG")
    with pytest.raises(Pruefungsfehler, match="angehängt"):
        pruefe(jpeg + b"#!/bin/sh\nrm -rf /\n")
    with pytest.raises(Pruefungsfehler, match="aktive Inhalte"):
        pruefe(pdf.replace(b"/Type /Catalog", b"/Type /Catalog /OpenAction << /S /JavaScript >>"))


def test_abgelehnte_datei_wird_nicht_gespeichert(tmp_path: Path) -> None:
    with pytest.raises(Pruefungsfehler):
        pruefe_und_speichere(tmp_path, "a.pdf", text_pdf(MIET_ZEILEN) + b"PK\x05\x06" + b"\x00" * 18)
    assert list(tmp_path.rglob("*")) == []
    bericht, datei = pruefe_und_speichere(tmp_path, "../a.pdf", text_pdf(MIET_ZEILEN))
    assert bericht.seiten == 1 and datei.dateiname == "a.pdf"
    assert Path(datei.speicherort).read_bytes() == text_pdf(MIET_ZEILEN)


def test_aktive_inhalte_in_objektstroemen_und_keine_fehlalarme_in_bilddaten() -> None:
    versteckt = zlib.compress(b"1 0 << /S /JavaScript /JS (app.alert(1)) >>")
    kopf = b"%%PDF-1.7\n5 0 obj\n<< /Type /ObjStm /N 1 /First 4 /Length %d /Filter /FlateDecode >>\nstream\n"
    pdf = kopf % len(versteckt) + versteckt + b"\nendstream\nendobj\n%%EOF\n"
    with pytest.raises(Pruefungsfehler, match="aktive Inhalte"):
        pruefe(pdf)
    # image data that happens to contain "/JS" is no active content
    schreiber = PdfWriter(clone_from=PdfReader(io.BytesIO(text_pdf(MIET_ZEILEN))))
    strom = StreamObject()
    strom.set_data(b"\x00/JS \xff\x01\x02/Launch\x00")
    schreiber._add_object(strom)
    puffer = io.BytesIO()
    schreiber.write(puffer)
    assert b"/JS " in puffer.getvalue()
    assert pruefe(puffer.getvalue()).seiten == 1


def test_zufaellige_tag_bytes_in_stromdaten_sind_kein_webinhalt() -> None:
    # stream data (page content, ASCII85 images) may contain "<SVg" by chance; only markup outside the
    # streams, or at the start of the file, is refused
    pdf = text_pdf(["Bildpunkte Ik$omqoA7B&-F<SVg!oE=pg!;0r_Pm>fYcPYi&$SFb"], pageCompression=0)
    assert b"<SVg" in pdf
    assert pruefe(pdf).mime == "application/pdf"
    with pytest.raises(Pruefungsfehler, match="Web-Inhalte"):
        pruefe(pdf.replace(b"%PDF-1.", b"%PDF-1.<svg onload=x>", 1))
