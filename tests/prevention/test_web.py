"""The /praevention worklist page: advice notice, accept/skip with reason, CSRF, access rights."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from pathlib import Path

import pandas as pd
import pytest
from fastapi.testclient import TestClient

from amtsweg.cases.demodaten import lege_konten_an
from amtsweg.db import Datenbank
from amtsweg.db.basis import Basis
from amtsweg.prevention import modelle as m
from amtsweg.prevention.besuchsplan import erstelle_arbeitsliste, plan_speichern
from amtsweg.web import erstelle_app
from amtsweg.web.einstellungen import Einstellungen
from amtsweg.web.routen import praevention
from tests.prevention.conftest import TABELLEN
from tests.web.conftest import PASSWORT, anmelden, csrf


@pytest.fixture
def client(datenbank: Datenbank, tmp_path: Path) -> Callable[[str], TestClient]:
    Basis.metadata.create_all(datenbank.engine, tables=TABELLEN)  # until the lead's migration exists
    with datenbank.sitzung() as s:
        lege_konten_an(s, passwort=PASSWORT)
        liste = erstelle_arbeitsliste(
            pd.DataFrame(
                {
                    "betriebsnummer": ["F1", "F2", "F3"],
                    "region": ["Nord", "Nord", "Sued"],
                    "wahrscheinlichkeit": [0.4, 0.2, 0.3],
                    "gruende": [["3 Unfälle in den letzten 3 Jahren"]] * 3,
                }
            ),
            5,
        )
        plan_speichern(s, liste, "test-1", dt.date(2024, 1, 1))
    app = erstelle_app(datenbank, Einstellungen(datenordner=tmp_path, geheimnis="test-geheimnis-" + "x" * 32))
    if not any(getattr(r, "path", "") == "/praevention" for r in app.routes):
        app.include_router(praevention.router)
    return lambda email: anmelden(TestClient(app, raise_server_exceptions=False), email)


def test_arbeitsliste_entscheiden(client: Callable[[str], TestClient], datenbank: Datenbank) -> None:
    c = client("sachbearbeitung@demo.example")
    seite = c.get("/praevention?region=Nord")
    assert seite.status_code == 200
    assert "Entscheidungshilfe" in seite.text and "entscheidet die Aufsichtsperson" in seite.text
    assert "F1" in seite.text and "F3" not in seite.text and 'style="' not in seite.text
    assert "3 Unfälle in den letzten 3 Jahren" in seite.text
    token = csrf(seite.text)
    with datenbank.sitzung() as s:
        ids = [e.id for e in s.query(m.Besuchsplan).order_by(m.Besuchsplan.id)]
    assert c.post(f"/praevention/eintrag/{ids[0]}", data={"entscheidung": "angenommen"}).status_code == 403
    ohne_grund = c.post(
        f"/praevention/eintrag/{ids[0]}", data={"csrf_token": token, "entscheidung": "uebersprungen"}
    )
    assert ohne_grund.status_code == 422 and "Grund" in ohne_grund.text
    ok = c.post(
        f"/praevention/eintrag/{ids[0]}",
        follow_redirects=False,
        data={
            "csrf_token": token,
            "entscheidung": "uebersprungen",
            "grund": "kuerzlich_beraten",
            "region": "Nord",
        },
    )
    assert ok.status_code == 303 and ok.headers["location"] == "/praevention?region=Nord"
    with datenbank.sitzung() as s:
        e = s.get(m.Besuchsplan, ids[0])
        assert (
            e is not None and e.entscheidung == "uebersprungen" and e.entschieden_von == "Sam Sachbearbeitung"
        )
    assert "übersprungen (kuerzlich_beraten)" in c.get("/praevention").text


def test_buerger_hat_keinen_zugriff(client: Callable[[str], TestClient]) -> None:
    assert client("erika@demo.example").get("/praevention").status_code in (403, 404)
