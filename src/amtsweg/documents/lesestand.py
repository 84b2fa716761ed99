"""Reading state of a Vorgang's Nachweise, and which of them are not yet usable evidence.

A Nachweis is *usable* once it was read and every proposal read from it was decided by a person (confirmed,
corrected or rejected). Until then a decision on the Vorgang needs an explicit confirmation with a reason
(``cases.entscheidung``), which is written to the audit trail. The state is read from the job queue's public
model (``db.auftraege.Auftrag``) and the reading result; nothing here changes either.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session

from amtsweg.cases.modelle import Dokument, Vorgang
from amtsweg.db.auftraege import Auftrag
from amtsweg.documents.darstellung import typ_erkannt
from amtsweg.documents.modelle import Dokumentauswertung

#: job kind of reading a document (``documents.auftraege.ART``; repeated here to avoid an import cycle)
ART = "dokument_lesen"

LESESTAENDE = {
    "wartet": "wartet auf das Lesen",
    "liest": "wird gerade gelesen",
    "erneut": "Lesen fehlgeschlagen, wird erneut versucht",
    "fehlgeschlagen": "konnte nicht gelesen werden",
    "abgelehnt": "wurde bei der Eingangsprüfung abgelehnt",
    "gelesen": "gelesen",
    "nicht_eingereiht": "wird nicht automatisch gelesen",
}


def _utc(zeit: dt.datetime | None) -> dt.datetime | None:
    if zeit is None:
        return None
    return zeit if zeit.tzinfo else zeit.replace(tzinfo=dt.UTC)


def lesestand(s: Session, dokument: Dokument, auswertung: Dokumentauswertung | None = None) -> str:
    """One key of ``LESESTAENDE`` for the document."""
    if auswertung is None:
        auswertung = s.scalar(select(Dokumentauswertung).where(Dokumentauswertung.dokument_id == dokument.id))
    if auswertung is not None:
        return "abgelehnt" if auswertung.fehler else "gelesen"
    auftrag = s.scalar(select(Auftrag).where(Auftrag.schluessel == f"{ART}-{dokument.id}"))
    if auftrag is None:
        return "nicht_eingereiht"
    if auftrag.status == "fehlgeschlagen":
        return "fehlgeschlagen"
    if auftrag.status == "erledigt":  # done, but no result row (should not happen): treat as not read
        return "fehlgeschlagen"
    gesperrt = _utc(auftrag.gesperrt_bis)
    if gesperrt is not None and gesperrt > dt.datetime.now(dt.UTC):
        return "liest"
    return "erneut" if auftrag.fehler else "wartet"


@dataclass(frozen=True, slots=True)
class OffenerNachweis:
    dokument_id: int
    dateiname: str
    grund: str  # German, for staff and the audit trail

    def als_text(self) -> str:
        return f"{self.dateiname}: {self.grund}"


def offene_nachweise(s: Session, vorgang: Vorgang) -> list[OffenerNachweis]:
    """The Vorgang's documents that are not usable evidence yet: unread, failed, or with proposals no person
    has decided on."""
    offen = []
    for dokument in s.scalars(
        select(Dokument).where(Dokument.vorgang_id == vorgang.id).order_by(Dokument.id)
    ):
        auswertung = s.scalar(select(Dokumentauswertung).where(Dokumentauswertung.dokument_id == dokument.id))
        stand = lesestand(s, dokument, auswertung)
        if stand != "gelesen":
            offen.append(OffenerNachweis(dokument.id, dokument.dateiname, LESESTAENDE[stand]))
            continue
        assert auswertung is not None
        if not auswertung.vorschlaege:  # nothing a person confirmed: the document is not checked evidence
            grund = "keine Werte gelesen" if typ_erkannt(auswertung) else "Dokumenttyp nicht erkannt"
            offen.append(OffenerNachweis(dokument.id, dokument.dateiname, f"{grund}, bitte selbst prüfen"))
            continue
        unentschieden = sum(v.status == "offen" for v in auswertung.vorschlaege)
        if unentschieden:
            offen.append(
                OffenerNachweis(
                    dokument.id,
                    dokument.dateiname,
                    f"{unentschieden} gelesene Werte noch nicht bestätigt oder korrigiert",
                )
            )
    return offen
