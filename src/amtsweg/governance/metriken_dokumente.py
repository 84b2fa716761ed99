"""Oversight metrics of the document reader, computed from the staff's decisions in the database.

Every proposal a person confirmed (kept), corrected or rejected is a label. Per field, document type and
model version: decision rates; calibration (shown confidence vs. how often the value was kept); drift by
ISO week (volume, type mix, mean confidence, OCR share); time from reading to decision; and the
automation-bias check per person (accepts nearly everything, seconds apart). Aggregation happens in SQL
(GROUP BY, window functions, ORDER BY/OFFSET for exact medians), so the cost does not grow with rows
transferred.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass
from typing import Any

from sqlalchemy import Integer, case, cast, func, select
from sqlalchemy.orm import Session

from amtsweg.governance.sql import anzahl, median, perzentil, sekunden
from amtsweg.governance.tabellen import auswertung, benutzer, feldvorschlag, utc

ENTSCHIEDEN = ("bestaetigt", "korrigiert", "abgelehnt")
FAECHER = 10


@dataclass
class Quoten:
    n: int = 0
    bestaetigt: int = 0
    korrigiert: int = 0
    abgelehnt: int = 0

    def zaehle(self, status: str, n: int = 1) -> None:
        self.n += n
        setattr(self, status, getattr(self, status) + n)

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


def _woche(zeit: dt.datetime) -> str:
    jahr, woche, _ = zeit.isocalendar()
    return f"{jahr}-W{woche:02d}"


def _entschieden(von: dt.datetime, bis: dt.datetime) -> Any:
    return (
        feldvorschlag.c.status.in_(ENTSCHIEDEN),
        feldvorschlag.c.entschieden_am >= von,
        feldvorschlag.c.entschieden_am < bis,
    )


def kalibrierung(zeilen: list[tuple[int, int, float, int]]) -> dict[str, Any]:
    """Rows (bin, n, sum of confidence, kept) -> mean shown confidence vs. share kept; ECE by bin size."""
    faecher: dict[int, list[float]] = defaultdict(lambda: [0.0, 0.0, 0.0])
    for fach, n, summe, behalten in zeilen:
        f = faecher[min(FAECHER - 1, max(0, int(fach)))]
        f[0] += n
        f[1] += float(summe)
        f[2] += behalten
    gesamt = int(sum(f[0] for f in faecher.values()))
    ergebnis, ece = [], 0.0
    for i in sorted(faecher):
        anzahl_fach, summe_fach, behalten_fach = faecher[i]
        mittel, quote = summe_fach / anzahl_fach, behalten_fach / anzahl_fach
        ece += anzahl_fach / gesamt * abs(mittel - quote)
        ergebnis.append(
            {
                "von": i / FAECHER,
                "bis": (i + 1) / FAECHER,
                "n": int(anzahl_fach),
                "konfidenz": round(mittel, 4),
                "behalten": round(quote, 4),
            }
        )
    return {"faecher": ergebnis, "fehler": round(ece, 4) if gesamt else None, "n": gesamt}


def automationsbias(
    s: Session, von: dt.datetime, bis: dt.datetime, schwellen: dict[str, Any]
) -> list[dict[str, Any]]:
    """Per person: acceptance rate and median seconds between consecutive decisions; alarm flag."""
    quote_max = schwellen.get("automationsbias_annahmequote", {}).get("max", 0.97)
    mindestens = schwellen.get("automationsbias_annahmequote", {}).get("mindestens", 20)
    sekunden_min = schwellen.get("automationsbias_sekunden", {}).get("min", 5.0)
    person = feldvorschlag.c.entschieden_von_id
    kopf = s.execute(
        select(
            person,
            benutzer.c.email,
            anzahl(),
            func.sum(case((feldvorschlag.c.status == "bestaetigt", 1), else_=0)),
        )
        .outerjoin(benutzer, benutzer.c.id == person)
        .where(*_entschieden(von, bis), person.is_not(None))
        .group_by(person, benutzer.c.email)
    ).all()
    vorher = func.lag(feldvorschlag.c.entschieden_am).over(
        partition_by=person, order_by=feldvorschlag.c.entschieden_am
    )
    folge = (
        select(person.label("person"), feldvorschlag.c.entschieden_am.label("zeit"), vorher.label("vorher"))
        .where(*_entschieden(von, bis), person.is_not(None))
        .subquery()
    )
    ergebnis = []
    for pid, email, n, bestaetigt in kopf:
        abstaende = select(sekunden(s, folge.c.vorher, folge.c.zeit).label("abstand")).where(
            folge.c.person == pid, folge.c.vorher.is_not(None)
        )
        gemessen = median(s, abstaende, "abstand", int(n) - 1)
        quote = int(bestaetigt) / int(n)
        alarm = bool(
            n >= mindestens and quote > quote_max and gemessen is not None and gemessen < sekunden_min
        )
        ergebnis.append(
            {
                "person": email or f"#{pid}",
                "n": int(n),
                "annahmequote": round(quote, 4),
                "sekunden_median": gemessen,
                "alarm": alarm,
            }
        )
    return sorted(ergebnis, key=lambda z: (not z["alarm"], z["person"]))


def dokumente(s: Session, von: dt.datetime, bis: dt.datetime, schwellen: dict[str, Any]) -> dict[str, Any]:
    """All document metrics for decisions (and readings, for drift) in [von, bis)."""
    gruppen = s.execute(
        select(
            feldvorschlag.c.feld,
            auswertung.c.typ,
            auswertung.c.modell_version,
            feldvorschlag.c.status,
            anzahl(),
        )
        .join(auswertung, auswertung.c.id == feldvorschlag.c.auswertung_id)
        .where(*_entschieden(von, bis))
        .group_by(feldvorschlag.c.feld, auswertung.c.typ, auswertung.c.modell_version, feldvorschlag.c.status)
    ).all()
    gesamt = Quoten()
    je_feld: dict[str, Quoten] = defaultdict(Quoten)
    je_typ: dict[str, Quoten] = defaultdict(Quoten)
    je_version: dict[str, Quoten] = defaultdict(Quoten)
    for feld, typ, version, status, n in gruppen:
        for q in (gesamt, je_feld[feld], je_typ[typ or "unbekannt"], je_version[version]):
            q.zaehle(status, int(n))
    fach = feldvorschlag.c.konfidenz * FAECHER
    # floor: PostgreSQL's cast to integer rounds, SQLite's truncates (confidences are >= 0)
    fach = func.floor(fach) if s.get_bind().dialect.name == "postgresql" else cast(fach, Integer)
    kalibriert = s.execute(
        select(
            fach,
            anzahl(),
            func.sum(feldvorschlag.c.konfidenz),
            func.sum(case((feldvorschlag.c.status == "bestaetigt", 1), else_=0)),
        )
        .where(*_entschieden(von, bis))
        .group_by(fach)
    ).all()
    dauer = (
        select(sekunden(s, auswertung.c.erstellt_am, feldvorschlag.c.entschieden_am).label("dauer"))
        .join(auswertung, auswertung.c.id == feldvorschlag.c.auswertung_id)
        .where(*_entschieden(von, bis))
    )
    return {
        "gesamt": gesamt.als_dict(),
        "je_feld": {k: v.als_dict() for k, v in sorted(je_feld.items())},
        "je_typ": {k: v.als_dict() for k, v in sorted(je_typ.items())},
        "je_version": {k: v.als_dict() for k, v in sorted(je_version.items())},
        "kalibrierung": kalibrierung([(int(a), int(b), float(c), int(d)) for a, b, c, d in kalibriert]),
        "entscheidungsdauer_s": {
            "median": median(s, dauer, "dauer", gesamt.n),
            "p90": perzentil(s, dauer, "dauer", gesamt.n, 0.9),
            "n": gesamt.n,
        },
        "automationsbias": automationsbias(s, von, bis, schwellen),
        "drift": drift(s, von, bis),
    }


def drift(s: Session, von: dt.datetime, bis: dt.datetime) -> list[dict[str, Any]]:
    """Per ISO week of reading: documents, type mix, mean type confidence, OCR share (grouped per day in
    SQL, weeks assembled here)."""
    if s.get_bind().dialect.name == "postgresql":
        tag = func.date_trunc("day", func.timezone("UTC", auswertung.c.erstellt_am))
    else:
        tag = func.date(auswertung.c.erstellt_am)
    ocr = case((auswertung.c.quelle.in_(("ocr", "gemischt")), 1), else_=0)
    zeilen = s.execute(
        select(tag, auswertung.c.typ, anzahl(), func.sum(auswertung.c.konfidenz), func.sum(ocr))
        .where(auswertung.c.erstellt_am >= von, auswertung.c.erstellt_am < bis)
        .group_by(tag, auswertung.c.typ)
    ).all()
    wochen: dict[str, dict[str, Any]] = {}
    for t, typ, n, summe, ocr_n in zeilen:
        tag_wert = utc(t) if isinstance(t, dt.datetime) else dt.datetime.fromisoformat(str(t))
        w = wochen.setdefault(_woche(tag_wert), {"n": 0, "summe": 0.0, "ocr": 0, "typen": defaultdict(int)})
        w["n"] += int(n)
        w["summe"] += float(summe)
        w["ocr"] += int(ocr_n)
        w["typen"][typ or "unbekannt"] += int(n)
    return [
        {
            "woche": woche,
            "n": w["n"],
            "typen": {t: round(n / w["n"], 4) for t, n in sorted(w["typen"].items())},
            "konfidenz_mittel": round(w["summe"] / w["n"], 4),
            "ocr_anteil": round(w["ocr"] / w["n"], 4),
        }
        for woche, w in sorted(wochen.items())
    ]
