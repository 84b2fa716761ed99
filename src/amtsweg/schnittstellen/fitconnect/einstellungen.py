"""FIT-Connect configuration, read once from the environment (secrets come from the secret store through
the environment or files it mounts; nothing is read from the repository)."""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

from amtsweg.schnittstellen.fitconnect.client import Zugang
from amtsweg.schnittstellen.fitconnect.empfang import Zustellpunkt, lies_jwk

PRAEFIX = "AMTSWEG_FITCONNECT_"
PFLICHT = (
    "TOKEN_URL",
    "SUBMISSION_URL",
    "CLIENT_ID",
    "CLIENT_SECRET",
    "DESTINATION_ID",
    "BEHOERDE",
    "SCHLUESSEL_VERSCHLUESSELUNG",
    "SCHLUESSEL_SIGNATUR",
)


class Konfigurationsfehler(Exception):
    pass


@dataclass(frozen=True)
class FitConnectEinstellungen:
    zugang: Zugang
    punkt: Zustellpunkt


def lade(umgebung: dict[str, str] | None = None) -> FitConnectEinstellungen:
    werte = dict(os.environ if umgebung is None else umgebung)
    fehlend = [PRAEFIX + name for name in PFLICHT if not werte.get(PRAEFIX + name)]
    if fehlend:
        raise Konfigurationsfehler(
            f"Es fehlen die Einstellungen {', '.join(fehlend)} (siehe docs/schnittstellen.md)."
        )

    def wert(name: str) -> str:
        return werte[PRAEFIX + name]

    try:
        verschluesselung = lies_jwk(wert("SCHLUESSEL_VERSCHLUESSELUNG"))
        signatur = lies_jwk(wert("SCHLUESSEL_SIGNATUR"))
    except (OSError, ValueError) as fehler:
        raise Konfigurationsfehler(f"Schlüssel nicht lesbar: {fehler.__class__.__name__}") from fehler
    zugang = Zugang(
        wert("TOKEN_URL"),
        wert("SUBMISSION_URL"),
        wert("CLIENT_ID"),
        wert("CLIENT_SECRET"),
        wert("DESTINATION_ID"),
    )
    ablage = Path(werte.get("AMTSWEG_DATA_DIR", "data")) / "dokumente"
    return FitConnectEinstellungen(
        zugang, Zustellpunkt(zugang.destination_id, wert("BEHOERDE"), verschluesselung, signatur, ablage)
    )
