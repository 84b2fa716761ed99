"""Local accounts with argon2 password hashes."""

from __future__ import annotations

import secrets

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from amtsweg.cases.modelle import Benutzer
from amtsweg.cases.rechte import BUERGER, ROLLEN
from amtsweg.governance.audit import Aktion, protokolliere

_HASHER = PasswordHasher()
MINDESTLAENGE = 10
#: a constant hash so that unknown e-mail addresses cost the same time as wrong passwords
_ATTRAPPE = _HASHER.hash("attrappe-passwort-nicht-verwenden")


class Kontofehler(Exception):
    def __init__(self, feld: str, meldung: str) -> None:
        super().__init__(f"{feld}: {meldung}")
        self.feld = feld
        self.meldung = meldung


def hash_passwort(passwort: str) -> str:
    return _HASHER.hash(passwort)


def _normalisiere(email: str) -> str:
    return email.strip().lower()


def lege_an(
    sitzung: Session,
    *,
    email: str,
    name: str,
    passwort: str,
    rolle: str = BUERGER,
    behoerde_id: int | None = None,
    anschrift: list[str] | None = None,
) -> Benutzer:
    email = _normalisiere(email)
    if "@" not in email or len(email) > 254 or email.startswith("@") or email.endswith("@"):
        raise Kontofehler("email", "Bitte eine gültige E-Mail-Adresse angeben.")
    if not name.strip() or len(name) > 200:
        raise Kontofehler("name", "Bitte Ihren Namen angeben (höchstens 200 Zeichen).")
    if len(passwort) < MINDESTLAENGE:
        raise Kontofehler("passwort", f"Das Passwort muss mindestens {MINDESTLAENGE} Zeichen lang sein.")
    if rolle not in ROLLEN:
        raise Kontofehler("rolle", "Unbekannte Rolle.")
    if sitzung.scalar(select(func.count()).select_from(Benutzer).where(Benutzer.email == email)):
        raise Kontofehler("email", "Für diese E-Mail-Adresse gibt es bereits ein Konto.")
    benutzer = Benutzer(
        email=email,
        name=name.strip(),
        passwort_hash=_HASHER.hash(passwort),
        rolle=rolle,
        behoerde_id=behoerde_id,
        anschrift=anschrift or [],
    )
    sitzung.add(benutzer)
    sitzung.flush()
    protokolliere(
        sitzung, Aktion.konto_angelegt, akteur=email, rolle=rolle, daten={"benutzer_id": benutzer.id}
    )
    return benutzer


def anmelden_extern(sitzung: Session, email: str, name: str, vertrauensniveau: str | None) -> Benutzer:
    """Login confirmed by an external identity provider (OIDC): the account with this e-mail address, or a new
    citizen account without a usable password. The trust level (acr) is recorded with the login."""
    email = _normalisiere(email)
    benutzer = sitzung.scalar(select(Benutzer).where(Benutzer.email == email))
    if benutzer is None:
        benutzer = lege_an(sitzung, email=email, name=name or email, passwort=secrets.token_urlsafe(32))
    if not benutzer.aktiv:
        raise Kontofehler("email", "Dieses Konto ist gesperrt.")
    protokolliere(
        sitzung,
        Aktion.anmeldung,
        akteur=benutzer.email,
        rolle=benutzer.rolle,
        daten={"verfahren": "oidc", "vertrauensniveau": vertrauensniveau},
    )
    return benutzer


def anmelden(sitzung: Session, email: str, passwort: str) -> Benutzer | None:
    """The user if the password matches, else None (same work either way)."""
    benutzer = sitzung.scalar(select(Benutzer).where(Benutzer.email == _normalisiere(email)))
    try:
        _HASHER.verify(benutzer.passwort_hash if benutzer else _ATTRAPPE, passwort)
    except (VerificationError, InvalidHashError):
        protokolliere(sitzung, Aktion.anmeldung_fehlgeschlagen, akteur=_normalisiere(email)[:200], rolle="-")
        return None
    if benutzer is None or not benutzer.aktiv:
        return None
    if _HASHER.check_needs_rehash(benutzer.passwort_hash):
        benutzer.passwort_hash = _HASHER.hash(passwort)
    protokolliere(sitzung, Aktion.anmeldung, akteur=benutzer.email, rolle=benutzer.rolle)
    return benutzer
