"""The Alembic migrations produce exactly the schema the models declare (no drift)."""

from __future__ import annotations

from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext

import amtsweg.cases.anmeldesitzungen
import amtsweg.cases.idempotenz
import amtsweg.cases.modelle
import amtsweg.db.auftraege
import amtsweg.db.drossel
import amtsweg.documents.modelle
import amtsweg.governance.audit
import amtsweg.governance.modelle
import amtsweg.prevention.modelle
import amtsweg.schnittstellen.fitconnect.modelle
from amtsweg.db import Basis, Datenbank

_MODELLE = (
    amtsweg.cases.anmeldesitzungen,
    amtsweg.cases.idempotenz,
    amtsweg.cases.modelle,
    amtsweg.db.auftraege,
    amtsweg.db.drossel,
    amtsweg.documents.modelle,
    amtsweg.governance.audit,
    amtsweg.governance.modelle,
    amtsweg.prevention.modelle,
    amtsweg.schnittstellen.fitconnect.modelle,
)


def test_migrationen_entsprechen_den_modellen(datenbank: Datenbank) -> None:
    with datenbank.engine.connect() as verbindung:
        unterschiede = compare_metadata(MigrationContext.configure(verbindung), Basis.metadata)
    assert unterschiede == []
