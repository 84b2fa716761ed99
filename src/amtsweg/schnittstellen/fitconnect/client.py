"""HTTP client of the Submission API v1 (Subscriber side): OAuth2 client credentials with a cached token,
retries with exponential back-off on network errors, 429 and 5xx, one token refresh on 401.

The ``httpx.Client`` is passed in (tests pass the local Zustelldienst's test client), so the production code
path is the one under test.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import httpx

WIEDERHOLBAR = {429, 500, 502, 503, 504}


class Zustelldienstfehler(Exception):
    """The Zustelldienst could not be reached or answered with an error; the poll is retried later."""

    def __init__(self, meldung: str, status: int | None = None) -> None:
        super().__init__(meldung)
        self.status = status


@dataclass
class Zugang:
    token_url: str
    basis_url: str
    client_id: str
    client_secret: str
    destination_id: str


class SubmissionClient:
    def __init__(
        self,
        zugang: Zugang,
        http: httpx.Client,
        *,
        versuche: int = 5,
        wartezeit: float = 0.5,
        schlafe: Callable[[float], None] = time.sleep,
        uhr: Callable[[], float] = time.monotonic,
    ) -> None:
        self.zugang = zugang
        self.http = http
        self.versuche = versuche
        self.wartezeit = wartezeit
        self.schlafe = schlafe
        self.uhr = uhr
        self._token: str | None = None
        self._gueltig_bis = 0.0
        self.tokenabrufe = 0

    # --- token ---------------------------------------------------------------------------------
    def _hole_token(self) -> str:
        if self._token and self.uhr() < self._gueltig_bis - 30:
            return self._token
        antwort = self._sende(
            "POST",
            self.zugang.token_url,
            token=False,
            data={
                "grant_type": "client_credentials",
                "client_id": self.zugang.client_id,
                "client_secret": self.zugang.client_secret,
                "scope": f"subscribe:destination:{self.zugang.destination_id}",
            },
        )
        daten = antwort.json()
        self._token = str(daten["access_token"])
        self._gueltig_bis = self.uhr() + float(daten.get("expires_in", 300))
        self.tokenabrufe += 1
        return self._token

    # --- transport with retries ----------------------------------------------------------------
    def _sende(self, methode: str, url: str, *, token: bool = True, **kwargs: Any) -> httpx.Response:
        erneuert, letzter = False, "keine Antwort"
        for versuch in range(self.versuche):
            kopf = dict(kwargs.pop("headers", {}) or {})
            if token:
                kopf["Authorization"] = f"Bearer {self._hole_token()}"
            try:
                antwort = self.http.request(methode, url, headers=kopf, **kwargs)
            except httpx.TransportError as fehler:
                letzter = f"Zustelldienst nicht erreichbar ({fehler.__class__.__name__})"
                self.schlafe(self.wartezeit * 2**versuch)
                kwargs["headers"] = kopf
                continue
            kwargs["headers"] = kopf
            if antwort.status_code == 401 and token and not erneuert:
                self._token, erneuert = None, True  # expired or revoked: fetch a new token once
                continue
            if antwort.status_code in WIEDERHOLBAR:
                letzter = f"Zustelldienst antwortet {antwort.status_code}"
                self.schlafe(self.wartezeit * 2**versuch)
                continue
            if antwort.status_code >= 400:
                raise Zustelldienstfehler(
                    f"{methode} {url}: {antwort.status_code} {antwort.text[:200]}", antwort.status_code
                )
            return antwort
        raise Zustelldienstfehler(f"{methode} {url}: {letzter} nach {self.versuche} Versuchen")

    def _url(self, pfad: str) -> str:
        return self.zugang.basis_url.rstrip("/") + pfad

    # --- Submission API v1 (Subscriber operations) --------------------------------------------
    def abholbereit(self, limit: int = 500) -> list[dict[str, Any]]:
        """All submissions waiting in state ``submitted`` (paged with offset)."""
        alle: list[dict[str, Any]] = []
        while True:
            seite = self._sende(
                "GET",
                self._url("/v1/submissions"),
                params={"destinationId": self.zugang.destination_id, "limit": limit, "offset": len(alle)},
            ).json()
            alle.extend(seite["submissions"])
            if not seite["submissions"] or len(alle) >= seite["totalCount"]:
                return alle

    def einreichung(self, submission_id: str) -> dict[str, Any]:
        daten: dict[str, Any] = self._sende("GET", self._url(f"/v1/submissions/{submission_id}")).json()
        return daten

    def anlage(self, submission_id: str, attachment_id: str) -> str:
        return self._sende(
            "GET", self._url(f"/v1/submissions/{submission_id}/attachments/{attachment_id}")
        ).text

    def sende_ereignis(self, case_id: str, set_token: str) -> bool:
        """POST the SET; True if stored now, False if the Zustelldienst already has a final event (409)."""
        try:
            self._sende(
                "POST",
                self._url(f"/v1/cases/{case_id}/events"),
                content=set_token.encode(),
                headers={"Content-Type": "application/jose"},
            )
        except Zustelldienstfehler as fehler:
            if fehler.status == 409:
                return False
            raise
        return True
