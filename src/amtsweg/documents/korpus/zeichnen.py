"""Render an :class:`Entwurf` to a text PDF with reportlab, recording where each field is printed."""

from __future__ import annotations

import io
from pathlib import Path
from typing import Any

from reportlab.lib.pagesizes import A4
from reportlab.lib.units import mm
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.pdfgen.canvas import Canvas

from amtsweg.documents.korpus.modell import (
    Absatz,
    Entwurf,
    Karte,
    Layout,
    Posten,
    Tabelle,
    Teil,
    Ueberschrift,
    Umbruch,
    Wert,
)

_SCHRIFTEN = {
    "DejaVuSans": ("dejavu/DejaVuSans.ttf", "dejavu/DejaVuSans-Bold.ttf"),
    "DejaVuSerif": ("dejavu/DejaVuSerif.ttf", "dejavu/DejaVuSerif-Bold.ttf"),
    "DejaVuSansCondensed": ("dejavu/DejaVuSansCondensed.ttf", "dejavu/DejaVuSansCondensed-Bold.ttf"),
    "DejaVuSerifCondensed": ("dejavu/DejaVuSerifCondensed.ttf", "dejavu/DejaVuSerifCondensed-Bold.ttf"),
    "LiberationSans": ("liberation/LiberationSans-Regular.ttf", "liberation/LiberationSans-Bold.ttf"),
    "LiberationSerif": ("liberation/LiberationSerif-Regular.ttf", "liberation/LiberationSerif-Bold.ttf"),
    "LiberationSansNarrow": (
        "liberation/LiberationSansNarrow-Regular.ttf",
        "liberation/LiberationSansNarrow-Bold.ttf",
    ),
    "LiberationMono": ("liberation/LiberationMono-Regular.ttf", "liberation/LiberationMono-Bold.ttf"),
}
_FONTORDNER = Path("/usr/share/fonts/truetype")
_registriert: dict[str, tuple[str, str]] = {}

BREITE, HOEHE = A4
LINKS, RECHTS, OBEN, UNTEN = 25 * mm, 20 * mm, 18 * mm, 22 * mm
TEXTBREITE = BREITE - LINKS - RECHTS


def schrift(name: str) -> tuple[str, str]:
    """(regular, bold) reportlab font names; falls back to DejaVu Sans when a family is not installed."""
    if name in _registriert:
        return _registriert[name]
    normal, fett = _SCHRIFTEN[name]
    if not (_FONTORDNER / normal).exists() or not (_FONTORDNER / fett).exists():
        if name == "DejaVuSans":
            raise RuntimeError("Die Schriftart DejaVu Sans fehlt (Debian-Paket fonts-dejavu-core).")
        _registriert[name] = schrift("DejaVuSans")
        return _registriert[name]
    pdfmetrics.registerFont(TTFont(f"K-{name}", str(_FONTORDNER / normal)))
    pdfmetrics.registerFont(TTFont(f"K-{name}-B", str(_FONTORDNER / fett)))
    _registriert[name] = (f"K-{name}", f"K-{name}-B")
    return _registriert[name]


class Zeichner:
    def __init__(self, entwurf: Entwurf, lay: Layout) -> None:
        self.e, self.lay = entwurf, lay
        self.puffer = io.BytesIO()
        self.c = Canvas(self.puffer, pagesize=A4, invariant=1, pageCompression=1)
        self.c.setTitle(entwurf.titel)
        self.c.setAuthor(entwurf.absender[0])
        self.normal, self.fett = schrift(lay.schrift)
        self.g = lay.groesse
        self.seite = 1
        self.y = HOEHE - OBEN
        self.belege: dict[str, dict[str, Any]] = {}

    # --- primitives -------------------------------------------------------------------------------
    def text(
        self,
        x: float,
        y: float,
        s: str,
        fett: bool = False,
        groesse: float | None = None,
        feld: str | None = None,
        rechts: bool = False,
        farbe: tuple[float, float, float] = (0, 0, 0),
    ) -> None:
        name, g = (self.fett if fett else self.normal), groesse or self.g
        breite = pdfmetrics.stringWidth(s, name, g)
        if rechts:
            x -= breite
        self.c.setFont(name, g)
        self.c.setFillColorRGB(*farbe)
        self.c.drawString(x, y, s)
        self.c.setFillColorRGB(0, 0, 0)
        if feld:
            self.beleg(feld, s, x, y, breite, g)

    def beleg(self, feld: str, s: str, x: float, y: float, breite: float, g: float) -> None:
        if feld not in self.belege:
            box = [round(x, 1), round(HOEHE - y - g, 1), round(x + breite, 1), round(HOEHE - y + 0.25 * g, 1)]
            self.belege[feld] = {"seite": self.seite, "text": s, "box": box}

    def breite(self, s: str, fett: bool = False, groesse: float | None = None) -> float:
        return float(pdfmetrics.stringWidth(s, self.fett if fett else self.normal, groesse or self.g))

    def platz(self, hoehe: float) -> None:
        if self.y - hoehe < UNTEN + 8 * mm:
            self.neue_seite()

    def neue_seite(self) -> None:
        self.fuss()
        self.c.showPage()
        self.seite += 1
        self.y = HOEHE - OBEN
        self.text(LINKS, self.y - 4, self.e.absender[0], fett=True, groesse=self.g - 1, farbe=self.lay.farbe)
        self.c.setStrokeColorRGB(*self.lay.farbe)
        self.c.line(LINKS, self.y - 8, BREITE - RECHTS, self.y - 8)
        self.y -= 22

    def fuss(self) -> None:
        self.c.setStrokeColorRGB(0.6, 0.6, 0.6)
        self.c.line(LINKS, UNTEN, BREITE - RECHTS, UNTEN)
        if self.e.fusszeile:
            self.text(LINKS, UNTEN - 10, self.e.fusszeile, groesse=6.5, farbe=(0.35, 0.35, 0.35))
        self.text(BREITE - RECHTS, UNTEN - 10, f"Seite {self.seite}", groesse=7, rechts=True)

    # --- letterhead ---------------------------------------------------------------------------------
    def kopf(self) -> None:
        lay, name = self.lay, self.e.absender[0]
        zusatz = " · ".join(self.e.absender[1:])
        top = HOEHE - OBEN
        r, g, b = lay.farbe
        self.c.setFillColorRGB(r, g, b)
        self.c.setStrokeColorRGB(r, g, b)
        if lay.kopf == "balken":
            self.c.rect(0, top - 16 * mm, BREITE, 22 * mm + OBEN, stroke=0, fill=1)
            self.text(LINKS, top - 4 * mm, name, fett=True, groesse=15, farbe=(1, 1, 1))
            self.text(LINKS, top - 10 * mm, zusatz, groesse=7.5, farbe=(1, 1, 1))
            self.y = top - 24 * mm
        elif lay.kopf == "linie":
            mitte = BREITE / 2
            self.text(mitte - self.breite(name, True, 15) / 2, top - 5 * mm, name, fett=True, groesse=15)
            self.text(mitte - self.breite(zusatz, False, 7.5) / 2, top - 10 * mm, zusatz, groesse=7.5)
            self.c.setLineWidth(1.2)
            self.c.line(LINKS, top - 13 * mm, BREITE - RECHTS, top - 13 * mm)
            self.c.setLineWidth(1)
            self.y = top - 20 * mm
        elif lay.kopf == "kreis":
            self.c.circle(LINKS + 8 * mm, top - 7 * mm, 8 * mm, stroke=0, fill=1)
            self.text(LINKS + 5.2 * mm, top - 9.5 * mm, name[0], fett=True, groesse=20, farbe=(1, 1, 1))
            self.text(LINKS + 20 * mm, top - 5 * mm, name, fett=True, groesse=14, farbe=lay.farbe)
            self.text(LINKS + 20 * mm, top - 11 * mm, zusatz, groesse=7.5)
            self.y = top - 22 * mm
        elif lay.kopf == "quadrate":
            for i, (dx, dy) in enumerate(((0, 0), (7, 0), (0, 7), (14, 7), (7, 14))):
                self.c.setFillColorRGB(r + (1 - r) * 0.25 * (i % 3), g, b)
                self.c.rect(
                    BREITE - RECHTS - 20 * mm + dx * mm,
                    top - 20 * mm + dy * mm,
                    6 * mm,
                    6 * mm,
                    stroke=0,
                    fill=1,
                )
            self.text(LINKS, top - 5 * mm, name, fett=True, groesse=13)
            self.text(LINKS, top - 10 * mm, zusatz, groesse=7.5, farbe=(0.3, 0.3, 0.3))
            self.y = top - 24 * mm
        else:  # wappen: a simple shield outline
            x0, y0 = BREITE - RECHTS - 16 * mm, top
            pfad = self.c.beginPath()
            pfad.moveTo(x0, y0)
            pfad.lineTo(x0 + 16 * mm, y0)
            pfad.lineTo(x0 + 16 * mm, y0 - 10 * mm)
            pfad.curveTo(x0 + 16 * mm, y0 - 16 * mm, x0 + 10 * mm, y0 - 19 * mm, x0 + 8 * mm, y0 - 20 * mm)
            pfad.curveTo(x0 + 6 * mm, y0 - 19 * mm, x0, y0 - 16 * mm, x0, y0 - 10 * mm)
            pfad.close()
            self.c.drawPath(pfad, stroke=1, fill=1)
            self.c.setFillColorRGB(1, 1, 1)
            self.c.rect(x0 + 7 * mm, y0 - 15 * mm, 2 * mm, 12 * mm, stroke=0, fill=1)
            self.c.rect(x0 + 3 * mm, y0 - 8 * mm, 10 * mm, 2 * mm, stroke=0, fill=1)
            self.text(LINKS, top - 4 * mm, name, fett=True, groesse=13, farbe=lay.farbe)
            self.text(LINKS, top - 9 * mm, zusatz, groesse=7.5)
            self.c.setStrokeColorRGB(r, g, b)
            self.c.line(LINKS, top - 23 * mm, BREITE - RECHTS - 20 * mm, top - 23 * mm)
            self.c.line(LINKS, top - 24 * mm, BREITE - RECHTS - 20 * mm, top - 24 * mm)
            self.y = top - 30 * mm
        self.c.setFillColorRGB(0, 0, 0)
        self.c.setStrokeColorRGB(0, 0, 0)

    def anschriftfeld(self) -> None:
        e = self.e
        if e.brief:
            self.text(LINKS, self.y, " · ".join(e.absender[:3]), groesse=6.5, farbe=(0.3, 0.3, 0.3))
            y = self.y - 5 * mm
            for zeile in e.empfaenger:
                self.text(LINKS, y, zeile)
                y -= self.g * 1.35
            yr = self.y
            for schluessel, wert in [*e.bezug, ("Datum", e.ort_datum)]:
                self.text(BREITE - RECHTS - 62 * mm, yr, f"{schluessel}:", groesse=self.g - 1.5)
                self.text(BREITE - RECHTS, yr, wert, groesse=self.g - 1.5, rechts=True)
                yr -= self.g * 1.3
            self.y = min(y, yr) - 8 * mm
        else:
            teile = [f"{k}: {w}" for k, w in e.bezug] + [e.ort_datum]
            self.text(LINKS, self.y, "   ".join(teile), groesse=self.g - 1.5)
            self.y -= 7 * mm
        self.text(LINKS, self.y, e.titel, fett=True, groesse=self.g + 3)
        self.y -= self.g * 2.2

    # --- blocks ---------------------------------------------------------------------------------------
    def absatz(self, block: Absatz) -> None:
        woerter: list[Teil] = []
        for teil in block.teile:
            woerter.extend(teil.split() if isinstance(teil, str) else [teil])
        zeilen: list[list[Teil]] = [[]]
        for wort in woerter:
            kandidat = [*zeilen[-1], wort]
            if zeilen[-1] and self.breite(_zeile(kandidat), block.fett) > TEXTBREITE:
                zeilen.append([wort])
            else:
                zeilen[-1] = kandidat
        for zeile in zeilen:
            self.platz(self.g * 1.45)
            s = _zeile(zeile)
            self.text(LINKS, self.y, s, fett=block.fett)
            for index, teil in enumerate(zeile):
                if isinstance(teil, Wert) and teil.feld:
                    ende = self.breite(_zeile(zeile[: index + 1]), block.fett)
                    breite = self.breite(teil.text, block.fett)
                    self.beleg(teil.feld, teil.text, LINKS + ende - breite, self.y, breite, self.g)
            self.y -= self.g * 1.45
        self.y -= self.g * 0.6

    def posten(self, block: Posten) -> None:
        zeilen = block.zeilen
        if self.lay.umgekehrt and len(zeilen) > 2:
            zeilen = zeilen[1::2] + zeilen[0::2]
        art, g = self.lay.struktur, self.g
        if art == "tabelle":
            self.tabelle(
                Tabelle(["Angabe", "Wert"], [[k, w] for k, w in zeilen], [0.62, 0.38], frozenset({1}))
            )
            return
        if art in ("formular", "zweispaltig"):
            spalte = TEXTBREITE / 2
            for index in range(0, len(zeilen), 2):
                hoehe = 13 * mm if art == "formular" else 2.9 * g
                self.platz(hoehe)
                for versatz, (k, w) in enumerate(zeilen[index : index + 2]):
                    x = LINKS + versatz * spalte
                    if art == "formular":
                        self.c.setStrokeColorRGB(*self.lay.farbe)
                        self.c.rect(x, self.y - hoehe + g, spalte - 2 * mm, hoehe, stroke=1, fill=0)
                        self.text(x + 1.5 * mm, self.y + g - 3.2 * mm, k, groesse=6.5, farbe=self.lay.farbe)
                        self.text(x + 1.5 * mm, self.y + g - 9.5 * mm, w.text, feld=w.feld)
                    else:
                        self.text(x, self.y, k, fett=True, groesse=g - 1.5, farbe=(0.3, 0.3, 0.3))
                        self.text(x, self.y - 1.25 * g, w.text, feld=w.feld)
                self.y -= hoehe + (1.5 * mm if art == "formular" else 0)
            self.y -= g
            return
        for k, w in zeilen:
            self.platz(g * 1.6)
            if art == "punkte":
                self.text(LINKS, self.y, k)
                start = LINKS + self.breite(k) + 3
                ende = BREITE - RECHTS - self.breite(w.text) - 3
                punkte = "." * max(0, int((ende - start) / self.breite(".")))
                self.text(start, self.y, punkte, farbe=(0.5, 0.5, 0.5))
                self.text(BREITE - RECHTS, self.y, w.text, feld=w.feld, rechts=True)
            else:
                self.text(LINKS, self.y, f"{k}:")
                self.text(LINKS + 68 * mm, self.y, w.text, feld=w.feld, fett=w.feld is not None and g < 10)
            self.y -= g * 1.6
        self.y -= g * 0.6

    def tabelle(self, block: Tabelle) -> None:
        g, zeile_h = self.g - 0.5, (self.g - 0.5) * 1.7
        xs = [LINKS]
        for anteil in block.breiten:
            xs.append(xs[-1] + anteil * TEXTBREITE)

        def kopfzeile() -> None:
            self.c.setFillColorRGB(*[0.85 + 0.15 * k for k in self.lay.farbe])
            self.c.rect(LINKS, self.y - 0.45 * zeile_h, TEXTBREITE, zeile_h, stroke=0, fill=1)
            for index, titel in enumerate(block.kopf):
                if index in block.rechts:
                    self.text(xs[index + 1] - 2, self.y, titel, fett=True, groesse=g, rechts=True)
                else:
                    self.text(xs[index] + 2, self.y, titel, fett=True, groesse=g)
            self.y -= zeile_h

        self.platz(3 * zeile_h)
        kopfzeile()
        for zeile in block.zeilen:
            if self.y - zeile_h < UNTEN + 8 * mm:
                self.neue_seite()
                kopfzeile()
            for index, zelle in enumerate(zeile):
                wert = zelle if isinstance(zelle, Wert) else Wert(zelle)
                if index in block.rechts:
                    self.text(xs[index + 1] - 2, self.y, wert.text, groesse=g, feld=wert.feld, rechts=True)
                else:
                    self.text(xs[index] + 2, self.y, wert.text, groesse=g, feld=wert.feld)
            self.c.setStrokeColorRGB(0.75, 0.75, 0.75)
            self.c.line(LINKS, self.y - 0.45 * zeile_h, BREITE - RECHTS, self.y - 0.45 * zeile_h)
            self.y -= zeile_h
        self.y -= self.g

    def karte(self, block: Karte) -> None:
        b, h = 125 * mm, 80 * mm
        self.platz(h + 5 * mm)
        x0, y0 = LINKS + (TEXTBREITE - b) / 2, self.y - h
        self.c.setFillColorRGB(0.93, 0.95, 0.88)
        self.c.setStrokeColorRGB(0.4, 0.4, 0.4)
        self.c.roundRect(x0, y0, b, h, 4 * mm, stroke=1, fill=1)
        self.c.setFillColorRGB(*self.lay.farbe)
        self.c.rect(x0, y0 + h - 14 * mm, b, 10 * mm, stroke=0, fill=1)
        self.text(x0 + 5 * mm, y0 + h - 10.5 * mm, block.titel, fett=True, groesse=12, farbe=(1, 1, 1))
        y = y0 + h - 22 * mm
        for k, w in block.zeilen:
            self.text(x0 + 5 * mm, y, k, groesse=7, farbe=(0.3, 0.3, 0.3))
            self.text(x0 + 45 * mm, y, w.text, fett=True, groesse=11, feld=w.feld)
            y -= 9 * mm
        self.y = y0 - 8 * mm

    def zeichnen(self) -> tuple[bytes, dict[str, dict[str, Any]], int]:
        self.kopf()
        self.anschriftfeld()
        for block in self.e.bloecke:
            if isinstance(block, Absatz):
                self.absatz(block)
            elif isinstance(block, Ueberschrift):
                self.platz(self.g * 3)
                self.y -= self.g * 0.4
                self.text(LINKS, self.y, block.text, fett=True, groesse=self.g + 1)
                self.y -= self.g * 1.8
            elif isinstance(block, Posten):
                self.posten(block)
            elif isinstance(block, Tabelle):
                self.tabelle(block)
            elif isinstance(block, Karte):
                self.karte(block)
            elif isinstance(block, Umbruch):
                self.neue_seite()
        self.fuss()
        self.c.showPage()
        self.c.save()
        return self.puffer.getvalue(), self.belege, self.seite


def _zeile(teile: list[Teil]) -> str:
    """Join words with spaces, but none before punctuation (``Betrag .`` -> ``Betrag.``)."""
    text = ""
    for teil in teile:
        wort = teil if isinstance(teil, str) else teil.text
        text += wort if not text or wort[:1] in ".,;:)" else " " + wort
    return text


def pdf_erzeugen(entwurf: Entwurf, lay: Layout) -> tuple[bytes, dict[str, dict[str, Any]], int]:
    """PDF bytes, evidence per field (page, printed text, box in points from the top left) and page count."""
    return Zeichner(entwurf, lay).zeichnen()
