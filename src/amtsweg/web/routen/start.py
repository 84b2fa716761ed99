"""Start page, registration, login and logout (keeping the chosen language); includes the Leichte-Sprache
and accessibility routes of ``routen.sprache``."""

from __future__ import annotations

import datetime as dt
from typing import Annotated

import httpx
from fastapi import APIRouter, Depends, Form, Request
from fastapi.responses import RedirectResponse
from sqlalchemy.orm import Session
from starlette.responses import Response

from amtsweg.cases import anmeldesitzungen, konten
from amtsweg.cases.modelle import Benutzer
from amtsweg.cases.rechte import BUERGER
from amtsweg.governance.audit import Aktion, protokolliere
from amtsweg.web import leichte_sprache
from amtsweg.web.abhaengigkeiten import aktueller_benutzer, sitzung
from amtsweg.web.oidc import OidcClient, OidcFehler
from amtsweg.web.routen import sprache
from amtsweg.web.sicherheit import begrenzung, client_adresse, pruefe_csrf
from amtsweg.web.vorlagen import seite

router = APIRouter()
router.include_router(sprache.router)  # language switch and the BITV pages (no extra entry in app.py)
Sitzung = Annotated[Session, Depends(sitzung, scope="function")]
Benutzerin = Annotated[Benutzer | None, Depends(aktueller_benutzer)]


def startseite_fuer(benutzer: Benutzer) -> str:
    return "/antraege" if benutzer.rolle == BUERGER else "/arbeit"


def _melde_an(request: Request, s: Session, benutzer: Benutzer) -> None:
    """New cookie session (no fixation, same language) naming a new server-side session."""
    leichte_sprache.neue_sitzung(request)
    request.session["sitzung"] = anmeldesitzungen.beginne(s, benutzer)
    request.session["benutzer_id"] = benutzer.id


@router.get("/", include_in_schema=False)
def start(request: Request, benutzer: Benutzerin) -> Response:
    return seite(request, "start.html", benutzer=benutzer)


@router.get("/anmelden", include_in_schema=False)
def anmelden_seite(request: Request, benutzer: Benutzerin) -> Response:
    if benutzer:
        return RedirectResponse(startseite_fuer(benutzer), status_code=303)
    return seite(request, "anmelden.html", oidc=request.app.state.oidc is not None)


@router.post("/anmelden", include_in_schema=False, dependencies=[Depends(pruefe_csrf)])
def anmelden(
    request: Request, s: Sitzung, email: Annotated[str, Form()] = "", passwort: Annotated[str, Form()] = ""
) -> Response:
    try:
        benutzer = konten.anmelden(s, email, passwort, client_adresse(request))
    except konten.Kontofehler as fehler:  # locked after repeated failures, or hashing overloaded
        status = 429 if isinstance(fehler, konten.Anmeldesperre) else 503
        return seite(request, "anmelden.html", status_code=status, email=email, fehler=fehler.meldung)
    if benutzer is None:
        return seite(
            request,
            "anmelden.html",
            status_code=400,
            email=email,
            fehler="E-Mail-Adresse oder Passwort ist falsch.",
        )
    _melde_an(request, s, benutzer)
    return RedirectResponse(startseite_fuer(benutzer), status_code=303)


def _rueckruf_url(request: Request) -> str:
    return str(request.url_for("oidc_rueckruf"))


@router.get("/anmelden/oidc", include_in_schema=False)
def oidc_beginnen(request: Request) -> Response:
    client: OidcClient | None = request.app.state.oidc
    if client is None:
        meldung = "Die Anmeldung über BundID/OIDC ist nicht eingerichtet."
        return seite(request, "anmelden.html", status_code=404, fehler=meldung)
    try:
        url, zustand = client.beginne(_rueckruf_url(request))
    except (OidcFehler, httpx.HTTPError):
        meldung = "Der Anmeldedienst ist nicht erreichbar."
        return seite(request, "anmelden.html", status_code=502, fehler=meldung)
    request.session["oidc"] = zustand
    return RedirectResponse(url, status_code=303)


@router.get("/anmelden/oidc/rueckruf", include_in_schema=False, name="oidc_rueckruf")
def oidc_rueckruf(request: Request, s: Sitzung, code: str = "", state: str = "") -> Response:
    client: OidcClient | None = request.app.state.oidc
    zustand = request.session.pop("oidc", None)
    if client is None:
        return RedirectResponse("/anmelden", status_code=303)
    try:
        claims = client.beende(code, state, zustand or {}, _rueckruf_url(request))
        name = str(
            claims.get("name") or " ".join(str(claims.get(k, "")) for k in ("given_name", "family_name"))
        )
        benutzer = konten.anmelden_extern(s, str(claims["email"]), name.strip(), claims.get("acr"))
    except OidcFehler as fehler:
        return seite(request, "anmelden.html", status_code=400, fehler=str(fehler))
    except konten.Kontofehler as fehler:
        return seite(request, "anmelden.html", status_code=400, fehler=fehler.meldung)
    except httpx.HTTPError:
        return seite(
            request, "anmelden.html", status_code=502, fehler="Der Anmeldedienst ist nicht erreichbar."
        )
    _melde_an(request, s, benutzer)
    request.session["vertrauensniveau"] = str(claims.get("acr") or "")
    return RedirectResponse(startseite_fuer(benutzer), status_code=303)


@router.get("/registrieren", include_in_schema=False)
def registrieren_seite(request: Request) -> Response:
    return seite(request, "registrieren.html", werte={})


#: registrations per client address and hour (an office behind one address still has room)
REGISTRIERUNG_GRENZE = Depends(begrenzung("registrierung", 10, dt.timedelta(hours=1)))


@router.post(
    "/registrieren", include_in_schema=False, dependencies=[Depends(pruefe_csrf), REGISTRIERUNG_GRENZE]
)
def registrieren(
    request: Request,
    s: Sitzung,
    name: Annotated[str, Form()] = "",
    email: Annotated[str, Form()] = "",
    passwort: Annotated[str, Form()] = "",
    strasse: Annotated[str, Form()] = "",
    ort: Annotated[str, Form()] = "",
) -> Response:
    werte = {"name": name, "email": email, "strasse": strasse, "ort": ort}
    try:
        benutzer = konten.lege_an(
            s,
            email=email,
            name=name,
            passwort=passwort,
            anschrift=[x for x in (strasse.strip(), ort.strip()) if x],
        )
    except konten.Kontofehler as fehler:
        return seite(
            request, "registrieren.html", status_code=400, werte=werte, fehler={fehler.feld: fehler.meldung}
        )
    _melde_an(request, s, benutzer)
    return RedirectResponse("/antraege", status_code=303)


@router.post("/abmelden", include_in_schema=False, dependencies=[Depends(pruefe_csrf)])
def abmelden(request: Request, s: Sitzung, benutzer: Benutzerin) -> Response:
    if isinstance(token := request.session.get("sitzung"), str):
        anmeldesitzungen.beende(s, token)  # a copied cookie is worthless from now on
    if benutzer is not None:
        protokolliere(s, Aktion.abmeldung, akteur=benutzer.email, rolle=benutzer.rolle)
    leichte_sprache.neue_sitzung(request)
    return RedirectResponse("/", status_code=303)
