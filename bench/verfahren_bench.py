"""Procedure benchmark: machine time from submission to Bescheid, and p95 page times of the staff queue and
the Vorgang view with many Vorgänge (PostgreSQL). Prints; never asserts.

    .venv/bin/python bench/verfahren_bench.py --durchlaeufe 20
    AMTSWEG_BENCH_PG=postgresql+psycopg://postgres@127.0.0.1:5432/test \
        .venv/bin/python bench/verfahren_bench.py --vorgaenge 100000
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import statistics
import tempfile
import time
import uuid
from pathlib import Path

from sqlalchemy import create_engine, insert, text
from sqlalchemy.engine import make_url

from amtsweg.cases import dienste, entscheidung
from amtsweg.cases.demodaten import Demokonten, haushalt, lege_konten_an
from amtsweg.cases.modelle import Vorgang
from amtsweg.db import Datenbank


def neue_datenbank(url: str | None) -> Datenbank:
    if url:
        name = f"amtsweg_bench_{uuid.uuid4().hex[:8]}"
        with create_engine(url, isolation_level="AUTOCOMMIT").connect() as v:
            v.execute(text(f'CREATE DATABASE "{name}"'))
        db = Datenbank(make_url(url).set(database=name).render_as_string(hide_password=False))
    else:
        db = Datenbank(f"sqlite:///{tempfile.mkdtemp()}/bench.sqlite3")
    db.migriere()
    return db


def antrag_bis_bescheid(db: Datenbank, k: Demokonten, durchlaeufe: int) -> dict[str, float]:
    tag = dt.date.today().replace(day=1)
    manuell, automatisch = [], []
    for _ in range(durchlaeufe):
        start = time.perf_counter()
        with db.sitzung() as s:
            v = dienste.antrag_einreichen(s, k.buergerin, k.behoerde, "wohngeld", haushalt(tag))
            dienste.berechnen(s, k.sachbearbeitung, v)
            entscheidung.entscheiden(s, k.sachbearbeitung, v, "bewilligung")
            assert v.status == "beschieden"
        manuell.append(time.perf_counter() - start)
        start = time.perf_counter()
        with db.sitzung() as s:
            w = dienste.antrag_einreichen(
                s,
                k.buergerin,
                k.behoerde,
                "wohngeld",
                haushalt(tag),
                art="weiterleistung",
                vorgaenger=s.get_one(Vorgang, v.id),
            )
            assert w.status == "beschieden" and w.automatisch
        automatisch.append(time.perf_counter() - start)
    return {
        "manuell_median_s": statistics.median(manuell),
        "automatisch_median_s": statistics.median(automatisch),
        "manuell_max_s": max(manuell),
        "automatisch_max_s": max(automatisch),
    }


def fuelle(db: Datenbank, k: Demokonten, anzahl: int) -> None:
    """Bulk-insert Vorgänge (no rules run: this measures reading, not writing)."""
    daten = haushalt(dt.date.today().replace(day=1))
    stati = [
        "eingegangen",
        "unvollstaendig",
        "in_pruefung",
        "entscheidungsreif",
        "zur_freigabe",
        "beschieden",
    ]
    jetzt = dt.datetime.now(dt.UTC)
    with db.engine.begin() as v:
        for block in range(0, anzahl, 10_000):
            v.execute(
                insert(Vorgang),
                [
                    {
                        "nummer": f"WG-B-{i:07d}",
                        "behoerde_id": k.behoerde.id,
                        "antragsteller_id": k.buergerin.id,
                        "leistung": "wohngeld",
                        "art": "erstantrag",
                        "status": stati[i % len(stati)],
                        "daten": daten,
                        "eingegangen_am": jetzt - dt.timedelta(minutes=i),
                        "frist": (jetzt + dt.timedelta(days=i % 60)).date(),
                        "automatisch": False,
                        "pruefgruende": [],
                        "bemerkung": "",
                        "aktualisiert_am": jetzt,
                    }
                    for i in range(block, min(anzahl, block + 10_000))
                ],
            )


def seitenzeiten(db: Datenbank, wiederholungen: int) -> dict[str, float]:
    import re

    from fastapi.testclient import TestClient

    from amtsweg.web import erstelle_app
    from amtsweg.web.einstellungen import Einstellungen

    app = erstelle_app(db, Einstellungen(datenordner=Path(tempfile.mkdtemp()), geheimnis="b" * 40))
    client = TestClient(app)
    token = re.search(r'name="csrf_token" value="([^"]+)"', client.get("/anmelden").text)
    assert token is not None
    daten = {
        "email": "sachbearbeitung@demo.example",
        "passwort": "demo-passwort-123",
        "csrf_token": token.group(1),
    }
    assert client.post("/anmelden", data=daten, follow_redirects=False).status_code == 303
    ergebnis = {}
    for name, pfad in (
        ("arbeitskorb", "/arbeit"),
        ("arbeitskorb_gefiltert", "/arbeit?status=in_pruefung"),
        ("vorgang", "/arbeit/vorgang/WG-B-0050000"),
    ):
        zeiten = []
        for _ in range(wiederholungen):
            start = time.perf_counter()
            antwort = client.get(pfad)
            zeiten.append(time.perf_counter() - start)
            assert antwort.status_code == 200, (pfad, antwort.status_code)
        zeiten.sort()
        ergebnis[f"{name}_p95_ms"] = 1000 * zeiten[int(0.95 * (len(zeiten) - 1))]
        ergebnis[f"{name}_median_ms"] = 1000 * statistics.median(zeiten)
    return ergebnis


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--durchlaeufe", type=int, default=20)
    parser.add_argument("--vorgaenge", type=int, default=100_000)
    parser.add_argument("--wiederholungen", type=int, default=100)
    args = parser.parse_args()
    pg = os.environ.get("AMTSWEG_BENCH_PG")
    for name, url in (("SQLite", None), ("PostgreSQL", pg)):
        if name == "PostgreSQL" and not url:
            continue
        db = neue_datenbank(url)
        with db.sitzung() as s:
            konten = lege_konten_an(s, passwort="demo-passwort-123")
        print(f"{name}: Antrag bis Bescheid", antrag_bis_bescheid(db, konten, args.durchlaeufe))
        if name == "PostgreSQL":
            fuelle(db, konten, args.vorgaenge)
            print(
                f"{name}: Seitenzeiten bei {args.vorgaenge} Vorgängen", seitenzeiten(db, args.wiederholungen)
            )


if __name__ == "__main__":
    main()
