"""Settings of the web app, from the environment with safe defaults for the embedded demo.

The session secret comes from ``AMTSWEG_SECRET_KEY`` (required when several processes serve, see
docs/betrieb.md); without it a single process creates ``<data>/secret_key`` atomically once. Cookies are
``Secure`` unless ``AMTSWEG_SECURE_COOKIES=0`` (the ``demo`` command sets that for plain http on localhost).
"""

from __future__ import annotations

import contextlib
import os
import secrets
from dataclasses import dataclass, field, replace
from pathlib import Path

from amtsweg.web.oidc import OidcEinstellungen

#: shortest accepted session secret (characters); a generated one has 64
MINDESTLAENGE_GEHEIMNIS = 32


class Konfigurationsfehler(RuntimeError):
    """The settings are unsafe or incomplete; the message tells the operator what to set (German)."""


def _pruefe(geheimnis: str, herkunft: str) -> str:
    geheimnis = geheimnis.strip()
    if len(geheimnis) < MINDESTLAENGE_GEHEIMNIS:
        raise Konfigurationsfehler(
            f"Der Sitzungsschlüssel aus {herkunft} ist leer oder zu kurz (mindestens "
            f"{MINDESTLAENGE_GEHEIMNIS} Zeichen). Bitte AMTSWEG_SECRET_KEY setzen, z. B. mit "
            '`python -c "import secrets; print(secrets.token_urlsafe(48))"`.'
        )
    return geheimnis


def _mehrere_prozesse() -> bool:
    try:
        return int(os.environ.get("WEB_CONCURRENCY", "1")) > 1
    except ValueError:
        return False


def _geheimnis(ordner: Path) -> str:
    if (wert := os.environ.get("AMTSWEG_SECRET_KEY")) is not None:
        return _pruefe(wert, "AMTSWEG_SECRET_KEY")
    if _mehrere_prozesse():
        raise Konfigurationsfehler(
            "Mehrere Prozesse bedienen die Anwendung (WEB_CONCURRENCY > 1): bitte denselben "
            "AMTSWEG_SECRET_KEY für alle Prozesse setzen."
        )
    datei = ordner / "secret_key"
    if not datei.exists():
        ordner.mkdir(parents=True, exist_ok=True)
        # write a complete file under a unique name, then link it into place: readers never see a partial
        # file, and of several processes starting at once exactly one wins (link fails if the name exists)
        entwurf = ordner / f".secret_key.{os.getpid()}.{secrets.token_hex(4)}"
        fd = os.open(entwurf, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        try:
            with os.fdopen(fd, "w", encoding="utf-8") as f:
                f.write(secrets.token_urlsafe(48))
                f.flush()
                os.fsync(f.fileno())
            with contextlib.suppress(FileExistsError):  # another process was first: use its key
                os.link(entwurf, datei)
        finally:
            entwurf.unlink(missing_ok=True)
    return _pruefe(datei.read_text(encoding="utf-8"), str(datei))


@dataclass(frozen=True)
class Einstellungen:
    datenordner: Path = field(default_factory=lambda: Path(os.environ.get("AMTSWEG_DATA_DIR", "data")))
    geheimnis: str = ""
    sichere_cookies: bool = field(
        default_factory=lambda: os.environ.get("AMTSWEG_SECURE_COOKIES", "1") != "0"
    )
    max_upload: int = 10 * 1024 * 1024
    oidc: OidcEinstellungen | None = field(default_factory=OidcEinstellungen.aus_umgebung)

    @property
    def ablage(self) -> Path:
        return self.datenordner / "dokumente"

    def mit_geheimnis(self) -> Einstellungen:
        if self.geheimnis:
            _pruefe(self.geheimnis, "den Einstellungen")
            return self
        return replace(self, geheimnis=_geheimnis(self.datenordner))
