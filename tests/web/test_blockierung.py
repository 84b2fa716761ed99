"""Slow work never blocks the server: while slow requests run, a cheap page still answers at once."""

from __future__ import annotations

import threading
import time
from collections.abc import Callable
from typing import Any

import pytest
from fastapi.testclient import TestClient

from amtsweg.cases import buergerdienste, dienste
from amtsweg.prevention.gefaehrdung import pdf
from amtsweg.web.routen import gefaehrdung
from tests.web.conftest import csrf

LANGSAM = 1.5  # seconds each slow request takes


def _langsam(ergebnis: Any) -> Callable[..., Any]:
    def warte(*_: Any, **__: Any) -> Any:
        time.sleep(LANGSAM)  # synchronous work, as WeasyPrint or OCR intake checks do
        return ergebnis

    return warte


def _schnell_trotz(client: TestClient, langsame: list[Callable[[], Any]]) -> float:
    """Start the slow requests in threads, then time a cheap page (all through one event loop)."""
    faeden = [threading.Thread(target=f) for f in langsame]
    for f in faeden:
        f.start()
    time.sleep(0.3)  # the slow requests are now running
    beginn = time.perf_counter()
    assert client.get("/gefaehrdung").status_code == 200
    dauer = time.perf_counter() - beginn
    for f in faeden:
        f.join()
    return dauer


@pytest.mark.parametrize("pfad", ["/gefaehrdung/pdf", "/gefaehrdung/erkennen", "/gefaehrdung/beurteilung"])
def test_langsame_gefaehrdungsanfragen_blockieren_nichts(
    app_client: Callable[[], TestClient], monkeypatch: pytest.MonkeyPatch, pfad: str
) -> None:
    monkeypatch.setattr(pdf, "gb_pdf", _langsam(b"%PDF-1.7"))
    monkeypatch.setattr(gefaehrdung, "erkenne", _langsam(None))
    monkeypatch.setattr(gefaehrdung, "beurteile", _langsam(None))
    monkeypatch.setattr(gefaehrdung, "baustelle_aus_dict", lambda _: None)
    with app_client() as c:
        token = csrf(c.get("/gefaehrdung").text)
        langsam = [lambda: c.post(pfad, data={"csrf_token": token, "eingabe": "{}"}) for _ in range(2)]
        dauer = _schnell_trotz(c, langsam)
    assert dauer < LANGSAM / 2, f"cheap page took {dauer:.2f} s while {pfad} ran"


def test_langsamer_upload_ueber_die_api_blockiert_nichts(
    als: Callable[[str], TestClient], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(dienste, "lade_vorgang", lambda *_: None)
    monkeypatch.setattr(buergerdienste, "nachweis_hochladen", _langsam(None))
    c = als("erika@demo.example")
    with c:
        token = c.get("/api/v1/csrf").json()["csrf_token"]

        def hochladen() -> None:
            c.post(
                "/api/v1/antraege/WG-2026-000001/dokumente",
                files={"datei": ("a.pdf", b"%PDF-1.4", "application/pdf")},
                headers={"X-CSRF-Token": token},
            )

        dauer = _schnell_trotz(c, [hochladen, hochladen])
    assert dauer < LANGSAM / 2, f"cheap page took {dauer:.2f} s during an upload"
