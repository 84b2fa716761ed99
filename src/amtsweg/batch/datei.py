"""Files in and out of ``amtsweg batch``: nothing half-written is left behind."""

from __future__ import annotations

import itertools
from pathlib import Path
from typing import Any

import pyarrow as pa
import pyarrow.csv as pacsv
import pyarrow.parquet as pq

from amtsweg.batch.eingabe import BatchFehler, haushalt_starts, lies_tabelle
from amtsweg.batch.rechnen import berechne_tabelle


def schreibe_tabelle(tabelle: pa.Table, pfad: Path) -> None:
    tmp = pfad.with_name(pfad.name + ".tmp")
    if pfad.suffix.lower() == ".parquet":
        pq.write_table(tabelle, tmp)
    elif pfad.suffix.lower() == ".csv":
        pacsv.write_csv(tabelle, tmp)
    else:
        raise BatchFehler(f"Dateiendung {pfad.suffix} wird nicht unterstützt (.parquet oder .csv).")
    tmp.replace(pfad)  # nothing half-written is left behind


def berechne_datei(
    eingabe: Path,
    ausgabe: Path,
    *,
    leistung: str = "wohngeld",
    kdu_grenzen: Any = None,
    blockgroesse: int = 250_000,
    fortschritt: bool = False,
) -> int:
    from rich.progress import Progress

    tabelle = lies_tabelle(eingabe)
    start = haushalt_starts(tabelle)
    grenzen = [*list(range(0, len(start), blockgroesse)), len(start)]
    teile = []
    with Progress(disable=not fortschritt, transient=True) as balken:
        aufgabe = balken.add_task(leistung.capitalize(), total=len(start))
        for von, bis in itertools.pairwise(grenzen):
            zeile_bis = int(start[bis]) if bis < len(start) else tabelle.num_rows
            block = tabelle.slice(int(start[von]), zeile_bis - int(start[von]))
            teile.append(berechne_tabelle(block, lambda n: balken.advance(aufgabe, n), leistung, kdu_grenzen))
    schreibe_tabelle(pa.concat_tables(teile), ausgabe)
    return len(start)
