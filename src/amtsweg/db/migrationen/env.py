"""Alembic environment: runs on the connection handed in by ``Datenbank.migriere`` or on the URL."""

from __future__ import annotations

from alembic import context
from sqlalchemy import create_engine

import amtsweg.cases.modelle
import amtsweg.db.auftraege
import amtsweg.documents.modelle
import amtsweg.governance.audit
import amtsweg.governance.modelle
import amtsweg.prevention.modelle
import amtsweg.schnittstellen.fitconnect.modelle
from amtsweg.db.basis import Basis

# the imports above register every table on Basis.metadata
_MODELLE = (
    amtsweg.cases.modelle,
    amtsweg.db.auftraege,
    amtsweg.documents.modelle,
    amtsweg.governance.audit,
    amtsweg.governance.modelle,
    amtsweg.prevention.modelle,
)
ziel = Basis.metadata
verbindung = context.config.attributes.get("connection")
if verbindung is None:
    engine = create_engine(context.config.get_main_option("sqlalchemy.url") or "")
    with engine.begin() as verbindung:
        context.configure(connection=verbindung, target_metadata=ziel, render_as_batch=True)
        with context.begin_transaction():
            context.run_migrations()
else:
    context.configure(connection=verbindung, target_metadata=ziel, render_as_batch=True)
    with context.begin_transaction():
        context.run_migrations()
