"""Portal details from the citizen walk-through: German 404 (page and API), a favicon, German labels in the
Leistungs-Check, and a status page that shows the state of each Nachweis and when money is paid."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable

from fastapi.testclient import TestClient
from sqlalchemy import select

from amtsweg.cases.modelle import Dokument, Vorgang
from amtsweg.db import Datenbank
from amtsweg.documents.modelle import Dokumentauswertung, Feldvorschlag
from tests.web.conftest import kleines_pdf
from tests.web.test_buerger import ERIKA, Als, _bescheiden, _post, antrag_stellen


def test_404_ist_deutsch_auch_in_der_api(app_client: Callable[[], TestClient]) -> None:
    client = app_client()
    seite = client.get("/gibt-es-nicht")
    assert seite.status_code == 404 and "Seite nicht gefunden" in seite.text and "Not Found" not in seite.text
    api = client.get("/api/gibt-es-nicht")
    assert api.status_code == 404 and "Not Found" not in api.text
    assert api.json()["fehler"].startswith("Seite nicht gefunden")


def test_favicon(app_client: Callable[[], TestClient]) -> None:
    client = app_client()
    antwort = client.get("/favicon.ico")
    assert antwort.status_code == 200 and antwort.content[:4] == b"\x00\x00\x01\x00"  # ICO header
    assert 'rel="icon" href="/favicon.ico"' in client.get("/").text


def test_leistungs_check_zeigt_keine_internen_codes(app_client: Callable[[], TestClient]) -> None:
    client = app_client()
    daten = {
        "personen_anzahl": "2",
        "wohnung_kosten": "700,00",
        "wohnung_heizkosten": "80,00",
        "wohnung_gemeinde": "Köln",
        "wohnung_land": "NW",
        "p0_alter": "34",
        "p0_e0_art": "erwerbstaetigkeit",
        "p0_e0_brutto": "2200,00",
        "p0_e0_netto": "1600,00",
        "p1_rolle": "kind",
        "p1_alter": "5",
    }
    antwort = _post(client, "/leistungs-check", daten)
    assert antwort.status_code == 200, antwort.text
    assert "Wohngeld und Kinderzuschlag gehen vor" in antwort.text
    sichtbar = re.sub(r"<[^>]+>", " ", antwort.text)  # text only, not attribute values
    assert not re.search(r"\b[a-z]+_[a-z_]+\b", sichtbar), re.findall(r"\b[a-z]+_[a-z_]+\b", sichtbar)


def test_statusseite_zeigt_nachweise_und_zahlung(als: Als, datenbank: Datenbank) -> None:
    client = als(ERIKA)
    nummer = antrag_stellen(client)
    seite = f"/antraege/{nummer}"
    pdf = kleines_pdf()
    for name in ("miete.pdf", "rente.pdf", "konto.pdf"):
        token = re.search(r'name="csrf_token" value="([^"]+)"', client.get(seite).text)
        assert token
        antwort = client.post(
            f"{seite}/nachweise",
            data={"csrf_token": token.group(1)},
            files={"datei": (name, pdf, "application/pdf")},
            follow_redirects=False,
        )
        assert antwort.status_code == 303, antwort.text
    with datenbank.sitzung() as s:
        rente, konto = s.scalars(select(Dokument).order_by(Dokument.id)).all()[1:]
        auswertung = Dokumentauswertung(dokument_id=rente.id, typ="rentenbescheid", konfidenz=0.9)
        s.add(auswertung)
        s.flush()
        s.add(Feldvorschlag(auswertung_id=auswertung.id, dokument_id=rente.id, feld="brutto", wert="1300.00",
                            text="1.300,00", seite=1, zeile="", spanne=[0, 1], konfidenz=0.9))  # fmt: skip
        s.add(Dokumentauswertung(dokument_id=konto.id, typ="", fehler="nicht lesbar"))
    text = client.get(seite).text
    assert "Eingegangen, wird ausgewertet" in text  # miete.pdf: not yet read
    assert "Ausgewertet, wird von der Sachbearbeitung geprüft" in text  # rente.pdf: open proposal
    assert "wird von einer Person gesichtet" in text and "nicht lesbar" not in text
    assert "Zahlungstermin" not in text  # nothing granted yet
    with datenbank.sitzung() as s:
        s.scalars(select(Feldvorschlag)).one().status = "bestaetigt"
    _bescheiden(datenbank, nummer, vorbehalt="Nachweise liegen in Papierform vor und wurden geprüft.")
    text = client.get(seite).text
    assert "Von der Sachbearbeitung geprüft" in text
    with datenbank.sitzung() as s:
        v = s.scalars(select(Vorgang).where(Vorgang.nummer == nummer)).one()
        von = dt.date.fromisoformat(v.daten["stichtag"])
    assert "Bewilligungszeitraum" in text and von.strftime("%d.%m.%Y") in text
    assert "Zahlungstermin" in text and "monatlich im Voraus" in text and "Nächste Zahlung: für" in text
    assert "IBAN DE02 **** **** **** **20 51" in text
