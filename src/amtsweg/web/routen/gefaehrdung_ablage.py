"""A firm's saved Gefährdungsbeurteilungen: save, list, reopen, edit and update (new version with reason).

Login required; the service ``prevention.gefaehrdung.ablage`` decides access (only the owner), this router
only translates between forms/JSON and the service."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Body, Depends, Request
from fastapi.responses import JSONResponse, RedirectResponse
from sqlalchemy.orm import Session
from starlette.responses import Response

from amtsweg.cases.modelle import Benutzer
from amtsweg.prevention.gefaehrdung import ablage, pdf
from amtsweg.rules.engine.fehler import Eingabefehler
from amtsweg.web.abhaengigkeiten import angemeldet, sitzung
from amtsweg.web.routen.gefaehrdung_seiten import (
    Formulardaten,
    ergebnisformular,
    ergebnisseite,
    formularseite,
)
from amtsweg.web.sicherheit import pruefe_csrf
from amtsweg.web.vorlagen import seite

router = APIRouter()
CSRF = [Depends(pruefe_csrf)]
Angemeldet = Annotated[Benutzer, Depends(angemeldet)]
Sitzung = Annotated[Session, Depends(sitzung, scope="function")]


@router.post("/gefaehrdung/speichern", include_in_schema=False, dependencies=CSRF)
def speichern(request: Request, benutzer: Angemeldet, s: Sitzung, daten: Formulardaten) -> Response:
    """Save the assessment shown (with the per-measure entries of step 4); a new version if ``gb_id``."""
    try:
        e = ergebnisformular(daten)
    except Eingabefehler as f:
        return formularseite(request, benutzer, {}, status=422, fehler=f)
    try:
        neu_id = ablage.speichere(s, benutzer, e.grund | {"massnahmen": e.werte_m}, e.anlass, e.gb_id)
    except Eingabefehler as f:
        return ergebnisseite(request, benutzer, e.vorher, 422, f, e.werte_m, e.gb_id, e.anlass)
    return RedirectResponse(f"/gefaehrdung/meine/{neu_id}?gespeichert=1", status_code=303)


@router.get("/gefaehrdung/meine", include_in_schema=False)
def meine(request: Request, benutzer: Angemeldet, s: Sitzung) -> Response:
    return seite(request, "gefaehrdung/meine.html", benutzer=benutzer, eintraege=ablage.liste(s, benutzer))


@router.get("/gefaehrdung/meine/{gb_id}", include_in_schema=False)
def oeffnen(
    request: Request, gb_id: int, benutzer: Angemeldet, s: Sitzung, fassung: int | None = None
) -> Response:
    g = ablage.oeffne(s, benutzer, gb_id, fassung)
    return ergebnisseite(request, benutzer, g.gb, gb_id=g.id, fassungen=g.fassungen)


@router.get("/gefaehrdung/meine/{gb_id}/bearbeiten", include_in_schema=False)
def bearbeiten(request: Request, gb_id: int, benutzer: Angemeldet, s: Sitzung) -> Response:
    """The form pre-filled with the current version (change site data or activities, then save anew)."""
    werte: dict[str, Any] = dict(ablage.oeffne(s, benutzer, gb_id).eingabe)
    for feld, wert in list(werte.items()):
        if isinstance(wert, bool):
            werte[feld] = "ja" if wert else ""
        elif wert is None:
            werte[feld] = ""
    return formularseite(request, benutzer, werte, gb_id=gb_id)


# --- JSON API ---------------------------------------------------------------------------------------


def _fehler(f: Eingabefehler) -> JSONResponse:
    return JSONResponse({"feld": f.feld, "fehler": f.meldung}, status_code=422)


@router.get("/api/v1/gefaehrdung/ablage", tags=["Gefährdungsbeurteilung"])
def api_liste(benutzer: Angemeldet, s: Sitzung) -> list[dict[str, Any]]:
    """The caller's saved assessments (only their own)."""
    return [
        {
            "id": a.id,
            "bezeichnung": a.bezeichnung,
            "fassung": a.fassung,
            "geaendert_am": a.geaendert_am.isoformat(),
        }
        for a in ablage.liste(s, benutzer)
    ]


@router.post(
    "/api/v1/gefaehrdung/ablage", tags=["Gefährdungsbeurteilung"], dependencies=CSRF, response_model=None
)
def api_speichern(
    benutzer: Angemeldet,
    s: Sitzung,
    baustelle: Annotated[dict[str, Any], Body()],
    anlass: Annotated[str, Body(max_length=2000)] = "",
) -> dict[str, Any] | JSONResponse:
    """Save a new assessment (Baustelle incl. ``massnahmen`` {key: {verantwortlich, frist}})."""
    try:
        neu_id = ablage.speichere(s, benutzer, baustelle, anlass)
    except Eingabefehler as f:
        return _fehler(f)
    return JSONResponse(ablage.oeffne(s, benutzer, neu_id).als_dict(), status_code=201)


@router.get("/api/v1/gefaehrdung/ablage/{gb_id}", tags=["Gefährdungsbeurteilung"], response_model=None)
def api_oeffnen(
    gb_id: int, benutzer: Angemeldet, s: Sitzung, fassung: int | None = None
) -> dict[str, Any] | JSONResponse:
    """An own saved assessment (current or an earlier version) with its version history."""
    try:
        return ablage.oeffne(s, benutzer, gb_id, fassung).als_dict()
    except Eingabefehler as f:
        return _fehler(f)


@router.put(
    "/api/v1/gefaehrdung/ablage/{gb_id}",
    tags=["Gefährdungsbeurteilung"],
    dependencies=CSRF,
    response_model=None,
)
def api_fortschreiben(
    gb_id: int,
    benutzer: Angemeldet,
    s: Sitzung,
    baustelle: Annotated[dict[str, Any], Body()],
    anlass: Annotated[str, Body(max_length=2000)] = "",
) -> dict[str, Any] | JSONResponse:
    """Fortschreibung: store a new version of an own assessment; ``anlass`` (reason) is required."""
    try:
        ablage.speichere(s, benutzer, baustelle, anlass, gb_id)
    except Eingabefehler as f:
        return _fehler(f)
    return ablage.oeffne(s, benutzer, gb_id).als_dict()


@router.get("/gefaehrdung/meine/{gb_id}/pdf", include_in_schema=False)
def als_pdf(gb_id: int, benutzer: Angemeldet, s: Sitzung, fassung: int | None = None) -> Response:
    """PDF/A of an own saved version, with the version history in step 7."""
    inhalt = pdf.gb_pdf(ablage.oeffne(s, benutzer, gb_id, fassung).gb)
    return Response(
        inhalt,
        media_type="application/pdf",
        headers={
            "Content-Disposition": 'attachment; filename="gefaehrdungsbeurteilung.pdf"',
            "Cache-Control": "no-store",
        },
    )
