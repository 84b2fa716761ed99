"""Assistant: chat pages for citizens (/assistent) and staff (/arbeit/assistent), passage view, JSON API.

The question is answered from the corpus index and logged without its text (keyed hash only); nothing of
the conversation is stored on the server. The page works without JavaScript (plain form POST with CSRF).
"""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Depends, Form, HTTPException, Request
from pydantic import BaseModel, Field
from starlette.responses import Response

from amtsweg.assistant.antwort import HINWEIS_KI, KONTAKT_STANDARD, Antwort
from amtsweg.assistant.dienst import KeinIndex, frage_stellen
from amtsweg.assistant.index import index_datei, lade_korpus
from amtsweg.cases import rechte
from amtsweg.cases.modelle import Benutzer
from amtsweg.governance import metriken_betrieb, schalter
from amtsweg.web.abhaengigkeiten import rolle
from amtsweg.web.sicherheit import pruefe_csrf
from amtsweg.web.vorlagen import seite

router = APIRouter()
Mitarbeiterin = Annotated[Benutzer, Depends(rolle(rechte.SACHBEARBEITUNG, rechte.TEAMLEITUNG))]
MAX_LAENGE = 500


class Frage(BaseModel):
    frage: str = Field(min_length=1, max_length=MAX_LAENGE, description="Frage in deutscher Sprache")


def _datenordner(request: Request):  # type: ignore[no-untyped-def]
    return request.app.state.einstellungen.datenordner


def _antworten(request: Request, frage: str, kanal: str) -> tuple[Antwort | None, str | None]:
    frage = frage.strip()
    if not frage:
        return None, "Bitte geben Sie eine Frage ein."
    if len(frage) > MAX_LAENGE:
        return None, f"Bitte fassen Sie Ihre Frage kürzer (höchstens {MAX_LAENGE} Zeichen)."
    try:
        antwort = frage_stellen(frage, kanal=kanal, datenordner=_datenordner(request))
    except KeinIndex as fehler:
        return None, str(fehler)
    with request.app.state.datenbank.sitzung() as s:  # status only, for the oversight metrics
        metriken_betrieb.erfasse_antwort(
            s, kanal=kanal, status=antwort.status, konfidenz=antwort.konfidenz, quellen=len(antwort.quellen)
        )
    return antwort, None


def _ki_aus(request: Request) -> bool:
    """The kill switch of the assistant (governance): when off, only contacts are shown."""
    with request.app.state.datenbank.sitzung() as s:
        return not schalter.ist_aktiv(s, "assistent")


def _seite(request: Request, fachansicht: bool, frage: str = "", status_code: int = 200) -> Response:
    antwort, fehler = (None, None)
    ki_aus = _ki_aus(request)
    if request.method == "POST" and not ki_aus:
        antwort, fehler = _antworten(request, frage, "arbeit" if fachansicht else "buerger")
    return seite(
        request,
        "assistent/chat.html",
        status_code=400 if fehler and request.method == "POST" else status_code,
        fachansicht=fachansicht,
        aktion="/arbeit/assistent" if fachansicht else "/assistent",
        hinweis=HINWEIS_KI,
        kontakt=KONTAKT_STANDARD,
        frage=frage if fehler else "",
        gestellte_frage=frage if antwort else "",
        antwort=antwort,
        fehler=fehler,
        ki_aus=ki_aus,
    )


@router.get("/assistent", include_in_schema=False)
def buerger_seite(request: Request) -> Response:
    return _seite(request, fachansicht=False)


@router.post("/assistent", include_in_schema=False, dependencies=[Depends(pruefe_csrf)])
def buerger_frage(request: Request, frage: Annotated[str, Form()] = "") -> Response:
    return _seite(request, fachansicht=False, frage=frage)


@router.get("/arbeit/assistent", include_in_schema=False)
def arbeit_seite(request: Request, _: Mitarbeiterin) -> Response:
    return _seite(request, fachansicht=True)


@router.post("/arbeit/assistent", include_in_schema=False, dependencies=[Depends(pruefe_csrf)])
def arbeit_frage(request: Request, _: Mitarbeiterin, frage: Annotated[str, Form()] = "") -> Response:
    return _seite(request, fachansicht=True, frage=frage)


@router.get("/assistent/quelle/{kennung}", include_in_schema=False)
def quelle(request: Request, kennung: str) -> Response:
    korpus = lade_korpus(index_datei(_datenordner(request)))
    abschnitt = korpus.nach_id.get(kennung) if korpus else None
    if abschnitt is None:
        raise HTTPException(status_code=404, detail="Diese Quelle gibt es nicht.")
    return seite(request, "assistent/quelle.html", abschnitt=abschnitt)


@router.post("/api/v1/assistent", tags=["Assistent"], dependencies=[Depends(pruefe_csrf)])
def api_frage(request: Request, daten: Frage) -> dict[str, object]:
    """Answer with cited sentences (``antwort``), or ``keine_quelle`` / ``einzelfall`` with a referral."""
    if _ki_aus(request):
        raise HTTPException(status_code=503, detail="Der Assistent ist zurzeit abgeschaltet.")
    antwort, fehler = _antworten(request, daten.frage, "api")
    if antwort is None:
        raise HTTPException(status_code=503 if fehler and "Index" in fehler else 422, detail=fehler)
    return antwort.als_dict()
