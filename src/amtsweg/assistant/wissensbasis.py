"""Wissensbasis: curated plain-German answers for frequent questions, matched by retrieval.

Each entry (``daten/wissensbasis.yaml``) has paraphrases, an answer written from the shipped law text, its
norms and the law version it was checked against. A question matches an entry when it covers most of the
idf mass of one paraphrase (and the paraphrase covers enough of the question), with idf from the law
corpus; a match whose main norm the law ranking also finds among its first results needs less overlap.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING

import yaml

if TYPE_CHECKING:
    from amtsweg.assistant.suche import Suchindex
    from amtsweg.assistant.vokabular import Vokabular

DATEI = Path(__file__).parent / "daten" / "wissensbasis.yaml"
#: weight of words naming a benefit or office ("Kindergeld", "Jobcenter") in the overlap: they say which
#: law, not which question ("Wie lange gibt es Kindergeld?" vs. "Darf Kindergeld gepfändet werden?")
GEWICHT_NAMEN = 0.25
#: stems of verbs every question uses ("bekomme ich", "gibt es"): weighted like names
ALLERWELTSVERBEN = frozenset({"bekomm", "bekommt", "krieg", "kriegt", "gibt", "gib", "erhalt", "hab", "hat"})


@dataclass(frozen=True)
class NormAngabe:
    gesetz: str
    paragraf: str
    absatz: str | None

    @property
    def zitat(self) -> str:
        if self.paragraf.startswith("Anlage"):
            return f"{self.paragraf} {self.gesetz}"
        absatz = f" Abs. {self.absatz}" if self.absatz else ""
        return f"§ {self.paragraf}{absatz} {self.gesetz}"

    @property
    def schluessel(self) -> str:
        """Same key as ``rechtssuche.paragraf_schluessel`` (law|§)."""
        return f"{self.gesetz}|{self.paragraf}"


@dataclass(frozen=True)
class Eintrag:
    id: str
    fragen: tuple[str, ...]
    antwort: str
    normen: tuple[NormAngabe, ...]
    stand: str


@lru_cache(maxsize=2)
def lade(datei: Path = DATEI) -> tuple[Eintrag, ...]:
    daten = yaml.safe_load(datei.read_text(encoding="utf-8"))
    return tuple(
        Eintrag(
            id=str(e["id"]),
            fragen=tuple(str(f) for f in e["fragen"]),
            antwort=" ".join(str(e["antwort"]).split()),
            normen=tuple(
                NormAngabe(
                    str(n["gesetz"]),
                    str(n["paragraf"]),
                    None if n.get("absatz") is None else str(n["absatz"]),
                )
                for n in e["normen"]
            ),
            stand=str(e["stand"]),
        )
        for e in daten["eintraege"]
    )


@dataclass(frozen=True)
class Treffer:
    eintrag: Eintrag
    punkte: float  # 0..1


class Wissensbasis:
    """Matcher over the paraphrases, using the analyser and idf of the passage index."""

    def __init__(
        self,
        index: Suchindex,
        eintraege: tuple[Eintrag, ...] | None = None,
        vokabular: Vokabular | None = None,
    ) -> None:
        self.index = index
        self.vokabular = vokabular
        self.eintraege = eintraege if eintraege is not None else lade()
        self.paraphrasen = [
            (e, frozenset(index.analysator.terme(f, anfrage=True)), self._namen(f))
            for e in self.eintraege
            for f in e.fragen
        ]

    def _namen(self, text: str) -> frozenset[str]:
        """Down-weighted terms: benefit names found in the text and everyday verbs."""
        if self.vokabular is None:
            return ALLERWELTSVERBEN
        namen = self.index.analysator.terme(" ".join(self.vokabular.namen_in(text, nur_haupt=False)))
        return frozenset(namen) | ALLERWELTSVERBEN

    def _idf(self, terme: frozenset[str] | set[str], namen: frozenset[str]) -> float:
        return sum(self.index.bm25.idf_von(t) * (GEWICHT_NAMEN if t in namen else 1.0) for t in terme)

    def suche(self, frage: str) -> Treffer | None:
        """The best matching entry: score = 0.7 * share of the paraphrase covered + 0.3 * share of the
        question covered (idf-weighted, benefit names down-weighted)."""
        terme = set(self.index.anfrage(frage))
        if not terme:
            return None
        namen_frage = self._namen(frage)
        beste: Treffer | None = None
        for eintrag, p, namen_p in self.paraphrasen:
            namen = namen_frage | namen_p
            gemeinsam = self._idf(terme & p, namen)
            if gemeinsam <= 0:
                continue
            wert = 0.7 * gemeinsam / self._idf(p, namen) + 0.3 * gemeinsam / self._idf(terme, namen)
            if beste is None or wert > beste.punkte:
                beste = Treffer(eintrag, wert)
        return beste
