"""Assembling the Bescheid of a decision from the stored Vorgang, Berechnung and Entscheidung."""

from __future__ import annotations

import datetime as dt
import hashlib
from decimal import Decimal
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from amtsweg.cases.modelle import Behoerde, Benutzer, Berechnung, Bescheid, Entscheidung, Vorgang
from amtsweg.governance import erklaerung
from amtsweg.governance.audit import Aktion, protokolliere

VERMOEGEN_NORM = "§ 21 Nr. 3 WoGG"


def _ist_vermoegensschritt(schritt: dict[str, Any]) -> bool:
    return schritt.get("norm") == VERMOEGEN_NORM and "Vermögen" in str(schritt.get("text", ""))


def iban_maskiert(iban: str) -> str:
    """Only country, check digits and the last four characters of an IBAN (letters, status page)."""
    iban = "".join(iban.split()).upper()
    return f"{iban[:4]} **** **** **** **{iban[-4:-2]} {iban[-2:]}" if len(iban) >= 8 else "****"


def _zahlung(angaben: dict[str, Any]) -> str | None:
    konto = angaben.get("konto") or {}
    if not konto.get("iban"):
        return None
    return f"{konto.get('inhaber') or 'Kontoinhaber'}, IBAN {iban_maskiert(str(konto['iban']))}"


def _feststellungen(angaben: dict[str, Any]) -> tuple[str, ...]:
    if angaben.get("vermoegen_erheblich") is False:
        return (
            "Nach Ihren Angaben im Antrag hat Ihr Haushalt kein erhebliches Vermögen; ein Ausschluss nach "
            f"{VERMOEGEN_NORM} kommt daher nicht in Betracht.",
        )
    return ()


def bescheiddaten(s: Session, vorgang: Vorgang, entscheidung: Entscheidung, datum: dt.date) -> Any:
    from amtsweg.cases.bescheid import daten as d

    behoerde = s.get_one(Behoerde, vorgang.behoerde_id)
    antragsteller = s.get_one(Benutzer, vorgang.antragsteller_id)
    berechnung = s.get(Berechnung, entscheidung.berechnung_id) if entscheidung.berechnung_id else None
    ergebnis: dict[str, Any] = (berechnung.ergebnis if berechnung else {}).get(vorgang.leistung, {})

    # the trace always compares the Vermögen with the limit (0 if not given); the letter states an
    # amount only if the Antrag asked for one (a "no" to erhebliches Vermögen is stated as such)
    vermoegen_nicht_erfragt = not any("vermoegen" in p for p in vorgang.daten.get("personen", []))

    def name(benutzer_id: int | None) -> str | None:
        return s.get_one(Benutzer, benutzer_id).name if benutzer_id else None

    return d.Bescheiddaten(
        behoerde=d.Behoerde(
            name=behoerde.name,
            anschrift=tuple(behoerde.anschrift),
            telefon=behoerde.telefon,
            email=behoerde.email,
            leitung=behoerde.leitung,
            widerspruchsstelle=behoerde.widerspruchsstelle,
            gericht=behoerde.gericht,
        ),
        empfaenger=d.Empfaenger(antragsteller.name, tuple(antragsteller.anschrift)),
        aktenzeichen=vorgang.nummer,
        datum=datum,
        leistung=vorgang.leistung,
        art=entscheidung.art,  # type: ignore[arg-type]
        betrag_monat=Decimal(entscheidung.betrag_cent) / 100 if entscheidung.art != "ablehnung" else None,
        bewilligung_von=entscheidung.bewilligung_von,
        bewilligung_bis=entscheidung.bewilligung_bis,
        verfuegungssatz="",
        begruendung=tuple(
            d.Berechnungsschritt(x["norm"], x["text"], x["wert"])
            for x in ergebnis.get("begruendung", [])
            if not (vermoegen_nicht_erfragt and _ist_vermoegensschritt(x))
        ),
        zahlung=_zahlung(vorgang.angaben or {}),
        feststellungen=_feststellungen(vorgang.angaben or {}),
        ablehnungsgruende=tuple(entscheidung.gruende),
        haushaltsmitglieder=tuple(str(p.get("id", "")) for p in vorgang.daten.get("personen", [])),
        regelwerk_version=berechnung.regelwerk_version if berechnung else "",
        automatisch=entscheidung.automatisch,
        sachbearbeitung=name(entscheidung.entschieden_von_id),
        freigabe=name(entscheidung.freigegeben_von_id),
        zustellung="elektronisch",
        aenderung=_aenderung(s, vorgang),
        ki_lesung=erklaerung.bescheid_saetze(s, vorgang.id),
    )


def _aenderung(s: Session, vorgang: Vorgang) -> Any:
    """For a decision on an Änderungsmitteilung: the predecessor's last Bescheid, replaced from the
    first of the month of the change (None for other Antragsarten)."""
    from amtsweg.cases.bescheid import daten as d

    if vorgang.art != "aenderung" or vorgang.vorgaenger_id is None:
        return None
    vorbescheid = s.scalar(
        select(Bescheid)
        .where(Bescheid.vorgang_id == vorgang.vorgaenger_id)
        .order_by(Bescheid.id.desc())
        .limit(1)
    )
    if vorbescheid is None:
        return None
    vorgaenger = s.get_one(Vorgang, vorgang.vorgaenger_id)
    ab = dt.date.fromisoformat(str(vorgang.daten["stichtag"])).replace(day=1)
    return d.Aenderung(aktenzeichen=vorgaenger.nummer, bescheid_vom=vorbescheid.datum, ab=ab)


def erstelle_bescheid(
    s: Session, vorgang: Vorgang, entscheidung: Entscheidung, datum: dt.date | None = None
) -> Bescheid:
    """Render the PDF/A, store it with its checksum and the Rechtsbehelfsfrist, and log the event."""
    from amtsweg.cases.bescheid import erzeuge_bescheid, rechtsbehelfsfrist

    daten = bescheiddaten(s, vorgang, entscheidung, datum or dt.datetime.now(dt.UTC).date())
    pdf = erzeuge_bescheid(daten)
    bescheid = Bescheid(
        vorgang_id=vorgang.id,
        entscheidung_id=entscheidung.id,
        datum=daten.datum,
        pdf=pdf,
        sha256=hashlib.sha256(pdf).hexdigest(),
        automatisch=entscheidung.automatisch,
        rechtsbehelfsfrist=rechtsbehelfsfrist(daten),
    )
    s.add(bescheid)
    s.flush()
    protokolliere(
        s,
        Aktion.bescheid_erstellt,
        akteur="system",
        rolle="system",
        vorgang=vorgang.nummer,
        daten={"bescheid_id": bescheid.id, "sha256": bescheid.sha256, "automatisch": bescheid.automatisch},
        regelwerk_version=daten.regelwerk_version,
    )
    return bescheid
