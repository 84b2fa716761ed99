"""Oversight metrics of the assistant (abstentions, referrals) and of the § 31a automation (share of
automatic cases, why the others went to a person, by benefit and household size), from the database."""

from __future__ import annotations

import datetime as dt
from collections import Counter, defaultdict
from typing import Any

from sqlalchemy import case, func, select, true
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


def _haushalt(personen: int | None) -> str:
    return {None: "unbekannt", 0: "unbekannt", 1: "1 Person", 2: "2 Personen", 3: "3 Personen"}.get(
        personen, "4+ Personen"
    )


def _grund(text: str) -> str:
    """The kind of a routing reason without its case-specific details (text before a colon)."""
    return str(text).split(":", 1)[0].strip()


def automatisierung(s: Session, von: dt.datetime, bis: dt.datetime) -> dict[str, Any]:
    """Grouped in SQL: household size from the Antrag JSON, routing reasons unnested from their JSON list."""
    postgres = s.get_bind().dialect.name == "postgresql"
    if postgres:
        personen = func.json_array_length(vorgang.c.daten.op("->")("personen"))
        gruende = func.json_array_elements_text(vorgang.c.pruefgruende).table_valued("value")
    else:
        personen = func.json_array_length(vorgang.c.daten, "$.personen")
        gruende = func.json_each(vorgang.c.pruefgruende).table_valued("value")
    zeitraum = (vorgang.c.eingegangen_am >= von, vorgang.c.eingegangen_am < bis)
    auto = case((vorgang.c.automatisch, 1), else_=0)
    gruppen: dict[tuple[str, str], list[int]] = defaultdict(lambda: [0, 0])
    for leistung, n_personen, n, automatisch in s.execute(
        select(vorgang.c.leistung, personen, func.count(), func.sum(auto))
        .where(*zeitraum)
        .group_by(vorgang.c.leistung, personen)
    ):
        gruppe = gruppen[(leistung, _haushalt(n_personen))]
        gruppe[0] += int(n)
        gruppe[1] += int(automatisch or 0)
    zaehler: Counter[str] = Counter()
    for grund, n in s.execute(
        select(gruende.c.value, func.count())
        .select_from(vorgang)
        .join(gruende, true())
        .where(*zeitraum, vorgang.c.automatisch.is_(False))
        .group_by(gruende.c.value)
    ):
        zaehler[_grund(grund)] += int(n)
    n_gesamt = sum(g[0] for g in gruppen.values())
    automatisch_gesamt = sum(g[1] for g in gruppen.values())
    return {
        "n": n_gesamt,
        "automatisch": automatisch_gesamt,
        "automatisierungsquote": _q(automatisch_gesamt, n_gesamt),
        "gruende": dict(sorted(zaehler.items(), key=lambda kv: (-kv[1], kv[0]))),
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
