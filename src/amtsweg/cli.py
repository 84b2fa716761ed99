"""The ``amtsweg`` command line: parse, call a service, map errors (no logic here)."""

from __future__ import annotations

import json
import os
import sys
from enum import StrEnum
from pathlib import Path
from typing import Annotated, Any, NoReturn

import typer

from amtsweg.cli_gruppe import Amtsweg

BEISPIEL = Path(__file__).parent / "beispiele" / "haushalt_ludwigshafen.json"
#: Largest Haushalt JSON accepted by ``berechne`` (a household of 30 persons needs about 20 kB).
MAX_JSON_BYTES = 1_000_000


app = typer.Typer(
    cls=Amtsweg, help="Amtsweg – vom Antrag bis zum Bescheid.", no_args_is_help=True, add_completion=False
)


class Leistung(StrEnum):
    alle = "alle"
    wohngeld = "wohngeld"
    grundsicherung = "grundsicherung"
    kinderzuschlag = "kinderzuschlag"
    kindergeld = "kindergeld"
    vorrang = "vorrang"


LEISTUNG_HILFE = "Welche Leistung berechnet wird: " + ", ".join(leistung.value for leistung in Leistung)


def _abbruch(meldung: str) -> NoReturn:
    typer.echo(f"Fehler: {meldung}", err=True)
    raise typer.Exit(code=2)


def _leistung(wert: str, erlaubt: tuple[str, ...]) -> str:
    if wert not in erlaubt:
        _abbruch(f"--leistung: „{wert}“ ist nicht zulässig. Erlaubt sind: {', '.join(erlaubt)}.")
    return wert


def _lies_json(datei: str) -> Any:
    try:
        if datei == "-":
            text = sys.stdin.read(MAX_JSON_BYTES + 1)
        else:
            with Path(datei).open(encoding="utf-8") as f:
                text = f.read(MAX_JSON_BYTES + 1)
    except (OSError, UnicodeDecodeError) as fehler:
        _abbruch(f"Die Datei „{datei}“ kann nicht gelesen werden ({fehler.__class__.__name__}).")
    if len(text) > MAX_JSON_BYTES:
        grenze = MAX_JSON_BYTES // 1000
        _abbruch(f"(Eingabe): Die Eingabe ist größer als {grenze} kB; ein Haushalt braucht wenige kB.")
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
    leistung: Annotated[str, typer.Option(metavar="LEISTUNG", help=LEISTUNG_HILFE)] = Leistung.alle.value,
    kdu_tabelle: Annotated[
        Path | None,
        typer.Option(help="YAML-Tabelle der Angemessenheitsgrenzen je kommunalem Träger (§ 22 SGB II)"),
    ] = None,
) -> None:
    """Eine Berechnung für einen Haushalt: JSON rein, JSON raus."""
    gewaehlt = Leistung(_leistung(leistung, tuple(wert.value for wert in Leistung)))
    ergebnis = _berechne(gewaehlt, _lies_json(datei), kdu_tabelle)
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
            metavar="LEISTUNG",
            help="alle (Grundsicherung, Wohngeld, Kinderzuschlag, Kindergeld, Vorrang; braucht "
            "Nettoeinkommen) oder wohngeld",
        ),
    ] = "alle",
    kdu_tabelle: Annotated[
        Path | None,
        typer.Option(help="YAML-Tabelle der Angemessenheitsgrenzen je kommunalem Träger (§ 22 SGB II)"),
    ] = None,
    blockgroesse: Annotated[int, typer.Option(help="Haushalte je Block")] = 250_000,
) -> None:
    """Leistungen für viele Haushalte aus einer Spaltendatei (Format: docs/batch.md)."""
    from amtsweg.batch import LEISTUNGEN, BatchFehler, berechne_datei

    _leistung(leistung, LEISTUNGEN)
    try:
        anzahl = berechne_datei(
            eingabe,
            ausgabe,
            leistung=leistung,
            kdu_grenzen=_kdu_tabelle(kdu_tabelle),
            blockgroesse=blockgroesse,
            fortschritt=True,
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


def _ankerorte() -> Any:
    from amtsweg.governance.audit_anker import Ankerorte

    return Ankerorte.im_ordner(Path(os.environ.get("AMTSWEG_DATA_DIR", "data")))


@audit_app.command("verify")
def audit_verify() -> None:
    """Die Hash-Kette des Prüfpfads vollständig nachrechnen und gegen die signierten Prüfpunkte halten;
    Exit-Code 1 bei jeder Abweichung."""
    from amtsweg.governance.audit import pruefe_kette
    from amtsweg.governance.audit_anker import pruefe_anker

    with _datenbank().sitzung() as sitzung:
        ergebnis = pruefe_kette(sitzung)
        anker, ankerfehler = pruefe_anker(sitzung, _ankerorte())
    fehler = [*ergebnis.fehler, *ankerfehler]
    if not fehler:
        typer.echo(f"Prüfpfad in Ordnung: {ergebnis.anzahl} Ereignisse, Hash-Kette vollständig.")
        if anker:
            typer.echo(f"{anker} signierte Prüfpunkte bestätigt.")
        else:
            typer.echo("Hinweis: keine signierten Prüfpunkte vorhanden (amtsweg audit anker).")
        return
    for text in fehler:
        typer.echo(f"FEHLER: {text}", err=True)
    raise typer.Exit(code=1)


@audit_app.command("anker")
def audit_anker() -> None:
    """Einen signierten Prüfpunkt des aktuellen Kettenendes schreiben (außerhalb der Datenbank)."""
    from amtsweg.governance.audit_anker import schreibe_anker

    with _datenbank().sitzung() as sitzung:
        anker = schreibe_anker(sitzung, _ankerorte())
    if anker is None:
        typer.echo("Der Prüfpfad ist leer; kein Prüfpunkt geschrieben.")
    else:
        typer.echo(f"Prüfpunkt geschrieben: Ereignis {anker['folge']} ({anker['zeitpunkt']}).")


@app.command()
def worker(
    einmal: Annotated[bool, typer.Option("--einmal", help="Fällige Aufträge abarbeiten und beenden")] = False,
    pause: Annotated[float, typer.Option(help="Sekunden zwischen zwei Durchläufen")] = 30.0,
    anker_minuten: Annotated[
        float, typer.Option(help="Abstand signierter Prüfpunkte des Prüfpfads (Minuten)")
    ] = 15.0,
    fehlgeschlagen: Annotated[
        bool,
        typer.Option("--fehlgeschlagen", help="Endgültig fehlgeschlagene Aufträge auflisten und beenden"),
    ] = False,
) -> None:
    """Hintergrundaufträge abarbeiten (Erinnerungen an Fristen, …); beliebig viele Worker parallel möglich."""
    import datetime as dt
    import time

    from amtsweg.cases.auftraege import plane_taegliche_auftraege
    from amtsweg.db.auftraege import arbeite
    from amtsweg.documents.anbindung import verbinde
    from amtsweg.documents.auftraege import plane_aufbewahrung
    from amtsweg.governance.audit_anker import schreibe_anker_falls_faellig
    from amtsweg.governance.auftraege import plane_pruefung

    verbinde()  # registers the "dokument_lesen" and "dokumente_aufbewahrung" job handlers
    datenbank = _datenbank()
    if fehlgeschlagen:
        _liste_fehlgeschlagene(datenbank)
        return
    orte = _ankerorte()
    while True:
        with datenbank.sitzung() as s:
            plane_taegliche_auftraege(s, dt.date.today())
            plane_aufbewahrung(s, dt.date.today())
            plane_pruefung(s, dt.date.today())  # AI oversight thresholds (governance)
            schreibe_anker_falls_faellig(s, orte, dt.timedelta(minutes=anker_minuten))
        anzahl = arbeite(datenbank)
        if anzahl:
            typer.echo(f"{anzahl} Aufträge bearbeitet.")
        if einmal:
            return
        time.sleep(pause)


def _hintergrund_worker(pause: float = 2.0) -> None:
    """The demo's worker: the same job rounds as ``amtsweg worker`` in a daemon thread, so uploads are read
    while the demo runs (short pause: a demo upload should be read within seconds)."""
    import threading

    runde = worker  # bound once: the thread runs the command it was started with

    def laufe() -> None:
        import logging

        while True:
            try:
                runde(einmal=True, pause=pause)
            except Exception:  # keep the demo's worker alive; the job records its own error
                logging.getLogger("amtsweg.worker").exception("Worker-Durchlauf fehlgeschlagen")
            threading.Event().wait(pause)

    threading.Thread(target=laufe, name="amtsweg-worker", daemon=True).start()


def _liste_fehlgeschlagene(datenbank: Any) -> None:
    from amtsweg.db.auftraege import fehlgeschlagene

    with datenbank.sitzung() as s:
        auftraege = fehlgeschlagene(s)
        for a in auftraege:
            typer.echo(f"{a.id}\t{a.art}\t{a.schluessel}\t{a.versuche} Versuche\t{a.fehler or ''}")
    typer.echo(f"{len(auftraege)} fehlgeschlagene Aufträge.")


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
        _hintergrund_worker()
        typer.echo("Hintergrund-Worker gestartet: hochgeladene Nachweise werden gelesen.")
        typer.echo(f"Anwendung: http://127.0.0.1:{port}/  (Beenden mit Strg+C)")
        serve(host="127.0.0.1", port=port)


def main() -> None:  # pragma: no cover - console entry
    app()
