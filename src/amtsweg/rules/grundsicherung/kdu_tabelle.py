"""Local Angemessenheitsgrenzen for Unterkunft (§ 22 Abs. 1 Satz 1 SGB II) per kommunaler Träger.

No national values exist: every Träger sets them (schlüssiges Konzept or Satzung, §§ 22a-22c SGB II).
The caller loads a YAML file with ``lade_kdu_tabelle(pfad)`` and passes the table into the rules::

    standard: ludwigshafen            # optional: Träger for households that name none
    traeger:
      ludwigshafen:
        werte:
          - gueltig_ab: 2025-01-01
            quelle: "Richtwerte KdU der Stadt Ludwigshafen, Stand 1.1.2025"
            unterkunft: ["450.00", "540.00", "640.00", "740.00", "840.00"]   # 1, 2, 3, ... persons
            je_weitere: "100.00"                                          # each person beyond the list

The amounts are abstract Angemessenheitsgrenzen for the Bruttokaltmiete (or Belastung) of the whole
household; heating is recognised as actually paid (A-0017).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import numpy.typing as npt
import yaml
from pydantic import BaseModel, ConfigDict, Field, ValidationError

from amtsweg.rules.engine.fehler import Eingabefehler, ParameterFehler
from amtsweg.rules.engine.geld import euro_als_cent

I64 = npt.NDArray[np.int64]


class _Eintrag(BaseModel):
    model_config = ConfigDict(extra="forbid")
    gueltig_ab: dt.date
    quelle: str = Field(min_length=3)
    unterkunft: list[str | int] = Field(min_length=1)
    je_weitere: str | int


class _Traeger(BaseModel):
    model_config = ConfigDict(extra="forbid")
    name: str | None = None
    werte: list[_Eintrag] = Field(min_length=1)


class _Datei(BaseModel):
    model_config = ConfigDict(extra="forbid")
    standard: str | None = None
    traeger: dict[str, _Traeger] = Field(min_length=1)


@dataclass(frozen=True, slots=True)
class KduGrenze:
    gueltig_ab: dt.date
    quelle: str
    unterkunft: tuple[int, ...]  # cents for 1..len persons
    je_weitere: int

    def fuer(self, personen: int) -> int:
        n = len(self.unterkunft)
        if personen <= n:
            return self.unterkunft[max(personen, 1) - 1]
        return self.unterkunft[-1] + (personen - n) * self.je_weitere


@dataclass(frozen=True, slots=True)
class KduTabelle:
    traeger: dict[str, tuple[KduGrenze, ...]]  # sorted by gueltig_ab
    standard: str | None = None

    def eintrag(self, traeger: str, stichtag: dt.date) -> KduGrenze:
        if traeger not in self.traeger:
            raise Eingabefehler(
                "wohnung.kdu_traeger",
                f"Für den Träger „{traeger}“ sind keine Angemessenheitsgrenzen hinterlegt.",
            )
        gefunden = [e for e in self.traeger[traeger] if e.gueltig_ab <= stichtag]
        if not gefunden:
            raise ParameterFehler(
                f"Angemessenheitsgrenzen für {traeger} gelten erst ab {self.traeger[traeger][0].gueltig_ab}."
            )
        return gefunden[-1]

    def grenze(self, traeger: str | None, stichtag: dt.date, personen: int) -> int | None:
        """Grenze in cents, or None if neither the household nor the table names a Träger."""
        name = traeger or self.standard
        return None if name is None else self.eintrag(name, stichtag).fuer(personen)

    def grenzen(self, traeger: Sequence[str | None] | None, stichtag: dt.date, personen: I64) -> I64:
        """Per household: Grenze in cents, -1 where no Träger is known."""
        namen = traeger if traeger is not None else [None] * len(personen)
        werte = [self.grenze(t, stichtag, int(n)) for t, n in zip(namen, personen, strict=True)]
        return np.array([-1 if w is None else w for w in werte], dtype=np.int64)


def lade_kdu_tabelle(pfad: Path) -> KduTabelle:
    """Read and validate a KdU table; errors name the file."""
    try:
        roh = yaml.safe_load(pfad.read_text(encoding="utf-8"))
        datei = _Datei.model_validate(roh)
    except (OSError, yaml.YAMLError, ValidationError) as fehler:
        raise ParameterFehler(f"KdU-Tabelle {pfad.name} ist ungültig: {fehler}") from fehler
    traeger: dict[str, tuple[KduGrenze, ...]] = {}
    for name, t in datei.traeger.items():
        eintraege = sorted(t.werte, key=lambda e: e.gueltig_ab)
        traeger[name] = tuple(
            KduGrenze(
                e.gueltig_ab,
                e.quelle,
                tuple(euro_als_cent(x) for x in e.unterkunft),
                euro_als_cent(e.je_weitere),
            )
            for e in eintraege
        )
    if datei.standard is not None and datei.standard not in traeger:
        raise ParameterFehler(f"KdU-Tabelle {pfad.name}: Standard-Träger {datei.standard} fehlt.")
    return KduTabelle(traeger, datei.standard)
