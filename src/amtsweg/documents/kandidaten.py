"""Value candidates and their context features for the learned field extractor.

A candidate is a value of the field's kind found anywhere in the document (every amount for an amount
field, every date for a date field, ...). Its features describe where it stands: the words to its left on
the same line, the column header above it, the previous line, the words right of it, its position among the
values of the line, the place on the page, and whether the domain's label stems occur nearby. The learned
model (``extraktion``) scores the candidates of one document and proposes the best one.
"""

from __future__ import annotations

import calendar
import datetime as dt
import itertools
import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from decimal import Decimal

from amtsweg.documents import formate
from amtsweg.documents.text import Seite, Zeile

_DATUM_ALLE = re.compile(formate.DATUM.pattern + "|" + formate.DATUM_LANG.pattern, re.I)
_MONAT_ZAHL = re.compile(r"(?<![\d.])(\d{1,2})/(\d{4})(?!\d)")
_MERKZ = re.compile(r"(?<![\w.])(aG|TBl|Bl|Gl|RF|G|B|H)(?![\w])")
_ANSCHRIFT = re.compile(
    r"[A-ZÄÖÜ][\wäöüß.\- ]{2,40}? \d{1,4}\s?[a-z]?\s?,\s?\d{5} "  # street, number, postcode
    r"[A-ZÄÖÜ][\wäöüß\-]+(?: (?:am|im|an der) [\wäöüß]+| [A-ZÄÖÜ][\wäöüß]+)?"  # town
)
_WORT = re.compile(r"[a-zäöüß]{2,}")


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
        # plain integers without cents or currency are house numbers, years, IDs — not amounts
        if "," not in roh and not re.search(r"€|eur", roh, re.I):
            continue
        wert = formate.parse_betrag(roh)
        if wert is not None:
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

#: kind of value per field (all types)
ART = {
    "kaltmiete": "betrag",
    "nebenkosten": "betrag",
    "heizkosten": "betrag",
    "wohnflaeche": "flaeche",
    "mietbeginn": "datum",
    "vermieter": "text",
    "anschrift": "anschrift",
    "brutto": "betrag",
    "netto": "betrag",
    "steuer": "betrag",
    "sozialversicherung": "betrag",
    "arbeitgeber": "text",
    "abrechnungsmonat": "monat",
    "iban": "iban",
    "rentenbetrag": "betrag",
    "kv_pv_beitrag": "betrag",
    "zahlbetrag": "betrag",
    "gueltig_ab": "datum",
    "tagessatz": "betrag",
    "zeitraum_von": "datum",
    "zeitraum_bis": "datum",
    "kontostand": "betrag",
    "zeitraum": "zeitraum",
    "gdb": "gdb",
    "merkzeichen": "merkzeichen",
    "gueltig_bis": "gueltig",
    "betrag_monat": "betrag",
    "kind": "text",
}

#: domain label stems per field (general German administrative wording); a feature, not a rule
STAEMME = {
    "kaltmiete": r"kaltmiete|grundmiete|nettomiete|miete ohne",
    "nebenkosten": r"nebenkosten|betriebskosten",
    "heizkosten": r"heiz|warmwasser",
    "wohnflaeche": r"fläche|wohnfl|größe",
    "mietbeginn": r"beginn|seit|einzug",
    "vermieter": r"vermiet|eigentüm|verwalt",
    "anschrift": r"anschrift|lage|objekt|wohnung",
    "brutto": r"brutto",
    "netto": r"netto",
    "steuer": r"steuer",
    "sozialversicherung": r"\bsv\b|sozialvers",
    "arbeitgeber": r"arbeitgeb|firma|betrieb|unternehm",
    "abrechnungsmonat": r"monat|zeitraum|periode|abrechnung",
    "iban": r"iban",
    "rentenbetrag": r"rente",
    "kv_pv_beitrag": r"kranken|pflege|kv|pv",
    "zahlbetrag": r"zahl|auszahl",
    "gueltig_ab": r"\bab\b|beginn|wirksam",
    "tagessatz": r"täglich|tages|satz",
    "zeitraum_von": r"\bab\b|\bvom\b|beginn",
    "zeitraum_bis": r"\bbis\b|ende",
    "kontostand": r"saldo|kontostand",
    "zeitraum": r"zeitraum|vom|umsätze",
    "gdb": r"gdb|grad",
    "merkzeichen": r"merkz|nachteil",
    "gueltig_bis": r"gültig|befrist",
    "betrag_monat": r"monat|unterhaltsvorschuss|leistung",
    "kind": r"kind",
}


@dataclass(slots=True)
class Kandidat:
    wert: str
    seite: Seite
    zeile: Zeile
    zeilen_index: int
    start: int
    ende: int
    merkmale: dict[str, float]


def _woerter(text: str, praefix: str) -> dict[str, float]:
    return {f"{praefix}{w}": 1.0 for w in _WORT.findall(text.lower())}


def _ngramme(text: str, praefix: str, n: int = 4) -> dict[str, float]:
    klein = f" {re.sub(r'[^a-zäöüß ]', ' ', text.lower())} "
    klein = re.sub(r" +", " ", klein)
    return {f"{praefix}{klein[i : i + n]}": 1.0 for i in range(max(0, len(klein) - n + 1))}


def _kopf(seite: Seite, index: int, x0: float, x1: float) -> str:
    """Words of the nearest line above (up to 4) overlapping the candidate horizontally, with letters."""
    for zeile in reversed(seite.zeilen[max(0, index - 4) : index]):
        woerter = [w.text for w in zeile.woerter if w.box[2] >= x0 - 0.01 and w.box[0] <= x1 + 0.01]
        if any(_WORT.search(w.lower()) for w in woerter):
            return " ".join(woerter)
    return ""


def kandidaten(feld: str, seiten: list[Seite], andere: tuple[str, ...] = ()) -> list[Kandidat]:
    """Candidates for ``feld``; ``andere`` are the other fields of the document type, whose label stems
    near a candidate speak against it (a "Betriebskosten (ohne Heizung)" amount is no Heizkosten)."""
    art = ART[feld]
    finder = FINDER[art]
    stamm = re.compile(STAEMME[feld])
    negiert = re.compile(r"(ohne|exkl\.?|abzüglich)\s+\S*(" + STAEMME[feld] + ")")
    fremde = {name: re.compile(STAEMME[name]) for name in andere if name != feld}
    ergebnis = []
    for seite in seiten:
        for index, zeile in enumerate(seite.zeilen):
            funde = list(finder(zeile.text))
            for nummer, fund in enumerate(funde):
                box = zeile.box_von(fund.start, fund.ende) or (0.0, 0.0, 0.0, 0.0)
                links = zeile.text[: fund.start]
                segment_links = links.rstrip().split("   ")[-1] if links.strip() else ""
                rechts = zeile.text[fund.ende :]
                kopf = _kopf(seite, index, box[0], box[2])
                vorher = seite.zeilen[index - 1].text if index else ""
                m: dict[str, float] = {"bias": 1.0}
                m.update(_woerter(" ".join(links.split()[-6:]), "L:"))
                m.update(_ngramme(segment_links[-40:], "LS:"))
                m.update(_woerter(" ".join(rechts.split()[:3]), "R:"))
                m.update(_woerter(kopf, "H:"))
                m.update(_ngramme(kopf[-40:], "HS:"))
                m.update(_woerter(vorher, "P:"))
                m[f"pos:{min(nummer, 3)}"] = 1.0
                m[f"letzter:{nummer == len(funde) - 1}"] = 1.0
                m[f"anzahl:{min(len(funde), 4)}"] = 1.0
                m[f"seite:{min(seite.nummer, 3)}"] = 1.0
                m[f"y:{int(box[1] * 5)}"] = 1.0
                m[f"x:{int(box[0] * 3)}"] = 1.0
                m["leer_links"] = float(not segment_links.strip())
                m["stamm_links"] = float(bool(stamm.search(links.lower())))
                m["stamm_segment"] = float(bool(stamm.search(segment_links.lower())))
                m["stamm_kopf"] = float(bool(stamm.search(kopf.lower())))
                m["stamm_vorher"] = float(bool(stamm.search(vorher.lower())))
                segment, kopf_klein = segment_links.lower(), kopf.lower()
                m["negiert"] = float(bool(negiert.search(segment)))
                for name, muster in fremde.items():
                    if muster.search(segment):
                        m["fremd_segment"] = 1.0
                        m[f"fremd_segment:{name}"] = 1.0
                    if muster.search(kopf_klein):
                        m["fremd_kopf"] = 1.0
                m["eigen_und_fremd"] = float(m["stamm_segment"] > 0 and m.get("fremd_segment", 0.0) > 0)
                m.update(_wertmerkmale(art, fund.wert))
                ergebnis.append(Kandidat(fund.wert, seite, zeile, index, fund.start, fund.ende, m))
    return ergebnis


def _wertmerkmale(art: str, wert: str) -> dict[str, float]:
    if art == "betrag":
        betrag = Decimal(wert)
        return {
            f"groesse:{len(str(abs(int(betrag))))}": 1.0,
            "negativ": float(betrag < 0),
            "rund": float(betrag == betrag.to_integral_value()),
        }
    if art == "text":
        woerter = wert.split()
        return {
            f"woerter:{min(len(woerter), 6)}": 1.0,
            "ziffern": float(bool(re.search(r"\d", wert))),
            "rechtsform": float(bool(re.search(r"\b(GmbH|AG|KG|eG|e\.K\.|gGmbH|Partner)\b", wert))),
            "gross": float(all(w[:1].isupper() or w in ("&", "und") for w in woerter)),
            **_ngramme(wert, "V:", 3),
        }
    if art in ("datum", "gueltig") and wert[:2].isdigit():
        tag = dt.date.fromisoformat(wert)
        return {"erster": float(tag.day == 1), "monatsende": float((tag + dt.timedelta(days=1)).day == 1)}
    return {}
