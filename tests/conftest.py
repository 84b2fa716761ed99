"""Shared fixtures: fresh databases on SQLite (default) or PostgreSQL (when AMTSWEG_DATABASE_URL is set)."""

from __future__ import annotations

import os
import uuid
from collections.abc import Callable, Iterator

import pytest
from sqlalchemy import create_engine, text
from sqlalchemy.engine import make_url

from amtsweg.db import Datenbank

PG_URL = os.environ.get("AMTSWEG_DATABASE_URL", "")
# test clients talk plain http; production default is Secure cookies (docs/betrieb.md)
os.environ.setdefault("AMTSWEG_SECURE_COOKIES", "0")


def _neue_pg_datenbank() -> tuple[str, Callable[[], None]]:
    basis = make_url(PG_URL)
    name = f"amtsweg_test_{uuid.uuid4().hex[:12]}"
    verwaltung = create_engine(basis, isolation_level="AUTOCOMMIT")
    with verwaltung.connect() as verbindung:
        verbindung.execute(text(f'CREATE DATABASE "{name}"'))

    def aufraeumen() -> None:
        with verwaltung.connect() as verbindung:
            verbindung.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        verwaltung.dispose()

    return basis.set(database=name).render_as_string(hide_password=False), aufraeumen


@pytest.fixture
def neue_datenbank(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Callable[[], Datenbank]]:
    """Factory for fresh, migrated databases; each is removed after the test."""
    aufraeumen: list[Callable[[], None]] = []

    def erzeuge() -> Datenbank:
        if PG_URL.startswith("postgresql"):
            url, weg = _neue_pg_datenbank()
        else:
            url, weg = f"sqlite:///{tmp_path_factory.mktemp('db') / 'amtsweg.sqlite3'}", (lambda: None)
        db = Datenbank(url)
        aufraeumen.append(lambda: (db.engine.dispose(), weg()))
        db.migriere()
        return db

    yield erzeuge
    for schritt in aufraeumen:
        schritt()


@pytest.fixture
def datenbank(neue_datenbank: Callable[[], Datenbank]) -> Datenbank:
    return neue_datenbank()
