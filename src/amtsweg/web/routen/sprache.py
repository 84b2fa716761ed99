"""Leichte Sprache and accessibility (BITV 2.0): the per-session language switch, the page explaining
the website in Leichte Sprache (§ 4 with Anlage 2 Teil 2 BITV 2.0) and the Erklärung zur
Barrierefreiheit with feedback contacts and the Schlichtungsstelle (§ 7 BITV 2.0, § 16 BGG)."""

from __future__ import annotations

import datetime as dt
from typing import Annotated

from fastapi import APIRouter, Depends, Form, Request
from fastapi.responses import RedirectResponse
from sqlalchemy.orm import Session
from starlette.responses import Response

from amtsweg.cases import buergerdienste
from amtsweg.cases.modelle import Benutzer
from amtsweg.web import leichte_sprache
from amtsweg.web.abhaengigkeiten import aktueller_benutzer, sitzung
from amtsweg.web.sicherheit import pruefe_csrf
from amtsweg.web.vorlagen import seite

router = APIRouter(include_in_schema=False)
Sitzung = Annotated[Session, Depends(sitzung, scope="function")]
Benutzerin = Annotated[Benutzer | None, Depends(aktueller_benutzer)]

#: date the Erklärung zur Barrierefreiheit was written and last reviewed (update with every review)
ERKLAERUNG_ERSTELLT = dt.date(2026, 11, 26)
ERKLAERUNG_GEPRUEFT = dt.date(2026, 11, 26)
#: § 16 BGG (public knowledge; for bodies of the Länder and municipalities a Land's own office may apply)
SCHLICHTUNGSSTELLE = {
    "name": "Schlichtungsstelle nach dem Behindertengleichstellungsgesetz bei dem Beauftragten der "
    "Bundesregierung für die Belange von Menschen mit Behinderungen",
    "anschrift": ["Mauerstraße 53", "10117 Berlin"],
    "internet": "https://www.schlichtungsstelle-bgg.de",
}


@router.post("/sprache", dependencies=[Depends(pruefe_csrf)])
def sprache_waehlen(
    request: Request, leicht: Annotated[str, Form()] = "0", zurueck: Annotated[str, Form()] = "/"
) -> Response:
    """Switch Leichte Sprache on (``leicht=1``) or off for this session and return to a local page."""
    leichte_sprache.setze(request, leicht == "1")
    return RedirectResponse(leichte_sprache.sicherer_pfad(zurueck), status_code=303)


@router.get("/leichte-sprache")
def leichte_sprache_seite(request: Request, s: Sitzung, benutzer: Benutzerin) -> Response:
    """Always in Leichte Sprache (marked as such whatever the switch says)."""
    return seite(
        request,
        "leichte_sprache.html",
        benutzer=benutzer,
        leicht_variante=True,
        behoerden=buergerdienste.behoerden(s),
        schlichtungsstelle=SCHLICHTUNGSSTELLE,
    )


@router.get("/barrierefreiheit")
def barrierefreiheit(request: Request, s: Sitzung, benutzer: Benutzerin) -> Response:
    return seite(
        request,
        "barrierefreiheit.html",
        benutzer=benutzer,
        behoerden=buergerdienste.behoerden(s),
        erstellt=ERKLAERUNG_ERSTELLT,
        geprueft=ERKLAERUNG_GEPRUEFT,
        schlichtungsstelle=SCHLICHTUNGSSTELLE,
        varianten=list(leichte_sprache.VARIANTEN.values()),
    )
