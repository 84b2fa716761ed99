"""Besuchsplanung for Aufsichtspersonen: the latest worklist, accept or skip with a reason (advice only)."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Depends, Form, Request
from fastapi.responses import RedirectResponse
from sqlalchemy import select
from sqlalchemy.orm import Session
from starlette.responses import Response

from amtsweg.cases import rechte
from amtsweg.cases.modelle import Benutzer
from amtsweg.governance import schalter
from amtsweg.prevention import modelle as m
from amtsweg.prevention.besuchsplan import UEBERSPRING_GRUENDE, entscheide
from amtsweg.prevention.risiko_modell import HINWEIS
from amtsweg.web.abhaengigkeiten import rolle, sitzung
from amtsweg.web.sicherheit import pruefe_csrf
from amtsweg.web.vorlagen import seite

router = APIRouter()
Aufsicht = Annotated[Benutzer, Depends(rolle(rechte.SACHBEARBEITUNG, rechte.TEAMLEITUNG, rechte.AUFSICHT))]
Sitzung = Annotated[Session, Depends(sitzung, scope="function")]
ENTSCHEIDUNG_DE = {
    "offen": "offen",
    "angenommen": "angenommen",
    "uebersprungen": "übersprungen",
    "besucht": "besucht",
}


def _liste(
    request: Request,
    s: Session,
    region: str,
    status: int = 200,
    fehler: str = "",
    fehler_id: int | None = None,
) -> Response:
    lauf = s.scalar(select(m.Risikolauf).order_by(m.Risikolauf.id.desc()).limit(1))
    eintraege: list[tuple[m.Besuchsplan, str]] = []
    regionen: list[str] = []
    if lauf is not None:
        abfrage = (
            select(m.Besuchsplan, m.Mitgliedsbetrieb.betriebsnummer)
            .join(m.Mitgliedsbetrieb, m.Mitgliedsbetrieb.id == m.Besuchsplan.betrieb_id)
            .where(m.Besuchsplan.lauf_id == lauf.id)
        )
        regionen = sorted(
            set(s.scalars(select(m.Besuchsplan.region).where(m.Besuchsplan.lauf_id == lauf.id)))
        )
        if region:
            abfrage = abfrage.where(m.Besuchsplan.region == region)
        eintraege = [
            (e, nr) for e, nr in s.execute(abfrage.order_by(m.Besuchsplan.region, m.Besuchsplan.rang))
        ]
    return seite(
        request,
        "praevention/arbeitsliste.html",
        status_code=status,
        lauf=lauf,
        eintraege=eintraege,
        regionen=regionen,
        region=region,
        hinweis=HINWEIS,
        gruende=UEBERSPRING_GRUENDE,
        entscheidung_de=ENTSCHEIDUNG_DE,
        fehler=fehler,
        fehler_id=fehler_id,
        ki_aus=None
        if schalter.ist_aktiv(s, "praevention_risiko")
        else schalter.zustand(s, "praevention_risiko"),
    )


@router.get("/praevention", include_in_schema=False)
def arbeitsliste(request: Request, benutzer: Aufsicht, s: Sitzung, region: str = "") -> Response:
    return _liste(request, s, region)


@router.post("/praevention/eintrag/{plan_id}", include_in_schema=False, dependencies=[Depends(pruefe_csrf)])
def entscheidung(
    request: Request,
    plan_id: int,
    benutzer: Aufsicht,
    s: Sitzung,
    entscheidung: Annotated[str, Form()] = "",
    grund: Annotated[str, Form()] = "",
    erlaeuterung: Annotated[str, Form(max_length=1000)] = "",
    region: Annotated[str, Form()] = "",
) -> Response:
    try:
        entscheide(s, plan_id, entscheidung, benutzer.name, grund, erlaeuterung)
    except ValueError as fehler:
        return _liste(request, s, region, status=422, fehler=str(fehler), fehler_id=plan_id)
    ziel = "/praevention" + (f"?region={region}" if region else "")
    return RedirectResponse(ziel, status_code=303)
