"""The staff page /arbeit/vorgang/{nummer}/nachweise: rights, highlight markup, CSRF, decisions, errors."""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import select

from amtsweg.cases.demodaten import Demokonten
from amtsweg.db import Datenbank
from amtsweg.documents.modelle import Feldvorschlag
from amtsweg.web import erstelle_app
from amtsweg.web.einstellungen import Einstellungen
from amtsweg.web.routen import nachweise
from tests.documents.test_pruefstelle import Fall, lege_fall_an
from tests.web.conftest import anmelden, csrf


@pytest.fixture
def fall(datenbank: Datenbank, demo: Demokonten, tmp_path: Path) -> Fall:
    with datenbank.sitzung() as s:
        return lege_fall_an(s, tmp_path / "dokumente", demo)


@pytest.fixture
def als(datenbank: Datenbank, demo: Demokonten, tmp_path: Path) -> Callable[[str], TestClient]:
    app = erstelle_app(datenbank, Einstellungen(datenordner=tmp_path, geheimnis="test-geheimnis-" + "x" * 32))
    if not any(getattr(r, "path", "").startswith(nachweise.router.prefix) for r in app.routes):
        app.include_router(nachweise.router)  # until the lead adds "nachweise" to ROUTER in app.py
    return lambda email: anmelden(TestClient(app, raise_server_exceptions=False), email)


def _url(fall: Fall) -> str:
    return f"/arbeit/vorgang/{fall.nummer}/nachweise"


def _vorschlaege(datenbank: Datenbank, dokument_id: int) -> dict[str, tuple[int, str, str | None]]:
    with datenbank.sitzung() as s:
        return {
            v.feld: (v.id, v.status, v.entschiedener_wert)
            for v in s.scalars(select(Feldvorschlag).where(Feldvorschlag.dokument_id == dokument_id))
        }


def test_seite_zeigt_bild_markierung_und_formulare(als: Callable[[str], TestClient], fall: Fall,
                                                    datenbank: Datenbank) -> None:  # fmt: skip
    client = als("sachbearbeitung@demo.example")
    antwort = client.get(_url(fall))
    assert antwort.status_code == 200, antwort.text
    html = antwort.text
    vorschlaege = _vorschlaege(datenbank, fall.dokument_id)
    assert "Mietbescheinigung" in html and "Sicherheit" in html
    assert f'href="{_url(fall)}/{fall.dokument_id}/seiten/1"' in html
    # one highlight per proposal with a box, linked to its proposal by data attribute; sizes as attributes
    muster = (
        r'<rect class="amtsweg-fundstelle[^"]*" data-vorschlag="(\d+)"\s+x="[\d.]+" y="[\d.]+"\s+'
        r'width="[\d.]+" height="[\d.]+"'
    )
    rects = re.findall(muster, html)
    assert sorted(map(int, rects)) == sorted(v[0] for v in vorschlaege.values())
    kalt_id = vorschlaege["kaltmiete"][0]
    assert f'id="vorschlag-{kalt_id}" data-vorschlag="{kalt_id}"' in html
    assert f'action="{_url(fall)}/vorschlag/{kalt_id}/bestaetigen"' in html
    assert f'<label class="kern-label" for="korrektur-{kalt_id}">Korrigierter Wert: Kaltmiete</label>' in html
    assert html.count('name="csrf_token" value="' + csrf(html) + '"') >= 3 * len(vorschlaege)
    assert "<mark>" in html
    # strict CSP: no inline styles or scripts, only the static files
    assert "style=" not in html and not re.search(r"<script(?![^>]*\ssrc=)", html)
    assert "onclick" not in html
    assert '<script src="/static/nachweise.js" defer></script>' in html
    for datei in ("/static/nachweise.js", "/static/nachweise.css"):
        assert client.get(datei).status_code == 200
    bild = client.get(f"{_url(fall)}/{fall.dokument_id}/seiten/1")
    assert bild.status_code == 200 and bild.headers["content-type"] == "image/png"
    assert bild.content.startswith(b"\x89PNG")
    assert client.get(f"{_url(fall)}/{fall.dokument_id}/seiten/7").status_code == 404


def test_rechte(als: Callable[[str], TestClient], fall: Fall) -> None:
    fremd = als("fremd@demo.example")
    assert fremd.get(_url(fall)).status_code == 404
    assert fremd.get(f"{_url(fall)}/{fall.dokument_id}/seiten/1").status_code == 404
    buergerin = als("erika@demo.example")
    assert buergerin.get(_url(fall)).status_code == 403
    assert buergerin.get(f"{_url(fall)}/{fall.dokument_id}/seiten/1").status_code == 403
    assert TestClient(fremd.app).get(_url(fall), follow_redirects=False).status_code == 303  # not logged in


def test_entscheiden_per_formular(als: Callable[[str], TestClient], fall: Fall, datenbank: Datenbank) -> None:
    client = als("teamleitung@demo.example")
    token = csrf(client.get(_url(fall)).text)
    ids = {feld: v[0] for feld, v in _vorschlaege(datenbank, fall.dokument_id).items()}

    ohne = client.post(
        f"{_url(fall)}/vorschlag/{ids['kaltmiete']}/bestaetigen", data={}, follow_redirects=False
    )
    assert ohne.status_code == 403
    fremd = als("fremd@demo.example")
    fremd_token = csrf(fremd.get("/arbeit").text)
    antwort = fremd.post(f"{_url(fall)}/vorschlag/{ids['kaltmiete']}/bestaetigen",
                         data={"csrf_token": fremd_token}, follow_redirects=False)  # fmt: skip
    assert antwort.status_code == 404
    assert _vorschlaege(datenbank, fall.dokument_id)["kaltmiete"][1] == "offen"

    antwort = client.post(f"{_url(fall)}/vorschlag/{ids['kaltmiete']}/bestaetigen",
                          data={"csrf_token": token}, follow_redirects=False)  # fmt: skip
    assert antwort.status_code == 303
    assert antwort.headers["location"].endswith(f"?erledigt=bestaetigen#vorschlag-{ids['kaltmiete']}")
    assert "Der Wert wurde bestätigt." in client.get(antwort.headers["location"]).text
    nochmal = client.post(f"{_url(fall)}/vorschlag/{ids['kaltmiete']}/ablehnen", data={"csrf_token": token})
    assert nochmal.status_code == 409 and "bereits entschieden" in nochmal.text

    falsch = client.post(f"{_url(fall)}/vorschlag/{ids['heizkosten']}/korrigieren",
                         data={"csrf_token": token, "wert": "neunzig"})  # fmt: skip
    assert falsch.status_code == 422
    assert "Heizkosten: Bitte geben Sie einen Betrag in Euro an" in falsch.text
    assert f'aria-invalid="true" aria-describedby="korrektur-{ids["heizkosten"]}-fehler' in falsch.text
    assert 'value="neunzig"' in falsch.text
    assert _vorschlaege(datenbank, fall.dokument_id)["heizkosten"][1] == "offen"

    gut = client.post(f"{_url(fall)}/vorschlag/{ids['heizkosten']}/korrigieren",
                      data={"csrf_token": token, "wert": "90,00"}, follow_redirects=False)  # fmt: skip
    assert gut.status_code == 303
    abgelehnt = client.post(f"{_url(fall)}/vorschlag/{ids['mietbeginn']}/ablehnen",
                            data={"csrf_token": token}, follow_redirects=False)  # fmt: skip
    assert abgelehnt.status_code == 303
    stand = _vorschlaege(datenbank, fall.dokument_id)
    assert stand["kaltmiete"][1] == "bestaetigt"
    assert stand["heizkosten"][1:] == ("korrigiert", "90.00")
    assert stand["mietbeginn"][1:] == ("abgelehnt", None)
    seite = client.get(_url(fall)).text
    assert f'action="{_url(fall)}/vorschlag/{ids["kaltmiete"]}/bestaetigen"' not in seite
    assert "Geprüfter Wert: 90,00 €" in seite
    unbekannt = client.post(f"{_url(fall)}/vorschlag/{ids['vermieter']}/x",
                            data={"csrf_token": token})  # fmt: skip
    assert unbekannt.status_code == 404
