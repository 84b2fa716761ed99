"""Staff workspace /arbeit: queue with filters and pagination, authority isolation, the full staff
flow with four-eyes Freigabe, errors on the page, CSRF, escaping and the team-lead overview."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import func, select

from amtsweg.cases import dienste
from amtsweg.cases.demodaten import Demokonten, haushalt, lege_vorgaenge_an
from amtsweg.cases.modelle import Behoerde, Benutzer, Bescheid, Entscheidung, Nachforderung, Vorgang, jetzt
from amtsweg.db import Datenbank
from tests.web.conftest import csrf, kleines_pdf

Als = Callable[[str], TestClient]
SB = "sachbearbeitung@demo.example"
TL = "teamleitung@demo.example"
FREMD = "fremd@demo.example"
ERIKA = "erika@demo.example"
PDF = kleines_pdf()


def heute() -> dt.date:
    return jetzt().date()


@pytest.fixture
def vorgaenge(datenbank: Datenbank, demo: Demokonten) -> dict[str, str]:
    """One Vorgang per status (cases.demodaten), by status name -> nummer."""
    with datenbank.sitzung() as s:
        liste = lege_vorgaenge_an(s, demo, heute())
        namen = ["eingegangen", "unvollstaendig", "entscheidungsreif", "zur_freigabe", "beschieden",
                 "widerspruch", "automatisch"]  # fmt: skip
        return {name: v.nummer for name, v in zip(namen, liste, strict=True)}


def neuer_vorgang(
    datenbank: Datenbank, kosten: str = "560.00", rente: str = "900.00", email: str = ERIKA
) -> str:
    """A fresh Vorgang (status eingegangen); the default amount lies above the four-eyes limit."""
    with datenbank.sitzung() as s:
        buerger = s.scalar(select(Benutzer).where(Benutzer.email == email))
        behoerde = s.scalar(select(Behoerde).where(Behoerde.schluessel == "demo-wohngeld"))
        assert buerger and behoerde
        v = dienste.antrag_einreichen(
            s, buerger, behoerde, "wohngeld", haushalt(heute().replace(day=1), kosten, rente)
        )
        return v.nummer


def status_von(datenbank: Datenbank, nummer: str) -> str:
    with datenbank.sitzung() as s:
        v = s.scalar(select(Vorgang).where(Vorgang.nummer == nummer))
        assert v is not None
        return v.status


def zeilen(html: str) -> list[str]:
    """Vorgangsnummern of the queue table, in order."""
    return re.findall(
        r'<th scope="row" class="kern-table__cell"><a href="/arbeit/vorgang/[^"]+">([^<]+)</a>', html
    )


def post(client: TestClient, pfad: str, daten: dict[str, str] | None = None, seite: str | None = None):  # type: ignore[no-untyped-def]
    token = csrf(client.get(seite or "/arbeit").text)
    return client.post(pfad, data={**(daten or {}), "csrf_token": token}, follow_redirects=False)


# --- access ----------------------------------------------------------------------------------------


def test_buerger_bekommt_403_und_anonyme_werden_angemeldet(
    als: Als, app_client: Callable[[], TestClient]
) -> None:
    buergerin = als(ERIKA)
    for pfad in ("/arbeit", "/arbeit/uebersicht", "/arbeit/vorgang/WG-2026-000001"):
        antwort = buergerin.get(pfad)
        assert antwort.status_code == 403, pfad
        assert "Berechtigung" in antwort.text
    anonym = app_client().get("/arbeit", follow_redirects=False)
    assert anonym.status_code == 303 and anonym.headers["location"] == "/anmelden"


def test_fremde_behoerde_sieht_nichts(als: Als, vorgaenge: dict[str, str], datenbank: Datenbank) -> None:
    fremd = als(FREMD)
    korb = fremd.get("/arbeit?status=alle")
    assert korb.status_code == 200
    assert zeilen(korb.text) == [] and "0 Vorgänge gefunden" in korb.text
    for nummer in vorgaenge.values():
        assert nummer not in korb.text
    nummer = vorgaenge["entscheidungsreif"]
    ansicht = fremd.get(f"/arbeit/vorgang/{nummer}")
    assert ansicht.status_code == 404
    assert "existiert nicht oder Sie haben keinen Zugriff" in ansicht.text
    # same answer as for a number that does not exist (reveals nothing)
    assert fremd.get("/arbeit/vorgang/WG-1999-999999").status_code == 404
    aktion = post(fremd, f"/arbeit/vorgang/{nummer}/berechnen")
    assert aktion.status_code == 404
    assert status_von(datenbank, nummer) == "entscheidungsreif"
    # the own authority does see it
    assert als(SB).get(f"/arbeit/vorgang/{nummer}").status_code == 200


# --- queue -----------------------------------------------------------------------------------------


def test_korb_zeigt_offene_und_filtert(als: Als, vorgaenge: dict[str, str], datenbank: Datenbank) -> None:
    client = als(SB)
    offen = zeilen(client.get("/arbeit").text)
    erwartet = {vorgaenge[k] for k in ("eingegangen", "unvollstaendig", "entscheidungsreif", "zur_freigabe",
                                        "widerspruch")}  # fmt: skip
    assert set(offen) == erwartet
    assert len(zeilen(client.get("/arbeit?status=alle").text)) == 7
    assert zeilen(client.get("/arbeit?status=unvollstaendig").text) == [vorgaenge["unvollstaendig"]]
    assert zeilen(client.get("/arbeit?leistung=kinderzuschlag").text) == []
    assert len(zeilen(client.get("/arbeit?leistung=wohngeld").text)) == 5
    # overdue deadline and "assigned to me"
    with datenbank.sitzung() as s:
        sb = s.scalar(select(Benutzer).where(Benutzer.email == SB))
        ueber = s.scalar(select(Vorgang).where(Vorgang.nummer == vorgaenge["eingegangen"]))
        mir = s.scalar(select(Vorgang).where(Vorgang.nummer == vorgaenge["entscheidungsreif"]))
        assert sb and ueber and mir
        ueber.frist = heute() - dt.timedelta(days=2)
        mir.zugewiesen_an_id = sb.id
    ueberfaellig = client.get("/arbeit?ueberfaellig=1")
    assert zeilen(ueberfaellig.text) == [vorgaenge["eingegangen"]]
    assert "Frist überschritten" in ueberfaellig.text and "amtsweg-zeile--ueberfaellig" in ueberfaellig.text
    assert zeilen(client.get("/arbeit?mir=1").text) == [vorgaenge["entscheidungsreif"]]
    # sorting by deadline puts the overdue one first; unknown values fall back safely
    assert zeilen(client.get("/arbeit?sortierung=frist").text)[0] == vorgaenge["eingegangen"]
    assert client.get("/arbeit?status=<x>&sortierung=evil&seite=abc").status_code == 200


def link(html: str, rel: str) -> str | None:
    treffer = re.search(rf'<a href="([^"]+)" rel="{rel}">', html)
    return treffer.group(1).replace("&amp;", "&") if treffer else None


def test_korb_seitenweise_und_htmx_fragment(als: Als, datenbank: Datenbank) -> None:
    nummern = [neuer_vorgang(datenbank, "470.00", "1300.00") for _ in range(27)]
    client = als(SB)
    erste = client.get("/arbeit")
    assert len(zeilen(erste.text)) == 25
    assert zeilen(erste.text) == nummern[:25]  # oldest first
    assert "27 Vorgänge gefunden, 25 auf dieser Seite" in erste.text and "Seite 1 von" not in erste.text
    assert link(erste.text, "prev") is None
    weiter = link(erste.text, "next")
    assert (
        weiter and weiter.startswith("/arbeit?") and "cursor=" in weiter and "Weitere Vorgänge" in erste.text
    )
    zweite = client.get(weiter)
    assert zeilen(zweite.text) == nummern[25:]
    assert link(zweite.text, "next") is None
    zurueck = link(zweite.text, "prev")
    assert zurueck and "Vorherige Vorgänge" in zweite.text
    assert zeilen(client.get(zurueck).text) == nummern[:25]
    assert zeilen(client.get("/arbeit?sortierung=neueste").text)[0] == nummern[-1]
    fragment = client.get(weiter, headers={"HX-Request": "true", "HX-Target": "korb"})
    assert fragment.status_code == 200
    assert "<html" not in fragment.text and zeilen(fragment.text) == nummern[25:]
    # a mangled cursor or an old page-number bookmark shows the first page, never an error
    for kaputt in ("/arbeit?cursor=%%%", "/arbeit?cursor=eyJzIjoxfQ", "/arbeit?seite=2"):
        antwort = client.get(kaputt)
        assert antwort.status_code == 200 and zeilen(antwort.text) == nummern[:25], kaputt


def test_korb_zaehlt_gedeckelt_und_filter_aus_konfiguration(
    als: Als, datenbank: Datenbank, demo: Demokonten, monkeypatch: pytest.MonkeyPatch
) -> None:
    from amtsweg.cases import blaettern

    for _ in range(4):
        neuer_vorgang(datenbank, "470.00", "1300.00")
    client = als(SB)
    monkeypatch.setattr(blaettern, "ZAEHLGRENZE", 3)
    assert "Mehr als 3 Vorgänge gefunden, 4 auf dieser Seite" in client.get("/arbeit").text
    monkeypatch.setattr(blaettern, "ZAEHLGRENZE", 4)
    assert "4 Vorgänge gefunden" in client.get("/arbeit").text
    # the benefit filter lists the configured Leistungen, not what happens to be in the table
    optionen = re.findall(r'<option value="([a-z_]+)"[^>]*>[^<]*</option>', client.get("/arbeit").text)
    assert set(dienste.LEISTUNGEN) <= set(optionen)
    monkeypatch.setattr(dienste, "LEISTUNGEN", ("wohngeld", "kinderzuschlag"))
    html = client.get("/arbeit").text
    assert '<option value="kinderzuschlag"' in html  # configured, though no such Vorgang exists


# --- the Vorgang screen and the staff flow ---------------------------------------------------------


def test_voller_ablauf_mit_vier_augen(
    als: Als, datenbank: Datenbank, app_client: Callable[[], TestClient]
) -> None:
    nummer = neuer_vorgang(datenbank)
    sb, tl = als(SB), als(TL)
    seite = f"/arbeit/vorgang/{nummer}"
    ansicht = sb.get(seite)
    assert ansicht.status_code == 200
    assert "Haushalt" in ansicht.text and "560,00 €" in ansicht.text and "900,00 €" in ansicht.text
    assert "Noch nicht berechnet" in ansicht.text and "/berechnen" in ansicht.text

    antwort = post(sb, f"{seite}/berechnen", seite=seite)
    assert antwort.status_code == 303 and "erledigt=berechnet" in antwort.headers["location"]
    berechnet = sb.get(antwort.headers["location"])
    assert "Die Berechnung wurde durchgeführt" in berechnet.text
    assert "§ 19 Abs. 1 WoGG" in berechnet.text and "386,00 €" in berechnet.text
    version = dienste.berechne_leistung("wohngeld", haushalt(heute().replace(day=1), "560.00", "900.00"))[2]
    assert re.search(rf"Regelwerk</dt>\s*<dd[^>]*>{re.escape(version)}</dd>", berechnet.text)
    assert status_von(datenbank, nummer) == "entscheidungsreif"

    frist = (heute() + dt.timedelta(days=14)).isoformat()
    antwort = post(
        sb, f"{seite}/nachfordern", {"beschreibung": "Bitte Mietbescheinigung.", "frist": frist}, seite
    )
    assert antwort.status_code == 303
    assert status_von(datenbank, nummer) == "unvollstaendig"
    assert "Bitte Mietbescheinigung." in sb.get(seite).text

    # the citizen uploads the document through the API -> back in Prüfung
    erika = als(ERIKA)
    token = erika.get("/api/v1/csrf").json()["csrf_token"]
    hochgeladen = erika.post(
        f"/api/v1/antraege/{nummer}/dokumente",
        files={"datei": ("miete.pdf", PDF, "application/pdf")},
        headers={"X-CSRF-Token": token},
    )
    assert hochgeladen.status_code == 201, hochgeladen.text
    assert status_von(datenbank, nummer) == "in_pruefung"
    dokumentseite = sb.get(seite)
    link = re.search(r'href="(/arbeit/vorgang/[^"]+/dokumente/\d+)"', dokumentseite.text)
    assert link, "document link missing"
    datei = sb.get(link.group(1))
    assert datei.status_code == 200 and datei.content == PDF
    assert (
        datei.headers["content-type"] == "application/pdf"
        and "attachment" in datei.headers["content-disposition"]
    )
    assert als(FREMD).get(link.group(1)).status_code == 404

    assert post(sb, f"{seite}/berechnen", seite=seite).status_code == 303
    # the uploaded Nachweis is not read yet (no worker here): deciding needs the explicit confirmation
    antwort = post(sb, f"{seite}/entscheiden", {"art": "bewilligung", "gruende": ""}, seite)
    assert antwort.status_code == 409 and "Nicht alle Nachweise sind gelesen und geprüft" in antwort.text
    bestaetigt = {"art": "bewilligung", "gruende": "", "trotzdem": "ja", "vorbehalt": "Miete geprüft."}
    antwort = post(sb, f"{seite}/entscheiden", bestaetigt, seite)
    assert antwort.status_code == 303 and "erledigt=vorgelegt" in antwort.headers["location"]
    assert status_von(datenbank, nummer) == "zur_freigabe"
    assert "Die Freigabe erteilt die Teamleitung." in sb.get(seite).text

    # the decider cannot approve
    verweigert = post(sb, f"{seite}/freigeben", seite=seite)
    assert verweigert.status_code == 403
    assert "Die Aktion wurde nicht ausgeführt" in verweigert.text
    assert status_von(datenbank, nummer) == "zur_freigabe"

    freigabeseite = tl.get(seite)
    assert "Freigeben und Bescheid erstellen" in freigabeseite.text
    antwort = post(tl, f"{seite}/freigeben", seite=seite)
    assert antwort.status_code == 303 and "erledigt=freigegeben" in antwort.headers["location"]
    assert status_von(datenbank, nummer) == "beschieden"
    with datenbank.sitzung() as s:
        v = s.scalar(select(Vorgang).where(Vorgang.nummer == nummer))
        assert v is not None
        e = s.scalar(select(Entscheidung).where(Entscheidung.vorgang_id == v.id))
        assert (
            e is not None
            and e.freigegeben_von_id is not None
            and e.freigegeben_von_id != e.entschieden_von_id
        )
        assert s.scalar(select(func.count(Bescheid.id)).where(Bescheid.vorgang_id == v.id)) == 1
    fertig = tl.get(seite)
    assert "Tea Teamleitung" in fertig.text and "Verlauf" in fertig.text
    pdf = re.search(r'href="(/arbeit/vorgang/[^"]+/bescheide/\d+)"', fertig.text)
    assert pdf and tl.get(pdf.group(1)).content.startswith(b"%PDF")


def test_teamleitung_kann_eigene_entscheidung_nicht_freigeben(als: Als, datenbank: Datenbank) -> None:
    nummer = neuer_vorgang(datenbank)
    tl = als(TL)
    seite = f"/arbeit/vorgang/{nummer}"
    assert post(tl, f"{seite}/berechnen", seite=seite).status_code == 303
    assert post(tl, f"{seite}/entscheiden", {"art": "bewilligung"}, seite).status_code == 303
    assert "eigene Entscheidung können Sie nicht selbst freigeben" in tl.get(seite).text
    antwort = post(tl, f"{seite}/freigeben", seite=seite)
    assert antwort.status_code == 409 and "Vier-Augen-Prinzip" in antwort.text
    assert status_von(datenbank, nummer) == "zur_freigabe"
    # only a team lead may send it back
    antwort = post(als(SB), f"{seite}/zurueckweisen", {"grund": "x"}, seite)
    assert antwort.status_code == 403


def test_ablehnung_braucht_gruende_und_gruende_werden_maskiert(
    als: Als, vorgaenge: dict[str, str], datenbank: Datenbank
) -> None:
    nummer = vorgaenge["entscheidungsreif"]
    sb = als(SB)
    seite = f"/arbeit/vorgang/{nummer}"
    ohne = post(sb, f"{seite}/entscheiden", {"art": "ablehnung", "gruende": "  \n "}, seite)
    assert ohne.status_code == 422
    assert "muss begründet werden" in ohne.text
    assert 'id="entscheiden-gruende-fehler"' in ohne.text and 'aria-invalid="true"' in ohne.text
    assert status_von(datenbank, nummer) == "entscheidungsreif"
    with datenbank.sitzung() as s:
        assert (
            s.scalar(select(func.count(Entscheidung.id)).join(Vorgang).where(Vorgang.nummer == nummer)) == 0
        )

    boese = '<script>alert("x")</script>'
    mit = post(
        sb, f"{seite}/entscheiden", {"art": "ablehnung", "gruende": f"Vermögen zu hoch\n{boese}"}, seite
    )
    assert mit.status_code == 303
    assert status_von(datenbank, nummer) == "zur_freigabe"  # every Ablehnung needs a Freigabe
    html = sb.get(seite).text
    assert boese not in html
    assert "&lt;script&gt;alert(&#34;x&#34;)&lt;/script&gt;" in html


def test_fehler_stehen_auf_der_seite_und_nichts_wird_gespeichert(
    als: Als, vorgaenge: dict[str, str], datenbank: Datenbank
) -> None:
    nummer = vorgaenge["eingegangen"]
    sb = als(SB)
    seite = f"/arbeit/vorgang/{nummer}"
    gestern = (heute() - dt.timedelta(days=1)).isoformat()
    antwort = post(sb, f"{seite}/nachfordern", {"beschreibung": "Kontoauszüge", "frist": gestern}, seite)
    assert antwort.status_code == 422
    assert "Die Frist muss in der Zukunft liegen." in antwort.text
    assert 'id="nachfordern-frist-fehler"' in antwort.text
    assert "Kontoauszüge" in antwort.text  # the input is kept
    assert (
        post(sb, f"{seite}/nachfordern", {"beschreibung": "x", "frist": "morgen"}, seite).status_code == 422
    )
    unzulaessig = post(sb, f"{seite}/widerspruch-pruefen", seite=seite)
    assert unzulaessig.status_code == 409
    assert "Die Aktion wurde nicht ausgeführt" in unzulaessig.text and "nicht möglich" in unzulaessig.text
    assert status_von(datenbank, nummer) == "eingegangen"
    with datenbank.sitzung() as s:
        anzahl = s.scalar(select(func.count(Nachforderung.id)).join(Vorgang).where(Vorgang.nummer == nummer))
        assert anzahl == 0


def test_csrf_fehlt(als: Als, vorgaenge: dict[str, str], datenbank: Datenbank) -> None:
    nummer = vorgaenge["eingegangen"]
    sb = als(SB)
    ohne = sb.post(f"/arbeit/vorgang/{nummer}/berechnen", follow_redirects=False)
    assert ohne.status_code == 403 and "Formular ist ungültig" in ohne.text
    falsch = sb.post(f"/arbeit/vorgang/{nummer}/berechnen", data={"csrf_token": "falsch"})
    assert falsch.status_code == 403
    assert status_von(datenbank, nummer) == "eingegangen"


def test_widerspruch_pruefen_oeffnet_wieder(
    als: Als, vorgaenge: dict[str, str], datenbank: Datenbank
) -> None:
    nummer = vorgaenge["widerspruch"]
    sb = als(SB)
    seite = f"/arbeit/vorgang/{nummer}"
    html = sb.get(seite).text
    assert "Meine Heizkosten sind gestiegen." in html and "Vorgang wieder öffnen" in html
    assert post(sb, f"{seite}/widerspruch-pruefen", seite=seite).status_code == 303
    assert status_von(datenbank, nummer) == "in_pruefung"


def test_seiten_ohne_inline_skript_und_mit_tabellenkoepfen(als: Als, vorgaenge: dict[str, str]) -> None:
    tl = als(TL)
    for pfad in ("/arbeit", f"/arbeit/vorgang/{vorgaenge['zur_freigabe']}", "/arbeit/uebersicht"):
        html = tl.get(pfad).text
        assert re.findall(r"<script(?![^>]*\bsrc=)", html) == [], pfad
        assert " style=" not in html and "onclick" not in html.lower(), pfad
        assert "<caption" in html and 'scope="col"' in html, pfad
        for feld in re.findall(r'<(?:input|textarea|select)[^>]*\bid="([^"]+)"', html):
            assert f'for="{feld}"' in html, (pfad, feld)


# --- overview --------------------------------------------------------------------------------------


def test_uebersicht_der_teamleitung(als: Als, vorgaenge: dict[str, str]) -> None:
    assert als(SB).get("/arbeit/uebersicht").status_code == 403
    antwort = als(TL).get("/arbeit/uebersicht")
    assert antwort.status_code == 200
    html = antwort.text
    bestand = re.search(
        r'<a href="/arbeit\?status=beschieden">Beschieden</a></th>\s*<td[^>]*>(\d+)</td>', html
    )
    assert bestand and bestand.group(1) == "2"
    assert re.search(r"Bescheide der letzten 7 Tage</dt>\s*<dd[^>]*>3</dd>", html)
    assert re.search(r"Davon automatisch erlassen[^<]*</dt>\s*<dd[^>]*>1 \(33,3 %\)</dd>", html)
    stichprobe = html.split("stichprobe-titel", 1)[1]
    assert vorgaenge["automatisch"] in stichprobe and vorgaenge["beschieden"] not in stichprobe
    assert als(FREMD).get("/arbeit/uebersicht").status_code == 403


def test_eingabefehler_beim_berechnen_wird_gezeigt_und_zurueckgerollt(
    als: Als, vorgaenge: dict[str, str], datenbank: Datenbank
) -> None:
    nummer = vorgaenge["eingegangen"]
    with datenbank.sitzung() as s:
        v = s.scalar(select(Vorgang).where(Vorgang.nummer == nummer))
        assert v is not None
        daten = dict(v.daten)
        daten["personen"] = [{**daten["personen"][0], "alter": -5}]
        v.daten = daten
    sb = als(SB)
    seite = f"/arbeit/vorgang/{nummer}"
    antwort = post(sb, f"{seite}/berechnen", seite=seite)
    assert antwort.status_code == 422
    assert "personen[0].alter" in antwort.text and "zwischen 0 und 130" in antwort.text
    # the service had already moved the Vorgang to "in Prüfung": that step is rolled back too
    assert status_von(datenbank, nummer) == "eingegangen"


# --- labels instead of internal codes (accessibility review) ---------------------------------------


def _sichtbar(html: str) -> str:
    """The text of a page without tags and attribute values (what a screen reader reads)."""
    return re.sub(r"\s+", " ", re.sub(r"<[^>]*>", " ", html))


def test_seiten_zeigen_beschriftungen_statt_codes(als: Als, vorgaenge: dict[str, str]) -> None:
    client = als(SB)
    seite = client.get(f"/arbeit/vorgang/{vorgaenge['eingegangen']}").text
    text = _sichtbar(seite)
    # the codes are checked in the head data and the Antrag (the Prüfgründe are stored texts of the
    # automation rules, cases.automatisierung, and appear again in the timeline)
    kopf = _sichtbar(seite[: seite.index('id="pruefungen"')])
    for beschriftung in (
        "Wohngeld / Erstantrag",
        "Mietwohnung, Ludwigshafen am Rhein, Rheinland-Pfalz",
        "Antragstellende Person",
        "Rente: 1.300,00 €",
        "Abzüge: Beiträge zur Kranken- und Pflegeversicherung",
        "(Bürgerin/Bürger)",  # role of the actor in the timeline
        "(System (automatisiert))",
    ):
        assert beschriftung in text, beschriftung
    for code in (" antragsteller ", "kranken_pflegeversicherung", " rente:", ", RP", "erstantrag"):
        assert code not in kopf, code
    assert "(buerger)" not in text and "(system)" not in text
    assert re.search(r"Stichtag \d\d\.\d\d\.\d{4}", text)
    korb = _sichtbar(client.get("/arbeit?status=alle").text)
    assert "Wohngeld (Weiterleistungsantrag)" in korb and "weiterleistung" not in korb
    assert "Zugewiesen an" in korb and "nicht zugewiesen" in korb
    automatisch = _sichtbar(client.get(f"/arbeit/vorgang/{vorgaenge['automatisch']}").text)
    assert "Wohngeld / Weiterleistungsantrag" in automatisch
    uebersicht = _sichtbar(als(TL).get("/arbeit/uebersicht").text)
    assert "Bewilligung" in uebersicht and "bewilligung" not in uebersicht


# --- taking over a Vorgang ---------------------------------------------------------------------------


def test_uebernehmen_weist_zu_und_protokolliert(
    als: Als, vorgaenge: dict[str, str], datenbank: Datenbank
) -> None:
    from amtsweg.governance.audit import AuditEreignis, pruefe_kette

    nummer = vorgaenge["eingegangen"]
    client = als(SB)
    seite = client.get(f"/arbeit/vorgang/{nummer}").text
    assert f'action="/arbeit/vorgang/{nummer}/uebernehmen"' in seite and "niemandem" in seite
    assert zeilen(client.get("/arbeit?mir=1").text) == []
    # without the CSRF token nothing happens
    ohne = client.post(f"/arbeit/vorgang/{nummer}/uebernehmen", follow_redirects=False)
    assert ohne.status_code == 403
    antwort = post(client, f"/arbeit/vorgang/{nummer}/uebernehmen", seite=f"/arbeit/vorgang/{nummer}")
    assert antwort.status_code == 303 and "erledigt=uebernommen" in antwort.headers["location"]
    danach = client.get(antwort.headers["location"])
    assert "Sie haben den Vorgang übernommen" in danach.text
    assert "Ihnen (Sam Sachbearbeitung)" in danach.text
    assert f'action="/arbeit/vorgang/{nummer}/uebernehmen"' not in danach.text  # already mine
    assert "Vorgang übernommen" in danach.text  # timeline
    # the "assigned to me" filter now finds it, and the queue names the assignee
    mir = client.get("/arbeit?mir=1")
    assert zeilen(mir.text) == [nummer] and "Sam Sachbearbeitung" in mir.text
    # the team lead takes it over from the clerk: the previous assignee is recorded
    tl = als(TL)
    assert "Sam Sachbearbeitung" in tl.get(f"/arbeit/vorgang/{nummer}").text
    assert (
        post(tl, f"/arbeit/vorgang/{nummer}/uebernehmen", seite=f"/arbeit/vorgang/{nummer}").status_code
        == 303
    )
    assert zeilen(client.get("/arbeit?mir=1").text) == []
    with datenbank.sitzung() as s:
        v = s.scalar(select(Vorgang).where(Vorgang.nummer == nummer))
        tl_konto = s.scalar(select(Benutzer).where(Benutzer.email == TL))
        assert v and tl_konto and v.zugewiesen_an_id == tl_konto.id
        ereignisse = s.scalars(
            select(AuditEreignis)
            .where(AuditEreignis.vorgang == nummer, AuditEreignis.aktion == "vorgang_zugewiesen")
            .order_by(AuditEreignis.folge)
        ).all()
        assert [(e.akteur, e.daten.get("vorher")) for e in ereignisse] == [(SB, None), (TL, SB)]
        assert pruefe_kette(s).in_ordnung


def test_uebernehmen_durch_fremde_behoerde_verweigert(
    als: Als, vorgaenge: dict[str, str], datenbank: Datenbank
) -> None:
    from amtsweg.cases import rechte

    nummer = vorgaenge["entscheidungsreif"]
    fremd = als(FREMD)
    assert post(fremd, f"/arbeit/vorgang/{nummer}/uebernehmen").status_code == 404
    with datenbank.sitzung() as s:
        v = s.scalar(select(Vorgang).where(Vorgang.nummer == nummer))
        f = s.scalar(select(Benutzer).where(Benutzer.email == FREMD))
        buergerin = s.scalar(select(Benutzer).where(Benutzer.email == ERIKA))
        assert v and f and buergerin and v.zugewiesen_an_id is None
        for wer in (f, buergerin):
            with pytest.raises(rechte.KeinZugriff):
                dienste.zuweisen(s, wer, v)
        assert v.zugewiesen_an_id is None
    assert zeilen(fremd.get("/arbeit?mir=1").text) == []
