"""Portable SQL helpers for the oversight metrics (SQLite and PostgreSQL): seconds between two timestamps,
and exact order statistics (median, percentile) fetched with ORDER BY/OFFSET instead of loading all rows."""

from __future__ import annotations

import math
from typing import Any

from sqlalchemy import Float, Select, cast, func, literal_column, select
from sqlalchemy.orm import Session
from sqlalchemy.sql.elements import ColumnElement


def sekunden(s: Session, von: Any, bis: Any) -> ColumnElement[float]:
    """``bis - von`` in seconds."""
    if s.get_bind().dialect.name == "postgresql":
        return cast(func.extract("epoch", bis - von), Float)
    return (func.julianday(bis) - func.julianday(von)) * 86400.0


def _wert(s: Session, abfrage: Select[Any], spalte: str, versatz: int, anzahl: int) -> list[float]:
    unter = abfrage.subquery()
    werte = select(unter.c[spalte]).order_by(unter.c[spalte]).offset(versatz).limit(anzahl)
    return [float(w) for w in s.scalars(werte)]


def median(s: Session, abfrage: Select[Any], spalte: str, n: int) -> float | None:
    """Exact median of ``spalte`` over the ``n`` rows of ``abfrage`` (mean of the two middle values)."""
    if n == 0:
        return None
    mitte = _wert(s, abfrage, spalte, (n - 1) // 2, 2 - n % 2)
    return round(sum(mitte) / len(mitte), 1)


def perzentil(s: Session, abfrage: Select[Any], spalte: str, n: int, p: float) -> float | None:
    """Nearest-rank percentile (the value at rank ceil(p * n)), like percentile_disc."""
    if n == 0:
        return None
    return round(_wert(s, abfrage, spalte, max(0, math.ceil(p * n) - 1), 1)[0], 1)


def anzahl() -> ColumnElement[int]:
    return func.count(literal_column("*"))
