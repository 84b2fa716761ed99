"""The KI-Register: one YAML entry per AI use case (``register/*.yaml``), schema-checked on load.

Each entry names purpose, legal basis, AI Act class with its reasoning, affected groups, the four areas of
the BMAS Leitlinien, owner, life-cycle phase, model artefacts (hashed from the shipped files), evaluation
and model cards, review date, FRIA/DPIA references, what happens when it is switched off and the
monitoring thresholds the oversight metrics are checked against.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from functools import cache
from pathlib import Path
from typing import Literal

import yaml
from pydantic import BaseModel, ConfigDict, Field, ValidationError

PAKET = Path(__file__).resolve().parents[1]  # src/amtsweg
ORDNER = Path(__file__).with_name("register")

#: the six phases of the network's Arbeitshilfe (October 2025)
PHASEN = {
    "ideenbewertung": "Ideenbewertung",
    "planung": "Planung",
    "entwicklung_beschaffung": "Entwicklung oder Beschaffung",
    "inbetriebnahme": "Inbetriebnahme",
    "betrieb": "Betrieb",
    "ausserbetriebnahme": "Außerbetriebnahme",
}
KLASSEN = {
    "hochrisiko": "Hochrisiko (Anhang III Nr. 5 lit. a KI-VO)",
    "transparenzpflicht": "Begrenztes Risiko – Transparenzpflicht (Art. 50 KI-VO)",
    "pruefung_art_6_abs_3": "Kein Anhang-III-Fall; Profiling nach Art. 6 Abs. 3 KI-VO geprüft",
    "minimales_risiko": "Minimales Risiko",
    "pruefung_ki_system": "Regelbasiert – KI-System-Eigenschaft offen, Pflichten vorsorglich angewandt",
}
#: the four areas of the BMAS Leitlinien as summarised by BGHM (exact headings of the PDF unconfirmed)
LEITLINIEN = {
    "menschenzentriert": "Menschenzentrierte Einführung und klare Ziele",
    "folgen_und_risiken": "Folgen abschätzen und Risiken bewerten",
    "datenqualitaet_bias": "Datenqualität sichern und Verzerrungen vermeiden",
    "transparenz": "Transparenz und Erklärbarkeit schaffen",
}


class RegisterFehler(Exception):
    """An entry is missing, malformed or points at a file that does not exist (German message)."""


class _Streng(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class KiVerordnung(_Streng):
    klasse: Literal[
        "hochrisiko", "transparenzpflicht", "pruefung_art_6_abs_3", "minimales_risiko", "pruefung_ki_system"
    ]
    begruendung: str = Field(min_length=40)


class Leitlinien(_Streng):
    menschenzentriert: str = Field(min_length=10)
    folgen_und_risiken: str = Field(min_length=10)
    datenqualitaet_bias: str = Field(min_length=10)
    transparenz: str = Field(min_length=10)


class Modell(_Streng):
    version_praefix: str
    artefakte: list[str]  # shipped files (relative to src/amtsweg) whose bytes define the version
    code: list[str] = Field(min_length=1)  # the code that produces or applies the model
    hinweis: str = ""


class Evaluation(_Streng):
    modellkarten: list[str]
    daten: str
    ergebnisse: list[str] = Field(min_length=1)


class Schwelle(_Streng):
    max: float | None = None
    min: float | None = None
    mindestens: int = 1  # smallest number of observations before the threshold is checked


class Eintrag(_Streng):
    kennung: str = Field(pattern=r"^[a-z][a-z0-9_]{1,59}$")
    name: str
    zweck: str
    nutzen: str
    buergertext: str = Field(min_length=40)
    rechtsgrundlage: list[str] = Field(min_length=1)
    ki_verordnung: KiVerordnung
    betroffene: list[str] = Field(min_length=1)
    leitlinien: Leitlinien
    verantwortlich: str
    phase: Literal[
        "ideenbewertung",
        "planung",
        "entwicklung_beschaffung",
        "inbetriebnahme",
        "betrieb",
        "ausserbetriebnahme",
    ]
    modell: Modell
    evaluation: Evaluation
    pruefung_bis: dt.date
    fria: str
    dsfa: str
    abschaltung: str
    schwellen: dict[str, Schwelle]

    @property
    def klasse_text(self) -> str:
        return KLASSEN[self.ki_verordnung.klasse]

    @property
    def phase_text(self) -> str:
        return PHASEN[self.phase]

    def hash(self) -> str:
        """SHA-256 over the shipped model files, else over the code that trains/applies the model."""
        dateien = tuple(PAKET / d for d in (self.modell.artefakte or self.modell.code))
        return _hash(dateien, tuple(d.stat().st_mtime_ns for d in dateien))

    @property
    def version(self) -> str:
        """``<praefix>-<12 hex>``: for the documents the same string the reading job stores per result."""
        return f"{self.modell.version_praefix}-{self.hash()[:12]}"


@cache
def _hash(dateien: tuple[Path, ...], _staende: tuple[int, ...]) -> str:
    """Cached per file state (modification times), so pages do not re-read megabytes per request."""
    pruefsumme = hashlib.sha256()
    for datei in dateien:
        pruefsumme.update(datei.read_bytes())
    return pruefsumme.hexdigest()


def lies_eintrag(datei: Path, repo: Path | None = None) -> Eintrag:
    try:
        roh = yaml.safe_load(datei.read_text(encoding="utf-8"))
        eintrag = Eintrag.model_validate(roh)
    except (OSError, yaml.YAMLError) as fehler:
        raise RegisterFehler(f"{datei.name}: nicht lesbar ({fehler.__class__.__name__}).") from fehler
    except ValidationError as fehler:
        erster = fehler.errors()[0]
        feld = ".".join(str(t) for t in erster["loc"])
        raise RegisterFehler(f"{datei.name}: Feld „{feld}“: {erster['msg']}") from fehler
    if eintrag.kennung != datei.stem:
        raise RegisterFehler(f"{datei.name}: kennung „{eintrag.kennung}“ muss dem Dateinamen entsprechen.")
    for teil in (*eintrag.modell.artefakte, *eintrag.modell.code):
        if not (PAKET / teil).is_file():
            raise RegisterFehler(f"{datei.name}: Feld „modell“: Datei {teil} fehlt.")
    if repo is not None:
        for karte in eintrag.evaluation.modellkarten:
            if not (repo / karte).is_file():
                raise RegisterFehler(f"{datei.name}: Feld „evaluation.modellkarten“: {karte} fehlt.")
    return eintrag


@cache
def register() -> dict[str, Eintrag]:
    """All entries by kennung (read once; the files ship with the package)."""
    return {d.stem: lies_eintrag(d) for d in sorted(ORDNER.glob("*.yaml"))}


def eintrag(kennung: str) -> Eintrag:
    try:
        return register()[kennung]
    except KeyError as fehler:
        raise RegisterFehler(f"Unbekannter KI-Anwendungsfall „{kennung}“.") from fehler


def artefakte() -> set[str]:
    """Every model file named by some entry (relative to src/amtsweg)."""
    return {a for e in register().values() for a in e.modell.artefakte}
