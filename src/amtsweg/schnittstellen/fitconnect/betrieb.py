"""Operations view of the intake: counts per state and submissions whose confirming event is still not
delivered. FIT-Connect mails the technical contact after 3 days and rejects after 14 days, so Amtsweg warns
after ``WARNFRIST`` (2 days)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from amtsweg.schnittstellen.fitconnect.modelle import Einreichung

WARNFRIST = dt.timedelta(days=2)


@dataclass(frozen=True, slots=True)
class Lage:
    je_status: dict[str, int]
    unbestaetigt: int
    ueberfaellig: list[str]  # submission ids unconfirmed for longer than WARNFRIST


def lage(s: Session, jetzt: dt.datetime) -> Lage:
    je_status = {
        str(status): int(anzahl)
        for status, anzahl in s.execute(select(Einreichung.status, func.count()).group_by(Einreichung.status))
    }
    offen = s.execute(
        select(Einreichung.submission_id, Einreichung.eingegangen_am).where(
            Einreichung.bestaetigt_am.is_(None)
        )
    ).all()

    def alter(zeit: dt.datetime) -> dt.timedelta:
        return jetzt - (zeit if zeit.tzinfo else zeit.replace(tzinfo=dt.UTC))

    return Lage(je_status, len(offen), sorted(sid for sid, zeit in offen if alter(zeit) > WARNFRIST))
