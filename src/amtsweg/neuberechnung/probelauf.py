"""Probelauf: recompute each running Bewilligung with the rules in force on the Stichtag (the Haushalt
data unchanged except its Stichtag), classify the change and name its reason. Reads only."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from amtsweg.cases.dienste import LEISTUNGEN, berechne_leistung
from amtsweg.cases.fehler import Verfahrensfehler
from amtsweg.cases.modelle import Behoerde
from amtsweg.neuberechnung.auswahl import LaufendeBewilligung, laufende_bewilligungen
from amtsweg.rules.engine.fehler import Eingabefehler, RegelwerkFehler

UNVERAENDERT = "unveraendert"
HOEHER = "hoeher"
NIEDRIGER = "niedriger"
ENDET = "endet"
#: the case's stored data cannot be computed any more (e.g. invalid under the new rules); a person looks
FEHLER = "fehler"
KLASSEN = (UNVERAENDERT, HOEHER, NIEDRIGER, ENDET, FEHLER)

#: how many differing trace steps are named as the reason
GRUND_SCHRITTE = 3


class Neuberechnungsfehler(Exception):
    """The run cannot start (unknown filter value, no rules in force); the message is German."""


@dataclass(frozen=True, slots=True)
class Fall:
    """The result of one case in the Probelauf (amounts in cents per month)."""

    vorgang: str
    behoerde_id: int
    leistung: str
    bewilligung_von: dt.date | None
    bewilligung_bis: dt.date | None
    alt_cent: int
    neu_cent: int
    alt_regelwerk_version: str
    neu_regelwerk_version: str
    klasse: str
    grund: str

    @property
    def differenz_cent(self) -> int:
        return self.neu_cent - self.alt_cent


@dataclass(slots=True)
class Zusammenfassung:
    stichtag: dt.date
    anzahl: dict[str, int] = field(default_factory=lambda: dict.fromkeys(KLASSEN, 0))
    #: sum over all cases of (new - old) monthly amount; cases with FEHLER count 0
    aenderung_monat_cent: int = 0

    @property
    def gesamt(self) -> int:
        return sum(self.anzahl.values())

    def zaehle(self, fall: Fall) -> None:
        self.anzahl[fall.klasse] += 1
        if fall.klasse != FEHLER:
            self.aenderung_monat_cent += fall.differenz_cent


def _euro(cent: int) -> str:
    vorzeichen = "-" if cent < 0 else ""
    euro, rest = divmod(abs(cent), 100)
    return f"{vorzeichen}{euro:,}".replace(",", ".") + f",{rest:02d} €"


def _pruefe_regelwerk(leistung: str, stichtag: dt.date) -> None:
    """Raise Neuberechnungsfehler unless the rules of ``leistung`` are in force on ``stichtag``
    (only parameters in force count; entwurf/prognose values are never used here)."""
    pruefer: dict[str, Callable[[dt.date], object]] = {}
    if leistung == "wohngeld":
        from amtsweg.rules.wohngeld.werte import werte_am

        pruefer[leistung] = werte_am
    try:
        pruefer[leistung](stichtag)
    except RegelwerkFehler as fehler:
        raise Neuberechnungsfehler(
            f"Für den Stichtag {stichtag:%d.%m.%Y} ist kein Regelwerk für {leistung} in Kraft: {fehler}"
        ) from None


def _schritte(ergebnis: dict[str, Any] | None, leistung: str) -> list[dict[str, str]]:
    if not ergebnis:
        return []
    return list(ergebnis.get(leistung, {}).get("begruendung", []))


def grund(alt: list[dict[str, str]], neu: list[dict[str, str]], alt_cent: int, neu_cent: int) -> str:
    """The first trace steps (norm and text matched in order) whose value differs, e.g.
    "Anlage 1 WoGG Höchstbetrag: 491,00 € → 511,00 €"; the amounts when the traces do not say more."""
    alte = {(x["norm"], x["text"]): x["wert"] for x in alt}
    teile = []
    for schritt in neu:
        schluessel = (schritt["norm"], schritt["text"])
        if schluessel in alte and alte[schluessel] != schritt["wert"]:
            teile.append(f"{schritt['norm']} {schritt['text']}: {alte[schluessel]} → {schritt['wert']}")
            if len(teile) == GRUND_SCHRITTE:
                break
    if teile:
        return "; ".join(teile)
    if alt_cent == neu_cent:
        return ""
    return f"Monatlicher Betrag: {_euro(alt_cent)} → {_euro(neu_cent)}"


def klasse(alt_cent: int, neu_cent: int) -> str:
    if neu_cent <= 0:
        return ENDET
    if neu_cent > alt_cent:
        return HOEHER
    if neu_cent < alt_cent:
        return NIEDRIGER
    return UNVERAENDERT


def berechne_fall(laufend: LaufendeBewilligung, stichtag: dt.date) -> Fall:
    vorgang, entscheidung, berechnung = laufend.vorgang, laufend.entscheidung, laufend.berechnung
    daten = {**vorgang.daten, "stichtag": stichtag.isoformat()}
    basis: dict[str, Any] = {
        "vorgang": vorgang.nummer,
        "behoerde_id": vorgang.behoerde_id,
        "leistung": vorgang.leistung,
        "bewilligung_von": entscheidung.bewilligung_von,
        "bewilligung_bis": entscheidung.bewilligung_bis,
        "alt_cent": entscheidung.betrag_cent,
        "alt_regelwerk_version": berechnung.regelwerk_version if berechnung else "",
    }
    try:
        ergebnis, neu_cent, version = berechne_leistung(vorgang.leistung, daten)
    except (Eingabefehler, Verfahrensfehler) as fehler:
        return Fall(**basis, neu_cent=0, neu_regelwerk_version="", klasse=FEHLER, grund=str(fehler))
    alt = _schritte(berechnung.ergebnis if berechnung else None, vorgang.leistung)
    return Fall(
        **basis,
        neu_cent=neu_cent,
        neu_regelwerk_version=version,
        klasse=klasse(entscheidung.betrag_cent, neu_cent),
        grund=grund(alt, _schritte(ergebnis, vorgang.leistung), entscheidung.betrag_cent, neu_cent),
    )


def behoerde_id(s: Session, schluessel: str | None) -> int | None:
    if schluessel is None:
        return None
    gefunden = s.scalar(select(Behoerde.id).where(Behoerde.schluessel == schluessel))
    if gefunden is None:
        raise Neuberechnungsfehler(f"--behoerde: Die Behörde „{schluessel}“ ist nicht bekannt.")
    return gefunden


def probelauf(
    s: Session,
    stichtag: dt.date,
    *,
    leistung: str | None = None,
    behoerde: str | None = None,
    stapel: int = 500,
) -> Iterator[Fall]:
    """Stream one Fall per running Bewilligung. Checks the filters and that the rules are in force on
    ``stichtag`` before the first case (Neuberechnungsfehler otherwise)."""
    if leistung is not None and leistung not in LEISTUNGEN:
        verfuegbar = ", ".join(LEISTUNGEN)
        raise Neuberechnungsfehler(
            f"--leistung: „{leistung}“ kann nicht neu berechnet werden (verfügbar: {verfuegbar})."
        )
    for name in (leistung,) if leistung else LEISTUNGEN:
        _pruefe_regelwerk(name, stichtag)
    kennung = behoerde_id(s, behoerde)

    def faelle() -> Iterator[Fall]:
        for laufend in laufende_bewilligungen(
            s, stichtag, leistung=leistung, behoerde_id=kennung, stapel=stapel
        ):
            yield berechne_fall(laufend, stichtag)

    return faelle()


def zusammenfassen(stichtag: dt.date, faelle: Iterable[Fall]) -> Zusammenfassung:
    zusammenfassung = Zusammenfassung(stichtag)
    for fall in faelle:
        zusammenfassung.zaehle(fall)
    return zusammenfassung
