"""Bedarfe: Regelbedarf (§§ 20, 23 SGB II), Mehrbedarfe (§ 21, § 23 Nr. 4), Unterkunft und Heizung (§ 22).

All amounts per person in cents; percentages of a Regelbedarf are rounded half up to the cent
(§ 41 Abs. 2 SGB II), each Mehrbedarf separately (A-0014).
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import numpy.typing as npt

from amtsweg.rules.engine.geld import cent_als_euro, teile_kaufmaennisch
from amtsweg.rules.engine.norm import Norm
from amtsweg.rules.engine.trace import Trace
from amtsweg.rules.grundsicherung.regeln import BUERGERGELD, REGELN
from amtsweg.rules.grundsicherung.werte import GrundsicherungsWerte, monatsanfang_plus
from amtsweg.rules.haushalt.spalten import ROLLE, Haushaltsspalten

I64 = npt.NDArray[np.int64]
B = npt.NDArray[np.bool_]
SGB2 = "SGB II"


def prozent_von(betrag: I64, promille: I64 | int) -> I64:
    """``promille`` tenths of a percent of ``betrag`` (cents), rounded half up to the cent."""
    return teile_kaufmaennisch(betrag * promille, 1000)


@REGELN.regel(
    "grundsicherung.erwerbsfaehig", Norm(SGB2, "7", absatz=1, satz=1), BUERGERGELD, auslegungen=("A-0012",)
)
def erwerbsfaehig(s: Haushaltsspalten, w: GrundsicherungsWerte, trace: Trace) -> B:
    """§ 7 Abs. 1 Nr. 1, 2, § 7a, § 8: from the 15th birthday to the Altersgrenze, unless stated otherwise.
    With a geburtsdatum the Altersgrenze is exact: reached at the end of the month in which the person
    completes the age of her Jahrgang (§ 7a). Without one the age in whole years is used (A-0055)."""
    erster, letzter = min(w.altersgrenze_monate), max(w.altersgrenze_monate)
    tabelle = np.array([w.altersgrenze_fuer_jahrgang(j) for j in range(erster, letzter + 1)], dtype=np.int64)
    bekannt = s.geburtsmonat >= 0
    geburtsjahr = np.where(bekannt, s.geburtsmonat // 12, w.stichtag.year - s.alter)
    grenze = tabelle[np.clip(geburtsjahr, erster, letzter) - erster]
    # the month in which the person completes the Altersgrenze; reached at its end
    grenzmonat = s.geburtsmonat - s.geboren_am_ersten + grenze
    stichtag_monat = 12 * w.stichtag.year + w.stichtag.month - 1
    grenze_erreicht = np.where(bekannt, stichtag_monat > grenzmonat, 12 * s.alter >= grenze)
    ergebnis: B = (s.alter >= w.mindestalter) & ~grenze_erreicht & (s.erwerbsfaehig != 0)
    trace.je_person(
        "erwerbsfaehig",
        Norm(SGB2, "7", absatz=1, satz=1),
        "Erwerbsfähig im Alter von 15 Jahren bis zur Altersgrenze (§§ 7a, 8 SGB II)",
        ergebnis,
        lambda b: "ja" if b else "nein",
    )
    return ergebnis


@dataclass(frozen=True, slots=True)
class Haushaltslage:
    """Facts about the household every Bedarf needs (per person unless noted)."""

    partner_im_haushalt: B
    minderjaehrige_kinder: I64  # minor "kind" members of the person's household
    kinder_unter_7: I64
    kinder_unter_16: I64


def haushaltslage(s: Haushaltsspalten) -> Haushaltslage:
    kind = s.rolle == ROLLE["kind"]

    def je_person(maske: B) -> I64:
        return s.anzahl_je_haushalt(maske)[s.haushalt]

    return Haushaltslage(
        je_person(s.rolle == ROLLE["partner"]) > 0,
        je_person(kind & (s.alter < 18)),
        je_person(kind & (s.alter < 7)),
        je_person(kind & (s.alter < 16)),
    )


@REGELN.regel(
    "grundsicherung.regelbedarfsstufe", Norm(SGB2, "20", absatz=2), BUERGERGELD, auslegungen=("A-0013",)
)
def regelbedarfsstufe(s: Haushaltsspalten, lage: Haushaltslage) -> I64:
    """Stufe 1..6 for antragsteller, partner and kind; 0 for the others (outside every BG)."""
    eltern = (s.rolle == ROLLE["antragsteller"]) | (s.rolle == ROLLE["partner"])
    volljaehrig = s.alter >= 18
    # § 20 Abs. 4: both partners adult -> Stufe 2; otherwise the adult one Stufe 1 (Abs. 2 Satz 1)
    partner_volljaehrig = s.anzahl_je_haushalt(eltern & volljaehrig)[s.haushalt] == 2
    stufe_eltern = np.where(
        ~lage.partner_im_haushalt, 1, np.where(partner_volljaehrig, 2, np.where(volljaehrig, 1, 4))
    )
    # § 20 Abs. 2 Satz 2, § 23 Nr. 1: children by age
    stufe_kind = np.select([s.alter < 6, s.alter < 14, s.alter < 18], [6, 5, 4], default=3)
    kind = (s.rolle == ROLLE["kind"]) & (s.alter < 25)
    return np.where(eltern, stufe_eltern, np.where(kind, stufe_kind, 0)).astype(np.int64)


@dataclass(frozen=True, slots=True)
class Mehrbedarfe:
    schwangere: I64
    alleinerziehend: I64
    teilhabe: I64
    ernaehrung: I64
    merkzeichen_g: I64
    warmwasser: I64
    summe: I64  # after the cap of § 21 Abs. 8, plus Warmwasser


@REGELN.regel("grundsicherung.mehrbedarfe", Norm(SGB2, "21"), BUERGERGELD, auslegungen=("A-0014",))
def mehrbedarfe(
    s: Haushaltsspalten,
    w: GrundsicherungsWerte,
    stufe: I64,
    regelbedarf: I64,
    elb: B,
    lage: Haushaltslage,
    trace: Trace,
) -> Mehrbedarfe:
    berechtigt = stufe > 0
    null = np.zeros_like(regelbedarf)
    schwanger = np.where(berechtigt & s.schwanger, prozent_von(regelbedarf, w.mb_schwangere), 0)
    # Abs. 3: derived from the household: antragsteller without partner living with minor children
    allein = berechtigt & (s.rolle == ROLLE["antragsteller"]) & ~lage.partner_im_haushalt
    allein &= lage.minderjaehrige_kinder > 0
    pauschal = (lage.kinder_unter_7 > 0) | ((lage.kinder_unter_16 >= 2) & (lage.kinder_unter_16 <= 3))
    satz = np.maximum(np.where(pauschal, w.mb_ae_pauschal, 0), w.mb_ae_je_kind * lage.minderjaehrige_kinder)
    satz = np.minimum(satz, w.mb_ae_hoechstens)
    alleinerziehend = np.where(allein, prozent_von(regelbedarf, satz), 0)
    # Abs. 4 (eLb) and § 23 Nr. 2 (non-eLb from 15)
    teilhabe_ja = berechtigt & s.mehrbedarf_teilhabe & (elb | (s.alter >= 15))
    teilhabe = np.where(teilhabe_ja, prozent_von(regelbedarf, w.mb_teilhabe), 0)
    ernaehrung = np.where(berechtigt, s.mehrbedarf_ernaehrung, 0)
    # § 23 Nr. 4: non-eLb (voll erwerbsgemindert) from 15 with Merkzeichen G, not besides Abs. 4
    g_ja = berechtigt & ~elb & (s.alter >= 15) & s.merkzeichen_g & ~teilhabe_ja
    merkzeichen_g = np.where(g_ja, prozent_von(regelbedarf, w.mb_merkzeichen_g), 0)
    gedeckelt = np.minimum(schwanger + alleinerziehend + teilhabe + ernaehrung + merkzeichen_g, regelbedarf)
    ww_ja = berechtigt & s.warmwasser_dezentral[s.haushalt]
    warmwasser = np.where(ww_ja, prozent_von(regelbedarf, w.mb_warmwasser[stufe]), null)
    summe = gedeckelt + warmwasser
    for name, werte, absatz in (
        ("schwangere", schwanger, 2),
        ("alleinerziehend", alleinerziehend, 3),
        ("teilhabe", teilhabe, 4),
        ("ernaehrung", ernaehrung, 5),
        ("warmwasser", warmwasser, 7),
    ):
        trace.je_person(
            f"mb_{name}",
            Norm(SGB2, "21", absatz=absatz),
            f"Mehrbedarf {name}",
            werte,
            cent_als_euro,
            nur_wenn=werte > 0,
        )
    trace.je_person(
        "mb_merkzeichen_g",
        Norm(SGB2, "23", nummer="4"),
        "Mehrbedarf Merkzeichen G",
        merkzeichen_g,
        cent_als_euro,
        nur_wenn=merkzeichen_g > 0,
    )
    trace.je_person(
        "mehrbedarf",
        Norm(SGB2, "21", absatz=8),
        "Mehrbedarfe gesamt (Abs. 2–5 höchstens in Höhe des Regelbedarfs, dazu Abs. 7)",
        summe,
        cent_als_euro,
        nur_wenn=summe > 0,
    )
    return Mehrbedarfe(schwanger, alleinerziehend, teilhabe, ernaehrung, merkzeichen_g, warmwasser, summe)


@dataclass(frozen=True, slots=True)
class Unterkunft:
    grenze: I64  # per household, -1 unknown
    karenzzeit: B  # per household
    anerkannt: I64  # per household: Unterkunft + Heizung recognised
    je_kopf: I64  # per person


@REGELN.regel("grundsicherung.kdu", Norm(SGB2, "22", absatz=1), BUERGERGELD, auslegungen=("A-0016", "A-0017"))
def unterkunft(
    s: Haushaltsspalten, w: GrundsicherungsWerte, grenze: I64, beginn: I64, trace: Trace
) -> Unterkunft:
    """§ 22 Abs. 1: actual costs up to the Grenze; Karenzzeit; per head among all household members."""
    n = s.anzahl_je_haushalt(np.ones(s.haushalt.shape, dtype=np.bool_))
    ende = monatsanfang_plus(beginn, w.kdu_karenz_monate)
    karenz = w.stichtag.toordinal() < ende
    bekannt = grenze >= 0
    if w.kdu_obergrenze_promille:
        karenz_wert = np.where(
            bekannt,
            np.minimum(s.kosten, teile_kaufmaennisch(grenze * w.kdu_obergrenze_promille, 1000)),
            s.kosten,
        )
    else:
        karenz_wert = s.kosten
    wohnen = np.where(karenz, karenz_wert, np.where(bekannt, np.minimum(s.kosten, grenze), s.kosten))
    anerkannt = wohnen + s.heizkosten
    je_kopf = teile_kaufmaennisch(anerkannt, n)[s.haushalt]
    if trace.aktiv:
        norm = Norm(SGB2, "22", absatz=1)
        text = "nicht angegeben, tatsächliche Kosten" if not bekannt[trace.index] else grenze
        trace.schritt(
            "kdu_grenze",
            norm,
            "Abstrakt angemessene Aufwendungen für die Unterkunft",
            text,
            lambda x: x if isinstance(x, str) else cent_als_euro(x),
        )
        trace.schritt(
            "kdu_karenzzeit",
            Norm(SGB2, "22", absatz=1, satz=2),
            "Karenzzeit (erstes Jahr des Leistungsbezugs)",
            karenz,
            lambda b: "ja" if b else "nein",
        )
        trace.schritt(
            "kdu",
            norm,
            "Anerkannte Bedarfe für Unterkunft und Heizung des Haushalts",
            anerkannt,
            cent_als_euro,
        )
        trace.schritt("kdu_kopfteil", norm, "Kopfteil je Haushaltsmitglied", je_kopf[s.start], cent_als_euro)
    return Unterkunft(grenze, karenz, anerkannt, je_kopf)
