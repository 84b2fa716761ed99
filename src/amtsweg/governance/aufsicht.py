"""Live oversight: metrics per use case for a period, checked against the register's thresholds.

A breach is stored once per use case, metric and period (``ki_warnung``) and written as an audit event;
pages show it as a warning.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from amtsweg.governance import metriken_betrieb, metriken_dokumente
from amtsweg.governance.ereignisse import KiAktion, protokolliere
from amtsweg.governance.modelle import KiWarnung
from amtsweg.governance.register import Schwelle, register

NAMEN = {
    "korrekturquote": "Korrekturquote",
    "ablehnungsquote": "Ablehnungsquote",
    "kalibrierungsfehler": "Kalibrierungsfehler (angezeigte Sicherheit gegen behaltene Werte)",
    "automationsbias_annahmequote": "Automatisierungsverzerrung (Annahme fast aller Vorschläge in Sekunden)",
    "enthaltungsquote": "Enthaltungsquote des Assistenten",
    "automatisierungsquote": "Anteil vollautomatischer Bescheide",
}


@dataclass(frozen=True, slots=True)
class Verstoss:
    kennung: str
    metrik: str
    wert: float
    schwelle: float
    n: int
    text: str


def metriken(s: Session, kennung: str, von: dt.datetime, bis: dt.datetime) -> dict[str, Any]:
    schwellen = {k: v.model_dump() for k, v in register()[kennung].schwellen.items()}
    if kennung == "dokumente":
        return metriken_dokumente.dokumente(s, von, bis, schwellen)
    if kennung == "assistent":
        return metriken_betrieb.assistent(s, von, bis)
    if kennung == "automatisierung":
        return metriken_betrieb.automatisierung(s, von, bis)
    return {}  # prevention models run offline; their metrics are in the model cards


def _werte(kennung: str, m: dict[str, Any]) -> dict[str, tuple[float | None, int]]:
    """The thresholded values of a use case: metric -> (value, number of observations)."""
    if kennung == "dokumente":
        g, k = m["gesamt"], m["kalibrierung"]
        alarme = [p for p in m["automationsbias"] if p["alarm"]]
        return {
            "korrekturquote": (g["korrekturquote"], g["n"]),
            "ablehnungsquote": (g["ablehnungsquote"], g["n"]),
            "kalibrierungsfehler": (k["fehler"], k["n"]),
            # the alarm is per person; the worst alarmed acceptance rate is reported
            "automationsbias_annahmequote": (
                max((p["annahmequote"] for p in alarme), default=None),
                max((p["n"] for p in alarme), default=0),
            ),
        }
    if kennung == "assistent":
        return {"enthaltungsquote": (m["enthaltungsquote"], m["n"])}
    if kennung == "automatisierung":
        return {"automatisierungsquote": (m["automatisierungsquote"], m["n"])}
    return {}


def verstoesse(kennung: str, m: dict[str, Any]) -> list[Verstoss]:
    schwellen: dict[str, Schwelle] = register()[kennung].schwellen
    ergebnis = []
    for metrik, (wert, n) in _werte(kennung, m).items():
        schwelle = schwellen.get(metrik)
        if schwelle is None or wert is None or n < schwelle.mindestens:
            continue
        name = NAMEN.get(metrik, metrik)
        if schwelle.max is not None and wert > schwelle.max:
            text = f"{name}: {wert:.1%} liegt über der Schwelle {schwelle.max:.1%} (n = {n})."
            ergebnis.append(Verstoss(kennung, metrik, wert, schwelle.max, n, text))
        elif schwelle.min is not None and wert < schwelle.min:
            text = f"{name}: {wert:.1%} liegt unter der Schwelle {schwelle.min:.1%} (n = {n})."
            ergebnis.append(Verstoss(kennung, metrik, wert, schwelle.min, n, text))
    return ergebnis


def zeitraum(von: dt.datetime, bis: dt.datetime) -> str:
    return f"{von:%Y-%m-%d}..{bis:%Y-%m-%d}"


def melde(s: Session, v: Verstoss, von: dt.datetime, bis: dt.datetime) -> bool:
    """Store a breach once per period and write the audit event; False if it was already known."""
    schon = s.scalar(
        select(KiWarnung.id).where(
            KiWarnung.kennung == v.kennung,
            KiWarnung.metrik == v.metrik,
            KiWarnung.zeitraum == zeitraum(von, bis),
        )
    )
    if schon is not None:
        return False
    s.add(
        KiWarnung(
            kennung=v.kennung,
            metrik=v.metrik,
            zeitraum=zeitraum(von, bis),
            wert=v.wert,
            schwelle=v.schwelle,
            text=v.text,
        )
    )
    protokolliere(
        s,
        KiAktion.ki_schwelle_ueberschritten,
        akteur="system",
        rolle="system",
        kennung=v.kennung,
        metrik=v.metrik,
        wert=v.wert,
        schwelle=v.schwelle,
        n=v.n,
        zeitraum=zeitraum(von, bis),
    )
    s.flush()
    return True


@dataclass(frozen=True, slots=True)
class Lage:
    kennung: str
    metriken: dict[str, Any]
    verstoesse: list[Verstoss]


def pruefe(s: Session, kennung: str, von: dt.datetime, bis: dt.datetime) -> Lage:
    """Compute the metrics, check the thresholds and record new breaches (caller's transaction)."""
    m = metriken(s, kennung, von, bis)
    gefunden = verstoesse(kennung, m)
    for v in gefunden:
        melde(s, v, von, bis)
    return Lage(kennung, m, gefunden)


def warnungen(s: Session, kennung: str | None = None, grenze: int = 50) -> list[KiWarnung]:
    abfrage = select(KiWarnung).order_by(KiWarnung.erkannt_am.desc(), KiWarnung.id.desc()).limit(grenze)
    if kennung:
        abfrage = abfrage.where(KiWarnung.kennung == kennung)
    return list(s.scalars(abfrage))
