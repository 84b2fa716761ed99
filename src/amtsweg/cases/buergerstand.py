"""What the citizen's status page tells beyond the timeline: the state of each uploaded Nachweis and when
granted money is paid (Bewilligungszeitraum, monthly amount, next payment, account)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from amtsweg.cases.bescheide import iban_maskiert
from amtsweg.cases.modelle import Dokument, Entscheidung, Vorgang
from amtsweg.cases.status import BESCHIEDEN
from amtsweg.documents.modelle import Dokumentauswertung, Feldvorschlag

MONATE = ("Januar", "Februar", "März", "April", "Mai", "Juni", "Juli", "August", "September", "Oktober",
          "November", "Dezember")  # fmt: skip


def nachweis_stand(s: Session, dokumente: list[Dokument]) -> dict[int, str]:
    """Dokument id -> German state for the citizen (never the content of the reading)."""
    ids = [d.id for d in dokumente]
    if not ids:
        return {}
    auswertungen = {
        a.dokument_id: a
        for a in s.scalars(select(Dokumentauswertung).where(Dokumentauswertung.dokument_id.in_(ids)))
    }
    offen: dict[int, int] = {}
    entschieden: dict[int, int] = {}
    for v in s.scalars(select(Feldvorschlag).where(Feldvorschlag.dokument_id.in_(ids))):
        ziel = offen if v.status == "offen" else entschieden
        ziel[v.dokument_id] = ziel.get(v.dokument_id, 0) + 1
    stand: dict[int, str] = {}
    for i in ids:
        auswertung = auswertungen.get(i)
        if auswertung is None:
            stand[i] = "Eingegangen, wird ausgewertet"
        elif auswertung.fehler:
            stand[i] = "Eingegangen; konnte nicht automatisch gelesen werden, wird von einer Person gesichtet"
        elif offen.get(i):
            stand[i] = "Ausgewertet, wird von der Sachbearbeitung geprüft"
        elif entschieden.get(i):
            stand[i] = "Von der Sachbearbeitung geprüft"
        else:
            stand[i] = "Eingegangen, wird von der Sachbearbeitung gesichtet"
    return stand


@dataclass(frozen=True)
class Zahlung:
    betrag_cent: int
    von: dt.date
    bis: dt.date
    #: first month of the Bewilligungszeitraum not yet begun (None when the period is over)
    naechster_monat: dt.date | None
    konto: str | None

    @property
    def naechster_monat_text(self) -> str:
        m = self.naechster_monat
        return f"{MONATE[m.month - 1]} {m.year}" if m else ""


def zahlung(vorgang: Vorgang, entscheidung: Entscheidung | None, heute: dt.date) -> Zahlung | None:
    """Payment facts of a granted Vorgang (§ 26 Abs. 2 WoGG: monthly in advance); None if nothing granted."""
    if (
        entscheidung is None
        or vorgang.status != BESCHIEDEN
        or entscheidung.art not in ("bewilligung", "teilbewilligung")
        or entscheidung.bewilligung_von is None
        or entscheidung.bewilligung_bis is None
        or entscheidung.betrag_cent <= 0
    ):
        return None
    folgemonat = (heute.replace(day=28) + dt.timedelta(days=4)).replace(day=1)
    naechster = max(entscheidung.bewilligung_von, folgemonat)
    konto: dict[str, Any] = (vorgang.angaben or {}).get("konto") or {}
    return Zahlung(
        betrag_cent=entscheidung.betrag_cent,
        von=entscheidung.bewilligung_von,
        bis=entscheidung.bewilligung_bis,
        naechster_monat=naechster if naechster <= entscheidung.bewilligung_bis else None,
        konto=f"{konto.get('inhaber', '')}, IBAN {iban_maskiert(str(konto['iban']))}"
        if konto.get("iban")
        else None,
    )
