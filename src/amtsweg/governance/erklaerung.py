"""Art. 86 KI-VO, Art. 22 DSGVO, § 35 SGB X: which AI contributed what to one Vorgang, read from the
tables (the caller has already checked that the person may see this Vorgang)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from amtsweg.governance.tabellen import auswertung, dokument, feldvorschlag, vorgang


@dataclass(frozen=True, slots=True)
class Dokumentrolle:
    dateiname: str
    typ: str
    vorschlaege: int
    bestaetigt: int
    korrigiert: int
    abgelehnt: int
    offen: int


@dataclass(frozen=True, slots=True)
class Erklaerung:
    automatisch: bool
    pruefgruende: list[str]
    dokumente: list[Dokumentrolle]

    @property
    def gelesen(self) -> bool:
        return any(d.vorschlaege for d in self.dokumente)


def erklaere(s: Session, vorgang_id: int) -> Erklaerung:
    kopf = s.execute(
        select(vorgang.c.automatisch, vorgang.c.pruefgruende).where(vorgang.c.id == vorgang_id)
    ).one()
    dateien = s.execute(
        select(dokument.c.id, dokument.c.dateiname, auswertung.c.typ)
        .outerjoin(auswertung, auswertung.c.dokument_id == dokument.c.id)
        .where(dokument.c.vorgang_id == vorgang_id)
        .order_by(dokument.c.id)
    ).all()
    stati: dict[int, dict[str, int]] = {}
    for dokument_id, status in s.execute(
        select(auswertung.c.dokument_id, feldvorschlag.c.status)
        .join(auswertung, auswertung.c.id == feldvorschlag.c.auswertung_id)
        .join(dokument, dokument.c.id == auswertung.c.dokument_id)
        .where(dokument.c.vorgang_id == vorgang_id)
    ):
        zaehler = stati.setdefault(dokument_id, {})
        zaehler[status] = zaehler.get(status, 0) + 1
    rollen = []
    for zeile in dateien:
        z: dict[str, Any] = stati.get(zeile.id, {})
        rollen.append(
            Dokumentrolle(
                dateiname=zeile.dateiname,
                typ=zeile.typ or "",
                vorschlaege=sum(z.values()),
                bestaetigt=z.get("bestaetigt", 0),
                korrigiert=z.get("korrigiert", 0),
                abgelehnt=z.get("abgelehnt", 0),
                offen=z.get("offen", 0),
            )
        )
    return Erklaerung(bool(kopf.automatisch), [str(g) for g in kopf.pruefgruende or []], rollen)


def bescheid_saetze(s: Session, vorgang_id: int) -> tuple[str, ...]:
    """Sentences for the Bescheid's Begründung: which Nachweise were read by machine and what a person did
    with the proposed values (empty when no proposal was decided)."""
    geprueft = [d for d in erklaere(s, vorgang_id).dokumente if d.bestaetigt + d.korrigiert + d.abgelehnt]
    if not geprueft:
        return ()
    teile = [
        f"„{d.dateiname}“: {d.bestaetigt} bestätigt, {d.korrigiert} korrigiert, {d.abgelehnt} verworfen"
        for d in geprueft
    ]
    return (
        "Einzelne Werte aus Ihren Nachweisen wurden maschinell gelesen und als Vorschlag angezeigt. "
        "Eine Mitarbeiterin oder ein Mitarbeiter hat jeden Vorschlag geprüft; nur bestätigte oder "
        "korrigierte Werte sind in diese Entscheidung eingeflossen (" + "; ".join(teile) + ").",
        "Welche Rolle die KI in Ihrem Verfahren hatte, können Sie im Bürgerportal unter „Welche Rolle "
        "hatte KI bei diesem Antrag?“ nachlesen (Art. 86 KI-Verordnung, Art. 22 DSGVO).",
    )
