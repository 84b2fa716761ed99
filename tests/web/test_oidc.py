"""OIDC login (authorization code + PKCE) against a mock identity provider on localhost: a valid login creates
or finds the account; wrong state, foreign signature, wrong nonce or audience are refused."""

from __future__ import annotations

import base64
import hashlib
import threading
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any
from urllib.parse import parse_qs, urlencode, urlparse

import httpx
import pytest
import uvicorn
from fastapi import FastAPI, Form, Request
from fastapi.responses import JSONResponse, RedirectResponse
from fastapi.testclient import TestClient
from joserfc import jwt
from joserfc.jwk import RSAKey
from sqlalchemy import select

from amtsweg.cases.demodaten import Demokonten
from amtsweg.cases.modelle import Benutzer
from amtsweg.db import Datenbank
from amtsweg.web import erstelle_app
from amtsweg.web.einstellungen import Einstellungen
from amtsweg.web.oidc import OidcEinstellungen
from tests.e2e.conftest import _freier_port

SCHLUESSEL = RSAKey.generate_key(2048, parameters={"kid": "k1"})
FREMDER_SCHLUESSEL = RSAKey.generate_key(2048, parameters={"kid": "k1"})


class MockIdp:
    """Minimal OpenID provider: discovery, JWKS, authorize (auto-consent), token with PKCE check."""

    def __init__(self) -> None:
        self.port = _freier_port()
        self.issuer = f"http://127.0.0.1:{self.port}"
        self.codes: dict[str, dict[str, str]] = {}
        self.manipulation: dict[str, Any] = {}
        self.email = "bundid-nutzerin@demo.example"
        app = FastAPI()

        @app.get("/.well-known/openid-configuration")
        def konfiguration() -> dict[str, str]:
            return {
                "issuer": self.issuer,
                "authorization_endpoint": f"{self.issuer}/authorize",
                "token_endpoint": f"{self.issuer}/token",
                "jwks_uri": f"{self.issuer}/jwks",
            }

        @app.get("/jwks")
        def jwks() -> dict[str, Any]:
            return {"keys": [SCHLUESSEL.as_dict(private=False)]}

        @app.get("/authorize")
        def authorize(request: Request) -> RedirectResponse:
            p = request.query_params
            code = f"code-{len(self.codes)}"
            self.codes[code] = {
                "nonce": p["nonce"],
                "challenge": p["code_challenge"],
                "client": p["client_id"],
            }
            return RedirectResponse(f"{p['redirect_uri']}?{urlencode({'code': code, 'state': p['state']})}")

        @app.post("/token")
        def token(code: str = Form(), code_verifier: str = Form(), client_id: str = Form()) -> JSONResponse:
            eintrag = self.codes.pop(code, None)
            erwartet = base64.urlsafe_b64encode(hashlib.sha256(code_verifier.encode()).digest()).rstrip(b"=")
            if eintrag is None or eintrag["challenge"] != erwartet.decode():
                return JSONResponse({"error": "invalid_grant"}, status_code=400)
            claims = {
                "iss": self.issuer,
                "aud": client_id,
                "exp": int(time.time()) + 300,
                "iat": int(time.time()),
                "sub": "abc",
                "nonce": eintrag["nonce"],
                "email": self.email,
                "name": "Bea BundID",
                "acr": "STORK-QAA-Level-3",
                **self.manipulation.get("claims", {}),
            }
            schluessel = self.manipulation.get("schluessel", SCHLUESSEL)
            return JSONResponse({"id_token": jwt.encode({"alg": "RS256", "kid": "k1"}, claims, schluessel)})

        self.server = uvicorn.Server(
            uvicorn.Config(app, host="127.0.0.1", port=self.port, log_level="warning")
        )
        self.thread = threading.Thread(target=self.server.run, daemon=True)


@pytest.fixture
def idp() -> Iterator[MockIdp]:
    mock = MockIdp()
    mock.thread.start()
    while not mock.server.started:
        time.sleep(0.02)
    yield mock
    mock.server.should_exit = True
    mock.thread.join(timeout=5)


@pytest.fixture
def oidc_client(
    datenbank: Datenbank, demo: Demokonten, idp: MockIdp, tmp_path: Path
) -> Callable[[], TestClient]:
    einstellungen = Einstellungen(
        datenordner=tmp_path, geheimnis="o" * 40, oidc=OidcEinstellungen(idp.issuer, "amtsweg", "geheim")
    )
    app = erstelle_app(datenbank, einstellungen)
    return lambda: TestClient(app, raise_server_exceptions=False)


def _durchlauf(client: TestClient) -> httpx.Response:
    start = client.get("/anmelden/oidc", follow_redirects=False)
    assert start.status_code == 303
    beim_idp = httpx.get(start.headers["location"], follow_redirects=False)
    rueckruf = urlparse(beim_idp.headers["location"])
    return client.get(f"{rueckruf.path}?{rueckruf.query}", follow_redirects=False)


def test_anmeldung_legt_konto_an(oidc_client: Callable[[], TestClient], datenbank: Datenbank) -> None:
    client = oidc_client()
    assert "Mit BundID anmelden" in client.get("/anmelden").text
    antwort = _durchlauf(client)
    assert antwort.status_code == 303 and antwort.headers["location"] == "/antraege"
    assert client.get("/antraege").status_code == 200
    with datenbank.sitzung() as s:
        konto = s.scalar(select(Benutzer).where(Benutzer.email == "bundid-nutzerin@demo.example"))
        assert konto is not None and konto.rolle == "buerger" and konto.name == "Bea BundID"


def test_bestehendes_dienstkonto_wird_gefunden(oidc_client: Callable[[], TestClient], idp: MockIdp) -> None:
    idp.email = "sachbearbeitung@demo.example"
    antwort = _durchlauf(oidc_client())
    assert antwort.headers["location"] == "/arbeit"


@pytest.mark.parametrize(
    ("manipulation", "meldung"),
    [
        ({"schluessel": FREMDER_SCHLUESSEL}, "nicht gültig signiert"),
        ({"claims": {"nonce": "falsch"}}, "gehört nicht zu dieser Anmeldung"),
        ({"claims": {"aud": "andere-anwendung"}}, "nicht für diese Anwendung"),
        ({"claims": {"exp": 1}}, "abgelaufen"),
    ],
)
def test_manipulierte_tokens_werden_abgelehnt(
    oidc_client: Callable[[], TestClient], idp: MockIdp, manipulation: dict[str, Any], meldung: str
) -> None:
    idp.manipulation = manipulation
    client = oidc_client()
    antwort = _durchlauf(client)
    assert antwort.status_code == 400 and meldung in antwort.text
    assert client.get("/antraege", follow_redirects=False).status_code == 303, "not logged in"


def test_falscher_state_wird_abgelehnt(oidc_client: Callable[[], TestClient]) -> None:
    client = oidc_client()
    start = client.get("/anmelden/oidc", follow_redirects=False)
    beim_idp = httpx.get(start.headers["location"], follow_redirects=False)
    parameter = parse_qs(urlparse(beim_idp.headers["location"]).query)
    antwort = client.get(f"/anmelden/oidc/rueckruf?code={parameter['code'][0]}&state=falsch")
    assert antwort.status_code == 400 and "abgelaufen oder ungültig" in antwort.text


def test_ohne_konfiguration_keine_oidc_anmeldung(app_client: Callable[[], TestClient]) -> None:
    client = app_client()
    assert "Mit BundID anmelden" not in client.get("/anmelden").text
    assert client.get("/anmelden/oidc").status_code == 404
