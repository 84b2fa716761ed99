"""Engine and session factory; the schema is created and upgraded by Alembic."""

from __future__ import annotations

import os
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from sqlalchemy import Engine, create_engine, event
from sqlalchemy.orm import Session, sessionmaker

STANDARD_ORDNER = Path("data")


def datenbank_url(url: str | None = None) -> str:
    """The database URL: explicit, else ``AMTSWEG_DATABASE_URL``, else SQLite in ./data."""
    if url:
        return url
    if umgebung := os.environ.get("AMTSWEG_DATABASE_URL"):
        return umgebung
    STANDARD_ORDNER.mkdir(exist_ok=True)
    return f"sqlite:///{STANDARD_ORDNER / 'amtsweg.sqlite3'}"


class Datenbank:
    """One engine and its session factory."""

    def __init__(self, url: str | None = None) -> None:
        self.url = datenbank_url(url)
        sqlite = self.url.startswith("sqlite")
        # SQLite: writers wait up to 30 s for the write lock instead of failing after the default 5 s
        argumente = {"timeout": 30} if sqlite else {}
        self.engine: Engine = create_engine(self.url, pool_pre_ping=True, connect_args=argumente)
        if self.engine.dialect.name == "sqlite":
            event.listen(self.engine, "connect", _sqlite_pragmas)
        self.sitzungen = sessionmaker(self.engine, expire_on_commit=False)

    def migriere(self) -> None:
        """Upgrade the schema to the newest Alembic revision."""
        from alembic import command

        from amtsweg.db.migration import alembic_konfiguration

        with self.engine.begin() as verbindung:
            konfiguration = alembic_konfiguration(self.url)
            konfiguration.attributes["connection"] = verbindung
            command.upgrade(konfiguration, "head")

    @contextmanager
    def sitzung(self) -> Iterator[Session]:
        """A session that commits on success and rolls back on any error (nothing half-written)."""
        with self.sitzungen() as sitzung:
            try:
                yield sitzung
                sitzung.commit()
            except BaseException as fehler:
                if getattr(fehler, "protokoll_behalten", False):
                    # e.g. a refused access: services check rights before changing anything, so the only
                    # pending change is the audit event that records the refusal; keep it
                    sitzung.commit()
                else:
                    sitzung.rollback()
                raise


def _sqlite_pragmas(verbindung: object, _: object) -> None:
    cursor = verbindung.cursor()  # type: ignore[attr-defined]
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.close()
