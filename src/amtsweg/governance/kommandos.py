"""``amtsweg governance …``: register, threshold check, report (JSON and PDF/A). Light at import time:
each command imports what it needs when it runs."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

if TYPE_CHECKING:
    from amtsweg.db import Datenbank

app = typer.Typer(help="KI-Governance: Register, Überwachung, Berichte", no_args_is_help=True)


def _datum(text: str, feld: str) -> dt.date:
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        typer.echo(f"Fehler: {feld}: bitte ein Datum wie 2026-11-30 angeben.", err=True)
        raise typer.Exit(code=2) from None


def _datenbank() -> Datenbank:
    from amtsweg.db import Datenbank

    datenbank = Datenbank()
    datenbank.migriere()
    return datenbank


@app.command("register")
def register_zeigen() -> None:
    """Das KI-Register als JSON (Einträge mit Version und Hash der ausgelieferten Modelldateien)."""
    from amtsweg.governance.register import register

    daten = {
        k: {"name": e.name, "klasse": e.ki_verordnung.klasse, "phase": e.phase, "version": e.version,
            "sha256": e.hash(), "pruefung_bis": e.pruefung_bis.isoformat()}
        for k, e in register().items()
    }  # fmt: skip
    typer.echo(json.dumps(daten, ensure_ascii=False, indent=2))


@app.command("pruefen")
def pruefen(tage: Annotated[int, typer.Option(min=1, max=3660, help="Zeitraum bis heute")] = 30) -> None:
    """Schwellen des Registers prüfen; neue Verstöße speichern und protokollieren (Exit 1 bei Verstoß)."""
    from amtsweg.governance import aufsicht, uebersicht
    from amtsweg.governance.register import register

    heute = dt.date.today()
    anfang, ende = uebersicht.grenzen(heute - dt.timedelta(days=tage - 1), heute)
    gefunden = []
    with _datenbank().sitzung() as s:
        for kennung in register():
            gefunden += aufsicht.pruefe(s, kennung, anfang, ende).verstoesse
    for v in gefunden:
        typer.echo(f"WARNUNG {v.kennung}: {v.text}")
    if gefunden:
        raise typer.Exit(code=1)
    typer.echo("Alle Schwellen eingehalten.")


@app.command("bericht")
def bericht(
    von: Annotated[str, typer.Option("--von", help="Erster Tag (JJJJ-MM-TT)")],
    bis: Annotated[str, typer.Option("--bis", help="Letzter Tag (JJJJ-MM-TT), einschließlich")],
    ausgabe: Annotated[Path, typer.Option(help="Dateiname ohne Endung; es entstehen .json und .pdf")] = Path(
        "ki-governance-bericht"
    ),
    anwendungsfall: Annotated[
        list[str] | None, typer.Option(help="Nur diese Anwendungsfälle (mehrfach möglich)")
    ] = None,
    ohne_pdf: Annotated[bool, typer.Option("--ohne-pdf", help="Nur JSON schreiben")] = False,
) -> None:
    """Bericht je KI-Anwendungsfall: Register, Kennzahlen, Verstöße, Abschaltungen (JSON und PDF/A)."""
    from amtsweg.governance import bericht as berichte
    from amtsweg.governance.register import RegisterFehler, eintrag

    anfang, ende = _datum(von, "--von"), _datum(bis, "--bis")
    if anfang > ende:
        typer.echo("Fehler: --von: das Anfangsdatum liegt nach dem Enddatum.", err=True)
        raise typer.Exit(code=2)
    try:
        for kennung in anwendungsfall or []:
            eintrag(kennung)
    except RegisterFehler as fehler:
        typer.echo(f"Fehler: --anwendungsfall: {fehler}", err=True)
        raise typer.Exit(code=2) from None
    with _datenbank().sitzung() as s:
        daten = berichte.erstelle(s, anfang, ende, anwendungsfall or None)
    ausgabe.parent.mkdir(parents=True, exist_ok=True)
    json_datei = ausgabe.with_suffix(".json")
    json_datei.write_text(berichte.als_json(daten), encoding="utf-8")
    typer.echo(f"JSON: {json_datei}")
    if not ohne_pdf:
        pdf_datei = ausgabe.with_suffix(".pdf")
        pdf_datei.write_bytes(berichte.erzeuge_pdf(daten))
        typer.echo(f"PDF/A: {pdf_datei}")
