"""Turn a text PDF into degraded scans or phone photos (pypdfium2 rasterises, Pillow/numpy damage)."""

from __future__ import annotations

import io
import math
from typing import Any

import numpy as np
import pypdfium2 as pdfium
from PIL import Image, ImageFilter
from reportlab.lib.pagesizes import A4
from reportlab.lib.utils import ImageReader
from reportlab.pdfgen.canvas import Canvas


def seiten_rastern(pdf: bytes, dpi: int) -> list[Image.Image]:
    dokument = pdfium.PdfDocument(pdf)
    try:
        bilder = []
        for index in range(len(dokument)):
            seite = dokument[index]
            bild = seite.render(scale=dpi / 72, grayscale=False).to_pil().convert("RGB")
            bilder.append(bild)
            seite.close()
        return bilder
    finally:
        dokument.close()


def scan_seite(bild: Image.Image, rng: np.random.Generator, dpi: int) -> tuple[Image.Image, dict[str, Any]]:
    """Flatbed scan: slight rotation, blur, grey paper, noise; grayscale, same pixel size as the page."""
    winkel = float(rng.uniform(-3.0, 3.0))
    unschaerfe = float(rng.uniform(0.0, 1.1)) * dpi / 200
    grau = bild.convert("L")
    grau = grau.rotate(winkel, resample=Image.Resampling.BICUBIC, expand=False, fillcolor=255)
    if unschaerfe > 0.15:
        grau = grau.filter(ImageFilter.GaussianBlur(unschaerfe))
    papier = int(rng.integers(225, 250))
    feld = np.asarray(grau, dtype=np.float32) * (papier / 255.0)
    feld += rng.normal(0.0, float(rng.uniform(3.0, 12.0)), feld.shape)
    if rng.random() < 0.5:  # dust specks
        for _ in range(int(rng.integers(5, 60))):
            y, x = int(rng.integers(0, feld.shape[0])), int(rng.integers(0, feld.shape[1]))
            feld[y : y + 2, x : x + 2] = rng.uniform(0, 90)
    ergebnis = Image.fromarray(np.clip(feld, 0, 255).astype(np.uint8))
    return ergebnis, {"rotation_grad": round(winkel, 2), "unschaerfe_px": round(unschaerfe, 2)}


def foto_seite(bild: Image.Image, rng: np.random.Generator) -> tuple[Image.Image, dict[str, Any]]:
    """Phone photo: page on a darker background, perspective warp, uneven light, colour cast, noise."""
    b, h = bild.size
    rand = int(0.08 * b)
    hintergrund = tuple(int(v) for v in rng.integers(60, 140, 3))
    leinwand = Image.new("RGB", (b + 2 * rand, h + 2 * rand), hintergrund)
    leinwand.paste(bild, (rand, rand))
    gb, gh = leinwand.size
    # target corners of the page in the photo, jittered; PIL wants the inverse mapping (output -> input)
    j = 0.05
    ziel = [
        (rand + rng.uniform(-j, j) * b, rand + rng.uniform(-j, j) * h),
        (rand + b + rng.uniform(-j, j) * b, rand + rng.uniform(-j, j) * h),
        (rand + b + rng.uniform(-j, j) * b, rand + h + rng.uniform(-j, j) * h),
        (rand + rng.uniform(-j, j) * b, rand + h + rng.uniform(-j, j) * h),
    ]
    quelle = [(rand, rand), (rand + b, rand), (rand + b, rand + h), (rand, rand + h)]
    koeff = _perspektive(ziel, quelle)
    foto = leinwand.transform(
        (gb, gh), Image.Transform.PERSPECTIVE, koeff, Image.Resampling.BICUBIC, fillcolor=hintergrund
    )
    feld = np.asarray(foto, dtype=np.float32)
    yy, xx = np.mgrid[0 : feld.shape[0], 0 : feld.shape[1]].astype(np.float32)
    winkel = float(rng.uniform(0, 2 * math.pi))
    verlauf = np.cos(winkel) * xx / feld.shape[1] + np.sin(winkel) * yy / feld.shape[0]
    licht = 0.72 + 0.3 * (verlauf - verlauf.min()) / max(1e-6, float(np.ptp(verlauf)))
    cy, cx = rng.uniform(0.2, 0.8) * feld.shape[0], rng.uniform(0.2, 0.8) * feld.shape[1]
    abstand = np.sqrt(((yy - cy) / feld.shape[0]) ** 2 + ((xx - cx) / feld.shape[1]) ** 2)
    licht = licht * (1.08 - 0.35 * abstand)
    farbstich = np.array([1.0, rng.uniform(0.95, 1.0), rng.uniform(0.85, 0.97)], dtype=np.float32)
    feld = feld * licht[..., None] * farbstich
    feld += rng.normal(0.0, float(rng.uniform(2.0, 7.0)), feld.shape[:2])[..., None]
    ergebnis = Image.fromarray(np.clip(feld, 0, 255).astype(np.uint8))
    ergebnis = ergebnis.filter(ImageFilter.GaussianBlur(float(rng.uniform(0.3, 1.0))))
    return ergebnis, {"perspektive": [[round(x, 1), round(y, 1)] for x, y in ziel]}


def _perspektive(ziel: list[tuple[float, float]], quelle: list[tuple[int, int]]) -> tuple[float, ...]:
    """Coefficients mapping output points ``ziel`` to input points ``quelle`` (PIL PERSPECTIVE convention)."""
    zeilen, rechts = [], []
    for (x, y), (u, v) in zip(ziel, quelle, strict=True):
        zeilen.append([x, y, 1, 0, 0, 0, -u * x, -u * y])
        zeilen.append([0, 0, 0, x, y, 1, -v * x, -v * y])
        rechts.extend([u, v])
    loesung = np.linalg.solve(np.array(zeilen, dtype=np.float64), np.array(rechts, dtype=np.float64))
    return tuple(float(w) for w in loesung)


def jpeg(bild: Image.Image, qualitaet: int, dpi: int | None = None) -> bytes:
    puffer = io.BytesIO()
    extra = {"dpi": (dpi, dpi)} if dpi else {}
    bild.save(puffer, format="JPEG", quality=qualitaet, optimize=False, **extra)
    return puffer.getvalue()


def bild_pdf(jpegs: list[bytes], dpi: int) -> bytes:
    """Image-only PDF, one JPEG per A4 page, embedded unchanged (as a scanner would produce it)."""
    puffer = io.BytesIO()
    c = Canvas(puffer, pagesize=A4, invariant=1)
    c.setTitle("Scan")
    for daten in jpegs:
        c.drawImage(ImageReader(io.BytesIO(daten)), 0, 0, width=A4[0], height=A4[1])
        c.showPage()
    c.save()
    return puffer.getvalue()


def tiff(bilder: list[Image.Image], dpi: int, qualitaet: int) -> bytes:
    """Multi-page TIFF with JPEG compression (as office scanners write it; LZW is huge on noise)."""
    puffer = io.BytesIO()
    bilder[0].save(
        puffer,
        format="TIFF",
        save_all=True,
        append_images=bilder[1:],
        compression="jpeg",
        quality=qualitaet,
        dpi=(dpi, dpi),
    )
    return puffer.getvalue()


def png(bild: Image.Image, dpi: int) -> bytes:
    puffer = io.BytesIO()
    bild.save(puffer, format="PNG", dpi=(dpi, dpi), optimize=False)
    return puffer.getvalue()
