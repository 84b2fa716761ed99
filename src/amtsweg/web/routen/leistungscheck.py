"""Citizen pages without an Antrag: the non-binding Leistungs-Check (no login, nothing stored) and the
Art. 15 DSGVO data export."""

from __future__ import annotations

import json
from typing import Annotated, Any

from fastapi import APIRouter, Depends, Request
from sqlalchemy.orm import Session
from starlette.responses import Response

from amtsweg.cases import datenauskunft as auskunft
from amtsweg.cases.modelle import Benutzer
from amtsweg.cases.rechte import BUERGER
from amtsweg.web.abhaengigkeiten import aktueller_benutzer, rolle, sitzung
from amtsweg.web.formulare import leistungscheck
from amtsweg.web.formulare.felder import EINKOMMENSARTEN, LAENDER, ROLLEN
from amtsweg.web.routen.buerger import MIETSTUFEN, Formular
from amtsweg.web.sicherheit import pruefe_csrf
from amtsweg.web.vorlagen import seite

router = APIRouter(include_in_schema=False)
Sitzung = Annotated[Session, Depends(sitzung, scope="function")]
Buergerin = Annotated[Benutzer, Depends(rolle(BUERGER))]
Vielleicht = Annotated[Benutzer | None, Depends(aktueller_benutzer)]
CSRF = [Depends(pruefe_csrf)]


# --- Leistungs-Check (no login, nothing stored) -------------------------------------------------


def _check_seite(request: Request, benutzer: Benutzer | None, check: Any, status: int = 200) -> Response:
    return seite(
        request,
        "buerger/leistungs_check.html",
        status_code=status,
        benutzer=benutzer,
        check=check,
        laender=LAENDER,
        rollen={k: v for k, v in ROLLEN.items() if k != "antragsteller"},
        einkommensarten=EINKOMMENSARTEN,
        mietstufen=MIETSTUFEN,
        max_personen=leistungscheck.MAX_PERSONEN,
        leistungsnamen=leistungscheck.LEISTUNGSNAMEN,
        ergebnistexte=leistungscheck.ERGEBNISTEXTE,
        ergebniskurz=leistungscheck.ERGEBNISKURZ,
    )


@router.get("/leistungs-check")
def leistungs_check(request: Request, benutzer: Vielleicht) -> Response:
    return _check_seite(request, benutzer, leistungscheck.Check())


@router.post("/leistungs-check", dependencies=CSRF)
def leistungs_check_pruefen(request: Request, benutzer: Vielleicht, form: Formular) -> Response:
    check = leistungscheck.lies(form)
    if form.get("aktion") == "person_hinzufuegen":
        return _check_seite(request, benutzer, check)
    check = leistungscheck.berechne(check)
    return _check_seite(request, benutzer, check, 400 if check.fehler else 200)


# --- Art. 15 DSGVO ------------------------------------------------------------------------------


@router.get("/konto/daten.json")
def datenauskunft(s: Sitzung, benutzer: Buergerin) -> Response:
    daten = auskunft.datenauskunft(s, benutzer)
    return Response(
        json.dumps(daten, ensure_ascii=False, indent=2, default=str),
        media_type="application/json",
        headers={"Content-Disposition": 'attachment; filename="amtsweg-datenauskunft.json"'},
    )
