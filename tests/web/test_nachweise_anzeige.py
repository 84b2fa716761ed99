"""Staff Nachweise page (issue 12): unknown type is said as such, "bitte prüfen" fields are not pre-filled,
the reading state is shown, and a decision before the Nachweise are read needs an explicit confirmation."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable
from pathlib import Path

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import select

from amtsweg.cases import dienste
from amtsweg.cases.demodaten import Demokonten, haushalt
from amtsweg.cases.modelle import Vorgang
from amtsweg.db import Datenbank
from amtsweg.db.auftraege import arbeite
from amtsweg.documents.anbindung import verbinde
from amtsweg.documents.modelle import Dokumentauswertung, Feldvorschlag
from amtsweg.governance.audit import AuditEreignis
from amtsweg.web import erstelle_app
from amtsweg.web.einstellungen import Einstellungen
from amtsweg.web.routen import nachweise
from tests.documents.test_pruefstelle import Fall, lege_fall_an, nachweis_pdf
from tests.web.conftest import anmelden, csrf


@pytest.fixture
def als(datenbank: Datenbank, demo: Demokonten, tmp_path: Path) -> Callable[[str], TestClient]:
    app = erstelle_app(datenbank, Einstellungen(datenordner=tmp_path, geheimnis="test-geheimnis-" + "x" * 32))
    if not any(getattr(r, "path", "").startswith(nachweise.router.prefix) for r in app.routes):
        app.include_router(nachweise.router)
    return lambda email: anmelden(TestClient(app, raise_server_exceptions=False), email)


@pytest.fixture
def fall(datenbank: Datenbank, demo: Demokonten, tmp_path: Path) -> Fall:
    with datenbank.sitzung() as s:
        return lege_fall_an(s, tmp_path / "dokumente", demo)


def test_unbekannter_typ_ohne_typname_mit_prozent(
    als: Callable[[str], TestClient], fall: Fall, datenbank: Datenbank
) -> None:
    with datenbank.sitzung() as s:
        a = s.scalars(
            select(Dokumentauswertung).where(Dokumentauswertung.dokument_id == fall.dokument_id)
        ).one()
        a.typ, a.konfidenz = "uvg_bescheid", 0.23
        a.verteilung = {"uvg_bescheid": 0.23, "rentenbescheid": 0.21, "sonstiges": 0.4, "alg_bescheid": 0.1}
        for v in list(a.vorschlaege):
            s.delete(v)
    html = als("sachbearbeitung@demo.example").get(f"/arbeit/vorgang/{fall.nummer}/nachweise").text
    assert "Dokumenttyp nicht erkannt" in html
    assert "Unterhaltsvorschuss-Bescheid (23 %), Rentenbescheid / Rentenanpassungsmitteilung (21 %)" in html
    assert "Sicherheit 23 %" not in html and "Sonstiges (40 %)" not in html


def test_unsicheres_feld_bitte_pruefen_nicht_vorbelegt(
    als: Callable[[str], TestClient], fall: Fall, datenbank: Datenbank
) -> None:
    with datenbank.sitzung() as s:
        vorschlaege = {
            v.feld: v
            for v in s.scalars(select(Feldvorschlag).where(Feldvorschlag.dokument_id == fall.dokument_id))
        }
        unsicher, sicher = vorschlaege["kaltmiete"], vorschlaege["wohnflaeche"]
        unsicher.konfidenz, sicher.konfidenz = 0.81, 0.97
        ids = unsicher.id, sicher.id
    client = als("sachbearbeitung@demo.example")
    url = f"/arbeit/vorgang/{fall.nummer}/nachweise"
    html = client.get(url).text
    block = html[html.index(f'id="vorschlag-{ids[0]}"') :]
    block = block[: block.index("</li>")]
    assert "bitte prüfen" in block and f"/vorschlag/{ids[0]}/bestaetigen" not in block
    assert re.search(rf'id="korrektur-{ids[0]}" name="wert" type="text" autocomplete="off"\s+value=""', block)
    sicher_block = html[html.index(f'id="vorschlag-{ids[1]}"') :]
    assert f"/vorschlag/{ids[1]}/bestaetigen" in sicher_block[: sicher_block.index("</li>")]
    # typing the value that was read counts as a confirmation, not as a correction
    with datenbank.sitzung() as s:
        gelesen = s.get_one(Feldvorschlag, ids[0]).wert
    eingabe = gelesen.replace(".", ",")
    daten = {"csrf_token": csrf(html), "wert": eingabe}
    antwort = client.post(f"{url}/vorschlag/{ids[0]}/korrigieren", data=daten, follow_redirects=False)
    assert antwort.status_code == 303
    with datenbank.sitzung() as s:
        assert s.get_one(Feldvorschlag, ids[0]).status == "bestaetigt"


def test_ende_zu_ende_upload_worker_vorschlaege_und_entscheidung(
    als: Callable[[str], TestClient], datenbank: Datenbank, demo: Demokonten, tmp_path: Path
) -> None:
    """Upload by the citizen (portal) -> staff see "wartet" -> deciding needs the confirmation -> the worker
    reads -> staff see the proposals."""
    verbinde()  # as the app factory does (idempotent)
    with datenbank.sitzung() as s:
        v = dienste.antrag_einreichen(
            s, demo.buergerin, demo.behoerde, "wohngeld", haushalt(dt.date.today().replace(day=1)),
            bemerkung="Bitte prüfen.",
        )  # fmt: skip
        nummer = v.nummer
    buergerin = als("erika@demo.example")
    portal = buergerin.get(f"/antraege/{nummer}")
    assert portal.status_code == 200, portal.text
    form = re.search(r'<form method="post" action="([^"]+)" enctype="multipart/form-data"', portal.text)
    assert form, "the citizen's page offers an upload"
    hochgeladen = buergerin.post(
        form.group(1), data={"csrf_token": csrf(portal.text)},
        files={"datei": ("miete.pdf", nachweis_pdf(), "application/pdf")}, follow_redirects=False,
    )  # fmt: skip
    assert hochgeladen.status_code in (200, 303), hochgeladen.text
    sb = als("sachbearbeitung@demo.example")
    seite = f"/arbeit/vorgang/{nummer}"
    assert "wartet auf das Lesen" in sb.get(f"{seite}/nachweise").text
    with datenbank.sitzung() as s:
        dienste.berechnen(
            s, demo.sachbearbeitung, s.scalars(select(Vorgang).where(Vorgang.nummer == nummer)).one()
        )
    html = sb.get(seite).text
    assert (
        "Nicht alle Nachweise sind gelesen und geprüft" in html and "miete.pdf: wartet auf das Lesen" in html
    )
    token = csrf(html)
    ohne = sb.post(f"{seite}/entscheiden", data={"csrf_token": token, "art": "bewilligung"})
    assert ohne.status_code == 409 and "ausdrücklich mit Begründung" in ohne.text
    leer = sb.post(f"{seite}/entscheiden", data={"csrf_token": token, "art": "bewilligung", "trotzdem": "ja"})
    assert leer.status_code == 422 and 'id="entscheiden-vorbehalt-fehler"' in leer.text
    assert arbeite(datenbank) >= 1  # the worker reads the upload
    pruefen = sb.get(f"{seite}/nachweise").text
    assert "Lesestand" in pruefen and ">gelesen<" in pruefen and "Mietbescheinigung" in pruefen
    assert re.search(r"/vorschlag/\d+/korrigieren", pruefen)
    mit = sb.post(f"{seite}/entscheiden", data={"csrf_token": token, "art": "bewilligung", "trotzdem": "ja",
                                                "vorbehalt": "Werte telefonisch mit dem Vermieter geklärt."},
                  follow_redirects=False)  # fmt: skip
    assert mit.status_code == 303, mit.text
    with datenbank.sitzung() as s:
        e = s.scalars(
            select(AuditEreignis).where(
                AuditEreignis.aktion == "entscheidung", AuditEreignis.vorgang == nummer
            )
        ).one()
        assert e.daten["vorbehalt"] == "Werte telefonisch mit dem Vermieter geklärt."
        assert "noch nicht bestätigt" in e.daten["ungepruefte_nachweise"][0]["stand"]


def test_abgleich_mit_dem_antrag_zeigt_beide_werte_und_norm(
    als: Callable[[str], TestClient], fall: Fall, datenbank: Datenbank
) -> None:
    with datenbank.sitzung() as s:
        vorschlaege = {
            v.feld: v
            for v in s.scalars(select(Feldvorschlag).where(Feldvorschlag.dokument_id == fall.dokument_id))
        }
        vorschlaege["kaltmiete"].wert, vorschlaege["nebenkosten"].wert = "400.00", "95.50"
    html = als("sachbearbeitung@demo.example").get(f"/arbeit/vorgang/{fall.nummer}/nachweise").text
    assert "Abgleich mit dem Antrag" in html
    assert "Antrag 470,00 €, Nachweis 495,50 € (Differenz 25,50 €)" in html and "§ 9 Abs. 1 WoGG" in html


def test_abgleich_lohn_brutto_gegen_angegebenes_einkommen() -> None:
    """The payslip's Brutto (as confirmed by staff) against the income declared in the Antrag."""
    from types import SimpleNamespace

    from amtsweg.documents.darstellung import abgleich

    vorschlaege = [
        SimpleNamespace(feld="brutto", wert="2480.00", status="korrigiert", entschiedener_wert="2840.00"),
        SimpleNamespace(feld="netto", wert="1900.00", status="offen", entschiedener_wert=None),
        SimpleNamespace(feld="steuer", wert="999.00", status="abgelehnt", entschiedener_wert=None),
    ]
    auswertung = SimpleNamespace(typ="lohnabrechnung", konfidenz=0.9, fehler=None, vorschlaege=vorschlaege)
    nachweis = SimpleNamespace(auswertung=auswertung, dokument=SimpleNamespace(dateiname="lohn-maerz.pdf"))
    einkommen = [{"art": "erwerbstaetigkeit", "brutto_monat": "2500.00"}]
    antrag = {"personen": [{"id": "p1", "rolle": "antragsteller", "einkommen": einkommen}]}
    (abweichung,) = abgleich(antrag, [nachweis])
    assert abweichung.wert_antrag == "2500.00" and abweichung.wert_dokument == "2840.00"
    assert "Antrag 2.500,00 €, Nachweis 2.840,00 €" in abweichung.beschreibung
    assert "§ 14 Abs. 1 WoGG" in abweichung.norm and abweichung.dokumente == ("lohn-maerz.pdf",)
