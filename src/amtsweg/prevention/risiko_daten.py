"""Internal tables for the risk model (pandas) and the adapter for the public OSHA construction data.

The risk model reads four frames in the import schema of ``einlesen.SCHEMATA`` (betriebe, unfaelle, besuche,
maengel). An insurer's own exports have this shape; ``osha_laden`` maps the OSHA files onto it.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import pandas as pd

#: OSHA violation type -> Mangel severity
OSHA_SCHWERE = {"Serious": "schwer", "Willful": "vorsaetzlich", "Repeat": "wiederholt"}

#: US state -> Census region (used as "Region" for fairness reports)
_REGIONEN = {
    "Nordost": "CT ME MA NH RI VT NJ NY PA",
    "Mittlerer Westen": "IL IN MI OH WI IA KS MN MO NE ND SD",
    "Süden": "DE FL GA MD NC SC VA DC WV AL KY MS TN AR LA OK TX PR VI",
    "Westen": "AZ CO ID MT NV NM UT WY AK CA HI OR WA GU",
}
STAAT_REGION = {staat: region for region, staaten in _REGIONEN.items() for staat in staaten.split()}


@dataclass
class Bestand:
    """The four input tables (one row per firm / accident / visit / finding)."""

    betriebe: pd.DataFrame  # betriebsnummer, name, gewerk, groessenklasse, region
    unfaelle: pd.DataFrame  # betriebsnummer, datum, schwere, schilderung, ursache
    besuche: pd.DataFrame  # besuchsnummer, betriebsnummer, datum, anlass, bussgeld_cent
    maengel: pd.DataFrame  # besuchsnummer, vorschrift, datum, schwere, bussgeld_cent


def vorschriftsgruppe(vorschrift: str) -> str:
    """Group a cited standard into a topic (German). OSHA ``19260501 B01`` -> 29 CFR 1926.501 -> Absturz."""
    text = str(vorschrift).strip().upper()
    if text.startswith("5A"):
        return "allgemeine_pflicht"
    if not (text[:4].isdigit() and text[:2] == "19" and len(text) >= 8 and text[4:8].isdigit()):
        return "sonstige_vorschrift"
    teil, abschnitt = text[:4], int(text[4:8])
    if teil == "1904":
        return "aufzeichnung"
    if teil == "1910":
        return "allgemeine_industrie"
    if teil != "1926":
        return "sonstige_vorschrift"
    bereiche = [
        (20, 36, "organisation_unterweisung"),
        (50, 67, "gesundheit_hygiene"),
        (95, 108, "schutzausruestung"),
        (150, 160, "brandschutz"),
        (250, 252, "material_lagerung"),
        (300, 308, "werkzeuge"),
        (350, 355, "schweissen"),
        (400, 450, "elektrik"),
        (450, 455, "gerueste"),
        (500, 504, "absturz"),
        (550, 557, "krane"),
        (600, 607, "fahrzeuge_maschinen"),
        (650, 653, "baugruben"),
        (700, 707, "beton"),
        (750, 762, "stahlbau"),
        (800, 805, "untertagebau"),
        (850, 861, "abbruch"),
        (1050, 1061, "leitern_treppen"),
        (1100, 1153, "gefahrstoffe"),
        (1200, 1214, "enge_raeume"),
        (1400, 1443, "krane"),
    ]
    for von, bis, name in bereiche:
        if von <= abschnitt < bis:
            return name
    return "sonstige_1926"


def osha_laden(ordner: Path) -> Bestand:
    """Map the OSHA accident-inspection files to the internal tables."""
    insp = pd.read_csv(ordner / "osha_construction_accident_inspections.csv.gz", low_memory=False)
    verst = pd.read_csv(ordner / "osha_construction_accident_inspections_violations.csv.gz", low_memory=False)
    insp = insp[insp["firm_key"].notna()].copy()
    insp["datum"] = pd.to_datetime(insp["date_opened"], errors="coerce")
    insp = insp[insp["datum"].notna()]
    insp["besuchsnummer"] = insp["inspection_nr"].astype("int64").astype(str)
    insp = insp.sort_values("datum")
    naics = insp["naics_code"].fillna(0).astype("int64").astype(str).str[:4]
    insp["gewerk"] = naics.where(naics != "0", "unbekannt")
    insp["region"] = insp["site_state"].map(STAAT_REGION).fillna("unbekannt")
    betriebe = (
        insp.groupby("firm_key")
        .agg(
            name=("estab_name", "last"),
            gewerk=("gewerk", "last"),
            region=("region", "last"),
            staat=("site_state", "last"),
        )
        .reset_index()
        .rename(columns={"firm_key": "betriebsnummer"})
    )
    betriebe["verbund"] = betriebe["betriebsnummer"].str.split("|").str[0]  # same name in other states
    betriebe["groessenklasse"] = "unbekannt"  # OSHA inspection pages carry no employee counts
    ereignis = pd.to_datetime(insp["event_date"], errors="coerce")
    unfaelle = pd.DataFrame(
        {
            "betriebsnummer": insp["firm_key"].to_numpy(),
            "datum": ereignis.fillna(insp["datum"]).to_numpy(),
            "schwere": insp["fatal_flag_from_text"].map({True: "toedlich", False: "schwer"}).to_numpy(),
            "schilderung": (
                insp["accident_title"].fillna("") + " . " + insp["accident_abstract"].fillna("")
            ).to_numpy(),
            "ursache": "",
            "ort": (
                insp["site_city"].fillna("").str.upper() + "|" + insp["site_state"].fillna("")
            ).to_numpy(),
        }
    )
    besuche = pd.DataFrame(
        {
            "besuchsnummer": insp["besuchsnummer"].to_numpy(),
            "betriebsnummer": insp["firm_key"].to_numpy(),
            "datum": insp["datum"].to_numpy(),
            "anlass": "unfall",
            "bussgeld_cent": (insp["init_pen_total"].fillna(0) * 100).round().astype("int64").to_numpy(),
        }
    )
    verst = verst[verst["inspection_nr"].notna()].copy()
    verst["besuchsnummer"] = verst["inspection_nr"].astype("int64").astype(str)
    datum_besuch = besuche.set_index("besuchsnummer")["datum"]
    ausgestellt = pd.to_datetime(verst["issuance_date"], format="%m/%d/%Y", errors="coerce")
    maengel = pd.DataFrame(
        {
            "besuchsnummer": verst["besuchsnummer"].to_numpy(),
            "vorschrift": verst["standard"].fillna("").astype(str).to_numpy(),
            "datum": ausgestellt.fillna(verst["besuchsnummer"].map(datum_besuch)).to_numpy(),
            "schwere": verst["citation_type"].map(OSHA_SCHWERE).fillna("sonstig").to_numpy(),
            "bussgeld_cent": (pd.to_numeric(verst["initial_penalty"], errors="coerce").fillna(0) * 100)
            .round()
            .astype("int64")
            .to_numpy(),
        }
    )
    maengel = maengel[maengel["besuchsnummer"].isin(set(besuche["besuchsnummer"]))]
    return Bestand(betriebe, unfaelle, besuche, maengel.reset_index(drop=True))
