"""The staff Nachweise page in a real Chromium: axe-core finds no serious violation, the page image with the
evidence is there, and a proposal can be confirmed and corrected with the keyboard alone."""

from __future__ import annotations

from playwright.sync_api import BrowserContext, expect

from amtsweg.cases.demodaten import Demokonten
from amtsweg.db import Datenbank
from amtsweg.web.einstellungen import Einstellungen
from tests.documents.test_pruefstelle import lege_fall_an
from tests.e2e.conftest import Server, anmelden, axe_pruefen


def _tabbe_bis(page, name: str, hoechstens: int = 120) -> None:  # type: ignore[no-untyped-def]
    """Press Tab until the focused element's accessible text starts with ``name``."""
    for _ in range(hoechstens):
        page.keyboard.press("Tab")
        text = page.evaluate("() => (document.activeElement && document.activeElement.innerText) || ''")
        if text.strip().startswith(name):
            return
    raise AssertionError(f"„{name}“ is not reachable with the Tab key")


def test_nachweise_pruefen_per_tastatur_und_barrierefrei(
    kontext: BrowserContext, server: Server, datenbank: Datenbank, demo_e2e: Demokonten
) -> None:
    ablage = Einstellungen(datenordner=server.ordner).ablage
    with datenbank.sitzung() as s:
        fall = lege_fall_an(s, ablage, demo_e2e)
    page = kontext.new_page()
    anmelden(page, server, "sachbearbeitung@demo.example")
    page.goto(f"{server.url}/arbeit/vorgang/{fall.nummer}/nachweise")
    expect(page.get_by_role("heading", level=1)).to_be_visible()
    expect(page.get_by_role("img").first).to_be_visible()  # the page image with the evidence boxes
    assert axe_pruefen(page) == []

    # confirm the first proposal with the keyboard only
    _tabbe_bis(page, "Bestätigen")
    page.keyboard.press("Enter")
    expect(page.get_by_role("status")).to_contain_text("bestätigt")
    assert axe_pruefen(page) == []

    # correct another one: Tab into the correction field, type, Tab to its button, Enter
    _tabbe_bis(page, "Korrigieren")
    feld = page.locator("input[id^='korrektur-']").first
    feld.focus()
    feld.fill("")  # an empty correction: the error names the field, nothing is stored
    page.keyboard.press("Enter")
    expect(page.get_by_role("alert")).to_contain_text("Bitte geben Sie den korrigierten Wert ein")
    assert axe_pruefen(page) == []
