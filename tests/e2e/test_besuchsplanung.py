"""Besuchsplanung in a real browser: an Aufsichtsperson (here: Sachbearbeitung) opens the page from the menu,
plans a week, records a visit with finding, advice and follow-up date, and sees the plan change; every page
axe-clean (WCAG 2.1 AA)."""

from __future__ import annotations

import datetime as dt

import pandas as pd
from playwright.sync_api import Page, expect

from amtsweg.db import Datenbank
from amtsweg.prevention.besuchsplan import erstelle_arbeitsliste, plan_speichern
from tests.e2e.conftest import Server, anmelden, axe_pruefen


def _sauber(page: Page, name: str, befunde: list[str]) -> None:
    page.wait_for_load_state("load")
    for v in axe_pruefen(page):
        befunde.append(f"{name}: {v['id']} ({v['impact']}) {v['help']} {v['ziele']}")


def test_woche_planen_besuch_erfassen(page: Page, server: Server, datenbank: Datenbank) -> None:
    with datenbank.sitzung() as s:
        rahmen = pd.DataFrame(
            {
                "betriebsnummer": ["F1", "F2", "F3", "F4"],
                "region": ["Nord"] * 4,
                "wahrscheinlichkeit": [0.5, 0.4, 0.3, 0.2],
                "gruende": [["3 Unfälle in den letzten 3 Jahren"]] * 4,
            }
        )
        plan_speichern(s, erstelle_arbeitsliste(rahmen, 4), "e2e-1", dt.date.today())
    montag = dt.date.today() + dt.timedelta(days=7 - dt.date.today().weekday())
    befunde: list[str] = []
    page.set_default_timeout(15_000)
    anmelden(page, server, "sachbearbeitung@demo.example")
    page.get_by_role("link", name="Besuchsplanung").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Besuchsplanung: Arbeitsliste")
    expect(page.get_by_role("button", name="Abmelden (Sam Sachbearbeitung)")).to_be_visible()
    expect(page.get_by_role("link", name="Anmelden", exact=True)).to_have_count(0)
    expect(page.get_by_text("meiste Unfälle bisher").first).to_be_visible()
    _sauber(page, "Arbeitsliste", befunde)

    page.get_by_role("link", name="Wochenplan erstellen").click()
    page.get_by_label("Woche ab (ein Tag der Woche)").fill(montag.isoformat())
    page.get_by_label("Besuche je Tag (Kapazität)").fill("1")
    page.get_by_label("Region (leer = alle)").fill("Nord")
    page.get_by_role("button", name="Woche planen").click()
    erster_tag = page.locator("section").first
    expect(erster_tag).to_contain_text("F1")
    _sauber(page, "Wochenplan", befunde)

    page.get_by_role("link", name="Besuch erfassen für F1").click()
    expect(page.get_by_role("link", name="Besuchsbogen für diesen Betrieb erstellen")).to_be_visible()
    _sauber(page, "Besuch erfassen", befunde)
    page.get_by_label("Besuchstag").fill(dt.date.today().isoformat())
    page.get_by_label("Mängel festgestellt").check()
    page.get_by_label("Festgestellter Mangel (Befund)").fill("Seitenschutz am Gerüst fehlt")
    page.get_by_label("Beratung (was wurde geraten oder vereinbart)").fill("Seitenschutz vor Weiterarbeit")
    page.get_by_label("Folgetermin (optional)").fill((montag + dt.timedelta(days=3)).isoformat())
    page.get_by_role("button", name="Besuch speichern").click()

    expect(page.get_by_role("status").first).to_contain_text("Der Besuch wurde gespeichert")
    expect(page.locator("section").first).to_contain_text("F2")  # F1 left the top: plan changed
    expect(page.locator("section").nth(3)).to_contain_text("Folgetermin aus dem Besuch")
    expect(page.locator("section").nth(3)).to_contain_text("F1")
    _sauber(page, "Wochenplan nach dem Besuch", befunde)
    assert not befunde, "\n".join(befunde)
