"""Plausibility of extracted values against the Antrag (Haushalt JSON) and against each other.

Each difference names its size and the rule it affects. Nothing here changes the Antrag: differences are
hints for the Sachbearbeitung, which decides.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from amtsweg.rules.engine.norm import Norm

#: absolute tolerance for amounts (rounding on forms) and relative tolerance for fluctuating income
TOLERANZ = Decimal("1.00")
SCHWANKUNG = Decimal("0.10")
#: ALG is paid per calendar day; the Bundesagentur counts a month as 30 days
TAGE_MONAT = 30


@dataclass(frozen=True, slots=True)
class Nachweis:
    """The (confirmed or proposed) fields of one document."""

    typ: str
    felder: Mapping[str, str]
    dokument: str = ""  # id or file name for the message
    person: str | None = None  # Haushalt person id the document belongs to (default: applicant)


@dataclass(frozen=True, slots=True)
class Abweichung:
    regel: str  # short key, e.g. "miete_antrag"
    norm: str
    beschreibung: str  # German, for the Sachbearbeitung
    feld: str  # JSON path in the Antrag or field name
    wert_antrag: str | None
    wert_dokument: str | None
    differenz: Decimal | None  # document minus Antrag (or max minus min between documents)
    dokumente: tuple[str, ...] = field(default_factory=tuple)


def _dez(wert: Any) -> Decimal | None:
    try:
        return Decimal(str(wert)) if wert not in (None, "") else None
    except ArithmeticError:
        return None


def _euro(wert: Decimal) -> str:
    text = f"{abs(wert):,.2f}".replace(",", "X").replace(".", ",").replace("X", ".")
    return f"{'-' if wert < 0 else ''}{text} €"


def _person(antrag: Mapping[str, Any], person_id: str | None) -> Mapping[str, Any] | None:
    personen = antrag.get("personen", [])
    for person in personen:
        if person_id is not None and person.get("id") == person_id:
            return dict(person)
    if person_id is None:
        for person in personen:
            if person.get("rolle") == "antragsteller":
                return dict(person)
    return None


def _einkommen(person: Mapping[str, Any], art: str) -> tuple[int, Decimal] | None:
    for index, eintrag in enumerate(person.get("einkommen", [])):
        if eintrag.get("art") == art:
            wert = _dez(eintrag.get("brutto_monat"))
            if wert is not None:
                return index, wert
    return None


def _vergleich(
    regel: str,
    norm: str,
    feld: str,
    antrag: Decimal | None,
    dokument: Decimal,
    was: str,
    quellen: tuple[str, ...],
) -> Abweichung | None:
    if antrag is None:
        return Abweichung(
            regel,
            norm,
            f"{was}: im Antrag nicht angegeben, im Nachweis {_euro(dokument)}.",
            feld,
            None,
            str(dokument),
            None,
            quellen,
        )
    differenz = dokument - antrag
    if abs(differenz) <= TOLERANZ:
        return None
    return Abweichung(
        regel,
        norm,
        f"{was}: Antrag {_euro(antrag)}, Nachweis {_euro(dokument)} (Differenz {_euro(differenz)}).",
        feld,
        str(antrag),
        str(dokument),
        differenz,
        quellen,
    )


def _einkommensregel(
    antrag: Mapping[str, Any],
    person_id: str | None,
    art: str,
    wert: Decimal,
    norm: str,
    was: str,
    quellen: tuple[str, ...],
) -> Abweichung | None:
    person = _person(antrag, person_id)
    if person is None:
        return None
    gefunden = _einkommen(person, art)
    pfad = f"personen[id={person.get('id')}].einkommen"
    if gefunden is None:
        return _vergleich(f"{art}_antrag", norm, pfad, None, wert, was, quellen)
    index, im_antrag = gefunden
    return _vergleich(f"{art}_antrag", norm, f"{pfad}[{index}].brutto_monat", im_antrag, wert, was, quellen)


def _lohn(antrag: Mapping[str, Any], belege: Sequence[Nachweis]) -> list[Abweichung]:
    ergebnis: list[Abweichung] = []
    norm = f"{Norm('WoGG', '14', absatz=1)}, {Norm('WoGG', '15', absatz=1)}"
    nach_person: dict[str | None, list[Nachweis]] = {}
    for beleg in belege:
        nach_person.setdefault(beleg.person, []).append(beleg)
    for person_id, gruppe in nach_person.items():
        brutto = [(b, w) for b in gruppe if (w := _dez(b.felder.get("brutto"))) is not None]
        quellen = tuple(b.dokument for b, _ in brutto)
        for beleg in gruppe:
            b, n = _dez(beleg.felder.get("brutto")), _dez(beleg.felder.get("netto"))
            if b is not None and n is not None and n > b:
                ergebnis.append(
                    Abweichung(
                        "lohn_netto_ueber_brutto",
                        norm,
                        f"Netto ({_euro(n)}) ist höher als Brutto ({_euro(b)}) – Ablesung prüfen.",
                        "netto",
                        None,
                        str(n),
                        n - b,
                        (beleg.dokument,),
                    )
                )
        monate = [m for b in gruppe if (m := b.felder.get("abrechnungsmonat"))]
        doppelt = sorted({m for m in monate if monate.count(m) > 1})
        if doppelt:
            ergebnis.append(
                Abweichung(
                    "lohn_monat_doppelt",
                    norm,
                    f"Abrechnungsmonat mehrfach vorgelegt: {', '.join(doppelt)}.",
                    "abrechnungsmonat",
                    None,
                    ", ".join(doppelt),
                    None,
                    tuple(b.dokument for b in gruppe),
                )
            )
        if not brutto:
            continue
        werte = [w for _, w in brutto]
        mittel = (sum(werte, Decimal(0)) / len(werte)).quantize(Decimal("0.01"))
        if len(werte) > 1 and max(werte) - min(werte) > SCHWANKUNG * mittel:
            ergebnis.append(
                Abweichung(
                    "lohn_schwankung",
                    norm,
                    f"Das Bruttoentgelt schwankt zwischen {_euro(min(werte))} und {_euro(max(werte))} "
                    f"(Mittel {_euro(mittel)}); das zu erwartende Einkommen ist zu schätzen.",
                    "brutto",
                    None,
                    str(mittel),
                    max(werte) - min(werte),
                    quellen,
                )
            )
        was = "Bruttoeinkommen aus Erwerbstätigkeit" + (
            f" (Mittel aus {len(werte)} Abrechnungen)" if len(werte) > 1 else ""
        )
        abw = _einkommensregel(antrag, person_id, "erwerbstaetigkeit", mittel, norm, was, quellen)
        if abw:
            ergebnis.append(abw)
    return ergebnis


def pruefe_plausibilitaet(antrag: Mapping[str, Any], nachweise: Sequence[Nachweis]) -> list[Abweichung]:
    """All differences between the Antrag and the documents, and between the documents."""
    ergebnis: list[Abweichung] = []
    wohnung = antrag.get("wohnung", {})
    mieten = [n for n in nachweise if n.typ in ("mietbescheinigung", "mietvertrag")]
    for beleg in mieten:
        kalt, neben = _dez(beleg.felder.get("kaltmiete")), _dez(beleg.felder.get("nebenkosten"))
        if kalt is None:
            continue
        miete = kalt + (neben or Decimal(0))
        abw = _vergleich(
            "miete_antrag",
            str(Norm("WoGG", "9", absatz=1)),
            "wohnung.kosten_monat",
            _dez(wohnung.get("kosten_monat")),
            miete,
            "Miete (Kaltmiete + kalte Nebenkosten)",
            (beleg.dokument,),
        )
        if abw:
            ergebnis.append(abw)
        heiz = _dez(beleg.felder.get("heizkosten"))
        if heiz is not None and wohnung.get("heizkosten_monat") is not None:
            abw = _vergleich(  # heating is no part of the Wohngeld-Miete (§ 9 Abs. 2 WoGG); it is a KdU need
                "heizkosten_antrag",
                str(Norm("SGB II", "22", absatz=1)),
                "wohnung.heizkosten_monat",
                _dez(wohnung.get("heizkosten_monat")),
                heiz,
                "Heizkosten",
                (beleg.dokument,),
            )
            if abw:
                ergebnis.append(abw)
    if len(mieten) > 1:
        kalt_werte = {n.dokument: w for n in mieten if (w := _dez(n.felder.get("kaltmiete"))) is not None}
        if kalt_werte and max(kalt_werte.values()) - min(kalt_werte.values()) > TOLERANZ:
            ergebnis.append(
                Abweichung(
                    "miete_nachweise",
                    str(Norm("WoGG", "9", absatz=1)),
                    "Die Kaltmiete ist in den Mietnachweisen verschieden: "
                    + "; ".join(f"{d}: {_euro(w)}" for d, w in kalt_werte.items())
                    + ".",
                    "kaltmiete",
                    None,
                    None,
                    max(kalt_werte.values()) - min(kalt_werte.values()),
                    tuple(kalt_werte),
                )
            )
    ergebnis += _lohn(antrag, [n for n in nachweise if n.typ == "lohnabrechnung"])
    for beleg in nachweise:
        quellen = (beleg.dokument,)
        f = beleg.felder
        if beleg.typ == "rentenbescheid" and (rente := _dez(f.get("rentenbetrag"))) is not None:
            abw = _einkommensregel(
                antrag,
                beleg.person,
                "rente",
                rente,
                str(Norm("WoGG", "14", absatz=1)),
                "Rente (brutto)",
                quellen,
            )
            ergebnis += [abw] if abw else []
            kvpv, zahl = _dez(f.get("kv_pv_beitrag")), _dez(f.get("zahlbetrag"))
            if kvpv is not None and zahl is not None and abs(rente - kvpv - zahl) > Decimal("0.01"):
                ergebnis.append(
                    Abweichung(
                        "rente_zahlbetrag",
                        str(Norm("WoGG", "14", absatz=1)),
                        f"Rente {_euro(rente)} minus KV/PV {_euro(kvpv)} ergibt nicht den "
                        f"Zahlbetrag {_euro(zahl)}.",
                        "zahlbetrag",
                        None,
                        str(zahl),
                        rente - kvpv - zahl,
                        quellen,
                    )
                )
        elif beleg.typ == "alg_bescheid" and (satz := _dez(f.get("tagessatz"))) is not None:
            monat = satz * TAGE_MONAT
            abw = _einkommensregel(
                antrag,
                beleg.person,
                "arbeitslosengeld",
                monat,
                str(Norm("WoGG", "14", absatz=2, nummer="6")),
                f"Arbeitslosengeld ({_euro(satz)} täglich × {TAGE_MONAT})",
                quellen,
            )
            ergebnis += [abw] if abw else []
        elif beleg.typ == "uvg_bescheid" and (betrag := _dez(f.get("betrag_monat"))) is not None:
            abw = _einkommensregel(
                antrag,
                beleg.person,
                "unterhaltsvorschuss",
                betrag,
                str(Norm("WoGG", "14", absatz=2, nummer="21")),
                "Unterhaltsvorschuss",
                quellen,
            )
            ergebnis += [abw] if abw else []
        elif beleg.typ == "schwerbehindertenausweis" and (gdb := _dez(f.get("gdb"))) is not None:
            person = _person(antrag, beleg.person)
            im_antrag = _dez(person.get("grad_der_behinderung", 0)) if person else None
            if person is not None and im_antrag != gdb:
                ergebnis.append(
                    Abweichung(
                        "gdb_antrag",
                        str(Norm("WoGG", "17", nummer="1")),
                        f"Grad der Behinderung: Antrag {im_antrag}, Nachweis {gdb}.",
                        f"personen[id={person.get('id')}].grad_der_behinderung",
                        str(im_antrag),
                        str(gdb),
                        gdb - (im_antrag or 0),
                        quellen,
                    )
                )
    return ergebnis
