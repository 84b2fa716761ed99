"""Team-lead overview of the staff workspace (backlog, ages, throughput, automatic Bescheide for sampling)."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Depends, Query, Request
from sqlalchemy.orm import Session
from starlette.responses import Response

from amtsweg.cases import uebersicht as teamuebersicht
from amtsweg.cases.modelle import jetzt
from amtsweg.web.abhaengigkeiten import sitzung
from amtsweg.web.routen.arbeit import Teamleitung, _zahl
from amtsweg.web.vorlagen import seite

router = APIRouter(prefix="/arbeit", include_in_schema=False)
Sitzung = Annotated[Session, Depends(sitzung, scope="function")]


# --- team-lead overview ----------------------------------------------------------------------------


@router.get("/uebersicht")
def uebersicht(
    request: Request, s: Sitzung, benutzer: Teamleitung, seite_nr: Annotated[str, Query(alias="seite")] = "1"
) -> Response:
    daten = teamuebersicht.uebersicht(s, benutzer, jetzt(), seite=_zahl(seite_nr))
    return seite(request, "arbeit/uebersicht.html", benutzer=benutzer, u=daten)
