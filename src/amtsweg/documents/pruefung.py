"""Intake check of uploaded Nachweise before anything is stored or parsed further.

Type by content (magic bytes), never by name; limits on size, pages and pixels; refuses encrypted,
malformed, decompression-bomb, active-content and polyglot files with one clear German sentence.
``pruefe_und_speichere`` stores only after every check passed (storage itself is atomic, see
``amtsweg.cases.ablage``), so a refused file leaves nothing behind.
"""

from __future__ import annotations

import io
import re
import warnings
import zlib
from dataclasses import dataclass
from pathlib import Path

from PIL import Image

from amtsweg.cases import ablage

MAX_GROESSE = 10 * 1024 * 1024
MAX_SEITEN = 30
#: pixels of one image (or of one PDF page rendered at RENDER_DPI)
MAX_PIXEL = 50_000_000
MAX_OBJEKTE = 20_000
#: decoded size of one PDF stream and of all streams together
MAX_STROM = 64 * 1024 * 1024
MAX_STROEME_GESAMT = 256 * 1024 * 1024
RENDER_DPI = 300

PDF, JPEG, PNG, TIFF = "application/pdf", "image/jpeg", "image/png", "image/tiff"

#: markers of content a browser or interpreter would execute; never part of a genuine Nachweis
_AKTIV = re.compile(rb"<\s*(script|html|iframe|object|embed|svg)\b|<!doctype\s+html|<\?php|javascript:", re.I)
_PDF_AKTIV = re.compile(rb"/(JavaScript|JS|Launch|EmbeddedFile|XFA|RichMedia)\b")
_STROM = re.compile(rb"<<(.{0,2000}?)>>\s*stream\r?\n", re.S)


class Pruefungsfehler(ablage.Ablagefehler):
    """Refused upload; the message is German and names the problem."""


@dataclass(frozen=True, slots=True)
class Pruefbericht:
    mime: str
    seiten: int
    groesse: int


def erkenne_typ(inhalt: bytes) -> str | None:
    return ablage.erkenne_typ(inhalt)


def _pruefe_polyglott(inhalt: bytes, mime: str) -> None:
    # a ZIP (also DOCX/JAR/APK) is recognised by readers from its end-of-central-directory record at the end
    if b"PK\x05\x06" in inhalt[-65_557:] or inhalt[:4] == b"PK\x03\x04":
        raise Pruefungsfehler(
            "Die Datei enthält zusätzlich ein ZIP-Archiv und wird deshalb nicht angenommen."
        )
    # stream data of a PDF (often ASCII85, i.e. printable) and compressed image data can contain tag-like
    # bytes by chance; the start of the file is what content sniffing looks at and is always searched
    text = _druckbarer_text(_ohne_stroeme(inhalt) if mime == PDF else inhalt)
    if _AKTIV.search(inhalt[:1024]) or _AKTIV.search(text):
        raise Pruefungsfehler(
            "Die Datei enthält eingebettete Web-Inhalte oder Skripte und wird deshalb nicht angenommen."
        )
    if mime == PDF and _PDF_AKTIV.search(_ohne_stroeme(inhalt)):
        raise Pruefungsfehler(
            "Die PDF-Datei enthält aktive Inhalte (Skripte, Anhänge oder Formularlogik) und wird "
            "deshalb nicht angenommen."
        )


def _druckbarer_text(inhalt: bytes) -> bytes:
    """The runs of printable ASCII (at least 12 characters) of a file, one per line: markup or script hidden
    in a file is text, while compressed image data may contain a tag-like byte sequence ("<SVg") by chance
    (two of 45 generated 150-dpi scans were refused when the whole file was searched)."""
    return b"\n".join(re.findall(rb"[\t\n\r\x20-\x7e]{12,}", inhalt))


def _ohne_stroeme(inhalt: bytes) -> bytes:
    """The PDF's object syntax without stream data (binary image data may contain any byte sequence)."""
    return re.sub(rb"stream\r?\n.*?endstream", b"stream endstream", inhalt, flags=re.S)


def _aktiv_in_objektstrom(kopf: bytes, daten: bytes) -> bool:
    """Object streams (``/Type /ObjStm``) hold dictionaries in compressed form; check them too."""
    return b"/ObjStm" in kopf and _PDF_AKTIV.search(daten) is not None


def _anhang_nach_ende(inhalt: bytes, mime: str) -> bool:
    """True if bytes other than padding follow the format's end marker (appended payload)."""
    if mime == JPEG:
        ende = inhalt.rfind(b"\xff\xd9")
        rest = inhalt[ende + 2 :] if ende >= 0 else b"x"
    elif mime == PNG:
        ende = inhalt.rfind(b"IEND")
        rest = inhalt[ende + 8 :] if ende >= 0 else b"x"
    elif mime == PDF:
        ende = inhalt.rfind(b"%%EOF")
        rest = inhalt[ende + 5 :] if ende >= 0 else b"x"
    else:
        return False
    return len(rest.strip(b"\x00\r\n\t ")) > 0


def _pruefe_bild(inhalt: bytes, mime: str, max_seiten: int, max_pixel: int) -> int:
    alt = Image.MAX_IMAGE_PIXELS
    Image.MAX_IMAGE_PIXELS = max_pixel
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            with Image.open(io.BytesIO(inhalt)) as bild:
                seiten = int(getattr(bild, "n_frames", 1))
                if seiten > max_seiten:
                    raise Pruefungsfehler(f"Die Datei hat zu viele Seiten (höchstens {max_seiten}).")
                for nummer in range(seiten):
                    bild.seek(nummer)
                    breite, hoehe = bild.size
                    if breite * hoehe > max_pixel:
                        raise Pruefungsfehler(
                            f"Das Bild ist zu groß ({breite} × {hoehe} Pixel; höchstens "
                            f"{max_pixel // 1_000_000} Millionen Pixel)."
                        )
                    bild.load()
            with Image.open(io.BytesIO(inhalt)) as bild:
                bild.verify()
    except Pruefungsfehler:
        raise
    except (Image.DecompressionBombError, Image.DecompressionBombWarning) as fehler:
        raise Pruefungsfehler("Das Bild ist zu groß oder manipuliert (Dekompressionsbombe).") from fehler
    except Exception as fehler:
        raise Pruefungsfehler("Die Bilddatei ist beschädigt oder unvollständig.") from fehler
    finally:
        Image.MAX_IMAGE_PIXELS = alt
    return seiten


def _pruefe_stroeme(inhalt: bytes) -> None:
    """Decode every Flate stream with an output limit; a bomb is detected before memory is exhausted."""
    gesamt = 0
    for treffer in _STROM.finditer(inhalt):
        if b"/FlateDecode" not in treffer.group(1):
            continue
        entpacker = zlib.decompressobj()
        start, menge = treffer.end(), 0
        ende = inhalt.find(b"endstream", start)
        daten = inhalt[start : ende if ende > 0 else len(inhalt)]
        try:
            stueck = entpacker.decompress(daten, MAX_STROM + 1)
            menge = len(stueck)
            erster_teil = stueck
            while entpacker.unconsumed_tail and menge <= MAX_STROM:
                stueck = entpacker.decompress(entpacker.unconsumed_tail, MAX_STROM + 1 - menge)
                menge += len(stueck)
        except zlib.error:
            continue  # damaged streams surface when the page is read; not a bomb
        if _aktiv_in_objektstrom(treffer.group(1), erster_teil):
            raise Pruefungsfehler(
                "Die PDF-Datei enthält aktive Inhalte (Skripte, Anhänge oder Formularlogik) und wird "
                "deshalb nicht angenommen."
            )
        gesamt += menge
        if menge > MAX_STROM or gesamt > MAX_STROEME_GESAMT:
            raise Pruefungsfehler(
                "Die PDF-Datei enthält übergroße komprimierte Daten (Dekompressionsbombe) und wird nicht "
                "angenommen."
            )


def _pruefe_pdf(inhalt: bytes, max_seiten: int, max_pixel: int) -> int:
    from pypdf import PdfReader
    from pypdf.errors import PdfReadError

    if len(re.findall(rb"\d+\s+\d+\s+obj\b", inhalt)) > MAX_OBJEKTE:
        raise Pruefungsfehler("Die PDF-Datei enthält zu viele Objekte und wird nicht angenommen.")
    if b"/Encrypt" in inhalt:
        raise Pruefungsfehler("Verschlüsselte PDF-Dateien können nicht verarbeitet werden.")
    _pruefe_stroeme(inhalt)
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            leser = PdfReader(io.BytesIO(inhalt), strict=False)
            if leser.is_encrypted:
                raise Pruefungsfehler("Verschlüsselte PDF-Dateien können nicht verarbeitet werden.")
            seiten = len(leser.pages)
            if seiten > max_seiten:
                raise Pruefungsfehler(f"Die PDF-Datei hat zu viele Seiten (höchstens {max_seiten}).")
            for seite in leser.pages:
                breite, hoehe = float(seite.mediabox.width), float(seite.mediabox.height)
                pixel = (breite / 72 * RENDER_DPI) * (hoehe / 72 * RENDER_DPI)
                if breite <= 0 or hoehe <= 0 or pixel > max_pixel:
                    raise Pruefungsfehler(
                        "Eine Seite der PDF-Datei hat ein ungültiges oder zu großes Format."
                    )
    except Pruefungsfehler:
        raise
    except (PdfReadError, ValueError, KeyError, TypeError, AttributeError, RecursionError) as fehler:
        raise Pruefungsfehler("Die PDF-Datei ist beschädigt und kann nicht gelesen werden.") from fehler
    if seiten == 0:
        raise Pruefungsfehler("Die PDF-Datei enthält keine Seite.")
    return seiten


def pruefe(
    inhalt: bytes,
    *,
    max_groesse: int = MAX_GROESSE,
    max_seiten: int = MAX_SEITEN,
    max_pixel: int = MAX_PIXEL,
) -> Pruefbericht:
    """Check an upload; raises ``Pruefungsfehler`` with a German message if it must be refused."""
    if not inhalt:
        raise Pruefungsfehler("Die Datei ist leer.")
    if len(inhalt) > max_groesse:
        raise Pruefungsfehler(f"Die Datei ist zu groß (höchstens {max_groesse / (1024 * 1024):g} MB).")
    mime = erkenne_typ(inhalt)
    if mime is None:
        raise Pruefungsfehler("Dieser Dateityp wird nicht angenommen. Erlaubt sind PDF, JPEG, PNG und TIFF.")
    _pruefe_polyglott(inhalt, mime)
    if _anhang_nach_ende(inhalt, mime):
        raise Pruefungsfehler(
            "Nach dem Ende der Datei folgen weitere Daten (angehängter Inhalt); "
            "die Datei wird nicht angenommen."
        )
    if mime == PDF:
        seiten = _pruefe_pdf(inhalt, max_seiten, max_pixel)
    else:
        seiten = _pruefe_bild(inhalt, mime, max_seiten, max_pixel)
    return Pruefbericht(mime=mime, seiten=seiten, groesse=len(inhalt))


def pruefe_und_speichere(
    ordner: Path, dateiname: str, inhalt: bytes, **grenzen: int
) -> tuple[Pruefbericht, ablage.GespeicherteDatei]:
    """Check completely, then store atomically; a refused file is never written."""
    bericht = pruefe(inhalt, **grenzen)
    gespeichert = ablage.speichere(
        ordner, dateiname, inhalt, max_groesse=grenzen.get("max_groesse", MAX_GROESSE)
    )
    return bericht, gespeichert
