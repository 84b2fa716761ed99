"""Oversight metrics of the document reader, computed from the staff's decisions in the database.

Every proposal a person confirmed (kept), corrected or rejected is a label. Per field, document type and
model version: decision rates; calibration (shown confidence vs. how often the value was kept); drift by
ISO week (volume, type mix, mean confidence, OCR share); time from reading to decision; and the
automation-bias check per person (accepts nearly everything, seconds apart).
"""

from __future__ import annotations

import datetime as dt
import itertools
import statistics
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from amtsweg.governance.tabellen import auswertung, benutzer, feldvorschlag, utc

ENTSCHIEDEN = ("bestaetigt", "korrigiert", "abgelehnt")
FAECHER = 10


@dataclass
class Quoten:
    n: int = 0
    bestaetigt: int = 0
    korrigiert: int = 0
    abgelehnt: int = 0

    def zaehle(self, status: str) -> None:
        self.n += 1
        setattr(self, status, getattr(self, status) + 1)

    def als_dict(self) -> dict[str, Any]:
        def q(x: int) -> float | None:
            return round(x / self.n, 4) if self.n else None

        return {
            "n": self.n,
            "bestaetigt": self.bestaetigt,
            "korrigiert": self.korrigiert,
            "abgelehnt": self.abgelehnt,
            "annahmequote": q(self.bestaetigt),
            "korrekturquote": q(self.korrigiert),
            "ablehnungsquote": q(self.abgelehnt),
        }


@dataclass
class Person:
    kennung: str
    zeiten: list[dt.datetime] = field(default_factory=list)
    quoten: Quoten = field(default_factory=Quoten)


def _median(werte: list[float]) -> float | None:
    return round(statistics.median(werte), 1) if werte else None


def _perzentil(werte: list[float], p: float) -> float | None:
    if not werte:
        return None
    geordnet = sorted(werte)
    return round(geordnet[min(len(geordnet) - 1, int(p * len(geordnet)))], 1)


def _woche(zeit: dt.datetime) -> str:
    jahr, woche, _ = zeit.isocalendar()
    return f"{jahr}-W{woche:02d}"


def kalibrierung(paare: list[tuple[float, bool]]) -> dict[str, Any]:
    """Ten equal-width confidence bins: mean shown confidence vs. share kept; ECE weighted by bin size."""
    faecher: list[list[tuple[float, bool]]] = [[] for _ in range(FAECHER)]
    for konfidenz, behalten in paare:
        faecher[min(FAECHER - 1, max(0, int(konfidenz * FAECHER)))].append((konfidenz, behalten))
    zeilen, ece = [], 0.0
    for i, fach in enumerate(faecher):
        if not fach:
            continue
        mittel = sum(k for k, _ in fach) / len(fach)
        quote = sum(1 for _, b in fach if b) / len(fach)
        ece += len(fach) / len(paare) * abs(mittel - quote)
        zeilen.append(
            {
                "von": i / FAECHER,
                "bis": (i + 1) / FAECHER,
                "n": len(fach),
                "konfidenz": round(mittel, 4),
                "behalten": round(quote, 4),
            }
        )
    return {"faecher": zeilen, "fehler": round(ece, 4) if paare else None, "n": len(paare)}


def automationsbias(personen: dict[int, Person], schwellen: dict[str, Any]) -> list[dict[str, Any]]:
    """Per person: acceptance rate and median seconds between consecutive decisions; alarm flag."""
    quote_max = schwellen.get("automationsbias_annahmequote", {}).get("max", 0.97)
    mindestens = schwellen.get("automationsbias_annahmequote", {}).get("mindestens", 20)
    sekunden_min = schwellen.get("automationsbias_sekunden", {}).get("min", 5.0)
    ergebnis = []
    for p in personen.values():
        zeiten = sorted(p.zeiten)
        abstaende = [(b - a).total_seconds() for a, b in itertools.pairwise(zeiten)]
        median = _median(abstaende)
        quote = p.quoten.bestaetigt / p.quoten.n
        alarm = (
            p.quoten.n >= mindestens and quote > quote_max and median is not None and median < sekunden_min
        )
        ergebnis.append(
            {
                "person": p.kennung,
                "n": p.quoten.n,
                "annahmequote": round(quote, 4),
                "sekunden_median": median,
                "alarm": alarm,
            }
        )
    return sorted(ergebnis, key=lambda z: (not z["alarm"], z["person"]))


def dokumente(s: Session, von: dt.datetime, bis: dt.datetime, schwellen: dict[str, Any]) -> dict[str, Any]:
    """All document metrics for decisions (and readings, for drift) in [von, bis)."""
    abfrage = (
        select(
            feldvorschlag.c.feld,
            feldvorschlag.c.konfidenz,
            feldvorschlag.c.status,
            feldvorschlag.c.entschieden_am,
            feldvorschlag.c.entschieden_von_id,
            auswertung.c.typ,
            auswertung.c.modell_version,
            auswertung.c.erstellt_am,
            benutzer.c.email,
        )
        .join(auswertung, auswertung.c.id == feldvorschlag.c.auswertung_id)
        .outerjoin(benutzer, benutzer.c.id == feldvorschlag.c.entschieden_von_id)
        .where(feldvorschlag.c.status.in_(ENTSCHIEDEN))
        .where(feldvorschlag.c.entschieden_am >= von, feldvorschlag.c.entschieden_am < bis)
    )
    gesamt = Quoten()
    je_feld: dict[str, Quoten] = defaultdict(Quoten)
    je_typ: dict[str, Quoten] = defaultdict(Quoten)
    je_version: dict[str, Quoten] = defaultdict(Quoten)
    personen: dict[int, Person] = {}
    paare: list[tuple[float, bool]] = []
    dauer: list[float] = []
    for z in s.execute(abfrage):
        for q in (gesamt, je_feld[z.feld], je_typ[z.typ or "unbekannt"], je_version[z.modell_version]):
            q.zaehle(z.status)
        paare.append((float(z.konfidenz), z.status == "bestaetigt"))
        entschieden = utc(z.entschieden_am)
        dauer.append((entschieden - utc(z.erstellt_am)).total_seconds())
        if z.entschieden_von_id is not None:
            p = personen.setdefault(z.entschieden_von_id, Person(z.email or f"#{z.entschieden_von_id}"))
            p.zeiten.append(entschieden)
            p.quoten.zaehle(z.status)
    return {
        "gesamt": gesamt.als_dict(),
        "je_feld": {k: v.als_dict() for k, v in sorted(je_feld.items())},
        "je_typ": {k: v.als_dict() for k, v in sorted(je_typ.items())},
        "je_version": {k: v.als_dict() for k, v in sorted(je_version.items())},
        "kalibrierung": kalibrierung(paare),
        "entscheidungsdauer_s": {"median": _median(dauer), "p90": _perzentil(dauer, 0.9), "n": len(dauer)},
        "automationsbias": automationsbias(personen, schwellen),
        "drift": drift(s, von, bis),
    }


def drift(s: Session, von: dt.datetime, bis: dt.datetime) -> list[dict[str, Any]]:
    """Per ISO week of reading: documents, type mix, mean type confidence, OCR share."""
    abfrage = select(
        auswertung.c.typ, auswertung.c.konfidenz, auswertung.c.quelle, auswertung.c.erstellt_am
    ).where(auswertung.c.erstellt_am >= von, auswertung.c.erstellt_am < bis)
    wochen: dict[str, list[Any]] = defaultdict(list)
    for z in s.execute(abfrage):
        wochen[_woche(utc(z.erstellt_am))].append(z)
    ergebnis = []
    for woche, zeilen in sorted(wochen.items()):
        typen = Counter(z.typ or "unbekannt" for z in zeilen)
        ergebnis.append(
            {
                "woche": woche,
                "n": len(zeilen),
                "typen": {t: round(n / len(zeilen), 4) for t, n in sorted(typen.items())},
                "konfidenz_mittel": round(sum(float(z.konfidenz) for z in zeilen) / len(zeilen), 4),
                "ocr_anteil": round(
                    sum(1 for z in zeilen if z.quelle in ("ocr", "gemischt")) / len(zeilen), 4
                ),
            }
        )
    return ergebnis
