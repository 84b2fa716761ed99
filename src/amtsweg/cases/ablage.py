"""Storage of uploaded Nachweise: type checked by content, size limit, content-addressed files written
atomically (temporary file, fsync, rename), so that a crash never leaves a half-stored upload."""

from __future__ import annotations

import hashlib
import os
import re
import tempfile
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

MAX_GROESSE = 10 * 1024 * 1024
#: magic bytes -> MIME type; the declared type and the file name are not trusted
SIGNATUREN: tuple[tuple[bytes, str], ...] = (
    (b"%PDF-", "application/pdf"),
    (b"\xff\xd8\xff", "image/jpeg"),
    (b"\x89PNG\r\n\x1a\n", "image/png"),
    (b"II*\x00", "image/tiff"),
    (b"MM\x00*", "image/tiff"),
)


class Ablagefehler(Exception):
    """Refused upload; German message naming the problem."""


#: further intake checks (e.g. amtsweg.documents: polyglots, bombs, page limits) registered at start-up;
#: each raises Ablagefehler (or a subclass) for a refused file, before anything is written
PRUEFUNGEN: list[Callable[[bytes, int], object]] = []


@dataclass(frozen=True, slots=True)
class GespeicherteDatei:
    dateiname: str
    mime: str
    groesse: int
    sha256: str
    speicherort: str


def erkenne_typ(inhalt: bytes) -> str | None:
    for signatur, mime in SIGNATUREN:
        if inhalt.startswith(signatur):
            return mime
    return None


def sicherer_name(name: str) -> str:
    name = unicodedata.normalize("NFC", Path(name.replace("\\", "/")).name)
    name = re.sub(r"[^\w.\- äöüÄÖÜß]", "_", name).strip(" .")
    return (name or "dokument")[:120]


def speichere(
    ordner: Path, dateiname: str, inhalt: bytes, max_groesse: int = MAX_GROESSE
) -> GespeicherteDatei:
    if not inhalt:
        raise Ablagefehler("Die Datei ist leer.")
    if len(inhalt) > max_groesse:
        raise Ablagefehler(f"Die Datei ist zu groß (höchstens {max_groesse // (1024 * 1024)} MB).")
    mime = erkenne_typ(inhalt)
    if mime is None:
        raise Ablagefehler("Dieser Dateityp wird nicht angenommen. Erlaubt sind PDF, JPEG, PNG und TIFF.")
    if mime == "application/pdf" and b"/Encrypt" in inhalt[:4096] + inhalt[-4096:]:
        raise Ablagefehler("Verschlüsselte PDF-Dateien können nicht verarbeitet werden.")
    for pruefung in PRUEFUNGEN:
        pruefung(inhalt, max_groesse)
    pruefsumme = hashlib.sha256(inhalt).hexdigest()
    ziel = ordner / pruefsumme[:2] / pruefsumme
    if not ziel.exists():
        ziel.parent.mkdir(parents=True, exist_ok=True)
        with tempfile.NamedTemporaryFile(dir=ziel.parent, delete=False) as tmp:
            tmp.write(inhalt)
            tmp.flush()
            os.fsync(tmp.fileno())
        Path(tmp.name).replace(ziel)
    return GespeicherteDatei(sicherer_name(dateiname), mime, len(inhalt), pruefsumme, str(ziel))


def lies(speicherort: str, sha256: str) -> bytes:
    inhalt = Path(speicherort).read_bytes()
    if hashlib.sha256(inhalt).hexdigest() != sha256:
        raise Ablagefehler("Die gespeicherte Datei ist beschädigt (Prüfsumme stimmt nicht).")
    return inhalt
