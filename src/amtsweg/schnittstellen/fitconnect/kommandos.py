"""``amtsweg fitconnect …``: generate keys, receive submissions (once or as a loop for the worker host)."""

from __future__ import annotations

import json
import time
from pathlib import Path
from typing import Annotated, NoReturn

import typer

app = typer.Typer(help="FIT-Connect: Anträge aus Onlinediensten empfangen", no_args_is_help=True)


def _abbruch(meldung: str) -> NoReturn:
    typer.echo(f"Fehler: {meldung}", err=True)
    raise typer.Exit(code=2)


@app.command("schluessel")
def schluessel(
    ausgabe: Annotated[
        Path, typer.Option(help="Ordner für die Schlüsseldateien (danach in den Secret-Store)")
    ],
    name: Annotated[
        str, typer.Option(help="Name im selbst signierten Zertifikat (nur TEST)")
    ] = "Amtsweg TEST",
) -> None:
    """Zwei RSA-4096-Schlüsselpaare erzeugen: Verschlüsselung (RSA-OAEP-256) und Signatur (PS512)."""
    from amtsweg.schnittstellen.fitconnect.krypto import erzeuge_schluessel, oeffentlich

    ausgabe.mkdir(parents=True, exist_ok=True)
    for zweck in ("verschluesselung", "signatur"):
        privat = erzeuge_schluessel(zweck, name)
        ziel = ausgabe / f"{zweck}.privat.jwk.json"
        ziel.touch(mode=0o600)
        ziel.write_text(json.dumps(privat))
        (ausgabe / f"{zweck}.oeffentlich.jwk.json").write_text(json.dumps(oeffentlich(privat), indent=2))
        typer.echo(f"{zweck}: kid {privat['kid']} -> {ziel} (privat), öffentlicher Schlüssel daneben")


@app.command("empfangen")
def empfangen(
    schleife: Annotated[
        bool, typer.Option("--schleife", help="Dauerhaft abholen (Pause zwischen Abrufen)")
    ] = False,
    pause: Annotated[float, typer.Option(help="Sekunden zwischen zwei Abrufen")] = 300.0,
) -> None:
    """Einreichungen des Zustellpunkts abholen, prüfen, als Vorgang anlegen und quittieren."""
    import httpx

    from amtsweg.db import Datenbank
    from amtsweg.documents.anbindung import verbinde
    from amtsweg.schnittstellen.fitconnect.client import SubmissionClient
    from amtsweg.schnittstellen.fitconnect.einstellungen import Konfigurationsfehler, lade
    from amtsweg.schnittstellen.fitconnect.empfang import empfange

    try:
        einstellungen = lade()
    except Konfigurationsfehler as fehler:
        _abbruch(str(fehler))
    verbinde()  # Nachweise are read like uploads (enqueues the reading jobs)
    datenbank = Datenbank()
    datenbank.migriere()
    with httpx.Client(timeout=30) as http:
        client = SubmissionClient(einstellungen.zugang, http)
        while True:
            ergebnis = empfange(datenbank, client, einstellungen.punkt)
            typer.echo(
                f"angenommen {ergebnis.angenommen}, abgelehnt {ergebnis.abgelehnt}, "
                f"quittiert {ergebnis.bestaetigt}, Fehler {len(ergebnis.fehler)}",
                err=bool(ergebnis.fehler),
            )
            for meldung in ergebnis.fehler[:10]:
                typer.echo(f"  {meldung}", err=True)
            if not schleife:
                raise typer.Exit(code=1 if ergebnis.fehler else 0)
            time.sleep(pause)


@app.command("status")
def status() -> None:
    """Übernommene und abgelehnte Einreichungen; Exit-Code 1, wenn eine Quittung über 2 Tage aussteht."""
    import datetime as dt

    from amtsweg.db import Datenbank
    from amtsweg.schnittstellen.fitconnect.betrieb import lage

    datenbank = Datenbank()
    datenbank.migriere()
    with datenbank.sitzung() as s:
        ergebnis = lage(s, dt.datetime.now(dt.UTC))
    typer.echo(
        f"angenommen {ergebnis.je_status.get('angenommen', 0)}, abgelehnt "
        f"{ergebnis.je_status.get('abgelehnt', 0)}, Quittung ausstehend {ergebnis.unbestaetigt}"
    )
    if ergebnis.ueberfaellig:
        typer.echo(
            f"WARNUNG: {len(ergebnis.ueberfaellig)} Quittungen stehen länger als 2 Tage aus "
            f"(FIT-Connect lehnt nach 14 Tagen ab): {', '.join(ergebnis.ueberfaellig[:10])}",
            err=True,
        )
        raise typer.Exit(code=1)
