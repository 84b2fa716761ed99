"""Retention of Nachweise: documents of Vorgänge closed longer than the retention period are deleted.

Deleted are the stored file, the Dokument row and the reading results (evaluation and proposals); one
``dokument_geloescht`` audit event per document records what was deleted and why (no content, only the id
and checksum). A Vorgang counts as closed from its last change to status ``abgeschlossen`` (audit trail;
``aktualisiert_am`` if no such event exists). The period is configurable (argument, or the environment
variable ``AMTSWEG_AUFBEWAHRUNG_TAGE``); the authority sets it according to its own retention rules.

Files are removed only after the database transaction committed (``fuehre_aus``, or the daily job
``dokumente_aufbewahrung`` in ``auftraege``, which the worker plans once a day), so a failed transaction never
leaves rows pointing to deleted files; a file shared by another Dokument (same checksum) is kept.
"""

from __future__ import annotations

import datetime as dt
import os
from dataclasses import dataclass, field
from pathlib import Path

from sqlalchemy import delete, func, select
from sqlalchemy.orm import Session

from amtsweg.cases.modelle import Dokument, Vorgang, jetzt
from amtsweg.cases.status import ABGESCHLOSSEN
from amtsweg.db import Datenbank
from amtsweg.documents.modelle import Dokumentauswertung, Feldvorschlag
from amtsweg.governance.audit import Aktion, AuditEreignis, protokolliere

#: default retention after closing a Vorgang, if neither an argument nor the environment sets one
STANDARD_TAGE = 6 * 365


def frist(tage: int | None = None) -> dt.timedelta:
    """The retention period: ``tage``, else ``AMTSWEG_AUFBEWAHRUNG_TAGE``, else STANDARD_TAGE."""
    wert = tage if tage is not None else int(os.environ.get("AMTSWEG_AUFBEWAHRUNG_TAGE", STANDARD_TAGE))
    if wert < 0:
        raise ValueError("Die Aufbewahrungsfrist darf nicht negativ sein.")
    return dt.timedelta(days=wert)


@dataclass
class Loeschbericht:
    vorgaenge: list[str] = field(default_factory=list)
    dokumente: int = 0
    dateien: list[str] = field(default_factory=list)  # to remove after the commit


def _abgeschlossen_am(s: Session, vorgang: Vorgang) -> dt.datetime:
    ereignisse = s.scalars(
        select(AuditEreignis)
        .where(AuditEreignis.vorgang == vorgang.nummer, AuditEreignis.aktion == Aktion.status_geaendert.value)
        .order_by(AuditEreignis.folge.desc())
    )
    zeit = next((e.zeitpunkt for e in ereignisse if e.daten.get("nach") == ABGESCHLOSSEN), None)
    zeit = zeit or vorgang.aktualisiert_am
    return zeit if zeit.tzinfo else zeit.replace(tzinfo=dt.UTC)


def loesche_abgelaufene(
    s: Session, dauer: dt.timedelta, zeitpunkt: dt.datetime | None = None
) -> Loeschbericht:
    """Delete expired documents' rows in the caller's transaction; the files are listed in the report."""
    stichzeit = (zeitpunkt or jetzt()) - dauer
    bericht = Loeschbericht()
    for vorgang in s.scalars(select(Vorgang).where(Vorgang.status == ABGESCHLOSSEN).order_by(Vorgang.id)):
        dokumente = list(s.scalars(select(Dokument).where(Dokument.vorgang_id == vorgang.id)))
        if not dokumente or _abgeschlossen_am(s, vorgang) > stichzeit:
            continue
        bericht.vorgaenge.append(vorgang.nummer)
        for dokument in dokumente:
            s.execute(delete(Feldvorschlag).where(Feldvorschlag.dokument_id == dokument.id))
            s.execute(delete(Dokumentauswertung).where(Dokumentauswertung.dokument_id == dokument.id))
            protokolliere(
                s, Aktion.dokument_geloescht, akteur="system", rolle="system", vorgang=vorgang.nummer,
                daten={"dokument_id": dokument.id, "sha256": dokument.sha256, "grund": "aufbewahrungsfrist",
                       "frist_tage": dauer.days},
            )  # fmt: skip
            s.delete(dokument)
            s.flush()
            andere = s.scalar(select(func.count()).where(Dokument.speicherort == dokument.speicherort))
            if not andere and dokument.speicherort not in bericht.dateien:
                bericht.dateien.append(dokument.speicherort)
            bericht.dokumente += 1
    return bericht


def entferne_dateien(bericht: Loeschbericht) -> int:
    """Remove the listed files (after the commit); missing files are fine. Returns the number removed."""
    entfernt = 0
    for pfad in bericht.dateien:
        try:
            Path(pfad).unlink()
            entfernt += 1
        except FileNotFoundError:
            pass
    return entfernt


def fuehre_aus(db: Datenbank, tage: int | None = None, zeitpunkt: dt.datetime | None = None) -> Loeschbericht:
    """Apply the retention period: delete rows and audit (one transaction), then remove the files."""
    with db.sitzung() as s:
        bericht = loesche_abgelaufene(s, frist(tage), zeitpunkt)
    entferne_dateien(bericht)
    return bericht
