"""API submissions with ``Idempotency-Key``: a retry after a lost response returns the first result instead
of a second Antrag; keys are per user."""

from __future__ import annotations

from collections.abc import Callable

from fastapi.testclient import TestClient
from sqlalchemy import func, select

from amtsweg.cases.modelle import Vorgang
from amtsweg.db import Datenbank
from tests.web.test_api import MAX, antrag, token
from tests.web.test_arbeit import ERIKA


def _anzahl(datenbank: Datenbank) -> int:
    with datenbank.sitzung() as s:
        return int(s.scalar(select(func.count(Vorgang.id))) or 0)


def test_wiederholung_mit_gleichem_schluessel_legt_keinen_zweiten_antrag_an(
    als: Callable[[str], TestClient], datenbank: Datenbank
) -> None:
    erika = als(ERIKA)
    kopf = token(erika) | {"Idempotency-Key": "a1b2c3"}
    vorher = _anzahl(datenbank)
    erst = erika.post("/api/v1/antraege", json=antrag(), headers=kopf)
    assert erst.status_code == 201, erst.text
    nochmal = erika.post("/api/v1/antraege", json=antrag(), headers=kopf)
    assert nochmal.status_code == 201 and nochmal.json()["nummer"] == erst.json()["nummer"]
    assert nochmal.headers["idempotent-replayed"] == "true"
    assert nochmal.headers["location"] == erst.headers["location"]
    assert _anzahl(datenbank) == vorher + 1
    anderer = erika.post("/api/v1/antraege", json=antrag(), headers=token(erika) | {"Idempotency-Key": "x9"})
    assert anderer.status_code == 201 and anderer.json()["nummer"] != erst.json()["nummer"]
    ohne = erika.post("/api/v1/antraege", json=antrag(), headers=token(erika))
    assert ohne.status_code == 201 and _anzahl(datenbank) == vorher + 3
    max_ = als(MAX)  # the same key of another person is another key
    fremd = max_.post("/api/v1/antraege", json=antrag(), headers=token(max_) | {"Idempotency-Key": "a1b2c3"})
    assert fremd.status_code == 201 and fremd.json()["nummer"] != erst.json()["nummer"]
    zu_lang = erika.post(
        "/api/v1/antraege", json=antrag(), headers=token(erika) | {"Idempotency-Key": "k" * 201}
    )
    assert zu_lang.status_code == 422 and "Idempotency-Key" in zu_lang.json()["fehler"]
