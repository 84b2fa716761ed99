"""Session secret and cookie settings: never empty or short, one key for simultaneous starts, Secure cookies
by default."""

from __future__ import annotations

import multiprocessing
from pathlib import Path
from typing import Any

import pytest

from amtsweg.cases.demodaten import Demokonten
from amtsweg.db import Datenbank
from amtsweg.web.einstellungen import Einstellungen, Konfigurationsfehler, _geheimnis


def _starte(ordner: str, schranke: Any, ergebnis: Any) -> None:
    schranke.wait()
    try:
        ergebnis.put(_geheimnis(Path(ordner)))
    except Exception as fehler:  # reported to the test
        ergebnis.put(f"FEHLER {fehler!r}")


def test_gleichzeitige_starts_erhalten_denselben_vollstaendigen_schluessel(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv("AMTSWEG_SECRET_KEY", raising=False)
    monkeypatch.delenv("WEB_CONCURRENCY", raising=False)
    kontext = multiprocessing.get_context("fork")
    for runde in range(12):
        ordner = tmp_path / f"runde{runde}"
        schranke, ergebnis = kontext.Barrier(4), kontext.Queue()
        prozesse = [kontext.Process(target=_starte, args=(str(ordner), schranke, ergebnis)) for _ in range(4)]
        for p in prozesse:
            p.start()
        werte = {ergebnis.get(timeout=30) for _ in prozesse}
        for p in prozesse:
            p.join()
        assert len(werte) == 1, f"round {runde}: different or failed keys {werte}"
        (wert,) = werte
        assert len(wert) >= 32 and wert == (ordner / "secret_key").read_text().strip()
        assert [d.name for d in ordner.iterdir()] == ["secret_key"]  # no leftover drafts


def test_leere_schluesseldatei_wird_abgelehnt(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("AMTSWEG_SECRET_KEY", raising=False)
    (tmp_path / "secret_key").write_text("")
    with pytest.raises(Konfigurationsfehler, match="leer oder zu kurz"):
        Einstellungen(datenordner=tmp_path).mit_geheimnis()


@pytest.mark.parametrize("wert", ["", "   ", "kurz"])
def test_leerer_oder_kurzer_schluessel_aus_der_umgebung_wird_abgelehnt(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, wert: str
) -> None:
    monkeypatch.setenv("AMTSWEG_SECRET_KEY", wert)
    with pytest.raises(Konfigurationsfehler, match="AMTSWEG_SECRET_KEY"):
        Einstellungen(datenordner=tmp_path).mit_geheimnis()
    with pytest.raises(Konfigurationsfehler):
        Einstellungen(datenordner=tmp_path, geheimnis=wert or "x").mit_geheimnis()


def test_mehrere_prozesse_brauchen_einen_ausdruecklichen_schluessel(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv("AMTSWEG_SECRET_KEY", raising=False)
    monkeypatch.setenv("WEB_CONCURRENCY", "4")
    with pytest.raises(Konfigurationsfehler, match="Mehrere Prozesse"):
        Einstellungen(datenordner=tmp_path).mit_geheimnis()
    assert not (tmp_path / "secret_key").exists()
    monkeypatch.setenv("AMTSWEG_SECRET_KEY", "s" * 40)
    assert Einstellungen(datenordner=tmp_path).mit_geheimnis().geheimnis == "s" * 40


def test_cookies_sind_standardmaessig_secure(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("AMTSWEG_SECURE_COOKIES", raising=False)
    assert Einstellungen().sichere_cookies
    monkeypatch.setenv("AMTSWEG_SECURE_COOKIES", "0")
    assert not Einstellungen().sichere_cookies


def test_hsts_bei_secure_cookies_und_no_store_fuer_angemeldete(
    datenbank: Datenbank, demo: Demokonten, tmp_path: Path
) -> None:
    from fastapi.testclient import TestClient

    from amtsweg.web import erstelle_app
    from tests.web.conftest import anmelden

    sicher = Einstellungen(datenordner=tmp_path, geheimnis="h" * 40, sichere_cookies=True)
    antwort = TestClient(erstelle_app(datenbank, sicher), base_url="https://testserver").get("/")
    assert antwort.headers["strict-transport-security"].startswith("max-age=")
    einfach = Einstellungen(datenordner=tmp_path, geheimnis="h" * 40, sichere_cookies=False)
    client = TestClient(erstelle_app(datenbank, einfach))
    assert "strict-transport-security" not in client.get("/").headers
    assert "no-store" not in client.get("/gefaehrdung").headers.get("cache-control", "")
    anmelden(client, "erika@demo.example")
    for pfad in ("/", "/gefaehrdung", "/praevention", "/gefaehrdung/meine"):
        assert client.get(pfad).headers.get("cache-control") == "no-store", pfad
