import re
from collections.abc import Callable
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from amtsweg.cases.demodaten import lege_konten_an
from amtsweg.db import Datenbank
from amtsweg.web import erstelle_app
from amtsweg.web.einstellungen import Einstellungen
from amtsweg.web.routen import assistent

PASSWORT = "demo-passwort-123"


def csrf(html: str) -> str:
    treffer = re.search(r'name="csrf_token" value="([^"]+)"', html)
    assert treffer
    return treffer.group(1)


@pytest.fixture
def client(datenbank: Datenbank, datenordner: Path) -> Callable[[], TestClient]:
    with datenbank.sitzung() as s:
        lege_konten_an(s, passwort=PASSWORT)
    app = erstelle_app(datenbank, Einstellungen(datenordner=datenordner, geheimnis="t" * 48))
    if "assistent" not in {getattr(r, "name", "") for r in app.routes} and not any(
        getattr(r, "path", "") == "/assistent" for r in app.routes
    ):
        app.include_router(assistent.router)
    return lambda: TestClient(app, raise_server_exceptions=False)


def test_citizen_page_discloses_ai_and_is_accessible(client: Callable[[], TestClient]) -> None:
    seite = client().get("/assistent")
    assert seite.status_code == 200
    assert "KI-Assistent" in seite.text and 'aria-live="polite"' in seite.text
    assert '<label class="kern-label" for="frage">' in seite.text
    assert "<script>" not in seite.text and "style=" not in seite.text


def test_post_needs_csrf_and_answers_with_deep_link(client: Callable[[], TestClient]) -> None:
    c = client()
    assert c.post("/assistent", data={"frage": "Wohngeld Monate"}).status_code == 403
    token = csrf(c.get("/assistent").text)
    seite = c.post(
        "/assistent", data={"frage": "Für wie viele Monate wird Wohngeld bewilligt?", "csrf_token": token}
    )
    assert seite.status_code == 200 and "zwölf Monate" in seite.text
    link = re.search(r'href="(/assistent/quelle/[^"]+)">§ 25 Abs. 1 WoGG', seite.text)
    assert link
    quelle = c.get(link.group(1))
    assert quelle.status_code == 200 and "Bewilligungszeitraum" in quelle.text


def test_empty_question_shows_field_error(client: Callable[[], TestClient]) -> None:
    c = client()
    seite = c.post("/assistent", data={"frage": " ", "csrf_token": csrf(c.get("/assistent").text)})
    assert seite.status_code == 400 and 'aria-invalid="true"' in seite.text


def test_json_api(client: Callable[[], TestClient]) -> None:
    c = client()
    token = csrf(c.get("/assistent").text)
    antwort = c.post(
        "/api/v1/assistent",
        json={"frage": "Habe ich Anspruch auf Wohngeld?"},
        headers={"X-CSRF-Token": token},
    )
    assert antwort.status_code == 200 and antwort.json()["status"] == "einzelfall"
    antwort = c.post(
        "/api/v1/assistent",
        json={"frage": "Wann beginnt der Bewilligungszeitraum?"},
        headers={"X-CSRF-Token": token},
    )
    daten = antwort.json()
    assert daten["status"] == "antwort" and daten["quellen"][0]["zitat"] == "§ 25 Abs. 2 WoGG"


def test_staff_page_needs_staff_login(client: Callable[[], TestClient], datenbank: Datenbank) -> None:
    c = client()
    assert c.get("/arbeit/assistent", follow_redirects=False).status_code == 303
    with datenbank.sitzung() as s:
        from sqlalchemy import select

        from amtsweg.cases.modelle import Benutzer

        email = s.scalars(select(Benutzer.email).where(Benutzer.rolle == "sachbearbeitung")).first()
    token = csrf(c.get("/anmelden").text)
    c.post("/anmelden", data={"email": email, "passwort": PASSWORT, "csrf_token": token})
    seite = c.get("/arbeit/assistent")
    assert seite.status_code == 200 and "Fachassistent" in seite.text
    seite = c.post(
        "/arbeit/assistent", data={"frage": "Was ist das Jahreseinkommen?", "csrf_token": csrf(seite.text)}
    )
    assert "Konfidenz" in seite.text and "§ 14 Abs. 1 WoGG" in seite.text


def test_page_shows_legal_basis_and_referral(client: Callable[[], TestClient]) -> None:
    c = client()
    seite = c.post(
        "/assistent",
        data={
            "frage": "Wann beginnt der Bewilligungszeitraum?",
            "csrf_token": csrf(c.get("/assistent").text),
        },
    )
    assert seite.status_code == 200 and "Rechtsgrundlage:" in seite.text
    assert re.search(r'<a href="/assistent/quelle/[^"]+">§ 25 Abs. 2 WoGG</a>', seite.text)
    verweis = c.post(
        "/assistent",
        data={"frage": "Ich habe mein Passwort vergessen", "csrf_token": csrf(c.get("/assistent").text)},
    )
    assert verweis.status_code == 200 and "Passwort vergessen" in verweis.text
    assert "Rechtsgrundlage:" not in verweis.text
