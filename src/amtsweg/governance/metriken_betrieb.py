"""Oversight metrics of the assistant (abstentions, referrals) and of the § 31a automation (share of
automatic cases, why the others went to a person, by benefit and household size), from the database."""

from __future__ import annotations

import datetime as dt
from collections import Counter, defaultdict
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from amtsweg.governance.modelle import KiAssistentAntwort
from amtsweg.governance.tabellen import vorgang


def _q(teil: int, n: int) -> float | None:
    return round(teil / n, 4) if n else None


def erfasse_antwort(s: Session, *, kanal: str, status: str, konfidenz: float, quellen: int) -> None:
    """Log one assistant answer (status only; the question is never stored)."""
    s.add(KiAssistentAntwort(kanal=kanal[:20], status=status[:30], konfidenz=konfidenz, quellen=quellen))


def assistent(s: Session, von: dt.datetime, bis: dt.datetime) -> dict[str, Any]:
    zeilen = s.execute(
        select(KiAssistentAntwort.kanal, KiAssistentAntwort.status, func.count())
        .where(KiAssistentAntwort.zeitpunkt >= von, KiAssistentAntwort.zeitpunkt < bis)
        .group_by(KiAssistentAntwort.kanal, KiAssistentAntwort.status)
    ).all()
    je_status: Counter[str] = Counter()
    je_kanal: dict[str, Counter[str]] = defaultdict(Counter)
    for kanal, status, anzahl in zeilen:
        je_status[status] += anzahl
        je_kanal[kanal][status] += anzahl
    beantwortet = sum(n for st, n in je_status.items() if st != "abgeschaltet")
    return {
        "n": beantwortet,
        "abgeschaltet": je_status["abgeschaltet"],
        "enthaltungsquote": _q(je_status["keine_quelle"], beantwortet),
        "verweisquote": _q(je_status["einzelfall"], beantwortet),
        "ohne_quelle": je_status["keine_quelle"],
        "je_kanal": {k: dict(sorted(v.items())) for k, v in sorted(je_kanal.items())},
    }


def _haushalt(daten: Any) -> str:
    personen = daten.get("personen") if isinstance(daten, dict) else None
    n = len(personen) if isinstance(personen, list) else 0
    return {0: "unbekannt", 1: "1 Person", 2: "2 Personen", 3: "3 Personen"}.get(n, "4+ Personen")


def _grund(text: str) -> str:
    """The kind of a routing reason without its case-specific details (text before a colon)."""
    return str(text).split(":", 1)[0].strip()


def automatisierung(s: Session, von: dt.datetime, bis: dt.datetime) -> dict[str, Any]:
    abfrage = select(
        vorgang.c.leistung, vorgang.c.automatisch, vorgang.c.pruefgruende, vorgang.c.daten
    ).where(vorgang.c.eingegangen_am >= von, vorgang.c.eingegangen_am < bis)
    n = automatisch = 0
    gruende: Counter[str] = Counter()
    gruppen: dict[tuple[str, str], list[int]] = defaultdict(lambda: [0, 0])
    for z in s.execute(abfrage).yield_per(5000):
        n += 1
        auto = bool(z.automatisch)
        automatisch += auto
        gruppe = gruppen[(z.leistung, _haushalt(z.daten))]
        gruppe[0] += 1
        gruppe[1] += auto
        if not auto:
            for g in z.pruefgruende or []:
                gruende[_grund(g)] += 1
    return {
        "n": n,
        "automatisch": automatisch,
        "automatisierungsquote": _q(automatisch, n),
        "gruende": dict(gruende.most_common()),
        "je_gruppe": [
            {
                "leistung": leistung,
                "haushalt": haushalt,
                "n": g[0],
                "automatisch": g[1],
                "quote": _q(g[1], g[0]),
            }
            for (leistung, haushalt), g in sorted(gruppen.items())
        ],
    }
