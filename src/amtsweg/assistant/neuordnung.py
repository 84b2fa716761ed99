"""Linear models stored as JSON (no pickles): the learned re-ranking of the BM25 candidates.

The weights are trained by ``bench/assistent_training.py`` with our own code (scikit-learn logistic
regression, pairwise on the integreat-qa train split; the regularisation chosen on dev) and written to
``daten/neuordnung.json``. The file lists the feature names, so a model never silently meets other features.
"""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass
from pathlib import Path

import numpy as np
import numpy.typing as npt

DATEI = Path(__file__).parent / "daten" / "neuordnung.json"


@dataclass(frozen=True)
class LinearesModell:
    """score = ((x - mittel) / skala) · gewichte + achsenabschnitt."""

    namen: tuple[str, ...]
    mittel: tuple[float, ...]
    skala: tuple[float, ...]
    gewichte: tuple[float, ...]
    achsenabschnitt: float = 0.0

    def bewerte(self, x: npt.NDArray[np.float64]) -> npt.NDArray[np.float64]:
        z = (np.asarray(x, dtype=np.float64) - np.asarray(self.mittel)) / np.asarray(self.skala)
        return np.asarray(z @ np.asarray(self.gewichte) + self.achsenabschnitt, dtype=np.float64)

    def wahrscheinlichkeit(self, x: npt.NDArray[np.float64]) -> npt.NDArray[np.float64]:
        return np.asarray(1.0 / (1.0 + np.exp(-self.bewerte(x))), dtype=np.float64)

    def als_dict(self) -> dict[str, object]:
        return asdict(self)

    @classmethod
    def aus_dict(cls, daten: dict[str, object], namen: tuple[str, ...]) -> LinearesModell:
        modell = cls(
            namen=tuple(daten["namen"]),  # type: ignore[arg-type]
            mittel=tuple(daten["mittel"]),  # type: ignore[arg-type]
            skala=tuple(daten["skala"]),  # type: ignore[arg-type]
            gewichte=tuple(daten["gewichte"]),  # type: ignore[arg-type]
            achsenabschnitt=float(daten.get("achsenabschnitt", 0.0)),  # type: ignore[arg-type]
        )
        if modell.namen != namen:
            raise ValueError(f"Modell erwartet Merkmale {modell.namen}, berechnet werden {namen}")
        return modell


@dataclass(frozen=True)
class Neuordnung:
    """Re-ranks the first ``kandidaten`` BM25 results by a linear model over ``merkmale.NAMEN``."""

    modell: LinearesModell
    kandidaten: int = 30

    def bewerte(self, x: npt.NDArray[np.float64]) -> npt.NDArray[np.float64]:
        return self.modell.bewerte(x)

    @classmethod
    def lade(cls, datei: Path = DATEI) -> Neuordnung | None:
        """The stored model, or None if there is none (then the first stage alone ranks)."""
        from amtsweg.assistant.merkmale import NAMEN

        if not datei.exists():
            return None
        daten = json.loads(datei.read_text(encoding="utf-8"))
        return cls(LinearesModell.aus_dict(daten["modell"], NAMEN), int(daten.get("kandidaten", 30)))
