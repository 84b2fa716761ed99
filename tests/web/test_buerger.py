"""Citizen portal: Leistungs-Check, multi-step Antrag with drafts, receipt, status page, Nachweise,
Bescheid, Widerspruch, Art. 15 export, rights and escaping."""

from __future__ import annotations

import dataclasses
import datetime as dt
import json
import re
from collections.abc import Callable
from pathlib import Path

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import func, select

from amtsweg.cases import dienste, entscheidung
from amtsweg.cases.demodaten import Demokonten
from amtsweg.cases.modelle import Antragsentwurf, Benutzer, Dokument, Vorgang
from amtsweg.db import Datenbank
from amtsweg.governance.audit import AuditEreignis
from tests.web.conftest import csrf, kleines_pdf

ERIKA = "erika@demo.example"
MAX = "max@demo.example"
PDF = kleines_pdf()
Als = Callable[[str], TestClient]


def _post(client: TestClient, url: str, daten: dict[str, str], seite: str | None = None):  # type: ignore[no-untyped-def]
    token = csrf(client.get(seite or url).text)
    return client.post(url, data={**daten, "csrf_token": token}, follow_redirects=False)


def _neuer_entwurf(client: TestClient) -> str:
    antwort = _post(client, "/antraege/neu", {})
    assert antwort.status_code == 303
    pfad = antwort.headers["location"]
    assert re.fullmatch(r"/antraege/entwurf/\d+/schritt/1", pfad)
    return pfad.rsplit("/schritt/", 1)[0]


WOHNUNG = {
    "wohnung_art": "miete",
    "wohnung_kosten": "470,00",
    "wohnung_gemeinde": "Ludwigshafen am Rhein",
    "wohnung_land": "RP",
}


WEITERE_ANGABEN = {
    "vermoegen": "nein",
    "wohngeld_bisher": "nein",
    "vermieter": "Wohnbau Rhein GmbH",
    "mietbeginn": "04.2021",
    "wohnflaeche": "58",
    "vermieter_verwandt": "nein",
    "kontoinhaber": "0",
    "iban": "DE02 1203 0000 0000 2020 51",
}


def weitere_angaben_absenden(client: TestClient, entwurf: str, bemerkung: str = "", **angaben: str) -> None:
    """Step 4 (further statements) with the usual answers, overridden by ``angaben``."""
    daten = {**WEITERE_ANGABEN, "bemerkung": bemerkung, **angaben}
    antwort = _post(client, f"{entwurf}/schritt/4", daten)
    assert antwort.status_code == 303, antwort.text


def antrag_stellen(client: TestClient, bemerkung: str = "", name: str = "Erika Mustermann") -> str:
    """A complete Antrag through all steps; returns the Vorgangsnummer."""
    entwurf = _neuer_entwurf(client)
    assert _post(client, f"{entwurf}/schritt/1", WOHNUNG).status_code == 303
    haushalt = {"personen_anzahl": "1", "p0_name": name, "p0_alter": "71"}
    assert _post(client, f"{entwurf}/schritt/2", haushalt).status_code == 303
    einkommen = {
        "p0_e_anzahl": "1",
        "p0_e0_art": "rente",
        "p0_e0_brutto": "1300,00",
        "p0_e0_netto": "1160,30",
        "p0_abzug_kranken_pflegeversicherung": "1",
    }
    assert _post(client, f"{entwurf}/schritt/3", einkommen).status_code == 303
    weitere_angaben_absenden(client, entwurf, bemerkung)
    antwort = _post(client, f"{entwurf}/schritt/5", {"versicherung": "1", "aktion": "einreichen"})
    assert antwort.status_code == 303, antwort.text
    treffer = re.fullmatch(r"/antraege/(WG-\d{4}-\d{6})/eingangsbestaetigung", antwort.headers["location"])
    assert treffer
    return treffer.group(1)


def _anzahl(db: Datenbank, modell: type) -> int:
    with db.sitzung() as s:
        return int(s.scalar(select(func.count()).select_from(modell)) or 0)


def _bescheiden(db: Datenbank, nummer: str, vorbehalt: str = "") -> None:
    with db.sitzung() as s:
        sb = s.scalar(select(Benutzer).where(Benutzer.email == "sachbearbeitung@demo.example"))
        tl = s.scalar(select(Benutzer).where(Benutzer.email == "teamleitung@demo.example"))
        v = s.scalar(select(Vorgang).where(Vorgang.nummer == nummer))
        assert sb and tl and v
        dienste.berechnen(s, sb, v)
        entscheidung.entscheiden(s, sb, v, "bewilligung", vorbehalt=vorbehalt)
        if v.status == "zur_freigabe":
            entscheidung.freigeben(s, tl, v)
        assert v.status == "beschieden"


# --- Leistungs-Check ----------------------------------------------------------------------------


def test_leistungs_check_ohne_anmeldung(app_client: Callable[[], TestClient], datenbank: Datenbank) -> None:
    client = app_client()
    vorher = _anzahl(datenbank, AuditEreignis)
    mehr = _post(client, "/leistungs-check", {"personen_anzahl": "1", "aktion": "person_hinzufuegen"})
    assert mehr.status_code == 200 and 'id="p1_alter"' in mehr.text
    daten = {
        "personen_anzahl": "2",
        "wohnung_kosten": "600,00",
        "wohnung_heizkosten": "80,00",
        "wohnung_gemeinde": "Ludwigshafen am Rhein",
        "wohnung_land": "RP",
        "p0_alter": "35",
        "p0_e0_art": "erwerbstaetigkeit",
        "p0_e0_brutto": "1800,00",
        "p0_e0_netto": "1350,00",
        "p1_rolle": "kind",
        "p1_alter": "5",
    }
    antwort = _post(client, "/leistungs-check", daten)
    assert antwort.status_code == 200, antwort.text
    text = antwort.text
    assert "Unverbindlich, keine Entscheidung" in text and "Ergebnis (unverbindlich)" in text
    assert "Vorrangprüfung" in text and "§ 12a SGB II" in text
    assert "Kinderzuschlag" in text and "259,00 €" in text  # Kindergeld for one child
    assert "wahrscheinlich" in text
    assert _anzahl(datenbank, AuditEreignis) == vorher  # nothing stored


def test_leistungs_check_fehler_nennt_feld(app_client: Callable[[], TestClient]) -> None:
    client = app_client()
    antwort = _post(client, "/leistungs-check", {"personen_anzahl": "1", "p0_alter": "200"})
    assert antwort.status_code == 400
    assert 'id="wohnung_kosten-fehler"' in antwort.text and "Bruttokaltmiete:" in antwort.text
    assert 'aria-describedby="p0_alter-fehler"' in antwort.text and "Alter (Person 1)" in antwort.text
    assert 'href="#wohnung_kosten"' in antwort.text


# --- Antrag ------------------------------------------------------------------------------------


def test_antrag_vollstaendig_mit_fehlern_und_eingangsbestaetigung(als: Als, datenbank: Datenbank) -> None:
    client = als(ERIKA)
    entwurf = _neuer_entwurf(client)
    falsch = _post(client, f"{entwurf}/schritt/1", {**WOHNUNG, "wohnung_kosten": "viel"})
    assert falsch.status_code == 400
    assert 'id="wohnung_kosten-fehler"' in falsch.text and "Bruttokaltmiete:" in falsch.text
    assert 'aria-invalid="true" aria-describedby="wohnung_kosten-fehler' in falsch.text
    unbekannt = _post(client, f"{entwurf}/schritt/1", {**WOHNUNG, "wohnung_gemeinde": "Nirgendwo"})
    assert unbekannt.status_code == 400 and 'id="wohnung_kreis-fehler"' in unbekannt.text
    assert "Kreis:" in unbekannt.text and "Nirgendwo" in unbekannt.text
    assert _post(client, f"{entwurf}/schritt/1", WOHNUNG).status_code == 303
    # step 2: add a child, then an invalid age names the field
    mehr = _post(
        client,
        f"{entwurf}/schritt/2",
        {
            "personen_anzahl": "1",
            "p0_name": "Erika Mustermann",
            "p0_alter": "41",
            "aktion": "person_hinzufuegen",
        },
    )
    assert mehr.status_code == 200 and 'id="p1_name"' in mehr.text
    personen = {
        "personen_anzahl": "2",
        "p0_name": "Erika Mustermann",
        "p0_alter": "41",
        "p1_name": "Tom Mustermann",
        "p1_rolle": "kind",
        "p1_alter": "x",
        "p1_kindergeld": "1",
    }
    falsch = _post(client, f"{entwurf}/schritt/2", personen)
    assert (
        falsch.status_code == 400
        and "Alter (Person 2)" in falsch.text
        and 'id="p1_alter-fehler"' in falsch.text
    )
    assert _post(client, f"{entwurf}/schritt/2", {**personen, "p1_alter": "7"}).status_code == 303
    einkommen = {
        "p0_e_anzahl": "1",
        "p0_e0_art": "erwerbstaetigkeit",
        "p0_e0_brutto": "1400,00",
        "p0_e0_netto": "1080,00",
        "p1_e_anzahl": "1",
    }
    assert _post(client, f"{entwurf}/schritt/3", einkommen).status_code == 303
    weitere_angaben_absenden(client, entwurf, "Ich ziehe im Mai um.")
    zusammenfassung = client.get(f"{entwurf}/schritt/5")
    assert "Tom Mustermann" in zusammenfassung.text
    assert "zuständige Stelle: Stadtverwaltung Ludwigshafen am Rhein" in zusammenfassung.text
    ohne = _post(client, f"{entwurf}/schritt/5", {"aktion": "einreichen"})
    assert ohne.status_code == 400 and 'id="versicherung-fehler"' in ohne.text
    assert _anzahl(datenbank, Vorgang) == 0
    fertig = _post(client, f"{entwurf}/schritt/5", {"aktion": "einreichen", "versicherung": "1"})
    assert fertig.status_code == 303
    eingang = client.get(fertig.headers["location"])
    assert eingang.status_code == 200 and "Eingangsbestätigung" in eingang.text
    nummer = fertig.headers["location"].split("/")[2]
    assert nummer in eingang.text
    with datenbank.sitzung() as s:
        v = s.scalar(select(Vorgang).where(Vorgang.nummer == nummer))
        assert v is not None and v.status == "eingegangen" and v.bemerkung == "Ich ziehe im Mai um."
        assert [p["id"] for p in v.daten["personen"]] == ["Erika Mustermann", "Tom Mustermann"]
        assert v.daten["personen"][1]["kindergeld"] is True
        assert v.daten["stichtag"].endswith("-01")
        assert v.behoerde.schluessel == "demo-wohngeld"
    # the submitted draft cannot be reopened; the list shows the Vorgang
    assert client.get(f"{entwurf}/schritt/5").status_code == 404
    liste = client.get("/antraege")
    assert nummer in liste.text and "Eingegangen" in liste.text and "Neuer Antrag auf Wohngeld" in liste.text


def test_entwurf_fortsetzen_und_fremder_entwurf(als: Als, datenbank: Datenbank) -> None:
    client = als(ERIKA)
    entwurf = _neuer_entwurf(client)
    assert _post(client, f"{entwurf}/schritt/1", {**WOHNUNG, "wohnung_kosten": "512,34"}).status_code == 303
    assert (
        client.get(f"{entwurf}/schritt/4", follow_redirects=False).headers["location"].endswith("/schritt/2")
    )
    spaeter = als(ERIKA)  # a new login (e.g. the next day)
    liste = spaeter.get("/antraege")
    assert f'href="{entwurf}/schritt/2"' in liste.text and "Wohngeld-Antrag fortsetzen" in liste.text
    schritt1 = spaeter.get(f"{entwurf}/schritt/1")
    assert 'value="512,34"' in schritt1.text
    fremd = als(MAX)
    assert fremd.get(f"{entwurf}/schritt/1").status_code == 404
    assert _post(fremd, f"{entwurf}/schritt/1", WOHNUNG, seite="/antraege").status_code == 404
    with datenbank.sitzung() as s:
        gespeichert = s.scalars(select(Antragsentwurf)).one()
        assert gespeichert.daten["wohnung"]["kosten"] == "512,34"


# --- status page, uploads, Bescheid, Widerspruch -------------------------------------------------


def test_statusseite_zeigt_zeitachse_und_nachforderung(
    als: Als, datenbank: Datenbank, demo: Demokonten
) -> None:
    client = als(ERIKA)
    nummer = antrag_stellen(client)
    import datetime as dt

    with datenbank.sitzung() as s:
        v = s.scalar(select(Vorgang).where(Vorgang.nummer == nummer))
        sb = s.get(Benutzer, demo.sachbearbeitung.id)
        assert v and sb
        dienste.nachfordern(
            s, sb, v, "Bitte die Mietbescheinigung einreichen.", dt.date.today() + dt.timedelta(days=14)
        )
    seite = client.get(f"/antraege/{nummer}")
    assert seite.status_code == 200
    assert "Ihr Antrag ist eingegangen." in seite.text
    assert "Unterlagen angefordert – bitte bis" in seite.text
    assert "Bitte die Mietbescheinigung einreichen." in seite.text
    assert "Unterlagen angefordert" in seite.text  # status label
    assert "sachbearbeitung@demo.example" not in seite.text  # no staff identities
    assert "automatisierung" not in seite.text.lower()


def test_nachweis_hochladen_angenommen_und_abgelehnt(
    als: Als, app_client: Callable[[], TestClient], datenbank: Datenbank, tmp_path: Path
) -> None:
    client = als(ERIKA)
    nummer = antrag_stellen(client)
    url = f"/antraege/{nummer}/nachweise"
    ablage = tmp_path / "dokumente"

    def hochladen(name: str, inhalt: bytes, typ: str):  # type: ignore[no-untyped-def]
        token = csrf(client.get(f"/antraege/{nummer}").text)
        return client.post(
            url, data={"csrf_token": token}, files={"datei": (name, inhalt, typ)}, follow_redirects=False
        )

    falsch = hochladen("rechnung.pdf", b"<html><script>alert(1)</script></html>", "application/pdf")
    assert falsch.status_code == 400 and "Dateityp wird nicht angenommen" in falsch.text
    assert 'id="datei-fehler"' in falsch.text
    client.app.state.einstellungen = dataclasses.replace(client.app.state.einstellungen, max_upload=1024)  # type: ignore[attr-defined]
    gross = hochladen("gross.pdf", PDF + b"0" * 2000, "application/pdf")
    assert gross.status_code == 400 and "zu groß" in gross.text
    assert _anzahl(datenbank, Dokument) == 0
    assert not ablage.exists() or not any(p.is_file() for p in ablage.rglob("*"))
    ohne_token = client.post(url, files={"datei": ("a.pdf", PDF, "application/pdf")})
    assert ohne_token.status_code == 403 and _anzahl(datenbank, Dokument) == 0
    gut = hochladen("Mietbescheinigung.pdf", PDF, "application/pdf")
    assert gut.status_code == 303
    seite = client.get(f"/antraege/{nummer}")
    assert "Mietbescheinigung.pdf" in seite.text and "Ihr Nachweis wurde hochgeladen" in seite.text
    assert "Sie haben einen Nachweis hochgeladen." in seite.text
    with datenbank.sitzung() as s:
        dokument = s.scalars(select(Dokument)).one()
        assert dokument.mime == "application/pdf" and Path(dokument.speicherort).read_bytes() == PDF


def test_andere_buergerin_bekommt_404(als: Als, datenbank: Datenbank) -> None:
    erika = als(ERIKA)
    nummer = antrag_stellen(erika)
    _bescheiden(datenbank, nummer)
    max_ = als(MAX)
    assert max_.get(f"/antraege/{nummer}").status_code == 404
    assert max_.get(f"/antraege/{nummer}/eingangsbestaetigung").status_code == 404
    assert max_.get(f"/antraege/{nummer}/bescheid.pdf").status_code == 404
    token = csrf(max_.get("/antraege").text)
    upload = max_.post(
        f"/antraege/{nummer}/nachweise",
        data={"csrf_token": token},
        files={"datei": ("a.pdf", PDF, "application/pdf")},
    )
    assert upload.status_code == 404 and _anzahl(datenbank, Dokument) == 0
    widerspruch = max_.post(f"/antraege/{nummer}/widerspruch", data={"csrf_token": token, "begruendung": "x"})
    assert widerspruch.status_code == 404
    with datenbank.sitzung() as s:
        v = s.scalar(select(Vorgang).where(Vorgang.nummer == nummer))
        assert v is not None and v.status == "beschieden"
    assert nummer not in max_.get("/antraege").text


def test_bescheid_download_und_widerspruch(als: Als, datenbank: Datenbank) -> None:
    client = als(ERIKA)
    nummer = antrag_stellen(client)
    assert client.get(f"/antraege/{nummer}/bescheid.pdf").status_code == 409  # not decided yet
    _bescheiden(datenbank, nummer)
    seite = client.get(f"/antraege/{nummer}")
    assert "Bescheid herunterladen" in seite.text and "Widerspruch einlegen" in seite.text
    assert "Der Bescheid wurde erstellt." in seite.text
    pdf = client.get(f"/antraege/{nummer}/bescheid.pdf")
    assert pdf.status_code == 200 and pdf.content.startswith(b"%PDF")
    assert pdf.headers["content-type"] == "application/pdf"
    assert pdf.headers["content-disposition"] == f'attachment; filename="Bescheid-{nummer}.pdf"'
    with datenbank.sitzung() as s:
        abrufe = s.scalars(
            select(AuditEreignis).where(
                AuditEreignis.aktion == "bescheid_abgerufen", AuditEreignis.vorgang == nummer
            )
        ).all()
        assert len(abrufe) == 1 and abrufe[0].akteur == ERIKA
    leer = _post(
        client, f"/antraege/{nummer}/widerspruch", {"begruendung": "  "}, seite=f"/antraege/{nummer}"
    )
    assert leer.status_code == 400 and 'id="begruendung-fehler"' in leer.text
    ok = _post(
        client,
        f"/antraege/{nummer}/widerspruch",
        {"begruendung": "Meine Miete ist höher."},
        seite=f"/antraege/{nummer}",
    )
    assert ok.status_code == 303
    danach = client.get(f"/antraege/{nummer}")
    assert "Ihr Widerspruch ist eingegangen." in danach.text
    assert "Widerspruch in Bearbeitung" in danach.text
    assert 'action="/antraege/' + nummer + '/widerspruch"' not in danach.text


def test_zuruecknehmen(als: Als, datenbank: Datenbank) -> None:
    client = als(ERIKA)
    nummer = antrag_stellen(client)
    ohne = _post(client, f"/antraege/{nummer}/zuruecknehmen", {}, seite=f"/antraege/{nummer}")
    assert ohne.status_code == 400 and 'id="bestaetigung-fehler"' in ohne.text
    ok = _post(
        client, f"/antraege/{nummer}/zuruecknehmen", {"bestaetigung": "1"}, seite=f"/antraege/{nummer}"
    )
    assert ok.status_code == 303
    assert "Sie haben den Antrag zurückgenommen." in client.get(f"/antraege/{nummer}").text
    with datenbank.sitzung() as s:
        v = s.scalar(select(Vorgang).where(Vorgang.nummer == nummer))
        assert v is not None and v.status == "abgeschlossen"


# --- Art. 15 DSGVO ------------------------------------------------------------------------------


def test_datenauskunft_enthaelt_nur_eigene_daten(als: Als, datenbank: Datenbank) -> None:
    erika = als(ERIKA)
    nummer = antrag_stellen(erika, bemerkung="Erikas Bemerkung")
    _bescheiden(datenbank, nummer)
    max_ = als(MAX)
    fremd = antrag_stellen(max_, bemerkung="Max' Geheimnis", name="Max Beispiel")
    antwort = erika.get("/konto/daten.json")
    assert antwort.status_code == 200
    assert antwort.headers["content-disposition"].startswith("attachment;")
    assert antwort.headers["content-type"].startswith("application/json")
    daten = json.loads(antwort.text)
    assert daten["konto"]["email"] == ERIKA and "passwort_hash" not in daten["konto"]
    assert [v["nummer"] for v in daten["vorgaenge"]] == [nummer]
    assert daten["vorgaenge"][0]["bemerkung"] == "Erikas Bemerkung"
    assert daten["entscheidungen"] and daten["bescheide"] and "pdf" not in daten["bescheide"][0]
    assert {e["vorgang"] for e in daten["protokoll"]} <= {nummer, None}
    assert any(e["aktion"] == "datenauskunft" for e in daten["protokoll"])
    text = antwort.text
    assert fremd not in text and "Max' Geheimnis" not in text and MAX not in text
    assert "argon2" not in text


# --- escaping -----------------------------------------------------------------------------------


@pytest.mark.parametrize("nutzlast", ["<script>alert(1)</script>", '"><img src=x onerror=alert(1)>'])
def test_skript_in_bemerkung_und_namen_wird_maskiert(als: Als, datenbank: Datenbank, nutzlast: str) -> None:
    client = als(ERIKA)
    nummer = antrag_stellen(client, bemerkung=nutzlast, name=f"Erika {nutzlast}")
    seite = client.get(f"/antraege/{nummer}")
    assert nutzlast not in seite.text and "&lt;" in seite.text
    with datenbank.sitzung() as s:
        v = s.scalar(select(Vorgang).where(Vorgang.nummer == nummer))
        assert v is not None and v.bemerkung == nutzlast  # stored as typed, escaped on output
    # the summary of a new draft shows the name escaped as well
    entwurf = _neuer_entwurf(client)
    _post(client, f"{entwurf}/schritt/1", WOHNUNG)
    _post(client, f"{entwurf}/schritt/2", {"personen_anzahl": "1", "p0_name": nutzlast, "p0_alter": "40"})
    _post(client, f"{entwurf}/schritt/3", {"p0_e_anzahl": "1"})
    weitere_angaben_absenden(client, entwurf, nutzlast)
    zusammenfassung = client.get(f"{entwurf}/schritt/5")
    assert zusammenfassung.status_code == 200
    assert nutzlast not in zusammenfassung.text
    assert "alert(1)" in zusammenfassung.text  # it is there, but as text


# --- Weiterleistungsantrag ----------------------------------------------------------------------


def _bewilligung(db: Datenbank, nummer: str) -> tuple[int, str]:
    """(Vorgang id, expected Stichtag of a Weiterleistung as ISO date) of a decided Vorgang."""
    from amtsweg.cases import folgeantraege
    from amtsweg.cases.modelle import Entscheidung, jetzt

    with db.sitzung() as s:
        v = s.scalar(select(Vorgang).where(Vorgang.nummer == nummer))
        assert v is not None
        e = s.scalar(select(Entscheidung).where(Entscheidung.vorgang_id == v.id))
        assert e is not None and e.bewilligung_bis is not None
        folgemonat = (e.bewilligung_bis + dt.timedelta(days=1)).replace(day=1)
        assert folgeantraege.weiterleistung_stichtag(e.bewilligung_bis, jetzt().date()) == folgemonat
        return v.id, folgemonat.isoformat()


def _folgeantrag(db: Datenbank, vorgaenger_id: int) -> Vorgang:
    with db.sitzung() as s:
        v = s.scalar(select(Vorgang).where(Vorgang.vorgaenger_id == vorgaenger_id))
        assert v is not None
        s.expunge(v)
        return v


def test_weiterleistung_unveraendert_wird_sofort_automatisch_beschieden(
    als: Als, datenbank: Datenbank
) -> None:
    client = als(ERIKA)
    nummer = antrag_stellen(client)
    assert "Weiterleistung beantragen" not in client.get(f"/antraege/{nummer}").text  # not decided yet
    assert client.get(f"/antraege/{nummer}/weiterleistung").status_code == 409
    _bescheiden(datenbank, nummer)
    vorgaenger_id, stichtag = _bewilligung(datenbank, nummer)
    status = client.get(f"/antraege/{nummer}").text
    assert f'href="/antraege/{nummer}/weiterleistung"' in status and "Weiterleistung beantragen" in status
    # another citizen sees nothing
    max_ = als(MAX)
    assert max_.get(f"/antraege/{nummer}/weiterleistung").status_code == 404
    assert (
        _post(
            max_, f"/antraege/{nummer}/weiterleistung", {"unveraendert": "1"}, seite="/antraege"
        ).status_code
        == 404
    )
    # the summary: previous data with labels, the new Stichtag, the checkbox
    seite = client.get(f"/antraege/{nummer}/weiterleistung")
    assert seite.status_code == 200
    for text in ("Meine Angaben sind unverändert", "Rheinland-Pfalz", "Rente: 1.300,00 €", "470,00 €",
                 "Beiträge zur Kranken- und Pflegeversicherung", "Antragstellende Person",
                 dt.date.fromisoformat(stichtag).strftime("%d.%m.%Y")):  # fmt: skip
        assert text in seite.text, text
    assert 'for="unveraendert"' in seite.text and "<script>" not in seite.text and "style=" not in seite.text
    # without the CSRF token nothing happens
    assert client.post(f"/antraege/{nummer}/weiterleistung", data={"unveraendert": "1"}).status_code == 403
    antwort = _post(client, f"/antraege/{nummer}/weiterleistung", {"unveraendert": "1"})
    assert antwort.status_code == 303
    neu = _folgeantrag(datenbank, vorgaenger_id)
    assert antwort.headers["location"] == f"/antraege/{neu.nummer}/eingangsbestaetigung"
    assert neu.art == "weiterleistung" and neu.daten["stichtag"] == stichtag
    assert neu.status == "beschieden" and neu.automatisch and neu.pruefgruende == []
    # the receipt shows the automatic Bescheid at once
    quittung = client.get(antwort.headers["location"]).text
    assert "Weiterleistungsantrag auf Wohngeld" in quittung
    assert "sofort automatisch beschieden (§ 31a SGB X)" in quittung
    assert f"vom {dt.date.fromisoformat(stichtag).strftime('%d.%m.%Y')} bis" in quittung
    assert f'href="/antraege/{neu.nummer}/bescheid.pdf"' in quittung
    pdf = client.get(f"/antraege/{neu.nummer}/bescheid.pdf")
    assert pdf.status_code == 200 and pdf.content.startswith(b"%PDF")
    # only one Weiterleistung per Bewilligung
    assert "Weiterleistung beantragen" not in client.get(f"/antraege/{nummer}").text
    zweimal = _post(client, f"/antraege/{nummer}/weiterleistung", {"unveraendert": "1"}, seite="/antraege")
    assert zweimal.status_code == 409 and "bereits" in zweimal.text
    assert "(Weiterleistungsantrag)" in client.get("/antraege").text


def test_weiterleistung_mit_aenderungen_ueber_vorbefuellten_entwurf(als: Als, datenbank: Datenbank) -> None:
    client = als(ERIKA)
    nummer = antrag_stellen(client)
    _bescheiden(datenbank, nummer)
    vorgaenger_id, stichtag = _bewilligung(datenbank, nummer)
    entwuerfe_vorher = _anzahl(datenbank, Antragsentwurf)
    antwort = _post(
        client, f"/antraege/{nummer}/weiterleistung", {}, seite=f"/antraege/{nummer}/weiterleistung"
    )
    assert antwort.status_code == 303
    pfad = antwort.headers["location"]
    assert re.fullmatch(r"/antraege/entwurf/\d+/schritt/1", pfad)
    assert _anzahl(datenbank, Antragsentwurf) == entwuerfe_vorher + 1
    with datenbank.sitzung() as s:  # nothing submitted yet
        assert s.scalar(select(Vorgang).where(Vorgang.vorgaenger_id == vorgaenger_id)) is None
    schritt1 = client.get(pfad).text
    assert (
        "Weiterleistungsantrag auf Wohngeld" in schritt1
        and "Ihre bisherigen Angaben sind übernommen" in schritt1
    )
    assert 'value="470,00"' in schritt1 and 'value="Ludwigshafen am Rhein"' in schritt1
    assert '<option value="RP" selected>' in schritt1
    entwurf = pfad.rsplit("/schritt/", 1)[0]
    # all steps are open; the rent went up
    assert _post(client, f"{entwurf}/schritt/1", {**WOHNUNG, "wohnung_kosten": "520,00"}).status_code == 303
    schritt3 = client.get(f"{entwurf}/schritt/3").text
    assert 'value="1300,00"' in schritt3
    weitere_angaben_absenden(client, entwurf)
    letzte = client.get(f"{entwurf}/schritt/5").text
    assert dt.date.fromisoformat(stichtag).strftime("%d.%m.%Y") in letzte  # Stichtag of the preview
    ende = _post(client, f"{entwurf}/schritt/5", {"versicherung": "1", "aktion": "einreichen"})
    assert ende.status_code == 303, ende.text
    neu = _folgeantrag(datenbank, vorgaenger_id)
    assert ende.headers["location"] == f"/antraege/{neu.nummer}/eingangsbestaetigung"
    assert neu.art == "weiterleistung" and neu.daten["stichtag"] == stichtag
    assert neu.daten["wohnung"]["kosten_monat"] == "520.00"
    assert neu.status == "eingegangen" and not neu.automatisch
    assert any("geändert" in g for g in neu.pruefgruende)
    quittung = client.get(ende.headers["location"]).text
    assert "Weiterleistungsantrag auf Wohngeld" in quittung and "automatisch beschieden" not in quittung
