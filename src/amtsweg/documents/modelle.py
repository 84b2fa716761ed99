"""Database models of the reading pipeline (the lead adds the Alembic migration).

One ``Dokumentauswertung`` per Dokument (unique: the job is idempotent) and one ``Feldvorschlag`` per
extracted field. A proposal only becomes a value of the procedure when a person decides on it
(``status`` bestaetigt/korrigiert); the decision columns are filled by the staff UI.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from sqlalchemy import JSON, BigInteger, DateTime, Float, ForeignKey, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from amtsweg.db.basis import Basis

ID = BigInteger().with_variant(Integer, "sqlite")
STATUS = ("offen", "bestaetigt", "korrigiert", "abgelehnt")


def jetzt() -> dt.datetime:
    return dt.datetime.now(dt.UTC)


class Dokumentauswertung(Basis):
    __tablename__ = "dokument_auswertung"

    id: Mapped[int] = mapped_column(ID, primary_key=True)
    dokument_id: Mapped[int] = mapped_column(ForeignKey("dokument.id"), unique=True)
    typ: Mapped[str] = mapped_column(String(40))  # one of klassifikation's types; "" if refused
    konfidenz: Mapped[float] = mapped_column(Float, default=0.0)
    verteilung: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)  # type -> probability
    seiten: Mapped[int] = mapped_column(Integer, default=0)
    quelle: Mapped[str] = mapped_column(String(20), default="")  # text | ocr | gemischt
    dauer_ms: Mapped[int] = mapped_column(Integer, default=0)
    modell_version: Mapped[str] = mapped_column(String(80), default="")
    fehler: Mapped[str | None] = mapped_column(Text)  # German refusal message (intake), no proposals then
    erstellt_am: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True), default=jetzt)

    vorschlaege: Mapped[list[Feldvorschlag]] = relationship(
        back_populates="auswertung", order_by="Feldvorschlag.id", cascade="all, delete-orphan"
    )


class Feldvorschlag(Basis):
    __tablename__ = "feldvorschlag"

    id: Mapped[int] = mapped_column(ID, primary_key=True)
    auswertung_id: Mapped[int] = mapped_column(ForeignKey("dokument_auswertung.id"), index=True)
    dokument_id: Mapped[int] = mapped_column(ForeignKey("dokument.id"), index=True)
    feld: Mapped[str] = mapped_column(String(60))
    wert: Mapped[str] = mapped_column(String(200))  # normalised ("1234.56", "2025-03-01", ...)
    text: Mapped[str] = mapped_column(String(300))  # characters read
    seite: Mapped[int] = mapped_column(Integer)
    zeile: Mapped[str] = mapped_column(Text)  # evidence line
    spanne: Mapped[list[Any]] = mapped_column(JSON)  # [start, end] in the page text
    # [x0, y0, x1, y1] (0..1) on the page image as uploaded, then [drehung, schraeglage]: the clockwise
    # rotation and the deskew angle OCR applied before reading (the box was mapped back through them)
    box: Mapped[list[Any] | None] = mapped_column(JSON)
    konfidenz: Mapped[float] = mapped_column(Float)
    status: Mapped[str] = mapped_column(String(20), default="offen", index=True)  # see STATUS
    entschiedener_wert: Mapped[str | None] = mapped_column(String(200))
    entschieden_von_id: Mapped[int | None] = mapped_column(ForeignKey("benutzer.id"))
    entschieden_am: Mapped[dt.datetime | None] = mapped_column(DateTime(timezone=True))

    auswertung: Mapped[Dokumentauswertung] = relationship(back_populates="vorschlaege")
