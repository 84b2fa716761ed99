"""Kinderzuschlag (§ 6a BKGG) for households in columnar form: one code path for one household (with
trace) and for millions. ``berechne_kinderzuschlag`` is the JSON-in, JSON-out entry point."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, replace
from typing import Any

import numpy as np
import numpy.typing as npt

from amtsweg.rules.engine.fehler import Eingabefehler
from amtsweg.rules.engine.geld import cent_als_euro, cent_als_text, teile_kaufmaennisch
from amtsweg.rules.engine.norm import Norm
from amtsweg.rules.engine.trace import AUS, Trace
from amtsweg.rules.engine.version import regelwerk_version
from amtsweg.rules.haushalt.eingabe import Haushalt, lies_haushalt
from amtsweg.rules.haushalt.spalten import ROLLE, Haushaltsspalten, aus_haushalten
from amtsweg.rules.kindergeld import kindergeld_je_person
from amtsweg.rules.kinderzuschlag import regeln, sgb2
from amtsweg.rules.kinderzuschlag.werte import ORDNER, REGELN, werte_am

I64 = npt.NDArray[np.int64]
B = npt.NDArray[np.bool_]
ANTRAGSTELLER = ROLLE["antragsteller"]


@dataclass(frozen=True, slots=True)
class Kinderzuschlagergebnis:
    je_kind: I64  # per person (0 for non-children), after Abs. 3 and Abs. 6, cents
    betrag: I64  # per household: Gesamtkinderzuschlag paid, rounded to whole euros (§ 11 Abs. 2 BKGG)
    mindesteinkommen_erreicht: B  # per household, Abs. 1 Nr. 2
    hilfebeduerftigkeit_vermieden: B  # Abs. 1 Nr. 3 (with the given Wohngeld)
    regel_100_euro: B  # Abs. 1a applies
    gesamtbedarf_eltern: I64  # Abs. 5
    betrag_erster_monat: I64  # per household: after the one-off reduction by Vermögen (Abs. 3 S. 7)
    vermoegen_anrechenbar: I64  # per household
    fehlbetrag: I64  # per household: SGB II need left with KiZ and Wohngeld (0 = not hilfebedürftig)
    bewilligungszeitraum_monate: int


def _regel(name: str, stichtag: dt.date) -> Any:
    return REGELN.fuer(name, stichtag).funktion


def runde_euro(cent: I64) -> I64:
    """§ 11 Abs. 2 BKGG: below 50 cent down, otherwise up, to whole euros."""
    return (teile_kaufmaennisch(cent, 100) * 100).astype(np.int64)


def berechne_spalten(
    s: Haushaltsspalten,
    stichtag: dt.date,
    trace: Trace = AUS,
    *,
    wohngeld: I64,
    kdu_grenzen: Any = None,
    grundsicherung: sgb2.SgbIIErgebnis | None = None,
) -> Kinderzuschlagergebnis:
    """Kinderzuschlag for every household in ``s``; ``wohngeld`` per household (cents per month).

    ``grundsicherung``: the SGB II result for ``s`` on ``stichtag`` without zusatzeinkommen (with the same
    ``kdu_grenzen``), if the caller has it already; it is then not computed again.
    """
    w = werte_am(stichtag)
    kern = sgb2.grundsicherung_spalten()
    g = kern(s, stichtag, AUS, kdu_grenzen=kdu_grenzen) if grundsicherung is None else grundsicherung
    kindergeld = kindergeld_je_person(s, stichtag)
    b = _regel("kiz.beteiligte", stichtag)(s, g, kindergeld, trace)
    mindest, _ = _regel("kiz.mindesteinkommen", stichtag)(s, w, b, trace)

    einkommen_kind = sgb2.einkommen_ohne_kindergeld(g, kindergeld)
    je_kind = _regel("kiz.kinder", stichtag)(s, w, b, einkommen_kind, trace)
    gesamtbedarf = _regel("kiz.gesamtbedarf_eltern", stichtag)(s, w, g, b, trace)
    minderung = _regel("kiz.abschmelzung", stichtag)(s, w, g, b, gesamtbedarf, trace)
    je_kind = regeln.verteile(s, je_kind, minderung)
    gesamt = s.je_haushalt(je_kind)
    trace.schritt("gesamtkinderzuschlag", Norm("BKGG", "6a", absatz=4),
                  "Gesamtkinderzuschlag nach Einkommen", gesamt, cent_als_euro)  # fmt: skip

    # Abs. 1 Nr. 3: SGB II once more, with KiZ (the child's income) and Wohngeld (the applicant's).
    empfaenger = np.zeros(s.haushalt.shape[0], dtype=np.bool_)
    if s.haushalt.shape[0]:
        erster_elternteil = np.where(b.eltern & (s.rolle == ANTRAGSTELLER), 0, 1)
        reihenfolge = np.lexsort((np.arange(s.haushalt.shape[0]), erster_elternteil, s.haushalt))
        erste = reihenfolge[s.start]
        empfaenger[erste] = b.eltern[erste]
    zusatz = je_kind + np.where(empfaenger, wohngeld[s.haushalt], 0)
    vorlauf = getattr(g, "vorlauf", None)
    weiter = {} if vorlauf is None else {"vorlauf": vorlauf}  # reuse the zusatzeinkommen-independent part
    g2 = kern(s, stichtag, AUS, zusatzeinkommen=zusatz.astype(np.int64), kdu_grenzen=kdu_grenzen, **weiter)
    # The BG's shortfall before the per-person distribution (whose cent rounding may add a cent); children
    # in the BG never have income above their need, so bedarf_bg - einkommen_bg is exact (A-0037).
    luecke = np.maximum(g2.bedarf_bg - g2.einkommen_bg, 0)
    fehlbetrag = np.where(g2.vermoegen_zu_hoch, 0, luecke).astype(np.int64)
    vermieden = fehlbetrag == 0

    # Abs. 1a: at most 100 € missing, >= 100 € § 11b Abs. 2-3 deductions of the parents, no SGB II/XII.
    absetz = s.je_haushalt(np.where(b.eltern, g.absetzbetraege_erwerb, 0))
    transfer = s.anzahl_je_haushalt(g.in_bg & s.ausgeschlossen) > 0
    regel_100 = ~vermieden & (fehlbetrag <= w.hoechstens_fehlend) & (
        absetz >= w.mindestens_absetzbetraege) & ~transfer  # fmt: skip

    vermoegen = _regel("kiz.vermoegen", stichtag)(s, w, g, b, trace)
    anspruch = mindest & (b.anzahl_kinder > 0) & (vermieden | regel_100) & (gesamt > vermoegen)
    je_kind = np.where(anspruch[s.haushalt], je_kind, 0).astype(np.int64)
    gesamt = np.where(anspruch, gesamt, 0)
    betrag = runde_euro(gesamt)
    erster_monat = runde_euro(np.maximum(gesamt - vermoegen, 0))
    norm1 = Norm("BKGG", "6a", absatz=1, nummer="3")
    trace.schritt("wohngeld", norm1, "Angesetztes Wohngeld", wohngeld, cent_als_euro)
    trace.schritt("fehlbetrag", norm1, "Fehlender Betrag zur Deckung des SGB-II-Bedarfs mit Kinderzuschlag",
                  fehlbetrag, cent_als_euro)  # fmt: skip
    trace.schritt("hilfebeduerftigkeit_vermieden", norm1, "Hilfebedürftigkeit vermieden", vermieden, _ja_nein)
    trace.schritt("absetzbetraege_erwerb", Norm("BKGG", "6a", absatz=1), "Absetzbeträge nach § 11b Abs. 2–3 "
                  "SGB II der Eltern", absetz, cent_als_euro)  # fmt: skip
    trace.schritt("regel_100_euro", Norm("BKGG", "6a", absatz=1), "100-Euro-Regel (Abs. 1a) greift",
                  regel_100, _ja_nein)  # fmt: skip
    trace.je_person("kiz_kind", Norm("BKGG", "6a", absatz=4), "Kinderzuschlag", je_kind, cent_als_euro,
                    nur_wenn=b.kinder)  # fmt: skip
    trace.schritt("betrag", Norm("BKGG", "11", absatz=2), "Kinderzuschlag (auf volle Euro gerundet)", betrag,
                  cent_als_euro)  # fmt: skip
    return Kinderzuschlagergebnis(
        je_kind=je_kind,
        betrag=betrag,
        mindesteinkommen_erreicht=mindest,
        hilfebeduerftigkeit_vermieden=vermieden,
        regel_100_euro=regel_100,
        gesamtbedarf_eltern=gesamtbedarf,
        betrag_erster_monat=erster_monat,
        vermoegen_anrechenbar=vermoegen,
        fehlbetrag=fehlbetrag,
        bewilligungszeitraum_monate=w.bewilligungszeitraum,
    )


def _ja_nein(wert: Any) -> str:
    return "ja" if wert else "nein"


def version() -> str:
    return regelwerk_version(ORDNER, ORDNER.parent / "engine")


def voraussichtliches_wohngeld(h: Haushalt, s: Haushaltsspalten, in_bg: B) -> I64:
    """Wohngeld as if no BG member were excluded (§ 6a Abs. 1 Nr. 3 Satz 3 BKGG, § 7 Abs. 1 S. 3 WoGG)."""
    from amtsweg.rules.wohngeld import berechnung as wohngeld

    ohne_ausschluss = replace(s, ausgeschlossen=s.ausgeschlossen & ~in_bg)
    return wohngeld.berechne_spalten(ohne_ausschluss, h.stichtag).betrag


def _pruefe_netto(h: Haushalt) -> None:
    for i, person in enumerate(h.personen):
        for j, einkommen in enumerate(person.einkommen):
            if (
                einkommen.art == "erwerbstaetigkeit"
                and einkommen.netto_monat is None
                and einkommen.brutto_monat
            ):
                raise Eingabefehler(
                    f"personen[{i}].einkommen[{j}].netto_monat",
                    "Für den Kinderzuschlag wird das Nettoeinkommen aus Erwerbstätigkeit benötigt; "
                    "bitte netto_monat angeben.",
                )


def berechne_haushalt(h: Haushalt, kdu_grenzen: Any = None) -> tuple[Kinderzuschlagergebnis, Trace, I64]:
    from amtsweg.rules.wohngeld.berechnung import bestimme_mietstufe

    _pruefe_netto(h)
    s = aus_haushalten([h], [bestimme_mietstufe(h)])
    g = sgb2.grundsicherung_spalten()(s, h.stichtag, AUS, kdu_grenzen=kdu_grenzen)
    wohngeld = voraussichtliches_wohngeld(h, s, g.in_bg)
    trace = Trace(person_ids=[p.id for p in h.personen])
    return berechne_spalten(s, h.stichtag, trace, wohngeld=wohngeld, kdu_grenzen=kdu_grenzen), trace, wohngeld


def als_json(h: Haushalt, e: Kinderzuschlagergebnis, trace: Trace, wohngeld: I64) -> dict[str, Any]:
    beginn = h.stichtag.replace(day=1)
    monat = beginn.month - 1 + e.bewilligungszeitraum_monate
    ende = dt.date(beginn.year + monat // 12, monat % 12 + 1, 1) - dt.timedelta(days=1)
    return {
        "betrag_monat": cent_als_text(e.betrag[0]),
        "betrag_erster_monat": cent_als_text(e.betrag_erster_monat[0]),
        "anspruch": bool(e.betrag[0] > 0),
        "bewilligungszeitraum_monate": e.bewilligungszeitraum_monate,
        "bewilligungszeitraum": {"beginn": beginn.isoformat(), "ende": ende.isoformat()},
        "kinder": [
            {"id": p.id, "betrag_monat": cent_als_text(e.je_kind[i])}
            for i, p in enumerate(h.personen)
            if p.rolle == "kind"
        ],
        "mindesteinkommen_erreicht": bool(e.mindesteinkommen_erreicht[0]),
        "hilfebeduerftigkeit_vermieden": bool(e.hilfebeduerftigkeit_vermieden[0]),
        "regel_100_euro": bool(e.regel_100_euro[0]),
        "gesamtbedarf_eltern_monat": cent_als_text(e.gesamtbedarf_eltern[0]),
        "wohngeld_angesetzt_monat": cent_als_text(wohngeld[0]),
        "begruendung": [{"norm": x.norm, "text": x.text, "wert": x.wert} for x in trace.schritte],
    }


def berechne_kinderzuschlag(daten: Any, kdu_grenzen: Any = None) -> dict[str, Any]:
    """The CLI contract: Haushalt JSON (decoded) in, result JSON (as dict) out."""
    h = lies_haushalt(daten)
    ergebnis, trace, wohngeld = berechne_haushalt(h, kdu_grenzen)
    return {"kinderzuschlag": als_json(h, ergebnis, trace, wohngeld), "regelwerk_version": version()}
