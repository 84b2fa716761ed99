"""Citizen portal: Weiterleistungsantrag (next Bewilligungszeitraum) and Änderungsmitteilung (§ 27 WoGG,
changes within the running one). Both start from the granted data; thin routes over cases.folgeantraege."""

from __future__ import annotations

import datetime as dt
from typing import Annotated

from fastapi import APIRouter, Form, Request
from fastapi.responses import RedirectResponse
from starlette.responses import Response

from amtsweg.cases import dienste, folgeantraege
from amtsweg.kalender import monat_text
from amtsweg.web.formulare import antrag
from amtsweg.web.routen.buerger import CSRF, Buergerin, Sitzung, heute
from amtsweg.web.vorlagen import seite

router = APIRouter(include_in_schema=False)

# --- Weiterleistungsantrag ----------------------------------------------------------------------


@router.get("/antraege/{nummer}/weiterleistung")
def weiterleistung_seite(request: Request, s: Sitzung, benutzer: Buergerin, nummer: str) -> Response:
    """The previous Antrag data on one page, to be confirmed as unchanged."""
    vorgang = dienste.lade_vorgang(s, nummer, benutzer)
    stichtag = folgeantraege.pruefe_weiterleistung(s, benutzer, vorgang, heute())
    return seite(
        request,
        "buerger/weiterleistung.html",
        benutzer=benutzer,
        vorgang=vorgang,
        entscheidung=dienste.letzte_entscheidung(s, vorgang.id),
        stichtag=stichtag,
        d=vorgang.daten,
        fehler={},
    )


@router.post("/antraege/{nummer}/weiterleistung", dependencies=CSRF)
def weiterleistung_beantragen(
    request: Request,
    s: Sitzung,
    benutzer: Buergerin,
    nummer: str,
    unveraendert: Annotated[str, Form()] = "",
) -> Response:
    """Confirmed unchanged: submit at once (the § 31a automation may decide); otherwise a new draft
    pre-filled with the previous data, to be changed in the form."""
    vorgang = dienste.lade_vorgang(s, nummer, benutzer)
    if unveraendert == "1":
        neu = folgeantraege.weiterleistung_einreichen(s, benutzer, vorgang, heute())
        return RedirectResponse(f"/antraege/{neu.nummer}/eingangsbestaetigung", status_code=303)
    entwurf = folgeantraege.weiterleistung_entwurf(
        s, benutzer, vorgang, antrag.aus_haushalt(vorgang.daten, vorgang.angaben), antrag.LETZTER, heute()
    )
    request.session["hinweis"] = (
        "Ihre bisherigen Angaben sind übernommen. Bitte ändern Sie, was nicht mehr stimmt, "
        "und senden Sie den Weiterleistungsantrag im letzten Schritt ab."
    )
    return RedirectResponse(f"/antraege/entwurf/{entwurf.id}/schritt/1", status_code=303)


# --- Änderungsmitteilung (§ 27 WoGG) ------------------------------------------------------------


def _aenderung_seite(
    request: Request, s: Sitzung, benutzer: Buergerin, nummer: str, wert: str = "", fehler: str = ""
) -> Response:
    vorgang = dienste.lade_vorgang(s, nummer, benutzer)
    monate = folgeantraege.aenderungsmonate(s, benutzer, vorgang, heute())
    return seite(
        request,
        "buerger/aenderung.html",
        status_code=400 if fehler else 200,
        benutzer=benutzer,
        vorgang=vorgang,
        entscheidung=dienste.letzte_entscheidung(s, vorgang.id),
        monate={m.isoformat(): monat_text(m) for m in monate},
        wert=wert or heute().replace(day=1).isoformat(),
        d=vorgang.daten,
        fehler={"ab": fehler} if fehler else {},
    )


@router.get("/antraege/{nummer}/aenderung")
def aenderung_seite(request: Request, s: Sitzung, benutzer: Buergerin, nummer: str) -> Response:
    """What must be reported (§ 27 Abs. 3 WoGG), the granted data, and the month of the change."""
    return _aenderung_seite(request, s, benutzer, nummer)


@router.post("/antraege/{nummer}/aenderung", dependencies=CSRF)
def aenderung_beginnen(
    request: Request, s: Sitzung, benutzer: Buergerin, nummer: str, ab: Annotated[str, Form()] = ""
) -> Response:
    """Start a draft pre-filled with the granted data; the citizen changes what is different and
    submits it in the last step (art "aenderung", Stichtag = first of the month of the change)."""
    vorgang = dienste.lade_vorgang(s, nummer, benutzer)
    try:
        tag = dt.date.fromisoformat(ab)
    except ValueError:
        meldung = "Monat der Änderung: Bitte wählen Sie den Monat, ab dem die Änderung gilt."
        return _aenderung_seite(request, s, benutzer, nummer, ab, meldung)
    try:
        entwurf = folgeantraege.aenderung_entwurf(
            s,
            benutzer,
            vorgang,
            antrag.aus_haushalt(vorgang.daten, vorgang.angaben),
            tag,
            antrag.LETZTER,
            heute(),
        )
    except dienste.Verfahrensfehler as e:
        return _aenderung_seite(request, s, benutzer, nummer, ab, f"Monat der Änderung: {e}")
    request.session["hinweis"] = (
        f"Ihre bewilligten Angaben sind übernommen. Bitte ändern Sie, was sich ab {monat_text(tag)} "
        "geändert hat, und senden Sie die Änderungsmitteilung im letzten Schritt ab."
    )
    return RedirectResponse(f"/antraege/entwurf/{entwurf.id}/schritt/1", status_code=303)
