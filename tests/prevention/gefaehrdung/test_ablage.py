"""Per-measure responsible person and deadline; saving, listing, reopening and updating a firm's
assessments (only the owner may see them), over the web pages and the JSON API."""

from __future__ import annotations

import html
import json
import re
from collections.abc import Callable

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import select

from amtsweg.db import Datenbank
from amtsweg.governance.audit import AuditEreignis
from amtsweg.prevention.gefaehrdung.beurteilung import beurteile
from amtsweg.prevention.gefaehrdung.eingabe import baustelle_aus_dict, massnahmen_schluessel
from amtsweg.rules.engine.fehler import Eingabefehler
from tests.prevention.gefaehrdung.conftest import BEISPIEL
from tests.web.conftest import csrf

SCHLUESSEL = "dacharbeiten.absturz_kante.1"  # checked against the knowledge base below


def test_schluessel_der_wissensbasis() -> None:
    alle = massnahmen_schluessel(("dacharbeiten", "geruestbau"))
    assert SCHLUESSEL in alle and len(alle) == len(set(alle))
    assert not any(k.startswith("leitern.") for k in alle)


def test_festlegung_je_massnahme() -> None:
    eintrag = {SCHLUESSEL: {"verantwortlich": "Paul Polier", "frist": "2027-05-10"}}
    gb = beurteile(baustelle_aus_dict(BEISPIEL | {"massnahmen": eintrag}))
    zeilen = {m.schluessel: m for z in gb.zeilen for m in z.massnahmen}
    assert zeilen[SCHLUESSEL].verantwortlich == "Paul Polier" and zeilen[SCHLUESSEL].festgelegt
    andere = [m for k, m in zeilen.items() if k != SCHLUESSEL]
    assert all(not m.festgelegt and m.verantwortlich == "Erika Beispiel" for m in andere)
    schritt4 = gb.als_dict()["schritte"][3]["inhalt"]
    json_m = next(m for z in schritt4 for m in z["massnahmen"] if m["schluessel"] == SCHLUESSEL)
    assert json_m["frist"] == "2027-05-10" and json_m["festgelegt"] is True
    # the input round-trips through als_dict (what is stored)
    wieder = baustelle_aus_dict(gb.baustelle.als_dict())
    assert wieder.festlegung(SCHLUESSEL) == ("Paul Polier", gb.baustelle.festlegung(SCHLUESSEL)[1])  # type: ignore[index]


@pytest.mark.parametrize(
    ("eintrag", "feld", "text"),
    [
        (
            {"leitern.absturz_leiter.1": {"verantwortlich": "A", "frist": "2027-05-04"}},
            "",
            "keiner gewählten",
        ),
        ({SCHLUESSEL: {"verantwortlich": "", "frist": "2027-05-04"}}, ".verantwortlich", "verantwortlich"),
        ({SCHLUESSEL: {"verantwortlich": "A", "frist": ""}}, ".frist", "Frist"),
        ({SCHLUESSEL: {"verantwortlich": "A", "frist": "4.5.2027"}}, ".frist", "JJJJ-MM-TT"),
        (
            {SCHLUESSEL: {"verantwortlich": "A", "frist": "2027-06-26"}},
            ".frist",
            "nach dem voraussichtlichen Ende",
        ),
    ],
)
def test_festlegung_wird_geprueft(eintrag: dict[str, dict[str, str]], feld: str, text: str) -> None:
    with pytest.raises(Eingabefehler) as fehler:
        baustelle_aus_dict(BEISPIEL | {"massnahmen": eintrag})
    assert fehler.value.feld == "massnahmen." + next(iter(eintrag)) + feld and text in fehler.value.meldung


def test_letzter_arbeitstag_ist_zulaessige_frist() -> None:
    # 40 working days from Monday 2027-05-03 end on Friday 2027-06-25 (boundary: allowed), not a day later
    ende = {SCHLUESSEL: {"verantwortlich": "A", "frist": "2027-06-25"}}
    assert baustelle_aus_dict(BEISPIEL | {"massnahmen": ende}).massnahmen[0][2].isoformat() == "2027-06-25"


def _formular(daten: dict[str, object]) -> dict[str, object]:
    werte = {k: str(v) for k, v in daten.items() if k != "taetigkeiten"}
    werte["mehrere_arbeitgeber"] = "ja"
    return werte | {"taetigkeiten": list(daten["taetigkeiten"])}  # type: ignore[call-overload]


def _hidden(seite: str, name: str) -> str:
    treffer = re.search(rf'name="{name}" value="([^"]*)"', seite)
    assert treffer, name
    return html.unescape(treffer.group(1))


def _ergebnis(c: TestClient) -> str:
    token = csrf(c.get("/gefaehrdung").text)
    seite = c.post("/gefaehrdung/beurteilung", data=_formular(BEISPIEL) | {"csrf_token": token})
    assert seite.status_code == 200
    return seite.text


def test_web_speichern_oeffnen_fortschreiben(als: Callable[[str], TestClient], datenbank: Datenbank) -> None:
    c = als("erika@demo.example")
    seite = _ergebnis(c)
    assert f'id="gb-massnahmen.{SCHLUESSEL}.verantwortlich"' in seite and "Vorschlag: Erika Beispiel" in seite
    basis = {"csrf_token": csrf(seite), "eingabe": _hidden(seite, "eingabe")}
    feld = f"massnahmen.{SCHLUESSEL}"
    falsch = c.post(
        "/gefaehrdung/massnahmen",
        data=basis | {f"{feld}.verantwortlich": "Paul", f"{feld}.frist": "2030-01-01"},
    )
    assert falsch.status_code == 422 and "nach dem voraussichtlichen Ende" in falsch.text
    assert f'href="#gb-{feld}.frist"' in falsch.text and 'aria-invalid="true"' in falsch.text
    assert 'value="Paul"' in falsch.text  # the entry is kept
    daten = basis | {f"{feld}.verantwortlich": "Paul Polier", f"{feld}.frist": "2027-05-10"}
    ok = c.post("/gefaehrdung/massnahmen", data=daten)
    assert ok.status_code == 200 and 'value="Paul Polier"' in ok.text
    assert (
        c.post(
            "/gefaehrdung/speichern", data={k: v for k, v in daten.items() if k != "csrf_token"}
        ).status_code
        == 403
    )
    gespeichert = c.post("/gefaehrdung/speichern", data=daten | {"anlass": ""}, follow_redirects=False)
    assert gespeichert.status_code == 303
    pfad = gespeichert.headers["location"].split("?")[0]
    gb_id = int(pfad.rsplit("/", 1)[1])
    offen = c.get(gespeichert.headers["location"])
    assert "Gespeichert als Fassung 1" in offen.text and 'value="Paul Polier"' in offen.text
    assert "Dachsanierung Musterstraße 1" in c.get("/gefaehrdung/meine").text
    pdf = c.get(f"{pfad}/pdf")
    assert pdf.status_code == 200 and pdf.content.startswith(b"%PDF")
    # Fortschreibung: a reason is required; then version 2, version 1 stays readable
    neu = basis | {
        "gb_id": str(gb_id),
        f"{feld}.verantwortlich": "Olga Obermeister",
        f"{feld}.frist": "2027-05-05",
    }
    ohne = c.post("/gefaehrdung/speichern", data=neu | {"anlass": " "})
    assert (
        ohne.status_code == 422
        and "Anlass der Fortschreibung" in ohne.text
        and 'href="#gb-anlass"' in ohne.text
    )
    zwei = c.post(
        "/gefaehrdung/speichern", data=neu | {"anlass": "Neuer Bauabschnitt"}, follow_redirects=False
    )
    assert zwei.headers["location"].startswith(pfad)
    aktuell = c.get(pfad).text
    assert "Olga Obermeister" in aktuell and "Neuer Bauabschnitt" in aktuell and "2 (angezeigt)" in aktuell
    assert 'value="Paul Polier"' in c.get(f"{pfad}?fassung=1").text
    bearbeiten = c.get(f"{pfad}/bearbeiten").text
    assert _hidden(bearbeiten, "gb_id") == str(gb_id) and "Olga Obermeister" in _hidden(
        bearbeiten, "massnahmen_json"
    )
    # changing the site data keeps the per-measure entries that still apply
    wieder = c.post(
        "/gefaehrdung/beurteilung",
        data=_formular(BEISPIEL)
        | {
            "csrf_token": csrf(bearbeiten),
            "gb_id": str(gb_id),
            "massnahmen_json": _hidden(bearbeiten, "massnahmen_json"),
        },
    )
    assert 'value="Olga Obermeister"' in wieder.text and _hidden(wieder.text, "gb_id") == str(gb_id)


def test_fremde_beurteilung_verweigert(als: Callable[[str], TestClient], datenbank: Datenbank) -> None:
    erika = als("erika@demo.example")
    kopf = {"X-CSRF-Token": csrf(erika.get("/gefaehrdung").text)}
    antwort = erika.post("/api/v1/gefaehrdung/ablage", json={"baustelle": BEISPIEL}, headers=kopf)
    assert antwort.status_code == 201 and antwort.json()["fassung"] == 1
    gb_id = antwort.json()["id"]
    assert [e["id"] for e in erika.get("/api/v1/gefaehrdung/ablage").json()] == [gb_id]
    max_ = als("max@demo.example")
    mkopf = {"X-CSRF-Token": csrf(max_.get("/gefaehrdung").text)}
    assert max_.get("/api/v1/gefaehrdung/ablage").json() == []
    assert max_.get(f"/gefaehrdung/meine/{gb_id}").status_code == 404
    assert max_.get(f"/gefaehrdung/meine/{gb_id}/pdf").status_code == 404
    assert max_.get(f"/api/v1/gefaehrdung/ablage/{gb_id}").status_code == 404
    fremd = max_.put(
        f"/api/v1/gefaehrdung/ablage/{gb_id}", json={"baustelle": BEISPIEL, "anlass": "x"}, headers=mkopf
    )
    assert fremd.status_code == 404
    formular = {"csrf_token": mkopf["X-CSRF-Token"], "eingabe": json.dumps(BEISPIEL), "gb_id": str(gb_id)}
    assert max_.post("/gefaehrdung/speichern", data=formular | {"anlass": "fremd"}).status_code == 404
    assert max_.get(f"/gefaehrdung/meine/{gb_id}/bearbeiten").status_code == 404
    sb = als("sachbearbeitung@demo.example")
    assert sb.get(f"/api/v1/gefaehrdung/ablage/{gb_id}").status_code == 404  # staff do not see firms' files
    assert erika.get(f"/api/v1/gefaehrdung/ablage/{gb_id}").json()["fassung"] == 1  # unchanged
    with datenbank.sitzung() as s:
        verweigert = s.scalars(
            select(AuditEreignis).where(AuditEreignis.aktion == "zugriff_verweigert")
        ).all()
        assert {e.akteur for e in verweigert} >= {"max@demo.example", "sachbearbeitung@demo.example"}


def test_api_fortschreiben_und_fehler(
    als: Callable[[str], TestClient], client_neu: Callable[[], TestClient]
) -> None:
    anonym = client_neu()
    assert anonym.get("/api/v1/gefaehrdung/ablage").status_code == 401
    token = csrf(anonym.get("/gefaehrdung").text)
    assert (
        anonym.post("/gefaehrdung/speichern", data={"csrf_token": token}, follow_redirects=False).status_code
        == 303
    )
    c = als("erika@demo.example")
    kopf = {"X-CSRF-Token": csrf(c.get("/gefaehrdung").text)}
    assert c.post("/api/v1/gefaehrdung/ablage", json={"baustelle": BEISPIEL}).status_code == 403
    falsch = c.post(
        "/api/v1/gefaehrdung/ablage",
        json={"baustelle": BEISPIEL | {"massnahmen": {SCHLUESSEL: {"verantwortlich": "A"}}}},
        headers=kopf,
    )
    assert falsch.status_code == 422 and falsch.json()["feld"] == f"massnahmen.{SCHLUESSEL}.frist"
    gb_id = c.post("/api/v1/gefaehrdung/ablage", json={"baustelle": BEISPIEL}, headers=kopf).json()["id"]
    ohne = c.put(f"/api/v1/gefaehrdung/ablage/{gb_id}", json={"baustelle": BEISPIEL}, headers=kopf)
    assert ohne.status_code == 422 and ohne.json()["feld"] == "anlass"
    eintrag = {SCHLUESSEL: {"verantwortlich": "Paul Polier", "frist": "2027-05-04"}}
    zwei = c.put(
        f"/api/v1/gefaehrdung/ablage/{gb_id}",
        json={"baustelle": BEISPIEL | {"massnahmen": eintrag}, "anlass": "Unfall am Gerüst"},
        headers=kopf,
    )
    assert zwei.status_code == 200 and zwei.json()["fassung"] == 2
    assert [f["anlass"] for f in zwei.json()["fassungen"]] == ["Erstellung", "Unfall am Gerüst"]
    schritt7 = zwei.json()["beurteilung"]["schritte"][6]["inhalt"]
    assert schritt7["fassung"] == 2 and len(schritt7["fortschreibungen"]) == 2
    alt = c.get(f"/api/v1/gefaehrdung/ablage/{gb_id}?fassung=1").json()["beurteilung"]
    assert not any(m["festgelegt"] for z in alt["schritte"][3]["inhalt"] for m in z["massnahmen"])
    assert c.get(f"/api/v1/gefaehrdung/ablage/{gb_id}?fassung=9").json()["feld"] == "fassung"
