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
    liste = c.get("/praevention").text
    assert "übersprungen (Betrieb wurde kürzlich beraten oder besucht)" in liste
    assert "(kuerzlich_beraten" not in liste  # no internal key shown as text
    assert "Abmelden" in liste and ">Anmelden<" not in liste  # header knows the signed-in user
    assert 'href="/praevention"' in liste  # menu entry


def test_buerger_hat_keinen_zugriff(client: Callable[[str], TestClient]) -> None:
    assert client("erika@demo.example").get("/praevention").status_code in (403, 404)


def test_wochenplan_besuch_erfassen_besuchsbogen(
    client: Callable[[str], TestClient], datenbank: Datenbank
) -> None:
    c = client("sachbearbeitung@demo.example")
    woche = c.get("/praevention/woche?woche=2027-03-03&je_tag=1&region=Nord")
    assert woche.status_code == 200 and "Woche ab 01.03.2027" in woche.text
    assert woche.text.index("F1") < woche.text.index("F2")  # rank order over the days
    assert c.get("/praevention/woche?woche=kein-datum").status_code == 422
    with datenbank.sitzung() as s:
        f1 = s.query(m.Besuchsplan).order_by(m.Besuchsplan.rang, m.Besuchsplan.id).first()
        assert f1 is not None
        plan_id = f1.id
    formular = c.get(f"/praevention/besuch/{plan_id}")
    assert formular.status_code == 200 and "Besuchsbogen für diesen Betrieb" in formular.text
    token = csrf(formular.text)
    daten = {"csrf_token": token, "datum": "2027-02-20", "ergebnis": "maengel", "beratung": "Gerüst"}
    fehler = c.post(f"/praevention/besuch/{plan_id}", data=daten)
    assert fehler.status_code == 422 and "Mangel" in fehler.text
    ok = c.post(
        f"/praevention/besuch/{plan_id}",
        data=daten | {"mangel": "Seitenschutz fehlt", "folgetermin": "2027-03-04"},
        follow_redirects=False,
    )
    assert ok.status_code == 303
    danach = c.get("/praevention/woche?woche=2027-03-01&je_tag=1&region=Nord").text
    assert "Folgetermin aus dem Besuch vom 20.02.2027" in danach
    assert c.get("/praevention/besuch/999999").status_code == 404
    bogen = c.get(f"/gefaehrdung/besuchsbogen?plan={plan_id}").text
    assert "3 Unfälle in den letzten 3 Jahren" in bogen and "F1" in bogen
