"""Web test fixtures: an app on a fresh database with the demo accounts, and logged-in clients."""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from amtsweg.cases.demodaten import Demokonten, lege_konten_an
from amtsweg.db import Datenbank
from amtsweg.web import erstelle_app
from amtsweg.web.einstellungen import Einstellungen

PASSWORT = "demo-passwort-123"


@pytest.fixture
def demo(datenbank: Datenbank) -> Demokonten:
    with datenbank.sitzung() as s:
        return lege_konten_an(s, passwort=PASSWORT)


@pytest.fixture
def app_client(datenbank: Datenbank, demo: Demokonten, tmp_path: Path) -> Callable[[], TestClient]:
    app = erstelle_app(datenbank, Einstellungen(datenordner=tmp_path, geheimnis="test-geheimnis-" + "x" * 32))

    def neu() -> TestClient:
        return TestClient(app, raise_server_exceptions=False)

    return neu


def csrf(html: str) -> str:
    treffer = re.search(r'name="csrf_token" value="([^"]+)"', html)
    assert treffer, "page has no CSRF token"
    return treffer.group(1)


def anmelden(client: TestClient, email: str) -> TestClient:
    token = csrf(client.get("/anmelden").text)
    antwort = client.post(
        "/anmelden", data={"email": email, "passwort": PASSWORT, "csrf_token": token}, follow_redirects=False
    )
    assert antwort.status_code == 303, antwort.text
    return client


@pytest.fixture
def als(app_client: Callable[[], TestClient]) -> Callable[[str], TestClient]:
    """A client logged in as the given demo e-mail address."""
    return lambda email: anmelden(app_client(), email)


def kleines_pdf() -> bytes:
    """A small, valid one-page PDF (the intake check refuses malformed files)."""
    import io

    from pypdf import PdfWriter

    schreiber = PdfWriter()
    schreiber.add_blank_page(width=595, height=842)
    puffer = io.BytesIO()
    schreiber.write(puffer)
    return puffer.getvalue()
