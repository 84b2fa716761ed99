"""Staff queue / API list at N Vorgänge on PostgreSQL: keyset pages and capped count vs. OFFSET + COUNT.

Creates a throw-away database next to the one in AMTSWEG_DATABASE_URL, migrates it, fills N Vorgänge
(two authorities 80/20, most older Vorgänge closed, ties in arrival time and deadline, a third without
deadline), times the service ``abfragen.arbeitskorb`` (one client, warm cache, wall time per call incl.
all its queries) and records the EXPLAIN ANALYZE plans of the SQL one call issues. Markdown on stdout.

    AMTSWEG_DATABASE_URL=postgresql+psycopg://postgres@127.0.0.1:5432/test \\
        python bench/listen_bench.py --anzahl 100000 > docs/benchmarks/listen.md
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import platform
import statistics
import time
import uuid
from typing import Any

from sqlalchemy import create_engine, event, func, select, text
from sqlalchemy.engine import make_url

from amtsweg.cases import abfragen, arbeitskorb, blaettern
from amtsweg.cases.demodaten import lege_konten_an
from amtsweg.cases.modelle import Vorgang
from amtsweg.cases.status import OFFEN
from amtsweg.db import Datenbank

HEUTE = dt.date(2026, 12, 5)
FUELLEN = """
INSERT INTO vorgang (nummer, behoerde_id, antragsteller_id, leistung, art, status, daten, eingegangen_am,
                     frist, automatisch, pruefgruende, bemerkung, angaben, aktualisiert_am)
SELECT 'WG-B-' || g, CASE WHEN g % 5 = 0 THEN :andere ELSE :behoerde END, :buerger, 'wohngeld', 'erstantrag',
       CASE WHEN (g::bigint * 7919 % 1000) < 900 - 800 * g::bigint / :n
            THEN (ARRAY['beschieden', 'abgeschlossen'])[1 + g % 2]
            ELSE (ARRAY['eingegangen', 'unvollstaendig', 'in_pruefung', 'entscheidungsreif', 'zur_freigabe',
                        'widerspruch'])[1 + (g / 7) % 6] END,
       '{}', timestamptz '2022-01-01 08:00+00' + (g / 3) * interval '20 minutes',
       CASE WHEN g % 3 = 0 THEN NULL ELSE date '2026-11-01' + (g % 60) END, false, '[]', '', '{}', now()
FROM generate_series(1, :n) AS g
"""


def tausend(x: int) -> str:
    return f"{x:,}".replace(",", " ")


def zeiten(aufruf: Any, wiederholungen: int) -> tuple[float, float]:
    werte = []
    for _ in range(wiederholungen):
        start = time.perf_counter()
        aufruf()
        werte.append((time.perf_counter() - start) * 1000)
    werte.sort()
    return statistics.median(werte), werte[min(len(werte) - 1, round(0.95 * (len(werte) - 1)))]


def main() -> None:
    teile = argparse.ArgumentParser(description=__doc__)
    teile.add_argument("--anzahl", type=int, default=100_000)
    teile.add_argument("--wiederholungen", type=int, default=30)
    args = teile.parse_args()
    basis = make_url(os.environ["AMTSWEG_DATABASE_URL"])
    name = f"amtsweg_listen_{uuid.uuid4().hex[:8]}"
    verwaltung = create_engine(basis, isolation_level="AUTOCOMMIT")
    with verwaltung.connect() as v:
        v.execute(text(f'CREATE DATABASE "{name}"'))
    db = Datenbank(basis.set(database=name).render_as_string(hide_password=False))
    try:
        lauf(db, args.anzahl, args.wiederholungen)
    finally:
        db.engine.dispose()
        with verwaltung.connect() as v:
            v.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))


def lauf(db: Datenbank, n: int, wdh: int) -> None:
    db.migriere()
    with db.sitzung() as s:
        konten = lege_konten_an(s, passwort="demo-passwort-123")
        s.execute(text(FUELLEN), {"andere": konten.andere_behoerde.id, "behoerde": konten.behoerde.id,
                                  "buerger": konten.buergerin.id, "n": n})  # fmt: skip
    with db.engine.connect().execution_options(isolation_level="AUTOCOMMIT") as v:
        v.execute(text("VACUUM ANALYZE vorgang"))
    with db.sitzung() as s:
        version = s.scalar(text("SHOW server_version"))
        sb = s.merge(konten.sachbearbeitung)
        bid = konten.behoerde.id
        offen = s.scalar(
            select(func.count())
            .select_from(Vorgang)
            .where(Vorgang.behoerde_id == bid, Vorgang.status.in_(OFFEN))
        )

        def tief(sortierung: str, status: str) -> str:
            """A cursor as the list hands it out in the middle of the list (taken once with OFFSET)."""
            position = (offen if status == "offen" else n - n // 5) // 2
            abschnitt = arbeitskorb.ABSCHNITTE[sortierung][0]
            q = select(*abschnitt.schluessel).where(Vorgang.behoerde_id == bid)
            if status == "offen":
                q = q.where(Vorgang.status.in_(OFFEN))
            if abschnitt.bedingung is not None:
                q = q.where(abschnitt.bedingung)
            q = q.order_by(*(k.desc() if abschnitt.absteigend else k for k in abschnitt.schluessel))
            werte = tuple(s.execute(q.offset(position).limit(1)).one())
            return blaettern.kodiere(blaettern.Position(sortierung, blaettern.VORWAERTS, 0, werte))

        faelle = {
            "offen, älteste zuerst, erste Seite": abfragen.Korbfilter(),
            "offen, älteste zuerst, Cursor in der Mitte": abfragen.Korbfilter(cursor=tief("alter", "offen")),
            "offen, Frist zuerst, erste Seite": abfragen.Korbfilter(sortierung="frist"),
            "alle, neueste zuerst, Cursor in der Mitte": abfragen.Korbfilter(
                status="alle", sortierung="neueste", cursor=tief("neueste", "alle")
            ),
            "alle, Seite 2 000 (alt: OFFSET + COUNT)": abfragen.Korbfilter(status="alle", seite=2000),
            "offen, Seite 1 (alt: OFFSET + COUNT)": abfragen.Korbfilter(seite=1),
        }
        print(f"# Staff queue and API list at {tausend(n)} Vorgänge (PostgreSQL)\n")
        print(
            f"Machine: {platform.machine()}, {os.cpu_count()} cores shared with other jobs (load "
            f"{os.getloadavg()[0]:.1f}); PostgreSQL {version}, one client, warm cache. Wall time of one "
            f"`abfragen.arbeitskorb` call (all its queries) in ms over {wdh} calls; 25 rows per page. "
            f"Authority under test: {tausend(n - n // 5)} Vorgänge, {tausend(offen)} open.\n"
        )
        print("| Liste | p50 ms | p95 ms |\n|---|---:|---:|")
        for titel, f in faelle.items():
            p50, p95 = zeiten(lambda f=f: abfragen.arbeitskorb(s, sb, f, HEUTE), wdh)
            print(f"| {titel} | {p50:.1f} | {p95:.1f} |")
        print("\n## Plans (EXPLAIN ANALYZE of every statement of one call)\n")
        for titel in list(faelle)[1:5]:
            print(f"### {titel}\n")
            for sql, plan in plaene(db, s, lambda t=titel: abfragen.arbeitskorb(s, sb, faelle[t], HEUTE)):
                print("```\n" + sql.strip() + "\n---\n" + plan + "\n```\n")


def plaene(db: Datenbank, s: Any, aufruf: Any) -> list[tuple[str, str]]:
    gesehen: list[tuple[str, Any]] = []

    def merke(conn: Any, cursor: Any, sql: str, params: Any, context: Any, executemany: bool) -> None:
        if sql.lstrip().upper().startswith("SELECT"):
            gesehen.append((sql, params))

    event.listen(db.engine, "before_cursor_execute", merke)
    try:
        aufruf()
    finally:
        event.remove(db.engine, "before_cursor_execute", merke)
    roh = s.connection().connection.driver_connection
    ergebnis = []
    for sql, params in gesehen:
        with roh.cursor() as c:
            c.execute("EXPLAIN (ANALYZE, COSTS OFF) " + sql, params)
            ergebnis.append((sql, "\n".join(z[0] for z in c.fetchall())))
    return ergebnis


if __name__ == "__main__":
    main()
