"""Staff action: download a Vorgang as xdomea Abgabe.Abgabe.0401 (ZIP) for the e-Akte/DMS (thin router)."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Depends
from sqlalchemy.orm import Session
from starlette.responses import Response

from amtsweg.cases import ablage, dienste, rechte
from amtsweg.cases.modelle import Benutzer
from amtsweg.schnittstellen.xdomea.abgabe import Abgabefehler, abgabe
from amtsweg.schnittstellen.xdomea.bausteine import Stelle
from amtsweg.web.abhaengigkeiten import rolle, sitzung

router = APIRouter(prefix="/arbeit", include_in_schema=False)
Sitzung = Annotated[Session, Depends(sitzung, scope="function")]
Mitarbeiterin = Annotated[Benutzer, Depends(rolle(rechte.SACHBEARBEITUNG, rechte.TEAMLEITUNG))]
EAKTE = Stelle("eakte", "E-Akte")


@router.get("/vorgang/{nummer}/xdomea-abgabe")
def xdomea_abgabe(s: Sitzung, benutzer: Mitarbeiterin, nummer: str) -> Response:
    try:
        nachricht = abgabe(s, [nummer], EAKTE, benutzer=benutzer)
    except (Abgabefehler, ablage.Ablagefehler, OSError) as fehler:
        raise dienste.Verfahrensfehler(f"Die xdomea-Abgabe ist nicht möglich: {fehler}") from fehler
    return Response(
        nachricht.inhalt,
        media_type="application/zip",
        headers={
            "Content-Disposition": f'attachment; filename="{nachricht.dateiname}"',
            "X-Content-Type-Options": "nosniff",
        },
    )
