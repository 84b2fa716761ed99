"""Database jobs: idempotent enqueueing, claiming, retries with back-off, recovery after a crashed worker,
and no double processing with concurrent workers."""

from __future__ import annotations

import datetime as dt
import threading
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from amtsweg.db import Datenbank
from amtsweg.db.auftraege import (
    HANDLER,
    MAX_VERSUCHE,
    Auftrag,
    arbeite,
    einreihen,
    fuehre_aus,
    hole_naechsten,
)

AUSGEFUEHRT: list[str] = []
SPERRE = threading.Lock()


def _zaehle(s: Session, daten: dict[str, Any]) -> None:
    with SPERRE:
        AUSGEFUEHRT.append(daten["n"])


def _scheitere(s: Session, daten: dict[str, Any]) -> None:
    raise RuntimeError("kaputt")


HANDLER["test_zaehlen"] = _zaehle
HANDLER["test_scheitern"] = _scheitere


def test_einreihen_ist_idempotent_und_arbeit_laeuft(datenbank: Datenbank) -> None:
    AUSGEFUEHRT.clear()
    with datenbank.sitzung() as s:
        a = einreihen(s, "test_zaehlen", "k1", {"n": "1"})
        b = einreihen(s, "test_zaehlen", "k1", {"n": "1"})
        assert a.id == b.id
        einreihen(s, "test_zaehlen", "k2", {"n": "2"})
    assert arbeite(datenbank) == 2
    assert sorted(AUSGEFUEHRT) == ["1", "2"]
    assert arbeite(datenbank) == 0
    with datenbank.sitzung() as s:
        assert {x.status for x in s.scalars(select(Auftrag))} == {"erledigt"}


def test_fehler_wird_wiederholt_und_endet_als_fehlgeschlagen(datenbank: Datenbank) -> None:
    with datenbank.sitzung() as s:
        einreihen(s, "test_scheitern", "f1")
    assert arbeite(datenbank) == 1
    with datenbank.sitzung() as s:
        auftrag = s.scalar(select(Auftrag))
        assert auftrag is not None and auftrag.status == "offen" and "kaputt" in (auftrag.fehler or "")
        nicht_vor = auftrag.nicht_vor
    assert arbeite(datenbank) == 0, "back-off: not due again at once"
    zeit = (nicht_vor if nicht_vor.tzinfo else nicht_vor.replace(tzinfo=dt.UTC)) + dt.timedelta(hours=1)
    for _ in range(MAX_VERSUCHE):
        auftrag_id = hole_naechsten(datenbank, "w", zeit)
        if auftrag_id is None:
            break
        fuehre_aus(datenbank, auftrag_id)
        zeit += dt.timedelta(hours=1)
    with datenbank.sitzung() as s:
        auftrag = s.scalar(select(Auftrag))
        assert auftrag is not None and auftrag.status == "fehlgeschlagen" and auftrag.versuche == MAX_VERSUCHE


def test_abgestuerzter_worker_verliert_keinen_auftrag(datenbank: Datenbank) -> None:
    AUSGEFUEHRT.clear()
    with datenbank.sitzung() as s:
        einreihen(s, "test_zaehlen", "c1", {"n": "c"})
    assert hole_naechsten(datenbank, "abgestuerzt") is not None  # claimed, then the process dies
    assert hole_naechsten(datenbank, "zweiter") is None, "locked while the claim is fresh"
    spaeter = dt.datetime.now(dt.UTC) + dt.timedelta(minutes=11)
    auftrag_id = hole_naechsten(datenbank, "zweiter", spaeter)
    assert auftrag_id is not None
    assert fuehre_aus(datenbank, auftrag_id) and AUSGEFUEHRT == ["c"]


def test_parallele_worker_bearbeiten_jeden_auftrag_einmal(datenbank: Datenbank) -> None:
    AUSGEFUEHRT.clear()
    with datenbank.sitzung() as s:
        for i in range(40):
            einreihen(s, "test_zaehlen", f"p{i}", {"n": str(i)})
    threads = [
        threading.Thread(target=arbeite, args=(datenbank,), kwargs={"arbeiter": f"w{i}"}) for i in range(3)
    ]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert sorted(AUSGEFUEHRT, key=int) == [str(i) for i in range(40)]
