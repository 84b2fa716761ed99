"""Income (§ 11 SGB II) and Absetzbeträge (§ 11b): net income, Grundabsetzbetrag, Erwerbstätigenfreibetrag.

Per person, in cents. Earned income = erwerbstaetigkeit + minijob. The Freibetrag of § 11b Abs. 3 is
computed on the gross earned income, the deductions are taken from the net income (A-0015).
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import numpy.typing as npt

from amtsweg.rules.engine.geld import cent_als_euro, teile_kaufmaennisch
from amtsweg.rules.engine.norm import Norm
from amtsweg.rules.engine.trace import Trace
from amtsweg.rules.grundsicherung.bedarfe import Haushaltslage
from amtsweg.rules.grundsicherung.regeln import BUERGERGELD, REGELN
from amtsweg.rules.grundsicherung.werte import GrundsicherungsWerte
from amtsweg.rules.haushalt.eingabe import EINKOMMENSARTEN
from amtsweg.rules.haushalt.spalten import ART, ROLLE, Haushaltsspalten

I64 = npt.NDArray[np.int64]
B = npt.NDArray[np.bool_]
SGB2 = "SGB II"
ERWERB = ("erwerbstaetigkeit", "minijob")
#: Income types that normally carry taxes or social contributions: the net amount must be given (A-0015).
NETTO_PFLICHT = ("erwerbstaetigkeit", "minijob", "rente", "versorgungsbezuege")


@dataclass(frozen=True, slots=True)
class Einkommen:
    erwerb_brutto: I64
    erwerb_netto: I64
    absetzbetraege_erwerb: I64  # § 11b Abs. 2 (or 2b) + Abs. 3 as actually deducted
    sonstiges: I64  # other income (net), without Kindergeld
    eigenes: I64  # anrechenbares Einkommen before the Kindergeld (and zusatzeinkommen)
    netto_fehlt: B


def netto_je_art(s: Haushaltsspalten) -> tuple[I64, B]:
    """Net income per type (rows like ``s.brutto``); where not given, brutto for types without deductions."""
    pflicht = np.array([art in NETTO_PFLICHT for art in EINKOMMENSARTEN], dtype=np.bool_)[:, None]
    fehlt = (s.netto < 0) & (s.brutto > 0)
    netto: I64 = np.where(s.netto < 0, s.brutto, s.netto)
    netto_fehlt: B = np.asarray((fehlt & pflicht).any(axis=0), dtype=np.bool_)
    return netto, netto_fehlt


def freibetrag_abs_3(brutto: I64, obergrenze: I64, ohne_erste_stufe: B, w: GrundsicherungsWerte) -> I64:
    """§ 11b Abs. 3: bands on the gross earned income, summed exactly and rounded once half up."""
    summe = np.zeros_like(brutto)
    for i, (von, bis, promille) in enumerate(w.stufen):
        oben = obergrenze if i == len(w.stufen) - 1 else bis
        anteil = np.maximum(np.minimum(brutto, oben) - von, 0)
        if i == 0:
            anteil = np.where(ohne_erste_stufe, 0, anteil)
        summe += anteil * promille
    return teile_kaufmaennisch(summe, 1000)


@REGELN.regel("grundsicherung.einkommen", Norm(SGB2, "11b"), BUERGERGELD, auslegungen=("A-0015",))
def einkommen(
    s: Haushaltsspalten, w: GrundsicherungsWerte, elb: B, lage: Haushaltslage, trace: Trace
) -> Einkommen:
    netto, netto_fehlt = netto_je_art(s)
    erwerb_brutto: I64 = sum((s.brutto[ART[a]] for a in ERWERB), np.zeros(s.alter.shape, np.int64))
    erwerb_netto: I64 = sum((netto[ART[a]] for a in ERWERB), np.zeros(s.alter.shape, np.int64))
    sonstiges = netto.sum(axis=0) - erwerb_netto
    erwerbstaetig = elb & (erwerb_brutto > 0)
    abs_2b = erwerbstaetig & (s.alter < w.alter_abs_2b_unter) & s.in_ausbildung
    grund = np.where(abs_2b, w.geringfuegigkeitsgrenze, w.grundabsetzbetrag)
    # "mit mindestens einem minderjährigen Kind in Bedarfsgemeinschaft oder ... ein minderjähriges Kind haben"
    selbst_minderjaehriges_kind = (s.rolle == ROLLE["kind"]) & (s.alter < 18)
    mit_kind = (lage.minderjaehrige_kinder - selbst_minderjaehriges_kind) > 0
    obergrenze = np.where(mit_kind, w.obergrenze_mit_kind, w.stufen[-1][1])
    freibetrag = freibetrag_abs_3(erwerb_brutto, obergrenze, abs_2b, w)
    absetz = np.where(erwerbstaetig, np.minimum(erwerb_netto, grund + freibetrag), 0)
    eigenes = erwerb_netto - absetz + sonstiges
    if trace.aktiv:
        trace.je_person(
            "erwerb_brutto",
            Norm(SGB2, "11", absatz=1),
            "Bruttoeinkommen aus Erwerbstätigkeit",
            erwerb_brutto,
            cent_als_euro,
            nur_wenn=erwerb_brutto > 0,
        )
        trace.je_person(
            "grundabsetzbetrag",
            Norm(SGB2, "11b", absatz=2),
            "Grundabsetzbetrag (bei Abs. 2b: Geringfügigkeitsgrenze)",
            grund,
            cent_als_euro,
            nur_wenn=erwerbstaetig,
        )
        trace.je_person(
            "freibetrag",
            Norm(SGB2, "11b", absatz=3),
            "Erwerbstätigenfreibetrag",
            freibetrag,
            cent_als_euro,
            nur_wenn=erwerbstaetig,
        )
        trace.je_person(
            "einkommen_eigen",
            Norm(SGB2, "11", absatz=1),
            "Anrechenbares eigenes Einkommen (ohne Kindergeld)",
            eigenes,
            cent_als_euro,
            nur_wenn=eigenes > 0,
        )
    return Einkommen(erwerb_brutto, erwerb_netto, absetz, sonstiges, eigenes, netto_fehlt)
