"""Besuchsplanung for Aufsichtspersonen: the latest worklist, accept or skip with a reason (advice only),
the week plan per Aufsichtsperson and recording a visit's result (finding, advice, follow-up date)."""

from __future__ import annotations

import datetime as dt
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
from amtsweg.prevention.besuchsplan import (
    ERGEBNISSE,
    UEBERSPRING_GRUENDE,
    besuch_erfassen,
    entscheide,
    lauf_kennzahlen,
    vergleich_mit_regel,
)
from amtsweg.prevention.risiko_modell import HINWEIS
from amtsweg.prevention.wochenplan import erstelle_wochenplan, montag_der_woche
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
    benutzer: Benutzer,
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
        benutzer=benutzer,
        vergleich=vergleich_mit_regel(lauf.kennzahlen if lauf else None),
        kennzahlen=lauf_kennzahlen(s, lauf.id) if lauf else None,
        ergebnisse=ERGEBNISSE,
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
    return _liste(request, s, region, benutzer)


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
        return _liste(request, s, region, benutzer, status=422, fehler=str(fehler), fehler_id=plan_id)
    ziel = "/praevention" + (f"?region={region}" if region else "")
    return RedirectResponse(ziel, status_code=303)


def _datum(text: str, feld: str) -> dt.date:
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        raise ValueError(f"{feld}: Bitte geben Sie ein Datum (JJJJ-MM-TT) an.") from None


@router.get("/praevention/woche", include_in_schema=False)
def woche(
    request: Request,
    benutzer: Aufsicht,
    s: Sitzung,
    person: str = "",
    woche: str = "",
    je_tag: int = 3,
    region: str = "",
) -> Response:
    person = person.strip() or benutzer.name
    fehler = ""
    try:
        montag = _datum(woche, "Woche") if woche else montag_der_woche(dt.date.today() + dt.timedelta(days=7))
        plan = erstelle_wochenplan(s, person, montag, je_tag, region)
    except ValueError as f:
        fehler, plan = str(f), None
    return seite(
        request,
        "praevention/woche.html",
        status_code=422 if fehler else 200,
        benutzer=benutzer,
        plan=plan,
        fehler=fehler,
        werte={"person": person, "woche": woche, "je_tag": je_tag, "region": region},
    )


@router.get("/praevention/besuch/{plan_id}", include_in_schema=False)
def besuch_formular(request: Request, plan_id: int, benutzer: Aufsicht, s: Sitzung) -> Response:
    return _besuchsseite(request, s, plan_id, benutzer, {"datum": dt.date.today().isoformat()})


def _besuchsseite(
    request: Request, s: Session, plan_id: int, benutzer: Benutzer, werte: dict[str, str], fehler: str = ""
) -> Response:
    eintrag = s.get(m.Besuchsplan, plan_id)
    if eintrag is None:
        return seite(
            request,
            "fehler.html",
            status_code=404,
            benutzer=benutzer,
            titel="Nicht gefunden",
            text="Diesen Eintrag der Arbeitsliste gibt es nicht.",
        )
    betrieb = s.get(m.Mitgliedsbetrieb, eintrag.betrieb_id)
    return seite(
        request,
        "praevention/besuch.html",
        status_code=422 if fehler else 200,
        benutzer=benutzer,
        eintrag=eintrag,
        betrieb=betrieb,
        ergebnisse=ERGEBNISSE,
        werte=werte,
        fehler=fehler,
    )


@router.post("/praevention/besuch/{plan_id}", include_in_schema=False, dependencies=[Depends(pruefe_csrf)])
def besuch_speichern(
    request: Request,
    plan_id: int,
    benutzer: Aufsicht,
    s: Sitzung,
    datum: Annotated[str, Form()] = "",
    ergebnis: Annotated[str, Form()] = "",
    mangel: Annotated[str, Form(max_length=1000)] = "",
    vorschrift: Annotated[str, Form(max_length=60)] = "",
    beratung: Annotated[str, Form(max_length=2000)] = "",
    folgetermin: Annotated[str, Form()] = "",
) -> Response:
    werte = {
        "datum": datum,
        "ergebnis": ergebnis,
        "mangel": mangel,
        "vorschrift": vorschrift,
        "beratung": beratung,
        "folgetermin": folgetermin,
    }
    try:
        tag = _datum(datum, "Besuchstag")
        folge = _datum(folgetermin, "Folgetermin") if folgetermin else None
        maengel = [{"vorschrift": vorschrift, "beschreibung": mangel}] if mangel.strip() else []
        besuch_erfassen(
            s, plan_id, tag, ergebnis, benutzer.name, maengel, beratung=beratung, folgetermin=folge
        )
    except ValueError as f:
        return _besuchsseite(request, s, plan_id, benutzer, werte, str(f))
    ziel = (folge or tag).isoformat()  # the week of the follow-up, else of the visit
    return RedirectResponse(f"/praevention/woche?woche={ziel}&gespeichert=1", status_code=303)
