"""JSON API /api/v1 (OpenAPI at /api/openapi.json) for the same operations as the web pages.

Authentication: the session cookie of /anmelden. Every POST needs the header ``X-CSRF-Token`` with the
session's token (GET /api/v1/csrf). Field names are German, as in the Haushalt JSON. Errors:
``{"fehler": "..."}``; invalid Antrag data: 422 ``{"feld": "<JSON path>", "fehler": "..."}``.
Access to every object is checked by the services (unknown and foreign Vorgänge: 404 alike).
"""

from __future__ import annotations

from typing import Annotated, Literal

from fastapi import APIRouter, Depends, File, Form, Header, Query, Request, UploadFile
from fastapi.responses import JSONResponse
from sqlalchemy import select
from sqlalchemy.orm import Session
from starlette.responses import Response

from amtsweg.cases import (
    abfragen,
    ablage,
    blaettern,
    buergerdienste,
    dienste,
    entscheidung,
    folgeantraege,
    idempotenz,
    rechte,
)
from amtsweg.cases.modelle import Behoerde, Benutzer, Vorgang, jetzt
from amtsweg.cases.status import BEZEICHNUNG
from amtsweg.rules.engine.fehler import Eingabefehler
from amtsweg.web.abhaengigkeiten import angemeldet, rolle, sitzung
from amtsweg.web.einstellungen import Einstellungen
from amtsweg.web.routen.api_modelle import (
    FEHLER,
    AntragEingabe,
    AntragStatus,
    BerechnungAntwort,
    Berechnungsschritt,
    CsrfToken,
    DokumentAntwort,
    EntscheidungAntwort,
    EntscheidungEingabe,
    Fehler,
    Feldfehler,
    FreigabeEingabe,
    Korb,
    NachforderungEingabe,
    StatusAntwort,
    Zeitpunkt,
)
from amtsweg.web.routen.arbeit import Formularfehler, pruefe_entscheidung
from amtsweg.web.sicherheit import csrf_token, pruefe_csrf

router = APIRouter(prefix="/api/v1", tags=["Amtsweg API v1"])
Sitzung = Annotated[Session, Depends(sitzung, scope="function")]
Angemeldet = Annotated[Benutzer, Depends(angemeldet)]
Buergerin = Annotated[Benutzer, Depends(rolle(rechte.BUERGER))]
Mitarbeiterin = Annotated[Benutzer, Depends(rolle(rechte.SACHBEARBEITUNG, rechte.TEAMLEITUNG))]
CSRF = [Depends(pruefe_csrf)]


def _fehler(s: Session, status: int, text: str, feld: str | None = None) -> JSONResponse:
    """Refuse: roll back whatever the service began, answer in German."""
    s.rollback()
    inhalt = {"feld": feld, "fehler": text} if feld is not None else {"fehler": text}
    return JSONResponse(inhalt, status_code=status)


def _status(v: Vorgang) -> StatusAntwort:
    return StatusAntwort(
        nummer=v.nummer, status=v.status, status_bezeichnung=BEZEICHNUNG.get(v.status, v.status)
    )


def _vorgang_fuer_bearbeitung(s: Session, nummer: str, benutzer: Benutzer) -> Vorgang:
    vorgang = dienste.lade_vorgang(s, nummer, benutzer)
    rechte.pruefe(rechte.darf_bearbeiten(benutzer, vorgang))
    return vorgang


# --- endpoints -------------------------------------------------------------------------------------


@router.get("/csrf", response_model=CsrfToken, summary="CSRF-Token der Sitzung")
def csrf(request: Request) -> CsrfToken:
    return CsrfToken(csrf_token=csrf_token(request))


@router.post(
    "/antraege",
    status_code=201,
    response_model=AntragStatus,
    dependencies=CSRF,
    summary="Antrag einreichen (Bürgerin/Bürger)",
    responses={**FEHLER, 422: {"model": Feldfehler, "description": "Ungültige Angabe"}},
)
def antrag_einreichen(
    response: Response,
    s: Sitzung,
    benutzer: Buergerin,
    eingabe: AntragEingabe,
    idempotenz_schluessel: Annotated[
        str | None,
        Header(
            alias="Idempotency-Key",
            max_length=idempotenz.MAX_SCHLUESSEL,
            description="Frei gewählter Schlüssel: eine Wiederholung mit demselben Schlüssel liefert "
            "die erste Antwort, statt einen zweiten Antrag anzulegen",
        ),
    ] = None,
) -> AntragStatus | JSONResponse:
    if idempotenz_schluessel and (
        frueher := idempotenz.gespeichert(s, benutzer.id, "antrag", idempotenz_schluessel)
    ):
        return _wiederholt(frueher)
    behoerde = s.scalar(select(Behoerde).where(Behoerde.schluessel == eingabe.behoerde))
    if behoerde is None:
        return _fehler(s, 422, "Diese Behörde ist nicht bekannt.", feld="behoerde")
    vorgaenger = dienste.lade_vorgang(s, eingabe.vorgaenger, benutzer) if eingabe.vorgaenger else None
    try:
        vorgang = folgeantraege.folgeantrag_einreichen(
            s,
            benutzer,
            behoerde,
            eingabe.leistung,
            eingabe.haushalt,
            eingabe.art,
            vorgaenger,
            eingabe.bemerkung,
        )
    except Eingabefehler as f:
        return _fehler(s, 422, f.meldung, feld=f"haushalt.{f.feld}" if f.feld else "haushalt")
    except dienste.Verfahrensfehler as f:
        return _fehler(s, 409, str(f))
    antwort = _antragstatus(s, vorgang, fuer_buerger=True)
    if idempotenz_schluessel:
        daten = antwort.model_dump(mode="json")
        if not idempotenz.speichere(s, benutzer.id, "antrag", idempotenz_schluessel, 201, daten):
            s.rollback()  # a concurrent request with this key was first: drop this Antrag, answer with that
            frueher = idempotenz.gespeichert(s, benutzer.id, "antrag", idempotenz_schluessel)
            if frueher is not None:
                return _wiederholt(frueher)
    response.headers["Location"] = f"/api/v1/antraege/{vorgang.nummer}"
    return antwort


def _wiederholt(frueher: idempotenz.ApiIdempotenz) -> JSONResponse:
    kopf = {
        "Location": f"/api/v1/antraege/{frueher.antwort.get('nummer', '')}",
        "Idempotent-Replayed": "true",
    }
    return JSONResponse(frueher.antwort, status_code=frueher.status, headers=kopf)


def _antragstatus(s: Session, v: Vorgang, *, fuer_buerger: bool) -> AntragStatus:
    return AntragStatus(
        nummer=v.nummer,
        leistung=v.leistung,
        art=v.art,
        status=v.status,
        status_bezeichnung=BEZEICHNUNG.get(v.status, v.status),
        eingegangen_am=abfragen.mit_zone(v.eingegangen_am),
        frist=v.frist,
        automatisch=v.automatisch,
        zeitachse=[
            Zeitpunkt(zeitpunkt=z.zeitpunkt, aktion=z.aktion, text=z.text)
            for z in abfragen.zeitachse(s, v.nummer, fuer_buerger=fuer_buerger)
        ],
    )


@router.get(
    "/antraege/{nummer}",
    response_model=AntragStatus,
    summary="Status und Verlauf eines Antrags",
    responses=FEHLER,
)
def antrag_status(s: Sitzung, benutzer: Angemeldet, nummer: str) -> AntragStatus:
    vorgang = dienste.lade_vorgang(s, nummer, benutzer)
    return _antragstatus(s, vorgang, fuer_buerger=benutzer.rolle == rechte.BUERGER)


@router.post(
    "/antraege/{nummer}/dokumente",
    status_code=201,
    response_model=DokumentAntwort,
    dependencies=CSRF,
    summary="Nachweis hochladen (PDF, JPEG, PNG, TIFF)",
    responses={
        **FEHLER,
        413: {"model": Fehler, "description": "Datei zu groß"},
        422: {"model": Feldfehler, "description": "Datei abgelehnt"},
    },
)
def dokument_hochladen(
    request: Request,
    s: Sitzung,
    benutzer: Angemeldet,
    nummer: str,
    datei: Annotated[UploadFile, File(description="Die Datei")],
    art: Annotated[str, Form(max_length=60)] = "nachweis",
) -> DokumentAntwort | JSONResponse:
    einstellungen: Einstellungen = request.app.state.einstellungen
    vorgang = dienste.lade_vorgang(s, nummer, benutzer)
    inhalt = datei.file.read(einstellungen.max_upload + 1)  # sync handler: runs in the thread pool
    if len(inhalt) > einstellungen.max_upload:
        groesse = einstellungen.max_upload // (1024 * 1024)
        return _fehler(s, 413, f"Die Datei ist zu groß (höchstens {groesse} MB).")
    try:
        dokument = buergerdienste.nachweis_hochladen(
            s,
            benutzer,
            vorgang,
            einstellungen.ablage,
            datei.filename or "dokument",
            inhalt,
            einstellungen.max_upload,
            art.strip() or "nachweis",
        )
    except ablage.Ablagefehler as f:
        return _fehler(s, 422, str(f), feld="datei")
    except dienste.Verfahrensfehler as f:
        return _fehler(s, 409, str(f))
    return DokumentAntwort(
        id=dokument.id,
        dateiname=dokument.dateiname,
        mime=dokument.mime,
        groesse=dokument.groesse,
        sha256=dokument.sha256,
        status=vorgang.status,
    )


@router.get(
    "/arbeit/vorgaenge",
    response_model=Korb,
    summary="Arbeitskorb der Behörde (seitenweise)",
    description=(
        "Blättern mit `cursor`: die Antwort nennt `naechster_cursor` und `vorheriger_cursor` "
        "(null: keine weiteren Vorgänge). Ohne `seite` wird höchstens bis 1 000 gezählt; "
        "`gesamt_gedeckelt` = true heißt „mehr als `gesamt`“. `seite` (Seitenzahl mit exakter Zählung) "
        "bleibt für bestehende Werkzeuge erhalten, ist aber bei großen Beständen langsam."
    ),
    responses={**FEHLER, 422: {"model": Feldfehler, "description": "Ungültiger Cursor"}},
)
def arbeitskorb(
    s: Sitzung,
    benutzer: Mitarbeiterin,
    status: Annotated[str, Query(description="Status, „offen“ (Standard) oder „alle“")] = "offen",
    leistung: Annotated[str | None, Query()] = None,
    ueberfaellig: Annotated[bool, Query(description="nur mit überschrittener Frist")] = False,
    mir_zugewiesen: Annotated[bool, Query()] = False,
    sortierung: Annotated[Literal["alter", "frist", "neueste"], Query()] = "alter",
    seite: Annotated[int | None, Query(ge=1, description="veraltet: Seitenzahl (OFFSET)")] = None,
    pro_seite: Annotated[int, Query(ge=1, le=abfragen.MAX_PRO_SEITE)] = abfragen.PRO_SEITE,
    cursor: Annotated[str | None, Query(max_length=blaettern.MAX_CURSOR)] = None,
) -> Korb | JSONResponse:
    filter = abfragen.Korbfilter(
        status=status,
        leistung=leistung,
        ueberfaellig=ueberfaellig,
        mir_zugewiesen=mir_zugewiesen,
        sortierung=sortierung,
        seite=None if cursor else seite,
        pro_seite=pro_seite,
        cursor=cursor,
    )
    try:
        korb = abfragen.arbeitskorb(s, benutzer, filter, jetzt().date())
    except blaettern.Cursorfehler as f:
        return _fehler(s, 422, str(f), feld="cursor")
    return Korb.aus(korb)


@router.post(
    "/vorgaenge/{nummer}/berechnung",
    status_code=201,
    response_model=BerechnungAntwort,
    dependencies=CSRF,
    summary="Berechnen (Sachbearbeitung)",
    responses={**FEHLER, 422: {"model": Feldfehler, "description": "Antragsdaten ungültig"}},
)
def berechnen(s: Sitzung, benutzer: Mitarbeiterin, nummer: str) -> BerechnungAntwort | JSONResponse:
    vorgang = _vorgang_fuer_bearbeitung(s, nummer, benutzer)
    try:
        b = dienste.berechnen(s, benutzer, vorgang)
    except Eingabefehler as f:
        return _fehler(s, 422, f.meldung, feld=f"haushalt.{f.feld}")
    except dienste.Verfahrensfehler as f:  # incl. UnzulaessigerUebergang
        return _fehler(s, 409, str(f))
    schritte = b.ergebnis.get(vorgang.leistung, {}).get("begruendung", [])
    return BerechnungAntwort(
        nummer=vorgang.nummer,
        status=vorgang.status,
        betrag_monat=f"{b.betrag_cent // 100}.{b.betrag_cent % 100:02d}",
        betrag_cent=b.betrag_cent,
        stichtag=b.stichtag,
        regelwerk_version=b.regelwerk_version,
        begruendung=[Berechnungsschritt(norm=x["norm"], text=x["text"], wert=x["wert"]) for x in schritte],
    )


@router.post(
    "/vorgaenge/{nummer}/nachforderung",
    status_code=201,
    response_model=StatusAntwort,
    dependencies=CSRF,
    summary="Unterlagen nachfordern (Sachbearbeitung)",
    responses=FEHLER,
)
def nachfordern(
    s: Sitzung, benutzer: Mitarbeiterin, nummer: str, eingabe: NachforderungEingabe
) -> StatusAntwort | JSONResponse:
    vorgang = _vorgang_fuer_bearbeitung(s, nummer, benutzer)
    try:
        dienste.nachfordern(s, benutzer, vorgang, eingabe.beschreibung, eingabe.frist)
    except dienste.Verfahrensfehler as f:  # incl. UnzulaessigerUebergang
        return _fehler(s, 409, str(f))
    return _status(vorgang)


@router.post(
    "/vorgaenge/{nummer}/entscheidung",
    status_code=201,
    response_model=EntscheidungAntwort,
    dependencies=CSRF,
    summary="Entscheiden (Sachbearbeitung); über der Freigabegrenze und bei Ablehnung zur Freigabe",
    responses={**FEHLER, 422: {"model": Feldfehler, "description": "Gründe fehlen"}},
)
def entscheiden(
    s: Sitzung, benutzer: Mitarbeiterin, nummer: str, eingabe: EntscheidungEingabe
) -> EntscheidungAntwort | JSONResponse:
    vorgang = _vorgang_fuer_bearbeitung(s, nummer, benutzer)
    gruende = [g.strip() for g in eingabe.gruende if g.strip()]
    try:
        pruefe_entscheidung(eingabe.art, gruende)
        e = entscheidung.entscheiden(s, benutzer, vorgang, eingabe.art, gruende, vorbehalt=eingabe.vorbehalt)
    except Formularfehler as f:
        return _fehler(s, 422, f.meldung, feld=f.feld)
    except dienste.Verfahrensfehler as f:  # incl. UnzulaessigerUebergang
        return _fehler(s, 409, str(f))
    return EntscheidungAntwort(
        nummer=vorgang.nummer,
        status=vorgang.status,
        art=e.art,
        betrag_cent=e.betrag_cent,
        bewilligung_von=e.bewilligung_von,
        bewilligung_bis=e.bewilligung_bis,
        freigabe_erforderlich=e.freigabe_erforderlich,
    )


@router.post(
    "/vorgaenge/{nummer}/freigabe",
    response_model=StatusAntwort,
    dependencies=CSRF,
    summary="Freigeben oder zurückweisen (Teamleitung, nicht die entscheidende Person)",
    responses={**FEHLER, 422: {"model": Feldfehler, "description": "Grund fehlt"}},
)
def freigabe(
    s: Sitzung, benutzer: Mitarbeiterin, nummer: str, eingabe: FreigabeEingabe
) -> StatusAntwort | JSONResponse:
    vorgang = _vorgang_fuer_bearbeitung(s, nummer, benutzer)
    if not rechte.darf_freigeben(benutzer, vorgang):
        return _fehler(s, 403, "Freigaben erteilt die Teamleitung.")
    try:
        if eingabe.freigeben:
            entscheidung.freigeben(s, benutzer, vorgang)
        else:
            if not eingabe.grund.strip():
                return _fehler(s, 422, "Bitte begründen Sie die Zurückweisung.", feld="grund")
            entscheidung.zurueckweisen(s, benutzer, vorgang, eingabe.grund.strip())
    except dienste.Verfahrensfehler as f:  # incl. UnzulaessigerUebergang
        return _fehler(s, 409, str(f))
    return _status(vorgang)
