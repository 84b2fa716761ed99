"""``amtsweg xdomea …``: Abgabe (0401), Anbieteverzeichnis (0501), check a message."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Annotated, NoReturn

import typer

app = typer.Typer(
    help="xdomea 3.0.0: Abgabe an E-Akte/DMS und Aussonderung an das Archiv", no_args_is_help=True
)


def _abbruch(meldung: str) -> NoReturn:
    typer.echo(f"Fehler: {meldung}", err=True)
    raise typer.Exit(code=2)


def _schreibe(ordner: Path, dateiname: str, inhalt: bytes) -> Path:
    ordner.mkdir(parents=True, exist_ok=True)
    ziel = ordner / dateiname
    tmp = ordner / f".{dateiname}.tmp"
    tmp.write_bytes(inhalt)
    tmp.replace(ziel)  # never a half-written message in the transfer directory
    return ziel


@app.command("abgabe")
def abgabe(
    vorgaenge: Annotated[list[str], typer.Argument(help="Vorgangsnummern, z. B. WG-2026-000001")],
    empfaenger: Annotated[str, typer.Option(help="Name der empfangenden Stelle (E-Akte/DMS)")] = "E-Akte",
    empfaenger_kennung: Annotated[str, typer.Option(help="Behördenkennung der Empfängerin")] = "eakte",
    ausgabe: Annotated[Path, typer.Option(help="Übergabeverzeichnis für die ZIP-Datei")] = Path("."),
    aufbewahrung_jahre: Annotated[
        int | None, typer.Option(help="Aufbewahrungsfrist in Jahren nach zdA (aus dem Aktenplan der Behörde)")
    ] = None,
) -> None:
    """Abgabe.Abgabe.0401 für einen oder mehrere Vorgänge einer Behörde erzeugen."""
    from amtsweg.db import Datenbank
    from amtsweg.schnittstellen.xdomea.abgabe import Abgabefehler, Aufbewahrung
    from amtsweg.schnittstellen.xdomea.abgabe import abgabe as erstelle
    from amtsweg.schnittstellen.xdomea.bausteine import Stelle

    if aufbewahrung_jahre is not None and not 0 <= aufbewahrung_jahre <= 1000:
        _abbruch("--aufbewahrung-jahre: erlaubt sind 0 bis 1000.")
    datenbank = Datenbank()
    datenbank.migriere()
    try:
        with datenbank.sitzung() as s:
            nachricht = erstelle(
                s, vorgaenge, Stelle(empfaenger_kennung, empfaenger), Aufbewahrung(aufbewahrung_jahre)
            )
            ziel = _schreibe(ausgabe, nachricht.dateiname, nachricht.inhalt)
    except Abgabefehler as fehler:
        _abbruch(str(fehler))
    typer.echo(f"{ziel} ({nachricht.dokumente} Primärdokumente)")


@app.command("anbieten")
def anbieten(
    behoerde: Annotated[str, typer.Option(help="Schlüssel der abgebenden Behörde")],
    aufbewahrung_jahre: Annotated[int, typer.Option(help="Aufbewahrungsfrist in Jahren nach zdA")],
    archiv: Annotated[str, typer.Option(help="Name des zuständigen Archivs")] = "Landesarchiv",
    archiv_kennung: Annotated[str, typer.Option(help="Behördenkennung des Archivs")] = "archiv",
    stichtag: Annotated[str | None, typer.Option(help="Stichtag JJJJ-MM-TT (Standard: heute)")] = None,
    ausgabe: Annotated[Path, typer.Option(help="Übergabeverzeichnis")] = Path("."),
) -> None:
    """Aussonderung.Anbieteverzeichnis.0501: abgeschlossene Vorgänge mit abgelaufener Frist anbieten."""
    from sqlalchemy import select

    from amtsweg.cases.modelle import Behoerde
    from amtsweg.db import Datenbank
    from amtsweg.schnittstellen.xdomea.abgabe import Abgabefehler, Aufbewahrung
    from amtsweg.schnittstellen.xdomea.aussonderung import erstelle_anbieteverzeichnis
    from amtsweg.schnittstellen.xdomea.bausteine import Stelle

    try:
        tag = dt.date.fromisoformat(stichtag) if stichtag else dt.date.today()
    except ValueError:
        _abbruch("--stichtag: bitte im Format JJJJ-MM-TT angeben.")
    datenbank = Datenbank()
    datenbank.migriere()
    try:
        with datenbank.sitzung() as s:
            stelle = s.scalar(select(Behoerde).where(Behoerde.schluessel == behoerde))
            if stelle is None:
                _abbruch(f"--behoerde: Die Behörde „{behoerde}“ gibt es nicht.")
            nachricht = erstelle_anbieteverzeichnis(
                s, stelle.id, Stelle(archiv_kennung, archiv), tag, Aufbewahrung(aufbewahrung_jahre)
            )
            ziel = _schreibe(ausgabe, nachricht.dateiname, nachricht.inhalt)
    except Abgabefehler as fehler:
        _abbruch(str(fehler))
    typer.echo(str(ziel))


@app.command("aussondern")
def aussondern(
    vorgaenge: Annotated[
        list[str], typer.Argument(help="Vorgänge, die das Archiv mit „A“ bewertet hat (0502)")
    ],
    archiv: Annotated[str, typer.Option(help="Name des zuständigen Archivs")] = "Landesarchiv",
    archiv_kennung: Annotated[str, typer.Option(help="Behördenkennung des Archivs")] = "archiv",
    aufbewahrung_jahre: Annotated[
        int | None, typer.Option(help="Aufbewahrungsfrist in Jahren nach zdA")
    ] = None,
    ausgabe: Annotated[Path, typer.Option(help="Übergabeverzeichnis")] = Path("."),
) -> None:
    """Aussonderung.Aussonderung.0503: abgeschlossene Vorgänge mit allen Primärdokumenten an das Archiv."""
    from amtsweg.db import Datenbank
    from amtsweg.schnittstellen.xdomea.abgabe import Abgabefehler, Aufbewahrung
    from amtsweg.schnittstellen.xdomea.aussonderung import erstelle_aussonderung
    from amtsweg.schnittstellen.xdomea.bausteine import Stelle

    datenbank = Datenbank()
    datenbank.migriere()
    try:
        with datenbank.sitzung() as s:
            nachricht = erstelle_aussonderung(
                s, vorgaenge, Stelle(archiv_kennung, archiv), Aufbewahrung(aufbewahrung_jahre, "A")
            )
            ziel = _schreibe(ausgabe, nachricht.dateiname, nachricht.inhalt)
    except Abgabefehler as fehler:
        _abbruch(str(fehler))
    typer.echo(f"{ziel} ({nachricht.dokumente} Primärdokumente)")


@app.command("pruefe")
def pruefe(
    datei: Annotated[Path, typer.Argument(help="xdomea-Nachricht (ZIP)")],
    xsd_ordner: Annotated[
        str | None, typer.Option(help="Ordner mit den amtlichen xdomea-3.0.0-XSD (aus XRepository)")
    ] = None,
) -> None:
    """Eine Nachricht lesen, Struktur (und optional XSD) prüfen und alle Prüfsummen nachrechnen."""
    from amtsweg.schnittstellen.xdomea.lesen import Lesefehler, lies_nachricht
    from amtsweg.schnittstellen.xdomea.struktur import pruefe as struktur
    from amtsweg.schnittstellen.xdomea.struktur import pruefe_xsd

    try:
        nachricht = lies_nachricht(datei.name, datei.read_bytes())
    except (OSError, Lesefehler) as fehler:
        _abbruch(str(fehler))
    probleme = struktur(nachricht.xml)
    if xsd_ordner:
        probleme += pruefe_xsd(nachricht.xml, xsd_ordner)
    probleme += [
        f"Prüfsumme falsch: {d.dateiname}" for d in nachricht.dokumente if d.dateiname and not d.hash_stimmt
    ]
    probleme += [f"Nicht beschriebene Datei: {name}" for name in nachricht.ueberzaehlige_dateien]
    for problem in probleme:
        typer.echo(f"FEHLER: {problem}", err=True)
    if probleme:
        raise typer.Exit(code=1)
    typer.echo(
        f"{nachricht.nachricht}: {len(nachricht.vorgaenge)} Vorgänge, {len(nachricht.dokumente)} Dokumente, "
        "Struktur und Prüfsummen in Ordnung."
    )
