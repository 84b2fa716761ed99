"""AI governance pages: the public AI notice /ki-einsatz (Art. 50 KI-VO), the staff pages /governance
(register, live oversight, kill switch) and the citizen's explanation /antraege/{nummer}/erklaerung
(Art. 86 KI-VO). Parse, call the governance services, render."""

from __future__ import annotations

import datetime as dt
from typing import Annotated

from fastapi import APIRouter, Depends, Form, Query, Request
from fastapi.responses import RedirectResponse
from sqlalchemy.orm import Session
from starlette.responses import Response

from amtsweg.cases import dienste, rechte
from amtsweg.cases.modelle import Benutzer
from amtsweg.governance import aufsicht, erklaerung, grafik, register, schalter, uebersicht
from amtsweg.governance.register import LEITLINIEN, RegisterFehler
from amtsweg.web.abhaengigkeiten import rolle, sitzung
from amtsweg.web.sicherheit import pruefe_csrf
from amtsweg.web.vorlagen import seite

router = APIRouter(include_in_schema=False)


@router.get("/governance/grafik.css")
def grafik_css() -> Response:
    """The plots' stylesheet (one file for pages and PDF report; no inline styles under the CSP)."""
    return Response(grafik.CSS, media_type="text/css", headers={"Cache-Control": "public, max-age=3600"})
Sitzung = Annotated[Session, Depends(sitzung, scope="function")]
Aufsicht = Annotated[Benutzer, Depends(rolle(*schalter.DARF_SEHEN))]
Buergerin = Annotated[Benutzer, Depends(rolle(rechte.BUERGER))]


@router.get("/ki-einsatz")
def ki_einsatz(request: Request, s: Sitzung) -> Response:
    return seite(request, "governance/ki_einsatz.html", zeilen=uebersicht.register_uebersicht(s))


@router.get("/governance")
def governance(request: Request, s: Sitzung, benutzer: Aufsicht) -> Response:
    return seite(
        request,
        "governance/uebersicht.html",
        benutzer=benutzer,
        zeilen=uebersicht.register_uebersicht(s),
        warnungen=aufsicht.warnungen(s, grenze=20),
    )


def _detail(
    request: Request,
    s: Sitzung,
    benutzer: Benutzer,
    kennung: str,
    von: str,
    bis: str,
    *,
    fehler: dict[str, str] | None = None,
    status_code: int = 200,
    erledigt: str = "",
) -> Response:
    try:
        register.eintrag(kennung)
    except RegisterFehler as e:
        raise rechte.KeinZugriff() from e
    try:
        anfang, ende = uebersicht.zeitraum(von, bis, dt.date.today())
    except uebersicht.ZeitraumFehler as e:
        fehler, status_code = {"feld": e.feld, "text": e.meldung}, 422
        anfang, ende = uebersicht.zeitraum("", "", dt.date.today())
    return seite(
        request,
        "governance/detail.html",
        status_code=status_code,
        benutzer=benutzer,
        d=uebersicht.detail(s, kennung, anfang, ende),
        von=anfang,
        bis=ende,
        leitlinien=LEITLINIEN,
        darf_schalten=benutzer.rolle in schalter.DARF_SCHALTEN,
        fehler=fehler or {},
        erledigt=erledigt,
    )


@router.get("/governance/{kennung}")
def governance_detail(
    request: Request,
    s: Sitzung,
    benutzer: Aufsicht,
    kennung: str,
    von: Annotated[str, Query(max_length=20)] = "",
    bis: Annotated[str, Query(max_length=20)] = "",
    erledigt: Annotated[str, Query(max_length=20)] = "",
) -> Response:
    return _detail(request, s, benutzer, kennung, von, bis, erledigt=erledigt)


@router.post("/governance/{kennung}/schalter", dependencies=[Depends(pruefe_csrf)])
def schalten(
    request: Request,
    s: Sitzung,
    benutzer: Aufsicht,
    kennung: str,
    aktiv: Annotated[str, Form(max_length=1)] = "",
    grund: Annotated[str, Form(max_length=4000)] = "",
) -> Response:
    try:
        register.eintrag(kennung)
        schalter.schalte(
            s, kennung, aktiv=aktiv == "1", grund=grund, akteur=benutzer.email, rolle=benutzer.rolle
        )
    except RegisterFehler as e:
        raise rechte.KeinZugriff() from e
    except schalter.SchalterFehler as e:
        fehler = {"feld": e.feld, "text": e.meldung, "grund": grund}
        return _detail(request, s, benutzer, kennung, "", "", fehler=fehler, status_code=422)
    ziel = f"/governance/{kennung}?erledigt={'an' if aktiv == '1' else 'aus'}#schalter"
    return RedirectResponse(ziel, status_code=303)


@router.get("/antraege/{nummer}/erklaerung")
def erklaerung_seite(request: Request, s: Sitzung, benutzer: Buergerin, nummer: str) -> Response:
    vorgang = dienste.lade_vorgang(s, nummer, benutzer)
    rechte.pruefe(vorgang.antragsteller_id == benutzer.id)  # only the applicant herself
    return seite(
        request,
        "governance/erklaerung.html",
        benutzer=benutzer,
        v=vorgang,
        e=erklaerung.erklaere(s, vorgang.id),
        dokumente_aktiv=schalter.ist_aktiv(s, "dokumente"),
    )
