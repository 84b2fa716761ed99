"""Settings of the web app, from the environment with safe defaults for the embedded demo."""

from __future__ import annotations

import os
import secrets
from dataclasses import dataclass, field
from pathlib import Path

from amtsweg.web.oidc import OidcEinstellungen


def _geheimnis(ordner: Path) -> str:
    if wert := os.environ.get("AMTSWEG_SECRET_KEY"):
        return wert
    datei = ordner / "secret_key"
    if not datei.exists():
        ordner.mkdir(parents=True, exist_ok=True)
        datei.write_text(secrets.token_urlsafe(48), encoding="utf-8")
        datei.chmod(0o600)
    return datei.read_text(encoding="utf-8").strip()


@dataclass(frozen=True)
class Einstellungen:
    datenordner: Path = field(default_factory=lambda: Path(os.environ.get("AMTSWEG_DATA_DIR", "data")))
    geheimnis: str = ""
    sichere_cookies: bool = field(
        default_factory=lambda: os.environ.get("AMTSWEG_SECURE_COOKIES", "0") == "1"
    )
    max_upload: int = 10 * 1024 * 1024
    oidc: OidcEinstellungen | None = field(default_factory=OidcEinstellungen.aus_umgebung)

    @property
    def ablage(self) -> Path:
        return self.datenordner / "dokumente"

    def mit_geheimnis(self) -> Einstellungen:
        if self.geheimnis:
            return self
        return Einstellungen(
            self.datenordner, _geheimnis(self.datenordner), self.sichere_cookies, self.max_upload, self.oidc
        )
