"""Fixtures for the targeting tests: an SQLite session with the prevention tables, a synthetic Bestand."""

from __future__ import annotations

from collections.abc import Iterator

import numpy as np
import pandas as pd
import pytest
from sqlalchemy import create_engine
from sqlalchemy.orm import Session

from amtsweg.db.basis import Basis
from amtsweg.prevention import modelle as m
from amtsweg.prevention.risiko_daten import Bestand

TABELLEN = [
    t.__table__
    for t in (
        m.Mitgliedsbetrieb,
        m.Unfallanzeige,
        m.Risikolauf,
        m.Besuchsplan,
        m.Besuch,
        m.Mangel,
        m.Vorankuendigung,
    )
]


@pytest.fixture
def sitzung() -> Iterator[Session]:
    engine = create_engine("sqlite://")
    Basis.metadata.create_all(engine, tables=TABELLEN)  # type: ignore[arg-type]
    with Session(engine) as s:
        yield s
    engine.dispose()


def synthetischer_bestand(firmen: int = 300, seed: int = 0) -> Bestand:
    """Firms with a latent yearly accident rate; 'riskant' firms also collect serious violations."""
    rng = np.random.default_rng(seed)
    regionen = ["Nord", "Sued", "West"]
    betriebe, unfaelle, besuche, maengel = [], [], [], []
    nummer = 0
    for i in range(firmen):
        rate = float(rng.choice([0.1, 0.3, 1.2], p=[0.5, 0.3, 0.2]))
        name = f"B{i:04d}"
        betriebe.append(
            {
                "betriebsnummer": name,
                "gewerk": "dach" if rate > 1 else "bau",
                "groessenklasse": "1-9" if i % 2 else "10-49",
                "region": regionen[i % 3],
            }
        )
        for jahr in range(2000, 2020):
            for _ in range(rng.poisson(rate)):
                tag = pd.Timestamp(year=jahr, month=int(rng.integers(1, 13)), day=int(rng.integers(1, 28)))
                unfaelle.append(
                    {
                        "betriebsnummer": name,
                        "datum": tag,
                        "schwere": "schwer",
                        "schilderung": "",
                        "ursache": "falls" if rate > 1 else "others",
                    }
                )
                nummer += 1
                besuche.append(
                    {
                        "besuchsnummer": str(nummer),
                        "betriebsnummer": name,
                        "datum": tag,
                        "anlass": "unfall",
                        "bussgeld_cent": 100_00,
                    }
                )
                for _ in range(int(rng.poisson(3 if rate > 1 else 0.5))):
                    maengel.append(
                        {
                            "besuchsnummer": str(nummer),
                            "vorschrift": "19260501 B01",
                            "datum": tag,
                            "schwere": "schwer",
                            "bussgeld_cent": 50_00,
                        }
                    )
    return Bestand(
        pd.DataFrame(betriebe), pd.DataFrame(unfaelle), pd.DataFrame(besuche), pd.DataFrame(maengel)
    )


@pytest.fixture(scope="session")
def bestand() -> Bestand:
    return synthetischer_bestand()
