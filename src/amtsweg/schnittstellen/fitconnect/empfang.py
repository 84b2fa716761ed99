"""The Subscriber: poll the destination, decrypt and verify each submission, create the Vorgang with its
Nachweise, confirm with a signed accept-submission (or reject-submission with the problems found).

Exactly once: the Vorgang, its Nachweise, the audit event and the ``fitconnect_einreichung`` row (unique
submissionId) are written in ONE transaction. The event is sent after the commit. A crash before the commit
leaves nothing (the submission stays ``submitted`` and is processed again); a crash after it leaves the row,
and the next poll only re-sends the stored event (a 409 "already decided" counts as delivered). Two workers
racing for the same submission: the unique key lets one commit; the other rolls back and confirms.
"""

from __future__ import annotations

import base64
import json
import logging
import secrets
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from sqlalchemy import select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from amtsweg.cases import dienste, konten, rechte
from amtsweg.cases.ablage import Ablagefehler
from amtsweg.cases.automatisierung import Automatisierungsregeln
from amtsweg.cases.buergerdienste import nachweis_ablegen
from amtsweg.cases.fehler import Verfahrensfehler
from amtsweg.cases.modelle import Behoerde, Benutzer
from amtsweg.db import Datenbank
from amtsweg.governance.audit import Aktion, protokolliere
from amtsweg.rules.engine.fehler import RegelwerkFehler
from amtsweg.schnittstellen.fitconnect import krypto
from amtsweg.schnittstellen.fitconnect.client import SubmissionClient, Zustelldienstfehler
from amtsweg.schnittstellen.fitconnect.fachdaten import Antragsdaten, bilde_antrag
from amtsweg.schnittstellen.fitconnect.metadaten import Ablehnung, Problem, pruefe_metadaten
from amtsweg.schnittstellen.fitconnect.modelle import ABGELEHNT, ANGENOMMEN, Einreichung, jetzt

LOG = logging.getLogger("amtsweg.fitconnect")


@dataclass(frozen=True)
class Zustellpunkt:
    """One destination: its id, the authority it receives for, the private keys (from the secret store)."""

    destination_id: str
    behoerde: str  # Behoerde.schluessel
    entschluesselung: dict[str, Any]  # private JWK, RSA-OAEP-256
    signatur: dict[str, Any]  # private JWK, PS512
    ablage: Path  # folder of the stored Nachweise (same as the web upload folder)


@dataclass
class Ergebnis:
    angenommen: int = 0
    abgelehnt: int = 0
    bestaetigt: int = 0  # events delivered in this run (new or re-sent)
    fehler: list[str] = field(default_factory=list)


@dataclass
class Anlage:
    attachment_id: str
    dateiname: str
    inhalt: bytes
    tag: str  # JWE authentication tag


def _tag(jwe_compact: str) -> str:
    return jwe_compact.rsplit(".", 1)[-1]


def _entschluessele(token: str, punkt: Zustellpunkt, instanz: str) -> bytes:
    try:
        return krypto.entschluessele(token, punkt.entschluesselung)
    except krypto.Kryptofehler as fehler:
        raise Ablehnung(
            Problem("encryption-issue", "Entschlüsselungsfehler", str(fehler), instanz)
        ) from fehler


def pruefe_einreichung(
    client: SubmissionClient,
    punkt: Zustellpunkt,
    einreichung: dict[str, Any],
) -> tuple[Antragsdaten, list[Anlage], dict[str, Any]]:
    """Decrypt and verify everything; raise Ablehnung with the first problem found."""
    sid = einreichung["submissionId"]
    if not einreichung.get("encryptedMetadata"):
        raise Ablehnung(
            Problem(
                "missing-metadata", "Metadaten fehlen", "Die Einreichung hat keine Metadaten.", "metadata"
            )
        )
    roh = _entschluessele(einreichung["encryptedMetadata"], punkt, "metadata")
    try:
        metadaten = json.loads(roh)
    except (UnicodeDecodeError, json.JSONDecodeError) as fehler:
        raise Ablehnung(
            Problem("syntax-violation", "Syntaxfehler", "Metadaten sind kein gültiges JSON.", "metadata")
        ) from fehler
    pruefe_metadaten(metadaten)
    struktur = metadaten["contentStructure"]
    if "data" not in struktur or not einreichung.get("encryptedData"):
        raise Ablehnung(
            Problem("missing-data", "Fachdaten fehlen", "Die Einreichung enthält keine Fachdaten.", "data")
        )
    daten = _entschluessele(einreichung["encryptedData"], punkt, "data")
    if krypto.sha512(daten) != struktur["data"]["hash"]["content"]:
        raise Ablehnung(
            Problem(
                "hash-mismatch",
                "Prüfsumme stimmt nicht",
                "SHA-512 der Fachdaten stimmt nicht mit den Metadaten überein.",
                "data",
            )
        )
    angekuendigt = {a["attachmentId"]: a for a in struktur["attachments"]}
    if set(angekuendigt) != set(einreichung.get("attachments", [])):
        raise Ablehnung(
            Problem(
                "attachments-mismatch",
                "Anlagen stimmen nicht überein",
                "Die Anlagen der Einreichung und die in den Metadaten genannten unterscheiden sich.",
                "submission",
            )
        )
    schema = struktur["data"]["submissionSchema"]
    antrag = bilde_antrag(schema["schemaUri"], schema["mimeType"], daten)
    anlagen = []
    for aid, beschreibung in angekuendigt.items():
        token = client.anlage(sid, aid)
        inhalt = _entschluessele(token, punkt, f"attachment:{aid}")
        if krypto.sha512(inhalt) != beschreibung["hash"]["content"]:
            raise Ablehnung(
                Problem(
                    "hash-mismatch",
                    "Prüfsumme stimmt nicht",
                    f"SHA-512 der Anlage {aid} stimmt nicht mit den Metadaten überein.",
                    f"attachment:{aid}",
                )
            )
        anlagen.append(Anlage(aid, beschreibung.get("filename") or f"{aid}.bin", inhalt, _tag(token)))
    tags = {
        "metadata": _tag(einreichung["encryptedMetadata"]),
        "data": _tag(einreichung["encryptedData"]),
        "attachments": {a.attachment_id: a.tag for a in anlagen},
    }
    return antrag, anlagen, tags


def _antragsteller(s: Session, antrag: Antragsdaten) -> Benutzer:
    vorhanden = s.scalar(select(Benutzer).where(Benutzer.email == antrag.email.lower()))
    if vorhanden is not None:
        if vorhanden.rolle != rechte.BUERGER:
            raise Ablehnung(
                Problem(
                    "schema-violation",
                    "Fachdaten ungültig",
                    "Fachdaten: „antragsteller.email“ gehört nicht zu einem Bürgerkonto.",
                    "data",
                )
            )
        return vorhanden
    # an account without a usable password; the citizen can set one via the reset flow or log in via BundID
    return konten.lege_an(s, email=antrag.email, name=antrag.name, passwort=secrets.token_urlsafe(32))


def _lege_vorgang_an(
    s: Session,
    punkt: Zustellpunkt,
    einreichung: dict[str, Any],
    antrag: Antragsdaten,
    anlagen: list[Anlage],
    tags: dict[str, Any],
) -> str:
    behoerde = s.scalar(select(Behoerde).where(Behoerde.schluessel == punkt.behoerde))
    if behoerde is None:
        raise Verfahrensfehler(f"Die Behörde „{punkt.behoerde}“ des Zustellpunkts ist nicht eingerichtet.")
    buerger = _antragsteller(s, antrag)
    vorgang = dienste.antrag_einreichen(
        s,
        buerger,
        behoerde,
        antrag.leistung,
        antrag.haushalt,
        bemerkung=antrag.bemerkung,
        regeln=Automatisierungsregeln(aktiv=False),
    )  # Nachweise are unread yet
    for anlage in anlagen:
        nachweis_ablegen(s, buerger, vorgang, punkt.ablage, anlage.dateiname, anlage.inhalt)
    sid, cid = einreichung["submissionId"], einreichung["caseId"]
    protokolliere(
        s,
        Aktion.fitconnect_eingang,
        akteur="fitconnect",
        rolle="system",
        vorgang=vorgang.nummer,
        daten={"submission_id": sid, "case_id": cid, "anlagen": len(anlagen)},
    )
    _entscheidung_speichern(
        s, punkt, sid, cid, ANGENOMMEN, {"authenticationTags": tags}, vorgang_nummer=vorgang.nummer
    )
    return vorgang.nummer


def _speichere_ablehnung(s: Session, punkt: Zustellpunkt, sid: str, cid: str, ablehnung: Ablehnung) -> None:
    probleme = [p.als_json() for p in ablehnung.probleme]
    _entscheidung_speichern(s, punkt, sid, cid, ABGELEHNT, {"problems": probleme}, probleme=probleme)


def _entscheidung_speichern(
    s: Session,
    punkt: Zustellpunkt,
    sid: str,
    cid: str,
    status: str,
    inhalt: dict[str, Any],
    *,
    vorgang_nummer: str | None = None,
    probleme: list[dict[str, Any]] | None = None,
) -> None:
    """Record the decision on a submission with its signed Security Event Token (accept or reject), which
    is sent to the Zustelldienst until delivered; the unique submission id makes this exactly once."""
    ereignis = krypto.signiere_set(
        punkt.signatur,
        aussteller=punkt.destination_id,
        submission_id=sid,
        case_id=cid,
        ereignis="accept-submission" if status == ANGENOMMEN else "reject-submission",
        inhalt=inhalt,
    )
    s.add(
        Einreichung(
            submission_id=sid,
            case_id=cid,
            destination_id=punkt.destination_id,
            status=status,
            vorgang_nummer=vorgang_nummer,
            probleme=probleme or [],
            ereignis=ereignis,
        )
    )
    s.flush()


def _bestaetige(db: Datenbank, client: SubmissionClient, sid: str) -> bool:
    with db.sitzung() as s:
        zeile = s.scalar(select(Einreichung).where(Einreichung.submission_id == sid))
        if zeile is None or zeile.bestaetigt_am is not None:
            return False
        case_id, ereignis = zeile.case_id, zeile.ereignis
    client.sende_ereignis(case_id, ereignis)  # 409 (already decided) counts as delivered
    with db.sitzung() as s:
        zeile = s.scalar(select(Einreichung).where(Einreichung.submission_id == sid))
        if zeile is not None and zeile.bestaetigt_am is None:
            zeile.bestaetigt_am = jetzt()
    return True


def verarbeite(
    db: Datenbank, client: SubmissionClient, punkt: Zustellpunkt, sid: str, ergebnis: Ergebnis
) -> None:
    with db.sitzung() as s:
        bekannt = s.scalar(select(Einreichung.id).where(Einreichung.submission_id == sid)) is not None
    if not bekannt:
        einreichung = client.einreichung(sid)
        if einreichung.get("destinationId") != punkt.destination_id:
            raise Zustelldienstfehler(
                f"Einreichung {sid} gehört nicht zum Zustellpunkt {punkt.destination_id}."
            )
        cid = einreichung["caseId"]
        try:
            try:
                antrag, anlagen, tags = pruefe_einreichung(client, punkt, einreichung)
                with db.sitzung() as s:
                    _lege_vorgang_an(s, punkt, einreichung, antrag, anlagen, tags)
                ergebnis.angenommen += 1
            except (RegelwerkFehler, Ablagefehler, konten.Kontofehler) as fehler:
                raise Ablehnung(
                    Problem("schema-violation", "Fachdaten ungültig", f"Fachdaten: {fehler}", "data")
                ) from fehler
        except Ablehnung as ablehnung:
            with db.sitzung() as s:
                _speichere_ablehnung(s, punkt, sid, cid, ablehnung)
            ergebnis.abgelehnt += 1
        except IntegrityError:
            pass  # another worker committed this submission first; it is confirmed below
    if _bestaetige(db, client, sid):
        ergebnis.bestaetigt += 1


def unbestaetigte(db: Datenbank, destination_id: str) -> list[str]:
    with db.sitzung() as s:
        return list(
            s.scalars(
                select(Einreichung.submission_id).where(
                    Einreichung.destination_id == destination_id, Einreichung.bestaetigt_am.is_(None)
                )
            )
        )


def empfange(db: Datenbank, client: SubmissionClient, punkt: Zustellpunkt) -> Ergebnis:
    """One poll: every waiting submission, then every stored event not yet delivered."""
    ergebnis = Ergebnis()
    try:
        offen = [e["submissionId"] for e in client.abholbereit()]
    except Zustelldienstfehler as fehler:
        ergebnis.fehler.append(str(fehler))
        offen = []
    for sid in dict.fromkeys([*offen, *unbestaetigte(db, punkt.destination_id)]):
        try:
            verarbeite(db, client, punkt, sid, ergebnis)
        except (Zustelldienstfehler, Verfahrensfehler) as fehler:
            ergebnis.fehler.append(f"{sid}: {fehler}")  # left for the next poll
        except Exception as fehler:  # one faulty submission must not block the others; it stays waiting
            LOG.exception("FIT-Connect-Einreichung %s nicht verarbeitet", sid)
            ergebnis.fehler.append(f"{sid}: unerwarteter Fehler {fehler.__class__.__name__}")
    return ergebnis


def lies_jwk(pfad: str) -> dict[str, Any]:
    """A private JWK from a file or, with prefix ``base64:``, from the value itself (secret store / env)."""
    text = (
        base64.b64decode(pfad[len("base64:") :]).decode()
        if pfad.startswith("base64:")
        else Path(pfad).read_text()
    )
    daten: dict[str, Any] = json.loads(text)
    return daten
