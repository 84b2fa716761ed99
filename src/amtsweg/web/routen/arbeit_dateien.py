"""Staff downloads of a Vorgang's files: uploaded Nachweise and issued Bescheide (object-level checks)."""

from __future__ import annotations

from urllib.parse import quote

from fastapi import APIRouter
from starlette.responses import Response

from amtsweg.cases import abfragen, ablage, dienste, rechte
from amtsweg.web.routen.arbeit import Mitarbeiterin, Sitzung

router = APIRouter(prefix="/arbeit", include_in_schema=False)


def _datei(inhalt: bytes, mime: str, dateiname: str) -> Response:
    return Response(
        inhalt,
        media_type=mime,
        headers={
            "Content-Disposition": f"attachment; filename*=UTF-8''{quote(dateiname, safe='')}",
            "X-Content-Type-Options": "nosniff",
        },
    )


@router.get("/vorgang/{nummer}/dokumente/{dokument_id}")
def dokument_laden(s: Sitzung, benutzer: Mitarbeiterin, nummer: str, dokument_id: int) -> Response:
    vorgang = dienste.lade_vorgang(s, nummer, benutzer)
    rechte.pruefe(rechte.darf_bearbeiten(benutzer, vorgang))
    dokument = abfragen.dokument(s, vorgang, dokument_id)
    if dokument is None:
        raise rechte.KeinZugriff()
    try:
        inhalt = ablage.lies(dokument.speicherort, dokument.sha256)
    except (OSError, ablage.Ablagefehler) as fehler:
        raise dienste.Verfahrensfehler(
            "Die Datei kann nicht gelesen werden (fehlt oder Prüfsumme stimmt nicht)."
        ) from fehler
    return _datei(inhalt, dokument.mime, dokument.dateiname)


@router.get("/vorgang/{nummer}/bescheide/{bescheid_id}")
def bescheid_laden(s: Sitzung, benutzer: Mitarbeiterin, nummer: str, bescheid_id: int) -> Response:
    vorgang = dienste.lade_vorgang(s, nummer, benutzer)
    rechte.pruefe(rechte.darf_bearbeiten(benutzer, vorgang))
    bescheid = abfragen.bescheid(s, vorgang, bescheid_id)
    if bescheid is None:
        raise rechte.KeinZugriff()
    return _datei(bescheid.pdf, "application/pdf", f"Bescheid-{vorgang.nummer}-{bescheid.datum}.pdf")
