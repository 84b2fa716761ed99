"""Demo data for the Neuberechnung: the demo Vorgänge of today plus Bewilligungen decided under the
Wohngeld rules of December 2024, so that a Probelauf on 2025-01-01 crosses the Fortschreibung
(§ 43 WoGG, in force 2025-01-01)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

import pytest
from sqlalchemy.orm import Session

from amtsweg.cases import dienste, entscheidung
from amtsweg.cases.demodaten import Demokonten, haushalt, lege_konten_an, lege_vorgaenge_an
from amtsweg.cases.modelle import Behoerde, Benutzer, Entscheidung, Vorgang
from amtsweg.db import Datenbank

DEZEMBER_2024 = dt.date(2024, 12, 1)


@dataclass(frozen=True)
class Bestand:
    demo: list[str]  # today's demo Vorgänge, one per status
    hoeher: str
    niedriger: str
    endet: str
    fehler: str
    andere_behoerde: str
    nicht_freigegeben: str


def bewilligt(
    s: Session, buerger: Benutzer, sb: Benutzer, behoerde: Behoerde, daten: dict[str, Any]
) -> Vorgang:
    vorgang = dienste.antrag_einreichen(s, buerger, behoerde, "wohngeld", daten)
    dienste.berechnen(s, sb, vorgang)
    entscheidung.entscheiden(s, sb, vorgang, "bewilligung")
    return vorgang


def _letzte(s: Session, vorgang: Vorgang) -> Entscheidung:
    gefunden = dienste.letzte_entscheidung(s, vorgang.id)
    assert gefunden is not None
    return gefunden


def lege_bestand_an(s: Session) -> tuple[Demokonten, Bestand]:
    k = lege_konten_an(s, passwort="demo-passwort-123")
    demo = lege_vorgaenge_an(s, k, dt.date.today())
    sb, b = k.sachbearbeitung, k.buergerin
    hoeher = bewilligt(s, b, sb, k.behoerde, haushalt(DEZEMBER_2024))  # 155 € under the 2023 values
    niedriger = bewilligt(s, b, sb, k.behoerde, haushalt(DEZEMBER_2024, "450.00"))
    # stands for an old decision with a higher amount than today's rules give for the same data
    _letzte(s, niedriger).betrag_cent = 99_900
    endet = bewilligt(s, k.buerger2, sb, k.behoerde, haushalt(DEZEMBER_2024, "500.00"))
    # the stored data now carry an income above every limit: no Anspruch under the new computation
    endet.daten = haushalt(DEZEMBER_2024, "500.00", "4000.00")
    fehler = bewilligt(s, k.buerger2, sb, k.behoerde, haushalt(DEZEMBER_2024, "490.00"))
    kaputt = haushalt(DEZEMBER_2024, "490.00")
    kaputt["wohnung"]["kosten_monat"] = "viel"
    fehler.daten = kaputt
    andere = bewilligt(s, b, k.fremde_sachbearbeitung, k.andere_behoerde, haushalt(DEZEMBER_2024))
    # above the four-eyes limit (300 €): waits for the Freigabe, so no Bescheid, not running
    offen = dienste.antrag_einreichen(
        s, b, k.behoerde, "wohngeld", haushalt(DEZEMBER_2024, "560.00", "900.00")
    )
    dienste.berechnen(s, sb, offen)
    entscheidung.entscheiden(s, sb, offen, "bewilligung")
    s.flush()
    return k, Bestand(
        demo=[v.nummer for v in demo],
        hoeher=hoeher.nummer,
        niedriger=niedriger.nummer,
        endet=endet.nummer,
        fehler=fehler.nummer,
        andere_behoerde=andere.nummer,
        nicht_freigegeben=offen.nummer,
    )


@pytest.fixture
def bestand(datenbank: Datenbank) -> Bestand:
    with datenbank.sitzung() as s:
        _, ergebnis = lege_bestand_an(s)
    return ergebnis
