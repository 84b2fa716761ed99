"""A local FIT-Connect Zustelldienst for tests, benchmarks and demos: the v1 endpoints of the vendored
Submission API 1.1.3 (CC BY-SA 4.0, FITKO) with an in-memory store, a token endpoint (client
credentials), the state machine submitted -> accepted/rejected (409 on a second decision), SET signature
checks with the destination's registered verify key, and fault injection (outages, revoked tokens). Every
request and response of a documented operation is validated against the OpenAPI file; violations are
collected in ``verstoesse``.

Run standalone: ``python -m tests.schnittstellen.zustelldienst PORT STATEDIR`` (used by the kill test and
the benchmark; it writes the destination's private keys and client credentials into STATEDIR)."""

from __future__ import annotations

import json
import secrets
import threading
import time
import uuid
from dataclasses import dataclass, field
from typing import Any

from fastapi import FastAPI, Request, Response
from fastapi.responses import JSONResponse

from amtsweg.schnittstellen.fitconnect import krypto
from tests.schnittstellen import openapi

LEIKA_WOHNGELD_TEST = (
    "urn:de:fim:leika:leistung:99000000000000"  # placeholder key: Wohngeld LeiKa unbestätigt
)
SCHEMA_URI = "urn:amtsweg:fachdaten:wohngeld:1.0"


@dataclass
class Einreichung:
    submission_id: str
    destination_id: str
    case_id: str
    angekuendigt: list[str]
    service_type: dict[str, Any]
    anlagen: dict[str, str] = field(default_factory=dict)
    metadaten: str | None = None
    daten: str | None = None
    status: str = "created"  # created|submitted|accepted|rejected


@dataclass
class Zustand:
    token_lebensdauer: int = 3600
    clients: dict[str, tuple[str, str]] = field(default_factory=dict)  # id -> (secret, scope)
    tokens: dict[str, tuple[str, float]] = field(default_factory=dict)  # token -> (scope, expires)
    ziele: dict[str, dict[str, Any]] = field(default_factory=dict)  # destinationId -> destination + keys
    einreichungen: dict[str, Einreichung] = field(default_factory=dict)
    ereignisse: dict[str, list[str]] = field(default_factory=dict)  # caseId -> SETs
    ausfaelle: int = 0  # the next N API requests answer 503
    verstoesse: list[str] = field(default_factory=list)
    anfragen: int = 0
    sperre: threading.Lock = field(default_factory=threading.Lock)

    def neuer_client(self, scope: str) -> tuple[str, str]:
        kennung, geheimnis = str(uuid.uuid4()), secrets.token_urlsafe(32)
        self.clients[kennung] = (geheimnis, scope)
        return kennung, geheimnis

    def neues_ziel(self, verschluesselung: dict[str, Any], signatur: dict[str, Any]) -> str:
        ziel = str(uuid.uuid4())
        self.ziele[ziel] = {
            "destinationId": ziel,
            "encryptionKid": verschluesselung["kid"],
            "status": "active",
            "metadataVersions": ["1.0.0"],
            "services": [
                {
                    "identifier": LEIKA_WOHNGELD_TEST,
                    "regions": ["DE07314"],
                    "submissionSchemas": [{"schemaUri": SCHEMA_URI, "mimeType": "application/json"}],
                }
            ],
            "_schluessel": {k["kid"]: k for k in (verschluesselung, signatur)},
            "_signatur_kid": signatur["kid"],
        }
        return ziel

    def widerrufe_tokens(self) -> None:
        self.tokens.clear()


def _problem(status: int, titel: str, detail: str = "") -> JSONResponse:
    return JSONResponse(
        {"type": "about:blank", "title": titel, "status": status, "detail": detail},
        status_code=status,
        media_type="application/problem+json",
    )


def erstelle_app(zustand: Zustand) -> FastAPI:
    app = FastAPI(title="Lokaler FIT-Connect-Zustelldienst (Test)")

    def antwort(operation: str, status: int, koerper: Any = None, typ: str = "application/json") -> Response:
        zustand.verstoesse += openapi.pruefe_antwort(
            operation, status, typ if koerper is not None else None, koerper
        )
        if koerper is None:
            return Response(status_code=status)
        if typ == "application/jose":
            return Response(koerper, status_code=status, media_type=typ)
        return JSONResponse(koerper, status_code=status, media_type=typ)

    def scope(request: Request) -> str | None:
        kopf = request.headers.get("authorization", "")
        eintrag = zustand.tokens.get(kopf.removeprefix("Bearer "))
        if eintrag is None or eintrag[1] < time.time():
            return None
        return eintrag[0]

    @app.middleware("http")
    async def pruefung(request: Request, weiter: Any) -> Response:
        if request.url.path == "/token" or request.url.path.startswith("/_"):
            return await weiter(request)  # type: ignore[no-any-return]
        zustand.anfragen += 1
        try:
            operation = openapi.operation_zu(request.method, request.url.path)
        except KeyError:
            zustand.verstoesse.append(f"undokumentierter Aufruf {request.method} {request.url.path}")
            return _problem(404, "Not Found")
        with zustand.sperre:
            if zustand.ausfaelle > 0:
                zustand.ausfaelle -= 1
                return _problem(503, "Service Unavailable", "Wartung")
        koerper = await request.body()
        if koerper:
            typ = request.headers.get("content-type", "")
            wert: Any = json.loads(koerper) if typ.startswith("application/json") else koerper.decode()
            zustand.verstoesse += openapi.pruefe_anfrage(operation, typ, wert)
        if scope(request) is None:
            return _problem(401, "Unauthorized", "Token fehlt, ist abgelaufen oder widerrufen.")
        return await weiter(request)  # type: ignore[no-any-return]

    @app.post("/token")
    async def token(request: Request) -> Response:
        form = await request.form()
        client = zustand.clients.get(str(form.get("client_id")))
        if (
            form.get("grant_type") != "client_credentials"
            or client is None
            or client[0] != form.get("client_secret")
        ):
            return JSONResponse({"error": "invalid_client"}, status_code=401)
        wert = secrets.token_urlsafe(24)
        zustand.tokens[wert] = (client[1], time.time() + zustand.token_lebensdauer)
        return JSONResponse(
            {
                "access_token": wert,
                "token_type": "Bearer",
                "expires_in": zustand.token_lebensdauer,
                "scope": client[1],
            }
        )

    @app.get("/v1/destinations/{destination_id}")
    def ziel(destination_id: str) -> Response:
        eintrag = zustand.ziele.get(destination_id)
        if eintrag is None:
            return _problem(404, "Not Found")
        return antwort(
            "get-destination-info", 200, {k: v for k, v in eintrag.items() if not k.startswith("_")}
        )

    @app.get("/v1/destinations/{destination_id}/keys/{kid}")
    def schluessel(destination_id: str, kid: str) -> Response:
        jwk = zustand.ziele.get(destination_id, {}).get("_schluessel", {}).get(kid)
        if jwk is None:
            return _problem(404, "Not Found")
        return antwort("get-destination-key", 200, krypto.oeffentlich(jwk))

    @app.post("/v1/submissions")
    async def anlegen(request: Request) -> Response:
        daten = await request.json()
        if daten.get("destinationId") not in zustand.ziele:
            return _problem(404, "Not Found", "Zustellpunkt unbekannt")
        e = Einreichung(
            str(uuid.uuid4()),
            daten["destinationId"],
            daten.get("caseId") or str(uuid.uuid4()),
            list(daten.get("announcedAttachments", [])),
            daten["serviceType"],
        )
        zustand.einreichungen[e.submission_id] = e
        return antwort(
            "create-submission",
            201,
            {"destinationId": e.destination_id, "submissionId": e.submission_id, "caseId": e.case_id},
        )

    @app.put("/v1/submissions/{sid}/attachments/{aid}")
    async def anlage_hochladen(sid: str, aid: str, request: Request) -> Response:
        e = zustand.einreichungen.get(sid)
        if e is None or e.status != "created":
            return _problem(404, "Not Found")
        if aid not in e.angekuendigt:
            return _problem(422, "Unprocessable Entity", "Anlage nicht angekündigt")
        e.anlagen[aid] = (await request.body()).decode()
        return antwort("add-submission-attachment", 204)

    @app.put("/v1/submissions/{sid}")
    async def absenden(sid: str, request: Request) -> Response:
        e = zustand.einreichungen.get(sid)
        if e is None or e.status != "created":
            return _problem(404, "Not Found")
        if set(e.anlagen) != set(e.angekuendigt):
            return _problem(422, "Unprocessable Entity", "Angekündigte Anlagen fehlen")
        daten = await request.json()
        e.metadaten, e.daten, e.status = daten["encryptedMetadata"], daten.get("encryptedData"), "submitted"
        return antwort("submit-submission", 202, _reduziert(e))

    def _reduziert(e: Einreichung) -> dict[str, Any]:
        return {
            "destinationId": e.destination_id,
            "submissionId": e.submission_id,
            "caseId": e.case_id,
            "attachments": e.angekuendigt,
            "serviceType": e.service_type,
        }

    @app.get("/v1/submissions")
    def abholbereit(request: Request, destinationId: str, limit: int = 100, offset: int = 0) -> Response:
        if scope(request) != f"subscribe:destination:{destinationId}":
            return _problem(403, "Forbidden")
        offen = [
            e
            for e in zustand.einreichungen.values()
            if e.destination_id == destinationId and e.status == "submitted"
        ]
        seite = offen[offset : offset + limit]
        return antwort(
            "get-submissions-for-pickup",
            200,
            {
                "count": len(seite),
                "offset": offset,
                "totalCount": len(offen),
                "submissions": [
                    {"destinationId": e.destination_id, "submissionId": e.submission_id, "caseId": e.case_id}
                    for e in seite
                ],
            },
        )

    def _fuer_abholer(request: Request, sid: str) -> Einreichung | Response:
        e = zustand.einreichungen.get(sid)
        if e is None or e.status == "created":
            return _problem(404, "Not Found")
        if scope(request) != f"subscribe:destination:{e.destination_id}":
            return _problem(403, "Forbidden")
        return e

    @app.get("/v1/submissions/{sid}")
    def abholen(request: Request, sid: str) -> Response:
        e = _fuer_abholer(request, sid)
        if isinstance(e, Response):
            return e
        koerper = {**_reduziert(e), "encryptedMetadata": e.metadaten}
        if e.daten:
            koerper["encryptedData"] = e.daten
        return antwort("get-submission", 200, koerper)

    @app.get("/v1/submissions/{sid}/attachments/{aid}")
    def anlage_abholen(request: Request, sid: str, aid: str) -> Response:
        e = _fuer_abholer(request, sid)
        if isinstance(e, Response):
            return e
        if aid not in e.anlagen:
            return _problem(404, "Not Found")
        return antwort("get-submission-attachment", 200, e.anlagen[aid], "application/jose")

    @app.post("/v1/cases/{case_id}/events")
    async def ereignis(request: Request, case_id: str) -> Response:
        token = (await request.body()).decode()
        kandidaten = [e for e in zustand.einreichungen.values() if e.case_id == case_id]
        if not kandidaten:
            return _problem(404, "Not Found")
        e = kandidaten[0]
        ziel = zustand.ziele[e.destination_id]
        try:
            nutzlast = krypto.pruefe_set(
                token, krypto.oeffentlich(ziel["_schluessel"][ziel["_signatur_kid"]])
            )
        except krypto.Kryptofehler as fehler:
            return _problem(422, "Unprocessable Entity", str(fehler))
        art = next(iter(nutzlast.get("events", {})), "").rsplit("/", 1)[-1]
        if (
            nutzlast.get("sub") != f"submission:{e.submission_id}"
            or nutzlast.get("txn") != f"case:{case_id}"
            or art not in ("accept-submission", "reject-submission")
        ):
            return _problem(422, "Unprocessable Entity", "SET passt nicht zur Einreichung")
        with zustand.sperre:
            if e.status != "submitted":
                return _problem(409, "Conflict", f"Einreichung ist bereits {e.status}")
            e.status = "accepted" if art == "accept-submission" else "rejected"
            zustand.ereignisse.setdefault(case_id, []).append(token)
        return antwort("send-case-event", 204)

    @app.get("/v1/cases/{case_id}/events")
    def ereignisse(case_id: str) -> Response:
        log = zustand.ereignisse.get(case_id, [])
        return antwort(
            "get-case-events", 200, {"count": len(log), "offset": 0, "totalCount": len(log), "eventLog": log}
        )

    @app.get("/v1/info")
    def info() -> Response:
        return antwort("get-info", 200, {"version": {"major": 1, "minor": 1, "patch": 3}})

    return app


if __name__ == "__main__":  # pragma: no cover - standalone server for the kill test and the benchmark
    import sys
    from pathlib import Path

    import uvicorn

    port, ordner = int(sys.argv[1]), Path(sys.argv[2])
    zustand = Zustand()
    verschluesselung, signatur = (
        krypto.erzeuge_schluessel("verschluesselung"),
        krypto.erzeuge_schluessel("signatur"),
    )
    ziel_id = zustand.neues_ziel(verschluesselung, signatur)
    abholer = zustand.neuer_client(f"subscribe:destination:{ziel_id}")
    sender = zustand.neuer_client("send:region:DE07314")
    (ordner / "zugang.json").write_text(
        json.dumps(
            {
                "destination_id": ziel_id,
                "subscriber": abholer,
                "sender": sender,
                "verschluesselung": verschluesselung,
                "signatur": signatur,
            }
        )
    )
    app = erstelle_app(zustand)

    @app.get("/_status")
    def status() -> dict[str, Any]:
        zaehler: dict[str, int] = {}
        for e in zustand.einreichungen.values():
            zaehler[e.status] = zaehler.get(e.status, 0) + 1
        return {
            "status": zaehler,
            "verstoesse": zustand.verstoesse[:20],
            "ereignisse": sum(len(v) for v in zustand.ereignisse.values()),
        }

    uvicorn.run(app, host="127.0.0.1", port=port, log_level="warning")
