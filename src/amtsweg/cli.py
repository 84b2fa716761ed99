"""The ``amtsweg`` command line: parse, call a service, map errors (no logic here)."""

from __future__ import annotations

import json
import os
import sys
from enum import StrEnum
from pathlib import Path
from typing import Annotated, Any, NoReturn

import typer

app = typer.Typer(help="Amtsweg – vom Antrag bis zum Bescheid.", no_args_is_help=True, add_completion=False)

BEISPIEL = Path(__file__).parent / "beispiele" / "haushalt_ludwigshafen.json"


class Leistung(StrEnum):
    alle = "alle"
    wohngeld = "wohngeld"
    grundsicherung = "grundsicherung"
    kinderzuschlag = "kinderzuschlag"
    kindergeld = "kindergeld"
    vorrang = "vorrang"


def _abbruch(meldung: str) -> NoReturn:
    typer.echo(f"Fehler: {meldung}", err=True)
    raise typer.Exit(code=2)


def _lies_json(datei: str) -> Any:
    try:
        text = sys.stdin.read() if datei == "-" else Path(datei).read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as fehler:
        _abbruch(f"Die Datei „{datei}“ kann nicht gelesen werden ({fehler.__class__.__name__}).")
    try:
        return json.loads(text)
    except json.JSONDecodeError as fehler:
        stelle = f"Zeile {fehler.lineno}, Spalte {fehler.colno}"
        _abbruch(f"Die Eingabe ist kein gültiges JSON ({stelle}: {fehler.msg}).")


def _kdu_tabelle(pfad: Path | None) -> Any:
    if pfad is None:
        return None
    from amtsweg.rules.engine.fehler import RegelwerkFehler
    from amtsweg.rules.grundsicherung import lade_kdu_tabelle

    try:
        return lade_kdu_tabelle(pfad)
    except (OSError, RegelwerkFehler) as fehler:
        _abbruch(f"--kdu-tabelle: {fehler}")


def _berechne(leistung: Leistung, daten: Any, kdu_tabelle: Path | None = None) -> dict[str, Any]:
    from amtsweg.rules.engine.fehler import Eingabefehler, ParameterFehler, RegelwerkFehler

    if leistung is Leistung.wohngeld:  # keeps the single-benefit path light (no SGB II import)
        from amtsweg.rules.wohngeld import berechne_wohngeld as rechner

        def rechne() -> dict[str, Any]:
            return rechner(daten)
    else:
        from amtsweg.rules.vorrang import berechne as alle

        tabelle = _kdu_tabelle(kdu_tabelle)

        def rechne() -> dict[str, Any]:
            return alle(daten, leistung.value, tabelle)

    try:
        return rechne()
    except Eingabefehler as fehler:
        _abbruch(f"{fehler.feld}: {fehler.meldung}")
    except ParameterFehler as fehler:
        _abbruch(f"stichtag: {fehler}")
    except RegelwerkFehler as fehler:
        _abbruch(str(fehler))


@app.command()
def berechne(
    datei: Annotated[str, typer.Argument(help="Haushalt als JSON-Datei, oder - für die Standardeingabe")],
    leistung: Annotated[Leistung, typer.Option(help="Welche Leistung berechnet wird")] = Leistung.alle,
    kdu_tabelle: Annotated[
        Path | None,
        typer.Option(help="YAML-Tabelle der Angemessenheitsgrenzen je kommunalem Träger (§ 22 SGB II)"),
    ] = None,
) -> None:
    """Eine Berechnung für einen Haushalt: JSON rein, JSON raus."""
    ergebnis = _berechne(leistung, _lies_json(datei), kdu_tabelle)
    typer.echo(json.dumps(ergebnis, ensure_ascii=False, indent=2))


@app.command()
def batch(
    eingabe: Annotated[Path, typer.Argument(help="Parquet- oder CSV-Datei, eine Zeile je Person")],
    ausgabe: Annotated[
        Path, typer.Argument(help="Ergebnisdatei (.parquet oder .csv), eine Zeile je Haushalt")
    ],
    leistung: Annotated[
        str,
        typer.Option(
            help="wohngeld, oder alle (Grundsicherung, Wohngeld, Kinderzuschlag, Kindergeld, Vorrang)"
        ),
    ] = "wohngeld",
    kdu_tabelle: Annotated[
        Path | None,
        typer.Option(help="YAML-Tabelle der Angemessenheitsgrenzen je kommunalem Träger (§ 22 SGB II)"),
    ] = None,
    blockgroesse: Annotated[int, typer.Option(help="Haushalte je Block")] = 250_000,
) -> None:
    """Leistungen für viele Haushalte aus einer Spaltendatei (Format: docs/batch.md)."""
    from amtsweg.batch import LEISTUNGEN, BatchFehler, berechne_datei

    if leistung not in LEISTUNGEN:
        _abbruch(f"--leistung: erlaubt sind {', '.join(LEISTUNGEN)}.")
    try:
        anzahl = berechne_datei(
            eingabe, ausgabe, leistung=leistung, blockgroesse=blockgroesse, fortschritt=True
        )
    except BatchFehler as fehler:
        _abbruch(str(fehler))
    typer.echo(f"{anzahl} Haushalte berechnet, Ergebnis in {ausgabe}", err=True)


@app.command()
def beispiel() -> None:
    """Beispielrechnung: Wohngeld für einen Haushalt in Ludwigshafen am Rhein (Stichtag 2025-01-01)."""
    daten = json.loads(BEISPIEL.read_text(encoding="utf-8"))
    ergebnis = _berechne(Leistung.wohngeld, daten)
    wohngeld = ergebnis["wohngeld"]
    typer.echo("Eingabe:")
    typer.echo(json.dumps(daten, ensure_ascii=False, indent=2))
    typer.echo("\nBegründung:")
    for schritt in wohngeld["begruendung"]:
        typer.echo(f"  {schritt['norm']:<22} {schritt['text']}: {schritt['wert']}")
    typer.echo(
        f"\nWohngeld: {wohngeld['betrag_monat']} € monatlich "
        f"(regelwerk_version {ergebnis['regelwerk_version']})"
    )


def _unterbefehle() -> None:
    """Sub-apps of the components (each defines ``app`` in its kommandos module)."""
    from amtsweg.assistant import kommandos as assistent
    from amtsweg.documents.korpus.kommandos import app as korpus
    from amtsweg.governance.kommandos import app as governance
    from amtsweg.prevention.gefaehrdung.kommandos import app as gefaehrdung
    from amtsweg.prevention.kommandos import app as praevention
    from amtsweg.schnittstellen.fitconnect.kommandos import app as fitconnect
    from amtsweg.schnittstellen.xdomea.kommandos import app as xdomea

    app.add_typer(gefaehrdung, name="gefaehrdung", help="Gefährdungsbeurteilung für Baustellen")
    app.add_typer(praevention, name="praevention", help="Risikobasierte Auswahl von Präventionsbesuchen")
    app.add_typer(korpus, name="korpus", help="Synthetischer Dokumentenkorpus mit Grundwahrheit (Evaluation)")
    app.add_typer(governance, name="governance", help="KI-Governance: Register, Überwachung, Berichte")
    app.add_typer(xdomea, name="xdomea", help="xdomea: Abgabe an E-Akte/DMS, Aussonderung an das Archiv")
    app.add_typer(fitconnect, name="fitconnect", help="FIT-Connect: Anträge aus Onlinediensten empfangen")
    frage_hilfe = "Eine Frage an den Assistenten (Antwort nur aus Quellen, mit Zitaten)"
    app.command("frage", help=frage_hilfe)(assistent.frage)
    app.command("index", help="Suchindex des Assistenten (inkrementell) aufbauen")(assistent.index)
    from amtsweg.neuberechnung import kommandos as neuberechnung

    neu_hilfe = "Laufende Bewilligungen zum Stichtag neu berechnen (Probelauf mit Bericht)"
    app.command("neuberechnung", help=neu_hilfe)(neuberechnung.neuberechnung)


_unterbefehle()
audit_app = typer.Typer(help="Prüfpfad (Audit-Trail)", no_args_is_help=True)
app.add_typer(audit_app, name="audit")
db_app = typer.Typer(help="Datenbank", no_args_is_help=True)
app.add_typer(db_app, name="db")


def _datenbank(migrieren: bool = True) -> Any:
    from amtsweg.db import Datenbank

    datenbank = Datenbank()
    if migrieren:
        datenbank.migriere()
    return datenbank


@db_app.command("migrate")
def db_migrate() -> None:
    """Datenbankschema auf den neuesten Stand bringen (Alembic)."""
    datenbank = _datenbank()
    typer.echo(f"Schema aktuell: {datenbank.engine.url.render_as_string(hide_password=True)}")


@audit_app.command("verify")
def audit_verify() -> None:
    """Die Hash-Kette des Prüfpfads vollständig nachrechnen; Exit-Code 1 bei jeder Abweichung."""
    from amtsweg.governance.audit import pruefe_kette

    with _datenbank().sitzung() as sitzung:
        ergebnis = pruefe_kette(sitzung)
    if ergebnis.in_ordnung:
        typer.echo(f"Prüfpfad in Ordnung: {ergebnis.anzahl} Ereignisse, Hash-Kette vollständig.")
        return
    for fehler in ergebnis.fehler:
        typer.echo(f"FEHLER: {fehler}", err=True)
    raise typer.Exit(code=1)


@app.command()
def worker(
    einmal: Annotated[bool, typer.Option("--einmal", help="Fällige Aufträge abarbeiten und beenden")] = False,
    pause: Annotated[float, typer.Option(help="Sekunden zwischen zwei Durchläufen")] = 30.0,
) -> None:
    """Hintergrundaufträge abarbeiten (Erinnerungen an Fristen, …); beliebig viele Worker parallel möglich."""
    import datetime as dt
    import time

    from amtsweg.cases.auftraege import plane_taegliche_auftraege
    from amtsweg.db.auftraege import arbeite
    from amtsweg.documents.anbindung import verbinde
    from amtsweg.documents.auftraege import plane_aufbewahrung

    verbinde()  # registers the "dokument_lesen" and "dokumente_aufbewahrung" job handlers
    datenbank = _datenbank()
    while True:
        with datenbank.sitzung() as s:
            plane_taegliche_auftraege(s, dt.date.today())
            plane_aufbewahrung(s, dt.date.today())
        anzahl = arbeite(datenbank)
        if anzahl:
            typer.echo(f"{anzahl} Aufträge bearbeitet.")
        if einmal:
            return
        time.sleep(pause)


@app.command()
def serve(
    host: Annotated[str, typer.Option(help="Adresse")] = "127.0.0.1",
    port: Annotated[int, typer.Option(help="Port")] = 8000,
) -> None:
    """Die Web-Anwendung starten (Bürgerportal, Arbeitsplatz, JSON-API)."""
    import uvicorn

    from amtsweg.web import erstelle_app
    from amtsweg.web.einstellungen import Konfigurationsfehler

    try:
        anwendung = erstelle_app(_datenbank())
    except Konfigurationsfehler as fehler:
        typer.echo(f"FEHLER: {fehler}", err=True)
        raise typer.Exit(code=2) from None
    uvicorn.run(anwendung, host=host, port=port, log_level="info")


@app.command()
def demo(
    nur_einrichten: Annotated[
        bool, typer.Option("--nur-einrichten", help="Nur Daten anlegen, nicht starten")
    ] = False,
    port: Annotated[int, typer.Option(help="Port")] = 8000,
) -> None:
    """Demo: SQLite-Datenbank, Demo-Behörde, Konten (Passwörter werden ausgegeben), Vorgänge in jedem Status;
    danach startet die Anwendung auf http://127.0.0.1:PORT."""
    import datetime as dt
    import secrets

    from sqlalchemy import select

    from amtsweg.cases import konten
    from amtsweg.cases.demodaten import lege_konten_an, lege_vorgaenge_an
    from amtsweg.cases.modelle import Behoerde, Benutzer

    datenbank = _datenbank()
    with datenbank.sitzung() as s:
        if s.scalar(select(Behoerde).where(Behoerde.schluessel == "demo-wohngeld")) is None:
            demokonten = lege_konten_an(s)
            lege_vorgaenge_an(s, demokonten, dt.date.today())
            passwoerter = demokonten.passwoerter
        else:  # demo exists: give every demo account a fresh password to print
            passwoerter = {}
            for benutzer in s.scalars(select(Benutzer).where(Benutzer.email.like("%@demo.example"))):
                passwoerter[benutzer.email] = secrets.token_urlsafe(12)
                benutzer.passwort_hash = konten.hash_passwort(passwoerter[benutzer.email])
    typer.echo("Demo-Konten (E-Mail / Passwort):")
    for email, passwort in passwoerter.items():
        typer.echo(f"  {email:<32} {passwort}")
    if not nur_einrichten:
        os.environ.setdefault("AMTSWEG_SECURE_COOKIES", "0")  # the demo runs on plain http://127.0.0.1
        typer.echo(f"Anwendung: http://127.0.0.1:{port}/  (Beenden mit Strg+C)")
        serve(host="127.0.0.1", port=port)


def main() -> None:  # pragma: no cover - console entry
    app()
