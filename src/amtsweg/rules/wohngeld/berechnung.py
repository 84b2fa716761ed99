"""Wohngeld for households in columnar form: one code path for one household (with trace) and for
millions (without). ``berechne_wohngeld`` is the JSON-in, JSON-out entry point of the CLI."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np
import numpy.typing as npt

from amtsweg.rules.engine.geld import cent_als_euro, cent_als_text
from amtsweg.rules.engine.norm import Norm
from amtsweg.rules.engine.trace import AUS, Trace
from amtsweg.rules.engine.version import regelwerk_version
from amtsweg.rules.haushalt.eingabe import Haushalt, lies_haushalt
from amtsweg.rules.haushalt.spalten import Haushaltsspalten, aus_haushalten
from amtsweg.rules.wohngeld import einkommen, formel, freibetraege, haushalt, miete
from amtsweg.rules.wohngeld.mietstufe import bestimme_mietstufe as nachschlagen
from amtsweg.rules.wohngeld.regeln import REGELN
from amtsweg.rules.wohngeld.werte import werte_am

I64 = npt.NDArray[np.int64]
_ = (einkommen, formel, freibetraege, haushalt, miete)  # modules register their rules on import


@dataclass(frozen=True, slots=True)
class Wohngeldergebnis:
    """Per household: all amounts in cents per month."""

    betrag: I64
    gesamteinkommen: I64
    miete: I64
    mietstufe: I64
    haushaltsmitglieder: I64
    beruecksichtigte_mitglieder: I64
    vermoegen_zu_hoch: npt.NDArray[np.bool_]  # § 21 Nr. 3 WoGG (A-0061)


def berechne_spalten(
    s: Haushaltsspalten,
    stichtag: dt.date,
    trace: Trace = AUS,
    *,
    zehnte_stelle: formel.Zehntestelle = "abschneiden",
) -> Wohngeldergebnis:
    """Wohngeld for every household in ``s`` on ``stichtag``."""
    w = werte_am(stichtag)

    def regel(name: str) -> Any:
        return REGELN.fuer(name, stichtag).funktion

    m = regel("wohngeld.mitglieder")(s, trace)
    je_person = regel("wohngeld.jahreseinkommen")(s, w, trace)
    summe = s.je_haushalt(np.where(m.beruecksichtigt, je_person, 0))
    abzuege = (
        regel("wohngeld.freibetraege")(s, w, m, trace)
        + regel("wohngeld.grundrente")(s, w, m, trace)
        + regel("wohngeld.unterhalt")(s, w, m, trace)
    )
    y = np.maximum(summe - abzuege, 0)
    trace.schritt("Y", Norm("WoGG", "13", absatz=2), "Monatliches Gesamteinkommen Y", y, cent_als_euro)
    mm = regel("wohngeld.miete")(s, w, m, trace)
    ergebnis = regel("wohngeld.formel")(mm, y, m.k, w, trace, zehnte_stelle)
    zu_hoch = regel("wohngeld.vermoegen")(s, w, m, trace)
    betrag = np.where(zu_hoch, 0, ergebnis.betrag).astype(np.int64)
    if trace.aktiv and zu_hoch[trace.index]:
        trace.schritt(
            "betrag_nach_vermoegen", Norm("WoGG", "21", nummer="3"), "Wohngeld", betrag, cent_als_euro
        )
    return Wohngeldergebnis(betrag, y, mm, s.mietstufe, m.n, m.k, zu_hoch)


def bestimme_mietstufe(h: Haushalt) -> int:
    if h.wohnung.mietstufe is not None:
        return h.wohnung.mietstufe
    assert h.wohnung.gemeinde is not None and h.wohnung.land is not None
    return nachschlagen(h.stichtag, h.wohnung.gemeinde, h.wohnung.land, h.wohnung.kreis).mietstufe


def version() -> str:
    return regelwerk_version(Path(__file__).parent, Path(__file__).parent.parent / "engine")


def berechne_haushalt(h: Haushalt) -> tuple[Wohngeldergebnis, Trace]:
    s = aus_haushalten([h], [bestimme_mietstufe(h)])
    trace = Trace(person_ids=[p.id for p in h.personen])
    return berechne_spalten(s, h.stichtag, trace), trace


def als_json(e: Wohngeldergebnis, trace: Trace, i: int = 0) -> dict[str, Any]:
    return {
        "betrag_monat": cent_als_text(e.betrag[i]),
        "gesamteinkommen_monat": cent_als_text(e.gesamteinkommen[i]),
        "miete_beruecksichtigt_monat": cent_als_text(e.miete[i]),
        "mietstufe": int(e.mietstufe[i]),
        "haushaltsmitglieder": int(e.haushaltsmitglieder[i]),
        "beruecksichtigte_mitglieder": int(e.beruecksichtigte_mitglieder[i]),
        "vermoegen_zu_hoch": bool(e.vermoegen_zu_hoch[i]),
        "begruendung": [{"norm": s.norm, "text": s.text, "wert": s.wert} for s in trace.schritte],
    }


def berechne_wohngeld(daten: Any) -> dict[str, Any]:
    """The CLI contract: Haushalt JSON (decoded) in, result JSON (as dict) out."""
    ergebnis, trace = berechne_haushalt(lies_haushalt(daten))
    return {"wohngeld": als_json(ergebnis, trace), "regelwerk_version": version()}
