"""Probelauf of the Neuberechnung over N stored running Wohngeld-Bewilligungen.

    PYTHONPATH=src python bench/neuberechnung_probelauf.py --n 5000 [--url postgresql+psycopg://…/db]

Inserts N Vorgänge with Berechnung, Entscheidung and Bescheid (placeholder PDF) decided under the
December 2024 values in bulk into a fresh SQLite file (or the given empty database), then runs the
Probelauf on 2025-01-01 (Wohngeld-Fortschreibung) and prints wall and CPU time, cases per second and the
class counts. Benchmarks print; they do not assert.
"""

from __future__ import annotations

import argparse
import datetime as dt
import hashlib
import tempfile
import time
from pathlib import Path

from sqlalchemy import insert

from amtsweg.cases.demodaten import haushalt, lege_konten_an
from amtsweg.cases.dienste import berechne_leistung
from amtsweg.cases.modelle import Berechnung, Bescheid, Entscheidung, Vorgang
from amtsweg.db import Datenbank
from amtsweg.neuberechnung.probelauf import probelauf, zusammenfassen

ALT = dt.date(2024, 12, 1)


def befuelle(datenbank: Datenbank, n: int) -> None:
    with datenbank.sitzung() as s:
        k = lege_konten_an(s, passwort="bench-passwort-123")
        vorlagen = []
        for miete in range(380, 600, 10):  # a few rent variants, each computed once by the rules
            daten = haushalt(ALT, f"{miete}.00")
            ergebnis, betrag, version = berechne_leistung("wohngeld", daten)
            vorlagen.append((daten, ergebnis, betrag, version))
        pdf = b"%PDF-1.7 placeholder"
        for start in range(0, n, 5000):
            ids = range(start + 1, min(n, start + 5000) + 1)
            wahl = [vorlagen[i % len(vorlagen)] for i in ids]
            s.execute(
                insert(Vorgang),
                [
                    {
                        "id": i,
                        "nummer": f"WG-2024-{i:07d}",
                        "behoerde_id": k.behoerde.id,
                        "antragsteller_id": k.buergerin.id,
                        "leistung": "wohngeld",
                        "status": "beschieden",
                        "daten": v[0],
                    }
                    for i, v in zip(ids, wahl, strict=True)
                ],
            )
            s.execute(
                insert(Berechnung),
                [
                    {
                        "id": i,
                        "vorgang_id": i,
                        "stichtag": ALT,
                        "ergebnis": v[1],
                        "betrag_cent": v[2],
                        "regelwerk_version": v[3],
                        "erstellt_von": "bench",
                    }
                    for i, v in zip(ids, wahl, strict=True)
                ],
            )
            s.execute(
                insert(Entscheidung),
                [
                    {
                        "id": i,
                        "vorgang_id": i,
                        "berechnung_id": i,
                        "art": "bewilligung",
                        "betrag_cent": v[2],
                        "bewilligung_von": ALT,
                        "bewilligung_bis": dt.date(2025, 11, 30),
                        "automatisch": True,
                    }
                    for i, v in zip(ids, wahl, strict=True)
                ],
            )
            s.execute(
                insert(Bescheid),
                [
                    {
                        "vorgang_id": i,
                        "entscheidung_id": i,
                        "datum": ALT,
                        "pdf": pdf,
                        "sha256": hashlib.sha256(pdf).hexdigest(),
                        "automatisch": True,
                    }
                    for i in ids
                ],
            )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--n", type=int, default=5000)
    parser.add_argument("--url", default="")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as ordner:
        url = args.url or f"sqlite:///{Path(ordner) / 'bench.sqlite3'}"
        datenbank = Datenbank(url)
        datenbank.migriere()
        befuelle(datenbank, args.n)
        wand, cpu = time.perf_counter(), time.process_time()
        with datenbank.sitzung() as s:
            summe = zusammenfassen(dt.date(2025, 1, 1), probelauf(s, dt.date(2025, 1, 1)))
        wand, cpu = time.perf_counter() - wand, time.process_time() - cpu
        datenbank.engine.dispose()
    print(f"{summe.gesamt} Fälle in {wand:.2f} s Wand ({cpu:.2f} s CPU): {summe.gesamt / wand:,.0f} Fälle/s")
    print(f"Klassen: {summe.anzahl}; Änderung je Monat: {summe.aenderung_monat_cent} Cent")


if __name__ == "__main__":
    main()
