"""Staff workspace under /arbeit: queue, Vorgang view with actions, team-lead overview.

Thin: parse the form, call a service of cases/, render. Rights are enforced by the services; the
role dependency only keeps citizens out. A refused action is rolled back completely and shown on
the Vorgang page with a German message.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections.abc import Callable
from typing import Annotated
from urllib.parse import quote, urlencode

from fastapi import APIRouter, Depends, Form, Query, Request
from fastapi.responses import RedirectResponse
from sqlalchemy.orm import Session
from starlette.responses import Response

from amtsweg.cases import abfragen, blaettern, dienste, entscheidung, rechte
from amtsweg.cases.modelle import Benutzer, Vorgang, jetzt
from amtsweg.cases.status import (
    ABGESCHLOSSEN,
    EINGEGANGEN,
    ENTSCHEIDUNGSREIF,
    IN_PRUEFUNG,
    UNVOLLSTAENDIG,
    WIDERSPRUCH,
    ZUR_FREIGABE,
)
from amtsweg.documents.lesestand import offene_nachweise
from amtsweg.governance.audit import Aktion, protokolliere
from amtsweg.rules.engine.fehler import Eingabefehler
from amtsweg.web import beschriftungen  # registers the label filters of the templates
from amtsweg.web.abhaengigkeiten import rolle, sitzung
from amtsweg.web.sicherheit import pruefe_csrf
from amtsweg.web.vorlagen import seite

router = APIRouter(prefix="/arbeit", include_in_schema=False)
Sitzung = Annotated[Session, Depends(sitzung, scope="function")]
Mitarbeiterin = Annotated[Benutzer, Depends(rolle(rechte.SACHBEARBEITUNG, rechte.TEAMLEITUNG))]
Teamleitung = Annotated[Benutzer, Depends(rolle(rechte.TEAMLEITUNG))]

#: confirmation after a successful action (fixed texts; the query parameter only selects one)
ERLEDIGT = {
    "berechnet": "Die Berechnung wurde durchgeführt und gespeichert.",
    "nachgefordert": "Die Nachforderung wurde gespeichert; die antragstellende Person wird informiert.",
    "entschieden": "Die Entscheidung wurde getroffen und der Bescheid erstellt.",
    "vorgelegt": "Die Entscheidung wurde der Teamleitung zur Freigabe vorgelegt (Vier-Augen-Prinzip).",
    "freigegeben": "Die Entscheidung wurde freigegeben und der Bescheid erstellt.",
    "zurueckgewiesen": "Die Entscheidung wurde zur Überarbeitung zurückgewiesen.",
    "wiedereroeffnet": "Der Vorgang wurde zur erneuten Prüfung (Abhilfeprüfung) wieder geöffnet.",
    "uebernommen": "Sie haben den Vorgang übernommen; er ist Ihnen zugewiesen.",
    "ohne_neuentscheidung": "Die Änderungsmitteilung wurde ohne neue Entscheidung abgeschlossen.",
}
ENTSCHEIDUNGSARTEN = beschriftungen.ENTSCHEIDUNGSARTEN
MAX_GRUENDE = 5000


class Formularfehler(Exception):
    """Invalid form input, with the field it concerns."""

    def __init__(self, feld: str, meldung: str) -> None:
        super().__init__(meldung)
        self.feld = feld
        self.meldung = meldung


def heute() -> dt.date:
    return jetzt().date()


def _ja(wert: str | None) -> bool:
    return (wert or "").lower() in ("1", "on", "ja", "true")


def _zahl(wert: str | None, standard: int = 1) -> int:
    try:
        return int(wert or standard)
    except ValueError:
        return standard


# --- queue -----------------------------------------------------------------------------------------


@router.get("")
def arbeitskorb(
    request: Request,
    s: Sitzung,
    benutzer: Mitarbeiterin,
    status: Annotated[str, Query()] = "offen",
    leistung: Annotated[str, Query()] = "",
    ueberfaellig: Annotated[str, Query()] = "",
    mir: Annotated[str, Query()] = "",
    sortierung: Annotated[str, Query()] = "alter",
    cursor: Annotated[str, Query()] = "",
) -> Response:
    """Keyset pages (``cursor``); an old ``seite`` parameter in a bookmark is ignored (first page)."""
    filter = abfragen.Korbfilter(
        status=status,
        leistung=leistung or None,
        ueberfaellig=_ja(ueberfaellig),
        mir_zugewiesen=_ja(mir),
        sortierung=sortierung,
        cursor=cursor,
    ).bereinigt()
    try:
        ergebnis = abfragen.arbeitskorb(s, benutzer, filter, heute())
    except blaettern.Cursorfehler:  # a mangled link: start at the top instead of failing
        filter = dataclasses.replace(filter, cursor=None)
        ergebnis = abfragen.arbeitskorb(s, benutzer, filter, heute())

    def link(cursor: str) -> str:
        werte = {
            "status": filter.status,
            "leistung": filter.leistung or "",
            "ueberfaellig": "1" if filter.ueberfaellig else "",
            "mir": "1" if filter.mir_zugewiesen else "",
            "sortierung": filter.sortierung,
            "cursor": cursor,
        }
        return "/arbeit?" + urlencode({k: v for k, v in werte.items() if v})

    nur_tabelle = request.headers.get("hx-request") == "true" and request.headers.get("hx-target") == "korb"
    return seite(
        request,
        "arbeit/_korb.html" if nur_tabelle else "arbeit/korb.html",
        benutzer=benutzer,
        korb=ergebnis,
        filter=filter,
        link=link,
        leistungen=abfragen.leistungen(s, benutzer),
        status_auswahl=abfragen.ALLE_STATUS,
        sortierungen=abfragen.SORTIERUNGEN,
    )


# --- one Vorgang -----------------------------------------------------------------------------------


def _aktionen(benutzer: Benutzer, ansicht: abfragen.Vorgangsansicht) -> dict[str, bool]:
    """Which forms the page offers (the services decide again when the form is sent)."""
    v = ansicht.vorgang
    e = ansicht.entscheidung
    offene_freigabe = v.status == ZUR_FREIGABE and e is not None and e.freigegeben_am is None
    return {
        "berechnen": v.status in (EINGEGANGEN, IN_PRUEFUNG, ENTSCHEIDUNGSREIF),
        "nachfordern": v.status in (EINGEGANGEN, IN_PRUEFUNG, UNVOLLSTAENDIG, ENTSCHEIDUNGSREIF),
        "entscheiden": v.status == ENTSCHEIDUNGSREIF and ansicht.berechnung is not None,
        "freigeben": offene_freigabe
        and rechte.darf_freigeben(benutzer, v)
        and e is not None
        and e.entschieden_von_id != benutzer.id,
        "eigene_entscheidung": offene_freigabe and e is not None and e.entschieden_von_id == benutzer.id,
        "widerspruch_pruefen": v.status == WIDERSPRUCH,
        "ohne_neuentscheidung": v.art == "aenderung"
        and v.status in (EINGEGANGEN, IN_PRUEFUNG, UNVOLLSTAENDIG, ENTSCHEIDUNGSREIF),
        "uebernehmen": v.zugewiesen_an_id != benutzer.id and v.status != ABGESCHLOSSEN,
    }


def _vorgangsseite(
    request: Request,
    s: Sitzung,
    benutzer: Benutzer,
    vorgang: Vorgang,
    *,
    status_code: int = 200,
    fehler: dict[str, str] | None = None,
    werte: dict[str, str] | None = None,
    erledigt: str | None = None,
) -> Response:
    ansicht = abfragen.vorgangsansicht(s, benutzer, vorgang)
    return seite(
        request,
        "arbeit/vorgang.html",
        status_code=status_code,
        benutzer=benutzer,
        a=ansicht,
        v=vorgang,
        aktionen=_aktionen(benutzer, ansicht),
        offene_nachweise=offene_nachweise(s, vorgang),
        fehler=fehler or {},
        werte=werte or {},
        erledigt=ERLEDIGT.get(erledigt or ""),
        heute=heute(),
        morgen=heute() + dt.timedelta(days=1),
        frist_vorschlag=heute() + dt.timedelta(days=14),
        entscheidungsarten=ENTSCHEIDUNGSARTEN,
        fristlage=abfragen.fristlage(vorgang.frist, vorgang.status, heute()),
    )


@router.get("/vorgang/{nummer}")
def vorgang_ansehen(
    request: Request,
    s: Sitzung,
    benutzer: Mitarbeiterin,
    nummer: str,
    erledigt: Annotated[str, Query()] = "",
) -> Response:
    vorgang = dienste.lade_vorgang(s, nummer, benutzer)
    rechte.pruefe(rechte.darf_bearbeiten(benutzer, vorgang))
    # reading personal data is accountable (Art. 5 Abs. 2 DSGVO): one event per view
    protokolliere(s, Aktion.vorgang_angesehen, akteur=benutzer.email, rolle=benutzer.rolle, vorgang=nummer)
    return _vorgangsseite(request, s, benutzer, vorgang, erledigt=erledigt)


def _aktion(
    request: Request,
    s: Session,
    benutzer: Benutzer,
    nummer: str,
    name: str,
    ausfuehren: Callable[[Vorgang], str],
    werte: dict[str, str] | None = None,
) -> Response:
    """Run one action; on success redirect (PRG), else roll back and show the page with the error."""
    vorgang = dienste.lade_vorgang(s, nummer, benutzer)
    try:
        erledigt = ausfuehren(vorgang)
    except Formularfehler as f:
        status_code, fehler = 422, {"aktion": name, "feld": f.feld, "text": f.meldung}
    except Eingabefehler as f:
        status_code, fehler = 422, {"aktion": name, "feld": "", "text": f"Angabe „{f.feld}“: {f.meldung}"}
    except dienste.Verfahrensfehler as f:  # incl. UnzulaessigerUebergang
        status_code, fehler = 409, {"aktion": name, "feld": "", "text": str(f)}
    except rechte.KeinZugriff:
        status_code = 403
        fehler = {"aktion": name, "feld": "", "text": "Für diese Aktion fehlt Ihnen die Berechtigung."}
    else:
        return RedirectResponse(
            f"/arbeit/vorgang/{quote(nummer, safe='')}?erledigt={erledigt}#meldung", status_code=303
        )
    s.rollback()  # nothing of the refused action is stored
    vorgang = dienste.lade_vorgang(s, nummer, benutzer)
    return _vorgangsseite(request, s, benutzer, vorgang, status_code=status_code, fehler=fehler, werte=werte)


@router.post("/vorgang/{nummer}/uebernehmen", dependencies=[Depends(pruefe_csrf)])
def uebernehmen(request: Request, s: Sitzung, benutzer: Mitarbeiterin, nummer: str) -> Response:
    def tue(v: Vorgang) -> str:
        dienste.zuweisen(s, benutzer, v)
        return "uebernommen"

    return _aktion(request, s, benutzer, nummer, "uebernehmen", tue)


@router.post("/vorgang/{nummer}/berechnen", dependencies=[Depends(pruefe_csrf)])
def berechnen(request: Request, s: Sitzung, benutzer: Mitarbeiterin, nummer: str) -> Response:
    def tue(v: Vorgang) -> str:
        dienste.berechnen(s, benutzer, v)
        return "berechnet"

    return _aktion(request, s, benutzer, nummer, "berechnen", tue)


def lies_datum(feld: str, wert: str) -> dt.date:
    wert = wert.strip()
    try:
        if "." in wert:
            tag, monat, jahr = (int(x) for x in wert.split("."))
            return dt.date(jahr, monat, tag)
        return dt.date.fromisoformat(wert)
    except ValueError:
        raise Formularfehler(feld, "Bitte geben Sie ein gültiges Datum an (TT.MM.JJJJ).") from None


@router.post("/vorgang/{nummer}/nachfordern", dependencies=[Depends(pruefe_csrf)])
def nachfordern(
    request: Request,
    s: Sitzung,
    benutzer: Mitarbeiterin,
    nummer: str,
    beschreibung: Annotated[str, Form()] = "",
    frist: Annotated[str, Form()] = "",
) -> Response:
    def tue(v: Vorgang) -> str:
        if not beschreibung.strip():
            raise Formularfehler("beschreibung", "Bitte beschreiben Sie die fehlenden Unterlagen.")
        if len(beschreibung) > 2000:
            raise Formularfehler("beschreibung", "Die Beschreibung ist zu lang (höchstens 2000 Zeichen).")
        datum = lies_datum("frist", frist)
        if datum <= heute():
            raise Formularfehler("frist", "Die Frist muss in der Zukunft liegen.")
        dienste.nachfordern(s, benutzer, v, beschreibung, datum)
        return "nachgefordert"

    werte = {"beschreibung": beschreibung, "frist": frist}
    return _aktion(request, s, benutzer, nummer, "nachfordern", tue, werte)


def gruende_aus(text: str) -> list[str]:
    """One reason per line."""
    return [zeile.strip() for zeile in text.splitlines() if zeile.strip()]


def pruefe_entscheidung(art: str, gruende: list[str]) -> None:
    """Form rules of a decision: a known kind; Ablehnung and Teilbewilligung must give reasons
    (§ 35 Abs. 1 SGB X: the essential reasons of a burdening decision)."""
    if art not in ENTSCHEIDUNGSARTEN:
        raise Formularfehler("art", "Bitte wählen Sie die Art der Entscheidung.")
    if art in ("ablehnung", "teilbewilligung") and not gruende:
        raise Formularfehler(
            "gruende",
            f"Eine {ENTSCHEIDUNGSARTEN[art]} muss begründet werden (§ 35 SGB X). "
            "Bitte geben Sie die Gründe an.",
        )
    if sum(len(g) for g in gruende) > MAX_GRUENDE:
        raise Formularfehler("gruende", f"Die Begründung ist zu lang (höchstens {MAX_GRUENDE} Zeichen).")


@router.post("/vorgang/{nummer}/entscheiden", dependencies=[Depends(pruefe_csrf)])
def entscheiden(
    request: Request,
    s: Sitzung,
    benutzer: Mitarbeiterin,
    nummer: str,
    art: Annotated[str, Form()] = "",
    gruende: Annotated[str, Form()] = "",
    trotzdem: Annotated[str, Form()] = "",
    vorbehalt: Annotated[str, Form()] = "",
) -> Response:
    def tue(v: Vorgang) -> str:
        liste = gruende_aus(gruende)
        pruefe_entscheidung(art, liste)
        if trotzdem and not vorbehalt.strip():
            raise Formularfehler(
                "vorbehalt", "Bitte begründen Sie, warum Sie trotz ungeprüfter Nachweise entscheiden."
            )
        e = entscheidung.entscheiden(s, benutzer, v, art, liste, vorbehalt=vorbehalt if trotzdem else "")
        return "vorgelegt" if e.freigabe_erforderlich else "entschieden"

    werte = {"art": art, "gruende": gruende, "trotzdem": trotzdem, "vorbehalt": vorbehalt}
    return _aktion(request, s, benutzer, nummer, "entscheiden", tue, werte)


@router.post("/vorgang/{nummer}/freigeben", dependencies=[Depends(pruefe_csrf)])
def freigeben(request: Request, s: Sitzung, benutzer: Mitarbeiterin, nummer: str) -> Response:
    def tue(v: Vorgang) -> str:
        entscheidung.freigeben(s, benutzer, v)
        return "freigegeben"

    return _aktion(request, s, benutzer, nummer, "freigeben", tue)


@router.post("/vorgang/{nummer}/zurueckweisen", dependencies=[Depends(pruefe_csrf)])
def zurueckweisen(
    request: Request,
    s: Sitzung,
    benutzer: Mitarbeiterin,
    nummer: str,
    grund: Annotated[str, Form()] = "",
) -> Response:
    def tue(v: Vorgang) -> str:
        if not grund.strip():
            raise Formularfehler("grund", "Bitte begründen Sie die Zurückweisung.")
        if len(grund) > 2000:
            raise Formularfehler("grund", "Die Begründung ist zu lang (höchstens 2000 Zeichen).")
        entscheidung.zurueckweisen(s, benutzer, v, grund.strip())
        return "zurueckgewiesen"

    return _aktion(request, s, benutzer, nummer, "zurueckweisen", tue, {"grund": grund})


@router.post("/vorgang/{nummer}/ohne-neuentscheidung", dependencies=[Depends(pruefe_csrf)])
def ohne_neuentscheidung(
    request: Request, s: Sitzung, benutzer: Mitarbeiterin, nummer: str, grund: Annotated[str, Form()] = ""
) -> Response:
    """Close an Änderungsmitteilung without a new decision (the Wohngeld does not change, A-0063)."""

    def tue(v: Vorgang) -> str:
        if not grund.strip():
            raise Formularfehler("grund", "Bitte begründen Sie, warum nicht neu entschieden wird.")
        if len(grund) > 2000:
            raise Formularfehler("grund", "Die Begründung ist zu lang (höchstens 2000 Zeichen).")
        entscheidung.ohne_neuentscheidung(s, benutzer, v, grund)
        return "ohne_neuentscheidung"

    return _aktion(request, s, benutzer, nummer, "ohne_neuentscheidung", tue, {"grund": grund})


@router.post("/vorgang/{nummer}/widerspruch-pruefen", dependencies=[Depends(pruefe_csrf)])
def widerspruch_pruefen(request: Request, s: Sitzung, benutzer: Mitarbeiterin, nummer: str) -> Response:
    def tue(v: Vorgang) -> str:
        entscheidung.widerspruch_pruefen(s, benutzer, v)
        return "wiedereroeffnet"

    return _aktion(request, s, benutzer, nummer, "widerspruch_pruefen", tue)
