from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

from amtsweg.prevention import erzaehlung as ez

DATEN = Path(__file__).resolve().parents[3] / "shared" / "data" / "unfaelle"


@pytest.fixture(scope="module")
def satz() -> ez.Datensatz:
    return ez.lade_tagged1000(DATEN / "tagged1000.xlsx")


def test_daten_ohne_leckspalten(satz: ez.Datensatz) -> None:
    assert len(satz.texte) == 1000 and len(set(satz.labels)) == 11
    assert set(satz.labels) == set(ez.KATEGORIEN)


def test_klassifikator_lernt_aus_schilderungen(satz: ez.Datensatz) -> None:
    rng = np.random.default_rng(0)
    idx = rng.permutation(1000)
    lern, test = idx[:600], idx[600:800]
    modell = ez.Erzaehlungsklassifikator("svm").fit(
        [satz.texte[i] for i in lern], [satz.labels[i] for i in lern]
    )
    vorhersage = modell.predict([satz.texte[i] for i in test])
    treffer = np.mean(vorhersage == np.asarray([satz.labels[i] for i in test]))
    assert treffer > 0.6
    e = ez.ordne_ein(modell, ["Employee fell 20 feet from the roof edge and was killed."])[0]
    assert e.kategorie == "falls" and e.gefaehrdungsfaktor == "1.6" and e.bezeichnung.startswith("Absturz")
    assert abs(sum(p for _, p in e.alternativen) - e.wahrscheinlichkeit) < 1.0


def test_transfer_merkmale_und_ausschluss(satz: ez.Datensatz, tmp_path: Path) -> None:
    import pandas as pd

    rahmen = pd.DataFrame(
        {
            "id": [satz.ids[0], 1, 2, 3, 4],
            "title": ["t", "t", "t", "t", "t"],
            "SUMMARY": [
                satz.nur_schilderung[0],
                satz.nur_schilderung[1],
                "Worker fell from ladder.",
                "Worker was electrocuted by a power line.",
                "Worker fell through a roof opening.",
            ],
            "TggedL1": [4, 4, 4, 5, 4],
            "TaggedL2": ["43 Falls", "0", "43 Falls", "51 Electricity", "0"],
        }
    )
    datei = tmp_path / "oiics.xlsx"
    rahmen.to_excel(datei, sheet_name="4470", index=False)
    texte, labels = ez.lade_hilfsdaten(datei, satz)
    assert len(texte) == 3  # labelled id and labelled text fingerprint removed
    assert labels == ["L2:43 Falls", "L2:51 Electricity", "D:4"]
    hilfe = ez.Hilfsmodell(texte * 4, labels * 4)
    z = hilfe.transform(["fell from a ladder"])
    assert z.shape == (1, 3) and abs(z.sum() - 1) < 1e-9


def test_schluessel_titel_und_nahe_duplikate() -> None:
    from amtsweg.prevention.erzaehlung_schluessel import schluessel_merkmale, titel_von

    text = ez.text_von("Employee electrocuted", "He touched an energized power line and fell.")
    assert titel_von(text) == "Employee electrocuted"
    z = schluessel_merkmale([text]).toarray()[0]
    namen = list(ez.KATEGORIEN)
    assert z.shape == (22,) and z[namen.index("electrocution")] > 0  # title column
    assert z[11 + namen.index("falls")] > 0 and z[namen.index("falls")] == 0  # "fell" only in the narrative
    pool = ["Worker fell from a ladder onto the concrete floor.", "A trench wall collapsed on two workers."]
    gesperrt = ["worker FELL from a ladder onto the concrete floor"]
    assert ez.ohne_nahe_duplikate(pool, gesperrt) == [pool[1]]


def test_gewichtete_zusatzdaten_und_selbsttraining() -> None:
    texte = ["fell from roof", "fell from ladder", "electrocuted by power line", "shock from live wire"] * 3
    labels = ["falls", "falls", "electrocution", "electrocution"] * 3
    m = ez.Erzaehlungsklassifikator(
        "ensemble3",
        zusatz=(["fell through skylight"], ["falls"]),
        unbeschriftet=["worker fell from scaffold", "contacted energized line"],
        selbst_schwelle=0.0,
        schluessel_gewicht=1.0,
    ).fit(texte, labels)
    assert m.selbst_anzahl_ == 2 and set(m.classes_) == {"falls", "electrocution"}
    assert list(m.predict(["he fell off the roof", "electrocuted at a power line"])) == [
        "falls",
        "electrocution",
    ]
    assert ez.abgebildete_hilfsdaten(["a", "b", "c"], ["L2:43 Falls", "L2:62 Struck", "D:4"]) == (
        ["a"],
        ["falls"],
    )
