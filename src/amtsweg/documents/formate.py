"""Parsing of German amounts, numbers, dates and months, and IBAN validation (ISO 13616, mod 97)."""

from __future__ import annotations

import datetime as dt
import re
from decimal import Decimal, InvalidOperation

MONATE = {
    "januar": 1, "jan": 1, "jänner": 1, "februar": 2, "feb": 2, "märz": 3, "maerz": 3, "mär": 3, "mrz": 3,
    "april": 4, "apr": 4, "mai": 5, "juni": 6, "jun": 6, "juli": 7, "jul": 7, "august": 8, "aug": 8,
    "september": 9, "sep": 9, "sept": 9, "oktober": 10, "okt": 10, "november": 11, "nov": 11,
    "dezember": 12, "dez": 12,
}  # fmt: skip

#: a German amount: 1.234,56 / 1 234,56 / 1234,56 / 1234 / 1.234,- ; optional minus and euro sign
BETRAG = re.compile(
    r"(?<![\d,.])(?P<minus>[-−–]\s?)?(?:€\s?)?"
    r"(?P<ganz>\d{1,3}(?:[.\u202f\u00a0 ]\d{3})+|\d+)"
    r"(?:,(?P<dez>\d{1,2}|-{1,2}))?(?![\d])(?:\s?(?:€|EUR|Euro))?"
)
DATUM = re.compile(r"(?<!\d)(\d{1,2})\.\s?(\d{1,2})\.\s?(\d{4}|\d{2})(?!\d)")
DATUM_LANG = re.compile(r"(?<!\d)(\d{1,2})\.\s?([A-Za-zäÄ]{3,9})\.?\s+(\d{4})", re.I)
MONAT_JAHR = re.compile(
    r"(?<![\w.])([A-Za-zäÄ]{3,9})\.?\s+(\d{4})(?!\d)|(?<![\d.])(\d{1,2})[./](\d{4})(?!\d)"
)
IBAN_MUSTER = re.compile(r"\b([A-Z]{2}\d{2}(?:\s?[A-Z0-9]){11,30})\b")
IBAN_LAENGE = {
    "DE": 22,
    "AT": 20,
    "CH": 21,
    "NL": 18,
    "FR": 27,
    "BE": 16,
    "LU": 20,
    "IT": 27,
    "ES": 24,
    "PL": 28,
}


def parse_betrag(text: str) -> Decimal | None:
    """First German amount in ``text`` as Decimal with two places; None if there is none."""
    treffer = BETRAG.search(text)
    if treffer is None:
        return None
    ganz = re.sub(r"[.\u202f\u00a0 ]", "", treffer.group("ganz"))
    dez = treffer.group("dez") or "00"
    if dez.startswith("-"):
        dez = "00"
    try:
        wert = Decimal(f"{ganz}.{dez.ljust(2, '0')}")
    except InvalidOperation:
        return None
    return -wert if treffer.group("minus") else wert


def alle_betraege(text: str) -> list[tuple[Decimal, int, int]]:
    """All amounts with their character span."""
    ergebnis = []
    for treffer in BETRAG.finditer(text):
        wert = parse_betrag(treffer.group(0))
        if wert is not None:
            ergebnis.append((wert, treffer.start(), treffer.end()))
    return ergebnis


def _jahr(text: str) -> int:
    jahr = int(text)
    return jahr + 2000 if jahr < 100 else jahr


def parse_datum(text: str) -> dt.date | None:
    """First German date (``1.2.2025``, ``01.02.25``, ``1. Februar 2025``) in ``text``."""
    kandidaten: list[tuple[int, dt.date]] = []
    for treffer in DATUM.finditer(text):
        try:
            tag, monat, jahr = int(treffer[1]), int(treffer[2]), _jahr(treffer[3])
            kandidaten.append((treffer.start(), dt.date(jahr, monat, tag)))
            break
        except ValueError:
            continue
    for treffer in DATUM_LANG.finditer(text):
        monat_nr = MONATE.get(treffer[2].lower())
        if monat_nr is None:
            continue
        try:
            kandidaten.append((treffer.start(), dt.date(int(treffer[3]), monat_nr, int(treffer[1]))))
            break
        except ValueError:
            continue
    return min(kandidaten)[1] if kandidaten else None


def parse_monat(text: str) -> str | None:
    """A month (``März 2025``, ``03/2025``, ``03.2025``) as ``YYYY-MM``."""
    for treffer in MONAT_JAHR.finditer(text):
        if treffer[1]:
            monat = MONATE.get(treffer[1].lower())
            jahr = int(treffer[2])
        else:
            monat, jahr = int(treffer[3]), int(treffer[4])
        if monat and 1 <= monat <= 12 and 1900 < jahr < 2100:
            return f"{jahr:04d}-{monat:02d}"
    return None


def parse_zahl(text: str) -> Decimal | None:
    """A plain German number such as ``62,5`` or ``70`` (square metres, GdB)."""
    treffer = re.search(r"(?<![\d,.])(\d{1,3}(?:\.\d{3})+|\d+)(?:,(\d+))?(?![\d])", text)
    if treffer is None:
        return None
    return Decimal(treffer[1].replace(".", "") + ("." + treffer[2] if treffer[2] else ""))


def iban_gueltig(iban: str) -> bool:
    """ISO 13616 check: country length (where known) and mod-97 == 1."""
    kompakt = re.sub(r"\s", "", iban).upper()
    if not re.fullmatch(r"[A-Z]{2}\d{2}[A-Z0-9]{11,30}", kompakt):
        return False
    laenge = IBAN_LAENGE.get(kompakt[:2])
    if laenge is not None and len(kompakt) != laenge:
        return False
    umgestellt = kompakt[4:] + kompakt[:4]
    ziffern = "".join(str(int(zeichen, 36)) for zeichen in umgestellt)
    return int(ziffern) % 97 == 1


def finde_iban(text: str) -> str | None:
    """First valid IBAN in ``text`` (spaces removed); tries the known length for the country first."""
    kompakt_text = text.upper()
    for treffer in IBAN_MUSTER.finditer(kompakt_text):
        kompakt = re.sub(r"\s", "", treffer[1])
        laenge = IBAN_LAENGE.get(kompakt[:2])
        for kandidat in ([kompakt[:laenge]] if laenge else []) + [kompakt]:
            if iban_gueltig(kandidat):
                return kandidat
    return None


def betrag_text(wert: Decimal) -> str:
    """Canonical string for comparison and storage: ``1234.50``."""
    return f"{wert.quantize(Decimal('0.01'))}"
