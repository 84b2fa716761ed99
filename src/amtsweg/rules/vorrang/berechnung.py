"""JSON in, JSON out for `amtsweg berechne --leistung alle|vorrang|...` (the CLI contract)."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path
from typing import Any

from amtsweg.rules.engine.geld import cent_als_text
from amtsweg.rules.engine.norm import Norm
from amtsweg.rules.engine.trace import Trace
from amtsweg.rules.engine.version import regelwerk_version
from amtsweg.rules.grundsicherung import berechne_grundsicherung
from amtsweg.rules.grundsicherung import berechne_spalten as grundsicherung
from amtsweg.rules.grundsicherung.berechnung import als_json as grundsicherung_json
from amtsweg.rules.grundsicherung.berechnung import pruefe_netto
from amtsweg.rules.grundsicherung.kdu_tabelle import KduTabelle
from amtsweg.rules.haushalt.eingabe import Haushalt, lies_haushalt
from amtsweg.rules.haushalt.spalten import Haushaltsspalten, aus_haushalten
from amtsweg.rules.kindergeld import berechne_kindergeld
from amtsweg.rules.kinderzuschlag import berechne_kinderzuschlag
from amtsweg.rules.kinderzuschlag import berechne_spalten as kinderzuschlag
from amtsweg.rules.kinderzuschlag.berechnung import als_json as kinderzuschlag_json
from amtsweg.rules.vorrang.pruefung import (
    ERGEBNIS_NAMEN,
    WAHLRECHT_100_EURO,
    Vorrangergebnis,
    pruefe_spalten,
)
from amtsweg.rules.wohngeld import berechne_spalten as wohngeld
from amtsweg.rules.wohngeld import berechne_wohngeld
from amtsweg.rules.wohngeld.berechnung import als_json as wohngeld_json
from amtsweg.rules.wohngeld.berechnung import bestimme_mietstufe

LEISTUNGEN = ("alle", "wohngeld", "grundsicherung", "kinderzuschlag", "kindergeld", "vorrang")
REIHENFOLGE = ("grundsicherung", "wohngeld", "kinderzuschlag", "kindergeld")


def version() -> str:
    return regelwerk_version(Path(__file__).parents[1])


def _begruendung(trace: Trace) -> list[dict[str, str]]:
    return [{"norm": x.norm, "text": x.text, "wert": x.wert} for x in trace.schritte]


def _vorrang_json(e: Vorrangergebnis, trace: Trace) -> dict[str, Any]:
    betraege = {
        "grundsicherung": int(e.grundsicherung[0]),
        "wohngeld": int(e.wohngeld[0]),
        "kinderzuschlag": int(e.kinderzuschlag[0]),
        "kindergeld": int(e.kindergeld[0]),
    }
    return {
        "ergebnis": ERGEBNIS_NAMEN[int(e.ergebnis[0])],
        "empfehlung": [name for name in REIHENFOLGE if betraege[name] > 0],
        "gesamt_monat": cent_als_text(e.gesamt[0]),
        "betraege_monat": {name: cent_als_text(betrag) for name, betrag in betraege.items()},
        "begruendung": _begruendung(trace),
    }


def _ids(h: Haushalt) -> list[str]:
    return [p.id for p in h.personen]


def _alle(h: Haushalt, s: Haushaltsspalten, e: Vorrangergebnis, kdu: KduTabelle | None) -> dict[str, Any]:
    """Each benefit traced in the recommended variant, so the blocks add up to ``vorrang.gesamt_monat``."""
    t = h.stichtag
    v = e.varianten
    sgb2 = bool(e.ergebnis[0] >= WAHLRECHT_100_EURO)
    trace_g = Trace(person_ids=_ids(h))
    gs = grundsicherung(s, t, trace_g, kdu_grenzen=kdu)
    gs_block = grundsicherung_json(h, gs, trace_g)
    if not sgb2 and gs.betrag[0] > 0:
        gs_block["anspruch_ohne_vorrang_monat"] = gs_block["betrag_monat"]
        gs_block["begruendung"].append(
            {
                "norm": str(Norm("SGB II", "12a", satz=2)),
                "text": "Nachrang: Wohngeld und Kinderzuschlag decken den Bedarf; kein Anspruch",
                "wert": "0,00 €",
            }
        )
    gs_block["betrag_monat"] = cent_als_text(e.grundsicherung[0])
    in_bg = v.grundsicherung_ohne.in_bg
    ausschluss = s.ausgeschlossen | in_bg if sgb2 else s.ausgeschlossen & ~in_bg
    trace_w = Trace(person_ids=_ids(h))
    wg = wohngeld(replace(s, ausgeschlossen=ausschluss), t, trace_w)
    trace_k = Trace(person_ids=_ids(h))
    kiz = kinderzuschlag(s, t, trace_k, wohngeld=v.wohngeld_vorrang.betrag, kdu_grenzen=kdu)
    kiz_block = kinderzuschlag_json(h, kiz, trace_k, v.wohngeld_vorrang.betrag)
    if sgb2 and kiz.betrag[0] > 0:
        kiz_block["wahlweise_monat"] = kiz_block["betrag_monat"]
        kiz_block["betrag_monat"] = "0.00"
        kiz_block["begruendung"].append(
            {
                "norm": str(Norm("BKGG", "6a", absatz=1, nummer="3")),
                "text": "Empfohlen wird die Grundsicherung; Kinderzuschlag nur, wenn sie nicht beantragt wird"
                " (Wahlrecht)",
                "wert": "0,00 €",
            }
        )
    return {
        "wohngeld": wohngeld_json(wg, trace_w),
        "kinderzuschlag": kiz_block,
        "kindergeld": berechne_kindergeld_haushalt(h),
        "grundsicherung": gs_block,
    }


def berechne_kindergeld_haushalt(h: Haushalt) -> dict[str, Any]:
    from amtsweg.rules.kindergeld.berechnung import als_json, berechne_haushalt

    return als_json(h, *berechne_haushalt(h))


def berechne(daten: Any, leistung: str = "alle", kdu_grenzen: KduTabelle | None = None) -> dict[str, Any]:
    """One household, one or all benefits; raises ``Eingabefehler`` for bad input."""
    if leistung == "wohngeld":
        return berechne_wohngeld(daten)
    if leistung == "grundsicherung":
        return berechne_grundsicherung(daten, kdu_grenzen)
    if leistung == "kinderzuschlag":
        return berechne_kinderzuschlag(daten, kdu_grenzen)
    if leistung == "kindergeld":
        return berechne_kindergeld(daten)
    h = lies_haushalt(daten)
    pruefe_netto(h)
    s = aus_haushalten([h], [bestimme_mietstufe(h)])
    trace = Trace(person_ids=_ids(h))
    e = pruefe_spalten(s, h.stichtag, trace, kdu_grenzen=kdu_grenzen)
    ergebnis: dict[str, Any] = {} if leistung == "vorrang" else _alle(h, s, e, kdu_grenzen)
    ergebnis["vorrang"] = _vorrang_json(e, trace)
    ergebnis["regelwerk_version"] = version()
    return ergebnis
