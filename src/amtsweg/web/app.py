"""The FastAPI app factory: middleware, static files, routers, German error pages."""

from __future__ import annotations

import importlib
import logging
from http import HTTPStatus
from pathlib import Path

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import FileResponse, JSONResponse, RedirectResponse
from fastapi.staticfiles import StaticFiles
from sqlalchemy.exc import DataError
from starlette.exceptions import HTTPException
from starlette.middleware.sessions import SessionMiddleware
from starlette.responses import Response

from amtsweg.cases.dienste import Verfahrensfehler
from amtsweg.cases.rechte import KeinZugriff
from amtsweg.db import Datenbank
from amtsweg.web.abhaengigkeiten import AnmeldungNoetig
from amtsweg.web.einstellungen import Einstellungen
from amtsweg.web.oidc import OidcClient
from amtsweg.web.sicherheit import Sicherheitskopfzeilen
from amtsweg.web.vorlagen import seite

LOG = logging.getLogger("amtsweg.web")
UNGUELTIGE_FORMULARDATEN = (
    "Die übermittelten Formulardaten sind ungültig oder zu groß (z. B. ein zu langer Dateiname). "
    "Bitte prüfen Sie Ihre Eingaben und die Datei und versuchen Sie es erneut."
)
STATIC = Path(__file__).parent / "static"
#: routers in amtsweg.web.routen; each module defines ``router``
ROUTER = (
    "start",
    "buerger",
    "folgeantraege",
    "leistungscheck",
    "arbeit",
    "arbeit_dateien",
    "xdomea",
    "teamleitung",
    "api",
    "gefaehrdung",
    "assistent",
    "praevention",
    "nachweise",
    "governance",
)


def erstelle_app(datenbank: Datenbank | None = None, einstellungen: Einstellungen | None = None) -> FastAPI:
    einstellungen = (einstellungen or Einstellungen()).mit_geheimnis()
    app = FastAPI(
        title="Amtsweg",
        description="Vom Antrag bis zum Bescheid – JSON-API der Leistungsverwaltung",
        version="0.1.0",
        docs_url="/api/docs",
        redoc_url=None,
        openapi_url="/api/openapi.json",
    )
    from amtsweg.documents.anbindung import verbinde

    verbinde()  # intake checks and the reading job for uploads
    app.state.datenbank = datenbank or Datenbank()
    app.state.einstellungen = einstellungen
    app.state.oidc = OidcClient(einstellungen.oidc) if einstellungen.oidc else None
    app.add_middleware(Sicherheitskopfzeilen, hsts=einstellungen.sichere_cookies)
    app.add_middleware(
        SessionMiddleware,
        secret_key=einstellungen.geheimnis,
        session_cookie="amtsweg_sitzung",
        max_age=8 * 3600,
        same_site="strict",
        https_only=einstellungen.sichere_cookies,
    )
    app.mount("/static", StaticFiles(directory=str(STATIC)), name="static")
    app.add_api_route("/favicon.ico", lambda: FileResponse(FAVICON), include_in_schema=False)
    for name in ROUTER:
        try:
            modul = importlib.import_module(f"amtsweg.web.routen.{name}")
        except ModuleNotFoundError as fehler:
            if fehler.name != f"amtsweg.web.routen.{name}":
                raise
            continue
        app.include_router(modul.router)
    _fehlerseiten(app)
    return app


#: German texts for Starlette's English defaults ("Not Found", "Method Not Allowed")
STANDARDTEXTE = {
    404: "Seite nicht gefunden: Diese Adresse gibt es nicht. Bitte prüfen Sie die Adresse oder gehen Sie zur "
    "Startseite.",
    405: "Diese Aktion ist unter dieser Adresse nicht möglich.",
}
FAVICON = STATIC / "favicon.ico"


def _ist_api(request: Request) -> bool:
    return request.url.path.startswith("/api/")


def _fehler(request: Request, status: int, titel: str, text: str) -> Response:
    if _ist_api(request):
        return JSONResponse({"fehler": text}, status_code=status)
    return seite(request, "fehler.html", status_code=status, titel=titel, text=text)


def _fehlerseiten(app: FastAPI) -> None:
    @app.exception_handler(AnmeldungNoetig)
    async def anmelden(request: Request, _: AnmeldungNoetig) -> Response:
        if _ist_api(request):
            return JSONResponse({"fehler": "Bitte melden Sie sich an."}, status_code=401)
        return RedirectResponse("/anmelden", status_code=303)

    @app.exception_handler(KeinZugriff)
    async def kein_zugriff(request: Request, fehler: KeinZugriff) -> Response:
        return _fehler(request, 404, "Seite nicht gefunden", str(fehler))

    @app.exception_handler(Verfahrensfehler)
    async def verfahren(request: Request, fehler: Verfahrensfehler) -> Response:
        return _fehler(request, 409, "Nicht möglich", str(fehler))

    @app.exception_handler(HTTPException)
    async def http(request: Request, fehler: HTTPException) -> Response:
        titel = {
            403: "Keine Berechtigung",
            404: "Seite nicht gefunden",
            413: "Datei zu groß",
            429: "Zu viele Anfragen",
        }.get(fehler.status_code, "Fehler")
        text = fehler.detail if isinstance(fehler.detail, str) else ""
        if not text or text == HTTPStatus(fehler.status_code).phrase:  # Starlette's English default
            text = STANDARDTEXTE.get(fehler.status_code, "Die Anfrage konnte nicht bearbeitet werden.")
        if fehler.status_code == 400:  # only the framework answers 400 (unparsable body), in English
            text = UNGUELTIGE_FORMULARDATEN
        antwort = _fehler(request, fehler.status_code, titel, text)
        antwort.headers.update(fehler.headers or {})  # e.g. Retry-After of a rate limit
        return antwort

    @app.exception_handler(RequestValidationError)
    async def ungueltig(request: Request, fehler: RequestValidationError) -> Response:
        if any(e.get("type") == "json_invalid" for e in fehler.errors()):
            pfade, text = [""], "Die Anfrage enthält kein gültiges JSON."
        else:
            pfade = [".".join(str(t) for t in e.get("loc", ())[1:]) for e in fehler.errors()[:5]]
            text = f"Bitte prüfen Sie diese Angaben: {', '.join(pfade)}."
        if _ist_api(request):
            return JSONResponse({"feld": pfade[0] if pfade else "", "fehler": text}, status_code=422)
        return _fehler(request, 422, "Ungültige Eingabe", text)

    @app.exception_handler(OverflowError)
    @app.exception_handler(DataError)
    async def ausserhalb(request: Request, _: Exception) -> Response:
        # e.g. an id in the path beyond the database's integer range (found by API fuzzing)
        return _fehler(
            request, 422, "Ungültige Eingabe", "Eine Angabe liegt außerhalb des zulässigen Bereichs."
        )

    @app.exception_handler(Exception)
    async def unerwartet(request: Request, fehler: Exception) -> Response:
        LOG.exception("Unerwarteter Fehler bei %s", request.url.path, exc_info=fehler)
        return _fehler(
            request,
            500,
            "Technischer Fehler",
            "Es ist ein technischer Fehler aufgetreten. Ihre Angaben "
            "wurden nicht gespeichert. Bitte versuchen Sie es später erneut.",
        )
