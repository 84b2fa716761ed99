"""Typer sub-app ``praevention``: import, classifier, risk model (retrain), worklist, decisions.

The lead wires it into cli.py (``app.add_typer(kommandos.app, name="praevention")``).
"""

from __future__ import annotations

import datetime as dt
import json
import warnings
from pathlib import Path
from typing import Annotated, NoReturn

import joblib
import pandas as pd
import typer

from amtsweg.prevention.risiko_daten import Bestand

app = typer.Typer(
    help="Prävention: Besuchsplanung nach Unfallrisiko (Empfehlung, die Aufsichtsperson entscheidet).",
    no_args_is_help=True,
    add_completion=False,
)

DATEN = Path("../shared/data")


def _abbruch(meldung: str) -> NoReturn:
    typer.echo(f"Fehler: {meldung}", err=True)
    raise typer.Exit(code=2)


@app.command("einlesen")
def einlesen(
    art: Annotated[str, typer.Argument(help="betriebe | unfaelle | besuche | maengel | vorankuendigungen")],
    datei: Annotated[Path, typer.Argument(help="CSV (Komma oder Semikolon) oder Parquet")],
    db: Annotated[str | None, typer.Option(help="Datenbank-URL; ohne: nur prüfen")] = None,
    bericht: Annotated[Path | None, typer.Option(help="Prüfbericht als JSON schreiben")] = None,
) -> None:
    """Datei prüfen (und in die Datenbank übernehmen); fehlerhafte Zeilen stehen im Prüfbericht."""
    from amtsweg.prevention.einlesen import pruefe_datei, speichere

    try:
        ergebnis = pruefe_datei(art, datei)
    except (OSError, ValueError) as fehler:
        _abbruch(str(fehler))
    if db:
        from amtsweg.db import Datenbank

        with Datenbank(db).sitzung() as sitzung:
            speichere(sitzung, ergebnis)
            sitzung.commit()
    inhalt = ergebnis.als_dict()
    if bericht:
        bericht.write_text(json.dumps(inhalt, ensure_ascii=False, indent=1), encoding="utf-8")
    typer.echo(
        f"{inhalt['gelesen']} Zeilen gelesen, {inhalt['uebernommen']} gültig, "
        f"{inhalt['abgelehnt']} abgelehnt."
    )
    for f in inhalt["fehler"][:20]:
        typer.echo(f"  Zeile {f['zeile']}, Spalte {f['spalte']}: {f['grund']}")


@app.command("klassifikator-trainieren")
def klassifikator_trainieren(
    ausgabe: Annotated[Path, typer.Option(help="Modelldatei (joblib)")] = Path(
        "data/praevention/erzaehlung.joblib"
    ),
    daten: Annotated[Path, typer.Option(help="tagged1000.xlsx")] = DATEN / "unfaelle" / "tagged1000.xlsx",
) -> None:
    """Klassifikator für Unfallschilderungen trainieren (11 Ursachenkategorien)."""
    from amtsweg.prevention import erzaehlung as ez

    satz = ez.lade_tagged1000(daten)
    modell = ez.Erzaehlungsklassifikator("svm").fit(satz.texte, satz.labels)
    ausgabe.parent.mkdir(parents=True, exist_ok=True)
    joblib.dump(modell, ausgabe)
    typer.echo(f"Klassifikator mit {len(satz.texte)} Schilderungen trainiert: {ausgabe}")


@app.command("einordnen")
def einordnen(
    text: Annotated[str, typer.Argument(help="Unfallschilderung")],
    modell: Annotated[Path, typer.Option()] = Path("data/praevention/erzaehlung.joblib"),
) -> None:
    """Eine Unfallschilderung einer Ursachenkategorie zuordnen (Vorschlag, eine Person bestätigt)."""
    from amtsweg.prevention.erzaehlung import ordne_ein

    if not modell.exists():
        _abbruch(f"Modelldatei „{modell}“ fehlt; bitte zuerst „klassifikator-trainieren“ ausführen.")
    e = ordne_ein(joblib.load(modell), [text])[0]
    typer.echo(
        f"Vorschlag: {e.bezeichnung} ({e.kategorie}), Gefährdungsfaktor {e.gefaehrdungsfaktor}, "
        f"Score {e.wahrscheinlichkeit:.2f}"
    )


def _bestand(osha: Path | None, db: str | None) -> Bestand:
    from amtsweg.prevention.risiko_daten import osha_laden

    if osha:
        return osha_laden(osha)
    if db:
        from amtsweg.db import Datenbank
        from amtsweg.prevention.besuchsplan import bestand_aus_db

        with Datenbank(db).sitzung() as sitzung:
            return bestand_aus_db(sitzung)
    _abbruch("Bitte --osha ORDNER oder --db URL angeben.")


@app.command("retrain")
def retrain(
    osha: Annotated[Path | None, typer.Option(help="Ordner mit den OSHA-Dateien")] = None,
    db: Annotated[
        str | None, typer.Option(help="Datenbank-URL (eigene Daten inkl. Besuchsergebnisse)")
    ] = None,
    bis_jahr: Annotated[int, typer.Option(help="erstes Jahr ohne vollständige Beobachtung")] = 2022,
    test_jahre: Annotated[int, typer.Option(help="Zahl der Testjahre vor dem Trainingsende")] = 3,
    modell: Annotated[Path, typer.Option()] = Path("data/praevention/risiko.joblib"),
    karte: Annotated[Path, typer.Option()] = Path("docs/modellkarten/praevention-risiko.md"),
    kapazitaet: Annotated[int, typer.Option(help="Besuche je Stichtag für die Auswertung")] = 100,
) -> None:
    """Risikomodell neu trainieren, zeitlich getrennt prüfen und eine neue Modellkarte schreiben."""
    from amtsweg.prevention.modellkarte import risiko_karte
    from amtsweg.prevention.risiko_merkmale import merkmale_fuer_jahre
    from amtsweg.prevention.risiko_training import evaluiere_zeitraum, speichere_modell, trainiere_endmodell

    warnings.filterwarnings("ignore")
    bestand = _bestand(osha, db)
    erstes = int(bestand.unfaelle["datum"].min().year) + 2
    test_von = bis_jahr - 3 - test_jahre + 1
    x = merkmale_fuer_jahre(bestand, list(range(erstes, bis_jahr - 2)), 3, 1.0)
    if x.empty or test_von - 3 < erstes:
        _abbruch("Zu wenig Historie für eine zeitlich getrennte Prüfung.")
    e = evaluiere_zeitraum(x, test_von, bis_jahr - 3, kapazitaet=kapazitaet, wiederholungen=200)
    e.pop("modell_objekt")
    endmodell, _ = trainiere_endmodell(bestand, bis_jahr, erstes, x=x)
    endmodell.kennzahlen = {"faktor_10": e["faktor_10"], "auc": e["verfahren"]["modell"]["auc"]}
    speichere_modell(endmodell, modell)
    quelle = f"OSHA-Dateien in {osha}" if osha else "eigene Datenbank (Betriebe, Unfälle, Besuche, Mängel)"
    karte.parent.mkdir(parents=True, exist_ok=True)
    karte.write_text(risiko_karte([e], endmodell.version, quelle, kapazitaet), encoding="utf-8")
    typer.echo(
        f"Modell {endmodell.version} gespeichert: {modell}; Modellkarte: {karte}; "
        f"Faktor ggü. 'meiste Unfälle' {e['faktor_10']:.2f}x; Drift: {e['drift']['auffaellig'] or 'keine'}"
    )


@app.command("rangliste")
def rangliste(
    stichtag: Annotated[str, typer.Option(help="JJJJ-MM-TT")],
    osha: Annotated[Path | None, typer.Option()] = None,
    db: Annotated[str | None, typer.Option()] = None,
    modell: Annotated[Path, typer.Option()] = Path("data/praevention/risiko.joblib"),
    kapazitaet: Annotated[int, typer.Option(help="Besuche je Region")] = 10,
    region: Annotated[str | None, typer.Option(help="nur diese Region")] = None,
    speichern: Annotated[bool, typer.Option(help="Arbeitsliste in --db speichern")] = False,
) -> None:
    """Arbeitsliste je Region innerhalb der Kapazität (Empfehlung; die Aufsichtsperson entscheidet)."""
    from amtsweg.prevention.besuchsplan import erstelle_arbeitsliste, plan_speichern
    from amtsweg.prevention.risiko_modell import HINWEIS
    from amtsweg.prevention.risiko_training import bewerte, lade_modell

    warnings.filterwarnings("ignore")
    if not modell.exists():
        _abbruch(f"Modelldatei „{modell}“ fehlt; bitte zuerst „retrain“ ausführen.")
    try:
        tag = pd.Timestamp(dt.date.fromisoformat(stichtag))
    except ValueError:
        _abbruch(f"„{stichtag}“ ist kein Datum im Format JJJJ-MM-TT.")
    risiko = lade_modell(modell)
    bewertet = bewerte(risiko, _bestand(osha, db), tag)
    if bewertet.empty:
        _abbruch("Zum Stichtag gibt es keine Betriebe mit Unfällen im Vorjahr.")
    if region:
        bewertet = bewertet[bewertet["region"] == region]
    liste = erstelle_arbeitsliste(bewertet, kapazitaet)
    typer.echo(HINWEIS)
    for _, z in liste.iterrows():
        typer.echo(
            f"{z['region']} #{z['rang']}: {z['betriebsnummer']} – {z['wahrscheinlichkeit']:.1%} – "
            + "; ".join(z["gruende"])
        )
    if speichern and db:
        from amtsweg.db import Datenbank

        with Datenbank(db).sitzung() as sitzung:
            kennzahlen = dict(getattr(risiko, "kennzahlen", None) or {})
            lauf = plan_speichern(sitzung, liste, risiko.version, tag.date(), kennzahlen)
            sitzung.commit()
            typer.echo(f"Arbeitsliste gespeichert (Lauf {lauf.id}).")


@app.command("entscheiden")
def entscheiden(
    plan_id: Annotated[int, typer.Argument()],
    entscheidung: Annotated[str, typer.Argument(help="angenommen | uebersprungen")],
    person: Annotated[str, typer.Option()],
    db: Annotated[str, typer.Option()],
    grund: Annotated[str, typer.Option(help="Grund beim Überspringen")] = "",
    erlaeuterung: Annotated[str, typer.Option()] = "",
) -> None:
    """Einen Eintrag der Arbeitsliste annehmen oder mit Grund überspringen."""
    from amtsweg.db import Datenbank
    from amtsweg.prevention.besuchsplan import entscheide

    with Datenbank(db).sitzung() as sitzung:
        try:
            entscheide(sitzung, plan_id, entscheidung, person, grund, erlaeuterung)
        except ValueError as fehler:
            _abbruch(str(fehler))
        sitzung.commit()
    typer.echo(f"Eintrag {plan_id}: {entscheidung}.")
