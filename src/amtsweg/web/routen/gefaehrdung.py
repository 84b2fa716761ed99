"""Gefährdungsbeurteilungs-Assistent: form, free-text recognition with confirmation, result page with
per-measure responsible person and deadline, PDF; visit sheet for staff; JSON API under /api/v1/gefaehrdung.
Nothing is stored here; saving a firm's assessments is in ``gefaehrdung_ablage`` (included below)."""

from __future__ import annotations

import datetime as dt
import json
from typing import Annotated, Any

from fastapi import APIRouter, Body, Depends, Request
from fastapi.responses import JSONResponse
from sqlalchemy.orm import Session
from starlette.responses import Response

from amtsweg.cases import rechte
from amtsweg.cases.modelle import Benutzer
from amtsweg.prevention.besuchsplan import besuchsbogen_vorlage
from amtsweg.prevention.gefaehrdung import pdf
from amtsweg.prevention.gefaehrdung.besuchsbogen import erstelle_besuchsbogen
from amtsweg.prevention.gefaehrdung.beurteilung import beurteile
from amtsweg.prevention.gefaehrdung.eingabe import baustelle_aus_dict, massnahmen_schluessel
from amtsweg.prevention.gefaehrdung.erkennung import MAX_ZEICHEN, als_eingabe, erkenne
from amtsweg.prevention.gefaehrdung.wissensbasis import lade_wissensbasis
from amtsweg.rules.engine.fehler import Eingabefehler
from amtsweg.web.abhaengigkeiten import aktueller_benutzer, rolle, sitzung
from amtsweg.web.routen import gefaehrdung_ablage
from amtsweg.web.routen.gefaehrdung_seiten import (
    MAX_TEXT,
    Formulardaten,
    ergebnisformular,
    ergebnisseite,
    formularseite,
    ganzzahl,
    json_eingabe,
    ohne_leere,
)
from amtsweg.web.sicherheit import begrenzung, pruefe_csrf
from amtsweg.web.vorlagen import seite

router = APIRouter()
CSRF = [Depends(pruefe_csrf)]
Vielleicht = Annotated[Benutzer | None, Depends(aktueller_benutzer)]
Aufsicht = Annotated[Benutzer, Depends(rolle(rechte.SACHBEARBEITUNG, rechte.TEAMLEITUNG, rechte.AUFSICHT))]
Sitzung = Annotated[Session, Depends(sitzung, scope="function")]


@router.get("/gefaehrdung", include_in_schema=False)
def formular(request: Request, benutzer: Vielleicht) -> Response:
    return formularseite(request, benutzer, {"beginn": (dt.date.today() + dt.timedelta(days=14)).isoformat()})


@router.post("/gefaehrdung/erkennen", include_in_schema=False, dependencies=CSRF)
def erkennen(request: Request, benutzer: Vielleicht, daten: Formulardaten) -> Response:
    text = str(daten.get("freitext", ""))
    erkennung = erkenne(text)  # says so itself when it analyses only the first MAX_ZEICHEN characters
    werte: dict[str, Any] = {
        "beginn": (dt.date.today() + dt.timedelta(days=14)).isoformat(),
        "freitext": text[:MAX_ZEICHEN],
        **als_eingabe(erkennung),
    }
    return formularseite(request, benutzer, werte, erkennung=erkennung)


@router.post("/gefaehrdung/beurteilung", include_in_schema=False, dependencies=CSRF)
def beurteilung(request: Request, benutzer: Vielleicht, daten: Formulardaten) -> Response:
    daten.pop("freitext", None)
    gb_id = ganzzahl(daten.pop("gb_id", None))
    bisher = daten.pop("massnahmen_json", "")
    try:
        daten = ohne_leere(daten)
        if bisher:  # per-measure entries of a stored assessment; kept where the measure still applies
            gueltig = set(massnahmen_schluessel(tuple(str(t) for t in daten.get("taetigkeiten", []))))
            daten["massnahmen"] = {k: v for k, v in json_eingabe(bisher).items() if k in gueltig}
        gb = beurteile(baustelle_aus_dict(daten))
    except Eingabefehler as f:
        return formularseite(request, benutzer, daten, status=422, fehler=f, gb_id=gb_id)
    return ergebnisseite(request, benutzer, gb, gb_id=gb_id)


@router.post("/gefaehrdung/massnahmen", include_in_schema=False, dependencies=CSRF)
def massnahmen(request: Request, benutzer: Vielleicht, daten: Formulardaten) -> Response:
    """Step 4: take over the responsible person and deadline entered per measure."""
    try:
        e = ergebnisformular(daten)
    except Eingabefehler as f:
        return formularseite(request, benutzer, {}, status=422, fehler=f)
    try:
        gb = beurteile(baustelle_aus_dict(e.grund | {"massnahmen": e.werte_m}))
    except Eingabefehler as f:
        return ergebnisseite(request, benutzer, e.vorher, 422, f, e.werte_m, e.gb_id, e.anlass)
    return ergebnisseite(request, benutzer, gb, werte_m=e.werte_m, gb_id=e.gb_id, anlass=e.anlass)


def _pdf_antwort(inhalt: bytes, name: str) -> Response:
    return Response(
        inhalt,
        media_type="application/pdf",
        headers={"Content-Disposition": f'attachment; filename="{name}"', "Cache-Control": "no-store"},
    )


#: rendering a PDF costs seconds of CPU and needs no login: at most 10 per minute per client address
PDF_GRENZE = Depends(begrenzung("gefaehrdung-pdf", 10, dt.timedelta(minutes=1)))


@router.post("/gefaehrdung/pdf", include_in_schema=False, dependencies=[*CSRF, PDF_GRENZE])
def als_pdf(request: Request, benutzer: Vielleicht, daten: Formulardaten) -> Response:
    try:
        gb = beurteile(baustelle_aus_dict(json_eingabe(str(daten.get("eingabe", "")))))
    except Eingabefehler as f:
        return formularseite(request, benutzer, {}, status=422, fehler=f)
    return _pdf_antwort(pdf.gb_pdf(gb), "gefaehrdungsbeurteilung.pdf")


@router.get("/gefaehrdung/besuchsbogen", include_in_schema=False)
def besuchsbogen_formular(
    request: Request, benutzer: Aufsicht, s: Sitzung, plan: int | None = None
) -> Response:
    """The form; ``plan`` (a worklist entry) pre-fills the firm and its reasons from the visit planning."""
    return seite(
        request,
        "gefaehrdung/besuchsbogen.html",
        benutzer=benutzer,
        bogen=None,
        fehler=None,
        werte=besuchsbogen_vorlage(s, plan) if plan else {},
        taetigkeiten=lade_wissensbasis().waehlbar(),
    )


def _risikofaktoren(text: str) -> dict[str, str]:
    """Lines "Faktor: Wert" (as pasted from the visit planning) or a JSON object."""
    text = text.strip()
    if text.startswith("{"):
        wert = json.loads(text)
        if not isinstance(wert, dict):
            raise Eingabefehler("risikofaktoren", "Bitte geben Sie ein JSON-Objekt an.")
        return {str(k): str(v) for k, v in wert.items()}
    faktoren = {}
    for zeile in text.splitlines():
        if zeile.strip():
            name, _, wert = zeile.partition(":")
            faktoren[name.strip()] = wert.strip()
    return faktoren


@router.post("/gefaehrdung/besuchsbogen", include_in_schema=False, dependencies=CSRF)
def besuchsbogen(request: Request, benutzer: Aufsicht, daten: Formulardaten) -> Response:
    betrieb = str(daten.pop("betrieb_name", ""))
    rohtext = str(daten.pop("risikofaktoren", ""))[:MAX_TEXT]
    format_ = daten.pop("format", "html")
    try:
        faktoren = _risikofaktoren(rohtext)
        bogen = erstelle_besuchsbogen(beurteile(baustelle_aus_dict(ohne_leere(daten))), betrieb, faktoren)
    except (Eingabefehler, ValueError) as f:
        fehler = f if isinstance(f, Eingabefehler) else Eingabefehler("risikofaktoren", "Ungültiges JSON.")
        return seite(
            request,
            "gefaehrdung/besuchsbogen.html",
            status_code=422,
            benutzer=benutzer,
            bogen=None,
            fehler=fehler,
            werte=daten | {"betrieb_name": betrieb, "risikofaktoren": rohtext},
            taetigkeiten=lade_wissensbasis().waehlbar(),
        )
    if format_ == "pdf":
        return _pdf_antwort(pdf.besuchsbogen_pdf(bogen), "besuchsbogen.pdf")
    return seite(
        request,
        "gefaehrdung/besuchsbogen.html",
        benutzer=benutzer,
        bogen=bogen,
        fehler=None,
        werte=daten | {"betrieb_name": betrieb, "risikofaktoren": rohtext},
        taetigkeiten=lade_wissensbasis().waehlbar(),
    )


# --- JSON API ---------------------------------------------------------------------------------------


def _feldfehler(f: Eingabefehler) -> JSONResponse:
    return JSONResponse({"feld": f.feld, "fehler": f.meldung}, status_code=422)


@router.get("/api/v1/gefaehrdung/wissen", tags=["Gefährdungsbeurteilung"])
def api_wissen() -> dict[str, Any]:
    """The knowledge base: version, factors and activities with hazard counts."""
    wb = lade_wissensbasis()
    return {
        "version": wb.version,
        "faktoren": {
            nr: {"name": f.name, "unter": f.unter, "unbestaetigt": f.unbestaetigt}
            for nr, f in wb.faktoren.items()
        },
        "taetigkeiten": [
            {
                "id": t.id,
                "name": t.name,
                "gefaehrdungen": [g.titel for g in t.gefaehrdungen],
                "quelle": t.quelle,
                "fundstelle": t.fundstelle,
            }
            for t in wb.taetigkeiten.values()
        ],
    }


@router.post("/api/v1/gefaehrdung/erkennen", tags=["Gefährdungsbeurteilung"], dependencies=CSRF)
def api_erkennen(text: Annotated[str, Body(embed=True, max_length=MAX_ZEICHEN)]) -> dict[str, Any]:
    """Activities and facts recognised in a German free-text description (to confirm), with what was not
    understood."""
    e = erkenne(text)
    return {
        "vorgeschlagen": e.vorgeschlagen,
        "werte": e.werte,
        "schalter": e.schalter,
        "boden": e.boden,
        "belege": e.belege,
        "nicht_verstanden": e.nicht_verstanden,
        "ohne_treffer": e.ohne_treffer,
        "hinweise": e.hinweise,
        "sprache": e.sprache,
        "eingabe": als_eingabe(e),
        "treffer": [
            {"taetigkeit": t.taetigkeit, "name": t.name, "woerter": list(t.woerter), "verneint": t.verneint}
            for t in e.treffer
        ],
    }


@router.post("/api/v1/gefaehrdung", tags=["Gefährdungsbeurteilung"], dependencies=CSRF, response_model=None)
def api_beurteilung(baustelle: Annotated[dict[str, Any], Body()]) -> dict[str, Any] | JSONResponse:
    """The Gefährdungsbeurteilung in seven steps for a Baustelle (fields: see eingabe.Baustelle)."""
    try:
        return beurteile(baustelle_aus_dict(baustelle)).als_dict()
    except Eingabefehler as f:
        return _feldfehler(f)


@router.post(
    "/api/v1/gefaehrdung/pdf", tags=["Gefährdungsbeurteilung"], dependencies=CSRF, response_model=None
)
def api_pdf(baustelle: Annotated[dict[str, Any], Body()]) -> Response:
    """The Gefährdungsbeurteilung as PDF/A-3u."""
    try:
        return _pdf_antwort(
            pdf.gb_pdf(beurteile(baustelle_aus_dict(baustelle))), "gefaehrdungsbeurteilung.pdf"
        )
    except Eingabefehler as f:
        return _feldfehler(f)


@router.post(
    "/api/v1/gefaehrdung/besuchsbogen",
    tags=["Gefährdungsbeurteilung"],
    dependencies=CSRF,
    response_model=None,
)
def api_besuchsbogen(
    benutzer: Aufsicht,
    baustelle: Annotated[dict[str, Any], Body()],
    betrieb: Annotated[str, Body()] = "",
    risikofaktoren: Annotated[dict[str, Any] | None, Body()] = None,
) -> dict[str, Any] | JSONResponse:
    """Visit sheet: the firm's risk factors (from the visit planning) and the topics for the site."""
    try:
        gb = beurteile(baustelle_aus_dict(baustelle))
        return erstelle_besuchsbogen(gb, betrieb, risikofaktoren).als_dict()
    except Eingabefehler as f:
        return _feldfehler(f)


router.include_router(gefaehrdung_ablage.router)
