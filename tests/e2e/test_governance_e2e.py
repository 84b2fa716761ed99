"""AI governance in a real Chromium: the Teamleitung switches document reading off (reason required), the
Nachweise page then shows manual entry instead of proposals, and after switching on the proposals are back.
The public /ki-einsatz page and the staff governance pages are axe-clean."""

from __future__ import annotations

from playwright.sync_api import Browser, BrowserContext, expect

from amtsweg.cases.demodaten import Demokonten
from amtsweg.db import Datenbank
from amtsweg.web.einstellungen import Einstellungen
from tests.documents.test_pruefstelle import lege_fall_an
from tests.e2e.conftest import Server, anmelden, axe_pruefen


def test_ki_einsatz_ist_barrierefrei(kontext: BrowserContext, server: Server) -> None:
    page = kontext.new_page()
    page.goto(f"{server.url}/ki-einsatz")
    expect(page.get_by_role("heading", level=1)).to_have_text("Wo wir Künstliche Intelligenz einsetzen")
    assert axe_pruefen(page) == []


def test_abschalten_fuehrt_zur_manuellen_erfassung_und_zurueck(
    kontext: BrowserContext, browser: Browser, server: Server, datenbank: Datenbank, demo_e2e: Demokonten
) -> None:
    ablage = Einstellungen(datenordner=server.ordner).ablage
    with datenbank.sitzung() as s:
        fall = lege_fall_an(s, ablage, demo_e2e)
    nachweise = f"{server.url}/arbeit/vorgang/{fall.nummer}/nachweise"

    tl = kontext.new_page()
    anmelden(tl, server, "teamleitung@demo.example")
    tl.get_by_role("link", name="KI-Governance").click()
    expect(tl.get_by_role("heading", level=1)).to_contain_text("KI-Governance")
    assert axe_pruefen(tl) == []
    tl.get_by_role("link", name="Nachweise maschinell lesen (Dokumenttyp und Feldwerte)").click()
    assert axe_pruefen(tl) == []

    # without a reason nothing is switched: the error names the field
    tl.get_by_role("button", name="KI-Funktion abschalten").click()
    expect(tl.locator("#grund-fehler")).to_contain_text("Bitte begründen Sie die Abschaltung")
    assert axe_pruefen(tl) == []
    tl.get_by_label("Grund der Abschaltung (Pflicht)").fill("Sicherheit trennt falsche Felder nicht")
    tl.get_by_role("button", name="KI-Funktion abschalten").click()
    expect(tl.get_by_role("status")).to_contain_text("Die KI-Funktion ist abgeschaltet")

    tl.goto(nachweise)
    expect(tl.locator("#ki-abgeschaltet")).to_contain_text("manuelle Erfassung")
    expect(tl.locator("#ki-abgeschaltet")).to_contain_text("Sicherheit trennt falsche Felder nicht")
    expect(tl.get_by_role("link", name="miete.pdf öffnen")).to_be_visible()
    expect(tl.get_by_role("button", name="Bestätigen")).to_have_count(0)
    assert axe_pruefen(tl) == []

    tl.goto(f"{server.url}/governance/dokumente")
    tl.get_by_role("button", name="KI-Funktion einschalten").click()
    expect(tl.get_by_role("status")).to_contain_text("wieder eingeschaltet")
    tl.goto(nachweise)
    expect(tl.locator("#ki-abgeschaltet")).to_have_count(0)
    expect(tl.get_by_role("button", name="Bestätigen").first).to_be_visible()

    # the applicant sees the AI's role in her case (and the page is accessible)
    buergerin = browser.new_context(bypass_csp=True, locale="de-DE").new_page()
    anmelden(buergerin, server, "erika@demo.example")
    buergerin.goto(f"{server.url}/antraege/{fall.nummer}")
    buergerin.get_by_role("link", name="Welche Rolle hatte KI bei diesem Antrag?").click()
    expect(buergerin.get_by_role("heading", level=1)).to_contain_text("Welche Rolle hatte KI")
    expect(buergerin.get_by_role("rowheader", name="miete.pdf")).to_be_visible()
    assert axe_pruefen(buergerin) == []
    buergerin.context.close()
