"""Security by default: strict CSP and other headers on every response; CSRF tokens per session."""

from __future__ import annotations

import datetime as dt
import hmac
import secrets
from collections.abc import Awaitable, Callable

from fastapi import HTTPException, Request
from starlette.middleware.base import BaseHTTPMiddleware
from starlette.responses import Response
from starlette.types import ASGIApp

from amtsweg.db import drossel

CSP = (
    "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; font-src 'self'; "
    "connect-src 'self'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'; object-src 'none'"
)
KOPFZEILEN = {
    "Content-Security-Policy": CSP,
    "X-Content-Type-Options": "nosniff",
    "X-Frame-Options": "DENY",
    "Referrer-Policy": "same-origin",
    "Permissions-Policy": "camera=(), microphone=(), geolocation=()",
    "Cross-Origin-Opener-Policy": "same-origin",
}
HSTS = "max-age=31536000; includeSubDomains"
SICHERE_METHODEN = {"GET", "HEAD", "OPTIONS"}


class Sicherheitskopfzeilen(BaseHTTPMiddleware):
    """Security headers on every response; ``no-store`` on every response to a signed-in user (and on the
    account, application, staff and API paths); HSTS when cookies are Secure (the app is served over TLS)."""

    def __init__(self, app: ASGIApp, hsts: bool = False) -> None:
        super().__init__(app)
        self.hsts = hsts

    async def dispatch(
        self, request: Request, call_next: Callable[[Request], Awaitable[Response]]
    ) -> Response:
        antwort = await call_next(request)
        for name, wert in KOPFZEILEN.items():
            antwort.headers.setdefault(name, wert)
        if self.hsts:
            antwort.headers.setdefault("Strict-Transport-Security", HSTS)
        angemeldet = "session" in request.scope and "benutzer_id" in request.session
        if angemeldet or request.url.path.startswith(("/konto", "/antraege", "/arbeit", "/api")):
            antwort.headers.setdefault("Cache-Control", "no-store")
        return antwort


def csrf_token(request: Request) -> str:
    """The session's CSRF token (created on first use)."""
    token = request.session.get("csrf")
    if not token:
        token = secrets.token_urlsafe(32)
        request.session["csrf"] = token
    return str(token)


async def pruefe_csrf(request: Request) -> None:
    """Dependency for state-changing routes: token from the form field or the X-CSRF-Token header."""
    if request.method in SICHERE_METHODEN:
        return
    erwartet = request.session.get("csrf")
    gesendet = request.headers.get("x-csrf-token")
    if gesendet is None and request.headers.get("content-type", "").startswith(
        ("application/x-www-form-urlencoded", "multipart/form-data")
    ):
        formular = await request.form()
        wert = formular.get("csrf_token")
        gesendet = wert if isinstance(wert, str) else None
    if not erwartet or not gesendet or not hmac.compare_digest(str(erwartet), gesendet):
        raise HTTPException(
            status_code=403,
            detail="Die Sitzung ist abgelaufen oder das Formular ist ungültig. "
            "Bitte laden Sie die Seite neu.",
        )


def client_adresse(request: Request) -> str:
    """The client address as the server sees it (behind a proxy: run uvicorn with --proxy-headers and
    --forwarded-allow-ips so this is the real client, see docs/betrieb.md)."""
    return request.client.host if request.client else "-"


def begrenzung(art: str, grenze: int, fenster: dt.timedelta) -> Callable[[Request], None]:
    """Dependency factory: at most ``grenze`` requests per client address within ``fenster`` (counted in the
    database, so every web process shares the limit); more are answered with 429 and a German message."""

    def pruefe(request: Request) -> None:
        with request.app.state.datenbank.sitzung() as s:
            erlaubt = drossel.zaehle(s, f"{art}:{client_adresse(request)}", grenze, fenster)
        if not erlaubt:
            minuten = max(1, int(fenster.total_seconds() // 60))
            raise HTTPException(
                status_code=429,
                detail=f"Zu viele Anfragen. Bitte versuchen Sie es in {minuten} Minute(n) erneut.",
                headers={"Retry-After": str(int(fenster.total_seconds()))},
            )

    return pruefe
