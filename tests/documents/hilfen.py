"""Small generated documents for the tests (reportlab), independent of the corpus generator."""

from __future__ import annotations

import io

from PIL import Image
from reportlab.lib.pagesizes import A4
from reportlab.pdfgen import canvas


def text_pdf(
    zeilen: list[str], *, seiten: int = 1, titel: str = "Mietbescheinigung", **optionen: object
) -> bytes:
    puffer = io.BytesIO()
    leinwand = canvas.Canvas(puffer, pagesize=A4, invariant=1, **optionen)  # type: ignore[arg-type]
    for _ in range(seiten):
        leinwand.setFont("Helvetica-Bold", 16)
        leinwand.drawString(60, 780, titel)
        leinwand.setFont("Helvetica", 11)
        for i, zeile in enumerate(zeilen):
            leinwand.drawString(60, 740 - i * 22, zeile)
        leinwand.showPage()
    leinwand.save()
    return puffer.getvalue()


def bild_bytes(bild: Image.Image, format: str = "PNG", **optionen: object) -> bytes:
    puffer = io.BytesIO()
    bild.save(puffer, format=format, **optionen)
    return puffer.getvalue()


MIET_ZEILEN = [
    "Vermieter: Hausverwaltung Sonnenhof GmbH",
    "Mieter: Erika Beispiel",
    "Wohnfläche: 62,50 m²",
    "Mietbeginn: 01.03.2021",
    "Kaltmiete (Grundmiete): 450,00 €",
    "Nebenkosten (ohne Heizung): 120,50 €",
    "Heizkosten: 85,00 €",
    "Ludwigshafen, den 3. Februar 2025",
]
