"""Text with positions: embedded PDF text (pdfplumber) or OCR (pypdfium2 rendering + Tesseract ``deu``)
with orientation detection (Tesseract OSD) and deskew (projection profile).

Boxes are relative to the page (0..1, origin top left) of the page as read, i.e. after the orientation
and skew correction recorded in ``Seite.drehung`` / ``Seite.schraeglage``.
"""

from __future__ import annotations

import io
import os
import re
import statistics
import tempfile
from dataclasses import dataclass, field

import numpy as np
from PIL import Image, ImageOps

from amtsweg.documents import pruefung

Box = tuple[float, float, float, float]
#: pages with fewer embedded words than this are read by OCR (scans wrapped in a PDF)
MIN_WOERTER_TEXT = 8
#: scanned PDF pages are rendered at their native resolution, at most this: 200 dpi is the resolution of the
#: accuracy target and keeps body text above Tesseract's minimum x-height at under half the pixels of 300 dpi
OCR_DPI = 200
#: page images narrower than 1 400 pixels (150 dpi, small photos) are enlarged to 2 000 (read better),
#: wider than 1 800 (300 dpi, large photos) reduced to about 200 dpi for an A4 page (read as well, faster)
OCR_BREITE_KLEIN = 2000
OCR_BREITE_GROSS = 1700
SPRACHE = "deu"
#: one page per core: Tesseract's OpenMP threads slow a single page down on small machines
os.environ.setdefault("OMP_THREAD_LIMIT", "1")
#: below this mean word confidence the page is checked for orientation and read again
MIN_KONFIDENZ = 0.75


@dataclass(frozen=True, slots=True)
class Wort:
    text: str
    box: Box
    konfidenz: float  # 0..1; embedded text 1.0


@dataclass(slots=True)
class Zeile:
    text: str
    woerter: list[Wort]
    spannen: list[tuple[int, int]]  # character span of each word in ``text``

    def box_von(self, start: int, ende: int) -> Box | None:
        """Union of the boxes of the words overlapping the character span."""
        boxen = [
            w.box for w, (a, b) in zip(self.woerter, self.spannen, strict=True) if a < ende and b > start
        ]
        return vereinige(boxen) if boxen else None

    def konfidenz_von(self, start: int, ende: int) -> float:
        werte = [
            w.konfidenz
            for w, (a, b) in zip(self.woerter, self.spannen, strict=True)
            if a < ende and b > start
        ]
        return min(werte) if werte else 0.0


@dataclass(slots=True)
class Seite:
    nummer: int  # 1-based
    breite: float  # points (PDF text) or pixels (OCR)
    hoehe: float
    woerter: list[Wort]
    quelle: str  # "text" | "ocr"
    drehung: int = 0  # degrees clockwise applied before reading
    schraeglage: float = 0.0  # degrees of deskew applied
    zeilen: list[Zeile] = field(default_factory=list)

    @property
    def text(self) -> str:
        return "\n".join(z.text for z in self.zeilen)


def vereinige(boxen: list[Box]) -> Box:
    return (
        min(b[0] for b in boxen),
        min(b[1] for b in boxen),
        max(b[2] for b in boxen),
        max(b[3] for b in boxen),
    )


def box_im_original(seite: Seite, box: Box) -> Box:
    """A box of the page as read mapped back onto the page image as uploaded (the one staff see).

    OCR reads the page after rotating it about its centre by ``schraeglage`` degrees counter-clockwise and
    by ``drehung`` degrees clockwise (with the canvas swapped for 90/270); plane rotations about the same
    centre commute, so the inverse is one rotation by ``drehung - schraeglage`` degrees counter-clockwise.
    The result is the axis-parallel hull of the four mapped corners, clipped to the page."""
    if not seite.drehung and not seite.schraeglage:
        return box
    breite, hoehe = seite.breite, seite.hoehe
    quer = seite.drehung % 180 == 90
    breite0, hoehe0 = (hoehe, breite) if quer else (breite, hoehe)
    winkel = np.deg2rad(seite.drehung - seite.schraeglage)
    cos, sin = float(np.cos(winkel)), float(np.sin(winkel))
    xs, ys = [], []
    for u, v in ((box[0], box[1]), (box[2], box[1]), (box[0], box[3]), (box[2], box[3])):
        x, y = u * breite - breite / 2, v * hoehe - hoehe / 2
        # counter-clockwise on screen (y downwards)
        xs.append((x * cos + y * sin + breite0 / 2) / breite0)
        ys.append((-x * sin + y * cos + hoehe0 / 2) / hoehe0)
    return (
        round(max(0.0, min(xs)), 4),
        round(max(0.0, min(ys)), 4),
        round(min(1.0, max(xs)), 4),
        round(min(1.0, max(ys)), 4),
    )


def bilde_zeilen(woerter: list[Wort]) -> list[Zeile]:
    """Group words into lines by vertical overlap; within a line order by x; a wide gap becomes 3 spaces."""
    if not woerter:
        return []
    hoehen = [w.box[3] - w.box[1] for w in woerter if w.box[3] > w.box[1]]
    hoehe = statistics.median(hoehen) if hoehen else 0.01
    geordnet = sorted(woerter, key=lambda w: ((w.box[1] + w.box[3]) / 2, w.box[0]))
    gruppen: list[list[Wort]] = []
    mitten: list[float] = []
    for wort in geordnet:
        mitte = (wort.box[1] + wort.box[3]) / 2
        if gruppen and abs(mitte - mitten[-1]) <= 0.5 * hoehe:
            gruppen[-1].append(wort)
            mitten[-1] = statistics.fmean((w.box[1] + w.box[3]) / 2 for w in gruppen[-1])
        else:
            gruppen.append([wort])
            mitten.append(mitte)
    zeilen = []
    for gruppe in gruppen:
        gruppe.sort(key=lambda w: w.box[0])
        teile: list[str] = []
        spannen = []
        laenge = 0
        for i, wort in enumerate(gruppe):
            if i:
                luecke = wort.box[0] - gruppe[i - 1].box[2]
                trenner = "   " if luecke > 1.5 * hoehe else " "
                teile.append(trenner)
                laenge += len(trenner)
            spannen.append((laenge, laenge + len(wort.text)))
            teile.append(wort.text)
            laenge += len(wort.text)
        zeilen.append(Zeile("".join(teile), gruppe, spannen))
    return zeilen


def _seite(
    nummer: int,
    breite: float,
    hoehe: float,
    woerter: list[Wort],
    quelle: str,
    drehung: int = 0,
    schraeglage: float = 0.0,
) -> Seite:
    seite = Seite(nummer, breite, hoehe, woerter, quelle, drehung, schraeglage)
    seite.zeilen = bilde_zeilen(woerter)
    return seite


# --- OCR -----------------------------------------------------------------------------------------------


def _osd_drehung(bild: Image.Image) -> int:
    """Clockwise rotation that makes the page upright (0/90/180/270) by Tesseract OSD; 0 if unsure."""
    import pytesseract

    try:
        klein = bild if bild.width <= 1800 else bild.resize((1800, round(bild.height * 1800 / bild.width)))
        ausgabe = pytesseract.image_to_osd(klein, config="--psm 0 -c min_characters_to_try=20")
    except Exception:  # too little text for OSD
        return 0
    drehung = re.search(r"Rotate:\s*(\d+)", ausgabe)
    sicherheit = re.search(r"Orientation confidence:\s*([\d.]+)", ausgabe)
    if drehung and sicherheit and float(sicherheit[1]) >= 1.0:
        return int(drehung[1]) % 360
    return 0


def schaetze_schraeglage(bild: Image.Image, grenze: float = 6.0) -> float:
    """Skew angle in degrees (counter-clockwise positive) maximising the row-profile energy.

    The dark pixels of an 800-px copy are projected onto rows for each trial angle (rotating coordinates,
    not the image: a bincount per angle instead of an image rotation)."""
    klein = bild.convert("L")
    faktor = 800 / max(klein.width, 1)
    if faktor < 1:
        klein = klein.resize((800, max(1, round(klein.height * faktor))))
    ys, xs = np.nonzero(np.asarray(klein) < 128)
    if len(ys) == 0:
        return 0.0
    mx, my = klein.width / 2, klein.height / 2
    dx, dy = xs - mx, ys - my
    laenge = int(2 * max(klein.width, klein.height)) + 2

    def guete(winkel: float) -> float:
        rad = np.deg2rad(winkel)
        # the row of each dark pixel after rotating the page by ``winkel`` counter-clockwise
        zeilen = np.rint(-dx * np.sin(rad) + dy * np.cos(rad) + laenge / 2).astype(np.int64)
        profil = np.bincount(np.clip(zeilen, 0, laenge - 1), minlength=laenge).astype(np.float64)
        # smoothed over three rows: rotated pixel staircases round to two neighbouring rows, which would
        # otherwise favour the unrotated angle
        glatt = np.convolve(profil, [1.0, 2.0, 1.0])
        return float(np.dot(glatt, glatt))

    beste = max(np.arange(-grenze, grenze + 0.01, 1.0), key=guete)
    fein = max(np.arange(beste - 0.9, beste + 0.91, 0.15), key=guete)
    return round(float(fein), 2)


def _rauschen(text: str, konfidenz: float) -> bool:
    """OCR debris from dot leaders, lines and stamps: unsure and (almost) without letters or digits."""
    if set(text) <= set(".·…,:;-_–—|'\"`~"):
        return len(text) >= 3
    kern = re.sub(r"[^0-9A-Za-zÄÖÜäöüß€]", "", text)
    return konfidenz < 40 and len(kern) <= 3 and not re.search(r"\d", text)


def _mittlere_konfidenz(woerter: list[Wort]) -> float:
    return statistics.median(w.konfidenz for w in woerter) if len(woerter) >= 5 else 0.0


def _tesseract(bild: Image.Image) -> list[Wort]:
    import pytesseract

    # an uncompressed PGM file instead of pytesseract's PNG: the PNG compression cost about as much CPU
    # as half the recognition; inverted-text detection is off (documents are dark on light)
    with tempfile.NamedTemporaryFile(suffix=".pgm") as datei:
        bild.save(datei, format="PPM")
        datei.flush()
        daten = pytesseract.image_to_data(
            datei.name,
            lang=SPRACHE,
            config="--psm 3 -c tessedit_do_invert=0",
            output_type=pytesseract.Output.DICT,
        )
    breite, hoehe = bild.size
    woerter = []
    for i, text in enumerate(daten["text"]):
        text = text.strip()
        konfidenz = float(daten["conf"][i])
        if not text or konfidenz < 0 or _rauschen(text, konfidenz):
            continue
        x, y, w, h = (daten[k][i] for k in ("left", "top", "width", "height"))
        box = (x / breite, y / hoehe, (x + w) / breite, (y + h) / hoehe)
        woerter.append(Wort(text, tuple(round(v, 4) for v in box), round(konfidenz / 100, 3)))
    return woerter


def ocr_bild(bild: Image.Image, nummer: int = 1, *, orientierung: bool = True) -> Seite:
    """Read one page image: deskew, Tesseract ``deu`` words with confidences; orientation by OSD if the
    first reading is poor (rotated or upside-down pages)."""
    bild = ImageOps.exif_transpose(bild).convert("L")
    if bild.width < 1400 or bild.width > 1800:
        breite = OCR_BREITE_KLEIN if bild.width < 1400 else OCR_BREITE_GROSS
        bild = bild.resize((breite, round(bild.height * breite / bild.width)), Image.Resampling.LANCZOS)
    winkel = schaetze_schraeglage(bild)
    if abs(winkel) >= 0.2:
        bild = bild.rotate(winkel, expand=False, resample=Image.Resampling.BICUBIC, fillcolor=255)
    woerter = _tesseract(bild)
    drehung = 0
    if orientierung and _mittlere_konfidenz(woerter) < MIN_KONFIDENZ:
        # upright pages are the rule; only poorly read pages pay for orientation detection
        drehung = _osd_drehung(bild)
        if drehung:
            bild = bild.rotate(-drehung, expand=True, fillcolor=255)
            nach = schaetze_schraeglage(bild)
            if abs(nach) >= 0.2:
                bild = bild.rotate(nach, expand=False, resample=Image.Resampling.BICUBIC, fillcolor=255)
                winkel = round(winkel + nach, 2)  # plane rotations commute: the total deskew
            woerter = _tesseract(bild)
    breite, hoehe = bild.size
    return _seite(nummer, breite, hoehe, woerter, "ocr", drehung=drehung, schraeglage=winkel)


# --- PDF and images --------------------------------------------------------------------------------------


def _pdf_text(inhalt: bytes) -> list[tuple[float, float, list[Wort], int]]:
    """Words per page and the resolution at which to render the page for OCR (native dpi of a scan)."""
    import pdfplumber

    seiten = []
    with pdfplumber.open(io.BytesIO(inhalt)) as pdf:
        for seite in pdf.pages:
            breite, hoehe = float(seite.width), float(seite.height)
            dpi = OCR_DPI
            for bild in seite.images:
                breite_pt = float(bild["x1"]) - float(bild["x0"])
                if breite_pt > 0.5 * breite and bild.get("srcsize"):
                    dpi = max(150, min(OCR_DPI, round(float(bild["srcsize"][0]) / breite_pt * 72)))
            woerter = []
            for w in seite.extract_words(keep_blank_chars=False, use_text_flow=False):
                box = (w["x0"] / breite, w["top"] / hoehe, w["x1"] / breite, w["bottom"] / hoehe)
                woerter.append(Wort(w["text"], tuple(round(v, 4) for v in box), 1.0))
            seiten.append((breite, hoehe, woerter, dpi))
    return seiten


def _rendere(inhalt: bytes, index: int, dpi: int = OCR_DPI) -> Image.Image:
    import pypdfium2 as pdfium

    pdf = pdfium.PdfDocument(inhalt)
    try:
        seite = pdf[index]
        bild: Image.Image = seite.render(scale=dpi / 72, grayscale=True).to_pil()
        seite.close()
    finally:
        pdf.close()
    return bild


def lies_text(inhalt: bytes, mime: str | None = None, *, ocr_immer: bool = False) -> list[Seite]:
    """Pages with words, boxes and confidences for a checked upload (PDF, JPEG, PNG, TIFF)."""
    mime = mime or pruefung.erkenne_typ(inhalt)
    seiten: list[Seite] = []
    if mime == pruefung.PDF:
        for index, (breite, hoehe, woerter, dpi) in enumerate(_pdf_text(inhalt)):
            if len(woerter) >= MIN_WOERTER_TEXT and not ocr_immer:
                seiten.append(_seite(index + 1, breite, hoehe, woerter, "text"))
            else:
                seiten.append(ocr_bild(_rendere(inhalt, index, dpi), index + 1))
        return seiten
    with Image.open(io.BytesIO(inhalt)) as bild:
        for index in range(int(getattr(bild, "n_frames", 1))):
            bild.seek(index)
            seiten.append(ocr_bild(bild.copy(), index + 1))
    return seiten
