"""A refused access is answered with 404 (revealing nothing) and recorded in the audit trail."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

from fastapi.testclient import TestClient
from sqlalchemy import func, select

from amtsweg.cases import dienste
from amtsweg.cases.demodaten import Demokonten, haushalt
from amtsweg.db import Datenbank
from amtsweg.governance.audit import AuditEreignis


def test_fremder_zugriff_wird_protokolliert(
    datenbank: Datenbank, demo: Demokonten, als: Callable[[str], TestClient]
) -> None:
    with datenbank.sitzung() as s:
        nummer = dienste.antrag_einreichen(
            s, demo.buergerin, demo.behoerde, "wohngeld", haushalt(dt.date.today())
        ).nummer
    for email, pfad in (
        ("max@demo.example", f"/antraege/{nummer}"),
        ("fremd@demo.example", f"/arbeit/vorgang/{nummer}"),
    ):
        antwort = als(email).get(pfad)
        assert antwort.status_code == 404 and nummer not in antwort.text
    with datenbank.sitzung() as s:
        anzahl = s.scalar(
            select(func.count())
            .select_from(AuditEreignis)
            .where(AuditEreignis.aktion == "zugriff_verweigert", AuditEreignis.vorgang == nummer)
        )
    assert anzahl == 2
