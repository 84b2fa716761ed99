"""Property-based fuzzing of the JSON API from its OpenAPI document (schemathesis, bounded examples), as a
signed-in citizen and as staff: no server error, and every 4xx answer is a German ``fehler`` message."""

from __future__ import annotations

from collections.abc import Callable

import pytest
import schemathesis
from fastapi.testclient import TestClient
from hypothesis import HealthCheck, given, settings

from tests.web.test_api import token

BEISPIELE = 5  # per operation and role: bounded, the suite runs on small machines


@pytest.mark.parametrize("email", ["erika@demo.example", "sachbearbeitung@demo.example"])
def test_api_fuzzing_ohne_serverfehler(als: Callable[[str], TestClient], email: str) -> None:
    client = als(email)
    kopf = token(client)
    schema = schemathesis.openapi.from_asgi("/api/openapi.json", client.app)
    probleme: list[str] = []
    operationen = [o.ok() for o in schema.get_all_operations()]
    assert len(operationen) >= 8

    for operation in operationen:

        @given(case=operation.as_strategy())
        @settings(max_examples=BEISPIELE, deadline=None, database=None,
                  suppress_health_check=list(HealthCheck))  # fmt: skip
        def pruefe(case: schemathesis.Case) -> None:
            argumente = case.as_transport_kwargs(base_url="http://testserver", headers=kopf)
            argumente.pop("cookies", None)  # the client's own session cookie signs the request in
            antwort = client.request(**argumente)
            name = f"{case.method} {case.formatted_path}"
            if antwort.status_code >= 500:
                probleme.append(f"{name}: {antwort.status_code}")
            elif antwort.status_code >= 400:
                inhalt = antwort.json() if "json" in antwort.headers.get("content-type", "") else {}
                text = str(inhalt.get("fehler", ""))
                if not text or "detail" in inhalt or not any(z in text for z in "äöüßÄÖÜ "):
                    probleme.append(
                        f"{name}: {antwort.status_code} without German message: {antwort.text[:200]}"
                    )

        pruefe()
    assert not probleme, "\n".join(sorted(set(probleme))[:20])
