"""Job queue with several workers: racing planners, claims that count as attempts, fencing of expired
claims, heartbeat renewal, final failures with a German reason, failed jobs visible to operators."""

from __future__ import annotations

import datetime as dt
import threading
import time
from typing import Any

import pytest
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from amtsweg.db import Datenbank, auftraege
from amtsweg.db.auftraege import (
    HANDLER,
    MAX_VERSUCHE,
    Auftrag,
    EndgueltigerFehler,
    beanspruche,
    einreihen,
    fehlgeschlagene,
    fehlschlaege,
    fuehre_aus,
    verlaengere,
)
from amtsweg.governance.audit import Aktion, AuditEreignis, protokolliere


def _protokolliere(s: Session, daten: dict[str, Any]) -> None:
    protokolliere(s, Aktion.erinnerung, akteur="worker", rolle="-", daten=daten)


def _langsam(s: Session, daten: dict[str, Any]) -> None:
    time.sleep(float(daten["sekunden"]))


def _unlesbar(s: Session, daten: dict[str, Any]) -> None:
    raise EndgueltigerFehler("Die Datei ist kein lesbares PDF.")


HANDLER["test_protokoll"] = _protokolliere
HANDLER["test_langsam"] = _langsam
HANDLER["test_unlesbar"] = _unlesbar
SPAETER = dt.timedelta(minutes=11)


def test_gleichzeitiges_planen_desselben_auftrags(datenbank: Datenbank) -> None:
    fehler: list[BaseException] = []
    schranke = threading.Barrier(6)

    def plane() -> None:
        schranke.wait()
        try:
            with datenbank.sitzung() as s:
                einreihen(s, "erinnerungen", "erinnerungen-2026-12-05", {"tag": "2026-12-05"})
        except BaseException as f:  # collected for the assertion
            fehler.append(f)

    faeden = [threading.Thread(target=plane) for _ in range(6)]
    for f in faeden:
        f.start()
    for f in faeden:
        f.join()
    assert not fehler, fehler
    with datenbank.sitzung() as s:
        assert s.scalar(select(func.count()).select_from(Auftrag)) == 1


def test_jeder_anspruch_zaehlt_als_versuch(datenbank: Datenbank) -> None:
    with datenbank.sitzung() as s:
        einreihen(s, "test_protokoll", "absturz")
    zeit = dt.datetime.now(dt.UTC)
    for _ in range(MAX_VERSUCHE):  # each time the worker dies before finishing
        assert beanspruche(datenbank, "w", zeit) is not None
        zeit += SPAETER
    assert beanspruche(datenbank, "w", zeit) is None
    with datenbank.sitzung() as s:
        (auftrag,) = fehlgeschlagene(s)
        assert auftrag.schluessel == "absturz" and "nie beendet" in (auftrag.fehler or "")
        assert "nie beendet" in fehlschlaege(s, ["absturz", "unbekannt"])["absturz"]


def test_abgelaufener_anspruch_schreibt_nichts(datenbank: Datenbank) -> None:
    with datenbank.sitzung() as s:
        einreihen(s, "test_protokoll", "zaun", {"n": 1})
    jetzt = dt.datetime.now(dt.UTC)
    alt = beanspruche(datenbank, "langsamer", jetzt)
    neu = beanspruche(datenbank, "zweiter", jetzt + SPAETER)  # the first claim expired meanwhile
    assert alt is not None and neu is not None and alt.id == neu.id
    assert fuehre_aus(datenbank, alt.id, alt) is False  # fenced: its work is rolled back
    with datenbank.sitzung() as s:
        assert s.scalar(select(func.count()).select_from(AuditEreignis)) == 0
    assert fuehre_aus(datenbank, neu.id, neu) is True
    with datenbank.sitzung() as s:
        assert s.scalar(select(func.count()).select_from(AuditEreignis)) == 1
        assert s.scalars(select(Auftrag.status)).one() == "erledigt"


def test_herzschlag_verlaengert_den_anspruch(datenbank: Datenbank, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(auftraege, "HERZSCHLAG", dt.timedelta(seconds=0.2))
    with datenbank.sitzung() as s:
        einreihen(s, "test_langsam", "lang", {"sekunden": 2.5})
    anspruch = beanspruche(datenbank, "w")
    assert anspruch is not None
    with datenbank.sitzung() as s:
        vorher = s.scalars(select(Auftrag.gesperrt_bis)).one()
    erneuert: list[bool] = []
    original = auftraege.verlaengere
    monkeypatch.setattr(auftraege, "verlaengere", lambda db, a: erneuert.append(original(db, a)) or True)
    assert fuehre_aus(datenbank, anspruch.id, anspruch)
    # renewed while the handler ran (a last beat may land after completion and then finds no open claim)
    assert erneuert and erneuert[0] is True, erneuert
    fremd = auftraege.Anspruch(anspruch.id, "anderer#1", anspruch.versuch)
    assert verlaengere(datenbank, fremd) is False
    assert vorher is not None


def test_endgueltiger_fehler_scheitert_sofort_mit_deutschem_grund(datenbank: Datenbank) -> None:
    with datenbank.sitzung() as s:
        einreihen(s, "test_unlesbar", "pdf-1")
    assert auftraege.arbeite(datenbank) == 1
    with datenbank.sitzung() as s:
        auftrag = s.scalars(select(Auftrag)).one()
        assert auftrag.status == "fehlgeschlagen" and auftrag.versuche == 1
        assert fehlschlaege(s, ["pdf-1"]) == {"pdf-1": "Die Datei ist kein lesbares PDF."}


def test_worker_listet_fehlgeschlagene(datenbank: Datenbank, monkeypatch: pytest.MonkeyPatch) -> None:
    from typer.testing import CliRunner

    from amtsweg.cli import app

    with datenbank.sitzung() as s:
        einreihen(s, "test_unlesbar", "pdf-2")
    auftraege.arbeite(datenbank)
    monkeypatch.setenv("AMTSWEG_DATABASE_URL", datenbank.url)
    ergebnis = CliRunner().invoke(app, ["worker", "--fehlgeschlagen"])
    assert ergebnis.exit_code == 0
    assert "pdf-2" in ergebnis.output and "kein lesbares PDF" in ergebnis.output
    assert "1 fehlgeschlagene Aufträge." in ergebnis.output
