"""An independent Decimal reference of Wohngeld for one household, written straight from the law
(and the Auslegungen in docs/auslegung/) without the array kernels. Tests compare the vectorised
code against it on many random households."""

from __future__ import annotations

import datetime as dt
from decimal import ROUND_DOWN, ROUND_HALF_UP, Decimal
from functools import cache
from pathlib import Path
from typing import Any

import yaml

from amtsweg.rules.haushalt.eingabe import EINKOMMENSARTEN, Haushalt

PARAMETER = Path(__file__).parents[3] / "src" / "amtsweg" / "rules" / "wohngeld" / "parameter" / "wogg.yaml"
ZEHN = Decimal("0.0000000001")
CENT = Decimal("0.01")


@cache
def _roh() -> dict[str, Any]:
    return yaml.safe_load(PARAMETER.read_text(encoding="utf-8"))["parameter"]  # type: ignore[no-any-return]


def p(name: str, stichtag: dt.date) -> Any:
    gefunden = None
    for eintrag in _roh()[name]["werte"]:
        if eintrag["gueltig_ab"] <= stichtag:
            gefunden = eintrag["wert"]
    assert gefunden is not None
    return gefunden


def D(x: Any) -> Decimal:
    return Decimal(str(x))


def je_mitglied(tabelle: dict[str, Any], n: int, spalte: int | None = None) -> Decimal:
    zeilen = tabelle["bis_5"]
    weiteres = tabelle["je_weiteres"]
    if spalte is not None:
        zeilen = [z[spalte] for z in zeilen]
        weiteres = weiteres[spalte]
    if n <= 5:
        return D(zeilen[n - 1])
    return D(zeilen[4]) + (n - 5) * D(weiteres)


def euro(cent: int) -> Decimal:
    return Decimal(cent) / 100


def wohngeld(h: Haushalt, mietstufe: int) -> dict[str, Decimal | int]:
    t = h.stichtag
    n = len(h.personen)
    ber = [not person.vom_wohngeld_ausgeschlossen for person in h.personen]
    k = sum(ber)
    wk = p("werbungskosten_pauschbetrag", t)
    fb = p("freibetraege", t)
    y = Decimal(0)
    for person, b in zip(h.personen, ber, strict=True):
        if not b:
            continue
        summe = {art: Decimal(0) for art in EINKOMMENSARTEN}
        plus = False
        for e in person.einkommen:
            summe[e.art] += euro(e.brutto_monat)
            plus = plus or e.plus
        arbeit = summe["erwerbstaetigkeit"] + summe["minijob"]
        # A-0070: Minijob wages (§ 40a EStG) count in full, the Pauschbetrag only on other wages
        lohn = summe["erwerbstaetigkeit"]
        eink = lohn - min(lohn, D(wk["arbeitnehmer"]) / 12) + summe["minijob"]
        eink += summe["rente"] - min(summe["rente"], D(wk["renten"]) / 12)
        eink += summe["versorgungsbezuege"] - min(
            summe["versorgungsbezuege"], D(wk["versorgungsbezuege"]) / 12
        )
        frei = D(p("elterngeld_freibetrag", t)["plus" if plus else "basis"])
        eink += max(summe["elterngeld"] - frei, Decimal(0))
        eink += sum(summe[a] for a in ("arbeitslosengeld", "unterhaltsvorschuss", "unterhalt", "sonstige"))
        eink = (eink * (100 - 10 * len(person.abzuege)) / 100).quantize(CENT, ROUND_HALF_UP)
        y += eink
        gdb = person.grad_der_behinderung
        if gdb == 100 or (gdb >= 50 and person.haeuslich_pflegebeduerftig):
            y -= D(fb["schwerbehindert"]) / 12
        if person.ns_verfolgt:
            y -= D(fb["ns_verfolgt"]) / 12
        if person.rolle == "kind" and person.alter < 25:
            y -= min(arbeit, D(fb["kind_erwerbseinkommen_hoechstens"]) / 12)
        gr = p("grundrente", t)
        if person.grundrentenzeiten_jahre >= gr["mindestjahre"]:
            r = summe["rente"]
            g = D(gr["grundbetrag"]) / 12
            betrag = min(
                r, g + (max(r - g, Decimal(0)) * D(gr["prozent"]) / 100).quantize(CENT, ROUND_HALF_UP)
            )
            y -= min(betrag, D(gr["hoechstbetrag"]) / 12)
        caps = p("unterhalt_hoechstbetraege", t)
        for u in person.unterhalt_gezahlt:
            y -= euro(u.betrag_monat) if u.tituliert else min(euro(u.betrag_monat), D(caps[u.art]) / 12)
    erwachsene = [b for person, b in zip(h.personen, ber, strict=True) if person.rolle != "kind"]
    if (
        len(erwachsene) == 1
        and erwachsene[0]
        and any(person.rolle == "kind" and person.alter < 18 and person.kindergeld for person in h.personen)
    ):
        y -= D(fb["alleinerziehend"]) / 12
    y = max(y, Decimal(0))
    nl = min(n, 12)
    hoechst = je_mitglied(p("hoechstbetrag", t), nl, mietstufe - 1)
    klima = je_mitglied(p("klimakomponente", t), nl)
    heiz = je_mitglied(p("heizkosten_gesamtbetrag", t), nl)

    def anteil(x: Decimal) -> Decimal:
        return (x * k / n).quantize(CENT, ROUND_HALF_UP)

    m = min(anteil(euro(h.wohnung.kosten_monat)), anteil(hoechst + klima)) + anteil(heiz)
    betrag = Decimal(0)
    if k > 0:
        kl = min(k, 12)
        abc = p("formelwerte", t)[kl - 1]
        mind = p("mindestwerte", t)
        mm = max(m, D(mind["m"][kl - 1]))
        yy = min(max(y, D(mind["y"][kl - 1])), Decimal(100000))
        z1 = (D(abc["a"]) + D(abc["b"]) * mm + D(abc["c"]) * yy).quantize(ZEHN, ROUND_DOWN)
        z2 = (z1 * yy).quantize(ZEHN, ROUND_DOWN)
        z3 = (mm - z2).quantize(ZEHN, ROUND_DOWN)
        z4 = (Decimal("1.15") * z3).quantize(ZEHN, ROUND_DOWN)
        betrag = max(z4.quantize(Decimal(1), ROUND_HALF_UP), Decimal(0))
        if k > 12 and betrag > 0:  # A-0071: nothing to raise when the formula for 12 yields nothing
            betrag += min((k - 12) * D(p("erhoehung_ab_13", t)), max(m - betrag, Decimal(0)))
        if betrag < D(p("mindestbetrag", t)):
            betrag = Decimal(0)
        # § 21 Nr. 3 WoGG with Nr. 21.37 WoGVwV: erhebliches Vermögen of the considered members
        grenze = D(p("vermoegen_missbrauch", t)["erstes_mitglied"]) + (k - 1) * D(
            p("vermoegen_missbrauch", t)["je_weiteres"]
        )
        if sum(euro(person.vermoegen) for person, b in zip(h.personen, ber, strict=True) if b) > grenze:
            betrag = Decimal(0)
    return {"betrag": betrag, "y": y, "m": m, "n": n, "k": k}
