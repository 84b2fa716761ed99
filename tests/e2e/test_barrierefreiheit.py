"""Accessibility of every page of the procedure, for each role, in a real headless Chromium.

Each page (also its error states, and the queue after an htmx swap) is scanned with axe-core (WCAG 2.1 A/AA:
no serious or critical violation), has exactly one h1 and headings that do not skip levels. Keyboard: the
skip link is the first stop and moves the focus to the content; every link, button and field reached with
Tab shows a visible focus outline. All findings of a test are collected and reported together."""

from __future__ import annotations

import contextlib
import itertools
import json
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from playwright.sync_api import BrowserContext, Page, expect
from playwright.sync_api import TimeoutError as PlaywrightTimeout

from amtsweg.assistant.index import baue_index, index_datei
from amtsweg.assistant.korpus import Quellen
from tests.e2e.conftest import Server, anmelden, axe_pruefen
from tests.e2e.test_ablauf import starte_server, weitere_angaben

ERIKA = "erika@demo.example"
SACHBEARBEITUNG = "sachbearbeitung@demo.example"
TEAMLEITUNG = "teamleitung@demo.example"

SEITE = """# Wohngeldstelle

## Unterlagen für den Wohngeldantrag

Für den Wohngeldantrag brauchen Sie den Mietvertrag, eine Mietbescheinigung und Nachweise über das Einkommen.

## Bewilligungszeitraum

Das Wohngeld wird in der Regel für zwölf Monate bewilligt.
"""


def _korpus(ordner: Path) -> None:
    """A tiny corpus so that the assistant can answer (its content is not under test here)."""
    quellen = ordner / "quellen"
    for name in ("gesetze", "leistungen", "seiten"):
        (quellen / name).mkdir(parents=True)
    (quellen / "seiten" / "wohngeld.md").write_text(SEITE, encoding="utf-8")
    baue_index(Quellen(quellen / "gesetze", quellen / "leistungen", quellen / "seiten"), index_datei(ordner))


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Server]:
    with starte_server(tmp_path_factory, vorbereiten=_korpus) as laufend:
        yield laufend


class Pruefer:
    """Scans pages and collects the findings (so that one run shows all defects)."""

    def __init__(self, page: Page, server: Server) -> None:
        self.page = page
        self.server_url = server.url
        self.befunde: list[str] = []
        self.geprueft: list[str] = []

    def __call__(self, name: str) -> None:
        self.geprueft.append(name)
        # after a click the navigation may still be running: wait for the new page (its h1) to arrive
        self.page.wait_for_load_state("load")
        with contextlib.suppress(PlaywrightTimeout):  # a page without h1 is reported below
            self.page.locator("h1").first.wait_for(state="visible", timeout=5000)
        ueberschriften: list[list[Any]] = self.page.evaluate(
            """() => [...document.querySelectorAll('h1,h2,h3,h4,h5,h6,[role=heading]')]
                  .filter(h => h.getClientRects().length > 0)
                  .map(h => [Number(h.getAttribute('aria-level') || h.tagName.slice(1)),
                             h.textContent.trim().slice(0, 60)])"""
        )
        ebenen = [e for e, _ in ueberschriften]
        if ebenen.count(1) != 1:
            self.befunde.append(f"{name}: {ebenen.count(1)} h1 statt genau einer: {ueberschriften}")
        if ebenen and ebenen[0] != 1:
            self.befunde.append(f"{name}: erste Überschrift ist nicht h1: {ueberschriften[0]}")
        for (vorher, _), (ebene, text) in itertools.pairwise(ueberschriften):
            if ebene > vorher + 1:
                self.befunde.append(f"{name}: Überschrift springt von h{vorher} auf h{ebene} ({text!r})")
        if not self.page.title().strip():
            self.befunde.append(f"{name}: kein Seitentitel")
        for v in axe_pruefen(self.page):
            self.befunde.append(f"{name}: axe {v['impact']} {v['id']} ({v['help']}): {v['ziele']}")

    def seite(self, pfad: str, name: str | None = None, status: int = 200) -> None:
        antwort = self.page.goto(self.server_url + pfad)
        assert antwort is not None and antwort.status == status, f"{pfad}: {antwort and antwort.status}"
        self(name or pfad)

    def bericht(self) -> str:
        return "\n".join(self.befunde)


def _pruefer(page: Page, server: Server) -> Pruefer:
    return Pruefer(page, server)


def _vorgaenge(page: Page, tabelle: str) -> dict[str, str]:
    """Vorgangsnummer -> status text from a table (citizen list or staff queue)."""
    zeilen: list[list[str]] = page.get_by_role("table", name=re.compile(tabelle)).evaluate(
        """t => [...t.tBodies[0].rows].map(r => [...r.cells].map(c => c.textContent.trim()))"""
    )
    return {z[0]: z[3] for z in zeilen}


def _erster(vorgaenge: dict[str, str], status: str) -> str:
    return next(n for n, s in vorgaenge.items() if s.startswith(status))


# --- pages ------------------------------------------------------------------------------------------


def test_oeffentliche_seiten(kontext: BrowserContext, server: Server) -> None:
    page = kontext.new_page()
    pruefe = _pruefer(page, server)
    pruefe.seite("/", "Start")

    pruefe.seite("/anmelden", "Anmelden")
    page.get_by_label("E-Mail-Adresse").fill(ERIKA)
    page.get_by_label("Passwort").fill("falsch-falsch-falsch")
    page.get_by_role("button", name="Anmelden").click()
    expect(page.get_by_text("E-Mail-Adresse oder Passwort ist falsch.")).to_be_visible()
    pruefe("Anmelden mit Fehler")

    pruefe.seite("/registrieren", "Registrieren")
    page.get_by_label("Vor- und Nachname").fill("Kurt Kurz")
    page.get_by_label("E-Mail-Adresse").fill("kurt@beispiel.example")
    page.get_by_label("Passwort").fill("kurz")
    page.get_by_role("button", name="Konto anlegen").click()
    expect(page.get_by_label("Passwort")).to_have_attribute("aria-invalid", "true")
    # the error does not hide the hint (both are read out with the field)
    expect(page.get_by_label("Passwort")).to_have_accessible_description(re.compile("Mindestens 10 Zeichen"))
    pruefe("Registrieren mit Fehler")

    pruefe.seite("/leistungs-check", "Leistungs-Check")
    page.get_by_role("button", name="Unverbindlich prüfen").click()
    expect(page.get_by_role("alert")).to_be_visible()
    pruefe("Leistungs-Check mit Fehlern")
    page.get_by_label("Bruttokaltmiete im Monat (Euro)").fill("520,00")
    page.get_by_label("Stadt oder Gemeinde").fill("Ludwigshafen am Rhein")
    page.get_by_label("Bundesland").select_option(label="Rheinland-Pfalz")
    page.get_by_label("Alter in Jahren (Person 1)").fill("34")
    page.get_by_label("Art des Einkommens (Person 1)").select_option(label="Lohn oder Gehalt")
    page.get_by_label("Einkommen brutto im Monat (Person 1, Euro)").fill("1800,00")
    page.get_by_label("Einkommen netto im Monat (Person 1, Euro)").fill("1350,00")
    page.get_by_role("button", name="Weitere Person hinzufügen").click()
    page.get_by_label("Beziehung zu Ihnen (Person 2)").select_option(label="Kind")
    page.get_by_label("Alter in Jahren (Person 2)").fill("6")
    page.get_by_role("button", name="Unverbindlich prüfen").click()
    expect(page.get_by_role("heading", name="Ergebnis (unverbindlich)")).to_be_visible()
    pruefe("Leistungs-Check Ergebnis")

    pruefe.seite("/assistent", "Assistent")
    page.get_by_role("button", name="Frage stellen").click()
    pruefe("Assistent ohne Frage (Fehler)")
    page.get_by_label("Ihre Frage").fill("Welche Unterlagen brauche ich für den Wohngeldantrag?")
    page.get_by_role("button", name="Frage stellen").click()
    expect(page.get_by_text("Ihre Frage:")).to_be_visible()
    pruefe("Assistent mit Antwort")
    quelle = page.get_by_role("link", name=re.compile("Wohngeldstelle"))
    if quelle.count():
        quelle.first.click()
        pruefe("Assistent Quelle")

    pruefe.seite("/gefaehrdung", "Gefährdungsbeurteilung")
    page.get_by_label("Beschreibung in eigenen Worten").fill(
        "Dachsanierung, Traufhöhe 7 m, Gerüst, 4 Mitarbeiter, 3 Wochen"
    )
    page.get_by_role("button", name="Tätigkeiten erkennen").click()
    expect(page.get_by_role("heading", name="Erkannt – bitte prüfen und bestätigen")).to_be_visible()
    pruefe("Gefährdungsbeurteilung erkannt")
    page.get_by_label("Bezeichnung der Baustelle").fill("Dachsanierung Musterstraße 1")
    page.get_by_label("Voraussichtliche Dauer in Arbeitstagen").fill("15")
    page.get_by_label("Höchstzahl gleichzeitig Beschäftigter").fill("4")
    page.get_by_role("button", name="Gefährdungsbeurteilung erstellen").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Gefährdungsbeurteilung: Dachsanierung")
    pruefe("Gefährdungsbeurteilung Ergebnis")

    pruefe.seite("/gibt-es-nicht", "Fehlerseite 404 (unbekannte Adresse)", status=404)
    assert not pruefe.befunde, pruefe.bericht()


def test_seiten_der_buergerin(kontext: BrowserContext, server: Server) -> None:
    page = kontext.new_page()
    pruefe = _pruefer(page, server)
    anmelden(page, server, ERIKA)
    pruefe("Meine Anträge")
    vorgaenge = _vorgaenge(page, "Ihre Vorgänge")

    page.get_by_role("link", name="Neuer Antrag auf Wohngeld").click()
    pruefe("Neuer Antrag")
    page.get_by_role("button", name="Neuen Antrag beginnen").click()
    weiter = page.get_by_role("button", name="Speichern und weiter", exact=True)
    weiter.click()
    expect(page.get_by_role("alert")).to_contain_text("Bitte prüfen Sie Ihre Angaben")
    pruefe("Antrag Schritt 1 mit Fehlern")
    page.get_by_label("Bruttokaltmiete im Monat (Euro)").fill("470")
    page.get_by_label("Stadt oder Gemeinde der Wohnung").fill("Ludwigshafen am Rhein")
    page.get_by_label("Bundesland").select_option(label="Rheinland-Pfalz")
    pruefe("Antrag Schritt 1")
    weiter.click()
    page.get_by_label("Alter in Jahren (Person 1)").fill("71")
    page.get_by_role("button", name="Weitere Person hinzufügen").click()
    expect(page.get_by_label("Vor- und Nachname (Person 2)")).to_be_visible()
    pruefe("Antrag Schritt 2 mit zwei Personen")
    page.get_by_role("button", name="Person 2 entfernen").click()
    weiter.click()
    page.get_by_label("Art des Einkommens 1 (Person 1)").select_option(label="Rente")
    page.get_by_label("Betrag brutto im Monat, Einkommen 1 (Person 1, Euro)").fill("1300")
    page.get_by_label("Betrag netto im Monat, Einkommen 1 (Person 1, Euro)").fill("1160")
    pruefe("Antrag Schritt 3")
    weiter.click()
    pruefe("Antrag Schritt 4")
    weiter.click()
    expect(page.get_by_role("alert")).to_contain_text("IBAN")
    pruefe("Antrag Schritt 4 mit Fehlern")
    weitere_angaben(page)
    weiter.click()
    zustaendig = page.get_by_label("Zuständige Wohngeldstelle")
    if zustaendig.count():
        zustaendig.select_option(index=1)
    pruefe("Antrag Schritt 5 (Zusammenfassung)")
    page.get_by_role("button", name="Antrag verbindlich absenden").click()
    expect(page.get_by_role("alert")).to_contain_text("Versicherung")
    pruefe("Antrag Schritt 5 ohne Versicherung")
    page.get_by_label("Ich versichere, dass meine Angaben richtig und vollständig sind.").check()
    page.get_by_role("button", name="Antrag verbindlich absenden").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Eingangsbestätigung")
    pruefe("Eingangsbestätigung")
    page.get_by_role("link", name=re.compile("Zum Stand des Antrags")).click()
    pruefe("Status: eingegangen (mit Upload)")
    page.get_by_role("button", name="Hochladen").click()
    expect(page.get_by_label("Datei auswählen")).to_have_attribute("aria-invalid", "true")
    pruefe("Status: Upload ohne Datei")

    pruefe.seite(f"/antraege/{_erster(vorgaenge, 'Unterlagen angefordert')}", "Status: Nachforderung")
    beschieden = _erster(vorgaenge, "Beschieden")
    pruefe.seite(f"/antraege/{beschieden}", "Status: beschieden (Bescheid, Widerspruch)")
    page.get_by_role("button", name="Widerspruch einlegen").click()
    expect(page.get_by_label("Begründung des Widerspruchs")).to_have_attribute("aria-invalid", "true")
    pruefe("Status: Widerspruch ohne Begründung")
    pruefe.seite(f"/antraege/{beschieden}/weiterleistung", "Weiterleistung beantragen")
    pruefe.seite(f"/antraege/{beschieden}/aenderung", "Änderung mitteilen")
    page.get_by_label("Monat der Änderung").select_option(index=1)
    page.get_by_role("button", name="Weiter zu den Angaben").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Änderungsmitteilung zum Wohngeld")
    pruefe("Änderungsmitteilung Schritt 1")
    pruefe.seite(f"/antraege/{_erster(vorgaenge, 'Zur Freigabe')}", "Status: zur Freigabe")
    pruefe.seite("/antraege/WG-1999-999999", "Fehlerseite: fremder oder unbekannter Vorgang", status=404)
    assert not pruefe.befunde, pruefe.bericht()


def test_arbeitsplatz_der_sachbearbeitung(kontext: BrowserContext, server: Server) -> None:
    page = kontext.new_page()
    pruefe = _pruefer(page, server)
    anmelden(page, server, SACHBEARBEITUNG)
    pruefe("Arbeitskorb")
    # the filter swaps the table with htmx; the swapped page is scanned again
    page.get_by_label("Status").select_option(label="Alle")
    expect(page).to_have_url(re.compile("status=alle"))
    expect(page.get_by_role("table", name=re.compile("Vorgänge der Behörde – alle;"))).to_be_visible()
    pruefe("Arbeitskorb gefiltert (htmx)")
    vorgaenge = _vorgaenge(page, "Vorgänge der Behörde")
    pruefe.seite("/arbeit?status=alle&ueberfaellig=1&sortierung=frist", "Arbeitskorb: leere Auswahl")
    pruefe.seite("/arbeit?status=entscheidungsreif", "Arbeitskorb: entscheidungsreif")

    gesehen: set[str] = set()
    for nummer, status in vorgaenge.items():
        art = status.split(" automatisch")[0]
        if art in gesehen:
            continue
        gesehen.add(art)
        pruefe.seite(f"/arbeit/vorgang/{nummer}", f"Vorgang ({art})")

    # an error state: an Ablehnung without reasons is refused with a message at the field
    pruefe.seite(f"/arbeit/vorgang/{_erster(vorgaenge, 'Entscheidungsreif')}", "Vorgang entscheidungsreif")
    page.get_by_label("Ablehnung").check()
    page.get_by_role("button", name="Entscheidung treffen").click()
    expect(page.get_by_role("alert")).to_contain_text("Die Aktion wurde nicht ausgeführt.")
    expect(page.get_by_label("Gründe (eine Zeile je Grund)")).to_have_attribute("aria-invalid", "true")
    pruefe("Vorgang: Entscheidung ohne Gründe")

    pruefe.seite("/arbeit/assistent", "Fachassistent")
    page.get_by_label("Ihre Frage").fill("Für wie lange wird Wohngeld bewilligt?")
    page.get_by_role("button", name="Frage stellen").click()
    pruefe("Fachassistent mit Antwort")
    assert not pruefe.befunde, pruefe.bericht()


def test_seiten_der_teamleitung(kontext: BrowserContext, server: Server) -> None:
    page = kontext.new_page()
    pruefe = _pruefer(page, server)
    anmelden(page, server, TEAMLEITUNG)
    pruefe.seite("/arbeit/uebersicht", "Übersicht")
    pruefe.seite("/arbeit?status=zur_freigabe", "Arbeitskorb: zur Freigabe")
    nummer = next(iter(_vorgaenge(page, "Vorgänge der Behörde")))
    pruefe.seite(f"/arbeit/vorgang/{nummer}", "Vorgang zur Freigabe")
    expect(page.get_by_role("button", name="Freigeben und Bescheid erstellen")).to_be_visible()
    assert not pruefe.befunde, pruefe.bericht()


# --- keyboard ---------------------------------------------------------------------------------------

FOKUS = """() => {
  const e = document.activeElement;
  if (!e || e === document.body) return null;
  const s = getComputedStyle(e);
  const r = e.getBoundingClientRect();
  // the calendar button inside a date field's own (browser) shadow tree draws the browser's focus ring
  const kalender = e.type === 'date' && !e.matches(':focus');
  return {tag: e.tagName, kalender: kalender, id: e.id,
          text: (e.textContent || e.id || '').trim().slice(0, 40),
          outline: s.outlineStyle !== 'none' && parseFloat(s.outlineWidth) >= 2,
          schatten: s.boxShadow !== 'none',
          sichtbar: r.width > 0 && r.height > 0 && r.right > 0 && r.bottom > 0};
}"""


def _tastatur(page: Page, name: str, befunde: list[str], stopps: int = 30) -> None:
    """Skip link first, Enter moves the focus into main; then Tab through the page, focus always visible."""
    page.keyboard.press("Tab")
    erster = page.evaluate(FOKUS)
    if not erster or erster["text"] != "Zum Inhalt springen":
        befunde.append(f"{name}: erster Tab-Stopp ist nicht der Sprunglink: {erster}")
    elif not (erster["sichtbar"] and (erster["outline"] or erster["schatten"])):
        befunde.append(f"{name}: Sprunglink mit Fokus nicht sichtbar: {erster}")
    page.keyboard.press("Enter")
    if page.evaluate("document.activeElement.id") != "inhalt":
        befunde.append(f"{name}: Sprunglink setzt den Fokus nicht auf den Inhalt")
    page.reload()  # start again at the top of the page
    for _ in range(stopps):
        page.keyboard.press("Tab")
        fokus = page.evaluate(FOKUS)
        if fokus is None:
            break
        if not (fokus["outline"] or fokus["schatten"] or fokus["kalender"]):
            befunde.append(f"{name}: Fokus nicht sichtbar auf {json.dumps(fokus, ensure_ascii=False)}")


def test_tastatur_sprunglink_und_fokus(kontext: BrowserContext, server: Server) -> None:
    befunde: list[str] = []
    page = kontext.new_page()
    for pfad in ("/", "/leistungs-check", "/assistent", "/gefaehrdung", "/gibt-es-nicht"):
        page.goto(server.url + pfad)
        _tastatur(page, pfad, befunde)
    anmelden(page, server, ERIKA)
    _tastatur(page, "Meine Anträge", befunde)
    nummer = next(iter(_vorgaenge(page, "Ihre Vorgänge")))
    page.goto(f"{server.url}/antraege/{nummer}")
    _tastatur(page, "Status", befunde, stopps=40)

    arbeit = kontext.browser.new_context(bypass_csp=True, locale="de-DE") if kontext.browser else None
    assert arbeit is not None
    try:
        seite = arbeit.new_page()
        anmelden(seite, server, TEAMLEITUNG)
        _tastatur(seite, "Arbeitskorb", befunde, stopps=40)
        nummer = next(iter(_vorgaenge(seite, "Vorgänge der Behörde")))
        seite.goto(f"{server.url}/arbeit/vorgang/{nummer}")
        _tastatur(seite, "Vorgang", befunde, stopps=40)
        seite.goto(f"{server.url}/arbeit/uebersicht")
        _tastatur(seite, "Übersicht", befunde)
    finally:
        arbeit.close()
    assert not befunde, "\n".join(befunde)
