"""Local accounts with argon2 password hashes; login throttled per account and per client address (state in
the database, shared by all web processes), at most ``GLEICHZEITIGE_HASHES`` hashes at once per process."""

from __future__ import annotations

import datetime as dt
import re
import secrets
import threading
from collections.abc import Iterator
from contextlib import contextmanager

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from amtsweg.cases import anmeldesitzungen
from amtsweg.cases.modelle import Benutzer
from amtsweg.cases.rechte import BUERGER, ROLLEN
from amtsweg.db import drossel
from amtsweg.governance.audit import Aktion, protokolliere

_HASHER = PasswordHasher()
MINDESTLAENGE = 10
HOECHSTLAENGE = 1000
#: zxcvbn score 0..4; 3 means "safely unguessable: moderate protection from offline slow-hash scenario"
MINDESTSTAERKE = 3
#: German words frequent in passwords (zxcvbn's own lists are mostly English)
HAEUFIGE_WOERTER = (
    "passwort", "kennwort", "geheim", "hallo", "schatz", "sommer", "winter", "fruehling", "herbst",
    "fussball", "deutschland", "berlin", "hamburg", "muenchen", "koeln", "liebe", "sonne", "mausi", "hase",
    "schalke", "bayern", "borussia", "amtsweg", "wohngeld", "buergergeld", "jobcenter", "kindergeld",
    "antrag", "behoerde", "willkommen", "qwertz", "asdfgh", "ichliebedich", "schnucki", "passwort123",
    "hallo123",
)  # fmt: skip
#: a constant hash so that unknown e-mail addresses cost the same time as wrong passwords
_ATTRAPPE = _HASHER.hash("attrappe-passwort-nicht-verwenden")
#: argon2 needs 64 MiB per hash: bound the memory and keep threads free for other requests
GLEICHZEITIGE_HASHES = 2
_HASH_PLAETZE = threading.BoundedSemaphore(GLEICHZEITIGE_HASHES)
#: per account: 5 free failures per hour, then 30 s lockout doubling per failure, at most 15 minutes
SPERRE_KONTO = drossel.Sperrregel(5, dt.timedelta(seconds=30), dt.timedelta(minutes=15))
#: per client address (many accounts tried from one place): 20 free failures per hour, then the same
SPERRE_ADRESSE = drossel.Sperrregel(20, dt.timedelta(seconds=30), dt.timedelta(minutes=15))


class Kontofehler(Exception):
    def __init__(self, feld: str, meldung: str) -> None:
        super().__init__(f"{feld}: {meldung}")
        self.feld = feld
        self.meldung = meldung


class Anmeldesperre(Kontofehler):
    """Too many failed logins: try again after ``sekunden`` (no password is checked meanwhile)."""

    def __init__(self, sekunden: int) -> None:
        minuten = (sekunden + 59) // 60
        dauer = f"{sekunden} Sekunden" if sekunden < 120 else f"{minuten} Minuten"
        super().__init__(
            "email", f"Zu viele fehlgeschlagene Anmeldeversuche. Bitte versuchen Sie es in {dauer} erneut."
        )
        self.sekunden = sekunden


@contextmanager
def _hashplatz() -> Iterator[None]:
    if not _HASH_PLAETZE.acquire(timeout=30):
        raise Kontofehler(
            "passwort", "Die Anmeldung ist gerade überlastet. Bitte versuchen Sie es gleich erneut."
        )
    try:
        yield
    finally:
        _HASH_PLAETZE.release()


def hash_passwort(passwort: str) -> str:
    with _hashplatz():
        return _HASHER.hash(passwort)


def _normalisiere(email: str) -> str:
    return email.strip().lower()


def pruefe_passwort(passwort: str, email: str = "", name: str = "") -> None:
    """Length, then strength (zxcvbn: dictionaries of common passwords, names, keyboard patterns, dates) with
    German words that are common in passwords and the person's own e-mail address and name; BSI IT-Grundschutz
    ORP.4.A23 asks for passwords that are not easy to guess rather than for character-class rules."""
    if len(passwort) < MINDESTLAENGE:
        raise Kontofehler("passwort", f"Das Passwort muss mindestens {MINDESTLAENGE} Zeichen lang sein.")
    if len(passwort) > HOECHSTLAENGE:
        raise Kontofehler("passwort", f"Das Passwort darf höchstens {HOECHSTLAENGE} Zeichen lang sein.")
    from zxcvbn import zxcvbn  # imported when needed: keeps `amtsweg --help` light

    lokal = email.lower().partition("@")[0]
    eigene = [lokal, email.lower(), *re.split(r"[^a-zäöüß0-9]+", f"{lokal} {name.lower()}")]
    if zxcvbn(passwort[:100], user_inputs=[*HAEUFIGE_WOERTER, *eigene])["score"] < MINDESTSTAERKE:
        raise Kontofehler(
            "passwort",
            "Dieses Passwort ist zu leicht zu erraten (häufiges Passwort, Wort, Name oder Muster). "
            "Bitte wählen Sie ein längeres Passwort, z. B. mehrere zufällige Wörter.",
        )


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
    pruefe_passwort(passwort, email, name)
    if rolle not in ROLLEN:
        raise Kontofehler("rolle", "Unbekannte Rolle.")
    if sitzung.scalar(select(func.count()).select_from(Benutzer).where(Benutzer.email == email)):
        raise Kontofehler("email", "Für diese E-Mail-Adresse gibt es bereits ein Konto.")
    benutzer = Benutzer(
        email=email,
        name=name.strip(),
        passwort_hash=hash_passwort(passwort),
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


def _drosselschluessel(email: str, adresse: str | None) -> list[tuple[str, drossel.Sperrregel]]:
    schluessel = [(f"konto:{_normalisiere(email)[:254]}", SPERRE_KONTO)]
    if adresse:
        schluessel.append((f"adresse:{adresse[:60]}", SPERRE_ADRESSE))
    return schluessel


def anmelden(sitzung: Session, email: str, passwort: str, adresse: str | None = None) -> Benutzer | None:
    """The user if the password matches, else None (same work either way). Raises ``Anmeldesperre`` while
    the account or the client ``adresse`` is locked after repeated failures (checked before any hashing).
    Failures are audited aggregated: the first of a window and each one that starts a lockout."""
    schluessel = _drosselschluessel(email, adresse)
    if sperre := max(drossel.gesperrt_fuer(sitzung, k) for k, _ in schluessel):
        raise Anmeldesperre(sperre)
    benutzer = sitzung.scalar(select(Benutzer).where(Benutzer.email == _normalisiere(email)))
    try:
        with _hashplatz():
            _HASHER.verify(benutzer.passwort_hash if benutzer else _ATTRAPPE, passwort)
    except (VerificationError, InvalidHashError):
        zaehlung = [(k, *drossel.fehlversuch(sitzung, k, regel)) for k, regel in schluessel]
        if any(anzahl == 1 or gesperrt for _, anzahl, gesperrt in zaehlung):
            protokolliere(
                sitzung,
                Aktion.anmeldung_fehlgeschlagen,
                akteur=_normalisiere(email)[:200],
                rolle="-",
                daten={k.split(":")[0]: {"fehlversuche": n, "gesperrt": g} for k, n, g in zaehlung},
            )
        return None
    if benutzer is None or not benutzer.aktiv:
        return None
    drossel.zuruecksetzen(sitzung, schluessel[0][0])
    if _HASHER.check_needs_rehash(benutzer.passwort_hash):
        benutzer.passwort_hash = hash_passwort(passwort)
    protokolliere(sitzung, Aktion.anmeldung, akteur=benutzer.email, rolle=benutzer.rolle)
    return benutzer


def aendere_passwort(sitzung: Session, benutzer: Benutzer, alt: str, neu: str) -> None:
    """Set a new password (the old one must match); every open session of the account ends."""
    try:
        with _hashplatz():
            _HASHER.verify(benutzer.passwort_hash, alt)
    except (VerificationError, InvalidHashError):
        raise Kontofehler("passwort_alt", "Das bisherige Passwort ist falsch.") from None
    pruefe_passwort(neu, benutzer.email, benutzer.name)
    benutzer.passwort_hash = hash_passwort(neu)
    anmeldesitzungen.widerrufe_alle(sitzung, benutzer.id)
    protokolliere(sitzung, Aktion.konto_geaendert, akteur=benutzer.email, rolle=benutzer.rolle,
                  daten={"benutzer_id": benutzer.id, "aenderung": "passwort"})  # fmt: skip


def aendere_rolle(sitzung: Session, benutzer: Benutzer, rolle: str, akteur: Benutzer) -> None:
    """Give ``benutzer`` another role (administration); every open session of the account ends, so the new
    rights apply from the next login."""
    if rolle not in ROLLEN:
        raise Kontofehler("rolle", "Unbekannte Rolle.")
    vorher, benutzer.rolle = benutzer.rolle, rolle
    anmeldesitzungen.widerrufe_alle(sitzung, benutzer.id)
    daten = {"benutzer_id": benutzer.id, "aenderung": "rolle", "vorher": vorher, "nachher": rolle}
    protokolliere(sitzung, Aktion.konto_geaendert, akteur=akteur.email, rolle=akteur.rolle, daten=daten)
