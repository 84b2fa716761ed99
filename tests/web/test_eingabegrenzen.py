"""Bad input gets a German answer: unparsable multipart data (a 100 000-character file name), invalid JSON;
upload quotas per Vorgang and per citizen and day."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from fastapi.testclient import TestClient

from amtsweg.cases import buergerdienste
from amtsweg.db import Datenbank
from tests.web.test_api import token
from tests.web.test_arbeit import ERIKA, PDF, neuer_vorgang


def test_riesiger_dateiname_und_kaputtes_json_auf_deutsch(
    als: Callable[[str], TestClient], datenbank: Datenbank
) -> None:
    nummer = neuer_vorgang(datenbank)
    erika = als(ERIKA)
    kopf = token(erika)
    datei = {"datei": ("a" * 100_000 + ".pdf", PDF, "application/pdf")}
    antwort = erika.post(f"/api/v1/antraege/{nummer}/dokumente", files=datei, headers=kopf)
    assert antwort.status_code == 400 and "Formulardaten sind ungültig" in antwort.json()["fehler"]
    seite = erika.post(f"/antraege/{nummer}/nachweise", files=datei, headers=kopf)
    assert seite.status_code == 400 and "Formulardaten sind ungültig" in seite.text
    json_ = erika.post(
        "/api/v1/antraege", content=b"{kaputt", headers=kopf | {"content-type": "application/json"}
    )
    assert json_.status_code == 422 and json_.json()["fehler"] == "Die Anfrage enthält kein gültiges JSON."


def test_upload_kontingent_je_vorgang_und_tag(
    als: Callable[[str], TestClient], datenbank: Datenbank, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(buergerdienste, "MAX_DOKUMENTE_JE_VORGANG", 2)
    monkeypatch.setattr(buergerdienste, "MAX_UPLOADS_JE_TAG", 3)
    erster, zweiter = neuer_vorgang(datenbank), neuer_vorgang(datenbank)
    erika = als(ERIKA)
    kopf = token(erika)

    def hochladen(nummer: str) -> tuple[int, str]:
        pfad = f"/api/v1/antraege/{nummer}/dokumente"
        antwort = erika.post(pfad, files={"datei": ("a.pdf", PDF, "application/pdf")}, headers=kopf)
        return antwort.status_code, antwort.text

    assert [hochladen(erster)[0] for _ in range(2)] == [201, 201]
    status, text = hochladen(erster)
    assert status == 422 and "bereits 2 Unterlagen" in text
    assert hochladen(zweiter)[0] == 201
    status, text = hochladen(zweiter)
    assert status == 422 and "in den letzten 24 Stunden bereits 3 Dateien" in text
