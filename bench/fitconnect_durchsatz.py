"""FIT-Connect intake benchmark: N real JWE submissions (2 attachments each) through the local Zustelldienst,
received by ``amtsweg fitconnect empfangen --schleife`` in its own process, killed with SIGKILL after a
fraction of the run and restarted. Checks 0 loss and 0 duplicates and prints throughput and CPU time.

    PYTHONPATH=src:. python bench/fitconnect_durchsatz.py --anzahl 1000 --abbruch-bei 0.3

Results: docs/benchmarks/schnittstellen.md.
"""

from __future__ import annotations

import argparse
import os
import signal
import sys
import tempfile
import time
from pathlib import Path

from sqlalchemy import func, select

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from tests.schnittstellen.lauf import Zustelldienst, starte_worker, worker_umgebung

from amtsweg.cases.demodaten import lege_konten_an
from amtsweg.cases.modelle import Dokument, Vorgang
from amtsweg.db import Datenbank
from amtsweg.schnittstellen.fitconnect.modelle import Einreichung


def _anzahl(db: Datenbank) -> int:
    with db.sitzung() as s:
        return int(s.scalar(select(func.count()).select_from(Einreichung)) or 0)


def _cpu(prozess_id: int) -> float:
    _, _, nutzung = os.wait4(prozess_id, 0)
    return float(nutzung.ru_utime + nutzung.ru_stime)


def main() -> int:
    argumente = argparse.ArgumentParser()
    argumente.add_argument("--anzahl", type=int, default=1000)
    argumente.add_argument(
        "--abbruch-bei", type=float, default=0.3, help="kill -9 after this share is taken over"
    )
    a = argumente.parse_args()
    ordner = Path(tempfile.mkdtemp(prefix="fitconnect-bench-"))
    zd = Zustelldienst(ordner)
    try:
        url = f"sqlite:///{ordner / 'amtsweg.sqlite3'}"
        db = Datenbank(url)
        db.migriere()
        with db.sitzung() as s:
            lege_konten_an(s, passwort="demo-passwort-123")
        start = time.perf_counter()
        gesendet = zd.sende(a.anzahl)
        senden = time.perf_counter() - start
        umgebung = worker_umgebung(zd, url, ordner / "daten")
        protokoll = ordner / "worker.log"
        start = time.perf_counter()
        worker = starte_worker(umgebung, protokoll)
        while _anzahl(db) < max(1, int(a.anzahl * a.abbruch_bei)) and worker.poll() is None:
            time.sleep(0.05)
        os.kill(worker.pid, signal.SIGKILL)
        cpu = _cpu(worker.pid)
        beim_abbruch = _anzahl(db)
        worker = starte_worker(umgebung, protokoll)
        while zd.status()["status"].get("accepted", 0) + zd.status()["status"].get("rejected", 0) < a.anzahl:
            if worker.poll() is not None:
                print(protokoll.read_text()[-3000:])
                return 1
            time.sleep(0.5)
        empfangen = time.perf_counter() - start
        worker.terminate()
        cpu += _cpu(worker.pid)
        status = zd.status()
        with db.sitzung() as s:
            ids = list(s.scalars(select(Einreichung.submission_id)))
            vorgaenge = s.scalar(select(func.count()).select_from(Vorgang))
            dokumente = s.scalar(select(func.count()).select_from(Dokument))
            unbestaetigt = s.scalar(
                select(func.count()).select_from(Einreichung).where(Einreichung.bestaetigt_am.is_(None))
            )
        verloren = len({g["submissionId"] for g in gesendet} - set(ids))
        doppelt = len(ids) - len(set(ids)) + (int(vorgaenge or 0) - len(set(ids)))
        print(f"Einreichungen {a.anzahl} (je 2 Anlagen), kill -9 nach {beim_abbruch} übernommenen")
        print(
            f"Zustelldienst: {status['status']}, Ereignisse {status['ereignisse']}, "
            f"OpenAPI-Verstöße {len(status['verstoesse'])}"
        )
        print(
            f"Vorgänge {vorgaenge}, Nachweise {dokumente}, unquittiert {unbestaetigt}, "
            f"verloren {verloren}, doppelt {doppelt}"
        )
        print(f"Senden (Sender, JWE): {senden:.1f} s = {a.anzahl / senden:.1f}/s")
        print(
            f"Empfang inkl. Abbruch und Neustart: {empfangen:.1f} s Wand = {a.anzahl / empfangen:.2f}/s, "
            f"Worker-CPU {cpu:.1f} s = {cpu / a.anzahl * 1000:.0f} ms je Einreichung"
        )
        ok = verloren == 0 and doppelt == 0 and not unbestaetigt and status["ereignisse"] == a.anzahl
        return 0 if ok else 1
    finally:
        zd.beende()


if __name__ == "__main__":
    raise SystemExit(main())
