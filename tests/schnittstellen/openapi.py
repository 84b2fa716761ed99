"""Validation of requests and responses against the vendored FIT-Connect Submission API 1.1.3 (OpenAPI 3.0,
CC BY-SA 4.0, ../shared/domain/schnittstellen/). Schemas are taken from the file at test time, $refs inlined,
and checked with jsonschema (OpenAPI 3.0 schema objects are a JSON Schema draft-4/7 subset)."""

from __future__ import annotations

import functools
import re
from pathlib import Path
from typing import Any

import yaml
from jsonschema import Draft7Validator, FormatChecker

SPEC = (
    Path(__file__).resolve().parents[3]
    / "shared"
    / "domain"
    / "schnittstellen"
    / ("fit-connect-submission-api-1.1.3.yaml")
)


@functools.cache
def spezifikation() -> dict[str, Any]:
    daten: dict[str, Any] = yaml.safe_load(SPEC.read_text(encoding="utf-8"))
    return daten


def _aufloesen(knoten: Any, wurzel: dict[str, Any]) -> Any:
    if isinstance(knoten, dict):
        if "$ref" in knoten:
            ziel: Any = wurzel
            for teil in knoten["$ref"].lstrip("#/").split("/"):
                ziel = ziel[teil.replace("~1", "/").replace("~0", "~")]
            return _aufloesen(ziel, wurzel)
        return {
            k: _aufloesen(v, wurzel)
            for k, v in knoten.items()
            if k not in ("example", "examples", "callbacks")
        }
    if isinstance(knoten, list):
        return [_aufloesen(k, wurzel) for k in knoten]
    return knoten


@functools.cache
def operationen() -> dict[str, tuple[str, str, dict[str, Any]]]:
    """operationId -> (method, path template, operation object with $refs inlined)."""
    spec = spezifikation()
    ergebnis = {}
    for pfad, eintrag in spec["paths"].items():
        for methode, operation in eintrag.items():
            if isinstance(operation, dict) and "operationId" in operation:
                ergebnis[operation["operationId"]] = (methode.upper(), pfad, _aufloesen(operation, spec))
    return ergebnis


def operation_zu(methode: str, pfad: str) -> str:
    for operation_id, (m, vorlage, _) in operationen().items():
        muster = "^" + re.sub(r"\{[^}]+\}", "[^/]+", vorlage) + "$"
        if m == methode and re.match(muster, pfad):
            return operation_id
    raise KeyError(f"{methode} {pfad} ist nicht in der Spezifikation")


def _pruefe(schema: dict[str, Any], wert: Any, wo: str) -> list[str]:
    pruefer = Draft7Validator(schema, format_checker=FormatChecker())
    return [
        f"{wo}: {f.message} (bei {'/'.join(map(str, f.absolute_path))})" for f in pruefer.iter_errors(wert)
    ]


def pruefe_anfrage(operation_id: str, inhaltstyp: str | None, koerper: Any) -> list[str]:
    _, _, operation = operationen()[operation_id]
    anfrage = operation.get("requestBody")
    if anfrage is None:
        return []
    inhalt = anfrage["content"]
    typ = (inhaltstyp or "").split(";")[0].strip()
    if typ not in inhalt:
        return [f"{operation_id}: Anfrage-Inhaltstyp {typ!r} nicht erlaubt ({', '.join(inhalt)})"]
    return _pruefe(inhalt[typ].get("schema", {}), koerper, f"{operation_id} Anfrage")


def pruefe_antwort(operation_id: str, status: int, inhaltstyp: str | None, koerper: Any) -> list[str]:
    _, _, operation = operationen()[operation_id]
    antworten = operation["responses"]
    if str(status) not in antworten:
        return [f"{operation_id}: Status {status} ist nicht dokumentiert ({', '.join(antworten)})"]
    inhalt = antworten[str(status)].get("content")
    if not inhalt:
        return []
    typ = (inhaltstyp or "").split(";")[0].strip()
    if typ not in inhalt:
        return [f"{operation_id}: Antwort-Inhaltstyp {typ!r} nicht dokumentiert ({', '.join(inhalt)})"]
    return _pruefe(inhalt[typ].get("schema", {}), koerper, f"{operation_id} Antwort {status}")
