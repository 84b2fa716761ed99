"""Page and report data of AI governance: the register with switch states and warnings, one use case's
live metrics for a period, and its kill-switch history (from the audit trail)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from amtsweg.governance import aufsicht, grafik
from amtsweg.governance.audit import AuditEreignis
from amtsweg.governance.ereignisse import KiAktion
from amtsweg.governance.modelle import KiWarnung
from amtsweg.governance.register import Eintrag, eintrag, register
from amtsweg.governance.schalter import Zustand, zustand

STANDARD_TAGE = 30


class ZeitraumFehler(ValueError):
    def __init__(self, feld: str, meldung: str) -> None:
        super().__init__(meldung)
        self.feld = feld
        self.meldung = meldung


def zeitraum(von: str, bis: str, heute: dt.date) -> tuple[dt.date, dt.date]:
    """Parse ``von``/``bis`` (YYYY-MM-DD, both inclusive); default: the last 30 days up to today."""

    def datum(text: str, feld: str, standard: dt.date) -> dt.date:
        if not text.strip():
            return standard
        try:
            return dt.date.fromisoformat(text.strip())
        except ValueError as fehler:
            raise ZeitraumFehler(feld, f"{feld}: bitte ein Datum wie 2026-11-30 angeben.") from fehler

    ende = datum(bis, "bis", heute)
    anfang = datum(von, "von", ende - dt.timedelta(days=STANDARD_TAGE - 1))
    if anfang > ende:
        raise ZeitraumFehler("von", "von: das Anfangsdatum liegt nach dem Enddatum.")
    if (ende - anfang).days > 3660:
        raise ZeitraumFehler("von", "von: der Zeitraum darf höchstens zehn Jahre umfassen.")
    return anfang, ende


def grenzen(von: dt.date, bis: dt.date) -> tuple[dt.datetime, dt.datetime]:
    """Inclusive dates as a half-open UTC interval."""
    return (
        dt.datetime.combine(von, dt.time(), dt.UTC),
        dt.datetime.combine(bis + dt.timedelta(days=1), dt.time(), dt.UTC),
    )


@dataclass(frozen=True, slots=True)
class Zeile:
    eintrag: Eintrag
    zustand: Zustand
    warnungen: int


def register_uebersicht(s: Session) -> list[Zeile]:
    offen = {k: 0 for k in register()}
    for w in aufsicht.warnungen(s, grenze=500):
        offen[w.kennung] = offen.get(w.kennung, 0) + 1
    return [Zeile(e, zustand(s, k), offen.get(k, 0)) for k, e in register().items()]


def schalterverlauf(
    s: Session, kennung: str, von: dt.datetime | None = None, bis: dt.datetime | None = None
) -> list[dict[str, Any]]:
    abfrage = select(AuditEreignis).where(
        AuditEreignis.aktion.in_([KiAktion.ki_abgeschaltet.value, KiAktion.ki_eingeschaltet.value])
    )
    if von is not None and bis is not None:
        abfrage = abfrage.where(AuditEreignis.zeitpunkt >= von, AuditEreignis.zeitpunkt < bis)
    return [
        {
            "zeitpunkt": e.zeitpunkt,
            "aktiv": e.aktion == KiAktion.ki_eingeschaltet.value,
            "akteur": e.akteur,
            "rolle": e.rolle,
            "grund": e.daten.get("grund", ""),
            "folge": e.folge,
        }
        for e in s.scalars(abfrage.order_by(AuditEreignis.folge))
        if e.daten.get("kennung") == kennung
    ]


@dataclass(frozen=True, slots=True)
class Detail:
    eintrag: Eintrag
    zustand: Zustand
    lage: aufsicht.Lage
    warnungen: list[KiWarnung]
    verlauf: list[dict[str, Any]]
    grafiken: dict[str, Any]


def grafiken(kennung: str, m: dict[str, Any]) -> dict[str, Any]:
    if kennung != "dokumente" or not m:
        return {}
    drift = m["drift"]
    return {
        "kalibrierung": grafik.kalibrierung(m["kalibrierung"]["faecher"]),
        "quoten": grafik.quoten(list(m["je_feld"].items())),
        "konfidenz": grafik.verlauf(
            [(w["woche"], w["konfidenz_mittel"]) for w in drift],
            "Mittlere Sicherheit des Dokumenttyps je Woche",
            "Sicherheit",
            "konfidenz-verlauf",
        ),
        "ocr": grafik.verlauf(
            [(w["woche"], w["ocr_anteil"]) for w in drift],
            "Anteil per Texterkennung (OCR) gelesener Dokumente je Woche",
            "OCR-Anteil",
            "ocr-verlauf",
        ),
    }


def detail(s: Session, kennung: str, von: dt.date, bis: dt.date) -> Detail:
    e = eintrag(kennung)
    anfang, ende = grenzen(von, bis)
    if (bis - von).days == STANDARD_TAGE - 1 and bis == dt.date.today():
        lage = aufsicht.pruefe(s, kennung, anfang, ende)  # the standard window: record new breaches
    else:  # any other window a reader picks: show breaches without storing one per chosen period
        m = aufsicht.metriken(s, kennung, anfang, ende)
        lage = aufsicht.Lage(kennung, m, aufsicht.verstoesse(kennung, m))
    return Detail(
        e,
        zustand(s, kennung),
        lage,
        aufsicht.warnungen(s, kennung),
        schalterverlauf(s, kennung),
        grafiken(kennung, lage.metriken),
    )
