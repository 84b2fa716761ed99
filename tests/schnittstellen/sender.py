"""The Sender side (an Onlinedienst) for tests: builds real submissions — metadata with SHA-512 hashes, JWE
compact RSA-OAEP-256/A256GCM with the destination's public key fetched from the Zustelldienst — and sends them
through create -> upload attachments -> submit. ``fehler`` produces the faulty variants the tests need."""

from __future__ import annotations

import io
import json
import uuid
from typing import Any

import httpx

from amtsweg.schnittstellen.fitconnect import krypto
from tests.schnittstellen.zustelldienst import LEIKA_WOHNGELD_TEST, SCHEMA_URI


def _pdf() -> bytes:
    from pypdf import PdfWriter

    schreiber = PdfWriter()
    schreiber.add_blank_page(595, 842)
    puffer = io.BytesIO()
    schreiber.write(puffer)
    return puffer.getvalue()


def _png() -> bytes:
    from PIL import Image

    puffer = io.BytesIO()
    Image.new("RGB", (40, 30), "white").save(puffer, format="PNG")
    return puffer.getvalue()


PDF, PNG = _pdf(), _png()  # real files: the intake checks of amtsweg.documents parse them


def fachdaten(nummer: int = 0, stichtag: str = "2026-11-01") -> dict[str, Any]:
    return {
        "antragsteller": {"name": f"Erika Muster {nummer}", "email": f"erika.{nummer}@example.org"},
        "haushalt": {
            "stichtag": stichtag,
            "wohnung": {
                "art": "miete",
                "kosten_monat": "470.00",
                "gemeinde": "Ludwigshafen am Rhein",
                "land": "RP",
            },
            "personen": [
                {
                    "id": "antragstellerin",
                    "rolle": "antragsteller",
                    "alter": 71,
                    "einkommen": [{"art": "rente", "brutto_monat": "1300.00"}],
                    "abzuege": ["kranken_pflegeversicherung"],
                }
            ],
        },
    }


class Sender:
    def __init__(
        self, http: httpx.Client, basis_url: str, token_url: str, client_id: str, geheimnis: str
    ) -> None:
        self.http, self.basis, self.token_url = http, basis_url.rstrip("/"), token_url
        antwort = http.post(
            token_url,
            data={"grant_type": "client_credentials", "client_id": client_id, "client_secret": geheimnis},
        )
        antwort.raise_for_status()
        self.kopf = {"Authorization": f"Bearer {antwort.json()['access_token']}"}
        self._schluessel: dict[str, dict[str, Any]] = {}

    def schluessel(self, ziel: str) -> dict[str, Any]:
        if ziel not in self._schluessel:
            info = self.http.get(f"{self.basis}/v1/destinations/{ziel}", headers=self.kopf).json()
            jwk = self.http.get(
                f"{self.basis}/v1/destinations/{ziel}/keys/{info['encryptionKid']}", headers=self.kopf
            ).json()
            assert jwk["alg"] == "RSA-OAEP-256" and jwk["key_ops"] == ["wrapKey"] and len(jwk["n"]) >= 683
            self._schluessel[ziel] = jwk
        return self._schluessel[ziel]

    def sende(
        self,
        ziel: str,
        daten: dict[str, Any] | bytes,
        anlagen: list[tuple[str, bytes, str]] | None = None,
        *,
        fehler: str | None = None,
        fremder_schluessel: dict[str, Any] | None = None,
    ) -> dict[str, str]:
        schluessel = (
            fremder_schluessel if fehler == "schluessel" and fremder_schluessel else self.schluessel(ziel)
        )
        anlagen = (
            anlagen
            if anlagen is not None
            else [("mietvertrag.pdf", PDF, "application/pdf"), ("rentenbescheid.png", PNG, "image/png")]
        )
        inhalt = daten if isinstance(daten, bytes) else json.dumps(daten).encode()
        ids = [str(uuid.uuid4()) for _ in anlagen]
        metadaten: dict[str, Any] = {
            "$schema": "https://schema.fitko.de/fit-connect/metadata/1.0.0/metadata.schema.json",
            "contentStructure": {
                "data": {
                    "hash": {
                        "type": "sha512",
                        "content": krypto.sha512(inhalt + (b"x" if fehler == "hash" else b"")),
                    },
                    "submissionSchema": {
                        "schemaUri": "urn:unbekannt:1.0" if fehler == "schema" else SCHEMA_URI,
                        "mimeType": "application/json",
                    },
                },
                "attachments": [
                    {
                        "attachmentId": aid,
                        "hash": {
                            "type": "sha512",
                            "content": krypto.sha512(
                                inhalt_a + (b"x" if fehler == "anlagehash" and i == 0 else b"")
                            ),
                        },
                        "purpose": "attachment",
                        "mimeType": mime,
                        "filename": name,
                    }
                    for i, (aid, (name, inhalt_a, mime)) in enumerate(zip(ids, anlagen, strict=True))
                ],
            },
        }
        if fehler == "metadaten":
            del metadaten["contentStructure"]["attachments"]
        angelegt = self.http.post(
            f"{self.basis}/v1/submissions",
            headers=self.kopf,
            json={
                "destinationId": ziel,
                "announcedAttachments": ids,
                "serviceType": {"name": "Wohngeld", "identifier": LEIKA_WOHNGELD_TEST},
            },
        )
        angelegt.raise_for_status()
        sid = angelegt.json()["submissionId"]
        for aid, (_, inhalt_a, _) in zip(ids, anlagen, strict=True):
            self.http.put(
                f"{self.basis}/v1/submissions/{sid}/attachments/{aid}",
                content=krypto.verschluessele(inhalt_a, schluessel).encode(),
                headers={**self.kopf, "Content-Type": "application/jose"},
            ).raise_for_status()
        self.http.put(
            f"{self.basis}/v1/submissions/{sid}",
            headers=self.kopf,
            json={
                "encryptedMetadata": krypto.verschluessele(json.dumps(metadaten).encode(), schluessel),
                "encryptedData": krypto.verschluessele(inhalt, schluessel),
            },
        ).raise_for_status()
        return {"submissionId": sid, "caseId": angelegt.json()["caseId"]}
