"""Gefährdungsbeurteilung in a real browser: a firm enters the responsible person and deadline of a measure
(also the error state), saves, reopens and lists its assessments; every page is axe-clean (WCAG 2.1 AA)."""

from __future__ import annotations

from playwright.sync_api import Page, expect

from tests.e2e.conftest import Server, anmelden, axe_pruefen

SCHLUESSEL = "dacharbeiten.absturz_kante.1"


def _sauber(page: Page, name: str, befunde: list[str]) -> None:
    page.wait_for_load_state("load")
    expect(page.locator("h1")).to_have_count(1)
    for v in axe_pruefen(page):
        befunde.append(f"{name}: {v['id']} ({v['impact']}) {v['help']} {v['ziele']}")


def test_massnahmen_festlegen_speichern_oeffnen(page: Page, server: Server) -> None:
    befunde: list[str] = []
    page.set_default_timeout(15_000)
    anmelden(page, server, "erika@demo.example")
    page.goto(f"{server.url}/gefaehrdung")
    page.get_by_label("Bezeichnung der Baustelle").fill("Dachsanierung Musterstraße 1")
    page.get_by_label("Voraussichtliche Dauer in Arbeitstagen").fill("15")
    page.get_by_label("Höchstzahl gleichzeitig Beschäftigter").fill("4")
    page.get_by_label("Dacharbeiten").check()
    page.get_by_role("button", name="Gefährdungsbeurteilung erstellen").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Gefährdungsbeurteilung: Dachsanierung")
    _sauber(page, "Ergebnis", befunde)

    person = page.locator(f'[id="gb-massnahmen.{SCHLUESSEL}.verantwortlich"]')
    frist = page.locator(f'[id="gb-massnahmen.{SCHLUESSEL}.frist"]')
    person.fill("Paul Polier")
    frist.fill("2099-01-01")
    page.get_by_role("button", name="Festlegungen übernehmen").click()
    expect(page.get_by_role("alert").first).to_contain_text("nach dem voraussichtlichen Ende")
    expect(frist).to_have_attribute("aria-invalid", "true")
    _sauber(page, "Ergebnis mit Fehler", befunde)

    # the proposal shown next to the field (start of work) is an allowed deadline
    vorschlag = page.locator(f'[id="gb-massnahmen.{SCHLUESSEL}.frist"] ~ span').inner_text()
    tag, monat, jahr = vorschlag.removeprefix("Vorschlag: ").strip().split(".")
    frist.fill(f"{jahr}-{monat}-{tag}")
    page.get_by_role("button", name="Gefährdungsbeurteilung speichern").click()
    expect(page.get_by_role("status").first).to_contain_text("Gespeichert als Fassung 1")
    expect(person).to_have_value("Paul Polier")
    _sauber(page, "Gespeicherte Fassung", befunde)

    page.get_by_role("link", name="Zu Ihren Gefährdungsbeurteilungen").click()
    expect(page.get_by_role("link", name="Dachsanierung Musterstraße 1")).to_be_visible()
    _sauber(page, "Meine Gefährdungsbeurteilungen", befunde)
    page.get_by_role("link", name="Dachsanierung Musterstraße 1").click()
    page.get_by_role("link", name="Baustellendaten oder Tätigkeiten ändern (Fortschreibung)").click()
    expect(page.get_by_label("Bezeichnung der Baustelle")).to_have_value("Dachsanierung Musterstraße 1")
    _sauber(page, "Fortschreibung Formular", befunde)
    assert not befunde, "\n".join(befunde)


def test_freitext_grenzen_und_sofort_stoppen(page: Page, server: Server) -> None:
    """Free text with a count, a stated limit violation and an unknown figure: the form shows what was taken
    over and what was not understood, the result starts with "Sofort stoppen"; both pages axe-clean."""
    befunde: list[str] = []
    page.set_default_timeout(15_000)
    page.goto(f"{server.url}/gefaehrdung")
    page.get_by_label("Beschreibung in eigenen Worten").fill(
        "Wir sind zu zweit. Ein Kollege steigt allein in den Abwasserschacht, 3 m tief. "
        "Dazu 12 Paletten Pflaster."
    )
    page.get_by_role("button", name="Tätigkeiten erkennen").click()
    expect(page.get_by_role("status").first).to_contain_text("Nicht verstanden")
    expect(page.get_by_role("status").first).to_contain_text("12 paletten")
    expect(page.get_by_label("Arbeiten in Schächten, Behältern und engen Räumen")).to_be_checked()
    expect(page.get_by_label("Eine Person arbeitet allein")).to_be_checked()
    _sauber(page, "Formular nach Erkennung", befunde)
    page.get_by_label("Bezeichnung der Baustelle").fill("Schacht Lindenweg")
    page.get_by_label("Voraussichtliche Dauer in Arbeitstagen").fill("2")
    page.get_by_role("button", name="Gefährdungsbeurteilung erstellen").click()
    expect(page.get_by_role("heading", name="Sofort stoppen – so nicht zulässig")).to_be_visible()
    expect(page.locator("#sofort-stoppen")).to_contain_text("ArbStättV Anhang Nr. 5.2 Abs. 5 Buchst. c")
    _sauber(page, "Ergebnis mit Sofort stoppen", befunde)
    assert not befunde, "\n".join(befunde)
