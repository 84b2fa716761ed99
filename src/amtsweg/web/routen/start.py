"""Start page, registration, login and logout."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Depends, Form, Request
from fastapi.responses import RedirectResponse
from sqlalchemy.orm import Session
from starlette.responses import Response

from amtsweg.cases import konten
from amtsweg.cases.modelle import Benutzer
from amtsweg.cases.rechte import BUERGER
from amtsweg.web.abhaengigkeiten import aktueller_benutzer, sitzung
from amtsweg.web.sicherheit import pruefe_csrf
from amtsweg.web.vorlagen import seite

router = APIRouter()
Sitzung = Annotated[Session, Depends(sitzung, scope="function")]
Benutzerin = Annotated[Benutzer | None, Depends(aktueller_benutzer)]


def startseite_fuer(benutzer: Benutzer) -> str:
    return "/antraege" if benutzer.rolle == BUERGER else "/arbeit"


@router.get("/", include_in_schema=False)
def start(request: Request, benutzer: Benutzerin) -> Response:
    return seite(request, "start.html", benutzer=benutzer)


@router.get("/anmelden", include_in_schema=False)
def anmelden_seite(request: Request, benutzer: Benutzerin) -> Response:
    if benutzer:
        return RedirectResponse(startseite_fuer(benutzer), status_code=303)
    return seite(request, "anmelden.html")


@router.post("/anmelden", include_in_schema=False, dependencies=[Depends(pruefe_csrf)])
def anmelden(
    request: Request, s: Sitzung, email: Annotated[str, Form()] = "", passwort: Annotated[str, Form()] = ""
) -> Response:
    benutzer = konten.anmelden(s, email, passwort)
    if benutzer is None:
        return seite(
            request,
            "anmelden.html",
            status_code=400,
            email=email,
            fehler="E-Mail-Adresse oder Passwort ist falsch.",
        )
    request.session.clear()  # new session on login (no fixation)
    request.session["benutzer_id"] = benutzer.id
    return RedirectResponse(startseite_fuer(benutzer), status_code=303)


@router.get("/registrieren", include_in_schema=False)
def registrieren_seite(request: Request) -> Response:
    return seite(request, "registrieren.html", werte={})


@router.post("/registrieren", include_in_schema=False, dependencies=[Depends(pruefe_csrf)])
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
    request.session.clear()
    request.session["benutzer_id"] = benutzer.id
    return RedirectResponse("/antraege", status_code=303)


@router.post("/abmelden", include_in_schema=False, dependencies=[Depends(pruefe_csrf)])
def abmelden(request: Request) -> Response:
    request.session.clear()
    return RedirectResponse("/", status_code=303)
