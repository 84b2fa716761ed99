"""CLI for the Gefährdungsbeurteilung assistant (the lead wires ``app`` into amtsweg.cli)."""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Annotated

import typer

from amtsweg.prevention.gefaehrdung.beurteilung import beurteile
from amtsweg.prevention.gefaehrdung.eingabe import baustelle_aus_dict
from amtsweg.prevention.gefaehrdung.erkennung import als_eingabe, erkenne
from amtsweg.prevention.gefaehrdung.wissensbasis import lade_wissensbasis
from amtsweg.rules.engine.fehler import Eingabefehler

app = typer.Typer(help="Gefährdungsbeurteilung für Baustellen.", no_args_is_help=True, add_completion=False)


def _lies(datei: str) -> dict[str, object]:
    text = sys.stdin.read() if datei == "-" else Path(datei).read_text("utf-8")
    daten = json.loads(text)
    if not isinstance(daten, dict):
        raise typer.BadParameter("Die Datei muss ein JSON-Objekt enthalten.")
    return daten


@app.command()
def wissen() -> None:
    """Version der Wissensbasis und die Tätigkeiten mit ihren Gefährdungen."""
    wb = lade_wissensbasis()
    typer.echo(f"Wissensbasis {wb.version}")
    for t in wb.taetigkeiten.values():
        typer.echo(f"- {t.id}: {t.name} ({len(t.gefaehrdungen)} Gefährdungen)")


@app.command()
def erkennen(text: Annotated[str, typer.Argument(help="Beschreibung der Baustelle")]) -> None:
    """Tätigkeiten und Werte aus einem Freitext erkennen (Vorschlag zur Bestätigung)."""
    e = erkenne(text)
    ausgabe = {
        "vorgeschlagen": e.vorgeschlagen,
        "werte": e.werte,
        "schalter": e.schalter,
        "boden": e.boden,
        "nicht_verstanden": e.nicht_verstanden,
        "ohne_treffer": e.ohne_treffer,
        "hinweise": e.hinweise,
        "eingabe": als_eingabe(e),
        "treffer": [
            {"taetigkeit": t.taetigkeit, "woerter": list(t.woerter), "verneint": t.verneint}
            for t in e.treffer
        ],
    }
    typer.echo(json.dumps(ausgabe, ensure_ascii=False, indent=2))


@app.command()
def beurteilen(
    datei: Annotated[str, typer.Argument(help="Baustelle als JSON-Datei, oder - für die Standardeingabe")],
    pdf: Annotated[Path | None, typer.Option(help="Zusätzlich als PDF/A-3u in diese Datei schreiben")] = None,
) -> None:
    """Gefährdungsbeurteilung in sieben Schritten als JSON (und optional als PDF)."""
    try:
        gb = beurteile(baustelle_aus_dict(_lies(datei)))
    except Eingabefehler as f:
        typer.echo(f"Fehler: {f.feld}: {f.meldung}", err=True)
        raise typer.Exit(code=2) from None
    if pdf is not None:
        from amtsweg.prevention.gefaehrdung.pdf import gb_pdf

        pdf.write_bytes(gb_pdf(gb))
    typer.echo(json.dumps(gb.als_dict(), ensure_ascii=False, indent=2))
