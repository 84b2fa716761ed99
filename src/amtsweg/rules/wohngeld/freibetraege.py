"""§§ 17, 17a and 18 WoGG: Freibeträge and Unterhalt deductions (monthly twelfths, Auslegung A-0006)."""

from __future__ import annotations

import numpy as np
import numpy.typing as npt

from amtsweg.rules.engine.geld import cent_als_euro, teile_kaufmaennisch
from amtsweg.rules.engine.norm import Norm
from amtsweg.rules.engine.trace import Trace
from amtsweg.rules.haushalt.spalten import ART, ROLLE, Haushaltsspalten
from amtsweg.rules.wohngeld.einkommen import arbeitnehmereinkommen
from amtsweg.rules.wohngeld.haushalt import Mitglieder
from amtsweg.rules.wohngeld.regeln import REGELN, WOHNGELD_PLUS
from amtsweg.rules.wohngeld.werte import WohngeldWerte

I64 = npt.NDArray[np.int64]
KIND = ROLLE["kind"]


@REGELN.regel("wohngeld.freibetraege", Norm("WoGG", "17"), WOHNGELD_PLUS, auslegungen=("A-0003",))
def freibetraege(s: Haushaltsspalten, w: WohngeldWerte, m: Mitglieder, trace: Trace) -> I64:
    """Sum of § 17 Nr. 1-4 Freibeträge per household (cents per month)."""
    gdb = s.grad_der_behinderung
    nr1 = ((gdb == 100) | ((gdb >= 50) & s.haeuslich_pflegebeduerftig)) & m.beruecksichtigt
    nr2 = s.ns_verfolgt & m.beruecksichtigt
    kind = s.rolle == KIND
    nr4 = np.where(
        kind & (s.alter < w.fb_kind_alter_unter) & m.beruecksichtigt,
        np.minimum(arbeitnehmereinkommen(s), w.fb_kind_erwerb),
        0,
    )
    # Nr. 3: one considered member lives only with children, one of them under 18 with Kindergeld.
    erwachsene = s.anzahl_je_haushalt(~kind)
    erwachsene_beruecksichtigt = s.anzahl_je_haushalt(~kind & m.beruecksichtigt)
    kleinkinder = s.anzahl_je_haushalt(
        kind & (s.alter < w.fb_alleinerziehend_kind_alter_unter) & s.kindergeld
    )
    nr3 = (erwachsene == 1) & (erwachsene_beruecksichtigt == 1) & (kleinkinder > 0)
    je_person = nr1 * w.fb_schwerbehindert + nr2 * w.fb_ns_verfolgt + nr4
    summe = s.je_haushalt(je_person) + nr3 * w.fb_alleinerziehend
    if trace.aktiv:
        satz = "Freibetrag für ein schwerbehindertes Haushaltsmitglied"
        trace.je_person(
            "fb_17_1",
            Norm("WoGG", "17", nummer="1"),
            satz,
            nr1 * w.fb_schwerbehindert,
            cent_als_euro,
            nur_wenn=nr1,
        )
        trace.je_person(
            "fb_17_2",
            Norm("WoGG", "17", nummer="2"),
            "Freibetrag für Opfer der NS-Verfolgung",
            nr2 * w.fb_ns_verfolgt,
            cent_als_euro,
            nur_wenn=nr2,
        )
        if nr3[trace.index]:
            trace.schritt(
                "fb_17_3",
                Norm("WoGG", "17", nummer="3"),
                "Freibetrag für Alleinerziehende",
                w.fb_alleinerziehend,
                cent_als_euro,
            )
        trace.je_person(
            "fb_17_4",
            Norm("WoGG", "17", nummer="4"),
            "Freibetrag für eigenes Erwerbseinkommen eines Kindes unter 25 Jahren",
            nr4,
            cent_als_euro,
            nur_wenn=nr4 > 0,
        )
    return np.asarray(summe, dtype=np.int64)


@REGELN.regel("wohngeld.grundrente", Norm("WoGG", "17a", absatz=1), WOHNGELD_PLUS, auslegungen=("A-0004",))
def grundrente(s: Haushaltsspalten, w: WohngeldWerte, m: Mitglieder, trace: Trace) -> I64:
    """§ 17a Freibetrag for at least 33 years of Grundrentenzeiten, per household (cents per month)."""
    rente = s.brutto[ART["rente"]]
    ueber = np.maximum(rente - w.grundrente_grundbetrag, 0)
    betrag = np.minimum(
        rente, w.grundrente_grundbetrag + teile_kaufmaennisch(ueber * w.grundrente_prozent, 100)
    )
    betrag = np.minimum(betrag, w.grundrente_hoechstbetrag)
    berechtigt = (s.grundrentenzeiten_jahre >= w.grundrente_mindestjahre) & m.beruecksichtigt
    je_person = np.where(berechtigt, betrag, 0)
    trace.je_person(
        "fb_17a",
        Norm("WoGG", "17a", absatz=1),
        "Freibetrag für Grundrentenzeiten",
        je_person,
        cent_als_euro,
        nur_wenn=je_person > 0,
    )
    return s.je_haushalt(je_person)


@REGELN.regel("wohngeld.unterhalt", Norm("WoGG", "18"), WOHNGELD_PLUS, auslegungen=("A-0005",))
def unterhalt(s: Haushaltsspalten, w: WohngeldWerte, m: Mitglieder, trace: Trace) -> I64:
    """§ 18 deductions for statutory maintenance paid, per household (cents per month)."""
    je_person = np.zeros(s.haushalt.shape[0], dtype=np.int64)
    if s.unterhalt_betrag.shape[0]:
        absetzbar = np.where(
            s.unterhalt_tituliert,
            s.unterhalt_betrag,
            np.minimum(s.unterhalt_betrag, w.unterhalt_hoechst[s.unterhalt_art]),
        )
        np.add.at(je_person, s.unterhalt_person, absetzbar)
        je_person = np.where(m.beruecksichtigt, je_person, 0)
    trace.je_person(
        "unterhalt_18",
        Norm("WoGG", "18"),
        "Abzugsbetrag für gezahlten Unterhalt",
        je_person,
        cent_als_euro,
        nur_wenn=je_person > 0,
    )
    return s.je_haushalt(je_person)
