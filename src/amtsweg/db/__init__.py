"""Storage: SQLAlchemy 2 engine and sessions, declarative base, Alembic migrations.

Embedded default: SQLite in ``./data/amtsweg.sqlite3``; production: PostgreSQL via
``AMTSWEG_DATABASE_URL`` (e.g. ``postgresql+psycopg://user@host/db``).
"""

from amtsweg.db.basis import Basis
from amtsweg.db.sitzung import Datenbank, datenbank_url

__all__ = ["Basis", "Datenbank", "datenbank_url"]
