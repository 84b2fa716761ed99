"""``korpus`` sub-commands: build the synthetic document corpus into data/korpus (git-ignored)."""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import Annotated

import typer

from amtsweg.documents.korpus.generator import erzeuge_korpus
from amtsweg.documents.korpus.modell import HELD_OUT, LAYOUTS

app = typer.Typer(
    name="korpus",
    help="Synthetischer Dokumentkorpus mit Grundwahrheit.",
    no_args_is_help=True,
    add_completion=False,
)


@app.callback()
def korpus() -> None:
    """Synthetischer Dokumentkorpus (Nachweise) mit Grundwahrheit."""


@app.command("layouts")
def layouts() -> None:
    """Layouts je Dokumenttyp anzeigen; ausgehaltene Layouts sind markiert."""
    for typ, liste in LAYOUTS.items():
        teile = [
            f"{lay.id}{' (ausgehalten)' if lay.ausgehalten else ''}: "
            f"{lay.schrift}, {lay.kopf}, {lay.struktur}"
            for lay in liste
        ]
        typer.echo(f"{typ}: " + "; ".join(teile))


@app.command("bauen")
def bauen(
    ordner: Annotated[Path, typer.Option(help="Zielordner")] = Path("data/korpus"),
    n: Annotated[int, typer.Option(help="Dokumente je Typ und Layout (je 3 Varianten)")] = 3,
    seed: Annotated[int, typer.Option(help="Startwert; gleicher Startwert, gleiche Dateien")] = 0,
    alle_varianten: Annotated[bool, typer.Option(help="Alle fünf Varianten statt drei")] = False,
    prozesse: Annotated[int, typer.Option(help="Parallele Prozesse")] = min(2, os.cpu_count() or 1),
) -> None:
    """Korpus erzeugen: Dateien, Grundwahrheit je Dokument, manifest.jsonl und bericht.json."""
    if n < 1:
        typer.echo("Fehler: n muss mindestens 1 sein.", err=True)
        raise typer.Exit(code=2)
    dateien = erzeuge_korpus(ordner, n, seed, alle_varianten=alle_varianten, prozesse=prozesse)
    bericht = json.loads((ordner / "bericht.json").read_text(encoding="utf-8"))
    typer.echo(
        f"{len(dateien)} Dokumente ({bericht['seiten']} Seiten) in {ordner} erzeugt, "
        f"{bericht['sekunden']} s, {bericht['seiten_je_sekunde']} Seiten/s mit {prozesse} Prozess(en)."
    )
    typer.echo(
        "Ausgehaltene Layouts (nie zur Entwicklung verwenden): "
        + ", ".join(f"{typ}/{'+'.join(ids)}" for typ, ids in HELD_OUT.items())
    )
