"""Database tables of AI governance: the kill switch per use case, breaches of monitoring thresholds and
the assistant's answer log (status only, never the question) that the oversight metrics read."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import BigInteger, Boolean, DateTime, Float, Integer, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from amtsweg.db.basis import Basis

ID = BigInteger().with_variant(Integer, "sqlite")


def jetzt() -> dt.datetime:
    return dt.datetime.now(dt.UTC)


class KiSchalter(Basis):
    """Current state of one AI use case (no row = switched on); every change is also an audit event."""

    __tablename__ = "ki_schalter"

    kennung: Mapped[str] = mapped_column(String(60), primary_key=True)
    aktiv: Mapped[bool] = mapped_column(Boolean, default=True)
    grund: Mapped[str] = mapped_column(Text, default="")
    geaendert_von: Mapped[str] = mapped_column(String(200), default="")
    geaendert_am: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True), default=jetzt)


class KiWarnung(Basis):
    """A monitoring threshold of the register was breached (one row per use case, metric and period)."""

    __tablename__ = "ki_warnung"
    __table_args__ = (UniqueConstraint("kennung", "metrik", "zeitraum"),)

    id: Mapped[int] = mapped_column(ID, primary_key=True)
    kennung: Mapped[str] = mapped_column(String(60), index=True)
    metrik: Mapped[str] = mapped_column(String(80))
    zeitraum: Mapped[str] = mapped_column(String(40))  # "2026-12-01..2026-12-31"
    wert: Mapped[float] = mapped_column(Float)
    schwelle: Mapped[float] = mapped_column(Float)
    text: Mapped[str] = mapped_column(Text)
    erkannt_am: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True), default=jetzt)


class KiAssistentAntwort(Basis):
    """One answer of the assistant: channel, status, confidence, number of sources (no question text)."""

    __tablename__ = "ki_assistent_antwort"

    id: Mapped[int] = mapped_column(ID, primary_key=True)
    zeitpunkt: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True), default=jetzt, index=True)
    kanal: Mapped[str] = mapped_column(String(20))
    status: Mapped[str] = mapped_column(String(30))  # antwort | keine_quelle | einzelfall | abgeschaltet
    konfidenz: Mapped[float] = mapped_column(Float, default=0.0)
    quellen: Mapped[int] = mapped_column(Integer, default=0)
