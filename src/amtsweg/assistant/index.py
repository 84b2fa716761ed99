"""The stored, incrementally rebuilt corpus (one JSON file in the data folder) and the loaded search index."""

from __future__ import annotations

import hashlib
import json
import os
from collections.abc import Callable
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path
from typing import TYPE_CHECKING

from amtsweg.assistant.korpus import Abschnitt, Quellen, lies_datei
from amtsweg.assistant.suche import Suchindex, saetze

if TYPE_CHECKING:
    from amtsweg.assistant.rechtssuche import Rechtssuche
    from amtsweg.assistant.wissensbasis import Wissensbasis

FORMAT = 2


def index_datei(datenordner: Path | None = None) -> Path:
    ordner = datenordner or Path(os.environ.get("AMTSWEG_DATA_DIR", "data"))
    return ordner / "assistent" / "korpus.json"


def _hash(datei: Path) -> str:
    return hashlib.sha256(datei.read_bytes()).hexdigest()


@dataclass
class Aufbauergebnis:
    neu: int
    unveraendert: int
    entfernt: int
    abschnitte: int


def baue_index(
    quellen: Quellen,
    ziel: Path,
    fortschritt: Callable[[str], None] | None = None,
) -> Aufbauergebnis:
    """Parse only source files whose hash changed; keep the others from the stored corpus."""
    alt: dict[str, dict[str, object]] = {}
    if ziel.exists():
        gespeichert = json.loads(ziel.read_text(encoding="utf-8"))
        if gespeichert.get("format") == FORMAT:
            alt = gespeichert["dateien"]
    neu_dateien: dict[str, dict[str, object]] = {}
    neu = unveraendert = 0
    for art, pfad in quellen.dateien():
        schluessel = f"{art}:{pfad.name if art != 'seite' else pfad.as_posix()}"
        pruefsumme = _hash(pfad)
        vorher = alt.get(schluessel)
        if vorher and vorher.get("hash") == pruefsumme:
            neu_dateien[schluessel] = vorher
            unveraendert += 1
        else:
            neu_dateien[schluessel] = {
                "hash": pruefsumme,
                "abschnitte": [a.als_dict() for a in lies_datei(art, pfad, quellen)],
            }
            neu += 1
        if fortschritt:
            fortschritt(schluessel)
    entfernt = len(set(alt) - set(neu_dateien))
    ziel.parent.mkdir(parents=True, exist_ok=True)
    inhalt = {"format": FORMAT, "dateien": neu_dateien}
    zwischen = ziel.with_suffix(".tmp")
    zwischen.write_text(json.dumps(inhalt, ensure_ascii=False), encoding="utf-8")
    zwischen.replace(ziel)
    anzahl = 0
    for eintrag in neu_dateien.values():
        abschnitte = eintrag["abschnitte"]
        anzahl += len(abschnitte) if isinstance(abschnitte, list) else 0
    return Aufbauergebnis(neu, unveraendert, entfernt, anzahl)


class Korpus:
    """Passages plus their search index; ``version`` identifies the corpus state (for the answer log)."""

    def __init__(self, abschnitte: list[Abschnitt]) -> None:
        self.abschnitte = abschnitte
        self.nach_id = {a.id: a for a in abschnitte}
        self.saetze = [saetze(a.text) for a in abschnitte]
        self.index = Suchindex([(a.titel, s) for a, s in zip(abschnitte, self.saetze, strict=True)])
        roh = "\n".join(
            sorted(f"{a.id}:{hashlib.sha256(a.text.encode()).hexdigest()[:12]}" for a in abschnitte)
        )
        self.version = hashlib.sha256(roh.encode()).hexdigest()[:16]

    @property
    def hat_gesetze(self) -> bool:
        return any(a.quelle == "gesetz" for a in self.abschnitte)

    @property
    def hat_seiten(self) -> bool:
        return any(a.quelle == "seite" for a in self.abschnitte)

    @cached_property
    def rechtssuche(self) -> Rechtssuche:
        """Law-aware ranking over the passages (built on first use)."""
        from amtsweg.assistant import vokabular
        from amtsweg.assistant.rechtssuche import Rechtssuche

        return Rechtssuche(self.index, self.abschnitte, vokabular.standard())

    @cached_property
    def wissensbasis(self) -> Wissensbasis:
        from amtsweg.assistant import vokabular
        from amtsweg.assistant.wissensbasis import Wissensbasis

        return Wissensbasis(self.index, vokabular=vokabular.standard())

    @classmethod
    def lade(cls, datei: Path) -> Korpus:
        daten = json.loads(datei.read_text(encoding="utf-8"))
        abschnitte = [Abschnitt(**a) for d in daten["dateien"].values() for a in d["abschnitte"]]
        return cls(abschnitte)


_GELADEN: dict[tuple[str, float], Korpus] = {}


def lade_korpus(datei: Path | None = None) -> Korpus | None:
    """The corpus from the data folder, cached per file modification time; None if no index was built."""
    datei = datei or index_datei()
    if not datei.exists():
        return None
    schluessel = (str(datei.resolve()), datei.stat().st_mtime)
    if schluessel not in _GELADEN:
        _GELADEN.clear()
        _GELADEN[schluessel] = Korpus.lade(datei)
    return _GELADEN[schluessel]
