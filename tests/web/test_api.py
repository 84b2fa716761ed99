"""JSON API /api/v1: OpenAPI, CSRF, submission with field errors, status, uploads, staff operations and
object-level access."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any

from fastapi.testclient import TestClient
from sqlalchemy import func, select

from amtsweg.cases.demodaten import haushalt
from amtsweg.cases.modelle import Dokument, Vorgang, jetzt
from amtsweg.db import Datenbank
from tests.web.test_arbeit import ERIKA, FREMD, PDF, SB, TL, neuer_vorgang, status_von

Als = Callable[[str], TestClient]
MAX = "max@demo.example"


def token(client: TestClient) -> dict[str, str]:
    antwort = client.get("/api/v1/csrf")
    assert antwort.status_code == 200
    return {"X-CSRF-Token": antwort.json()["csrf_token"]}


def antrag(**aenderungen: Any) -> dict[str, Any]:
    return {
        "behoerde": "demo-wohngeld",
        "leistung": "wohngeld",
        "haushalt": haushalt(jetzt().date().replace(day=1)),
        **aenderungen,
    }


def test_openapi_listet_die_endpunkte(app_client: Callable[[], TestClient]) -> None:
    dokument = app_client().get("/api/openapi.json").json()
    pfade = dokument["paths"]
    erwartet = {
        "/api/v1/csrf": "get",
        "/api/v1/antraege": "post",
        "/api/v1/antraege/{nummer}": "get",
        "/api/v1/antraege/{nummer}/dokumente": "post",
        "/api/v1/arbeit/vorgaenge": "get",
        "/api/v1/vorgaenge/{nummer}/berechnung": "post",
        "/api/v1/vorgaenge/{nummer}/entscheidung": "post",
        "/api/v1/vorgaenge/{nummer}/freigabe": "post",
    }
    for pfad, methode in erwartet.items():
        assert methode in pfade.get(pfad, {}), pfad
    assert not any(p.startswith("/arbeit") for p in pfade), "HTML pages stay out of the API document"
    schema = dokument["components"]["schemas"]["AntragEingabe"]["properties"]
    assert {"behoerde", "haushalt", "bemerkung"} <= set(schema)


def test_antrag_einreichen_mit_csrf_und_status(als: Als, datenbank: Datenbank) -> None:
    erika = als(ERIKA)
    ohne = erika.post("/api/v1/antraege", json=antrag())
    assert ohne.status_code == 403 and "fehler" in ohne.json()
    falsch = erika.post("/api/v1/antraege", json=antrag(), headers={"X-CSRF-Token": "falsch"})
    assert falsch.status_code == 403
    with datenbank.sitzung() as s:
        assert s.scalar(select(func.count(Vorgang.id))) == 0

    antwort = erika.post("/api/v1/antraege", json=antrag(), headers=token(erika))
    assert antwort.status_code == 201, antwort.text
    daten = antwort.json()
    assert daten["status"] == "eingegangen" and daten["nummer"].startswith("WG-")
    assert antwort.headers["location"] == f"/api/v1/antraege/{daten['nummer']}"

    status = erika.get(f"/api/v1/antraege/{daten['nummer']}")
    assert status.status_code == 200
    assert [z["aktion"] for z in status.json()["zeitachse"]] == ["antrag_eingereicht"]
    assert "automatisierung" not in status.text  # internal checks are not shown to citizens
    # nobody else sees it
    assert als(MAX).get(f"/api/v1/antraege/{daten['nummer']}").status_code == 404
    assert als(FREMD).get(f"/api/v1/antraege/{daten['nummer']}").status_code == 404
    staff = als(SB).get(f"/api/v1/antraege/{daten['nummer']}").json()
    assert "automatisierung_geprueft" in [z["aktion"] for z in staff["zeitachse"]]


def test_antrag_mit_falschem_feld_gibt_422_mit_feld(als: Als, datenbank: Datenbank) -> None:
    erika = als(ERIKA)
    kopf = token(erika)
    daten = antrag()
    daten["haushalt"]["personen"][0]["alter"] = -5
    antwort = erika.post("/api/v1/antraege", json=daten, headers=kopf)
    assert antwort.status_code == 422
    assert antwort.json()["feld"] == "haushalt.personen[0].alter"
    assert "zwischen 0 und 130" in antwort.json()["fehler"]
    unbekannt = erika.post("/api/v1/antraege", json=antrag(behoerde="gibt-es-nicht"), headers=kopf)
    assert unbekannt.status_code == 422 and unbekannt.json()["feld"] == "behoerde"
    with datenbank.sitzung() as s:
        assert s.scalar(select(func.count(Vorgang.id))) == 0
    # staff do not submit Anträge; anonymous callers get 401
    sb = als(SB)
    assert sb.post("/api/v1/antraege", json=antrag(), headers=token(sb)).status_code == 403


def test_dokumente_hochladen(als: Als, datenbank: Datenbank) -> None:
    nummer = neuer_vorgang(datenbank)
    erika = als(ERIKA)
    kopf = token(erika)
    pfad = f"/api/v1/antraege/{nummer}/dokumente"
    gut = erika.post(pfad, files={"datei": ("a.pdf", PDF, "application/pdf")}, headers=kopf)
    assert gut.status_code == 201, gut.text
    assert gut.json()["mime"] == "application/pdf" and len(gut.json()["sha256"]) == 64
    falsch = erika.post(pfad, files={"datei": ("a.pdf", b"MZ\x90\x00exe", "application/pdf")}, headers=kopf)
    assert falsch.status_code == 422 and falsch.json()["feld"] == "datei"
    gross = erika.post(
        pfad, files={"datei": ("b.pdf", PDF + b"0" * (10 * 1024 * 1024), "application/pdf")}, headers=kopf
    )
    assert gross.status_code == 413
    fremd = als(MAX)
    assert (
        fremd.post(pfad, files={"datei": ("c.pdf", PDF, "application/pdf")}, headers=token(fremd)).status_code
        == 404
    )
    assert erika.post(pfad, files={"datei": ("d.pdf", PDF, "application/pdf")}).status_code == 403
    with datenbank.sitzung() as s:
        assert s.scalar(select(func.count(Dokument.id))) == 1


def test_arbeitskorb_seitenweise_und_rechte(
    als: Als, datenbank: Datenbank, app_client: Callable[[], TestClient]
) -> None:
    nummern = [neuer_vorgang(datenbank, "470.00", "1300.00") for _ in range(5)]
    sb = als(SB)
    seite = sb.get("/api/v1/arbeit/vorgaenge?pro_seite=2&seite=3")
    assert seite.status_code == 200
    daten = seite.json()
    assert daten["gesamt"] == 5 and daten["seiten"] == 3
    assert [v["nummer"] for v in daten["vorgaenge"]] == nummern[4:]
    assert sb.get("/api/v1/arbeit/vorgaenge?status=beschieden").json()["gesamt"] == 0
    assert als(FREMD).get("/api/v1/arbeit/vorgaenge").json()["gesamt"] == 0
    assert als(ERIKA).get("/api/v1/arbeit/vorgaenge").status_code == 403
    assert app_client().get("/api/v1/arbeit/vorgaenge").status_code == 401


def test_arbeitskorb_mit_cursor(als: Als, datenbank: Datenbank) -> None:
    nummern = [neuer_vorgang(datenbank, "470.00", "1300.00") for _ in range(5)]
    sb = als(SB)
    url = "/api/v1/arbeit/vorgaenge"
    neueste = {"pro_seite": 2, "sortierung": "neueste"}
    erste = sb.get(url, params=neueste).json()
    assert erste["gesamt"] == 5 and erste["gesamt_gedeckelt"] is False and erste["vorheriger_cursor"] is None
    gesehen, seite = [v["nummer"] for v in erste["vorgaenge"]], erste
    while seite["naechster_cursor"]:
        seite = sb.get(url, params={**neueste, "cursor": seite["naechster_cursor"]}).json()
        gesehen += [v["nummer"] for v in seite["vorgaenge"]]
    assert gesehen == nummern[::-1]  # every Vorgang once, newest first
    zurueck = sb.get(url, params={**neueste, "cursor": seite["vorheriger_cursor"]}).json()
    assert [v["nummer"] for v in zurueck["vorgaenge"]] == nummern[::-1][2:4]
    # a cursor wins over an old page number; a foreign cursor is refused with the field named
    mit_beidem = sb.get(url, params={**neueste, "cursor": erste["naechster_cursor"], "seite": 3}).json()
    assert [v["nummer"] for v in mit_beidem["vorgaenge"]] == nummern[::-1][2:4]
    kaputt = sb.get(url, params={**neueste, "cursor": "bm9jaCBrZWluIGN1cnNvcg"})
    assert kaputt.status_code == 422
    assert kaputt.json() == {"feld": "cursor", "fehler": kaputt.json()["fehler"]}
    assert "Cursor ist ungültig" in kaputt.json()["fehler"]


def test_bearbeitung_ueber_die_api(als: Als, datenbank: Datenbank) -> None:
    nummer = neuer_vorgang(datenbank)
    sb, tl, fremd = als(SB), als(TL), als(FREMD)
    kopf_sb, kopf_tl = token(sb), token(tl)
    assert fremd.post(f"/api/v1/vorgaenge/{nummer}/berechnung", headers=token(fremd)).status_code == 404
    assert sb.post(f"/api/v1/vorgaenge/{nummer}/berechnung").status_code == 403  # no CSRF header

    berechnung = sb.post(f"/api/v1/vorgaenge/{nummer}/berechnung", headers=kopf_sb)
    assert berechnung.status_code == 201, berechnung.text
    b = berechnung.json()
    assert b["status"] == "entscheidungsreif" and b["betrag_monat"] == "386.00" and b["regelwerk_version"]
    assert any(x["norm"] == "§ 19 Abs. 1 WoGG" for x in b["begruendung"])

    url = f"/api/v1/vorgaenge/{nummer}/entscheidung"
    ohne_gruende = sb.post(url, json={"art": "ablehnung"}, headers=kopf_sb)
    assert ohne_gruende.status_code == 422 and ohne_gruende.json()["feld"] == "gruende"
    assert status_von(datenbank, nummer) == "entscheidungsreif"
    e = sb.post(url, json={"art": "bewilligung"}, headers=kopf_sb)
    assert e.status_code == 201 and e.json()["freigabe_erforderlich"] and e.json()["status"] == "zur_freigabe"
    assert sb.post(url, json={"art": "bewilligung"}, headers=kopf_sb).status_code == 409

    freigabe = f"/api/v1/vorgaenge/{nummer}/freigabe"
    assert sb.post(freigabe, json={}, headers=kopf_sb).status_code == 403
    assert tl.post(freigabe, json={"freigeben": False}, headers=kopf_tl).status_code == 422
    assert status_von(datenbank, nummer) == "zur_freigabe"
    fertig = tl.post(freigabe, json={}, headers=kopf_tl)
    assert fertig.status_code == 200 and fertig.json()["status"] == "beschieden"
    assert tl.post(freigabe, json={}, headers=kopf_tl).status_code == 409


def test_nachforderung_ueber_die_api(als: Als, datenbank: Datenbank) -> None:
    nummer = neuer_vorgang(datenbank)
    sb = als(SB)
    url = f"/api/v1/vorgaenge/{nummer}/nachforderung"
    frist = (jetzt().date() + dt.timedelta(days=10)).isoformat()
    gestern = (jetzt().date() - dt.timedelta(days=1)).isoformat()
    assert (
        sb.post(url, json={"beschreibung": "Lohnzettel", "frist": gestern}, headers=token(sb)).status_code
        == 409
    )
    antwort = sb.post(url, json={"beschreibung": "Lohnzettel", "frist": frist}, headers=token(sb))
    assert antwort.status_code == 201 and antwort.json()["status"] == "unvollstaendig"


def test_folgeantraege_ueber_die_api_wie_im_portal(als: Als, datenbank: Datenbank) -> None:
    from tests.web.test_buerger import _bescheiden

    nummer = neuer_vorgang(datenbank, kosten="470.00")
    _bescheiden(datenbank, nummer)
    erika, max_ = als(ERIKA), als(MAX)
    kopf = token(erika)
    monatsanfang = jetzt().date().replace(day=1)
    mitte = (monatsanfang + dt.timedelta(days=40)).replace(day=15)  # next month, not on the first
    aenderung = antrag(art="aenderung", haushalt=haushalt(mitte, "520.00"))

    ohne = erika.post("/api/v1/antraege", json=aenderung, headers=kopf)
    assert ohne.status_code == 409 and "vorgaenger" in ohne.json()["fehler"]
    erst = erika.post("/api/v1/antraege", json=antrag(vorgaenger=nummer), headers=kopf)
    assert erst.status_code == 409 and "Erstantrag" in erst.json()["fehler"]
    assert (
        max_.post(
            "/api/v1/antraege", json={**aenderung, "vorgaenger": nummer}, headers=token(max_)
        ).status_code
        == 404
    )
    zu_spaet = antrag(art="aenderung", vorgaenger=nummer, haushalt=haushalt(dt.date(2099, 1, 1)))
    falsch = erika.post("/api/v1/antraege", json=zu_spaet, headers=kopf)
    assert falsch.status_code == 409 and "Bewilligungszeitraum" in falsch.json()["fehler"]

    gut = erika.post("/api/v1/antraege", json={**aenderung, "vorgaenger": nummer}, headers=kopf)
    assert gut.status_code == 201, gut.text
    assert gut.json()["art"] == "aenderung" and gut.json()["status"] == "eingegangen"
    with datenbank.sitzung() as s:
        neu = s.scalar(select(Vorgang).where(Vorgang.nummer == gut.json()["nummer"]))
        assert neu is not None and neu.daten["stichtag"] == mitte.replace(day=1).isoformat()
    noch_einmal = erika.post("/api/v1/antraege", json={**aenderung, "vorgaenger": nummer}, headers=kopf)
    assert noch_einmal.status_code == 409 and "noch bearbeitet" in noch_einmal.json()["fehler"]
