"""Web foundations: security headers, CSRF, login, registration, German error pages."""

from __future__ import annotations

from collections.abc import Callable

from fastapi.testclient import TestClient

from amtsweg.web.sicherheit import CSP
from tests.web.conftest import PASSWORT, csrf


def test_sicherheitskopfzeilen(app_client: Callable[[], TestClient]) -> None:
    antwort = app_client().get("/")
    assert antwort.status_code == 200
    assert antwort.headers["content-security-policy"] == CSP
    assert "'unsafe-inline'" not in CSP and "script-src 'self'" in CSP
    assert antwort.headers["x-frame-options"] == "DENY"
    assert '<html lang="de">' in antwort.text


def test_anmeldung_ohne_csrf_wird_abgelehnt(app_client: Callable[[], TestClient]) -> None:
    client = app_client()
    client.get("/anmelden")
    antwort = client.post("/anmelden", data={"email": "erika@demo.example", "passwort": PASSWORT})
    assert antwort.status_code == 403
    assert "Formular ist ungültig" in antwort.text
    assert "amtsweg_sitzung" not in antwort.cookies or "benutzer_id" not in antwort.text


def test_anmelden_und_falsches_passwort(app_client: Callable[[], TestClient]) -> None:
    client = app_client()
    token = csrf(client.get("/anmelden").text)
    falsch = client.post(
        "/anmelden", data={"email": "erika@demo.example", "passwort": "falsch-falsch", "csrf_token": token}
    )
    assert falsch.status_code == 400 and "falsch" in falsch.text
    richtig = client.post(
        "/anmelden",
        data={"email": "erika@demo.example", "passwort": PASSWORT, "csrf_token": token},
        follow_redirects=False,
    )
    assert richtig.status_code == 303 and richtig.headers["location"] == "/antraege"


def test_registrieren_mit_fehlern_nennt_feld(app_client: Callable[[], TestClient]) -> None:
    client = app_client()
    token = csrf(client.get("/registrieren").text)
    antwort = client.post(
        "/registrieren",
        data={"name": "Neu", "email": "neu@demo.example", "passwort": "kurz", "csrf_token": token},
    )
    assert antwort.status_code == 400
    assert 'id="passwort-fehler"' in antwort.text and "mindestens 10 Zeichen" in antwort.text


def test_skript_im_namen_wird_maskiert(app_client: Callable[[], TestClient]) -> None:
    client = app_client()
    token = csrf(client.get("/registrieren").text)
    antwort = client.post(
        "/registrieren",
        data={
            "name": "<script>alert(1)</script>",
            "email": "x@demo.example",
            "passwort": "kurz",
            "csrf_token": token,
        },
    )
    assert "<script>alert(1)</script>" not in antwort.text
    assert "&lt;script&gt;" in antwort.text
