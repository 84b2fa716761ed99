"""CLI: ``amtsweg index`` (build the corpus index incrementally), ``amtsweg frage "…"`` and
``amtsweg frage --json --datei FRAGEN.jsonl`` (one result object per input line, index loaded once)."""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Annotated

import typer
from rich.progress import Progress

from amtsweg.assistant.dienst import KEIN_INDEX, KeinIndex, frage_stellen
from amtsweg.assistant.index import baue_index, index_datei, lade_korpus
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


def _stapel_fehler(nr: int, meldung: str) -> dict[str, object]:
    return {"zeile": nr, "status": "fehler", "fehler": f"Zeile {nr}: {meldung}", "antwort": "", "quellen": []}


def beantworte_stapel(zeilen: Iterable[str], datenordner: Path | None) -> Iterator[dict[str, object]]:
    """One result object per input line, in order; a bad line gives an error object for that line only.
    The corpus index is loaded once (cached by ``lade_korpus``)."""
    for nr, zeile in enumerate(zeilen, start=1):
        if not zeile.strip():
            continue
        try:
            eintrag = json.loads(zeile)
        except json.JSONDecodeError:
            yield _stapel_fehler(nr, "kein gültiges JSON.")
            continue
        text = eintrag.get("frage") if isinstance(eintrag, dict) else None
        if not isinstance(text, str) or not text.strip():
            yield _stapel_fehler(nr, "Es fehlt der Schlüssel „frage“ mit einer nicht leeren Frage.")
            continue
        ergebnis = frage_stellen(text, kanal="cli", datenordner=datenordner).als_dict()
        if "id" in eintrag:
            ergebnis = {"id": eintrag["id"], **ergebnis}
        yield ergebnis


@app.command("frage")
def frage(
    text: Annotated[str | None, typer.Argument(help="Ihre Frage")] = None,
    daten: Annotated[Path | None, typer.Option(help="Datenordner")] = None,
    als_json: Annotated[bool, typer.Option("--json", help="Antwort als JSON")] = False,
    datei: Annotated[
        Path | None,
        typer.Option(
            "--datei",
            help="JSONL-Datei: je Zeile ein Objekt mit dem Schlüssel „frage“; "
            "Ausgabe je Zeile ein JSON-Objekt",
        ),
    ] = None,
) -> None:
    """Beantwortet eine Frage aus Gesetzen und Leistungsbeschreibungen, mit Quellen."""
    if (text is None) == (datei is None):
        typer.echo("Bitte geben Sie entweder eine Frage oder --datei FRAGEN.jsonl an.", err=True)
        raise typer.Exit(2)
    try:
        if lade_korpus(index_datei(daten)) is None:
            raise KeinIndex(KEIN_INDEX)
        if datei is not None:
            if not datei.is_file():
                typer.echo(f"Die Datei {datei} gibt es nicht.", err=True)
                raise typer.Exit(2)
            with datei.open(encoding="utf-8", errors="replace") as f:
                for ergebnis in beantworte_stapel(f, daten):
                    typer.echo(json.dumps(ergebnis, ensure_ascii=False))
            return
        assert text is not None
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
    typer.echo(antwort.antwort)
