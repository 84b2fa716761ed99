"""CLI of the Neuberechnung (registered in amtsweg.cli): parse, call the service, write the report."""

from __future__ import annotations

import csv
import datetime as dt
import os
import tempfile
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, NoReturn

import typer

if TYPE_CHECKING:  # the service (and the rules) load only when the command runs
    from amtsweg.neuberechnung.probelauf import Fall, Zusammenfassung

SPALTEN = (
    "vorgang",
    "leistung",
    "behoerde_id",
    "bewilligung_von",
    "bewilligung_bis",
    "alt_cent",
    "neu_cent",
    "differenz_cent",
    "alt_regelwerk_version",
    "neu_regelwerk_version",
    "klasse",
    "grund",
)
BEZEICHNUNG = {
    "unveraendert": "unverändert",
    "hoeher": "höher",
    "niedriger": "niedriger",
    "endet": "endet (kein Anspruch mehr)",
    "fehler": "nicht berechenbar (Prüfung nötig)",
}


def _abbruch(meldung: str) -> NoReturn:
    typer.echo(f"Fehler: {meldung}", err=True)
    raise typer.Exit(code=2)


def _zeile(fall: Fall) -> list[object]:
    return [
        fall.vorgang,
        fall.leistung,
        fall.behoerde_id,
        fall.bewilligung_von.isoformat() if fall.bewilligung_von else "",
        fall.bewilligung_bis.isoformat() if fall.bewilligung_bis else "",
        fall.alt_cent,
        fall.neu_cent,
        fall.differenz_cent,
        fall.alt_regelwerk_version,
        fall.neu_regelwerk_version,
        fall.klasse,
        fall.grund,
    ]


def _euro(cent: int) -> str:
    vorzeichen = "+" if cent > 0 else "-" if cent < 0 else "±"
    euro, rest = divmod(abs(cent), 100)
    return f"{vorzeichen}{euro:,}".replace(",", ".") + f",{rest:02d} €"


def _lauf(
    stichtag: dt.date, leistung: str | None, behoerde: str | None, ausgabe: Path | None
) -> Zusammenfassung:
    from amtsweg.db import Datenbank
    from amtsweg.neuberechnung.probelauf import Zusammenfassung, probelauf

    datenbank = Datenbank()
    datenbank.migriere()
    zusammenfassung = Zusammenfassung(stichtag)
    with datenbank.sitzung() as s:
        faelle = probelauf(s, stichtag, leistung=leistung, behoerde=behoerde)
        if ausgabe is None:
            for fall in faelle:
                zusammenfassung.zaehle(fall)
            s.rollback()  # a Probelauf writes nothing
            return zusammenfassung
        ziel = ausgabe.resolve()
        griff, temporaer = tempfile.mkstemp(prefix=".neuberechnung-", suffix=".csv", dir=ziel.parent)
        try:
            with os.fdopen(griff, "w", encoding="utf-8", newline="") as datei:
                schreiber = csv.writer(datei)
                schreiber.writerow(SPALTEN)
                for fall in faelle:
                    schreiber.writerow(_zeile(fall))
                    zusammenfassung.zaehle(fall)
            os.replace(temporaer, ziel)  # the report appears complete or not at all
        finally:
            if os.path.exists(temporaer):
                os.unlink(temporaer)
        s.rollback()
    return zusammenfassung


def neuberechnung(
    stichtag: Annotated[str, typer.Option(help="Stichtag der Neuberechnung (JJJJ-MM-TT)")],
    leistung: Annotated[str | None, typer.Option(help="Nur diese Leistung (z. B. wohngeld)")] = None,
    behoerde: Annotated[str | None, typer.Option(help="Nur diese Behörde (Schlüssel)")] = None,
    probelauf_: Annotated[
        bool, typer.Option("--probelauf", help="Nur berechnen und berichten, keine Bescheide")
    ] = False,
    ausgabe: Annotated[Path | None, typer.Option(help="CSV-Datei mit einer Zeile je Fall")] = None,
) -> None:
    """Alle am Stichtag laufenden Bewilligungen mit dem dann geltenden Recht neu berechnen (Probelauf)."""
    from amtsweg.neuberechnung.probelauf import KLASSEN, Neuberechnungsfehler

    try:
        tag = dt.date.fromisoformat(stichtag)
    except ValueError:
        _abbruch(f"--stichtag: „{stichtag}“ ist kein Datum im Format JJJJ-MM-TT.")
    if not probelauf_:
        _abbruch(
            "Echte Änderungsbescheide werden noch nicht unterstützt. "
            "Bitte mit --probelauf aufrufen (berechnet und berichtet, ohne Bescheide zu erlassen)."
        )
    if ausgabe is not None and not ausgabe.resolve().parent.is_dir():
        _abbruch(f"--ausgabe: Der Ordner „{ausgabe.resolve().parent}“ existiert nicht.")
    try:
        zusammenfassung = _lauf(tag, leistung, behoerde, ausgabe)
    except Neuberechnungsfehler as fehler:
        _abbruch(str(fehler))
    except OSError as fehler:
        _abbruch(f"--ausgabe: Die Datei kann nicht geschrieben werden ({fehler.__class__.__name__}).")
    typer.echo(f"Probelauf Neuberechnung zum {tag:%d.%m.%Y}: {zusammenfassung.gesamt} laufende Bewilligungen")
    for name in KLASSEN:
        typer.echo(f"  {BEZEICHNUNG[name]:<36} {zusammenfassung.anzahl[name]:>8}")
    typer.echo(f"Änderung je Monat insgesamt: {_euro(zusammenfassung.aenderung_monat_cent)}")
    if ausgabe is not None:
        typer.echo(f"Bericht je Fall: {ausgabe}")
    typer.echo("Es wurden keine Bescheide erlassen und keine Daten geändert.")
