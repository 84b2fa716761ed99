"""Dated legal parameters in YAML, each value with its start date and Fundstelle.

File format (one file holds several parameters)::

    parameter:
      hoechstbetrag:
        norm: {gesetz: WoGG, anlage: "1"}
        beschreibung: Höchstbeträge für Miete und Belastung
        werte:
          - gueltig_ab: 2023-01-01
            fundstelle: "Art. 1 Nr. 33 G v. 5.12.2022, BGBl. 2022 I S. 2160"
            wert: {...}

A value is valid from its ``gueltig_ab`` until the next value starts, or until the optional
``gueltig_bis`` of the last value. A lookup outside that range raises. Values with ``status``
``entwurf`` or ``prognose`` are only returned for what-if calculations (``nur_in_kraft=False``).
"""

from __future__ import annotations

import datetime as dt
import hashlib
from collections.abc import Iterator
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any, Literal

import yaml
from pydantic import BaseModel, ConfigDict, Field, ValidationError, model_validator

from amtsweg.rules.engine.fehler import ParameterFehler
from amtsweg.rules.engine.norm import Norm

Status = Literal["in_kraft", "entwurf", "prognose"]


class WertSchema(BaseModel):
    model_config = ConfigDict(extra="forbid")

    gueltig_ab: dt.date
    gueltig_bis: dt.date | None = None
    fundstelle: str = Field(min_length=5)
    quelle: str | None = None
    hinweis: str | None = None
    status: Status = "in_kraft"
    wert: Any


class ParameterSchema(BaseModel):
    model_config = ConfigDict(extra="forbid")

    norm: dict[str, str | int]
    beschreibung: str = Field(min_length=3)
    einheit: str | None = None
    werte: list[WertSchema] = Field(min_length=1)

    @model_validator(mode="after")
    def _zeitlich_geordnet(self) -> ParameterSchema:
        for frueher, spaeter in zip(self.werte, self.werte[1:], strict=False):
            if spaeter.gueltig_ab <= frueher.gueltig_ab:
                raise ValueError("werte müssen nach gueltig_ab aufsteigend und ohne Dubletten sein")
            if frueher.gueltig_bis is not None:
                raise ValueError("gueltig_bis ist nur beim letzten Wert erlaubt")
        letzter = self.werte[-1]
        if letzter.gueltig_bis is not None and letzter.gueltig_bis < letzter.gueltig_ab:
            raise ValueError("gueltig_bis liegt vor gueltig_ab")
        return self


class DateiSchema(BaseModel):
    model_config = ConfigDict(extra="forbid")

    parameter: dict[str, ParameterSchema]


@dataclass(frozen=True, slots=True)
class Wert:
    """One dated value of a parameter, as returned by a lookup."""

    name: str
    norm: Norm
    gueltig_ab: dt.date
    fundstelle: str
    status: Status
    wert: Any


@dataclass(frozen=True, slots=True)
class Parameter:
    name: str
    norm: Norm
    beschreibung: str
    werte: tuple[WertSchema, ...]

    @property
    def gueltig_ab(self) -> dt.date:
        return self.werte[0].gueltig_ab

    def am(self, stichtag: dt.date, *, nur_in_kraft: bool = True) -> Wert:
        """The value in force on ``stichtag``; raises outside the parameter's validity."""
        if stichtag < self.werte[0].gueltig_ab:
            raise ParameterFehler(
                f"Parameter {self.name} ({self.norm}) gilt erst ab {self.werte[0].gueltig_ab:%d.%m.%Y}; "
                f"für den Stichtag {stichtag:%d.%m.%Y} ist kein Wert hinterlegt."
            )
        gefunden = self.werte[0]
        for eintrag in self.werte:
            if eintrag.gueltig_ab <= stichtag:
                gefunden = eintrag
        if gefunden.gueltig_bis is not None and stichtag > gefunden.gueltig_bis:
            raise ParameterFehler(
                f"Parameter {self.name} ({self.norm}) ist mit Ablauf des "
                f"{gefunden.gueltig_bis:%d.%m.%Y} außer Kraft; Stichtag {stichtag:%d.%m.%Y}."
            )
        if nur_in_kraft and gefunden.status != "in_kraft":
            raise ParameterFehler(
                f"Parameter {self.name} ist für {stichtag:%d.%m.%Y} nur als {gefunden.status} hinterlegt "
                "und darf nur in Was-wäre-wenn-Rechnungen verwendet werden."
            )
        return Wert(
            self.name, self.norm, gefunden.gueltig_ab, gefunden.fundstelle, gefunden.status, gefunden.wert
        )

    def stichtage(self) -> list[dt.date]:
        """Every date on which this parameter changes (for boundary tests)."""
        tage = [w.gueltig_ab for w in self.werte]
        if self.werte[-1].gueltig_bis is not None:
            tage.append(self.werte[-1].gueltig_bis + dt.timedelta(days=1))
        return tage


class ParameterSatz:
    """All parameters of one Leistung, loaded from the YAML files of a folder."""

    def __init__(self, parameter: dict[str, Parameter], quelltexte: dict[str, bytes]) -> None:
        self._parameter = parameter
        self.quelltexte = quelltexte

    def __getitem__(self, name: str) -> Parameter:
        try:
            return self._parameter[name]
        except KeyError:
            raise ParameterFehler(f"Unbekannter Parameter {name}") from None

    def __iter__(self) -> Iterator[Parameter]:
        return iter(self._parameter.values())

    def namen(self) -> list[str]:
        return sorted(self._parameter)

    def am(self, name: str, stichtag: dt.date, *, nur_in_kraft: bool = True) -> Any:
        return self[name].am(stichtag, nur_in_kraft=nur_in_kraft).wert

    def hash(self) -> str:
        digest = hashlib.sha256()
        for name in sorted(self.quelltexte):
            digest.update(name.encode())
            digest.update(self.quelltexte[name])
        return digest.hexdigest()


def lade_datei(pfad: Path) -> dict[str, Parameter]:
    try:
        roh = yaml.load(pfad.read_bytes(), Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))
        datei = DateiSchema.model_validate(roh)
    except (yaml.YAMLError, ValidationError) as fehler:
        raise ParameterFehler(f"Parameterdatei {pfad.name} ist ungültig: {fehler}") from fehler
    return {
        name: Parameter(name, Norm.aus_dict(dict(p.norm)), p.beschreibung, tuple(p.werte))
        for name, p in datei.parameter.items()
    }


@cache
def lade_ordner(ordner: Path) -> ParameterSatz:
    """Load every ``*.yaml`` in ``ordner``; parameter names must be unique across files."""
    parameter: dict[str, Parameter] = {}
    quelltexte: dict[str, bytes] = {}
    for pfad in sorted(ordner.glob("*.yaml")):
        quelltexte[pfad.name] = pfad.read_bytes()
        for name, param in lade_datei(pfad).items():
            if name in parameter:
                raise ParameterFehler(f"Parameter {name} ist doppelt definiert ({pfad.name})")
            parameter[name] = param
    if not parameter:
        raise ParameterFehler(f"Keine Parameter in {ordner}")
    return ParameterSatz(parameter, quelltexte)
