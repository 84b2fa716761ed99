"""Value finders for the field extractor: every amount, area, date, month, IBAN, GdB, Merkzeichen, period,
text segment or address in a line of text, normalised (amounts "1234.56", dates ISO)."""

from __future__ import annotations

import calendar
import datetime as dt
import itertools
import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from decimal import Decimal

from amtsweg.documents import formate

_DATUM_ALLE = re.compile(formate.DATUM.pattern + "|" + formate.DATUM_LANG.pattern, re.I)
_MONAT_ZAHL = re.compile(r"(?<![\d.])(\d{1,2})/(\d{4})(?!\d)")
_MERKZ = re.compile(r"(?<![\w.])(aG|TBl|Bl|Gl|RF|G|B|H)(?![\w])")
_ANSCHRIFT = re.compile(
    r"[A-ZÄÖÜ][\wäöüß.\- ]{2,40}? \d{1,4}\s?[a-z]?\s?,\s?\d{5} "  # street, number, postcode
    r"[A-ZÄÖÜ][\wäöüß\-]+(?: (?:am|im|an der) [\wäöüß]+| [A-ZÄÖÜ][\wäöüß]+)?"  # town
)


@dataclass(frozen=True, slots=True)
class Fund:
    wert: str
    start: int
    ende: int


def _betraege(text: str) -> Iterator[Fund]:
    for treffer in formate.BETRAG.finditer(text):
        danach = text[treffer.end() : treffer.end() + 6].lower()
        if re.match(r"\s*(%|m²|m2|qm|tage|std|zimmer|\.\d)", danach) or re.match(
            r"\.\d", text[treffer.end() :]
        ):
            continue
        roh = treffer.group(0)
        waehrung = re.search(r"€|eur", roh, re.I) or re.search(
            r"(€|eur|euro)\s*$", text[: treffer.start()], re.I
        )
        # plain integers without cents or currency are house numbers, years, IDs — not amounts; one decimal
        # place without currency is a factor ("Rentenartfaktor 1,0"), not money
        if not waehrung and ("," not in roh or re.search(r",\d(?!\d)", roh)):
            continue
        wert = formate.parse_betrag(roh)
        if wert is not None:
            # bank statements mark a debit balance with "S" (Soll) after the amount instead of a minus
            if wert > 0 and re.match(r"\s{0,3}S(?![\wäöüß.])", text[treffer.end() :]):
                wert = -wert
            yield Fund(formate.betrag_text(wert), treffer.start(), treffer.end())


def _flaechen(text: str) -> Iterator[Fund]:
    # OCR reads the superscript two as "2", "?", "*" or drops it
    for treffer in re.finditer(
        r"(?<![\d,.])(\d{1,3}(?:\.\d{3})*|\d+)(?:,(\d{1,2}))?\s*(?:m[²2?*°³']?|qm)(?![a-zäöü])", text
    ):
        wert = Decimal(treffer[1].replace(".", "") + "." + (treffer[2] or "0"))
        yield Fund(f"{wert.quantize(Decimal('0.01'))}", treffer.start(), treffer.end())


def _daten(text: str) -> Iterator[Fund]:
    for treffer in _DATUM_ALLE.finditer(text):
        tag = formate.parse_datum(treffer.group(0))
        if tag is not None:
            yield Fund(tag.isoformat(), treffer.start(), treffer.end())


def _daten_oder_monatsende(text: str) -> Iterator[Fund]:
    yield from _daten(text)
    for treffer in _MONAT_ZAHL.finditer(text):
        monat, jahr = int(treffer[1]), int(treffer[2])
        if 1 <= monat <= 12:
            tag = dt.date(jahr, monat, calendar.monthrange(jahr, monat)[1])
            yield Fund(tag.isoformat(), treffer.start(), treffer.end())
    for treffer in re.finditer(r"unbefristet", text, re.I):
        yield Fund("unbefristet", treffer.start(), treffer.end())


def _monate(text: str) -> Iterator[Fund]:
    for treffer in formate.MONAT_JAHR.finditer(text):
        monat = formate.parse_monat(treffer.group(0))
        if monat is not None:
            yield Fund(monat, treffer.start(), treffer.end())


def _ibans(text: str) -> Iterator[Fund]:
    gross = text.upper()
    for treffer in formate.IBAN_MUSTER.finditer(gross):
        iban = formate.finde_iban(treffer.group(0))
        if iban is not None:
            yield Fund(iban, treffer.start(), treffer.end())


def _gdb(text: str) -> Iterator[Fund]:
    for treffer in re.finditer(r"(?<![\d.,/])(100|[2-9]0)(?![\d.,/])", text):
        yield Fund(treffer[1], treffer.start(), treffer.end())


def _merkzeichen(text: str) -> Iterator[Fund]:
    for treffer in re.finditer(r"\bkeine\b", text):
        yield Fund("", treffer.start(), treffer.end())
    gruppe: list[re.Match[str]] = []
    for treffer in _MERKZ.finditer(text):
        if gruppe and re.fullmatch(r"[ ,]{1,3}", text[gruppe[-1].end() : treffer.start()]):
            gruppe.append(treffer)
            continue
        if gruppe:
            yield Fund(", ".join(t[1] for t in gruppe), gruppe[0].start(), gruppe[-1].end())
        gruppe = [treffer]
    if gruppe:
        yield Fund(", ".join(t[1] for t in gruppe), gruppe[0].start(), gruppe[-1].end())


def _zeitraeume(text: str) -> Iterator[Fund]:
    daten = list(_daten(text))
    for a, b in itertools.pairwise(daten):
        if (
            re.fullmatch(r"\s*(-|–|bis|bis zum|bis einschließlich)\s*", text[a.ende : b.start], re.I)
            and a.wert < b.wert
        ):
            yield Fund(f"{a.wert}/{b.wert}", a.start, b.ende)


def _saeubere(roh: str) -> tuple[str, int, int]:
    """Strip separators and leader dots; keep the final dot of abbreviations (``e.K.``)."""
    links = len(roh) - len(roh.lstrip(" :.,;–-"))
    wert = roh.strip(" :,;–-").lstrip(".")
    if wert.endswith(".") and not re.search(r"(\b\w{1,3}\.)+$", wert):
        wert = wert[:-1]
    return wert, links, links + len(wert)


def _texte(text: str) -> Iterator[Fund]:
    """Column segments (split at wide gaps, colons and dot leaders) and capitalised name runs."""
    gesehen: set[tuple[int, int]] = set()
    for segment in re.finditer(r"[^ .](?:(?!   |\.{3}).)*", text):
        teil = segment.group(0)
        for anfang in [0, *(m.end() for m in re.finditer(r":\s*", teil))]:
            wert, a, _ = _saeubere(teil[anfang:])
            start = segment.start() + anfang + a
            if (
                3 <= len(wert) <= 70
                and re.search(r"[A-Za-zÄÖÜäöüß]{2}", wert)
                and (start, len(wert)) not in gesehen
            ):
                gesehen.add((start, len(wert)))
                yield Fund(normalisiere_text(wert), start, start + len(wert))
    for treffer in re.finditer(
        r"(?:[A-ZÄÖÜ][\wäöüßć\-]+ (?:& )?){1,3}(?:[A-ZÄÖÜ][\wäöüßć\-]+|eG|e\.K\.)", text
    ):
        if (treffer.start(), len(treffer.group(0))) not in gesehen:
            gesehen.add((treffer.start(), len(treffer.group(0))))
            yield Fund(treffer.group(0), treffer.start(), treffer.end())


def _anschriften(text: str) -> Iterator[Fund]:
    """Street, number, postcode and town; tried from every capitalised word (the start is learned)."""
    for wort in re.finditer(r"(?<![\wäöüß])[A-ZÄÖÜ]", text):
        treffer = _ANSCHRIFT.match(text, wort.start())
        if treffer is not None:
            yield Fund(normalisiere_text(treffer.group(0)), treffer.start(), treffer.end())


def normalisiere_text(text: str) -> str:
    text = re.sub(r"\s+", " ", text).strip()
    return re.sub(r"\s+([,.])", r"\1", text)


FINDER: dict[str, Callable[[str], Iterator[Fund]]] = {
    "betrag": _betraege,
    "flaeche": _flaechen,
    "datum": _daten,
    "gueltig": _daten_oder_monatsende,
    "monat": _monate,
    "iban": _ibans,
    "gdb": _gdb,
    "merkzeichen": _merkzeichen,
    "zeitraum": _zeitraeume,
    "text": _texte,
    "anschrift": _anschriften,
}
