"""The rules of § 6a BKGG as numpy kernels over the columnar households (cents, int64).

Each function is registered with its norm and validity; ``berechnung.berechne_spalten`` composes them.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import numpy.typing as npt

from amtsweg.rules.engine.geld import cent_als_euro, teile_kaufmaennisch
from amtsweg.rules.engine.norm import Norm
from amtsweg.rules.engine.trace import Trace
from amtsweg.rules.haushalt.spalten import ART, ROLLE, Haushaltsspalten
from amtsweg.rules.kinderzuschlag.sgb2 import SgbIIErgebnis
from amtsweg.rules.kinderzuschlag.werte import AB_2023, REGELN, KizWerte

I64 = npt.NDArray[np.int64]
B = npt.NDArray[np.bool_]
KIND = ROLLE["kind"]
#: Kinder "die noch nicht das 25. Lebensjahr vollendet haben" (§ 6a Abs. 1 BKGG).
ALTER_UNTER = 25
ERWERB = (ART["erwerbstaetigkeit"], ART["minijob"])


@dataclass(frozen=True, slots=True)
class Beteiligte:
    kinder: B  # per person: children for whom KiZ is considered (Abs. 1 Nr. 1)
    eltern: B  # per person: BG members who are not children (Abs. 5 Satz 2)
    anzahl_kinder: I64  # per household
    anzahl_kinder_bg: I64  # per household: children in the BG (for the KdU split)
    anzahl_eltern: I64  # per household
    alleinerziehend: B  # per household


@REGELN.regel("kiz.beteiligte", Norm("BKGG", "6a", absatz=1), AB_2023, auslegungen=("A-0030",))
def beteiligte(s: Haushaltsspalten, g: SgbIIErgebnis, kindergeld: I64, trace: Trace) -> Beteiligte:
    """Children under 25 with Kindergeld in the household, also those outside the BG because their own
    income covers their need (§ 7 Abs. 3 Nr. 4 SGB II); parents = the BG members who are not children."""
    kind = s.rolle == KIND
    kinder = kind & (s.alter < ALTER_UNTER) & (kindergeld > 0)
    eltern = g.in_bg & ~kind
    anzahl_eltern = s.anzahl_je_haushalt(eltern)
    ergebnis = Beteiligte(
        kinder=kinder,
        eltern=eltern,
        anzahl_kinder=s.anzahl_je_haushalt(kinder),
        anzahl_kinder_bg=s.anzahl_je_haushalt(kind & g.in_bg),
        anzahl_eltern=anzahl_eltern,
        alleinerziehend=anzahl_eltern == 1,
    )
    trace.schritt("kinder", Norm("BKGG", "6a", absatz=1), "Kinder mit Anspruch dem Grunde nach",
                  ergebnis.anzahl_kinder)  # fmt: skip
    return ergebnis


@REGELN.regel("kiz.mindesteinkommen", Norm("BKGG", "6a", absatz=1, nummer="2"), AB_2023,
              auslegungen=("A-0031",))  # fmt: skip
def mindesteinkommen(s: Haushaltsspalten, w: KizWerte, b: Beteiligte, trace: Trace) -> tuple[B, I64]:
    """Gross income of the parents (no § 11b deduction; Wohngeld, Kindergeld, KiZ are no input types)."""
    brutto = s.je_haushalt(np.where(b.eltern, s.brutto.sum(axis=0), 0))
    grenze = np.where(b.alleinerziehend, w.mindest_alleinerziehend, w.mindest_paar)
    erreicht = (b.anzahl_eltern > 0) & (brutto >= grenze)
    norm = Norm("BKGG", "6a", absatz=1, nummer="2")
    trace.schritt("brutto_eltern", norm, "Bruttoeinkommen der Eltern", brutto, cent_als_euro)
    trace.schritt("mindesteinkommen_grenze", norm, "Mindesteinkommensgrenze", grenze, cent_als_euro)
    trace.schritt("mindesteinkommen_erreicht", norm, "Mindesteinkommen erreicht", erreicht,
                  lambda x: "ja" if x else "nein")  # fmt: skip
    return erreicht, brutto


def prozent(betrag: I64, satz: int) -> I64:
    """``satz`` percent of ``betrag``, rounded half up to the cent (Auslegung A-0034)."""
    return teile_kaufmaennisch(betrag * satz, 100)


@REGELN.regel("kiz.kinder", Norm("BKGG", "6a", absatz=3), AB_2023, auslegungen=("A-0032",))
def kinderzuschlag_je_kind(
    s: Haushaltsspalten, w: KizWerte, b: Beteiligte, einkommen_kind: I64, trace: Trace
) -> I64:
    """Höchstbetrag (Abs. 2) minus 45 % of the child's own income (Abs. 3), per child, not below 0."""
    je_kind = np.where(b.kinder, np.maximum(w.hoechstbetrag - prozent(einkommen_kind, w.prozent_kind), 0), 0)
    trace.schritt("hoechstbetrag", Norm("BKGG", "6a", absatz=2), "Höchstbetrag je Kind", w.hoechstbetrag,
                  cent_als_euro)  # fmt: skip
    trace.je_person("einkommen_kind", Norm("BKGG", "6a", absatz=3), "Einkommen des Kindes (ohne Kindergeld)",
                    einkommen_kind, cent_als_euro, nur_wenn=b.kinder)  # fmt: skip
    trace.je_person("kiz_kind_abs3", Norm("BKGG", "6a", absatz=3), "Kinderzuschlag nach Abs. 3", je_kind,
                    cent_als_euro, nur_wenn=b.kinder)  # fmt: skip
    return je_kind.astype(np.int64)


def anteil_eltern_zehntausendstel(w: KizWerte, b: Beteiligte) -> I64:
    """Parents' share of the KdU in 1/10 000 (percent with two decimals, rounded half up; A-0033)."""
    eltern = np.where(b.alleinerziehend, w.wohnbedarf_allein, w.wohnbedarf_paar)
    return teile_kaufmaennisch(eltern * 10_000, eltern + b.anzahl_kinder_bg * w.wohnbedarf_kind)


@REGELN.regel("kiz.gesamtbedarf_eltern", Norm("BKGG", "6a", absatz=5), AB_2023, auslegungen=("A-0033",))
def gesamtbedarf_eltern(
    s: Haushaltsspalten, w: KizWerte, g: SgbIIErgebnis, b: Beteiligte, trace: Trace
) -> I64:
    """Regelbedarfe + Mehrbedarfe of the parents + their share of the BG's KdU (Existenzminimumbericht)."""
    rb_mb = s.je_haushalt(np.where(b.eltern, g.regelbedarf + g.mehrbedarf, 0))
    kdu_bg = s.je_haushalt(np.where(g.in_bg, g.kdu, 0))
    anteil = anteil_eltern_zehntausendstel(w, b)
    kdu_eltern = teile_kaufmaennisch(kdu_bg * anteil, 10_000)
    gesamt = rb_mb + kdu_eltern
    norm = Norm("BKGG", "6a", absatz=5)
    trace.schritt("rb_mb_eltern", norm, "Regel- und Mehrbedarfe der Eltern", rb_mb, cent_als_euro)
    trace.schritt("kdu_bg", norm, "Bedarfe für Unterkunft und Heizung der Bedarfsgemeinschaft", kdu_bg,
                  cent_als_euro)  # fmt: skip
    trace.schritt("wohnanteil_eltern", Norm("BKGG", "6a", absatz=5, satz=4), "Wohnkostenanteil der Eltern",
                  anteil, lambda x: f"{int(x) // 100},{int(x) % 100:02d} %")  # fmt: skip
    trace.schritt("kdu_eltern", norm, "KdU-Anteil der Eltern", kdu_eltern, cent_als_euro)
    trace.schritt("gesamtbedarf_eltern", norm, "Gesamtbedarf der Eltern", gesamt, cent_als_euro)
    return gesamt


def erwerbseinkommen_netto(s: Haushaltsspalten) -> I64:
    """Net earned income per person; where netto is missing the gross amount stands in (A-0034)."""
    summe = np.zeros(s.brutto.shape[1], dtype=np.int64)
    for art in ERWERB:
        summe += np.where(s.netto[art] >= 0, s.netto[art], s.brutto[art])
    return summe


@REGELN.regel("kiz.abschmelzung", Norm("BKGG", "6a", absatz=6), AB_2023, auslegungen=("A-0034",))
def minderung_eltern(
    s: Haushaltsspalten,
    w: KizWerte,
    g: SgbIIErgebnis,
    b: Beteiligte,
    gesamtbedarf: I64,
    trace: Trace,
) -> I64:
    """Reduction of the Gesamtkinderzuschlag by parental income above the Gesamtbedarf (Abs. 6)."""
    einkommen = np.where(b.eltern, np.maximum(g.einkommen, 0), 0)
    erwerb_person = np.clip(erwerbseinkommen_netto(s) - g.absetzbetraege_erwerb, 0, einkommen)
    erwerb = s.je_haushalt(np.where(b.eltern, erwerb_person, 0))
    gesamt = s.je_haushalt(einkommen)
    andere = gesamt - erwerb
    ueber = np.maximum(gesamt - gesamtbedarf, 0)
    # Abs. 6 Satz 2: the excess counts as earned income unless the other income alone exceeds the Bedarf.
    ueber_andere = np.maximum(andere - gesamtbedarf, 0)
    ueber_erwerb = ueber - ueber_andere
    minderung = prozent(ueber_erwerb, w.prozent_erwerb) + prozent(ueber_andere, w.prozent_sonstiges)
    norm = Norm("BKGG", "6a", absatz=6)
    trace.schritt("einkommen_eltern", Norm("BKGG", "6a", absatz=5), "Einkommen der Eltern (§§ 11–11b SGB II)",
                  gesamt, cent_als_euro)  # fmt: skip
    trace.schritt("erwerbseinkommen_eltern", norm, "davon Erwerbseinkommen", erwerb, cent_als_euro)
    trace.schritt("ueber_erwerb", norm, "Überschreitung durch Erwerbseinkommen (45 %)", ueber_erwerb,
                  cent_als_euro)  # fmt: skip
    trace.schritt("ueber_andere", norm, "Überschreitung durch anderes Einkommen (100 %)", ueber_andere,
                  cent_als_euro)  # fmt: skip
    trace.schritt("minderung_eltern", norm, "Minderung durch Einkommen der Eltern", minderung, cent_als_euro)
    return minderung


def verteile(s: Haushaltsspalten, je_kind: I64, minderung: I64) -> I64:
    """Apply a household reduction to the children in input order (A-0036); sum = max(0, total - R)."""
    kumuliert = np.cumsum(je_kind)
    vor_haushalt = (kumuliert - je_kind)[s.start] if je_kind.shape[0] else np.zeros(0, np.int64)
    bis_einschl = kumuliert - vor_haushalt[s.haushalt]
    ergebnis: I64 = np.clip(bis_einschl - minderung[s.haushalt], 0, je_kind).astype(np.int64)
    return ergebnis


@REGELN.regel("kiz.vermoegen", Norm("BKGG", "6a", absatz=3, satz=5), AB_2023, auslegungen=("A-0035",))
def vermoegen_anrechenbar(
    s: Haushaltsspalten, w: KizWerte, g: SgbIIErgebnis, b: Beteiligte, trace: Trace
) -> I64:
    """Countable Vermögen of the BG above 40 000 € + 15 000 € per further member (Abs. 3 S. 5, 5 S. 3)."""
    mitglieder = s.anzahl_je_haushalt(g.in_bg)
    freibetrag = np.where(mitglieder > 0, w.vermoegen_berechtigt + (mitglieder - 1) * w.vermoegen_weitere, 0)
    vermoegen = s.je_haushalt(np.where(g.in_bg, s.vermoegen, 0))
    anrechenbar = np.maximum(vermoegen - freibetrag, 0)
    norm = Norm("BKGG", "6a", absatz=3, satz=5)
    trace.schritt("vermoegen_freibetrag", norm, "Vermögensfreibetrag der Bedarfsgemeinschaft", freibetrag,
                  cent_als_euro)  # fmt: skip
    trace.schritt("vermoegen_anrechenbar", norm, "Zu berücksichtigendes Vermögen", anrechenbar, cent_als_euro)
    return anrechenbar
