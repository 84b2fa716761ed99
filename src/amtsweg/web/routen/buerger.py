"""Citizen portal: Leistungs-Check, Anträge (multi-step Wohngeld Antrag with drafts), status page with
timeline, Nachweise, Bescheid download, Widerspruch, withdrawal and the Art. 15 DSGVO export.
Routers stay thin: parse the form, call a service (which checks the rights), render."""

from __future__ import annotations

import datetime as dt
from typing import Annotated, Any

from fastapi import APIRouter, Depends, File, Form, HTTPException, Request, UploadFile
from fastapi.responses import RedirectResponse
from sqlalchemy.orm import Session
from starlette.responses import Response

from amtsweg.cases import (
    ablage,
    buergerdienste,
    buergerstand,
    dienste,
    entscheidung,
    folgeantraege,
    zustaendigkeit,
)
from amtsweg.cases.modelle import Antragsentwurf, Benutzer, Vorgang, jetzt
from amtsweg.cases.rechte import BUERGER
from amtsweg.cases.status import BESCHIEDEN
from amtsweg.rules.engine.fehler import RegelwerkFehler
from amtsweg.web import beschriftungen  # registers the label filters of the templates
from amtsweg.web.abhaengigkeiten import aktueller_benutzer, rolle, sitzung
from amtsweg.web.formulare import angaben, antrag
from amtsweg.web.formulare.felder import (
    ABZUEGE,
    EINKOMMENSARTEN,
    LAENDER,
    ROLLEN,
    WOHNUNGSARTEN,
    Fehler,
    regelmeldung,
)
from amtsweg.web.sicherheit import pruefe_csrf
from amtsweg.web.vorlagen import seite

router = APIRouter(include_in_schema=False)
Sitzung = Annotated[Session, Depends(sitzung, scope="function")]
Buergerin = Annotated[Benutzer, Depends(rolle(BUERGER))]
Vielleicht = Annotated[Benutzer | None, Depends(aktueller_benutzer)]
CSRF = [Depends(pruefe_csrf)]

LEISTUNGEN = beschriftungen.LEISTUNGEN
ARTEN = beschriftungen.ANTRAGSARTEN
MIETSTUFEN = {str(n): f"Mietenstufe {n}" for n in range(1, 8)}


async def formular(request: Request) -> dict[str, Any]:
    """The posted form as a plain dict (field names are unique in these forms)."""
    return {k: v for k, v in (await request.form()).items() if isinstance(v, str)}


Formular = Annotated[dict[str, Any], Depends(formular)]


def _hinweis(request: Request) -> str:
    return str(request.session.pop("hinweis", ""))


# --- list and new Antrag ------------------------------------------------------------------------


@router.get("/antraege")
def antraege(request: Request, s: Sitzung, benutzer: Buergerin) -> Response:
    return seite(
        request,
        "buerger/antraege.html",
        benutzer=benutzer,
        hinweis=_hinweis(request),
        vorgaenge=buergerdienste.vorgaenge(s, benutzer),
        entwuerfe=buergerdienste.entwuerfe(s, benutzer),
        schritte=antrag.SCHRITTE,
        leistungen=LEISTUNGEN,
        arten=ARTEN,
    )


@router.get("/antraege/neu")
def antrag_neu_seite(request: Request, s: Sitzung, benutzer: Buergerin) -> Response:
    return seite(
        request,
        "buerger/antrag_start.html",
        benutzer=benutzer,
        entwuerfe=buergerdienste.entwuerfe(s, benutzer),
    )


@router.post("/antraege/neu", dependencies=CSRF)
def antrag_neu(s: Sitzung, benutzer: Buergerin) -> Response:
    entwurf = buergerdienste.neuer_entwurf(s, benutzer)
    buergerdienste.speichere_entwurf(s, entwurf, antrag.leer(benutzer.name))
    return RedirectResponse(f"/antraege/entwurf/{entwurf.id}/schritt/1", status_code=303)


# --- the steps ----------------------------------------------------------------------------------


def heute() -> dt.date:
    return jetzt().date()


def _stichtag(s: Session, benutzer: Benutzer, entwurf: Antragsentwurf) -> dt.date:
    return folgeantraege.entwurf_stichtag(s, benutzer, entwurf, heute())


def _schritt_seite(
    request: Request,
    s: Session,
    benutzer: Benutzer,
    entwurf: Antragsentwurf,
    daten: dict[str, Any],
    schritt: int,
    fehler: Fehler | None = None,
) -> Response:
    kontext: dict[str, Any] = {}
    if schritt >= 4:
        kontext = _angaben_kontext(daten, _stichtag(s, benutzer, entwurf))
    if schritt == antrag.LETZTER:
        tag = _stichtag(s, benutzer, entwurf)
        behoerden = folgeantraege.waehlbare_behoerden(s, entwurf, daten["wohnung"], tag)
        kontext |= {
            "behoerden": behoerden,
            "behoerden_optionen": {b.id: b.name for b in behoerden},
            "vorschau": _vorschau(daten, tag),
            "stichtag": tag,
        }
    return seite(
        request,
        "buerger/antrag_schritt.html",
        status_code=400 if fehler else 200,
        benutzer=benutzer,
        entwurf=entwurf,
        daten=daten,
        schritt=schritt,
        schritte=antrag.SCHRITTE,
        fehler=fehler or {},
        wohnungsarten=WOHNUNGSARTEN,
        laender=LAENDER,
        rollen={k: v for k, v in ROLLEN.items() if k != "antragsteller"},
        rollen_alle=ROLLEN,
        einkommensarten=EINKOMMENSARTEN,
        abzuege=ABZUEGE,
        personenname=antrag.personenname,
        mit_abzuegen=antrag.mit_abzuegen,
        weiterleistung_von=daten.get(folgeantraege.WEITERLEISTUNG_VON),
        aenderung_von=daten.get(folgeantraege.AENDERUNG_VON),
        aenderung_ab=daten.get(folgeantraege.AENDERUNG_AB),
        seitenhinweis=_hinweis(request),
        **kontext,
    )


def _angaben_kontext(daten: dict[str, Any], tag: dt.date) -> dict[str, Any]:
    return {
        "ja_nein": angaben.JA_NEIN,
        "transferleistungen": angaben.TRANSFERLEISTUNGEN,
        "kontoinhaber_optionen": {str(i): antrag.personenname(p, i) for i, p in enumerate(daten["personen"])},
        "vermoegensgrenze": angaben.vermoegensgrenze_cent(len(daten["personen"]), tag),
        "iban_maskiert": angaben.iban_maskiert,
    }


def _vorschau(daten: dict[str, Any], tag: dt.date) -> int | None:
    """Non-binding preview of the monthly Wohngeld in cents (None if the data are not complete)."""
    try:
        _, betrag, _ = dienste.berechne_leistung("wohngeld", antrag.haushalt(daten, tag))
    except (RegelwerkFehler, dienste.Verfahrensfehler):
        return None
    return betrag


def _pruefe_nummer(schritt: int) -> None:
    if schritt not in antrag.SCHRITTE:
        raise HTTPException(status_code=404, detail="Diesen Schritt gibt es nicht.")


@router.get("/antraege/entwurf/{entwurf_id}/schritt/{schritt}")
def schritt_seite(
    request: Request, s: Sitzung, benutzer: Buergerin, entwurf_id: int, schritt: int
) -> Response:
    _pruefe_nummer(schritt)
    entwurf = buergerdienste.lade_entwurf(s, entwurf_id, benutzer)
    if schritt > entwurf.schritt:
        return RedirectResponse(f"/antraege/entwurf/{entwurf.id}/schritt/{entwurf.schritt}", status_code=303)
    daten = antrag.vervollstaendigt(entwurf.daten, benutzer.name)
    return _schritt_seite(request, s, benutzer, entwurf, daten, schritt)


@router.post("/antraege/entwurf/{entwurf_id}/schritt/{schritt}", dependencies=CSRF)
def schritt_speichern(
    request: Request, s: Sitzung, benutzer: Buergerin, form: Formular, entwurf_id: int, schritt: int
) -> Response:
    _pruefe_nummer(schritt)
    entwurf = buergerdienste.lade_entwurf(s, entwurf_id, benutzer)
    if schritt > entwurf.schritt:
        return RedirectResponse(f"/antraege/entwurf/{entwurf.id}/schritt/{entwurf.schritt}", status_code=303)
    daten = antrag.uebernimm(schritt, antrag.vervollstaendigt(entwurf.daten, benutzer.name), form)
    aktion = form.get("aktion", "weiter")
    if aktion == "zurueck":
        buergerdienste.speichere_entwurf(s, entwurf, daten)
        return RedirectResponse(
            f"/antraege/entwurf/{entwurf.id}/schritt/{max(1, schritt - 1)}", status_code=303
        )
    if antrag.zeilenaktion(form):
        buergerdienste.speichere_entwurf(s, entwurf, daten)
        return _schritt_seite(request, s, benutzer, entwurf, daten, schritt)
    tag = _stichtag(s, benutzer, entwurf)
    if schritt < antrag.LETZTER:
        fehler = antrag.pruefe_schritt(schritt, daten, tag)
        if schritt == 1 and not fehler:
            meldung = folgeantraege.zustaendigkeit_festlegen(s, benutzer, entwurf, daten["wohnung"], tag)
            if meldung:
                fehler = {"wohnung_gemeinde": f"Gemeinde: {meldung}"}
        buergerdienste.speichere_entwurf(s, entwurf, daten, None if fehler else schritt + 1)
        if fehler:
            return _schritt_seite(request, s, benutzer, entwurf, daten, schritt, fehler)
        return RedirectResponse(f"/antraege/entwurf/{entwurf.id}/schritt/{schritt + 1}", status_code=303)
    return _einreichen(request, s, benutzer, entwurf, daten, form)


def _einreichen(
    request: Request,
    s: Session,
    benutzer: Benutzer,
    entwurf: Antragsentwurf,
    daten: dict[str, Any],
    form: dict[str, Any],
) -> Response:
    buergerdienste.speichere_entwurf(s, entwurf, daten)
    tag = _stichtag(s, benutzer, entwurf)
    if befund := antrag.endpruefung(daten, tag):
        schritt, fehler = befund
        return _schritt_seite(request, s, benutzer, entwurf, daten, schritt, fehler)
    if form.get("versicherung") != "1":
        fehler = {
            "versicherung": "Versicherung: Bitte bestätigen Sie, dass Ihre Angaben richtig "
            "und vollständig sind."
        }
        return _schritt_seite(request, s, benutzer, entwurf, daten, antrag.LETZTER, fehler)
    try:
        vorgang = folgeantraege.entwurf_einreichen(
            s,
            benutzer,
            entwurf,
            antrag.haushalt(daten, tag),
            daten.get("bemerkung", ""),
            heute(),
            angaben=angaben.vorgangsangaben(daten),
        )
    except RegelwerkFehler as e:
        feld, meldung = regelmeldung(e)
        schritt = antrag.schritt_des_felds(feld)
        return _schritt_seite(request, s, benutzer, entwurf, daten, schritt, {feld: meldung})
    return RedirectResponse(f"/antraege/{vorgang.nummer}/eingangsbestaetigung", status_code=303)


@router.get("/antraege/{nummer}/eingangsbestaetigung")
def eingangsbestaetigung(request: Request, s: Sitzung, benutzer: Buergerin, nummer: str) -> Response:
    vorgang = dienste.lade_vorgang(s, nummer, benutzer)
    return seite(
        request,
        "buerger/eingangsbestaetigung.html",
        benutzer=benutzer,
        vorgang=vorgang,
        zustaendigkeitshinweis=zustaendigkeit.buergerhinweis(vorgang.behoerde, vorgang.daten),
        entscheidung=dienste.letzte_entscheidung(s, vorgang.id),
        bescheid=buergerdienste.letzter_bescheid(s, vorgang),
    )


# --- status page and actions on a Vorgang -------------------------------------------------------


def _vorgang_seite(
    request: Request,
    s: Session,
    benutzer: Benutzer,
    vorgang: Vorgang,
    fehler: Fehler | None = None,
    werte: dict[str, str] | None = None,
) -> Response:
    return seite(
        request,
        "buerger/vorgang.html",
        status_code=400 if fehler else 200,
        benutzer=benutzer,
        vorgang=vorgang,
        zustaendigkeitshinweis=zustaendigkeit.buergerhinweis(vorgang.behoerde, vorgang.daten),
        hinweis=_hinweis(request),
        fehler=fehler or {},
        werte=werte or {},
        leistungen=LEISTUNGEN,
        zeitachse=buergerdienste.zeitachse(s, benutzer, vorgang),
        nachforderungen=dienste.offene_nachforderungen(s, vorgang),
        dokumente=(dokumente := buergerdienste.dokumente(s, vorgang)),
        nachweis_stand=buergerstand.nachweis_stand(s, dokumente),
        zahlung=buergerstand.zahlung(vorgang, dienste.letzte_entscheidung(s, vorgang.id), heute()),
        bescheid=buergerdienste.letzter_bescheid(s, vorgang),
        darf_hochladen=buergerdienste.darf_hochladen(vorgang),
        darf_widersprechen=vorgang.status == BESCHIEDEN,
        darf_weiterleistung=folgeantraege.darf_weiterleistung(s, benutzer, vorgang, heute()),
        darf_aenderung=folgeantraege.darf_aenderung(s, benutzer, vorgang, heute()),
        folgeantraege=folgeantraege.folgeantraege(s, benutzer, vorgang),
        entscheidung=dienste.letzte_entscheidung(s, vorgang.id),
        darf_zuruecknehmen=buergerdienste.darf_zuruecknehmen(vorgang),
        max_mb=max(1, request.app.state.einstellungen.max_upload // (1024 * 1024)),
    )


@router.get("/antraege/{nummer}")
def vorgang_seite(request: Request, s: Sitzung, benutzer: Buergerin, nummer: str) -> Response:
    vorgang = dienste.lade_vorgang(s, nummer, benutzer)
    return _vorgang_seite(request, s, benutzer, vorgang)


@router.post("/antraege/{nummer}/nachweise", dependencies=CSRF)
def nachweis_hochladen(
    request: Request,
    s: Sitzung,
    benutzer: Buergerin,
    nummer: str,
    datei: Annotated[UploadFile | None, File()] = None,
) -> Response:
    vorgang = dienste.lade_vorgang(s, nummer, benutzer)
    einstellungen = request.app.state.einstellungen
    if datei is None or not datei.filename:
        return _vorgang_seite(
            request, s, benutzer, vorgang, {"datei": "Datei: Bitte wählen Sie eine Datei aus."}
        )
    inhalt = datei.file.read(einstellungen.max_upload + 1)
    try:
        buergerdienste.nachweis_hochladen(
            s, benutzer, vorgang, einstellungen.ablage, datei.filename, inhalt, einstellungen.max_upload
        )
    except (ablage.Ablagefehler, dienste.Verfahrensfehler) as e:
        return _vorgang_seite(request, s, benutzer, vorgang, {"datei": f"Datei: {e}"})
    request.session["hinweis"] = "Ihr Nachweis wurde hochgeladen. Vielen Dank."
    return RedirectResponse(f"/antraege/{vorgang.nummer}", status_code=303)


@router.get("/antraege/{nummer}/bescheid.pdf")
def bescheid_pdf(s: Sitzung, benutzer: Buergerin, nummer: str) -> Response:
    vorgang = dienste.lade_vorgang(s, nummer, benutzer)
    bescheid = buergerdienste.bescheid_abrufen(s, benutzer, vorgang)
    return Response(
        bescheid.pdf,
        media_type="application/pdf",
        headers={"Content-Disposition": f'attachment; filename="Bescheid-{vorgang.nummer}.pdf"'},
    )


@router.post("/antraege/{nummer}/widerspruch", dependencies=CSRF)
def widerspruch(
    request: Request, s: Sitzung, benutzer: Buergerin, nummer: str, begruendung: Annotated[str, Form()] = ""
) -> Response:
    vorgang = dienste.lade_vorgang(s, nummer, benutzer)
    werte = {"begruendung": begruendung}
    if not begruendung.strip():
        fehler = {"begruendung": "Begründung: Bitte begründen Sie Ihren Widerspruch."}
        return _vorgang_seite(request, s, benutzer, vorgang, fehler, werte)
    if len(begruendung) > 10_000:
        fehler = {"begruendung": "Begründung: Bitte höchstens 10 000 Zeichen."}
        return _vorgang_seite(request, s, benutzer, vorgang, fehler, werte)
    entscheidung.widerspruch_einlegen(s, benutzer, vorgang, begruendung)
    request.session["hinweis"] = "Ihr Widerspruch ist eingegangen. Der Bescheid wird erneut geprüft."
    return RedirectResponse(f"/antraege/{vorgang.nummer}", status_code=303)


@router.post("/antraege/{nummer}/zuruecknehmen", dependencies=CSRF)
def zuruecknehmen(
    request: Request, s: Sitzung, benutzer: Buergerin, nummer: str, bestaetigung: Annotated[str, Form()] = ""
) -> Response:
    vorgang = dienste.lade_vorgang(s, nummer, benutzer)
    if bestaetigung != "1":
        fehler = {
            "bestaetigung": "Bestätigung: Bitte bestätigen Sie, dass Sie den Antrag zurücknehmen möchten."
        }
        return _vorgang_seite(request, s, benutzer, vorgang, fehler)
    buergerdienste.zuruecknehmen(s, benutzer, vorgang)
    request.session["hinweis"] = "Sie haben Ihren Antrag zurückgenommen."
    return RedirectResponse(f"/antraege/{vorgang.nummer}", status_code=303)
