"""CSV/Parquet import of Mitgliedsbetriebe, Unfallanzeigen, Besuche and Mängel with a validation report.

Every table has a fixed column schema (``SCHEMATA``). Each row is checked; bad rows are not imported but
listed in the report as (row, column, reason). Row numbers count data rows from 1 (a CSV file's
header is line 1, so data row n is file line n + 1).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pandas as pd
from sqlalchemy import select
from sqlalchemy.orm import Session

from amtsweg.prevention import modelle as m

UNFALL_SCHWERE = ("leicht", "meldepflichtig", "schwer", "toedlich")
MANGEL_SCHWERE = ("schwer", "vorsaetzlich", "wiederholt", "sonstig")
ANLAESSE = ("unfall", "programm", "beschwerde", "nachpruefung", "beratung")


@dataclass(frozen=True)
class Spalte:
    name: str
    art: str  # "text", "ganzzahl", "datum", "auswahl"
    pflicht: bool = False
    auswahl: tuple[str, ...] = ()
    max_laenge: int = 300
    zukunft: bool = False  # a date in the future is allowed (planned start of a site)


SCHEMATA: dict[str, tuple[Spalte, ...]] = {
    "betriebe": (
        Spalte("betriebsnummer", "text", True, max_laenge=120),
        Spalte("name", "text"),
        Spalte("gewerk", "text", max_laenge=120),
        Spalte("branche", "text", max_laenge=120),
        Spalte("groessenklasse", "text", max_laenge=20),
        Spalte("beschaeftigte", "ganzzahl"),
        Spalte("plz", "text", max_laenge=10),
        Spalte("ort", "text", max_laenge=120),
        Spalte("region", "text", max_laenge=60),
    ),
    "unfaelle": (
        Spalte("betriebsnummer", "text", True, max_laenge=120),
        Spalte("datum", "datum", True),
        Spalte("schwere", "auswahl", auswahl=UNFALL_SCHWERE),
        Spalte("schilderung", "text", max_laenge=20_000),
        Spalte("ursache", "text", max_laenge=60),
    ),
    "besuche": (
        Spalte("besuchsnummer", "text", True, max_laenge=60),
        Spalte("betriebsnummer", "text", True, max_laenge=120),
        Spalte("datum", "datum", True),
        Spalte("anlass", "auswahl", auswahl=ANLAESSE),
        Spalte("ergebnis", "text", max_laenge=30),
        Spalte("bussgeld_cent", "ganzzahl"),
    ),
    "maengel": (
        Spalte("besuchsnummer", "text", True, max_laenge=60),
        Spalte("vorschrift", "text", max_laenge=60),
        Spalte("datum", "datum"),
        Spalte("schwere", "auswahl", auswahl=MANGEL_SCHWERE),
        Spalte("bussgeld_cent", "ganzzahl"),
    ),
    # Vorankündigung nach § 2 Abs. 2 BaustellV, fields of Anhang I (schema: docs/schema/vorankuendigung.md)
    "vorankuendigungen": (
        Spalte("aktenzeichen", "text", True, max_laenge=60),
        Spalte("ort", "text", True),
        Spalte("plz", "text", max_laenge=10),
        Spalte("region", "text", max_laenge=60),
        Spalte("bauherr", "text", True),
        Spalte("art_bauvorhaben", "text", True),
        Spalte("dritter", "text"),
        Spalte("koordinator", "text"),
        Spalte("beginn", "datum", True, zukunft=True),
        Spalte("dauer_arbeitstage", "ganzzahl", True),
        Spalte("hoechstzahl_beschaeftigte", "ganzzahl", True),
        Spalte("zahl_arbeitgeber", "ganzzahl"),
        Spalte("unternehmen", "text", max_laenge=5000),
        Spalte("eingegangen_am", "datum"),
    ),
}


@dataclass(frozen=True)
class Fehlerzeile:
    zeile: int
    spalte: str
    grund: str


@dataclass
class Einlesebericht:
    art: str
    gelesen: int = 0
    gueltig: list[dict[str, Any]] = field(default_factory=list)
    fehler: list[Fehlerzeile] = field(default_factory=list)

    @property
    def abgelehnt(self) -> int:
        return len({f.zeile for f in self.fehler if f.zeile > 0})

    def als_dict(self) -> dict[str, Any]:
        return {
            "art": self.art,
            "gelesen": self.gelesen,
            "uebernommen": len(self.gueltig),
            "abgelehnt": self.abgelehnt,
            "fehler": [{"zeile": f.zeile, "spalte": f.spalte, "grund": f.grund} for f in self.fehler],
        }


def _leer(wert: Any) -> bool:
    if wert is None:
        return True
    if isinstance(wert, float) and wert != wert:  # NaN
        return True
    return isinstance(wert, str) and not wert.strip()


def _pruefe_wert(spalte: Spalte, wert: Any) -> tuple[Any, str | None]:
    """Convert one cell; returns (value, German error or None)."""
    if _leer(wert):
        if spalte.pflicht:
            return None, "Pflichtfeld ist leer."
        return (None if spalte.art in ("ganzzahl", "datum") else ""), None
    if spalte.art == "ganzzahl":
        try:
            zahl = float(str(wert).strip().replace(",", "."))
        except ValueError:
            return None, f"„{wert}“ ist keine ganze Zahl."
        if zahl != int(zahl) or zahl < 0:
            return None, f"„{wert}“ ist keine ganze Zahl ≥ 0."
        return int(zahl), None
    if spalte.art == "datum":
        if isinstance(wert, dt.datetime | pd.Timestamp):
            return wert.date(), None
        if isinstance(wert, dt.date):
            return wert, None
        text = str(wert).strip()
        for muster in ("%Y-%m-%d", "%d.%m.%Y", "%m/%d/%Y"):
            try:
                datum = dt.datetime.strptime(text[:10], muster).date()
            except ValueError:
                continue
            if datum > dt.date.today() and not spalte.zukunft:
                return None, f"Das Datum {datum:%d.%m.%Y} liegt in der Zukunft."
            return datum, None
        return None, f"„{text}“ ist kein gültiges Datum (erwartet JJJJ-MM-TT oder TT.MM.JJJJ)."
    text = str(wert).strip()
    if spalte.art == "auswahl" and text not in spalte.auswahl:
        return None, f"„{text}“ ist nicht zulässig (erlaubt: {', '.join(spalte.auswahl)})."
    if len(text) > spalte.max_laenge:
        return None, f"Der Text ist länger als {spalte.max_laenge} Zeichen."
    return text, None


def pruefe_tabelle(art: str, zeilen: Iterable[dict[str, Any]], spalten: Iterable[str]) -> Einlesebericht:
    """Validate rows of table ``art``; unknown columns are reported once (row 0), missing ones too."""
    if art not in SCHEMATA:
        raise ValueError(f"Unbekannte Tabellenart „{art}“ (erlaubt: {', '.join(SCHEMATA)}).")
    schema = SCHEMATA[art]
    bericht = Einlesebericht(art)
    vorhanden = set(spalten)
    for spalte in schema:
        if spalte.pflicht and spalte.name not in vorhanden:
            bericht.fehler.append(Fehlerzeile(0, spalte.name, "Pflichtspalte fehlt in der Datei."))
    for name in sorted(vorhanden - {s.name for s in schema}):
        bericht.fehler.append(Fehlerzeile(0, name, "Unbekannte Spalte, sie wird ignoriert."))
    if any(f.grund.startswith("Pflichtspalte") for f in bericht.fehler):
        return bericht
    for nummer, zeile in enumerate(zeilen, start=1):
        bericht.gelesen += 1
        sauber: dict[str, Any] = {"_zeile": nummer}
        fehler = []
        for spalte in schema:
            wert, grund = _pruefe_wert(spalte, zeile.get(spalte.name))
            if grund:
                fehler.append(Fehlerzeile(nummer, spalte.name, grund))
            sauber[spalte.name] = wert
        if fehler:
            bericht.fehler.extend(fehler)
        else:
            bericht.gueltig.append(sauber)
    return bericht


def lies_datei(pfad: Path) -> pd.DataFrame:
    """Read CSV (``,`` or ``;``, UTF-8) or Parquet as strings/objects."""
    endung = "".join(pfad.suffixes).lower()
    if endung.endswith(".parquet"):
        return pd.read_parquet(pfad)
    if endung.endswith((".csv", ".csv.gz")):
        return pd.read_csv(pfad, dtype=str, keep_default_na=False, sep=None, engine="python")
    raise ValueError(f"Dateiformat von „{pfad.name}“ wird nicht unterstützt (CSV oder Parquet).")


def pruefe_datei(art: str, pfad: Path) -> Einlesebericht:
    rahmen = lies_datei(pfad)
    datensaetze = rahmen.astype(object).where(rahmen.notna(), None).to_dict(orient="records")
    return pruefe_tabelle(art, datensaetze, [str(s) for s in rahmen.columns])


def _betriebe_nach_nummer(sitzung: Session) -> dict[str, int]:
    zeilen = sitzung.execute(select(m.Mitgliedsbetrieb.betriebsnummer, m.Mitgliedsbetrieb.id))
    return {nummer: ident for nummer, ident in zeilen}


def speichere(sitzung: Session, bericht: Einlesebericht, besuche: dict[str, int] | None = None) -> int:
    """Write the valid rows to the database; rows referring to unknown firms/visits become errors.

    ``besuche`` maps imported Besuchsnummern to database ids (filled when importing ``besuche``, needed for
    ``maengel``). Returns the number of rows written. Existing firms are updated (same Betriebsnummer).
    """
    betriebe = _betriebe_nach_nummer(sitzung)
    besuche = besuche if besuche is not None else {}
    geschrieben = 0
    erzeuger: dict[str, Callable[[dict[str, Any]], Any]] = {}

    def betrieb(z: dict[str, Any]) -> Any:
        vorhanden = sitzung.scalar(
            select(m.Mitgliedsbetrieb).where(m.Mitgliedsbetrieb.betriebsnummer == z["betriebsnummer"])
        )
        ziel = vorhanden or m.Mitgliedsbetrieb(betriebsnummer=z["betriebsnummer"])
        for schluessel, wert in z.items():
            if schluessel not in ("betriebsnummer", "_zeile") and wert not in (None, ""):
                setattr(ziel, schluessel, wert)
        return ziel

    def unfall(z: dict[str, Any]) -> Any:
        return m.Unfallanzeige(
            betrieb_id=betriebe[z["betriebsnummer"]],
            datum=z["datum"],
            schwere=z["schwere"] or "meldepflichtig",
            schilderung=z["schilderung"],
            ursache=z["ursache"],
            ursache_quelle="person" if z["ursache"] else "",
        )

    def besuch(z: dict[str, Any]) -> Any:
        return m.Besuch(
            betrieb_id=betriebe[z["betriebsnummer"]],
            datum=z["datum"],
            anlass=z["anlass"] or "programm",
            ergebnis=z["ergebnis"],
            bussgeld_cent=z["bussgeld_cent"] or 0,
            bemerkung=z["besuchsnummer"],
        )

    def mangel(z: dict[str, Any]) -> Any:
        return m.Mangel(
            besuch_id=besuche[z["besuchsnummer"]],
            vorschrift=z["vorschrift"],
            schwere=z["schwere"] or "sonstig",
            bussgeld_cent=z["bussgeld_cent"] or 0,
        )

    def vorankuendigung(z: dict[str, Any]) -> Any:
        vorhanden = sitzung.scalar(
            select(m.Vorankuendigung).where(m.Vorankuendigung.aktenzeichen == z["aktenzeichen"])
        )
        ziel = vorhanden or m.Vorankuendigung(aktenzeichen=z["aktenzeichen"])
        for schluessel, wert in z.items():
            if schluessel in ("aktenzeichen", "_zeile"):
                continue
            if schluessel == "unternehmen":
                wert = [u.strip() for u in str(wert or "").split("|") if u.strip()]
            setattr(ziel, schluessel, wert)
        return ziel

    erzeuger = {
        "betriebe": betrieb,
        "unfaelle": unfall,
        "besuche": besuch,
        "maengel": mangel,
        "vorankuendigungen": vorankuendigung,
    }
    behalten = []
    for zeile in bericht.gueltig:
        nummer = int(zeile["_zeile"])
        if bericht.art in ("unfaelle", "besuche") and zeile["betriebsnummer"] not in betriebe:
            bericht.fehler.append(Fehlerzeile(nummer, "betriebsnummer", "Betrieb ist nicht bekannt."))
            continue
        if bericht.art == "maengel" and zeile["besuchsnummer"] not in besuche:
            bericht.fehler.append(Fehlerzeile(nummer, "besuchsnummer", "Besuch ist nicht bekannt."))
            continue
        objekt = erzeuger[bericht.art](zeile)
        sitzung.add(objekt)
        sitzung.flush()
        if bericht.art == "besuche":
            besuche[zeile["besuchsnummer"]] = objekt.id
        if bericht.art == "betriebe":
            betriebe[zeile["betriebsnummer"]] = objekt.id
        behalten.append(zeile)
        geschrieben += 1
    bericht.gueltig = behalten
    return geschrieben
