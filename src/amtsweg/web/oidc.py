"""OpenID Connect login (authorization code flow with PKCE) as the production option, e.g. Keycloak in front
of BundID. Configured by AMTSWEG_OIDC_ISSUER, AMTSWEG_OIDC_CLIENT_ID and AMTSWEG_OIDC_CLIENT_SECRET; without
them only local accounts exist. The ID token is checked completely: signature against the issuer's JWKS,
issuer, audience, expiry and the nonce of this login."""

from __future__ import annotations

import base64
import hashlib
import os
import secrets
import time
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import urlencode

import httpx
from joserfc import jwt
from joserfc.errors import JoseError
from joserfc.jwk import KeySet


class OidcFehler(Exception):
    """The login could not be completed; German message without internals."""


@dataclass(frozen=True)
class OidcEinstellungen:
    issuer: str
    client_id: str
    client_secret: str
    scope: str = "openid email profile"

    @classmethod
    def aus_umgebung(cls) -> OidcEinstellungen | None:
        issuer = os.environ.get("AMTSWEG_OIDC_ISSUER", "").rstrip("/")
        client_id = os.environ.get("AMTSWEG_OIDC_CLIENT_ID", "")
        if not issuer or not client_id:
            return None
        return cls(issuer, client_id, os.environ.get("AMTSWEG_OIDC_CLIENT_SECRET", ""))


@dataclass
class OidcClient:
    einstellungen: OidcEinstellungen
    http: httpx.Client = field(default_factory=lambda: httpx.Client(timeout=10.0))
    _konfiguration: dict[str, Any] | None = None
    _schluessel: KeySet | None = None

    def konfiguration(self) -> dict[str, Any]:
        if self._konfiguration is None:
            antwort = self.http.get(f"{self.einstellungen.issuer}/.well-known/openid-configuration")
            antwort.raise_for_status()
            daten: dict[str, Any] = antwort.json()
            if daten.get("issuer", "").rstrip("/") != self.einstellungen.issuer:
                raise OidcFehler("Der Anmeldedienst meldet einen anderen Aussteller als konfiguriert.")
            self._konfiguration = daten
        return self._konfiguration

    def schluessel(self) -> KeySet:
        if self._schluessel is None:
            antwort = self.http.get(self.konfiguration()["jwks_uri"])
            antwort.raise_for_status()
            self._schluessel = KeySet.import_key_set(antwort.json())
        return self._schluessel

    def beginne(self, redirect_uri: str) -> tuple[str, dict[str, str]]:
        """The authorization URL and the values to keep in the session (state, nonce, PKCE verifier)."""
        zustand = {
            "state": secrets.token_urlsafe(24),
            "nonce": secrets.token_urlsafe(24),
            "verifier": secrets.token_urlsafe(48),
        }
        challenge = base64.urlsafe_b64encode(hashlib.sha256(zustand["verifier"].encode()).digest()).rstrip(
            b"="
        )
        parameter = {
            "response_type": "code",
            "client_id": self.einstellungen.client_id,
            "redirect_uri": redirect_uri,
            "scope": self.einstellungen.scope,
            "state": zustand["state"],
            "nonce": zustand["nonce"],
            "code_challenge": challenge.decode(),
            "code_challenge_method": "S256",
        }
        return f"{self.konfiguration()['authorization_endpoint']}?{urlencode(parameter)}", zustand

    def beende(self, code: str, state: str, zustand: dict[str, str], redirect_uri: str) -> dict[str, Any]:
        """Exchange the code and return the verified ID-token claims."""
        if not zustand or not secrets.compare_digest(state, zustand.get("state", "")):
            raise OidcFehler("Die Anmeldung ist abgelaufen oder ungültig. Bitte erneut anmelden.")
        antwort = self.http.post(
            self.konfiguration()["token_endpoint"],
            data={
                "grant_type": "authorization_code",
                "code": code,
                "redirect_uri": redirect_uri,
                "client_id": self.einstellungen.client_id,
                "client_secret": self.einstellungen.client_secret,
                "code_verifier": zustand["verifier"],
            },
        )
        if antwort.status_code != 200:
            raise OidcFehler("Der Anmeldedienst hat die Anmeldung nicht bestätigt.")
        id_token = antwort.json().get("id_token")
        if not isinstance(id_token, str):
            raise OidcFehler("Der Anmeldedienst hat kein ID-Token geliefert.")
        return self.pruefe_id_token(id_token, zustand["nonce"])

    def pruefe_id_token(self, id_token: str, nonce: str) -> dict[str, Any]:
        try:
            token = jwt.decode(id_token, self.schluessel(), algorithms=["RS256", "ES256", "PS256"])
        except (JoseError, ValueError) as fehler:
            raise OidcFehler("Das ID-Token ist nicht gültig signiert.") from fehler
        claims: dict[str, Any] = dict(token.claims)
        aud = claims.get("aud")
        zielgruppe = aud if isinstance(aud, list) else [aud]
        if claims.get("iss", "").rstrip("/") != self.einstellungen.issuer:
            raise OidcFehler("Das ID-Token stammt von einem anderen Aussteller.")
        if self.einstellungen.client_id not in zielgruppe:
            raise OidcFehler("Das ID-Token ist nicht für diese Anwendung ausgestellt.")
        if int(claims.get("exp", 0)) < time.time():
            raise OidcFehler("Das ID-Token ist abgelaufen.")
        if not secrets.compare_digest(str(claims.get("nonce", "")), nonce):
            raise OidcFehler("Das ID-Token gehört nicht zu dieser Anmeldung.")
        if not claims.get("email"):
            raise OidcFehler("Der Anmeldedienst hat keine E-Mail-Adresse übermittelt.")
        return claims
