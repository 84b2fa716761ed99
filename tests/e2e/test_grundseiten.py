"""The public pages in a real browser: they load their vendored assets under the strict CSP, work with the
keyboard, and axe-core finds no serious or critical violation."""

from __future__ import annotations

from playwright.sync_api import Browser, Page

from tests.e2e.conftest import Server, anmelden, axe_pruefen


def test_oeffentliche_seiten_barrierefrei(page: Page, server: Server) -> None:
    for pfad in ("/", "/anmelden", "/registrieren", "/leistungs-check", "/assistent", "/gefaehrdung"):
        antwort = page.goto(server.url + pfad)
        assert antwort is not None and antwort.ok, pfad
        assert page.locator("h1").count() == 1, f"{pfad}: exactly one h1"
        assert axe_pruefen(page) == [], pfad


def test_csp_laesst_eigene_assets_zu(browser: Browser, server: Server) -> None:
    kontext = browser.new_context()  # real CSP enforced
    seite = kontext.new_page()
    verletzungen: list[str] = []
    seite.on(
        "console", lambda m: verletzungen.append(m.text) if "Content Security Policy" in m.text else None
    )
    seite.goto(server.url + "/anmelden")
    farbe = seite.evaluate("getComputedStyle(document.querySelector('button')).fontFamily")
    assert "Fira" in farbe, "KERN CSS and fonts must load from /static under the CSP"
    assert seite.evaluate("typeof htmx") == "object", "htmx must load from /static"
    assert verletzungen == []
    kontext.close()


def test_sprunglink_und_tastatur(page: Page, server: Server) -> None:
    page.goto(server.url + "/anmelden")
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.textContent").strip() == "Zum Inhalt springen"
    page.keyboard.press("Enter")
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.id") == "email"


def test_anmelden_im_browser(page: Page, server: Server) -> None:
    anmelden(page, server, "erika@demo.example")
    assert page.url.endswith("/antraege") or "/antraege" in page.url
