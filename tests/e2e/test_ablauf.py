"""The whole way from Antrag to Widerspruch in a real headless Chromium, under the app's real CSP.

A new citizen registers, runs the Leistungs-Check, applies for Wohngeld through every step (with one
validation error that must name the field), gets the receipt, uploads a Nachweis and sees the timeline.
Staff finds the Vorgang in the queue, requests a document, the citizen uploads it, staff computes and
decides a Bewilligung above the four-eyes limit, the team lead approves, and the citizen downloads the
Bescheid (PDF with the Vorgangsnummer) and lodges a Widerspruch. One browser context per person; every
control is found by its label or role (what a screen reader user would hear)."""

from __future__ import annotations

import contextlib
import datetime as dt
import io
import re
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from playwright.sync_api import Browser, BrowserContext, Page, expect
from pypdf import PdfReader, PdfWriter

from amtsweg.cases.demodaten import lege_konten_an, lege_vorgaenge_an
from amtsweg.db import Datenbank
from tests.conftest import PG_URL, _neue_pg_datenbank
from tests.e2e.conftest import PASSWORT, Server, anmelden

NAME = "Rita Rentnerin"
EMAIL = "rita.rentnerin@beispiel.example"
SACHBEARBEITUNG = "sachbearbeitung@demo.example"
TEAMLEITUNG = "teamleitung@demo.example"
BEHOERDE = "Stadtverwaltung Ludwigshafen am Rhein – Wohngeldstelle (Demo)"


@contextlib.contextmanager
def starte_server(
    tmp_path_factory: pytest.TempPathFactory, vorbereiten: Callable[[Path], None] | None = None
) -> Iterator[Server]:
    """A server with a fresh database (SQLite, or PostgreSQL when configured) and the demo data;
    ``vorbereiten`` may fill the data folder first (e.g. the assistant's index)."""
    if PG_URL.startswith("postgresql"):
        url, weg = _neue_pg_datenbank()
    else:
        url, weg = f"sqlite:///{tmp_path_factory.mktemp('db') / 'amtsweg.sqlite3'}", (lambda: None)
    datenbank = Datenbank(url)
    try:
        datenbank.migriere()
        with datenbank.sitzung() as s:
            lege_vorgaenge_an(s, lege_konten_an(s, passwort=PASSWORT), dt.date.today())
        ordner = tmp_path_factory.mktemp("daten")
        if vorbereiten:
            vorbereiten(ordner)
        with Server(datenbank, ordner) as laufend:
            yield laufend
    finally:
        datenbank.engine.dispose()
        weg()


@pytest.fixture(scope="module")
def modulserver(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Server]:
    """One server for the whole module (the flow is one test)."""
    with starte_server(tmp_path_factory) as laufend:
        yield laufend


def _pdf_datei(text: str) -> bytes:
    """A small, valid one-page PDF (as a citizen would upload it)."""
    schreiber = PdfWriter()
    schreiber.add_blank_page(width=595, height=842)
    schreiber.add_metadata({"/Title": text})
    puffer = io.BytesIO()
    schreiber.write(puffer)
    return puffer.getvalue()


def _kontext(browser: Browser) -> BrowserContext:
    # no bypass_csp: the whole way must work under the app's strict CSP
    kontext = browser.new_context(locale="de-DE", accept_downloads=True)
    kontext.set_default_timeout(10_000)
    return kontext


def _hochladen(page: Page, dateiname: str) -> None:
    page.get_by_label("Datei auswählen").set_input_files(
        {"name": dateiname, "mimeType": "application/pdf", "buffer": _pdf_datei(dateiname)}
    )
    page.get_by_role("button", name="Hochladen").click()
    expect(page.get_by_role("status")).to_contain_text("Ihr Nachweis wurde hochgeladen")
    expect(page.get_by_role("table", name="Hochgeladene Nachweise")).to_contain_text(dateiname)


def _beschreibung(page: Page, begriff: str) -> str:
    """The value of a term in a description list (dt/dd)."""
    dt_element = page.locator("dt", has_text=re.compile(f"^{re.escape(begriff)}$")).first
    return dt_element.locator("xpath=following-sibling::dd[1]").inner_text().strip()


# --- the citizen's part ----------------------------------------------------------------------------


def _registrieren(page: Page, server: Server) -> None:
    page.goto(server.url + "/")
    page.get_by_role("navigation", name="Hauptnavigation").get_by_role("link", name="Registrieren").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Konto anlegen")
    page.get_by_label("Vor- und Nachname").fill(NAME)
    page.get_by_label("E-Mail-Adresse").fill(EMAIL)
    page.get_by_label("Passwort").fill(PASSWORT)
    page.get_by_label("Straße und Hausnummer").fill("Bismarckstraße 7")
    page.get_by_label("Postleitzahl und Ort").fill("67059 Ludwigshafen am Rhein")
    page.get_by_role("button", name="Konto anlegen").click()
    expect(page).to_have_url(re.compile(r"/antraege$"))
    expect(page.get_by_role("heading", level=1)).to_have_text("Meine Anträge")
    expect(page.get_by_role("button", name=re.compile(f"Abmelden \\({NAME}\\)"))).to_be_visible()


def _leistungs_check(page: Page) -> None:
    page.get_by_role("navigation", name="Hauptnavigation").get_by_role("link", name="Leistungs-Check").click()
    page.get_by_label("Bruttokaltmiete im Monat (Euro)").fill("700,00")
    page.get_by_label("Stadt oder Gemeinde").fill("Ludwigshafen am Rhein")
    page.get_by_label("Bundesland").select_option(label="Rheinland-Pfalz")
    page.get_by_label("Alter in Jahren (Person 1)").fill("71")
    page.get_by_label("Art des Einkommens (Person 1)").select_option(label="Rente")
    page.get_by_label("Einkommen brutto im Monat (Person 1, Euro)").fill("900,00")
    page.get_by_label("Einkommen netto im Monat (Person 1, Euro)").fill("820,00")
    page.get_by_role("button", name="Unverbindlich prüfen").click()
    ergebnis = page.get_by_role("region", name="Ergebnis (unverbindlich)")
    expect(ergebnis).to_be_visible()
    tabelle = ergebnis.get_by_role("table", name=re.compile("^Voraussichtliche Leistungen im Monat"))
    zeile = tabelle.get_by_role("row", name=re.compile("^Wohngeld"))
    expect(zeile).to_contain_text("386,00")
    expect(zeile).to_contain_text("wahrscheinlich")
    expect(page.get_by_text("Unverbindlich, keine Entscheidung.")).to_be_visible()
    ergebnis.get_by_role("link", name="Jetzt Wohngeld online beantragen").click()


def weitere_angaben(page: Page, iban: str = "DE02 1203 0000 0000 2020 51") -> None:
    """Step 4 of the Antrag with the usual answers (one-person household, rented flat)."""
    page.get_by_label(re.compile("^Hat Ihr Haushalt zusammen mehr Vermögen als")).select_option(label="Nein")
    page.get_by_label("Haben Sie oder jemand im Haushalt schon einmal Wohngeld bekommen?").select_option(
        label="Nein"
    )
    page.get_by_label("Name der Vermieterin oder des Vermieters").fill("Wohnbau Rhein GmbH")
    page.get_by_label("Mietbeginn (Monat und Jahr)").fill("04.2021")
    page.get_by_label("Wohnfläche in Quadratmetern").fill("58")
    page.get_by_label(re.compile("^Sind Sie oder jemand im Haushalt mit der Vermieterin")).select_option(
        label="Nein"
    )
    page.get_by_label("Wem gehört das Konto?").select_option(index=1)
    page.get_by_label("IBAN", exact=True).fill(iban)


def _antrag_stellen(page: Page) -> str:
    """All five steps with one validation error; returns the Vorgangsnummer from the receipt."""
    expect(page.get_by_role("heading", level=1)).to_have_text("Neuer Antrag auf Wohngeld")
    page.get_by_role("button", name="Neuen Antrag beginnen").click()

    # step 1, first with an amount that is not one: the error names the field and leads to it
    expect(page.get_by_role("heading", name="Schritt 1 von 5: Wohnung")).to_be_visible()
    expect(page.get_by_role("navigation", name="Schritte des Antrags")).to_be_visible()
    expect(page.get_by_label("Wohnen Sie zur Miete oder im eigenen Haus")).to_have_value("miete")
    miete = page.get_by_label("Bruttokaltmiete im Monat (Euro)")
    miete.fill("sieben hundert")
    page.get_by_label("Stadt oder Gemeinde der Wohnung").fill("Ludwigshafen am Rhein")
    page.get_by_label("Bundesland").select_option(label="Rheinland-Pfalz")
    page.get_by_role("button", name="Speichern und weiter", exact=True).click()
    fehlerliste = page.get_by_role("alert")
    expect(fehlerliste).to_contain_text("Bitte prüfen Sie Ihre Angaben")
    fehlerlink = fehlerliste.get_by_role("link", name=re.compile("Bruttokaltmiete"))
    expect(fehlerlink).to_have_attribute("href", "#wohnung_kosten")
    expect(page).to_have_title(re.compile("^Fehler: "))
    expect(miete).to_have_attribute("aria-invalid", "true")
    expect(miete).to_have_accessible_description(re.compile("Bruttokaltmiete"))
    fehlerlink.click()
    expect(miete).to_be_focused()
    # the other values were kept
    expect(page.get_by_label("Stadt oder Gemeinde der Wohnung")).to_have_value("Ludwigshafen am Rhein")
    miete.fill("700,00")
    # a Köln household: no connected authority is responsible, the portal says where to apply (A-0080)
    gemeinde = page.get_by_label("Stadt oder Gemeinde der Wohnung")
    gemeinde.fill("Köln")
    page.get_by_label("Bundesland").select_option(label="Nordrhein-Westfalen")
    page.get_by_role("button", name="Speichern und weiter", exact=True).click()
    expect(page.get_by_role("alert")).to_contain_text(
        "Für Köln, Stadt (Nordrhein-Westfalen) ist keine Wohngeldbehörde zuständig"
    )
    expect(gemeinde).to_have_attribute("aria-invalid", "true")
    gemeinde.fill("Ludwigshafen am Rhein")
    page.get_by_label("Bundesland").select_option(label="Rheinland-Pfalz")
    page.get_by_role("button", name="Speichern und weiter", exact=True).click()

    # step 2: the applicant is prefilled with the account name
    expect(page.get_by_role("heading", name="Schritt 2 von 5: Haushalt")).to_be_visible()
    expect(page.get_by_label("Vor- und Nachname (Person 1)")).to_have_value(NAME)
    page.get_by_label("Alter in Jahren (Person 1)").fill("71")
    page.get_by_role("button", name="Speichern und weiter", exact=True).click()

    # step 3
    expect(page.get_by_role("heading", name="Schritt 3 von 5: Einkommen")).to_be_visible()
    page.get_by_label("Art des Einkommens 1 (Person 1)").select_option(label="Rente")
    page.get_by_label("Betrag brutto im Monat, Einkommen 1 (Person 1, Euro)").fill("900,00")
    page.get_by_label("Betrag netto im Monat, Einkommen 1 (Person 1, Euro)").fill("820,00")
    page.get_by_label("Beiträge zur Kranken- und Pflegeversicherung (Person 1)").check()
    page.get_by_role("button", name="Speichern und weiter", exact=True).click()

    # step 4: what the official form asks besides household and income; a wrong IBAN names the field
    expect(page.get_by_role("heading", name="Schritt 4 von 5: Weitere Angaben")).to_be_visible()
    weitere_angaben(page, iban="DE03 1203 0000 0000 2020 51")
    page.get_by_label("Bemerkung zu Ihrem Antrag").fill("Die Mietbescheinigung reiche ich nach.")
    page.get_by_role("button", name="Speichern und weiter", exact=True).click()
    expect(page.get_by_role("alert")).to_contain_text("IBAN: Die Prüfziffer der IBAN stimmt nicht")
    expect(page.get_by_label("IBAN", exact=True)).to_have_attribute("aria-invalid", "true")
    page.get_by_label("IBAN", exact=True).fill("DE02 1203 0000 0000 2020 51")
    page.get_by_role("button", name="Speichern und weiter", exact=True).click()

    # step 5: summary, preview, authority, assurance
    expect(page.get_by_role("heading", name="Schritt 5 von 5: Zusammenfassung")).to_be_visible()
    personen = page.get_by_role("table", name="Personen im Haushalt")
    expect(personen).to_contain_text(NAME)
    expect(personen).to_contain_text("Beiträge zur Kranken- und Pflegeversicherung")
    expect(personen).to_contain_text("820,00 € netto")
    expect(page.get_by_text("IBAN DE02 **** **** **** **20 51")).to_be_visible()
    expect(page.get_by_text(f"zuständige Stelle: {BEHOERDE}")).to_be_visible()
    expect(page.get_by_role("note").filter(has_text="voraussichtlich ein Wohngeld")).to_contain_text("386,00")
    zustaendig = page.get_by_label("Zuständige Wohngeldstelle")
    if zustaendig.count():
        zustaendig.select_option(label=BEHOERDE)
    page.get_by_label("Ich versichere, dass meine Angaben richtig und vollständig sind.").check()
    page.get_by_role("button", name="Antrag verbindlich absenden").click()

    expect(page.get_by_role("heading", level=1)).to_have_text("Eingangsbestätigung")
    expect(page.get_by_role("status")).to_contain_text(BEHOERDE)
    nummer = _beschreibung(page, "Vorgangsnummer")
    assert nummer, "the receipt shows the Vorgangsnummer"
    page.get_by_role("link", name=f"Zum Stand des Antrags {nummer}").click()
    return nummer


def _status(page: Page) -> str:
    return _beschreibung(page, "Aktueller Stand")


def _statusseite(page: Page, nummer: str) -> None:
    expect(page.get_by_role("heading", level=1)).to_have_text(f"Antrag {nummer}")
    assert _status(page) == "Eingegangen"
    expect(page.get_by_role("heading", name="Verlauf")).to_be_visible()
    assert page.locator(".amtsweg-zeitachse li").count() >= 1
    _hochladen(page, "Mietvertrag.pdf")
    expect(page.locator(".amtsweg-zeitachse")).not_to_be_empty()


# --- the staff's part ------------------------------------------------------------------------------


def _vorgang_im_korb(page: Page, nummer: str) -> None:
    expect(page.get_by_role("heading", level=1)).to_have_text("Arbeitskorb")
    # the filter swaps the table with htmx (under the CSP); the Vorgang is among the new ones
    page.get_by_label("Status").select_option(label="Eingegangen")
    expect(page).to_have_url(re.compile(r"status=eingegangen"))
    korb = page.get_by_role("table", name=re.compile("Vorgänge der Behörde – Eingegangen"))
    expect(korb).to_be_visible()
    korb.get_by_role("link", name=nummer).click()
    expect(page.get_by_role("heading", level=1)).to_have_text(f"Vorgang {nummer}")
    expect(page.get_by_role("table", name=re.compile("Haushalt"))).to_contain_text("71")
    expect(page.get_by_role("table", name="Eingereichte Unterlagen")).to_contain_text("Mietvertrag.pdf")


def _erledigt(page: Page, text: str) -> None:
    expect(page.get_by_role("status").filter(has_text=text)).to_be_visible()


def _nachfordern(page: Page) -> None:
    aktionen = page.get_by_role("region", name="Aktionen")
    aktionen.get_by_label("Welche Unterlagen fehlen?").fill(
        "Bitte die aktuelle Mietbescheinigung einreichen."
    )
    frist = aktionen.get_by_label("Frist")
    expect(frist).to_have_value((dt.date.today() + dt.timedelta(days=14)).isoformat())
    aktionen.get_by_role("button", name="Nachfordern").click()
    _erledigt(page, "Die Nachforderung wurde gespeichert")
    expect(page.get_by_role("region", name="Offene Prüfungen")).to_contain_text("Mietbescheinigung")


def _berechnen_und_entscheiden(page: Page) -> None:
    expect(page.get_by_role("region", name="Offene Prüfungen")).to_contain_text(
        "Keine offenen Nachforderungen"
    )
    expect(page.get_by_role("table", name="Eingereichte Unterlagen")).to_contain_text("Mietbescheinigung.pdf")
    page.get_by_role("region", name="Aktionen").get_by_role("button", name="Berechnen").click()
    _erledigt(page, "Die Berechnung wurde durchgeführt")
    berechnung = page.get_by_role("region", name="Berechnung")
    expect(berechnung).to_contain_text("386,00")
    expect(berechnung.get_by_role("table", name="Rechenweg mit Rechtsgrundlagen")).to_contain_text(
        "§ 19 Abs. 1 WoGG"
    )

    aktionen = page.get_by_role("region", name="Aktionen")
    aktionen.get_by_role("group", name="Art der Entscheidung").get_by_label("Bewilligung", exact=True).check()
    # the uploaded Nachweis is not read (no worker in this server): without the explicit confirmation the
    # decision is refused, with it (and a reason) it is taken and audited
    expect(aktionen).to_contain_text("Nicht alle Nachweise sind gelesen und geprüft")
    expect(aktionen).to_contain_text("Mietbescheinigung.pdf: wartet auf das Lesen")
    aktionen.get_by_role("button", name="Entscheidung treffen").click()
    expect(page.get_by_role("alert")).to_contain_text("ausdrücklich mit Begründung")
    aktionen = page.get_by_role("region", name="Aktionen")
    aktionen.get_by_role("group", name="Art der Entscheidung").get_by_label("Bewilligung", exact=True).check()
    aktionen.get_by_label("Ich entscheide trotz ungeprüfter Nachweise").check()
    aktionen.get_by_label(re.compile("Begründung, warum die Nachweise")).fill("Miete im Original geprüft.")
    aktionen.get_by_role("button", name="Entscheidung treffen").click()
    _erledigt(page, "der Teamleitung zur Freigabe vorgelegt")
    assert _beschreibung(page, "Status") == "Zur Freigabe"
    # the deciding person cannot approve her own decision
    expect(page.get_by_role("button", name="Freigeben und Bescheid erstellen")).to_have_count(0)


def _freigeben(page: Page, server: Server, nummer: str) -> None:
    page.get_by_role("navigation", name="Hauptnavigation").get_by_role("link", name="Übersicht").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Übersicht")
    page.get_by_role("table", name=re.compile("Vorgänge nach Status")).get_by_role(
        "link", name="Zur Freigabe"
    ).click()
    page.get_by_role("table", name=re.compile("Vorgänge der Behörde")).get_by_role(
        "link", name=nummer
    ).click()
    freigabe = page.get_by_role("region", name="Aktionen")
    expect(freigabe).to_contain_text("Entschieden von Sam Sachbearbeitung: Bewilligung über 386,00")
    freigabe.get_by_role("button", name="Freigeben und Bescheid erstellen").click()
    _erledigt(page, "Die Entscheidung wurde freigegeben und der Bescheid erstellt.")
    expect(
        page.get_by_role("region", name="Entscheidung und Bescheide").get_by_role(
            "link", name=re.compile(r"Bescheid vom .* \(PDF\)")
        )
    ).to_be_visible()


# --- the whole way ---------------------------------------------------------------------------------


def test_vom_antrag_bis_zum_widerspruch(browser: Browser, modulserver: Server, tmp_path: Path) -> None:
    server = modulserver
    buergerin_kontext, sb_kontext, tl_kontext = _kontext(browser), _kontext(browser), _kontext(browser)
    try:
        buergerin = buergerin_kontext.new_page()
        _registrieren(buergerin, server)
        _leistungs_check(buergerin)
        nummer = _antrag_stellen(buergerin)
        _statusseite(buergerin, nummer)

        sb = sb_kontext.new_page()
        anmelden(sb, server, SACHBEARBEITUNG)
        _vorgang_im_korb(sb, nummer)
        _nachfordern(sb)

        # the citizen sees the request and answers it with an upload
        buergerin.reload()
        assert _status(buergerin) == "Unterlagen angefordert"
        angefordert = buergerin.get_by_role("note").filter(has_text="Mietbescheinigung")
        expect(angefordert).to_contain_text((dt.date.today() + dt.timedelta(days=14)).strftime("%d.%m.%Y"))
        _hochladen(buergerin, "Mietbescheinigung.pdf")
        assert _status(buergerin) == "In Prüfung"

        sb.reload()
        _berechnen_und_entscheiden(sb)

        # before the approval the citizen has no Bescheid yet
        buergerin.reload()
        assert _status(buergerin) == "Zur Freigabe"
        expect(buergerin.get_by_role("link", name="Bescheid herunterladen (PDF)")).to_have_count(0)

        tl = tl_kontext.new_page()
        anmelden(tl, server, TEAMLEITUNG)
        _freigeben(tl, server, nummer)

        buergerin.reload()
        assert _status(buergerin) == "Beschieden"
        expect(buergerin.get_by_role("heading", name="Bescheid", exact=True)).to_be_visible()
        with buergerin.expect_download() as laden:
            buergerin.get_by_role("link", name="Bescheid herunterladen (PDF)").click()
        download = laden.value
        assert download.suggested_filename == f"Bescheid-{nummer}.pdf"
        ziel = tmp_path / download.suggested_filename
        download.save_as(ziel)
        inhalt = ziel.read_bytes()
        assert inhalt.startswith(b"%PDF")
        text = "\n".join(s.extract_text() or "" for s in PdfReader(io.BytesIO(inhalt)).pages)
        assert nummer in text.replace("\n", "")
        assert "386" in text
        assert NAME in text
        assert f"Guten Tag {NAME}," in text and "Damen und Herren" not in text
        zahlung = buergerin.get_by_role("heading", name="Zahlung", exact=True)
        expect(zahlung).to_be_visible()
        expect(buergerin.get_by_text("monatlich im Voraus", exact=False).first).to_be_visible()

        # Widerspruch: first without a reason (the error names the field), then with one
        begruendung = buergerin.get_by_label("Begründung des Widerspruchs")
        buergerin.get_by_role("button", name="Widerspruch einlegen").click()
        expect(buergerin.get_by_role("alert")).to_contain_text("Begründung: Bitte begründen Sie")
        expect(begruendung).to_have_attribute("aria-invalid", "true")
        begruendung.fill("Meine Heizkosten sind nicht berücksichtigt worden.")
        buergerin.get_by_role("button", name="Widerspruch einlegen").click()
        expect(buergerin.get_by_role("status")).to_contain_text("Ihr Widerspruch ist eingegangen")
        assert _status(buergerin) == "Widerspruch in Bearbeitung"
        expect(buergerin.get_by_role("button", name="Widerspruch einlegen")).to_have_count(0)

        # staff sees it too
        sb.reload()
        expect(sb.get_by_role("region", name="Entscheidung und Bescheide")).to_contain_text(
            "Meine Heizkosten sind nicht berücksichtigt worden."
        )
        expect(sb.get_by_role("button", name="Vorgang wieder öffnen")).to_be_visible()
    finally:
        for kontext in (buergerin_kontext, sb_kontext, tl_kontext):
            kontext.close()
