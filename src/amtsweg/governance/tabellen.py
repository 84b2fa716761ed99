"""The tables of other domains that the oversight metrics read, declared as lightweight SQLAlchemy Core
tables (governance sits below cases/documents in the import layers and must not import their models).
Only the columns the metrics need are named; a schema test checks they exist."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import JSON, Boolean, DateTime, Float, column, table

ZEIT = DateTime(timezone=True)

feldvorschlag = table(
    "feldvorschlag",
    column("id"),
    column("auswertung_id"),
    column("feld"),
    column("konfidenz", Float),
    column("status"),
    column("entschieden_von_id"),
    column("entschieden_am", ZEIT),
)
auswertung = table(
    "dokument_auswertung",
    column("id"),
    column("dokument_id"),
    column("typ"),
    column("konfidenz", Float),
    column("quelle"),
    column("modell_version"),
    column("erstellt_am", ZEIT),
)
dokument = table("dokument", column("id"), column("vorgang_id"), column("dateiname"))
vorgang = table(
    "vorgang",
    column("id"),
    column("nummer"),
    column("leistung"),
    column("art"),
    column("automatisch", Boolean),
    column("pruefgruende", JSON),
    column("daten", JSON),
    column("eingegangen_am", ZEIT),
    column("antragsteller_id"),
)
benutzer = table("benutzer", column("id"), column("email"), column("name"))


def utc(wert: dt.datetime | str) -> dt.datetime:
    """Timestamps as aware UTC (SQLite returns naive values or, through Core, ISO strings)."""
    if isinstance(wert, str):
        wert = dt.datetime.fromisoformat(wert)
    return wert if wert.tzinfo else wert.replace(tzinfo=dt.UTC)
