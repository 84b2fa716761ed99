"""Import of Vorankündigungen (§ 2 BaustellV, Anhang I fields) and their use as current sites in the week
plan."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pandas as pd
from sqlalchemy import select
from sqlalchemy.orm import Session

from amtsweg.prevention import modelle as m
from amtsweg.prevention.besuchsplan import erstelle_arbeitsliste, plan_speichern
from amtsweg.prevention.einlesen import pruefe_datei, speichere
from amtsweg.prevention.wochenplan import erstelle_wochenplan

KOPF = (
    "aktenzeichen;ort;plz;region;bauherr;art_bauvorhaben;dritter;koordinator;beginn;dauer_arbeitstage;"
    "hoechstzahl_beschaeftigte;zahl_arbeitgeber;unternehmen;eingegangen_am\n"
)
CSV = (
    KOPF
    + "VA-1;Lindenweg 3, Kassel;34117;Nord;Stadt Kassel;Neubau Kita;;Ing.-Büro Kurz;2027-02-22;40;25;4;"
    + "B1|Dach GmbH;2026-11-20\n"
    + """VA-2;Hafenstr. 1, Kassel;34119;Nord;Privat;Umbau;;;2027-05-01;10;3;1;B2;
VA-3;;34119;Nord;Privat;Umbau;;;kein-datum;10;0;1;B2;
"""
)


def test_import_und_aktuelle_baustellen(sitzung: Session, tmp_path: Path) -> None:
    datei = tmp_path / "va.csv"
    datei.write_text(CSV, encoding="utf-8")
    bericht = pruefe_datei("vorankuendigungen", datei)
    assert bericht.gelesen == 3 and len(bericht.gueltig) == 2
    assert {(f.zeile, f.spalte) for f in bericht.fehler} >= {(3, "ort"), (3, "beginn")}
    assert speichere(sitzung, bericht) == 2
    va = sitzung.scalar(select(m.Vorankuendigung).where(m.Vorankuendigung.aktenzeichen == "VA-1"))
    assert va is not None and va.unternehmen == ["B1", "Dach GmbH"] and va.koordinator == "Ing.-Büro Kurz"
    assert va.dauer_arbeitstage == 40 and va.beginn == dt.date(2027, 2, 22)
    # the same Aktenzeichen again updates instead of duplicating
    assert speichere(sitzung, pruefe_datei("vorankuendigungen", datei)) == 2
    assert len(list(sitzung.scalars(select(m.Vorankuendigung)))) == 2

    rahmen = pd.DataFrame(
        {"betriebsnummer": ["B1", "B2"], "region": ["Nord"] * 2, "wahrscheinlichkeit": [0.5, 0.4]}
    )
    plan_speichern(sitzung, erstelle_arbeitsliste(rahmen, 2), "t", dt.date(2027, 1, 1))
    plan = erstelle_wochenplan(sitzung, "Anna", dt.date(2027, 3, 1), je_tag=1, region="Nord")
    montag = plan.tage[0][1][0]
    assert montag.betriebsnummer == "B1" and "Neubau Kita (Vorankündigung VA-1)" in montag.baustellen[0]
    assert plan.tage[1][1][0].baustellen == ()  # B2's site starts in May
    assert plan.baustellen == ["34117 Lindenweg 3, Kassel: Neubau Kita (Vorankündigung VA-1)"]
    spaeter = erstelle_wochenplan(sitzung, "Anna", dt.date(2027, 5, 3), je_tag=1, region="Nord")
    assert any("VA-2" in b for b in spaeter.baustellen) and not any("VA-1" in b for b in spaeter.baustellen)
