"""Database models of the procedure. Nothing is deleted; corrections are new rows and audit events."""

from __future__ import annotations

import datetime as dt
from typing import Any

from sqlalchemy import (
    JSON,
    BigInteger,
    Boolean,
    Date,
    DateTime,
    ForeignKey,
    Index,
    Integer,
    LargeBinary,
    String,
    Text,
    text,
)
from sqlalchemy.orm import Mapped, mapped_column, relationship

from amtsweg.cases.status import OFFEN
from amtsweg.db.basis import Basis

ID = BigInteger().with_variant(Integer, "sqlite")
#: predicate of the partial queue indexes (fixed constants, no user input)
OFFEN_SQL = "status IN (" + ", ".join(f"'{s}'" for s in OFFEN) + ")"


def jetzt() -> dt.datetime:
    return dt.datetime.now(dt.UTC)


class Behoerde(Basis):
    __tablename__ = "behoerde"

    id: Mapped[int] = mapped_column(ID, primary_key=True)
    schluessel: Mapped[str] = mapped_column(String(40), unique=True)
    name: Mapped[str] = mapped_column(String(200))
    anschrift: Mapped[list[Any]] = mapped_column(JSON)
    telefon: Mapped[str] = mapped_column(String(60), default="")
    email: Mapped[str] = mapped_column(String(200), default="")
    leitung: Mapped[str] = mapped_column(String(200), default="")
    widerspruchsstelle: Mapped[str] = mapped_column(String(300), default="")
    gericht: Mapped[str] = mapped_column(String(300), default="")
    #: four-eyes principle: decisions above this monthly amount (cents) need a Freigabe
    freigabe_ab_cent: Mapped[int] = mapped_column(BigInteger, default=50_000)
    #: area of local competence: rows of the official Gemeinde list ("RP|Ludwigshafen am Rhein, Stadt",
    #: Land code and name as in the Anlage zu § 1 Abs. 3 WoGV); see cases.zustaendigkeit and A-0080
    zustaendigkeit: Mapped[list[Any]] = mapped_column(JSON, default=list, server_default="[]")


class Benutzer(Basis):
    __tablename__ = "benutzer"

    id: Mapped[int] = mapped_column(ID, primary_key=True)
    email: Mapped[str] = mapped_column(String(254), unique=True)
    name: Mapped[str] = mapped_column(String(200))
    passwort_hash: Mapped[str] = mapped_column(String(200))
    rolle: Mapped[str] = mapped_column(String(30))  # see cases.rechte.ROLLEN
    behoerde_id: Mapped[int | None] = mapped_column(ForeignKey("behoerde.id"))
    anschrift: Mapped[list[Any]] = mapped_column(JSON, default=list)
    aktiv: Mapped[bool] = mapped_column(Boolean, default=True)
    erstellt_am: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True), default=jetzt)

    behoerde: Mapped[Behoerde | None] = relationship()


class Antragsentwurf(Basis):
    """A citizen's unfinished Antrag (multi-step form), saved between steps."""

    __tablename__ = "antragsentwurf"

    id: Mapped[int] = mapped_column(ID, primary_key=True)
    benutzer_id: Mapped[int] = mapped_column(ForeignKey("benutzer.id"), index=True)
    behoerde_id: Mapped[int] = mapped_column(ForeignKey("behoerde.id"))
    leistung: Mapped[str] = mapped_column(String(30))
    daten: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)
    schritt: Mapped[int] = mapped_column(Integer, default=1)
    aktualisiert_am: Mapped[dt.datetime] = mapped_column(
        DateTime(timezone=True), default=jetzt, onupdate=jetzt
    )
    eingereicht: Mapped[bool] = mapped_column(Boolean, default=False)


class Vorgang(Basis):
    __tablename__ = "vorgang"
    __table_args__ = (
        Index("ix_vorgang_behoerde_status_eingang", "behoerde_id", "status", "eingegangen_am"),
        Index("ix_vorgang_behoerde_frist", "behoerde_id", "frist"),
        # keyset pages of the queue (revision 0013): all Vorgänge, and the open ones as partial indexes
        Index("ix_vorgang_behoerde_eingang_id", "behoerde_id", "eingegangen_am", "id"),
        Index(
            "ix_vorgang_offen_eingang_id",
            "behoerde_id",
            "eingegangen_am",
            "id",
            postgresql_where=text(OFFEN_SQL),
            sqlite_where=text(OFFEN_SQL),
        ),
        Index(
            "ix_vorgang_offen_frist_id",
            "behoerde_id",
            "frist",
            "id",
            postgresql_where=text(OFFEN_SQL),
            sqlite_where=text(OFFEN_SQL),
        ),
    )

    id: Mapped[int] = mapped_column(ID, primary_key=True)
    nummer: Mapped[str] = mapped_column(String(40), unique=True)
    behoerde_id: Mapped[int] = mapped_column(ForeignKey("behoerde.id"), index=True)
    antragsteller_id: Mapped[int] = mapped_column(ForeignKey("benutzer.id"), index=True)
    leistung: Mapped[str] = mapped_column(String(30))
    art: Mapped[str] = mapped_column(String(30), default="erstantrag")  # erstantrag|weiterleistung|aenderung
    vorgaenger_id: Mapped[int | None] = mapped_column(ForeignKey("vorgang.id"))
    status: Mapped[str] = mapped_column(String(30), index=True)
    daten: Mapped[dict[str, Any]] = mapped_column(JSON)  # the Haushalt JSON of the Antrag
    eingegangen_am: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True), default=jetzt, index=True)
    frist: Mapped[dt.date | None] = mapped_column(
        Date, index=True
    )  # next deadline (Nachforderung, Entscheidung)
    zugewiesen_an_id: Mapped[int | None] = mapped_column(ForeignKey("benutzer.id"), index=True)
    automatisch: Mapped[bool] = mapped_column(Boolean, default=False)
    pruefgruende: Mapped[list[Any]] = mapped_column(JSON, default=list)  # why a person is needed (§ 31a)
    bemerkung: Mapped[str] = mapped_column(Text, default="")  # citizen's free-text statement
    #: statements of the Antrag outside the Haushalt JSON (bank account, Mietverhältnis, Vermögen answer,
    #: earlier Wohngeld); see web.formulare.angaben
    angaben: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict, server_default="{}")
    aktualisiert_am: Mapped[dt.datetime] = mapped_column(
        DateTime(timezone=True), default=jetzt, onupdate=jetzt
    )

    antragsteller: Mapped[Benutzer] = relationship(foreign_keys=[antragsteller_id])
    behoerde: Mapped[Behoerde] = relationship()


class Dokument(Basis):
    __tablename__ = "dokument"

    id: Mapped[int] = mapped_column(ID, primary_key=True)
    vorgang_id: Mapped[int] = mapped_column(ForeignKey("vorgang.id"), index=True)
    dateiname: Mapped[str] = mapped_column(String(255))
    mime: Mapped[str] = mapped_column(String(100))
    groesse: Mapped[int] = mapped_column(BigInteger)
    sha256: Mapped[str] = mapped_column(String(64), index=True)
    speicherort: Mapped[str] = mapped_column(String(500))
    art: Mapped[str] = mapped_column(String(60), default="nachweis")
    hochgeladen_von_id: Mapped[int] = mapped_column(ForeignKey("benutzer.id"))
    hochgeladen_am: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True), default=jetzt)


class Nachforderung(Basis):
    __tablename__ = "nachforderung"

    id: Mapped[int] = mapped_column(ID, primary_key=True)
    vorgang_id: Mapped[int] = mapped_column(ForeignKey("vorgang.id"), index=True)
    beschreibung: Mapped[str] = mapped_column(Text)
    frist: Mapped[dt.date] = mapped_column(Date)
    erstellt_von_id: Mapped[int] = mapped_column(ForeignKey("benutzer.id"))
    erstellt_am: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True), default=jetzt)
    erinnert_am: Mapped[dt.datetime | None] = mapped_column(DateTime(timezone=True))
    erledigt_am: Mapped[dt.datetime | None] = mapped_column(DateTime(timezone=True))


class Berechnung(Basis):
    __tablename__ = "berechnung"

    id: Mapped[int] = mapped_column(ID, primary_key=True)
    vorgang_id: Mapped[int] = mapped_column(ForeignKey("vorgang.id"), index=True)
    stichtag: Mapped[dt.date] = mapped_column(Date)
    ergebnis: Mapped[dict[str, Any]] = mapped_column(JSON)  # the rules' JSON output incl. begruendung
    betrag_cent: Mapped[int] = mapped_column(BigInteger)
    regelwerk_version: Mapped[str] = mapped_column(String(80))
    erstellt_von: Mapped[str] = mapped_column(String(200))
    erstellt_am: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True), default=jetzt)


class Entscheidung(Basis):
    __tablename__ = "entscheidung"
    __table_args__ = (Index("ix_entscheidung_vorgang_id_id", "vorgang_id", "id"),)

    id: Mapped[int] = mapped_column(ID, primary_key=True)
    vorgang_id: Mapped[int] = mapped_column(ForeignKey("vorgang.id"), index=True)
    berechnung_id: Mapped[int | None] = mapped_column(ForeignKey("berechnung.id"))
    art: Mapped[str] = mapped_column(String(30))  # bewilligung|teilbewilligung|ablehnung
    betrag_cent: Mapped[int] = mapped_column(BigInteger, default=0)
    bewilligung_von: Mapped[dt.date | None] = mapped_column(Date)
    bewilligung_bis: Mapped[dt.date | None] = mapped_column(Date)
    gruende: Mapped[list[Any]] = mapped_column(JSON, default=list)
    entschieden_von_id: Mapped[int | None] = mapped_column(ForeignKey("benutzer.id"))
    entschieden_am: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True), default=jetzt)
    automatisch: Mapped[bool] = mapped_column(Boolean, default=False)
    freigabe_erforderlich: Mapped[bool] = mapped_column(Boolean, default=False)
    freigegeben_von_id: Mapped[int | None] = mapped_column(ForeignKey("benutzer.id"))
    freigegeben_am: Mapped[dt.datetime | None] = mapped_column(DateTime(timezone=True))


class Bescheid(Basis):
    __tablename__ = "bescheid"
    __table_args__ = (
        Index("ix_bescheid_erstellt_am", "erstellt_am"),
        Index("ix_bescheid_automatisch", "automatisch"),
    )

    id: Mapped[int] = mapped_column(ID, primary_key=True)
    vorgang_id: Mapped[int] = mapped_column(ForeignKey("vorgang.id"), index=True)
    entscheidung_id: Mapped[int] = mapped_column(ForeignKey("entscheidung.id"))
    datum: Mapped[dt.date] = mapped_column(Date)
    pdf: Mapped[bytes] = mapped_column(LargeBinary)
    sha256: Mapped[str] = mapped_column(String(64))
    automatisch: Mapped[bool] = mapped_column(Boolean, default=False)
    rechtsbehelfsfrist: Mapped[dt.date | None] = mapped_column(Date)
    erstellt_am: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True), default=jetzt)


class Widerspruch(Basis):
    __tablename__ = "widerspruch"

    id: Mapped[int] = mapped_column(ID, primary_key=True)
    vorgang_id: Mapped[int] = mapped_column(ForeignKey("vorgang.id"), index=True)
    bescheid_id: Mapped[int | None] = mapped_column(ForeignKey("bescheid.id"))
    begruendung: Mapped[str] = mapped_column(Text)
    eingegangen_am: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True), default=jetzt)
    eingelegt_von_id: Mapped[int] = mapped_column(ForeignKey("benutzer.id"))
