from __future__ import annotations

import numpy as np
import pandas as pd

from amtsweg.prevention.metriken import anteil_maske
from amtsweg.prevention.risiko_daten import Bestand, vorschriftsgruppe
from amtsweg.prevention.risiko_merkmale import merkmale_fuer_jahre, merkmale_zum_stichtag
from amtsweg.prevention.risiko_modell import EmpirischerBayes, Risikomodell, score_meiste_unfaelle
from amtsweg.prevention.risiko_training import evaluiere_zeitraum

T = pd.Timestamp("2010-01-01")


def test_merkmale_nur_aus_der_vergangenheit_und_ziel_im_horizont(bestand: Bestand) -> None:
    x = merkmale_zum_stichtag(bestand, T, horizont_jahre=3, rueckblick_jahre=1)
    firma = x.iloc[0]["betriebsnummer"]
    u = bestand.unfaelle[bestand.unfaelle["betriebsnummer"] == firma]
    assert x.iloc[0]["unf_gesamt"] == (u["datum"] < T).sum()
    im_fenster = ((u["datum"] >= T) & (u["datum"] < T + pd.Timedelta(days=3 * 365.25))).any()
    assert x.iloc[0]["ziel"] == float(im_fenster)
    # a future accident changes the label but not a single feature
    zukunft = pd.DataFrame(
        [
            {
                "betriebsnummer": firma,
                "datum": T + pd.Timedelta(days=10),
                "schwere": "toedlich",
                "schilderung": "",
                "ursache": "falls",
            }
        ]
    )
    neu = Bestand(bestand.betriebe, pd.concat([bestand.unfaelle, zukunft]), bestand.besuche, bestand.maengel)
    y = merkmale_zum_stichtag(neu, T, horizont_jahre=3, rueckblick_jahre=1)
    spalten = [c for c in x.columns if c != "ziel"]
    pd.testing.assert_frame_equal(x[spalten], y[spalten])
    assert y.iloc[0]["ziel"] == 1.0


def test_population_nur_mit_unfall_im_rueckblick(bestand: Bestand) -> None:
    x = merkmale_zum_stichtag(bestand, T, rueckblick_jahre=1)
    assert (x["jahre_seit_unfall"] <= 1.0).all() and len(x) > 50


def test_unbeobachtetes_fenster_hat_kein_ziel(bestand: Bestand) -> None:
    x = merkmale_zum_stichtag(bestand, pd.Timestamp("2019-01-01"), horizont_jahre=3)
    assert x["ziel"].isna().all()


def test_vorschriftsgruppen() -> None:
    assert vorschriftsgruppe("19260501 B01") == "absturz"
    assert vorschriftsgruppe("19260451 G01") == "gerueste"
    assert vorschriftsgruppe("19260652 A01") == "baugruben"
    assert vorschriftsgruppe("19261053 B01") == "leitern_treppen"
    assert vorschriftsgruppe("5A0001") == "allgemeine_pflicht"
    assert vorschriftsgruppe("342 A") == "sonstige_vorschrift"


def test_modell_trennt_riskante_betriebe_und_erklaert_auf_deutsch(bestand: Bestand) -> None:
    x = merkmale_fuer_jahre(bestand, list(range(2003, 2017)), rueckblick_jahre=3)
    e = evaluiere_zeitraum(x, 2014, 2016, kapazitaet=20, wiederholungen=20)
    assert e["verfahren"]["modell"]["auc"] > 0.7
    assert e["verfahren"]["modell"]["praezision_10"] > 1.3 * e["basisrate_test"]
    assert e["verfahren"]["zufall"]["auc"] < 0.65
    lo, hi = e["ki95"]["auc_modell"]
    assert lo <= e["verfahren"]["modell"]["auc"] <= hi
    modell = e["modell_objekt"]
    p = modell.predict_proba(x)
    assert ((p >= 0) & (p <= 1)).all()
    oben = x.iloc[[int(np.argmax(p))]]
    gruende = modell.erklaere(oben)[0]
    assert gruende and all(isinstance(g["text"], str) and g["beitrag"] > 0 for g in gruende)
    assert any("Unfälle" in g["text"] or "Mängel" in g["text"] for g in gruende)


def test_baselines(bestand: Bestand) -> None:
    x = merkmale_zum_stichtag(bestand, T, rueckblick_jahre=3)
    s = score_meiste_unfaelle(x)
    oben = anteil_maske(s, 0.1)
    assert x.loc[oben, "unf_gesamt"].min() >= x.loc[~oben, "unf_gesamt"].max()
    eb = EmpirischerBayes().fit(x)
    assert eb.alpha > 0 and eb.beta > 0
    score = eb.score(x)
    rate = x["unf_5j"]
    assert np.corrcoef(score, rate)[0, 1] > 0.9


def test_isotonische_kalibrierung(bestand: Bestand) -> None:
    x = merkmale_fuer_jahre(bestand, list(range(2003, 2012)), rueckblick_jahre=3)
    p = Risikomodell(kalibrierung="isotonic").fit(x, kalibrier_anteil_jahre=2).predict_proba(x)
    assert abs(p.mean() - x["ziel"].mean()) < 0.1
