"""The audit trail: typed, append-only, hash-chained events.

Every event stores who did what, when, on which Vorgang and under which regelwerk_version, plus the
hash of its predecessor; its own hash covers all of that. ``pruefe_kette`` recomputes the chain and
finds any changed, inserted or deleted event. The database refuses UPDATE and DELETE on the table
(triggers created by the migration); corrections are new events.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
from dataclasses import dataclass
from enum import StrEnum
from typing import Any

from sqlalchemy import JSON, BigInteger, DateTime, Integer, String, select, text
from sqlalchemy.orm import Mapped, Session, mapped_column

from amtsweg.db.basis import Basis

START_HASH = "0" * 64


class Aktion(StrEnum):
    konto_angelegt = "konto_angelegt"
    konto_geaendert = "konto_geaendert"
    abmeldung = "abmeldung"
    anmeldung = "anmeldung"
    anmeldung_fehlgeschlagen = "anmeldung_fehlgeschlagen"
    antrag_eingereicht = "antrag_eingereicht"
    status_geaendert = "status_geaendert"
    dokument_hochgeladen = "dokument_hochgeladen"
    nachforderung = "nachforderung"
    erinnerung = "erinnerung"
    berechnung = "berechnung"
    automatisierung_geprueft = "automatisierung_geprueft"
    entscheidung = "entscheidung"
    freigabe = "freigabe"
    freigabe_abgelehnt = "freigabe_abgelehnt"
    bescheid_erstellt = "bescheid_erstellt"
    bescheid_abgerufen = "bescheid_abgerufen"
    widerspruch = "widerspruch"
    vorgang_angesehen = "vorgang_angesehen"
    datenauskunft = "datenauskunft"
    zugriff_verweigert = "zugriff_verweigert"
    vorgang_zugewiesen = "vorgang_zugewiesen"
    dokument_gelesen = "dokument_gelesen"
    vorschlag_bestaetigt = "vorschlag_bestaetigt"
    vorschlag_korrigiert = "vorschlag_korrigiert"
    vorschlag_abgelehnt = "vorschlag_abgelehnt"
    dokument_geloescht = "dokument_geloescht"
    xdomea_abgabe = "xdomea_abgabe"
    fitconnect_eingang = "fitconnect_eingang"


class AuditEreignis(Basis):
    __tablename__ = "audit_ereignis"

    id: Mapped[int] = mapped_column(BigInteger().with_variant(Integer, "sqlite"), primary_key=True)
    folge: Mapped[int] = mapped_column(BigInteger, unique=True)
    zeitpunkt: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True))
    akteur: Mapped[str] = mapped_column(String(200))
    rolle: Mapped[str] = mapped_column(String(40))
    aktion: Mapped[str] = mapped_column(String(60), index=True)
    vorgang: Mapped[str | None] = mapped_column(String(40), index=True)
    daten: Mapped[dict[str, Any]] = mapped_column(JSON)
    regelwerk_version: Mapped[str | None] = mapped_column(String(80))
    vorheriger_hash: Mapped[str] = mapped_column(String(64), unique=True)
    hash: Mapped[str] = mapped_column(String(64), unique=True)


def _inhalt(e: AuditEreignis) -> bytes:
    zeit = e.zeitpunkt if e.zeitpunkt.tzinfo else e.zeitpunkt.replace(tzinfo=dt.UTC)
    felder = {
        "folge": e.folge,
        "zeitpunkt": zeit.astimezone(dt.UTC).isoformat(timespec="microseconds"),
        "akteur": e.akteur,
        "rolle": e.rolle,
        "aktion": e.aktion,
        "vorgang": e.vorgang,
        "daten": e.daten,
        "regelwerk_version": e.regelwerk_version,
        "vorheriger_hash": e.vorheriger_hash,
    }
    return json.dumps(felder, sort_keys=True, ensure_ascii=False, separators=(",", ":")).encode()


def berechne_hash(e: AuditEreignis) -> str:
    return hashlib.sha256(_inhalt(e)).hexdigest()


def _sperre_kette(sitzung: Session) -> None:
    """Serialise appends: only one transaction at a time reads the chain head and appends to it."""
    dialekt = sitzung.get_bind().dialect.name
    if dialekt == "postgresql":
        sitzung.execute(text("SELECT pg_advisory_xact_lock(7243001)"))
    elif dialekt == "sqlite":
        # the equivalent of BEGIN IMMEDIATE inside the running transaction: a write statement (matching no
        # row) takes SQLite's write lock now, waiting for other writers, so the head read next is current
        sitzung.execute(text("UPDATE audit_ereignis SET folge = folge WHERE 0"))


def protokolliere(
    sitzung: Session,
    aktion: Aktion,
    *,
    akteur: str,
    rolle: str,
    vorgang: str | None = None,
    daten: dict[str, Any] | None = None,
    regelwerk_version: str | None = None,
    zeitpunkt: dt.datetime | None = None,
) -> AuditEreignis:
    """Append one event in the caller's transaction (it commits or rolls back with the action)."""
    _sperre_kette(sitzung)
    letztes = sitzung.execute(
        select(AuditEreignis.folge, AuditEreignis.hash).order_by(AuditEreignis.folge.desc()).limit(1)
    ).first()
    ereignis = AuditEreignis(
        folge=(letztes.folge + 1) if letztes else 1,
        zeitpunkt=zeitpunkt or dt.datetime.now(dt.UTC),
        akteur=akteur,
        rolle=rolle,
        aktion=str(aktion),
        vorgang=vorgang,
        daten=json.loads(json.dumps(daten or {}, default=str)),
        regelwerk_version=regelwerk_version,
        vorheriger_hash=letztes.hash if letztes else START_HASH,
    )
    ereignis.hash = berechne_hash(ereignis)
    sitzung.add(ereignis)
    sitzung.flush()
    return ereignis


@dataclass(frozen=True, slots=True)
class Pruefergebnis:
    anzahl: int
    fehler: tuple[str, ...]

    @property
    def in_ordnung(self) -> bool:
        return not self.fehler


def pruefe_kette(sitzung: Session) -> Pruefergebnis:
    """Recompute every hash and link; report each break (German messages)."""
    fehler: list[str] = []
    vorher = START_HASH
    erwartete_folge = 1
    anzahl = 0
    for e in sitzung.scalars(select(AuditEreignis).order_by(AuditEreignis.folge)).yield_per(5000):
        anzahl += 1
        if e.folge != erwartete_folge:
            fehler.append(f"Ereignis {erwartete_folge} fehlt (nächstes vorhandenes: {e.folge}).")
        if e.vorheriger_hash != vorher:
            fehler.append(f"Ereignis {e.folge}: Verkettung gebrochen (Vorgänger-Hash stimmt nicht).")
        if berechne_hash(e) != e.hash:
            fehler.append(f"Ereignis {e.folge}: Inhalt wurde verändert (Hash stimmt nicht).")
        vorher = e.hash
        erwartete_folge = e.folge + 1
    return Pruefergebnis(anzahl, tuple(fehler))


def ereignisse_zu(sitzung: Session, vorgaenge: list[str], akteur: str) -> list[dict[str, Any]]:
    """All events about the given Vorgänge or done by ``akteur`` (Art. 15 DSGVO export)."""
    abfrage = select(AuditEreignis).where(
        (AuditEreignis.vorgang.in_(vorgaenge)) | (AuditEreignis.akteur == akteur)
    )
    return [
        {
            "folge": e.folge,
            "zeitpunkt": e.zeitpunkt.isoformat(),
            "aktion": e.aktion,
            "vorgang": e.vorgang,
            "akteur": e.akteur,
            "daten": e.daten,
        }
        for e in sitzung.scalars(abfrage.order_by(AuditEreignis.folge))
    ]
