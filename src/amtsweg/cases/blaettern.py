"""Keyset pagination ("Blättern") and capped counts for lists over very many rows.

A sort order is a sequence of *Abschnitte* (sections): each has a condition, a key (columns ending in a
unique id) and a direction. Ordinary sorts have one section; a nullable sort key has two (the rows with a
value, then the rows without, ordered by id), so every section compares row values ``(a, b) > (x, y)``,
which PostgreSQL and SQLite answer with an index range scan instead of skipping OFFSET rows.

The cursor is opaque to clients: URL-safe base64 of a small JSON object (sort, direction, section, key
values). It carries no rights: every query keeps its own authority scope, so a forged cursor only moves
the position inside what the caller may see anyway.
"""

from __future__ import annotations

import base64
import binascii
import datetime as dt
import json
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from sqlalchemy import ColumnElement, Row, Select, func, literal, select, tuple_
from sqlalchemy.orm import InstrumentedAttribute, Session

#: a count stops here; the list then says "mehr als 1 000"
ZAEHLGRENZE = 1000
MAX_CURSOR = 400

VORWAERTS = "v"
RUECKWAERTS = "z"


class Cursorfehler(ValueError):
    """The cursor is not one this service issued (German message for the user)."""

    def __init__(self) -> None:
        super().__init__("Der Cursor ist ungültig. Bitte beginnen Sie wieder auf der ersten Seite.")


@dataclass(frozen=True, slots=True)
class Abschnitt:
    schluessel: tuple[InstrumentedAttribute[Any], ...]
    absteigend: bool = False
    bedingung: ColumnElement[bool] | None = None


@dataclass(frozen=True, slots=True)
class Position:
    sortierung: str
    richtung: str
    abschnitt: int
    werte: tuple[Any, ...]


@dataclass(frozen=True, slots=True)
class Blatt:
    zeilen: list[Row[Any]]
    weiter: str | None
    zurueck: str | None


def _wert(v: Any) -> Any:
    if isinstance(v, dt.datetime):
        return ["t", v.isoformat()]
    if isinstance(v, dt.date):
        return ["d", v.isoformat()]
    if isinstance(v, int) and not isinstance(v, bool):
        return v
    raise TypeError(f"unsupported cursor value {type(v).__name__}")


def _zurueck_wert(v: Any) -> Any:
    if isinstance(v, int) and not isinstance(v, bool):
        return v
    if isinstance(v, list) and len(v) == 2 and v[0] in ("t", "d") and isinstance(v[1], str):
        return dt.datetime.fromisoformat(v[1]) if v[0] == "t" else dt.date.fromisoformat(v[1])
    raise ValueError("cursor value")


def kodiere(p: Position) -> str:
    roh = json.dumps(
        {"s": p.sortierung, "r": p.richtung, "a": p.abschnitt, "k": [_wert(v) for v in p.werte]},
        separators=(",", ":"),
    )
    return base64.urlsafe_b64encode(roh.encode()).decode().rstrip("=")


def dekodiere(cursor: str, abschnitte: Sequence[Abschnitt]) -> Position:
    """The position of a cursor; Cursorfehler for anything this module did not write."""
    try:
        if len(cursor) > MAX_CURSOR:
            raise ValueError("too long")
        daten = json.loads(base64.urlsafe_b64decode(cursor + "=" * (-len(cursor) % 4)))
        abschnitt = daten["a"]
        werte = tuple(_zurueck_wert(v) for v in daten["k"])
        if (
            not isinstance(daten["s"], str)
            or daten["r"] not in (VORWAERTS, RUECKWAERTS)
            or not isinstance(abschnitt, int)
            or not 0 <= abschnitt < len(abschnitte)
            or len(werte) != len(abschnitte[abschnitt].schluessel)
        ):
            raise ValueError("shape")
        return Position(daten["s"], daten["r"], abschnitt, werte)
    except (ValueError, KeyError, TypeError, binascii.Error, UnicodeDecodeError):
        raise Cursorfehler() from None


def gedeckelt_zaehlen(
    s: Session, basis: Select[*tuple[Any, ...]], grenze: int | None = None
) -> tuple[int, bool]:
    """Count at most ``grenze`` rows (LIMIT grenze+1 on the index); True if there are more."""
    grenze = ZAEHLGRENZE if grenze is None else grenze
    anzahl = s.scalar(select(func.count()).select_from(basis.limit(grenze + 1).subquery())) or 0
    return (grenze, True) if anzahl > grenze else (anzahl, False)


def _abfrage(
    basis: Select[*tuple[Any, ...]],
    a: Abschnitt,
    grenze: tuple[Any, ...] | None,
    rueckwaerts: bool,
    limit: int,
) -> Select[*tuple[Any, ...]]:
    q = basis if a.bedingung is None else basis.where(a.bedingung)
    absteigend = a.absteigend != rueckwaerts
    if grenze is not None:
        links = tuple_(*a.schluessel)
        rechts = tuple_(*(literal(w, type_=k.type) for w, k in zip(grenze, a.schluessel, strict=True)))
        q = q.where(links < rechts if absteigend else links > rechts)
    return q.order_by(*(k.desc() if absteigend else k.asc() for k in a.schluessel)).limit(limit)


def _lauf(
    s: Session,
    basis: Select[*tuple[Any, ...]],
    abschnitte: Sequence[Abschnitt],
    p: Position | None,
    rueckwaerts: bool,
    n: int,
) -> list[tuple[int, Row[Any]]]:
    """Up to n rows from position p (exclusive) in one direction, with their section index."""
    start = p.abschnitt if p else (len(abschnitte) - 1 if rueckwaerts else 0)
    folge = range(start, -1, -1) if rueckwaerts else range(start, len(abschnitte))
    zeilen: list[tuple[int, Row[Any]]] = []
    for i in folge:
        grenze = p.werte if p is not None and i == p.abschnitt else None
        zeilen += [
            (i, z) for z in s.execute(_abfrage(basis, abschnitte[i], grenze, rueckwaerts, n - len(zeilen)))
        ]
        if len(zeilen) >= n:
            break
    return zeilen


def blaettere(
    s: Session,
    basis: Select[*tuple[Any, ...]],
    sortierung: str,
    abschnitte: Sequence[Abschnitt],
    cursor: str | None,
    pro_seite: int,
) -> Blatt:
    """One page of ``basis`` (a select that includes every key column) from the cursor on."""
    p = dekodiere(cursor, abschnitte) if cursor else None
    if p is not None and p.sortierung != sortierung:
        p = None  # the sort changed: start again at the top

    def position(i: int, z: Row[Any], richtung: str) -> str:
        return kodiere(
            Position(sortierung, richtung, i, tuple(z._mapping[k] for k in abschnitte[i].schluessel))
        )

    if p is not None and p.richtung == RUECKWAERTS:
        zeilen = _lauf(s, basis, abschnitte, p, True, pro_seite + 1)
        if len(zeilen) > pro_seite:
            zeilen = zeilen[:pro_seite][::-1]
            return Blatt(
                [z for _, z in zeilen], position(*zeilen[-1], VORWAERTS), position(*zeilen[0], RUECKWAERTS)
            )
        p = None  # reached the beginning: show the first page
    zeilen = _lauf(s, basis, abschnitte, p, False, pro_seite + 1)
    if not zeilen and p is not None:  # everything after the cursor is gone: show the last page
        zeilen = _lauf(s, basis, abschnitte, None, True, pro_seite + 1)
        mehr = len(zeilen) > pro_seite
        zeilen = zeilen[:pro_seite][::-1]
        zurueck = position(*zeilen[0], RUECKWAERTS) if mehr else None
        return Blatt([z for _, z in zeilen], None, zurueck)
    weiter = position(*zeilen[pro_seite - 1], VORWAERTS) if len(zeilen) > pro_seite else None
    zeilen = zeilen[:pro_seite]
    zurueck = position(*zeilen[0], RUECKWAERTS) if p is not None and zeilen else None
    return Blatt([z for _, z in zeilen], weiter, zurueck)
