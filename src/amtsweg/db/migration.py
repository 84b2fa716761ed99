"""Alembic configured from code (no alembic.ini needed in deployments)."""

from __future__ import annotations

from pathlib import Path

from alembic.config import Config

ORDNER = Path(__file__).parent / "migrationen"


def alembic_konfiguration(url: str) -> Config:
    konfiguration = Config()
    konfiguration.set_main_option("script_location", str(ORDNER))
    konfiguration.set_main_option("sqlalchemy.url", url.replace("%", "%%"))
    return konfiguration
