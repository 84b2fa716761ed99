"""Exactly once under kill -9: the worker (``amtsweg fitconnect empfangen --schleife``) is killed mid-run
against the local Zustelldienst in its own process; after a restart every submission is a Vorgang exactly
once and confirmed exactly once."""

from __future__ import annotations

import os
import signal
import time
from pathlib import Path

from sqlalchemy import func, select

from amtsweg.cases.demodaten import lege_konten_an
from amtsweg.cases.modelle import Dokument, Vorgang
from amtsweg.db import Datenbank
from amtsweg.governance.audit import pruefe_kette
from amtsweg.schnittstellen.fitconnect.modelle import Einreichung
from tests.schnittstellen.lauf import Zustelldienst, starte_worker, worker_umgebung

ANZAHL = 20


def _angenommen(db: Datenbank) -> int:
    with db.sitzung() as s:
        return int(s.scalar(select(func.count()).select_from(Einreichung)) or 0)


def test_kill_9_mitten_im_lauf_ohne_verlust_und_ohne_doppel(tmp_path: Path) -> None:
    zd = Zustelldienst(tmp_path)
    try:
        url = f"sqlite:///{tmp_path / 'amtsweg.sqlite3'}"
        db = Datenbank(url)
        db.migriere()
        with db.sitzung() as s:
            lege_konten_an(s, passwort="demo-passwort-123")
        gesendet = zd.sende(ANZAHL)
        umgebung = worker_umgebung(zd, url, tmp_path / "daten")
        protokoll = tmp_path / "worker.log"
        worker = starte_worker(umgebung, protokoll)
        frist = time.monotonic() + 300
        while _angenommen(db) < 4 and time.monotonic() < frist and worker.poll() is None:
            time.sleep(0.05)
        os.kill(worker.pid, signal.SIGKILL)
        worker.wait()
        vor_dem_abbruch = _angenommen(db)
        assert 4 <= vor_dem_abbruch < ANZAHL, (vor_dem_abbruch, protokoll.read_text()[-2000:])
        worker = starte_worker(umgebung, protokoll)
        frist = time.monotonic() + 600
        while zd.status()["status"].get("accepted", 0) < ANZAHL and time.monotonic() < frist:
            assert worker.poll() is None, protokoll.read_text()[-2000:]
            time.sleep(0.5)
        worker.terminate()
        worker.wait(timeout=30)
        status = zd.status()
        assert status["status"] == {"accepted": ANZAHL} and status["ereignisse"] == ANZAHL
        assert status["verstoesse"] == []
        with db.sitzung() as s:
            zeilen = s.scalars(select(Einreichung)).all()
            assert sorted(z.submission_id for z in zeilen) == sorted(g["submissionId"] for g in gesendet)
            assert all(z.bestaetigt_am is not None and z.status == "angenommen" for z in zeilen)
            assert s.scalar(select(func.count()).select_from(Vorgang)) == ANZAHL
            assert s.scalar(select(func.count()).select_from(Dokument)) == 2 * ANZAHL
            assert pruefe_kette(s).in_ordnung
    finally:
        zd.beende()
