"""FIT-Connect metadata (version 1.x) and the problem types of ``reject-submission``.

The official metadata JSON Schema
(https://schema.fitko.de/fit-connect/metadata/1.x.y/metadata.schema.json) has no licence statement and is
not vendored. ``METADATEN_SCHEMA`` restates the parts Amtsweg relies on, from the published description
(docs/schnittstellen.md, brief § 1.4): ``contentStructure`` with ``data`` (hash sha512 of 128 hex digits,
submissionSchema with schemaUri and mimeType) and ``attachments`` (attachmentId UUID, hash, purpose
form|attachment|report, mimeType). Unknown extra fields are allowed, as in the official schema.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from jsonschema import Draft202012Validator

HASH = {
    "type": "object",
    "required": ["type", "content"],
    "properties": {"type": {"const": "sha512"}, "content": {"type": "string", "pattern": "^[a-f0-9]{128}$"}},
}
METADATEN_SCHEMA: dict[str, Any] = {
    "$schema": "https://json-schema.org/draft/2020-12/schema",
    "type": "object",
    "required": ["contentStructure"],
    "properties": {
        "$schema": {
            "type": "string",
            "pattern": r"^https://schema\.fitko\.de/fit-connect/metadata/1\.\d+\.\d+/",
        },
        "contentStructure": {
            "type": "object",
            "required": ["attachments"],
            "properties": {
                "data": {
                    "type": "object",
                    "required": ["hash", "submissionSchema"],
                    "properties": {
                        "hash": HASH,
                        "submissionSchema": {
                            "type": "object",
                            "required": ["schemaUri", "mimeType"],
                            "properties": {
                                "schemaUri": {"type": "string", "minLength": 1},
                                "mimeType": {"enum": ["application/json", "application/xml"]},
                            },
                        },
                    },
                },
                "attachments": {
                    "type": "array",
                    "items": {
                        "type": "object",
                        "required": ["attachmentId", "hash", "purpose", "mimeType"],
                        "properties": {
                            "attachmentId": {
                                "type": "string",
                                "pattern": "^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$",
                            },
                            "hash": HASH,
                            "purpose": {"enum": ["form", "attachment", "report"]},
                            "mimeType": {"type": "string", "minLength": 3},
                            "filename": {"type": "string"},
                        },
                    },
                },
            },
        },
        "replyChannel": {"type": "object"},
    },
}
_PRUEFER = Draft202012Validator(METADATEN_SCHEMA)

PROBLEM = "https://schema.fitko.de/fit-connect/events/problems/"


@dataclass(frozen=True, slots=True)
class Problem:
    """One entry of ``problems[]`` in a reject-submission event (RFC 7807 shape)."""

    art: str  # last path segment of the problem type URI
    titel: str
    detail: str
    instance: str  # "metadata", "data", "attachment:<id>", "submission"

    def als_json(self) -> dict[str, str]:
        return {
            "type": PROBLEM + self.art,
            "title": self.titel,
            "detail": self.detail,
            "instance": self.instance,
        }


class Ablehnung(Exception):
    """The submission must be rejected with these problems (no Vorgang is created)."""

    def __init__(self, *probleme: Problem) -> None:
        super().__init__("; ".join(p.detail for p in probleme))
        self.probleme = probleme


def pruefe_metadaten(metadaten: Any) -> None:
    fehler = sorted(_PRUEFER.iter_errors(metadaten), key=lambda f: list(f.absolute_path))
    if fehler:
        erster = fehler[0]
        ort = "/".join(str(t) for t in erster.absolute_path) or "(Wurzel)"
        raise Ablehnung(
            Problem(
                "schema-violation",
                "Schemaverletzung",
                f"Metadaten verletzen das Schema bei {ort}: {erster.message}",
                "metadata",
            )
        )
