"""Leichte Sprache and the BITV pages in a real headless Chromium: the switch works with keyboard and under
the strict CSP, survives the login, and every Leichte-Sprache page (also an error state and the fallback
for a page without variant) passes the axe-core scan, the single-h1 and heading-order checks."""

from __future__ import annotations

import re
from collections.abc import Iterator

import pytest
from playwright.sync_api import Browser, BrowserContext, expect

from tests.e2e.conftest import Server, anmelden
from tests.e2e.test_ablauf import starte_server
from tests.e2e.test_barrierefreiheit import Pruefer, _tastatur

ERIKA = "erika@demo.example"


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Server]:
    with starte_server(tmp_path_factory) as laufend:
        yield laufend


def test_seiten_in_leichter_sprache_barrierefrei(kontext: BrowserContext, server: Server) -> None:
    page = kontext.new_page()
    pruefe = Pruefer(page, server)
    pruefe.seite("/barrierefreiheit", "Erklärung zur Barrierefreiheit")
    pruefe.seite("/leichte-sprache", "Informationen in Leichter Sprache")

    page.goto(server.url + "/")
    schalter = page.get_by_role("button", name="Leichte Sprache")
    schalter.focus()
    page.keyboard.press("Enter")  # the switch works with the keyboard
    expect(page.get_by_role("heading", level=1)).to_have_text("Willkommen bei Amtsweg")
    pruefe("Start (Leichte Sprache)")
    pruefe.seite("/leistungs-check", "Leistungs-Check (keine Variante: Hinweis)")
    expect(page.get_by_text("Diese Seite gibt es nicht in Leichter Sprache.")).to_be_visible()
    pruefe.seite("/anmelden", "Anmelden (Leichte Sprache)")
    pruefe.seite("/registrieren", "Registrieren (Leichte Sprache)")
    page.get_by_label("Ihr Vor-Name und Ihr Nach-Name").fill("Kurt Kurz")
    page.get_by_label("Ihre E-Mail-Adresse").fill("kurt@beispiel.example")
    page.get_by_label("Ein Passwort").fill("kurz")
    page.get_by_role("button", name="Konto anlegen").click()
    expect(page.get_by_label("Ein Passwort")).to_have_attribute("aria-invalid", "true")
    pruefe("Registrieren mit Fehlern (Leichte Sprache)")
    pruefe.seite("/gibt-es-nicht", "Fehlerseite (Leichte Sprache)", status=404)

    anmelden(page, server, ERIKA)  # the language stays after the login
    expect(page.get_by_text("Diese Seite ist in Leichter Sprache.")).to_be_visible()
    pruefe("Meine Anträge (Leichte Sprache)")
    _tastatur(page, "Meine Anträge (Leichte Sprache)", pruefe.befunde, stopps=40)
    links = page.get_by_role("link", name=re.compile(r"^Mehr zum Antrag WG-")).all_text_contents()
    nummern = [text.rsplit(" ", 1)[-1] for text in links]
    assert len(nummern) >= 4, nummern
    beschieden = None
    for nummer in nummern:
        pruefe.seite(f"/antraege/{nummer}", f"Antrag {nummer} (Leichte Sprache)")
        if page.get_by_role("button", name="Widerspruch abschicken").count():
            beschieden = nummer
    pruefe.seite(f"/antraege/{nummern[0]}/eingangsbestaetigung", "Eingangsbestätigung (Leichte Sprache)")

    assert beschieden, "a decided Vorgang with the Widerspruch form"
    pruefe.seite(f"/antraege/{beschieden}", "Bescheid (Leichte Sprache)")
    _tastatur(page, "Bescheid (Leichte Sprache)", pruefe.befunde, stopps=40)
    page.get_by_role("button", name="Widerspruch abschicken").click()
    feld = page.get_by_label("Warum ist die Entscheidung falsch?")
    expect(feld).to_have_attribute("aria-invalid", "true")
    pruefe("Widerspruch ohne Begründung (Leichte Sprache)")

    gesehen: set[str] = set()
    for nummer in nummern:  # the pages are offered for granted Vorgänge while the Bewilligung runs
        for folge, name in (("weiterleistung", "Weiterleistung"), ("aenderung", "Änderung melden")):
            if folge in gesehen:
                continue
            antwort = page.goto(f"{server.url}/antraege/{nummer}/{folge}")
            if antwort is not None and antwort.status == 200:
                pruefe(f"{name} (Leichte Sprache)")
                gesehen.add(folge)
    assert gesehen == {"weiterleistung", "aenderung"}
    page.goto(f"{server.url}/antraege/{beschieden}")

    page.get_by_role("button", name="Alltagssprache").click()  # back on the status page, everyday German
    expect(page.get_by_role("heading", level=1)).to_have_text(f"Antrag {beschieden}")
    assert not pruefe.befunde, pruefe.bericht()


def test_schalter_unter_strenger_csp(browser: Browser, server: Server) -> None:
    kontext = browser.new_context(locale="de-DE")  # the app's CSP is enforced
    seite = kontext.new_page()
    verletzungen: list[str] = []
    seite.on(
        "console", lambda m: verletzungen.append(m.text) if "Content Security Policy" in m.text else None
    )
    seite.goto(server.url + "/barrierefreiheit")
    seite.get_by_role("button", name="Leichte Sprache").click()
    expect(seite).to_have_url(server.url + "/barrierefreiheit")
    expect(seite.get_by_text("Diese Seite gibt es nicht in Leichter Sprache.")).to_be_visible()
    seite.get_by_role("contentinfo").get_by_role("link", name="Leichte Sprache").click()
    expect(seite.get_by_role("heading", level=1)).to_have_text("Informationen in Leichter Sprache")
    assert verletzungen == []
    kontext.close()
