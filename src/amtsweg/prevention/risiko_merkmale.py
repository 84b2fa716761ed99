"""History features per firm and reference date (Stichtag), and the label of the risk model.

For a Stichtag T the population are firms with at least one accident in the ``rueckblick_jahre`` before T;
features use only events strictly before T; the label is "at least one further accident in [T, T + horizont)".
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from amtsweg.prevention.erzaehlung import KATEGORIEN
from amtsweg.prevention.risiko_daten import Bestand, vorschriftsgruppe

MANGEL_SCHWEREN = ("schwer", "vorsaetzlich", "wiederholt", "sonstig")
VORSCHRIFTSGRUPPEN = (
    "absturz",
    "gerueste",
    "leitern_treppen",
    "baugruben",
    "elektrik",
    "krane",
    "fahrzeuge_maschinen",
    "organisation_unterweisung",
    "schutzausruestung",
    "gesundheit_hygiene",
    "abbruch",
    "stahlbau",
    "beton",
    "werkzeuge",
    "gefahrstoffe",
    "enge_raeume",
    "allgemeine_pflicht",
    "aufzeichnung",
    "allgemeine_industrie",
    "sonstige_vorschrift",
    "sonstige_1926",
)
KATEGORISCH = ("gewerk", "region")
META = ("betriebsnummer", "stichtag", "groessenklasse", "region", "gewerk")
JAHR = pd.Timedelta(days=365.25)


def _zaehle(rahmen: pd.DataFrame, name: str) -> pd.Series:
    return rahmen.groupby("betriebsnummer").size().rename(name)


def merkmale_zum_stichtag(
    bestand: Bestand, stichtag: pd.Timestamp, horizont_jahre: float = 3.0, rueckblick_jahre: float = 5.0
) -> pd.DataFrame:
    """One row per firm in the population at ``stichtag``: features, ``ziel`` (label; NaN if unobserved)."""
    u = bestand.unfaelle
    u_vor = u[u["datum"] < stichtag]
    aktiv = u_vor[u_vor["datum"] >= stichtag - rueckblick_jahre * JAHR]["betriebsnummer"].unique()
    if len(aktiv) == 0:
        return pd.DataFrame()
    u_vor = u_vor[u_vor["betriebsnummer"].isin(aktiv)]
    teile: list[pd.Series] = [_zaehle(u_vor, "unf_gesamt")]
    for jahre in (1, 3, 5):
        teile.append(_zaehle(u_vor[u_vor["datum"] >= stichtag - jahre * JAHR], f"unf_{jahre}j"))
    teile.append(_zaehle(u_vor[u_vor["schwere"] == "toedlich"], "unf_toedlich"))
    for kategorie in KATEGORIEN:
        teile.append(_zaehle(u_vor[u_vor["ursache"] == kategorie], f"ursache_{kategorie}"))
    letzter = u_vor.groupby("betriebsnummer")["datum"].agg(["min", "max"])
    teile.append(((stichtag - letzter["max"]) / JAHR).rename("jahre_seit_unfall"))
    if "ort" in u_vor.columns:  # distinct sites: a size proxy when employee counts are missing
        teile.append(u_vor.groupby("betriebsnummer")["ort"].nunique().rename("baustellen_orte"))
    if "verbund" in bestand.betriebe.columns:  # accidents of other firms of the same group (optional column)
        verbund = bestand.betriebe.set_index("betriebsnummer")["verbund"]
        alle_vor = u[u["datum"] < stichtag].assign(verbund=lambda r: r["betriebsnummer"].map(verbund))
        je_verbund = alle_vor.groupby("verbund").agg(n=("datum", "size"), b=("betriebsnummer", "nunique"))
        eigener = verbund.reindex(aktiv)
        teile.append(pd.Series(eigener.map(je_verbund["n"]).to_numpy(), index=aktiv, name="unf_verbund"))
        teile.append(pd.Series(eigener.map(je_verbund["b"]).to_numpy(), index=aktiv, name="betriebe_verbund"))
    teile.append(((stichtag - letzter["min"]) / JAHR).rename("jahre_historie"))

    b = bestand.besuche
    b_vor = b[(b["datum"] < stichtag) & b["betriebsnummer"].isin(aktiv)]
    teile.append(_zaehle(b_vor, "besuche_gesamt"))
    teile.append(_zaehle(b_vor[b_vor["datum"] >= stichtag - 3 * JAHR], "besuche_3j"))
    teile.append(_zaehle(b_vor[b_vor["anlass"] != "unfall"], "besuche_ohne_unfall"))
    teile.append(
        ((stichtag - b_vor.groupby("betriebsnummer")["datum"].max()) / JAHR).rename("jahre_seit_besuch")
    )
    bussgeld = b_vor.groupby("betriebsnummer")["bussgeld_cent"].sum() / 100
    teile.append(bussgeld.rename("bussgeld_euro"))

    mg = bestand.maengel
    mg = mg[mg["datum"] < stichtag].merge(b_vor[["besuchsnummer", "betriebsnummer"]], on="besuchsnummer")
    teile.append(_zaehle(mg, "maengel_gesamt"))
    for schwere in MANGEL_SCHWEREN:
        teile.append(_zaehle(mg[mg["schwere"] == schwere], f"maengel_{schwere}"))
    gruppen = mg["vorschrift"].map(vorschriftsgruppe)
    for gruppe in VORSCHRIFTSGRUPPEN:
        teile.append(_zaehle(mg[gruppen == gruppe], f"vorschrift_{gruppe}"))

    x = pd.concat(teile, axis=1).reindex(aktiv)
    zaehler = [c for c in x.columns if not c.startswith("jahre_")]
    x[zaehler] = x[zaehler].fillna(0)
    x["jahre_seit_besuch"] = x["jahre_seit_besuch"].fillna(x["jahre_historie"] + 1)
    if "unf_verbund" in x.columns:
        x["unf_verbund"] = (x["unf_verbund"] - x["unf_gesamt"]).clip(lower=0)  # only the other firms
        x["betriebe_verbund"] = (x["betriebe_verbund"] - 1).clip(lower=0)
    # penalties rise over time (inflation, law changes): the model sees them relative to the population
    x["bussgeld_relativ"] = x["bussgeld_euro"] / max(float(x["bussgeld_euro"].mean()), 1.0)
    x["maengel_je_besuch"] = x["maengel_gesamt"] / x["besuche_gesamt"].clip(lower=1)
    x.index.name = "betriebsnummer"
    x = x.reset_index()
    stamm = bestand.betriebe.set_index("betriebsnummer")
    for spalte in ("groessenklasse", "region", "gewerk"):
        werte = stamm[spalte] if spalte in stamm else pd.Series(dtype=object)
        x[spalte] = x["betriebsnummer"].map(werte).fillna("unbekannt").astype(str)
    x["stichtag"] = stichtag
    spaeter = u[(u["datum"] >= stichtag) & (u["datum"] < stichtag + horizont_jahre * JAHR)]
    x["ziel"] = x["betriebsnummer"].isin(set(spaeter["betriebsnummer"])).astype(float)
    if u["datum"].max() < stichtag + horizont_jahre * JAHR:
        x["ziel"] = np.nan  # window not fully observed yet
    return x


def merkmale_fuer_jahre(
    bestand: Bestand, jahre: list[int], horizont_jahre: float = 3.0, rueckblick_jahre: float = 5.0
) -> pd.DataFrame:
    """Stack the yearly reference dates (1 January of each year)."""
    rahmen = [
        merkmale_zum_stichtag(bestand, pd.Timestamp(year=j, month=1, day=1), horizont_jahre, rueckblick_jahre)
        for j in jahre
    ]
    rahmen = [r for r in rahmen if len(r)]
    return pd.concat(rahmen, ignore_index=True) if rahmen else pd.DataFrame()


#: kept for display and drift monitoring, not used by the model
NICHT_IM_MODELL = ("bussgeld_euro",)


def numerische_spalten(x: pd.DataFrame) -> list[str]:
    return [c for c in x.columns if c not in (*META, *NICHT_IM_MODELL, "ziel")]
