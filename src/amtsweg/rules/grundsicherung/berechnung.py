"""SGB II (Bürgergeld, from 2026-07-01 Grundsicherungsgeld) for households in columnar form: one code
path for one household (with trace) and for millions (without). ``berechne_grundsicherung`` is the
JSON-in, JSON-out entry point."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

import numpy as np
import numpy.typing as npt

from amtsweg.rules.engine.fehler import Eingabefehler
from amtsweg.rules.engine.geld import cent_als_euro, cent_als_text, teile_kaufmaennisch
from amtsweg.rules.engine.norm import Norm
from amtsweg.rules.engine.trace import AUS, Trace
from amtsweg.rules.engine.version import regelwerk_version
from amtsweg.rules.grundsicherung import bedarfe, einkommen, sofortzuschlag, vermoegen
from amtsweg.rules.grundsicherung.kdu_tabelle import KduTabelle
from amtsweg.rules.grundsicherung.regeln import BUERGERGELD, REGELN
from amtsweg.rules.grundsicherung.werte import STICHTAG_NEU, werte_am
from amtsweg.rules.haushalt.eingabe import Haushalt, lies_haushalt
from amtsweg.rules.haushalt.spalten import ROLLE, Haushaltsspalten, aus_haushalten
from amtsweg.rules.kindergeld import kindergeld_je_person

I64 = npt.NDArray[np.int64]
B = npt.NDArray[np.bool_]
SGB2 = "SGB II"
_ = (bedarfe, einkommen, sofortzuschlag, vermoegen)  # modules register their rules on import


@dataclass(frozen=True, slots=True)
class Grundsicherungsergebnis:
    # per person (length P)
    in_bg: B  # member of the Bedarfsgemeinschaft (§ 7 Abs. 3 SGB II)
    regelbedarf: I64
    mehrbedarf: I64  # after the cap of § 21 Abs. 8 (plus Abs. 7)
    kdu: I64  # share of the Bedarfe für Unterkunft und Heizung (§ 22; per head)
    bedarf: I64  # regelbedarf + mehrbedarf + kdu (0 outside the BG)
    einkommen: I64  # anrechenbares Einkommen after § 11b (children: incl. the Kindergeld they need)
    erwerbseinkommen_brutto: I64
    absetzbetraege_erwerb: I64  # § 11b Abs. 2 (2b) + 3 on earned income
    anspruch: I64  # entitlement per person after horizontal distribution (§ 9 Abs. 2 Satz 3), without § 72
    sofortzuschlag: I64  # § 72 SGB II, also for children outside the BG (Abs. 1 Satz 2 Nr. 2); no Bedarf
    erwerbsfaehig: B  # § 7 Abs. 1 Nr. 1, 2 (age and health)
    netto_fehlt: B  # an income that SGB II counts net was given without netto_monat (brutto used)
    # per household (length H)
    bedarf_bg: I64
    einkommen_bg: I64
    betrag: I64  # entitlement of the BG (sum of anspruch); 0 if Vermögen too high or no eLb
    gesamt: I64  # paid per household: betrag + Sofortzuschlag (§ 72) of all its members (A-0060)
    vermoegen_zu_hoch: B
    bezeichnung_neu: B  # True from 2026-07-01 ("Grundsicherungsgeld"), else "Bürgergeld"
    ohne_elb: B  # no erwerbsfähige leistungsberechtigte Person in the BG: no SGB II (§ 7 Abs. 1, § 19)
    vorlauf: Vorlauf | None = None  # the parts that do not depend on zusatzeinkommen (for reuse)


@dataclass(frozen=True, slots=True)
class Vorlauf:
    """Everything of the SGB II calculation that does not depend on ``zusatzeinkommen`` (computed once per
    household set and Stichtag; ``berechne_spalten(..., vorlauf=...)`` reuses it). Not valid for other
    households, Stichtage or KdU tables."""

    stichtag: dt.date
    personen: int
    elb: B
    stufe: I64
    kandidat: B
    regelbedarf: I64
    mehrbedarf: I64
    kdu_je_kopf: I64
    beginn: I64  # per household
    bedarf_roh: I64
    einkommen: einkommen.Einkommen
    kindergeld: I64


def berechne_vorlauf(
    s: Haushaltsspalten, stichtag: dt.date, trace: Trace = AUS, kdu_grenzen: KduTabelle | None = None
) -> Vorlauf:
    """Bedarfe (§§ 20-22), Einkommen (§§ 11-11b) and Kindergeld per person: one definition for all paths."""
    w = werte_am(stichtag)

    def regel(name: str) -> Any:
        return REGELN.fuer(name, stichtag).funktion

    antrag = s.rolle == ROLLE["antragsteller"]
    elb = regel("grundsicherung.erwerbsfaehig")(s, w, trace)
    lage = bedarfe.haushaltslage(s)
    stufe = regel("grundsicherung.regelbedarfsstufe")(s, lage)
    kandidat = stufe > 0
    regelbedarf = w.regelbedarf[stufe]
    trace.je_person(
        "regelbedarf",
        Norm(SGB2, "20", absatz=2),
        "Regelbedarf",
        regelbedarf,
        cent_als_euro,
        nur_wenn=kandidat,
    )
    mb = regel("grundsicherung.mehrbedarfe")(s, w, stufe, regelbedarf, elb, lage, trace)
    beginn_a = s.je_haushalt(np.where(antrag, s.bewilligungsbeginn, 0))
    beginn = np.where(beginn_a > 0, beginn_a, stichtag.toordinal())
    kdu = regel("grundsicherung.kdu")(s, w, _grenzen(s, stichtag, kdu_grenzen), beginn, trace)
    bedarf_roh = np.where(kandidat, regelbedarf + mb.summe + kdu.je_kopf, 0)
    ek = regel("grundsicherung.einkommen")(s, w, elb, lage, trace)
    kindergeld = kindergeld_je_person(s, stichtag, trace)
    return Vorlauf(
        stichtag, int(s.haushalt.shape[0]), elb, stufe, kandidat, regelbedarf, mb.summe, kdu.je_kopf, beginn,
        bedarf_roh, ek, kindergeld,
    )  # fmt: skip


def _grenzen(
    s: Haushaltsspalten,
    stichtag: dt.date,
    tabelle: KduTabelle | None,
    traeger: Sequence[str | None] | None = None,
) -> I64:
    """Angemessenheitsgrenze per household: the input, else the table (A-0016), else -1."""
    if tabelle is None:
        return s.angemessene_kosten
    if traeger is None:
        traeger = list(s.kdu_traeger)
    n = s.anzahl_je_haushalt(np.ones(s.haushalt.shape, dtype=np.bool_))
    return np.where(s.angemessene_kosten >= 0, s.angemessene_kosten, tabelle.grenzen(traeger, stichtag, n))


def berechne_spalten(
    s: Haushaltsspalten,
    stichtag: dt.date,
    trace: Trace = AUS,
    *,
    zusatzeinkommen: I64 | None = None,
    kdu_grenzen: KduTabelle | None = None,
    vorlauf: Vorlauf | None = None,
) -> Grundsicherungsergebnis:
    """SGB II for every household in ``s`` on ``stichtag``; ``zusatzeinkommen`` per person counts in full.

    ``vorlauf``: the result of ``berechne_vorlauf(s, stichtag, kdu_grenzen=kdu_grenzen)`` for the same
    households (e.g. an earlier result's ``vorlauf``), reused when no trace is recorded.
    """
    w = werte_am(stichtag)

    def regel(name: str) -> Any:
        return REGELN.fuer(name, stichtag).funktion

    if vorlauf is None or trace.aktiv:
        vorlauf = berechne_vorlauf(s, stichtag, trace, kdu_grenzen)
    elif vorlauf.stichtag != stichtag or vorlauf.personen != s.haushalt.shape[0]:
        raise ValueError("vorlauf gehört zu anderen Haushalten oder einem anderen Stichtag")
    v0 = vorlauf
    hh = s.haushalt
    antrag = s.rolle == ROLLE["antragsteller"]
    kind = s.rolle == ROLLE["kind"]
    elb, kandidat, bedarf_roh, ek, kindergeld = (
        v0.elb,
        v0.kandidat,
        v0.bedarf_roh,
        v0.einkommen,
        v0.kindergeld,
    )
    beginn = v0.beginn
    eigen = ek.eigenes + kindergeld + (0 if zusatzeinkommen is None else zusatzeinkommen)
    # § 7 Abs. 3 Nr. 4: a child who covers its own need from its own income is not in the BG;
    # § 11 Abs. 1 Satz 5: its Kindergeld beyond that need is income of the parent (A-0018)
    kind_raus = kandidat & kind & (eigen >= bedarf_roh)
    ueberschuss = np.where(kind_raus, np.minimum(kindergeld, eigen - bedarf_roh), 0)
    ueberschuss_hh = s.je_haushalt(ueberschuss)
    anrechenbar = eigen - ueberschuss + np.where(antrag, ueberschuss_hh[hh], 0)
    in_bg = kandidat & ~kind_raus
    bedarf = np.where(in_bg, bedarf_roh, 0)
    # § 9 Abs. 2: children's income covers their own need only; the parents' income is distributed over
    # the uncovered needs in proportion (Satz 3) (A-0021)
    rest = np.where(in_bg, np.where(kind, bedarf - anrechenbar, bedarf), 0)
    einkommen_eltern = s.je_haushalt(np.where(in_bg & ~kind, anrechenbar, 0))
    rest_bg = s.je_haushalt(rest)
    fehlbetrag = np.maximum(rest_bg - einkommen_eltern, 0)
    ohne_elb = s.anzahl_je_haushalt(in_bg & elb) == 0
    v = regel("grundsicherung.vermoegen")(s, w, in_bg, beginn, trace)
    zahlbar = ~ohne_elb & ~v.zu_hoch
    anteil = teile_kaufmaennisch(fehlbetrag[hh] * rest, np.maximum(rest_bg[hh], 1))
    anteil = np.where(in_bg & zahlbar[hh], anteil, 0)
    zuschlag = regel("grundsicherung.sofortzuschlag")(
        s, w, v0.stufe, anteil, zahlbar, kindergeld, eigen, bedarf_roh, rest, ueberschuss,
        rest_bg - einkommen_eltern, trace,
    )  # fmt: skip
    anspruch = anteil
    betrag = s.je_haushalt(anspruch)
    gesamt = betrag + s.je_haushalt(zuschlag)
    bedarf_bg = s.je_haushalt(bedarf)
    einkommen_bg = s.je_haushalt(np.where(in_bg, anrechenbar, 0))
    if trace.aktiv:
        _protokoll(
            trace,
            s,
            in_bg,
            kind_raus,
            ueberschuss_hh,
            bedarf,
            anrechenbar,
            bedarf_bg,
            einkommen_bg,
            ohne_elb,
            fehlbetrag,
            anspruch,
            gesamt,
            w.bezeichnung,
        )
    null = np.zeros_like(bedarf_roh)
    return Grundsicherungsergebnis(
        in_bg=in_bg,
        regelbedarf=np.where(in_bg, v0.regelbedarf, null),
        mehrbedarf=np.where(in_bg, v0.mehrbedarf, null),
        kdu=np.where(in_bg, v0.kdu_je_kopf, null),
        bedarf=bedarf,
        einkommen=anrechenbar,
        erwerbseinkommen_brutto=ek.erwerb_brutto,
        absetzbetraege_erwerb=ek.absetzbetraege_erwerb,
        anspruch=anspruch,
        sofortzuschlag=zuschlag,
        erwerbsfaehig=elb,
        netto_fehlt=ek.netto_fehlt,
        bedarf_bg=bedarf_bg,
        einkommen_bg=einkommen_bg,
        betrag=betrag,
        gesamt=gesamt,
        vermoegen_zu_hoch=v.zu_hoch,
        bezeichnung_neu=np.full(s.anzahl_haushalte, stichtag >= STICHTAG_NEU, dtype=np.bool_),
        ohne_elb=ohne_elb,
        vorlauf=v0,
    )


def _protokoll(
    trace: Trace,
    s: Haushaltsspalten,
    in_bg: B,
    kind_raus: B,
    ueberschuss: I64,
    bedarf: I64,
    einkommen: I64,
    bedarf_bg: I64,
    einkommen_bg: I64,
    ohne_elb: B,
    fehlbetrag: I64,
    anspruch: I64,
    betrag: I64,
    bezeichnung: str,
) -> None:
    ids = trace.person_ids
    trace.schritt(
        "bedarfsgemeinschaft",
        Norm(SGB2, "7", absatz=3),
        "Mitglieder der Bedarfsgemeinschaft",
        ", ".join(ids[i] for i in range(len(ids)) if in_bg[i]) or "keine",
    )
    if kind_raus[: len(ids)].any():
        trace.schritt(
            "kind_ausserhalb",
            Norm(SGB2, "7", absatz=3, nummer="4"),
            "Kinder, die ihren Bedarf aus eigenem Einkommen decken (nicht in der Bedarfsgemeinschaft)",
            ", ".join(ids[i] for i in range(len(ids)) if kind_raus[i]),
        )
        trace.schritt(
            "kindergeld_ueberschuss",
            Norm(SGB2, "11", absatz=1, satz=5),
            "Nicht benötigtes Kindergeld, Einkommen des Elternteils",
            ueberschuss,
            cent_als_euro,
        )
    trace.je_person("bedarf", Norm(SGB2, "19", absatz=1), "Bedarf", bedarf, cent_als_euro, nur_wenn=in_bg)
    trace.je_person(
        "einkommen",
        Norm(SGB2, "11", absatz=1),
        "Anrechenbares Einkommen",
        einkommen,
        cent_als_euro,
        nur_wenn=in_bg,
    )
    trace.schritt(
        "bedarf_bg",
        Norm(SGB2, "19", absatz=1),
        "Gesamtbedarf der Bedarfsgemeinschaft",
        bedarf_bg,
        cent_als_euro,
    )
    trace.schritt(
        "einkommen_bg",
        Norm(SGB2, "9", absatz=2),
        "Anrechenbares Einkommen der Bedarfsgemeinschaft",
        einkommen_bg,
        cent_als_euro,
    )
    trace.schritt(
        "fehlbetrag",
        Norm(SGB2, "9", absatz=2, satz=3),
        "Ungedeckter Bedarf (nach Anrechnung des Kindeseinkommens beim Kind)",
        fehlbetrag,
        cent_als_euro,
    )
    if ohne_elb[trace.index]:
        trace.schritt(
            "ohne_elb",
            Norm(SGB2, "7", absatz=1),
            f"Keine erwerbsfähige leistungsberechtigte Person "
            f"in der Bedarfsgemeinschaft: kein {bezeichnung}; zu prüfen sind Leistungen nach dem "
            "SGB XII",
            "ja",
        )
    trace.je_person(
        "anspruch",
        Norm(SGB2, "9", absatz=2, satz=3),
        "Anspruch (Bedarfsanteilsmethode)",
        anspruch,
        cent_als_euro,
        nur_wenn=in_bg,
    )
    trace.schritt(
        "betrag",
        Norm(SGB2, "19", absatz=3),
        f"{bezeichnung} der Bedarfsgemeinschaft einschließlich Sofortzuschlag (§ 72)",
        betrag,
        cent_als_euro,
    )


def version() -> str:
    ordner = Path(__file__).parent
    return regelwerk_version(ordner, ordner.parent / "kindergeld", ordner.parent / "engine")


def pruefe_netto(h: Haushalt) -> None:
    """Raise for the first income SGB II counts net whose netto_monat is missing (never guess)."""
    for i, p in enumerate(h.personen):
        if p.rolle == "sonstige" or (p.rolle == "kind" and p.alter >= 25):
            continue
        for j, e in enumerate(p.einkommen):
            if e.art in einkommen.NETTO_PFLICHT and e.netto_monat is None and e.brutto_monat > 0:
                raise Eingabefehler(
                    f"personen[{i}].einkommen[{j}].netto_monat",
                    "Für die Grundsicherung (SGB II) wird das Nettoeinkommen benötigt, weil Steuern und "
                    "Pflichtbeiträge abgezogen werden (§ 11b Abs. 1 SGB II); bitte netto_monat angeben.",
                )


def berechne_haushalt(
    h: Haushalt, kdu_grenzen: KduTabelle | None = None
) -> tuple[Grundsicherungsergebnis, Trace]:
    pruefe_netto(h)
    s = aus_haushalten([h], [0])
    if kdu_grenzen is not None:
        s = replace(s, angemessene_kosten=_grenzen(s, h.stichtag, kdu_grenzen))
    trace = Trace(person_ids=[p.id for p in h.personen])
    return berechne_spalten(s, h.stichtag, trace), trace


def als_json(h: Haushalt, e: Grundsicherungsergebnis, trace: Trace) -> dict[str, Any]:
    return {
        "bezeichnung": "Grundsicherungsgeld" if e.bezeichnung_neu[0] else "Bürgergeld",
        "betrag_monat": cent_als_text(e.gesamt[0]),
        "bedarf_monat": cent_als_text(e.bedarf_bg[0]),
        "einkommen_monat": cent_als_text(e.einkommen_bg[0]),
        "sofortzuschlag_monat": cent_als_text(e.gesamt[0] - e.betrag[0]),
        "vermoegen_zu_hoch": bool(e.vermoegen_zu_hoch[0]),
        "personen": [
            {
                "id": p.id,
                "in_bedarfsgemeinschaft": bool(e.in_bg[i]),
                "regelbedarf_monat": cent_als_text(e.regelbedarf[i]),
                "mehrbedarf_monat": cent_als_text(e.mehrbedarf[i]),
                "kdu_monat": cent_als_text(e.kdu[i]),
                "bedarf_monat": cent_als_text(e.bedarf[i]),
                "einkommen_monat": cent_als_text(e.einkommen[i]),
                "sofortzuschlag_monat": cent_als_text(e.sofortzuschlag[i]),
                "anspruch_monat": cent_als_text(e.anspruch[i] + e.sofortzuschlag[i]),
            }
            for i, p in enumerate(h.personen)
        ],
        "begruendung": [{"norm": x.norm, "text": x.text, "wert": x.wert} for x in trace.schritte],
    }


def berechne_grundsicherung(daten: Any, kdu_grenzen: KduTabelle | None = None) -> dict[str, Any]:
    """The CLI contract: Haushalt JSON (decoded) in, result JSON (as dict) out."""
    h = lies_haushalt(daten)
    ergebnis, trace = berechne_haushalt(h, kdu_grenzen)
    return {"grundsicherung": als_json(h, ergebnis, trace), "regelwerk_version": version()}


assert BUERGERGELD <= STICHTAG_NEU
