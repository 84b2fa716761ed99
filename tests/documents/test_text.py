from __future__ import annotations

import io

from PIL import Image

from amtsweg.documents import text
from amtsweg.documents.formate import parse_betrag

from .hilfen import MIET_ZEILEN, bild_bytes, text_pdf


def test_eingebetteter_text_mit_boxen() -> None:
    seiten = text.lies_text(text_pdf(MIET_ZEILEN, seiten=2))
    assert [s.nummer for s in seiten] == [1, 2] and {s.quelle for s in seiten} == {"text"}
    zeilen = [z.text for z in seiten[0].zeilen]
    assert zeilen[0] == "Mietbescheinigung"
    assert "Kaltmiete (Grundmiete): 450,00 €" in zeilen
    zeile = next(z for z in seiten[0].zeilen if z.text.startswith("Kaltmiete"))
    start = zeile.text.index("450,00")
    box = zeile.box_von(start, start + 6)
    assert box is not None
    # the amount stands right of the label on the upper half of an A4 page (drawn at x=60pt, y=740-4*22pt)
    assert 0.1 < box[0] < box[2] < 0.6 and 0.2 < box[1] < box[3] < 0.3
    assert zeile.konfidenz_von(start, start + 6) == 1.0


def test_ocr_eines_gedrehten_scans() -> None:
    pdf = text_pdf(MIET_ZEILEN)
    seite = text._rendere(pdf, 0, 200)
    # upside down and slightly skewed, like a badly fed scanner
    scan = seite.rotate(181.5, expand=True, fillcolor=255, resample=Image.Resampling.BICUBIC)
    gelesen = text.lies_text(bild_bytes(scan.convert("L"), "PNG"))
    assert len(gelesen) == 1 and gelesen[0].quelle == "ocr"
    assert gelesen[0].drehung == 180 and abs(gelesen[0].schraeglage) > 0.5
    zeile = next(z for z in gelesen[0].zeilen if "Kaltmiete" in z.text)
    assert parse_betrag(zeile.text) == parse_betrag("450,00")
    wort = next(w for w in zeile.woerter if "450" in w.text)
    assert 0.5 < wort.konfidenz <= 1.0 and wort.box[0] < wort.box[2]


def test_mehrseitiges_tiff() -> None:
    seite = text._rendere(text_pdf(["Heizkosten: 85,00 €", "Wohnfläche: 62,50 m²"] * 3), 0, 150)
    puffer = io.BytesIO()
    seite.save(puffer, format="TIFF", save_all=True, append_images=[seite.copy()])
    gelesen = text.lies_text(puffer.getvalue())
    assert [s.nummer for s in gelesen] == [1, 2]
    assert all("Heizkosten" in s.text and "85,00" in s.text for s in gelesen)


def test_boxen_gedrehter_scans_zeigen_auf_das_hochgeladene_bild() -> None:
    pdf = text_pdf(MIET_ZEILEN)
    (original,) = text.lies_text(pdf)
    soll = next(w.box for w in original.woerter if "450" in w.text)  # the box on the page itself
    seite = text._rendere(pdf, 0, 200)
    for winkel in (181.5, 88.0, -2.5):
        # upright again, the scan must show the amount where the page has it: map ``soll`` into the scan
        scan = seite.rotate(winkel, expand=True, fillcolor=255, resample=Image.Resampling.BICUBIC)
        gelesen = text.ocr_bild(scan)
        gelesen_box = next(w.box for w in gelesen.woerter if "450" in w.text)
        box = text.box_im_original(gelesen, gelesen_box)
        erwartet = _in_den_scan(soll, seite.size, scan.size, winkel)
        assert all(abs(a - b) < 0.006 for a, b in zip(box, erwartet, strict=True)), (winkel, box, erwartet)
        assert gelesen.drehung or abs(gelesen.schraeglage) >= 0.2
        # without the mapping the highlight would be off (clearly so for the turned pages)
        fehler_ohne = max(abs(a - b) for a, b in zip(gelesen_box, erwartet, strict=True))
        assert fehler_ohne > 2 * max(abs(a - b) for a, b in zip(box, erwartet, strict=True))


def _in_den_scan(
    box: tuple[float, float, float, float], gross: tuple[int, int], scan: tuple[int, int], winkel: float
) -> tuple[float, ...]:
    """Where a box of the upright page lies on the page after PIL's ``rotate(winkel, expand=True)``."""
    import math

    (b, h), (bs, hs) = gross, scan
    cos, sin = math.cos(math.radians(winkel)), math.sin(math.radians(winkel))
    xs, ys = [], []
    for u, v in ((box[0], box[1]), (box[2], box[1]), (box[0], box[3]), (box[2], box[3])):
        x, y = u * b - b / 2, v * h - h / 2
        xs.append((x * cos + y * sin + bs / 2) / bs)
        ys.append((-x * sin + y * cos + hs / 2) / hs)
    return (min(xs), min(ys), max(xs), max(ys))
