"""Colloquial -> legal vocabulary (``daten/vokabular.yaml``): law routing and query expansion.

Citizens write "Jobcenter", "krankgeschrieben", "Kaution"; the laws say "Grundsicherungsgeld",
"Arbeitsunfähigkeit", "Mietkaution". The list is written from general knowledge of the benefit laws (see the
file header); each entry is a regular expression over the lower-cased question.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import yaml

DATEI = Path(__file__).parent / "daten" / "vokabular.yaml"


@dataclass(frozen=True)
class Vokabular:
    gesetze: tuple[tuple[re.Pattern[str], dict[str, float]], ...]
    begriffe: tuple[tuple[re.Pattern[str], tuple[str, ...]], ...]

    @classmethod
    def lade(cls, datei: Path = DATEI) -> Vokabular:
        daten = yaml.safe_load(datei.read_text(encoding="utf-8"))
        return cls(
            tuple(
                (re.compile(e["muster"]), {str(k): float(v) for k, v in e["gesetze"].items()})
                for e in daten["gesetze"]
            ),
            tuple((re.compile(e["muster"]), tuple(e["terme"])) for e in daten["begriffe"]),
        )

    def gesetze_fuer(self, frage: str) -> dict[str, float]:
        """Law -> routing weight (sum over matching cues); empty if no cue matches."""
        text = frage.lower()
        ergebnis: dict[str, float] = {}
        for muster, gewichte in self.gesetze:
            if muster.search(text):
                for gesetz, wert in gewichte.items():
                    ergebnis[gesetz] = ergebnis.get(gesetz, 0.0) + wert
        return ergebnis

    def namen_in(self, frage: str, nur_haupt: bool = True) -> list[str]:
        """The words of the question that name a law or benefit (the routing cues that matched); with
        ``nur_haupt`` only the cues of the law the question is mainly about (the top-routed law)."""
        text = frage.lower()
        routing = self.gesetze_fuer(frage)
        haupt = max(routing, key=lambda g: routing[g]) if routing else ""
        return [
            m.group(0)
            for muster, gewichte in self.gesetze
            if not nur_haupt or haupt in gewichte
            for m in muster.finditer(text)
        ]

    def begriffe_fuer(self, frage: str) -> list[str]:
        """Law terms for the colloquial expressions found in the question (in file order, no duplicates)."""
        text = frage.lower()
        return list(dict.fromkeys(t for muster, terme in self.begriffe if muster.search(text) for t in terme))


@lru_cache(maxsize=1)
def standard() -> Vokabular:
    return Vokabular.lade()
