"""Database tables of the visit-targeting module (the lead adds the Alembic migration).

Tables: ``praev_betrieb`` (Mitgliedsbetrieb), ``praev_unfallanzeige``, ``praev_besuch`` (Besuch/Prüfung),
``praev_mangel`` (finding with standard, severity and penalty), ``praev_risikolauf`` (one scoring run of a
model version), ``praev_besuchsplan`` (worklist entry with the Aufsichtsperson's decision). Nothing is
deleted; decisions are recorded with person, time and reason.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from sqlalchemy import JSON, BigInteger, Date, DateTime, Float, ForeignKey, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from amtsweg.db.basis import Basis

ID = BigInteger().with_variant(Integer, "sqlite")

#: allowed decisions on a worklist entry
ENTSCHEIDUNGEN = ("offen", "angenommen", "uebersprungen", "besucht")


def jetzt() -> dt.datetime:
    return dt.datetime.now(dt.UTC)


class Mitgliedsbetrieb(Basis):
    __tablename__ = "praev_betrieb"

    id: Mapped[int] = mapped_column(ID, primary_key=True)
    #: the insurer's member number (or the OSHA firm_key when importing the public data)
    betriebsnummer: Mapped[str] = mapped_column(String(120), unique=True)
    name: Mapped[str] = mapped_column(String(300), default="")
    gewerk: Mapped[str] = mapped_column(String(120), default="")  # trade, e.g. NAICS 2381 / "Dachdecker"
    branche: Mapped[str] = mapped_column(String(120), default="")
    groessenklasse: Mapped[str] = mapped_column(String(20), default="unbekannt")  # e.g. "1-9", "10-49"
    beschaeftigte: Mapped[int | None] = mapped_column(Integer)
    plz: Mapped[str] = mapped_column(String(10), default="")
    ort: Mapped[str] = mapped_column(String(120), default="")
    region: Mapped[str] = mapped_column(String(60), default="", index=True)  # Bezirk / state
    erstellt_am: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True), default=jetzt)

    unfaelle: Mapped[list[Unfallanzeige]] = relationship(back_populates="betrieb")
    besuche: Mapped[list[Besuch]] = relationship(back_populates="betrieb")


class Unfallanzeige(Basis):
    __tablename__ = "praev_unfallanzeige"

    id: Mapped[int] = mapped_column(ID, primary_key=True)
    betrieb_id: Mapped[int] = mapped_column(ForeignKey("praev_betrieb.id"), index=True)
    aktenzeichen: Mapped[str] = mapped_column(String(60), default="")
    datum: Mapped[dt.date] = mapped_column(Date, index=True)
    #: "leicht", "meldepflichtig", "schwer", "toedlich"
    schwere: Mapped[str] = mapped_column(String(20), default="meldepflichtig")
    schilderung: Mapped[str] = mapped_column(Text, default="")  # narrative
    #: cause category (one of erzaehlung.KATEGORIEN), set by a person or by the classifier
    ursache: Mapped[str] = mapped_column(String(60), default="")
    ursache_quelle: Mapped[str] = mapped_column(String(20), default="")  # "person" | "modell:<version>"
    ursache_wahrscheinlichkeit: Mapped[float | None] = mapped_column(Float)

    betrieb: Mapped[Mitgliedsbetrieb] = relationship(back_populates="unfaelle")


class Besuch(Basis):
    """A Besuch or Prüfung (inspection) with its result."""

    __tablename__ = "praev_besuch"

    id: Mapped[int] = mapped_column(ID, primary_key=True)
    betrieb_id: Mapped[int] = mapped_column(ForeignKey("praev_betrieb.id"), index=True)
    datum: Mapped[dt.date] = mapped_column(Date, index=True)
    #: "unfall" (accident investigation), "programm" (planned), "beschwerde", "nachpruefung", "beratung"
    anlass: Mapped[str] = mapped_column(String(30), default="programm")
    aufsichtsperson: Mapped[str] = mapped_column(String(120), default="")
    ergebnis: Mapped[str] = mapped_column(String(30), default="")  # "ohne_maengel", "maengel", "stilllegung"
    bussgeld_cent: Mapped[int] = mapped_column(BigInteger, default=0)  # penalties, integer cents
    bemerkung: Mapped[str] = mapped_column(Text, default="")
    #: advice given on the visit and the agreed follow-up date (migration 0010)
    beratung: Mapped[str] = mapped_column(Text, default="", server_default="")
    folgetermin: Mapped[dt.date | None] = mapped_column(Date, index=True)
    #: optional link to the worklist entry that led to this visit (results flow back)
    plan_id: Mapped[int | None] = mapped_column(ForeignKey("praev_besuchsplan.id"))

    betrieb: Mapped[Mitgliedsbetrieb] = relationship(back_populates="besuche")
    maengel: Mapped[list[Mangel]] = relationship(back_populates="besuch")


class Mangel(Basis):
    """A finding (Mangel / violation) of a visit."""

    __tablename__ = "praev_mangel"

    id: Mapped[int] = mapped_column(ID, primary_key=True)
    besuch_id: Mapped[int] = mapped_column(ForeignKey("praev_besuch.id"), index=True)
    vorschrift: Mapped[str] = mapped_column(String(60), default="")  # e.g. "DGUV V 38 § 9", "19260501"
    #: "schwer", "vorsaetzlich", "wiederholt", "sonstig"
    schwere: Mapped[str] = mapped_column(String(20), default="sonstig")
    bussgeld_cent: Mapped[int] = mapped_column(BigInteger, default=0)
    beschreibung: Mapped[str] = mapped_column(Text, default="")

    besuch: Mapped[Besuch] = relationship(back_populates="maengel")


class Risikolauf(Basis):
    """One scoring run: which model version scored which reference date."""

    __tablename__ = "praev_risikolauf"

    id: Mapped[int] = mapped_column(ID, primary_key=True)
    modell_version: Mapped[str] = mapped_column(String(80))
    stichtag: Mapped[dt.date] = mapped_column(Date)
    erstellt_am: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True), default=jetzt)
    kennzahlen: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)  # drift and fairness summary


class Besuchsplan(Basis):
    """A worklist entry: rank within region/person, score, reasons and the person's decision."""

    __tablename__ = "praev_besuchsplan"

    id: Mapped[int] = mapped_column(ID, primary_key=True)
    lauf_id: Mapped[int] = mapped_column(ForeignKey("praev_risikolauf.id"), index=True)
    betrieb_id: Mapped[int] = mapped_column(ForeignKey("praev_betrieb.id"), index=True)
    region: Mapped[str] = mapped_column(String(60), default="", index=True)
    aufsichtsperson: Mapped[str] = mapped_column(String(120), default="", index=True)
    rang: Mapped[int] = mapped_column(Integer)
    wahrscheinlichkeit: Mapped[float] = mapped_column(Float)
    gruende: Mapped[list[Any]] = mapped_column(JSON, default=list)  # German plain-language factors
    entscheidung: Mapped[str] = mapped_column(String(20), default="offen")  # see ENTSCHEIDUNGEN
    begruendung: Mapped[str] = mapped_column(Text, default="")  # required for "uebersprungen"
    entschieden_von: Mapped[str] = mapped_column(String(120), default="")
    entschieden_am: Mapped[dt.datetime | None] = mapped_column(DateTime(timezone=True))


class GbAblage(Basis):
    """A firm's saved Gefährdungsbeurteilung (owned by one account; only the owner may see or change it)."""

    __tablename__ = "praev_gb"

    id: Mapped[int] = mapped_column(ID, primary_key=True)
    besitzer_id: Mapped[int] = mapped_column(ForeignKey("benutzer.id"), index=True)
    bezeichnung: Mapped[str] = mapped_column(String(200))
    fassung: Mapped[int] = mapped_column(Integer, default=1)  # number of the current version
    erstellt_am: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True), default=jetzt)
    geaendert_am: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True), default=jetzt)

    fassungen: Mapped[list[GbFassung]] = relationship(back_populates="ablage", order_by="GbFassung.nummer")


class GbFassung(Basis):
    """One version of a saved assessment (the "Fortschreibung" keeps every earlier version, § 6 ArbSchG)."""

    __tablename__ = "praev_gb_fassung"

    id: Mapped[int] = mapped_column(ID, primary_key=True)
    ablage_id: Mapped[int] = mapped_column(ForeignKey("praev_gb.id"), index=True)
    nummer: Mapped[int] = mapped_column(Integer)
    eingabe: Mapped[dict[str, Any]] = mapped_column(JSON)  # Baustelle.als_dict() incl. measures
    anlass: Mapped[str] = mapped_column(Text, default="")  # reason for the update
    wissensbasis_version: Mapped[str] = mapped_column(String(40), default="")
    erstellt_von: Mapped[str] = mapped_column(String(200), default="")
    erstellt_am: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True), default=jetzt)

    ablage: Mapped[GbAblage] = relationship(back_populates="fassungen")


class Vorankuendigung(Basis):
    """A Vorankündigung under § 2 Abs. 2 BaustellV with the data of its Anhang I (imported; current sites)."""

    __tablename__ = "praev_vorankuendigung"

    id: Mapped[int] = mapped_column(ID, primary_key=True)
    aktenzeichen: Mapped[str] = mapped_column(String(60), unique=True)
    ort: Mapped[str] = mapped_column(String(300))  # Anhang I Nr. 1
    plz: Mapped[str] = mapped_column(String(10), default="")
    region: Mapped[str] = mapped_column(String(60), default="", index=True)
    bauherr: Mapped[str] = mapped_column(String(300), default="")  # Nr. 2
    art_bauvorhaben: Mapped[str] = mapped_column(String(300), default="")  # Nr. 3
    dritter: Mapped[str] = mapped_column(String(300), default="")  # Nr. 4
    koordinator: Mapped[str] = mapped_column(String(300), default="")  # Nr. 5
    beginn: Mapped[dt.date] = mapped_column(Date, index=True)  # Nr. 6
    dauer_arbeitstage: Mapped[int] = mapped_column(Integer)  # Nr. 6
    hoechstzahl_beschaeftigte: Mapped[int] = mapped_column(Integer)  # Nr. 7
    zahl_arbeitgeber: Mapped[int | None] = mapped_column(Integer)  # Nr. 8
    #: Nr. 9: selected employers, Betriebsnummern or names
    unternehmen: Mapped[list[str]] = mapped_column(JSON, default=list)
    eingegangen_am: Mapped[dt.date | None] = mapped_column(Date)
    erstellt_am: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True), default=jetzt)
