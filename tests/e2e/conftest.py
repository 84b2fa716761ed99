"""End-to-end fixtures: the real app served by uvicorn on a free localhost port (fresh database with demo
data), and Debian's Chromium driven by Playwright (no browser download), with an axe-core scan helper."""

from __future__ import annotations

import datetime as dt
import socket
import threading
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import uvicorn
from playwright.sync_api import Browser, BrowserContext, Page, sync_playwright

from amtsweg.cases.demodaten import Demokonten, lege_konten_an, lege_vorgaenge_an
from amtsweg.db import Datenbank
from amtsweg.web import erstelle_app
from amtsweg.web.einstellungen import Einstellungen

CHROMIUM = "/usr/bin/chromium"
AXE = Path(__file__).parents[2] / "src" / "amtsweg" / "web" / "static" / "vendor" / "axe" / "axe.min.js"
PASSWORT = "demo-passwort-123"
CHROMIUM_FLAGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--disable-dev-shm-usage",
]


def _freier_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


class Server:
    def __init__(self, datenbank: Datenbank, ordner: Path) -> None:
        self.ordner = ordner
        app = erstelle_app(datenbank, Einstellungen(datenordner=ordner, geheimnis="e2e-" + "g" * 40))
        self.port = _freier_port()
        self.url = f"http://127.0.0.1:{self.port}"
        self.server = uvicorn.Server(
            uvicorn.Config(app, host="127.0.0.1", port=self.port, log_level="warning")
        )
        self.thread = threading.Thread(target=self.server.run, daemon=True)

    def __enter__(self) -> Server:
        self.thread.start()
        for _ in range(200):
            if self.server.started:
                return self
            time.sleep(0.05)
        raise RuntimeError("server did not start")

    def __exit__(self, *_: object) -> None:
        self.server.should_exit = True
        self.thread.join(timeout=10)


@pytest.fixture
def demo_e2e(datenbank: Datenbank) -> Demokonten:
    with datenbank.sitzung() as s:
        konten = lege_konten_an(s, passwort=PASSWORT)
        lege_vorgaenge_an(s, konten, dt.date.today())
        return konten


@pytest.fixture
def server(datenbank: Datenbank, demo_e2e: Demokonten, tmp_path: Path) -> Iterator[Server]:
    with Server(datenbank, tmp_path) as laufend:
        yield laufend


@pytest.fixture(scope="session")
def browser() -> Iterator[Browser]:
    assert Path(CHROMIUM).exists(), "Debian chromium fehlt: bash scripts/setup.sh installiert es"
    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_FLAGS, headless=True)
        yield b
        b.close()


@pytest.fixture
def page(browser: Browser) -> Iterator[Page]:
    # bypass_csp only so that the test can inject axe-core; the app's CSP itself is tested separately
    kontext = browser.new_context(bypass_csp=True, locale="de-DE")
    seite = kontext.new_page()
    yield seite
    kontext.close()


def axe_pruefen(page: Page) -> list[dict[str, Any]]:
    """Run axe-core (WCAG 2.0/2.1 A and AA); return serious and critical violations."""
    page.add_script_tag(path=str(AXE))
    ergebnis = page.evaluate(
        "async () => await axe.run(document, {runOnly: {type: 'tag', values: "
        "['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']}})"
    )
    return [
        {
            "id": v["id"],
            "impact": v["impact"],
            "help": v["help"],
            "ziele": [n["target"] for n in v["nodes"]][:5],
        }
        for v in ergebnis["violations"]
        if v["impact"] in ("serious", "critical")
    ]


@pytest.fixture
def kontext(browser: Browser) -> Iterator[BrowserContext]:
    """A browser context for axe scans: bypass_csp only so that axe-core can be injected (the flow test
    test_ablauf and the switch test in test_leichte_sprache_e2e run under the real CSP)."""
    k = browser.new_context(bypass_csp=True, locale="de-DE")
    k.set_default_timeout(10_000)
    yield k
    k.close()


def anmelden(page: Page, server: Server, email: str) -> None:
    page.goto(f"{server.url}/anmelden")
    page.get_by_label("E-Mail-Adresse").fill(email)
    page.get_by_label("Passwort").fill(PASSWORT)
    page.get_by_role("button", name="Anmelden").click()
    page.wait_for_load_state()
