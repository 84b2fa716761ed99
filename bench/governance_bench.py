"""Governance at scale (issue 17): report over 100 000 Vorgänge and page latency, on PostgreSQL.

Seeds a fresh database with N Vorgänge (every second one with a read document of 6 decided proposals,
a tenth automatic), then times ``bericht.erstelle`` (all use cases, JSON) and the PDF, and the governance
pages through the ASGI app (TestClient, 30 requests each, p95). Prints wall and CPU time and the load.
  AMTSWEG_DATABASE_URL=postgresql+psycopg://postgres@127.0.0.1:5432/test \
    .venv/bin/python bench/governance_bench.py [--vorgaenge 100000]
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import statistics
import time
import uuid

from sqlalchemy import create_engine, insert, select, text
from sqlalchemy.engine import make_url

from amtsweg.cases.demodaten import haushalt, lege_konten_an
from amtsweg.cases.modelle import Dokument, Vorgang
from amtsweg.db import Datenbank
from amtsweg.documents.modelle import Dokumentauswertung, Feldvorschlag

FELDER = ("kaltmiete", "nebenkosten", "heizkosten", "wohnflaeche", "mietbeginn", "vermieter")
STATI = ("bestaetigt",) * 8 + ("korrigiert", "abgelehnt")


def _neue_datenbank(basis_url: str) -> tuple[Datenbank, str]:
    basis = make_url(basis_url)
    name = f"amtsweg_bench_{uuid.uuid4().hex[:8]}"
    with create_engine(basis, isolation_level="AUTOCOMMIT").connect() as v:
        v.execute(text(f'CREATE DATABASE "{name}"'))
    db = Datenbank(basis.set(database=name).render_as_string(hide_password=False))
    db.migriere()
    return db, name


def saeen(db: Datenbank, n: int, start: dt.datetime) -> None:
    with db.sitzung() as s:
        k = lege_konten_an(s, "bench-passwort-123")
        behoerde, buergerin, sb = k.behoerde.id, k.buergerin.id, k.sachbearbeitung.id
    daten = haushalt(dt.date(2026, 1, 1))
    block = 10_000
    with db.engine.begin() as c:
        for anfang in range(0, n, block):
            zeilen = [
                {
                    "nummer": f"WG-B-{i:07d}",
                    "behoerde_id": behoerde,
                    "antragsteller_id": buergerin,
                    "leistung": "wohngeld",
                    "art": "weiterleistung" if i % 10 == 0 else "erstantrag",
                    "status": "in_pruefung",
                    "daten": daten,
                    "automatisch": i % 10 == 0,
                    "pruefgruende": []
                    if i % 10 == 0
                    else ["Ein Erstantrag wird immer von einer Person geprüft."],
                    "bemerkung": "",
                    "eingegangen_am": start + dt.timedelta(minutes=i),
                }
                for i in range(anfang, min(n, anfang + block))
            ]
            c.execute(insert(Vorgang), zeilen)
        ids = [r[0] for r in c.execute(select(Vorgang.id).where(Vorgang.id % 2 == 0).order_by(Vorgang.id))]
        for anfang in range(0, len(ids), block):
            teil = ids[anfang : anfang + block]
            c.execute(
                insert(Dokument),
                [
                    {
                        "vorgang_id": v,
                        "dateiname": "m.pdf",
                        "mime": "application/pdf",
                        "groesse": 1,
                        "sha256": "0" * 64,
                        "speicherort": "x",
                        "art": "nachweis",
                        "hochgeladen_von_id": buergerin,
                        "hochgeladen_am": start,
                    }
                    for v in teil
                ],
            )
        dok = [r[0] for r in c.execute(select(Dokument.id).order_by(Dokument.id))]
        for anfang in range(0, len(dok), block):
            teil = dok[anfang : anfang + block]
            c.execute(
                insert(Dokumentauswertung),
                [
                    {
                        "dokument_id": d,
                        "typ": "mietbescheinigung",
                        "konfidenz": 0.9,
                        "verteilung": {},
                        "seiten": 1,
                        "quelle": "ocr" if d % 3 == 0 else "text",
                        "dauer_ms": 10,
                        "modell_version": "dokumente-bench",
                        "erstellt_am": start + dt.timedelta(minutes=2 * j + 2 * anfang),
                    }
                    for j, d in enumerate(teil)
                ],
            )
        auswertungen = c.execute(select(Dokumentauswertung.id, Dokumentauswertung.dokument_id)).all()
        for anfang in range(0, len(auswertungen), block):
            zeilen = []
            for a, d in auswertungen[anfang : anfang + block]:
                for j, feld in enumerate(FELDER):
                    zeilen.append(
                        {
                            "auswertung_id": a,
                            "dokument_id": d,
                            "feld": feld,
                            "wert": "1",
                            "text": "1",
                            "seite": 1,
                            "zeile": "1",
                            "spanne": [0, 1],
                            "konfidenz": 0.5 + (a * 7 + j) % 50 / 100,
                            "status": STATI[(a + j) % len(STATI)],
                            "entschieden_von_id": sb,
                            "entschieden_am": start + dt.timedelta(minutes=2 * a + 30, seconds=j * 20),
                        }
                    )
            c.execute(insert(Feldvorschlag), zeilen)


def main() -> None:
    argumente = argparse.ArgumentParser()
    argumente.add_argument("--vorgaenge", type=int, default=100_000)
    argumente.add_argument("--anfragen", type=int, default=30)
    a = argumente.parse_args()
    url = os.environ.get("AMTSWEG_DATABASE_URL", "")
    if not url.startswith("postgresql"):
        raise SystemExit("AMTSWEG_DATABASE_URL must point at PostgreSQL")
    db, name = _neue_datenbank(url)
    start = dt.datetime(2026, 1, 1, tzinfo=dt.UTC)
    t = time.perf_counter()
    saeen(db, a.vorgaenge, start)
    with db.engine.connect().execution_options(isolation_level="AUTOCOMMIT") as c:
        c.execute(text("ANALYZE"))  # planner statistics after the bulk load (autovacuum would collect them)
        anzahl = {
            t: c.execute(text(f"select count(*) from {t}")).scalar() for t in ("vorgang", "feldvorschlag")
        }
    print(
        f"seeded {anzahl} in {time.perf_counter() - t:.1f} s; load {os.getloadavg()}; cores {os.cpu_count()}"
    )

    from amtsweg.governance import bericht

    von, bis = start.date(), dt.date(2026, 12, 31)
    for lauf in range(2):
        w, p = time.perf_counter(), time.process_time()
        with db.sitzung() as s:
            daten = bericht.erstelle(s, von, bis)
        json_text = bericht.als_json(daten)
        w, p = time.perf_counter() - w, time.process_time() - p
        print(
            f"report JSON (all use cases) run {lauf + 1}: wall {w:.2f} s, CPU {p:.2f} s, "
            f"{len(json_text)} bytes"
        )
    w, p = time.perf_counter(), time.process_time()
    pdf = bericht.erzeuge_pdf(daten)
    print(
        f"report PDF/A: wall {time.perf_counter() - w:.2f} s, CPU {time.process_time() - p:.2f} s, "
        f"{len(pdf)} bytes"
    )

    from fastapi.testclient import TestClient

    from amtsweg.web import erstelle_app
    from amtsweg.web.einstellungen import Einstellungen

    client = TestClient(erstelle_app(db, Einstellungen(geheimnis="bench-" + "x" * 40)))
    seite = client.get("/anmelden").text
    token = seite.split('name="csrf_token" value="')[1].split('"')[0]
    client.post(
        "/anmelden",
        data={"email": "teamleitung@demo.example", "passwort": "bench-passwort-123", "csrf_token": token},
    )
    zeitraum = "?von=2026-01-01&bis=2026-12-31"
    for pfad in (
        "/ki-einsatz",
        "/governance",
        f"/governance/automatisierung{zeitraum}",
        f"/governance/dokumente{zeitraum}",
    ):
        zeiten = []
        for _ in range(a.anfragen):
            w = time.perf_counter()
            assert client.get(pfad).status_code == 200
            zeiten.append((time.perf_counter() - w) * 1000)
        zeiten.sort()
        p95 = zeiten[int(0.95 * (len(zeiten) - 1))]
        print(f"GET {pfad}: median {statistics.median(zeiten):.0f} ms, p95 {p95:.0f} ms (n = {len(zeiten)})")
    db.engine.dispose()
    with create_engine(make_url(url), isolation_level="AUTOCOMMIT").connect() as v:
        v.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))


if __name__ == "__main__":
    main()
