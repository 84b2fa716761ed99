"""Governance pages: public AI notice, staff register and oversight (roles), kill switch through the web
form (reason required, product pages change), citizen explanation (only her own Vorgang)."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable

from fastapi.testclient import TestClient

from amtsweg.cases import dienste
from amtsweg.cases.demodaten import Demokonten, haushalt
from amtsweg.db import Datenbank
from amtsweg.governance import register
from tests.web.conftest import csrf


def test_ki_einsatz_ist_oeffentlich_und_nennt_jeden_anwendungsfall(
    app_client: Callable[[], TestClient],
) -> None:
    antwort = app_client().get("/ki-einsatz")
    assert antwort.status_code == 200
    for e in register.register().values():
        assert e.name in antwort.text and e.version in antwort.text
    assert "Hochrisiko (Anhang III Nr. 5 lit. a KI-VO)" in antwort.text
    assert "style=" not in antwort.text and "<script>" not in antwort.text


def test_governance_nur_fuer_berechtigte_rollen(als: Callable[[str], TestClient]) -> None:
    assert als("erika@demo.example").get("/governance").status_code == 403
    assert als("sachbearbeitung@demo.example").get("/governance").status_code == 403
    seite = als("teamleitung@demo.example").get("/governance")
    assert seite.status_code == 200 and "KI-Register" in seite.text
    assert als("teamleitung@demo.example").get("/governance/gibtsnicht").status_code == 404


def _schalten(client: TestClient, kennung: str, aktiv: str, grund: str):  # type: ignore[no-untyped-def]
    token = csrf(client.get(f"/governance/{kennung}").text)
    return client.post(
        f"/governance/{kennung}/schalter",
        data={"csrf_token": token, "aktiv": aktiv, "grund": grund},
        follow_redirects=False,
    )


def test_abschalten_per_formular_und_wirkung_auf_den_assistenten(als: Callable[[str], TestClient]) -> None:
    tl = als("teamleitung@demo.example")
    leer = _schalten(tl, "assistent", "0", "")
    assert leer.status_code == 422 and "Bitte begründen Sie die Abschaltung" in leer.text
    assert 'aria-invalid="true"' in leer.text
    ok = _schalten(tl, "assistent", "0", "Antworten zu Rechtsfragen falsch eingeordnet")
    assert ok.status_code == 303
    detail = tl.get(ok.headers["location"])
    assert "Die KI-Funktion ist abgeschaltet" in detail.text
    assert "Antworten zu Rechtsfragen falsch eingeordnet" in detail.text  # state and history
    buerger = als("erika@demo.example")
    seite = buerger.get("/assistent")
    assert "Der Assistent ist zurzeit abgeschaltet" in seite.text and 'name="frage"' not in seite.text
    frage = buerger.post("/assistent", data={"csrf_token": csrf(seite.text), "frage": "Was ist Wohngeld?"})
    assert "Der Assistent ist zurzeit abgeschaltet" in frage.text and "Ihre Frage:" not in frage.text
    assert "abgeschaltet" in buerger.get("/ki-einsatz").text
    assert _schalten(tl, "assistent", "1", "").status_code == 303
    assert 'name="frage"' in buerger.get("/assistent").text


def test_schalten_nur_teamleitung_oder_ki_verantwortliche(als: Callable[[str], TestClient]) -> None:
    sb = als("sachbearbeitung@demo.example")
    token = csrf(sb.get("/arbeit").text)
    daten = {"csrf_token": token, "aktiv": "0", "grund": "x" * 20}
    assert sb.post("/governance/dokumente/schalter", data=daten).status_code == 403
    assert "eingeschaltet" in als("teamleitung@demo.example").get("/governance/dokumente").text


def test_ungueltiger_zeitraum_nennt_das_feld(als: Callable[[str], TestClient]) -> None:
    antwort = als("teamleitung@demo.example").get("/governance/dokumente?von=gestern")
    assert antwort.status_code == 422 and "von: bitte ein Datum wie 2026-11-30 angeben." in antwort.text
    ok = als("teamleitung@demo.example").get("/governance/automatisierung?von=2026-01-01&bis=2026-12-31")
    assert ok.status_code == 200 and "Automatisierungsanteil je Leistung" in ok.text
    assert re.search(r"style=|<script>", ok.text) is None


def test_erklaerung_nur_fuer_die_antragstellerin(
    als: Callable[[str], TestClient], datenbank: Datenbank, demo: Demokonten
) -> None:
    with datenbank.sitzung() as s:
        v = dienste.antrag_einreichen(
            s,
            demo.buergerin,
            demo.behoerde,
            "wohngeld",
            haushalt(dt.date.today().replace(day=1)),
            bemerkung="x",
        )
        nummer = v.nummer
    eigene = als("erika@demo.example").get(f"/antraege/{nummer}/erklaerung")
    assert eigene.status_code == 200
    assert "Über Ihren Antrag entscheidet <strong>ein Mensch</strong>" in eigene.text
    assert "eigene Angaben im Freitext" in eigene.text
    assert als("max@demo.example").get(f"/antraege/{nummer}/erklaerung").status_code == 404
    assert als("sachbearbeitung@demo.example").get(f"/antraege/{nummer}/erklaerung").status_code == 403


def test_assistent_antworten_werden_ohne_fragetext_gezaehlt(
    app_client: Callable[[], TestClient], datenbank: Datenbank, tmp_path
) -> None:  # type: ignore[no-untyped-def]
    from sqlalchemy import select

    from amtsweg.assistant.index import baue_index, index_datei
    from amtsweg.assistant.korpus import Quellen
    from amtsweg.governance.modelle import KiAssistentAntwort
    from tests.e2e.test_barrierefreiheit import SEITE

    quellen = tmp_path / "quellen"
    for name in ("gesetze", "leistungen", "seiten"):
        (quellen / name).mkdir(parents=True)
    (quellen / "seiten" / "wohngeld.md").write_text(SEITE, encoding="utf-8")
    baue_index(
        Quellen(quellen / "gesetze", quellen / "leistungen", quellen / "seiten"), index_datei(tmp_path)
    )
    client = app_client()
    token = csrf(client.get("/assistent").text)
    for frage in ("Welche Unterlagen brauche ich für den Wohngeldantrag?", "Wie hoch ist der Mond?"):
        assert client.post("/assistent", data={"csrf_token": token, "frage": frage}).status_code == 200
    with datenbank.sitzung() as s:
        zeilen = list(s.scalars(select(KiAssistentAntwort).order_by(KiAssistentAntwort.id)))
    assert [z.kanal for z in zeilen] == ["buerger", "buerger"]
    assert zeilen[0].status == "antwort" and zeilen[0].quellen >= 1
    assert zeilen[1].status == "keine_quelle" and zeilen[1].quellen == 0


def test_abgeschaltete_risikorangfolge_zeigt_keine_liste(als: Callable[[str], TestClient]) -> None:
    tl = als("teamleitung@demo.example")
    assert "ki-abgeschaltet" not in tl.get("/praevention").text
    assert (
        _schalten(tl, "praevention_risiko", "0", "Mehrwert gegenüber der Regel nicht belegt").status_code
        == 303
    )
    seite = tl.get("/praevention").text
    assert "Die Risikorangfolge ist zurzeit abgeschaltet" in seite
    assert "Mehrwert gegenüber der Regel nicht belegt" in seite


def test_grafik_stylesheet_fuer_seiten_und_bericht(app_client: Callable[[], TestClient]) -> None:
    from amtsweg.governance import grafik

    antwort = app_client().get("/governance/grafik.css")
    assert antwort.status_code == 200 and antwort.headers["content-type"].startswith("text/css")
    assert antwort.text == grafik.CSS and ".gov-ablehnungsquote" in antwort.text
