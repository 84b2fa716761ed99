"""Value candidates and their context features for the learned field extractor.

A candidate is a value of the field's kind found anywhere in the document (every amount for an amount
field, every date for a date field, ...). Its features describe where it stands: the words to its left on
the same line, the column header above it, the previous line, the words right of it, its position among the
values of the line, the place on the page, and whether the domain's label stems occur nearby. The learned
model (``extraktion``) scores the candidates of one document and proposes the best one.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from decimal import Decimal

from amtsweg.documents.funde import FINDER, normalisiere_text
from amtsweg.documents.rechnung import Rechnung
from amtsweg.documents.text import Seite, Zeile

__all__ = ["ART", "FINDER", "STAEMME", "Kandidat", "kandidaten", "normalisiere_text"]

_WORT = re.compile(r"[a-zäöüß]{2,}")
_EINMALIG = re.compile(r"nachzahl|kaution|jahres|kumul|einmalig|erstatt")
#: fields that are totals of several printed parts (all taxes, all social insurance contributions)
SUMMENFELDER = frozenset({"steuer", "sozialversicherung"})
_WAEHRUNG_LINKS = re.compile(r"\s?(€|EUR|Euro)\s?$")
#: an address starts with its street: a word with a street suffix, or a street prefix ("Am Markt 3")
_STRASSE_BEGINN = re.compile(
    r"([\wäöüß\-]*(straße|strasse|str\.|weg|allee|platz|ring|gasse|damm|ufer|chaussee|steig|pfad|markt|"
    r"grund|hof|berg|feld|garten|wall|graben|park|promenade|zeile|twiete|stieg|kamp|anger|aue|tor)\b)"
    r"|((am|an der|an den|im|in der|auf dem|auf der|zum|zur|hinter dem|unter den|alte|neue|großer|kleine)\s)",
    re.I,
)
#: words of form boilerplate ("Vordruck Mietbescheinigung", "Angaben zur Wohnung"): not a name
_FORMULARWORT = re.compile(
    r"vordruck|angaben|vorlage|bescheinigung|gelegen|anlage|hinweis|formular|unterschrift|ausgefüllt|"
    r"wohngeldbehörde|antrag|seite \d|\bnr\b|nummer|"
    # payroll lines are no names: contributions, shares, levies ("KV-Beitrag AG", "VL-AG-Anteil § 23 TVöD")
    r"beitrag|anteil|umlage|zuschuss|zulage|§|\b(kv|rv|av|pv|vl)\b|"
    # the payroll software printed in a footer ("DATEV eG") is not the employer
    r"datev|\bsap\b|lexware|addison|\badp\b"
)
#: a phrase ending in a preposition or article is a cut-off label ("Wohnung gelegen in")
_OFFENE_ENDEN = frozenset(
    [
        "in",
        "zur",
        "zum",
        "bei",
        "für",
        "von",
        "an",
        "am",
        "im",
        "der",
        "die",
        "das",
        "des",
        "dem",
        "den",
        "mit",
        "und",
        "auf",
        "über",
        "unter",
        "aus",
        "nach",
    ]
)


#: a label naming a party (landlord, managing agent, employer, sender): its address is not the flat's
_PARTEI = re.compile(r"vermiet|eigentüm|verwalt|arbeitgeb|absender|firma|unternehm")

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
    "auszahlung": "betrag",
    "gesamtmiete": "betrag",
    "kontoinhaber": "text",
    "rentenbeginn": "datum",
    "monatsbetrag": "betrag",
}

#: domain label stems per field (general German administrative wording); a feature, not a rule
STAEMME = {
    "kaltmiete": r"kaltmiete|grundmiete|nettomiete|nettokalt|miete ohne|miete\W{0,3}kalt|mietzins|basismiete",
    "nebenkosten": r"nebenkosten|betriebskosten|umlage|nebenleistung|\bbk\b|\bnk\b",
    "heizkosten": r"heiz|warmwasser|wärme",
    "wohnflaeche": r"fläche|wohnfl|größe|quadratmeter|\bqm\b|m²",
    "mietbeginn": r"beginn|seit|einzug|bezug|übergabe",
    "vermieter": r"vermiet|eigentüm|verwalt|wohnungsgeber|wohnungsunternehm",
    "anschrift": r"anschrift|lage|objekt|wohnung|adresse",
    "brutto": r"brutto",
    "netto": r"netto",
    "steuer": r"steuer|\blst\b|solidarit|\bsoli\b",
    "sozialversicherung": r"\bsv\b|sozialvers|sozialabgab",
    "arbeitgeber": r"arbeitgeb|firma|betrieb|unternehm|beschäftig|dienstgeb",
    "abrechnungsmonat": r"monat|zeitraum|periode|abrechnung",
    "iban": r"iban|bankverbindung",
    "rentenbetrag": r"rente",
    "kv_pv_beitrag": r"kranken|pflege|kv|pv",
    "zahlbetrag": r"zahl|auszahl|überweis",
    "gueltig_ab": r"\bab\b|beginn|wirksam|gilt",
    "tagessatz": r"täglich|tages|satz|je tag|pro tag|kalendertag",
    "zeitraum_von": r"\bab\b|\bvom\b|beginn",
    "zeitraum_bis": r"\bbis\b|ende|endet",
    "kontostand": r"saldo|kontostand|guthaben",
    "zeitraum": r"zeitraum|vom|umsätze",
    "gdb": r"gdb|grad",
    "merkzeichen": r"merkz|nachteil",
    "gueltig_bis": r"gültig|befrist",
    "betrag_monat": r"monat|unterhaltsvorschuss|leistung",
    "kind": r"kind",
    "auszahlung": r"auszahl|überweis|zahlbetrag|auszuzahl|ausgezahlt",
    "gesamtmiete": r"gesamtmiete|gesamtbetrag|insgesamt|warmmiete|monatlich zu zahlen|gesamt\b",
    "kontoinhaber": r"inhaber|kontoinhaber|\bname\b",
    "rentenbeginn": r"rentenbeginn|beginn|beginnt|\bseit\b",
    "monatsbetrag": r"monatlich|monatsbetrag|im monat|pro monat|je monat",
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


def _zellen(zeile: Zeile) -> list[list[int]]:
    """Word indices of the line's cells: words separated by a wide gap (three spaces) start a new cell."""
    zellen: list[list[int]] = []
    for i, (a, _) in enumerate(zeile.spannen):
        if i and a - zeile.spannen[i - 1][1] == 1:
            zellen[-1].append(i)
        else:
            zellen.append([i])
    return zellen


def _kopf(seite: Seite, index: int, x0: float, x1: float) -> str:
    """The header cell above the candidate: the nearest line above (up to 4) with a cell of words overlapping
    the candidate horizontally, the whole cell (a value under "Vorauszahlung Heizung" may span only the
    first word)."""
    for zeile in reversed(seite.zeilen[max(0, index - 4) : index]):
        for zelle in _zellen(zeile):
            woerter = [zeile.woerter[i] for i in zelle]
            if any(w.box[2] >= x0 - 0.01 and w.box[0] <= x1 + 0.01 for w in woerter):
                text = " ".join(w.text for w in woerter)
                if _WORT.search(text.lower()):
                    return text
    return ""


def _ueber_zahl(seite: Seite, index: int, box: tuple[float, float, float, float]) -> bool:
    """Whether the next line has a word with a digit horizontally under the box."""
    if index + 1 >= len(seite.zeilen):
        return False
    return any(
        w.box[2] >= box[0] and w.box[0] <= box[2] and re.search(r"\d", w.text)
        for w in seite.zeilen[index + 1].woerter
    )


def _hat_worte(text: str) -> bool:
    return bool(_WORT.search(re.sub(r"\beur(o)?\b", "", text.lower())))


def _label_merkmale(
    label: str, stamm: re.Pattern[str], negiert: re.Pattern[str], fremde: dict[str, re.Pattern[str]]
) -> dict[str, float]:
    """The field's own label stem, a negated own stem ("ohne Heizung") and other fields' stems in the
    label."""
    m = {"stamm_label": float(bool(stamm.search(label))), "negiert": float(bool(negiert.search(label)))}
    for name, muster in fremde.items():
        if muster.search(label):
            m["fremd_label"] = 1.0
            m[f"fremd_label:{name}"] = 1.0
    m["eigen_und_fremd"] = float(m["stamm_label"] > 0 and "fremd_label" in m)
    if re.search(r"summe|gesamt|insgesamt", label):  # a total ("Steuern gesamt"), not one of its parts
        m["label_summe"] = 1.0
    if _EINMALIG.search(label):  # the rules need current monthly amounts, not one-off or yearly ones
        m["einmalig"] = 1.0
    return m


def kandidaten(
    feld: str, seiten: list[Seite], andere: tuple[str, ...] = (), rechnung: Rechnung | None = None
) -> list[Kandidat]:
    """Candidates for ``feld``; ``andere`` are the other fields of the document type, whose label stems
    near a candidate speak against it (a "Betriebskosten (ohne Heizung)" amount is no Heizkosten)."""
    art = ART[feld]
    finder = FINDER[art]
    stamm = re.compile(STAEMME[feld])
    negiert = re.compile(r"(ohne|exkl\.?|abzüglich)\s+\S*(" + STAEMME[feld] + ")")
    fremde = {name: re.compile(STAEMME[name]) for name in andere if name != feld}
    ergebnis = []
    if art != "betrag":
        rechnung = None
    elif rechnung is None:  # the document's arithmetic; pass it in when reading several fields
        rechnung = Rechnung(seiten)
    for seite in seiten:
        for index, zeile in enumerate(seite.zeilen):
            funde = list(finder(zeile.text))
            for nummer, fund in enumerate(funde):
                box = zeile.box_von(fund.start, fund.ende) or (0.0, 0.0, 0.0, 0.0)
                # a currency sign before the amount ("EUR 2.597,26") belongs to the value, not the label
                links = _WAEHRUNG_LINKS.sub("", zeile.text[: fund.start])
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
                # the label of the value: the text left of it in its cell, or else the header cell above
                label = segment_links if _hat_worte(segment_links) else kopf
                m.update(_label_merkmale(label.lower(), stamm, negiert, fremde))
                if any(muster.search(kopf.lower()) for muster in fremde.values()):
                    m["fremd_kopf"] = 1.0
                m.update(_wertmerkmale(art, fund.wert))
                if rechnung is not None:
                    m.update(rechnung.merkmale(Decimal(fund.wert)))
                if art in ("text", "anschrift") and any(f.search(fund.wert.lower()) for f in fremde.values()):
                    m["wert_fremd"] = 1.0  # a text naming another field is a label ("Monatlicher Betrag")
                if art == "anschrift" and _PARTEI.search(label.lower()):
                    m["anschrift_partei"] = 1.0  # "Anschrift des Vermieters": a party's, not the flat's
                if art == "text" and _ueber_zahl(seite, index, box):
                    m["ueber_zahl"] = 1.0  # a column header: figures stand below it
                if feld in SUMMENFELDER and m["stamm_label"] and ("label_summe" in m or "ist_summe" in m):
                    m["summe_passend"] = 1.0
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
    if art == "anschrift":
        vor_nummer = re.split(r"\s\d", wert, maxsplit=1)[0].split()
        return {
            f"woerter_vor_nummer:{min(len(vor_nummer), 4)}": 1.0,
            "strasse_beginn": float(bool(_STRASSE_BEGINN.match(wert))),
        }
    if art == "text":
        woerter = wert.split()
        return {
            "formularwort": float(bool(_FORMULARWORT.search(wert.lower()))),
            "endet_offen": float(woerter[-1].lower() in _OFFENE_ENDEN if woerter else False),
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
