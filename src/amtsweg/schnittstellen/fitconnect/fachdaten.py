"""Mapping of Fachdaten (the submission's data) to an Amtsweg Antrag: one entry per data schema.

A FIM Stammdatenschema for Wohngeld was not found (docs/schnittstellen.md § 6), so the only schema mapped
today is Amtsweg's own JSON schema ``urn:amtsweg:fachdaten:wohngeld:1.0`` (documented in
docs/schnittstellen.md): ``{"antragsteller": {"name", "email"}, "haushalt": <Haushalt JSON as in the web
form>, "bemerkung"?}``. A FIM schema is added as one more entry with its own mapping function once the
Land supplies it. Unknown schemas, malformed JSON and data the rules refuse lead to ``reject-submission``
with the problem named."""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from amtsweg.schnittstellen.fitconnect.metadaten import Ablehnung, Problem


@dataclass(frozen=True, slots=True)
class Antragsdaten:
    leistung: str
    name: str
    email: str
    haushalt: dict[str, Any]
    bemerkung: str


def _text(daten: dict[str, Any], feld: str, hoechstens: int) -> str:
    wert = daten.get(feld)
    if not isinstance(wert, str) or not wert.strip() or len(wert) > hoechstens:
        raise Ablehnung(
            Problem(
                "schema-violation",
                "Schemaverletzung",
                f"Fachdaten: Feld „antragsteller.{feld}“ fehlt oder ist ungültig.",
                "data",
            )
        )
    return wert.strip()


def _amtsweg_wohngeld(daten: Any) -> Antragsdaten:
    if not isinstance(daten, dict) or not isinstance(daten.get("antragsteller"), dict):
        raise Ablehnung(
            Problem(
                "schema-violation", "Schemaverletzung", "Fachdaten: Objekt „antragsteller“ fehlt.", "data"
            )
        )
    if not isinstance(daten.get("haushalt"), dict):
        raise Ablehnung(
            Problem("schema-violation", "Schemaverletzung", "Fachdaten: Objekt „haushalt“ fehlt.", "data")
        )
    bemerkung = daten.get("bemerkung", "")
    if not isinstance(bemerkung, str) or len(bemerkung) > 5000:
        raise Ablehnung(
            Problem(
                "schema-violation",
                "Schemaverletzung",
                "Fachdaten: Feld „bemerkung“ ist ungültig (Text, höchstens 5000 Zeichen).",
                "data",
            )
        )
    person = daten["antragsteller"]
    return Antragsdaten(
        "wohngeld", _text(person, "name", 200), _text(person, "email", 254), daten["haushalt"], bemerkung
    )


#: schemaUri -> (mimeType, mapping)
SCHEMATA: dict[str, tuple[str, Callable[[Any], Antragsdaten]]] = {
    "urn:amtsweg:fachdaten:wohngeld:1.0": ("application/json", _amtsweg_wohngeld),
}


def bilde_antrag(schema_uri: str, mime: str, inhalt: bytes) -> Antragsdaten:
    eintrag = SCHEMATA.get(schema_uri)
    if eintrag is None or eintrag[0] != mime:
        raise Ablehnung(
            Problem(
                "unsupported-schema",
                "Fachdatenschema nicht unterstützt",
                f"Das Fachdatenschema {schema_uri} ({mime}) wird von diesem Zustellpunkt nicht verarbeitet.",
                "data",
            )
        )
    try:
        daten = json.loads(inhalt.decode("utf-8"))
    except (UnicodeDecodeError, json.JSONDecodeError) as fehler:
        raise Ablehnung(
            Problem(
                "syntax-violation",
                "Syntaxfehler",
                f"Fachdaten sind kein gültiges JSON ({fehler.__class__.__name__}).",
                "data",
            )
        ) from fehler
    return eintrag[1](daten)
