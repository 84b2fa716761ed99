"""Services of the citizen portal: drafts of an Antrag, submission, timeline, Nachweise, Bescheid
download, withdrawal and the Art. 15 DSGVO data export. Rights are checked here, not in routers."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from amtsweg.cases import ablage, dienste, rechte
from amtsweg.cases.modelle import (
    Antragsentwurf,
    Behoerde,
    Benutzer,
    Bescheid,
    Dokument,
    Vorgang,
)
from amtsweg.cases.status import (
    BEZEICHNUNG,
    moegliche_aktionen,
)
from amtsweg.governance.audit import Aktion, AuditEreignis, protokolliere

STANDARD_BEHOERDE = "demo-wohngeld"
#: statuses in which Nachweise are accepted (mirrors dienste.dokument_registrieren; checked before
#: anything is written to the storage, so a refused upload leaves no file behind)


def _buergerin(benutzer: Benutzer) -> None:
    if benutzer.rolle != rechte.BUERGER:
        raise rechte.KeinZugriff()


# --- authorities --------------------------------------------------------------------------------


def behoerden(s: Session) -> list[Behoerde]:
    """Authorities a citizen may apply to; the default (``demo-wohngeld``) first."""
    alle = list(s.scalars(select(Behoerde).order_by(Behoerde.id)))
    return sorted(alle, key=lambda b: b.schluessel != STANDARD_BEHOERDE)


def standardbehoerde(s: Session) -> Behoerde:
    liste = behoerden(s)
    if not liste:
        raise dienste.Verfahrensfehler("Es ist noch keine Behörde eingerichtet; Anträge sind nicht möglich.")
    return liste[0]


# --- drafts -------------------------------------------------------------------------------------


def neuer_entwurf(s: Session, buerger: Benutzer, leistung: str = "wohngeld") -> Antragsentwurf:
    _buergerin(buerger)
    if leistung not in dienste.LEISTUNGEN:
        raise dienste.Verfahrensfehler(f"Die Leistung „{leistung}“ kann noch nicht beantragt werden.")
    entwurf = Antragsentwurf(
        benutzer_id=buerger.id,
        behoerde_id=standardbehoerde(s).id,
        leistung=leistung,
        daten={},
        schritt=1,
    )
    s.add(entwurf)
    s.flush()
    return entwurf


def lade_entwurf(s: Session, entwurf_id: int, buerger: Benutzer) -> Antragsentwurf:
    """The citizen's own, not yet submitted draft; else KeinZugriff (404, reveals nothing)."""
    entwurf = s.get(Antragsentwurf, entwurf_id)
    if entwurf is None or entwurf.benutzer_id != buerger.id or entwurf.eingereicht:
        raise rechte.KeinZugriff()
    return entwurf


def entwuerfe(s: Session, buerger: Benutzer) -> list[Antragsentwurf]:
    return list(
        s.scalars(
            select(Antragsentwurf)
            .where(Antragsentwurf.benutzer_id == buerger.id, Antragsentwurf.eingereicht.is_(False))
            .order_by(Antragsentwurf.aktualisiert_am.desc())
        )
    )


def speichere_entwurf(
    s: Session, entwurf: Antragsentwurf, daten: dict[str, Any], schritt: int | None = None
) -> None:
    entwurf.daten = dict(daten)  # a new object so that the JSON column is marked as changed
    if schritt is not None:
        entwurf.schritt = max(entwurf.schritt, schritt)
    if "behoerde_id" in daten and daten["behoerde_id"] is not None:
        behoerde = s.get(Behoerde, int(daten["behoerde_id"]))
        if behoerde is None:
            raise dienste.Verfahrensfehler("Die gewählte Behörde gibt es nicht.")
        entwurf.behoerde_id = behoerde.id
    s.flush()


# --- Vorgänge -----------------------------------------------------------------------------------


def vorgaenge(s: Session, buerger: Benutzer) -> list[Vorgang]:
    return list(
        s.scalars(select(Vorgang).where(Vorgang.antragsteller_id == buerger.id).order_by(Vorgang.id.desc()))
    )


@dataclass(frozen=True, slots=True)
class Zeitpunkt:
    zeit: dt.datetime
    text: str


_SCHRITTE = {
    "widerspruch": "Ihr Widerspruch ist eingegangen.",
    "zuruecknehmen": "Sie haben den Antrag zurückgenommen.",
    "unterlagen_eingegangen": "Ihre Unterlagen sind eingegangen; die Prüfung wird fortgesetzt.",
    "automatisch_bescheiden": "Der Antrag wurde automatisch beschieden (§ 31a SGB X).",
    "wieder_pruefen": "Ihr Widerspruch wird geprüft; der Antrag ist wieder in Prüfung.",
    "ohne_neuentscheidung": (
        "Ihre Änderungsmitteilung wurde geprüft. Es bleibt bei Ihrer bisherigen Bewilligung."
    ),
}


def _datum_text(iso: Any) -> str:
    try:
        return dt.date.fromisoformat(str(iso)).strftime("%d.%m.%Y")
    except ValueError:
        return str(iso)


def zeitachse(s: Session, buerger: Benutzer, vorgang: Vorgang) -> list[Zeitpunkt]:
    """Citizen-safe timeline from the audit events: no staff names, no internal checks or drafts."""
    rechte.pruefe(vorgang.antragsteller_id == buerger.id)
    punkte: list[Zeitpunkt] = []
    for e in s.scalars(
        select(AuditEreignis).where(AuditEreignis.vorgang == vorgang.nummer).order_by(AuditEreignis.folge)
    ):
        text: str | None = None
        if e.aktion == Aktion.antrag_eingereicht:
            text = "Ihr Antrag ist eingegangen."
        elif e.aktion == Aktion.status_geaendert:
            schritt = str(e.daten.get("schritt", ""))
            nach = str(e.daten.get("nach", ""))
            text = _SCHRITTE.get(schritt, f"Neuer Stand: {BEZEICHNUNG.get(nach, nach)}.")
        elif e.aktion == Aktion.nachforderung:
            text = f"Unterlagen angefordert – bitte bis {_datum_text(e.daten.get('frist'))} einreichen."
        elif e.aktion == Aktion.erinnerung:
            text = f"Erinnerung: Die Frist für Unterlagen endet am {_datum_text(e.daten.get('frist'))}."
        elif e.aktion == Aktion.bescheid_erstellt:
            text = "Der Bescheid wurde erstellt. Sie können ihn unten herunterladen."
        elif e.aktion == Aktion.dokument_hochgeladen and e.akteur == buerger.email:
            text = "Sie haben einen Nachweis hochgeladen."
        if text:
            zeit = e.zeitpunkt if e.zeitpunkt.tzinfo else e.zeitpunkt.replace(tzinfo=dt.UTC)
            punkte.append(Zeitpunkt(zeit, text))
    return punkte


def dokumente(s: Session, vorgang: Vorgang) -> list[Dokument]:
    return list(s.scalars(select(Dokument).where(Dokument.vorgang_id == vorgang.id).order_by(Dokument.id)))


def letzter_bescheid(s: Session, vorgang: Vorgang) -> Bescheid | None:
    return s.scalar(
        select(Bescheid).where(Bescheid.vorgang_id == vorgang.id).order_by(Bescheid.id.desc()).limit(1)
    )


def bescheid_abrufen(s: Session, buerger: Benutzer, vorgang: Vorgang) -> Bescheid:
    """The latest Bescheid of the citizen's own Vorgang, logged as bescheid_abgerufen."""
    rechte.pruefe(vorgang.antragsteller_id == buerger.id)
    bescheid = letzter_bescheid(s, vorgang)
    if bescheid is None:
        raise dienste.Verfahrensfehler("Zu diesem Antrag gibt es noch keinen Bescheid.")
    protokolliere(
        s,
        Aktion.bescheid_abgerufen,
        akteur=buerger.email,
        rolle=buerger.rolle,
        vorgang=vorgang.nummer,
        daten={"bescheid_id": bescheid.id},
    )
    return bescheid


def darf_hochladen(vorgang: Vorgang) -> bool:
    return vorgang.status in dienste.UPLOAD_STATUS


def nachweis_hochladen(
    s: Session,
    buerger: Benutzer,
    vorgang: Vorgang,
    ordner: Path,
    dateiname: str,
    inhalt: bytes,
    max_groesse: int,
    art: str = "nachweis",
) -> Dokument:
    """Store and register a Nachweis (by the citizen, or by staff of the authority); raises
    ablage.Ablagefehler or Verfahrensfehler before anything is written."""
    rechte.pruefe(vorgang.antragsteller_id == buerger.id or rechte.darf_bearbeiten(buerger, vorgang))
    if not darf_hochladen(vorgang):
        raise dienste.Verfahrensfehler("Zu diesem Vorgang können keine Unterlagen mehr eingereicht werden.")
    _pruefe_kontingent(s, buerger, vorgang)
    return nachweis_ablegen(s, buerger, vorgang, ordner, dateiname, inhalt, max_groesse, art)


def nachweis_ablegen(
    s: Session,
    person: Benutzer,
    vorgang: Vorgang,
    ordner: Path,
    dateiname: str,
    inhalt: bytes,
    max_groesse: int = ablage.MAX_GROESSE,
    art: str = "nachweis",
) -> Dokument:
    """Store a file through the intake checks and register it as a Dokument of ``vorgang`` (which queues
    its reading). The caller has checked rights and quotas (portal upload) or the channel (FIT-Connect)."""
    datei = ablage.speichere(ordner, dateiname, inhalt, max_groesse)
    dokument = Dokument(
        vorgang_id=vorgang.id,
        dateiname=datei.dateiname,
        mime=datei.mime,
        groesse=datei.groesse,
        sha256=datei.sha256,
        speicherort=datei.speicherort,
        art=art,
        hochgeladen_von_id=person.id,
    )
    dienste.dokument_registrieren(s, person, vorgang, dokument)
    return dokument


#: upload quotas (each upload queues an OCR job): per Vorgang, and per citizen within 24 hours
MAX_DOKUMENTE_JE_VORGANG = 40
MAX_UPLOADS_JE_TAG = 30


def _pruefe_kontingent(s: Session, person: Benutzer, vorgang: Vorgang) -> None:
    je_vorgang = s.scalar(select(func.count(Dokument.id)).where(Dokument.vorgang_id == vorgang.id)) or 0
    if je_vorgang >= MAX_DOKUMENTE_JE_VORGANG:
        raise ablage.Ablagefehler(
            f"Zu diesem Vorgang liegen bereits {MAX_DOKUMENTE_JE_VORGANG} Unterlagen vor. Für weitere "
            "Unterlagen wenden Sie sich bitte an Ihre Behörde."
        )
    if person.rolle != rechte.BUERGER:
        return
    seit = dt.datetime.now(dt.UTC) - dt.timedelta(days=1)
    heute = s.scalar(
        select(func.count(Dokument.id)).where(
            Dokument.hochgeladen_von_id == person.id, Dokument.hochgeladen_am >= seit
        )
    )
    if (heute or 0) >= MAX_UPLOADS_JE_TAG:
        raise ablage.Ablagefehler(
            f"Sie haben in den letzten 24 Stunden bereits {MAX_UPLOADS_JE_TAG} Dateien hochgeladen. "
            "Bitte versuchen Sie es morgen erneut."
        )


def darf_zuruecknehmen(vorgang: Vorgang) -> bool:
    return "zuruecknehmen" in moegliche_aktionen(vorgang.status)


def zuruecknehmen(s: Session, buerger: Benutzer, vorgang: Vorgang) -> None:
    rechte.pruefe(vorgang.antragsteller_id == buerger.id)
    if not darf_zuruecknehmen(vorgang):
        raise dienste.Verfahrensfehler("Ein beschiedener Antrag kann nicht mehr zurückgenommen werden.")
    dienste.wechsle(s, vorgang, "zuruecknehmen", dienste.Akteur.von(buerger))


# --- Art. 15 DSGVO ------------------------------------------------------------------------------
