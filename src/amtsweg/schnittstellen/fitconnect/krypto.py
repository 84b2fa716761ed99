"""FIT-Connect cryptography: JWE compact (RSA-OAEP-256 key wrap, A256GCM content encryption), SHA-512 hashes
of the plaintext, Security Event Tokens signed PS512, RSA-4096 key generation with an x5c certificate.

Algorithms per the vendored OpenAPI (JWK ``alg`` enum RSA-OAEP-256 / PS512, ``n`` >= 683 characters =
4096 bit) and docs.fitko.de/fit-connect/docs/details/crypto/. joserfc marks RSA-OAEP-256 and PS512 as
"not recommended" for general use, so they are allowed explicitly and only these."""

from __future__ import annotations

import base64
import datetime as dt
import functools
import hashlib
import json
import uuid
from typing import Any

from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import padding, rsa
from cryptography.x509.oid import NameOID
from joserfc import jwe, jws
from joserfc.errors import JoseError
from joserfc.jwk import RSAKey

JWE_ALGORITHMEN = ["RSA-OAEP-256", "A256GCM"]
SIGNATUR_ALGORITHMEN = ["PS512"]
SCHLUESSELLAENGE = 4096
SET_SCHEMA = "https://schema.fitko.de/fit-connect/set-payload/1.0.0/set-payload.schema.json"
EREIGNIS = "https://schema.fitko.de/fit-connect/events/"


class Kryptofehler(Exception):
    """Decryption or signature check failed."""


def sha512(inhalt: bytes) -> str:
    return hashlib.sha512(inhalt).hexdigest()


def _zertifikat(schluessel: rsa.RSAPrivateKey, name: str) -> str:
    """Self-signed certificate (base64 DER) for the x5c field; TEST needs no V-PKI certificate."""
    subjekt = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, name)])
    jetzt = dt.datetime.now(dt.UTC)
    zertifikat = (
        x509.CertificateBuilder()
        .subject_name(subjekt)
        .issuer_name(subjekt)
        .public_key(schluessel.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(jetzt - dt.timedelta(days=1))
        .not_valid_after(jetzt + dt.timedelta(days=730))
        .sign(schluessel, hashes.SHA512(), rsa_padding=padding.PSS(padding.MGF1(hashes.SHA512()), 64))
    )
    return base64.b64encode(zertifikat.public_bytes(serialization.Encoding.DER)).decode()


def erzeuge_schluessel(
    zweck: str, name: str = "Amtsweg TEST", bits: int = SCHLUESSELLAENGE
) -> dict[str, Any]:
    """A private JWK (dict) for ``zweck`` "verschluesselung" (RSA-OAEP-256) or "signatur" (PS512), with kid
    and a self-signed x5c certificate. Store it in the secret store, never in the repository."""
    privat = rsa.generate_private_key(public_exponent=65537, key_size=bits)
    alg, ops = {"verschluesselung": ("RSA-OAEP-256", ["unwrapKey"]), "signatur": ("PS512", ["sign"])}[zweck]
    pem = privat.private_bytes(
        serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8, serialization.NoEncryption()
    )
    jwk = RSAKey.import_key(pem).as_dict(private=True)
    jwk.update({"kid": str(uuid.uuid4()), "alg": alg, "key_ops": ops, "x5c": [_zertifikat(privat, name)]})
    return jwk


def oeffentlich(privater_jwk: dict[str, Any]) -> dict[str, Any]:
    """The public JWK as registered with the destination (key_ops wrapKey / verify)."""
    ops = {"unwrapKey": ["wrapKey"], "sign": ["verify"], "wrapKey": ["wrapKey"], "verify": ["verify"]}
    oeff = {k: privater_jwk[k] for k in ("kty", "n", "e", "kid", "alg", "x5c")}
    oeff["key_ops"] = ops[privater_jwk["key_ops"][0]]
    return oeff


def _schluessel(jwk: dict[str, Any]) -> RSAKey:
    """The joserfc key; cached, because importing a private RSA key checks it and costs about a second."""
    ohne = {k: v for k, v in jwk.items() if k not in ("key_ops", "x5c")}
    return _importiere(json.dumps(ohne, sort_keys=True))


@functools.lru_cache(maxsize=64)
def _importiere(jwk_json: str) -> RSAKey:
    return RSAKey.import_key(json.loads(jwk_json))


def verschluessele(klartext: bytes, oeffentlicher_jwk: dict[str, Any]) -> str:
    kopf = {"alg": "RSA-OAEP-256", "enc": "A256GCM", "kid": oeffentlicher_jwk["kid"]}
    return jwe.encrypt_compact(kopf, klartext, _schluessel(oeffentlicher_jwk), algorithms=JWE_ALGORITHMEN)


def entschluessele(token: str, privater_jwk: dict[str, Any]) -> bytes:
    try:
        ergebnis = jwe.decrypt_compact(token, _schluessel(privater_jwk), algorithms=JWE_ALGORITHMEN)
    except (JoseError, ValueError) as fehler:
        raise Kryptofehler(f"JWE nicht entschlüsselbar ({fehler.__class__.__name__}).") from fehler
    if ergebnis.protected.get("kid") not in (None, privater_jwk["kid"]):
        raise Kryptofehler("JWE ist für einen anderen Schlüssel verschlüsselt.")
    return bytes(ergebnis.plaintext or b"")


def signiere_set(
    privater_jwk: dict[str, Any],
    *,
    aussteller: str,
    submission_id: str,
    case_id: str,
    ereignis: str,
    inhalt: dict[str, Any] | None = None,
    jetzt: int | None = None,
) -> str:
    """A Security Event Token (RFC 8417) as compact JWS, header typ secevent+jwt, alg PS512."""
    nutzlast = {
        "$schema": SET_SCHEMA,
        "jti": str(uuid.uuid4()),
        "iss": aussteller,
        "iat": jetzt if jetzt is not None else int(dt.datetime.now(dt.UTC).timestamp()),
        "sub": f"submission:{submission_id}",
        "txn": f"case:{case_id}",
        "events": {EREIGNIS + ereignis: inhalt or {}},
    }
    kopf = {"alg": "PS512", "kid": privater_jwk["kid"], "typ": "secevent+jwt"}
    daten = json.dumps(nutzlast, separators=(",", ":")).encode()
    return jws.serialize_compact(kopf, daten, _schluessel(privater_jwk), algorithms=SIGNATUR_ALGORITHMEN)


def pruefe_set(token: str, oeffentlicher_jwk: dict[str, Any]) -> dict[str, Any]:
    """Verify signature and header of a SET; returns the payload."""
    try:
        obj = jws.deserialize_compact(token, _schluessel(oeffentlicher_jwk), algorithms=SIGNATUR_ALGORITHMEN)
    except (JoseError, ValueError) as fehler:
        raise Kryptofehler(f"SET-Signatur ungültig ({fehler.__class__.__name__}).") from fehler
    if obj.protected.get("typ") != "secevent+jwt" or obj.protected.get("kid") != oeffentlicher_jwk["kid"]:
        raise Kryptofehler("SET-Kopf ungültig (typ/kid).")
    nutzlast: dict[str, Any] = json.loads(obj.payload)
    return nutzlast
