"""CLI: ``amtsweg index`` (build the corpus index incrementally) and ``amtsweg frage "…"``."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Annotated

import typer
from rich.progress import Progress

from amtsweg.assistant.dienst import KeinIndex, frage_stellen
from amtsweg.assistant.index import baue_index, index_datei
from amtsweg.assistant.korpus import Quellen

app = typer.Typer(help="Bürger- und Fachassistent mit Quellenangaben")


@app.command("index")
def index(
    daten: Annotated[
        Path | None, typer.Option(help="Datenordner (Standard: AMTSWEG_DATA_DIR oder ./data)")
    ] = None,
    seiten: Annotated[Path | None, typer.Option(help="Ordner mit eigenen Seiten (Markdown/HTML)")] = None,
) -> None:
    """Baut den Suchindex auf (nur geänderte Quelldateien werden neu gelesen)."""
    quellen = Quellen.standard()
    if seiten is not None:
        quellen = Quellen(quellen.gesetze, quellen.leistungen, seiten, quellen.gesetz_auswahl)
    dateien = quellen.dateien()
    if not dateien:
        typer.echo("Keine Quelldateien gefunden.", err=True)
        raise typer.Exit(1)
    with Progress() as fortschritt:
        aufgabe = fortschritt.add_task("Index", total=len(dateien))
        ergebnis = baue_index(quellen, index_datei(daten), lambda _: fortschritt.advance(aufgabe))
    typer.echo(
        f"{ergebnis.abschnitte} Abschnitte; {ergebnis.neu} Dateien neu gelesen, "
        f"{ergebnis.unveraendert} unverändert, {ergebnis.entfernt} entfernt."
    )


@app.command("frage")
def frage(
    text: Annotated[str, typer.Argument(help="Ihre Frage")],
    daten: Annotated[Path | None, typer.Option(help="Datenordner")] = None,
    als_json: Annotated[bool, typer.Option("--json", help="Antwort als JSON")] = False,
) -> None:
    """Beantwortet eine Frage aus Gesetzen und Leistungsbeschreibungen, mit Quellen."""
    try:
        antwort = frage_stellen(text, kanal="cli", datenordner=daten)
    except KeinIndex as fehler:
        typer.echo(str(fehler), err=True)
        raise typer.Exit(2) from fehler
    if als_json:
        typer.echo(json.dumps(antwort.als_dict(), ensure_ascii=False, indent=2))
        return
    typer.echo(antwort.hinweis + "\n")
    if antwort.status != "antwort":
        typer.echo(antwort.meldung)
        typer.echo(antwort.kontakt)
        return
    for satz in antwort.saetze:
        typer.echo(f"- {satz.text} [{satz.beleg.zitat}]")
