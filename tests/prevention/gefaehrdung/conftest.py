"""Fixtures: an app with the gefaehrdung router (also before the lead adds it to ROUTER) and demo logins."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from amtsweg.cases.demodaten import Demokonten, lege_konten_an
from amtsweg.db import Datenbank
from amtsweg.web import erstelle_app
from amtsweg.web.einstellungen import Einstellungen
from amtsweg.web.routen import gefaehrdung
from tests.web.conftest import PASSWORT, anmelden

BEISPIEL = {
    "bezeichnung": "Dachsanierung Musterstraße 1",
    "betrieb": "Muster Bedachungen GmbH",
    "beginn": "2027-05-03",
    "arbeitstage": 40,
    "beschaeftigte_gleichzeitig": 22,
    "taetigkeiten": ["dacharbeiten", "geruestbau"],
    "absturzhoehe_m": 7.5,
    "mehrere_arbeitgeber": True,
    "verantwortlich": "Erika Beispiel",
}


@pytest.fixture
def demo(datenbank: Datenbank) -> Demokonten:
    with datenbank.sitzung() as s:
        return lege_konten_an(s, passwort=PASSWORT)


@pytest.fixture
def client_neu(datenbank: Datenbank, tmp_path: Path) -> Callable[[], TestClient]:
    app = erstelle_app(datenbank, Einstellungen(datenordner=tmp_path, geheimnis="test-geheimnis-" + "x" * 32))
    if not any(getattr(r, "path", "") == "/gefaehrdung" for r in app.routes):
        app.include_router(gefaehrdung.router)
    return lambda: TestClient(app, raise_server_exceptions=False)


@pytest.fixture
def als(client_neu: Callable[[], TestClient], demo: Demokonten) -> Callable[[str], TestClient]:
    return lambda email: anmelden(client_neu(), email)
