"""Web pages (form, recognition confirm step, result, PDF, visit sheet) and the JSON API with CSRF."""

from __future__ import annotations

from collections.abc import Callable

from fastapi.testclient import TestClient

from tests.prevention.gefaehrdung.conftest import BEISPIEL
from tests.web.conftest import csrf


def _formular(client: TestClient) -> str:
    antwort = client.get("/gefaehrdung")
    assert antwort.status_code == 200
    assert "unsafe-inline" not in antwort.headers["content-security-policy"]
    return csrf(antwort.text)


def test_ablauf_freitext_bestaetigen_ergebnis_pdf(client_neu: Callable[[], TestClient]) -> None:
    c = client_neu()
    token = _formular(c)
    seite = c.get("/gefaehrdung").text
    assert '<label class="kern-label" for="gb-bezeichnung">' in seite and 'style="' not in seite
    assert c.post("/gefaehrdung/erkennen", data={"freitext": "Dach"}).status_code == 403
    erkannt = c.post(
        "/gefaehrdung/erkennen",
        data={
            "csrf_token": token,
            "freitext": "Dachsanierung, Traufhöhe 7,5 m, Fassadengerüst, 22 Mitarbeiter",
        },
    )
    assert erkannt.status_code == 200
    assert "erkannt an" in erkannt.text and 'value="dacharbeiten" checked' in erkannt.text
    assert 'value="7.5"' in erkannt.text
    daten = {k: str(v) for k, v in BEISPIEL.items() if k != "taetigkeiten"} | {"csrf_token": token}
    daten["mehrere_arbeitgeber"] = "ja"
    ergebnis = c.post(
        "/gefaehrdung/beurteilung", data=daten | {"taetigkeiten": ["dacharbeiten", "geruestbau"]}
    )
    assert ergebnis.status_code == 200
    for nr in range(1, 8):
        assert f'id="schritt-{nr}"' in ergebnis.text
    assert "Vorankündigung" in ergebnis.text and "§ 2 Abs. 2 BaustellV" in ergebnis.text
    pdf = c.post(
        "/gefaehrdung/pdf", data={"csrf_token": csrf(ergebnis.text), "eingabe": _eingabe(ergebnis.text)}
    )
    assert pdf.status_code == 200 and pdf.content.startswith(b"%PDF")
    fehler = c.post("/gefaehrdung/beurteilung", data=daten | {"taetigkeiten": []})
    assert fehler.status_code == 422 and "aria-invalid" not in fehler.text.split("gb-bezeichnung")[1][:200]
    assert "mindestens eine Tätigkeit" in fehler.text


def _eingabe(html: str) -> str:
    import html as h
    import re

    treffer = re.search(r'name="eingabe" value="([^"]+)"', html)
    assert treffer
    return h.unescape(treffer.group(1))


def test_api(client_neu: Callable[[], TestClient]) -> None:
    c = client_neu()
    token = csrf(c.get("/gefaehrdung").text)
    assert c.post("/api/v1/gefaehrdung", json=BEISPIEL).status_code == 403
    kopf = {"X-CSRF-Token": token}
    antwort = c.post("/api/v1/gefaehrdung", json=BEISPIEL, headers=kopf)
    assert antwort.status_code == 200 and len(antwort.json()["schritte"]) == 7
    falsch = c.post("/api/v1/gefaehrdung", json=BEISPIEL | {"arbeitstage": 0}, headers=kopf)
    assert falsch.status_code == 422 and falsch.json()["feld"] == "arbeitstage"
    erk = c.post("/api/v1/gefaehrdung/erkennen", json={"text": "Graben 2 m tief, Bagger"}, headers=kopf)
    assert set(erk.json()["vorgeschlagen"]) == {"baugruben_graeben", "baumaschinen"}
    assert c.get("/api/v1/gefaehrdung/wissen").json()["version"]
    assert (
        c.post("/api/v1/gefaehrdung/besuchsbogen", json={"baustelle": BEISPIEL}, headers=kopf).status_code
        == 401
    )


def test_besuchsbogen_nur_fuer_mitarbeitende(
    als: Callable[[str], TestClient], client_neu: Callable[[], TestClient]
) -> None:
    assert client_neu().get("/gefaehrdung/besuchsbogen", follow_redirects=False).status_code == 303
    buerger = als("erika@demo.example")
    assert buerger.get("/gefaehrdung/besuchsbogen").status_code == 403
    c = als("sachbearbeitung@demo.example")
    token = csrf(c.get("/gefaehrdung/besuchsbogen").text)
    daten = {k: str(v) for k, v in BEISPIEL.items() if k != "taetigkeiten"} | {
        "csrf_token": token,
        "betrieb_name": "Muster GmbH",
        "risikofaktoren": "Unfälle 3 Jahre: 2\nMängel: 5",
    }
    seite = c.post("/gefaehrdung/besuchsbogen", data=daten | {"taetigkeiten": ["dacharbeiten"]})
    assert (
        seite.status_code == 200
        and "Unfälle 3 Jahre: 2" in seite.text
        and "Themen für den Besuch" in seite.text
    )
    pdf = c.post(
        "/gefaehrdung/besuchsbogen", data=daten | {"taetigkeiten": ["dacharbeiten"], "format": "pdf"}
    )
    assert pdf.content.startswith(b"%PDF")
    api = c.post(
        "/api/v1/gefaehrdung/besuchsbogen",
        headers={"X-CSRF-Token": token},
        json={"baustelle": BEISPIEL, "betrieb": "Muster GmbH", "risikofaktoren": {"Unfälle": 2}},
    )
    assert api.status_code == 200 and api.json()["risikofaktoren"] == [{"faktor": "Unfälle", "wert": "2"}]
