"""Signed checkpoints of the audit chain head, kept outside the database.

The hash chain (``audit.pruefe_kette``) finds every changed or inserted event and every gap, but not the
deletion of the *newest* events: a shortened chain is still a valid chain. A checkpoint records (folge, hash)
of the head at a moment, signed with Ed25519, as one line appended to ``audit_anker.jsonl`` outside the
table. Verification checks each signature and that the event it names still exists with that hash; a
database owner who deletes or rewrites events after a checkpoint is found. Keep the private key where the
database owner cannot reach it (docs/betrieb.md); verifying needs only the public key.
"""

from __future__ import annotations

import base64
import contextlib
import datetime as dt
import json
import os
from dataclasses import dataclass
from pathlib import Path

from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey, Ed25519PublicKey
from sqlalchemy import select
from sqlalchemy.orm import Session

from amtsweg.governance.audit import AuditEreignis

ANKERDATEI = "audit_anker.jsonl"
SCHLUESSELDATEI = "audit_anker.key"
OEFFENTLICH = "audit_anker.pub"
KONTEXT = b"amtsweg-audit-anker-v1"


@dataclass(frozen=True, slots=True)
class Ankerorte:
    """Where checkpoints and keys live (defaults: the data folder; override the key paths in production)."""

    datei: Path
    privat: Path
    oeffentlich: Path

    @classmethod
    def im_ordner(cls, ordner: Path) -> Ankerorte:
        privat = Path(os.environ.get("AMTSWEG_AUDIT_SCHLUESSEL", ordner / SCHLUESSELDATEI))
        oeffentlich = Path(os.environ.get("AMTSWEG_AUDIT_OEFFENTLICH", ordner / OEFFENTLICH))
        return cls(ordner / ANKERDATEI, privat, oeffentlich)


def _nachricht(folge: int, kettenhash: str, zeitpunkt: str) -> bytes:
    return b"\n".join((KONTEXT, str(folge).encode(), kettenhash.encode(), zeitpunkt.encode()))


def _schreibe_exklusiv(pfad: Path, inhalt: bytes, modus: int) -> None:
    """Create ``pfad`` atomically (draft + hard link): never half-written, the first writer wins."""
    pfad.parent.mkdir(parents=True, exist_ok=True)
    entwurf = pfad.with_name(f".{pfad.name}.{os.getpid()}.{os.urandom(4).hex()}")
    fd = os.open(entwurf, os.O_WRONLY | os.O_CREAT | os.O_EXCL, modus)
    try:
        with os.fdopen(fd, "wb") as f:
            f.write(inhalt)
            f.flush()
            os.fsync(f.fileno())
        with contextlib.suppress(FileExistsError):
            os.link(entwurf, pfad)
    finally:
        entwurf.unlink(missing_ok=True)


def _privater_schluessel(orte: Ankerorte) -> Ed25519PrivateKey:
    if not orte.privat.exists():
        neu = Ed25519PrivateKey.generate()
        roh = neu.private_bytes(
            serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8, serialization.NoEncryption()
        )
        _schreibe_exklusiv(orte.privat, roh, 0o600)
    schluessel = serialization.load_pem_private_key(orte.privat.read_bytes(), password=None)
    if not isinstance(schluessel, Ed25519PrivateKey):
        raise ValueError(f"{orte.privat} enthält keinen Ed25519-Schlüssel.")
    if not orte.oeffentlich.exists():
        oeffentlich = schluessel.public_key().public_bytes(
            serialization.Encoding.PEM, serialization.PublicFormat.SubjectPublicKeyInfo
        )
        _schreibe_exklusiv(orte.oeffentlich, oeffentlich, 0o644)
    return schluessel


def _kopf(sitzung: Session) -> tuple[int, str] | None:
    zeile = sitzung.execute(
        select(AuditEreignis.folge, AuditEreignis.hash).order_by(AuditEreignis.folge.desc()).limit(1)
    ).first()
    return (int(zeile.folge), str(zeile.hash)) if zeile else None


def letzter_anker(orte: Ankerorte) -> dict[str, object] | None:
    if not orte.datei.exists():
        return None
    zeilen = orte.datei.read_text(encoding="utf-8").splitlines()
    return json.loads(zeilen[-1]) if zeilen else None


def schreibe_anker(
    sitzung: Session, orte: Ankerorte, zeit: dt.datetime | None = None
) -> dict[str, object] | None:
    """Sign the current chain head and append it as a checkpoint (nothing if the chain is empty)."""
    kopf = _kopf(sitzung)
    if kopf is None:
        return None
    folge, kettenhash = kopf
    zeitpunkt = (zeit or dt.datetime.now(dt.UTC)).isoformat(timespec="seconds")
    signatur = _privater_schluessel(orte).sign(_nachricht(folge, kettenhash, zeitpunkt))
    anker: dict[str, object] = {"folge": folge, "hash": kettenhash, "zeitpunkt": zeitpunkt,
                                "signatur": base64.b64encode(signatur).decode()}  # fmt: skip
    zeile = (json.dumps(anker, sort_keys=True) + "\n").encode()
    orte.datei.parent.mkdir(parents=True, exist_ok=True)
    fd = os.open(orte.datei, os.O_WRONLY | os.O_CREAT | os.O_APPEND, 0o644)
    try:
        os.write(fd, zeile)  # one write of one short line with O_APPEND: lines never interleave
        os.fsync(fd)
    finally:
        os.close(fd)
    return anker


def schreibe_anker_falls_faellig(
    sitzung: Session, orte: Ankerorte, abstand: dt.timedelta, zeit: dt.datetime | None = None
) -> dict[str, object] | None:
    """A checkpoint when the head moved and the last one is older than ``abstand`` (called by the worker)."""
    zeit = zeit or dt.datetime.now(dt.UTC)
    letzter, kopf = letzter_anker(orte), _kopf(sitzung)
    if kopf is None or (letzter and letzter.get("folge") == kopf[0]):
        return None
    if letzter and zeit - dt.datetime.fromisoformat(str(letzter["zeitpunkt"])) < abstand:
        return None
    return schreibe_anker(sitzung, orte, zeit)


def _oeffentlicher_schluessel(orte: Ankerorte) -> Ed25519PublicKey:
    schluessel = serialization.load_pem_public_key(orte.oeffentlich.read_bytes())
    if not isinstance(schluessel, Ed25519PublicKey):
        raise ValueError(f"{orte.oeffentlich} enthält keinen Ed25519-Schlüssel.")
    return schluessel


def pruefe_anker(sitzung: Session, orte: Ankerorte) -> tuple[int, list[str]]:
    """Check every checkpoint: valid signature, and the event it names still exists with that hash.
    Returns (number of checkpoints, German error messages)."""
    if not orte.datei.exists():
        return 0, []
    if not orte.oeffentlich.exists():
        return 0, [f"Öffentlicher Schlüssel der Prüfpunkte fehlt ({orte.oeffentlich})."]
    oeffentlich = _oeffentlicher_schluessel(orte)
    fehler: list[str] = []
    anzahl = 0
    for nr, zeile in enumerate(orte.datei.read_text(encoding="utf-8").splitlines(), start=1):
        if not zeile.strip():
            continue
        anzahl += 1
        try:
            anker = json.loads(zeile)
            folge, kettenhash, zeitpunkt = int(anker["folge"]), str(anker["hash"]), str(anker["zeitpunkt"])
            oeffentlich.verify(base64.b64decode(anker["signatur"]), _nachricht(folge, kettenhash, zeitpunkt))
        except (ValueError, KeyError, TypeError, InvalidSignature):
            fehler.append(f"Prüfpunkt {nr}: Signatur ungültig oder Eintrag beschädigt.")
            continue
        gespeichert = sitzung.scalar(select(AuditEreignis.hash).where(AuditEreignis.folge == folge))
        if gespeichert is None:
            fehler.append(
                f"Prüfpunkt {nr} vom {zeitpunkt}: Ereignis {folge} fehlt – Ereignisse am Ende des Prüfpfads "
                "wurden gelöscht."
            )
        elif gespeichert != kettenhash:
            fehler.append(f"Prüfpunkt {nr} vom {zeitpunkt}: Ereignis {folge} wurde verändert oder ersetzt.")
    return anzahl, fehler
