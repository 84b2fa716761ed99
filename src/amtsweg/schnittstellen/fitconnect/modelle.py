"""Received FIT-Connect submissions: one row per submissionId (unique), written in the same transaction as
the Vorgang it created, so a submission is taken over exactly once; the confirming event is sent after the
commit and re-sent on the next poll until the Zustelldienst has it (``bestaetigt_am``)."""

from __future__ import annotations

import datetime as dt
from typing import Any

from sqlalchemy import JSON, BigInteger, DateTime, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from amtsweg.db.basis import Basis

ANGENOMMEN = "angenommen"
ABGELEHNT = "abgelehnt"


def jetzt() -> dt.datetime:
    return dt.datetime.now(dt.UTC)


class Einreichung(Basis):
    __tablename__ = "fitconnect_einreichung"

    id: Mapped[int] = mapped_column(BigInteger().with_variant(Integer, "sqlite"), primary_key=True)
    submission_id: Mapped[str] = mapped_column(String(36), unique=True)
    case_id: Mapped[str] = mapped_column(String(36), index=True)
    destination_id: Mapped[str] = mapped_column(String(36))
    status: Mapped[str] = mapped_column(String(20))  # angenommen|abgelehnt
    vorgang_nummer: Mapped[str | None] = mapped_column(String(40), index=True)
    probleme: Mapped[list[Any]] = mapped_column(JSON, default=list)
    ereignis: Mapped[str] = mapped_column(Text)  # the signed SET (accept or reject), kept for the audit
    eingegangen_am: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True), default=jetzt)
    bestaetigt_am: Mapped[dt.datetime | None] = mapped_column(DateTime(timezone=True), index=True)
