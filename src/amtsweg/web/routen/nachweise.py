"""Staff review of read Nachweise: /arbeit/vorgang/{nummer}/nachweise.

Each document's page image beside the proposals read from it, the evidence box highlighted (SVG rects,
no inline styles), and per proposal three forms: Bestätigen, Korrigieren, Ablehnen. Rights and validation
are in ``amtsweg.documents.pruefstelle``; this router only parses, calls and renders.
"""

from __future__ import annotations

from typing import Annotated
from urllib.parse import quote

from fastapi import APIRouter, Depends, Form, Query, Request
from fastapi.responses import RedirectResponse
from sqlalchemy.orm import Session
from starlette.responses import Response

from amtsweg.cases import ablage, rechte
from amtsweg.cases.fehler import Verfahrensfehler
from amtsweg.cases.modelle import Benutzer
from amtsweg.documents import darstellung, lesestand, pruefstelle
from amtsweg.documents.kandidaten import ART
from amtsweg.governance import schalter
from amtsweg.rules.engine.fehler import Eingabefehler
from amtsweg.web.abhaengigkeiten import rolle, sitzung
from amtsweg.web.sicherheit import pruefe_csrf
from amtsweg.web.vorlagen import seite

router = APIRouter(prefix="/arbeit/vorgang/{nummer}/nachweise", include_in_schema=False)
Sitzung = Annotated[Session, Depends(sitzung, scope="function")]
Mitarbeiterin = Annotated[Benutzer, Depends(rolle(rechte.SACHBEARBEITUNG, rechte.TEAMLEITUNG))]

ERLEDIGT = {
    "bestaetigen": "Der Wert wurde bestätigt.",
    "korrigieren": "Der korrigierte Wert wurde übernommen.",
    "ablehnen": "Der Vorschlag wurde abgelehnt.",
}
STATUSNAMEN = {
    "offen": "offen",
    "bestaetigt": "bestätigt",
    "korrigiert": "korrigiert",
    "abgelehnt": "abgelehnt",
}


def _beispiel(feld: str) -> str:
    return pruefstelle.BEISPIEL[ART.get(feld, "text")]


def _seite(
    request: Request,
    s: Session,
    benutzer: Benutzer,
    nummer: str,
    *,
    status_code: int = 200,
    fehler: dict[str, object] | None = None,
    erledigt: str = "",
) -> Response:
    vorgang = pruefstelle.lade_vorgang(s, nummer, benutzer)
    nachweise = pruefstelle.nachweise(s, benutzer, vorgang)
    staende = {n.dokument.id: lesestand.lesestand(s, n.dokument, n.auswertung) for n in nachweise}
    return seite(
        request,
        "nachweise/pruefen.html",
        status_code=status_code,
        benutzer=benutzer,
        v=vorgang,
        nachweise=nachweise,
        staende=staende,
        standnamen=lesestand.LESESTAENDE,
        typ_erkannt=darstellung.typ_erkannt,
        typkandidaten=lambda a: darstellung.typkandidaten(a, pruefstelle.TYPNAMEN),
        bitte_pruefen=darstellung.bitte_pruefen,
        abgleich=darstellung.abgleich(vorgang.daten or {}, nachweise),
        basis=f"/arbeit/vorgang/{quote(nummer, safe='')}/nachweise",
        anzeige=pruefstelle.anzeige,
        feldnamen=pruefstelle.FELDNAMEN,
        statusnamen=STATUSNAMEN,
        beispiel=_beispiel,
        fehler=fehler or {},
        erledigt=ERLEDIGT.get(erledigt, ""),
        ki_aus=None if schalter.ist_aktiv(s, "dokumente") else schalter.zustand(s, "dokumente"),
    )


@router.get("")
def nachweise_pruefen(
    request: Request, s: Sitzung, benutzer: Mitarbeiterin, nummer: str, erledigt: Annotated[str, Query()] = ""
) -> Response:
    return _seite(request, s, benutzer, nummer, erledigt=erledigt)


@router.get("/{dokument_id}/seiten/{nr}")
def seitenbild(s: Sitzung, benutzer: Mitarbeiterin, nummer: str, dokument_id: int, nr: int) -> Response:
    vorgang = pruefstelle.lade_vorgang(s, nummer, benutzer)
    try:
        png = pruefstelle.seitenbild(s, benutzer, vorgang, dokument_id, nr)
    except (OSError, ablage.Ablagefehler) as fehler:
        raise Verfahrensfehler(
            "Die Datei kann nicht gelesen werden (fehlt oder Prüfsumme stimmt nicht)."
        ) from fehler
    return Response(png, media_type="image/png", headers={"Content-Disposition": "inline"})


@router.post("/vorschlag/{vorschlag_id}/{aktion}", dependencies=[Depends(pruefe_csrf)])
def entscheiden(
    request: Request,
    s: Sitzung,
    benutzer: Mitarbeiterin,
    nummer: str,
    vorschlag_id: int,
    aktion: str,
    wert: Annotated[str, Form()] = "",
) -> Response:
    vorgang = pruefstelle.lade_vorgang(s, nummer, benutzer)
    if aktion == "bestaetigen":
        pruefstelle.bestaetigen(s, benutzer, vorgang, vorschlag_id)
    elif aktion == "ablehnen":
        pruefstelle.ablehnen(s, benutzer, vorgang, vorschlag_id)
    elif aktion == "korrigieren":
        try:
            pruefstelle.korrigieren(s, benutzer, vorgang, vorschlag_id, wert)
        except Eingabefehler as e:  # nothing was changed: show the page again with the message at the field
            fehler = {"vorschlag": vorschlag_id, "text": e.meldung, "wert": wert}
            return _seite(request, s, benutzer, nummer, status_code=422, fehler=fehler)
    else:
        raise rechte.KeinZugriff()
    ziel = f"/arbeit/vorgang/{quote(nummer, safe='')}/nachweise?erledigt={aktion}#vorschlag-{vorschlag_id}"
    return RedirectResponse(ziel, status_code=303)
