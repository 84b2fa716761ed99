"""Law-aware ranking for citizen questions: which norm answers the question?

On top of the passage index (``suche.Suchindex``, one passage per Absatz with its § heading and law name):
- query expansion with the colloquial -> legal vocabulary (``vokabular``), at reduced weight;
- law routing: passages of the law(s) the question is about ("Jobcenter" -> SGB II) are preferred;
- organisational and definitions-only paragraphs (§ 6d SGB II "Jobcenter", Träger, Aufsicht, Statistik,
  Verordnungsermächtigungen, Übergangsregelungen) are demoted, so they never outrank the norm that answers;
- optionally a semantic score (``dicht``: cosine of precomputed passage embeddings), fused with the
  lexical one.
Results are grouped per paragraph (law, §): a citizen's answer cites at most one Absatz of each §.
The weights are chosen on the tuning part of gesetzesfragen-dev (bench/assistent_gesetzesfragen.py).
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass

import numpy as np
import numpy.typing as npt

from amtsweg.assistant.korpus import Abschnitt
from amtsweg.assistant.suche import Suchindex
from amtsweg.assistant.vokabular import Vokabular

#: § titles of organisational, definitional or transitional provisions (not what a citizen asks about)
_ORGANISATORISCH = re.compile(
    r"Jobcenter|Träger|[Gg]emeinsame Einrichtung|Einrichtungen und Dienste|Einrichtung automatisierter"
    r"|Trägerversammlung|Geschäftsführ|Bewirtschaftung von|Personalvertretung|Schwerbehindertenvertretung"
    r"|Gleichstellungsbeauftragte|Finanzierung|Aufsicht|Leistungsfähigkeit|Zielvereinbarung|Innenrevision"
    r"|Statistik|forschung|ermächtigung|Übergangsregelung|Inkrafttreten|Einmalzahlung|COVID|Sofortzuschlag"
    r"|Kinderfreizeitbonus|Rechtsänderung|Gesetz zur|[Aa]usschuss|Beirat|Zusammenarbeit|weggefallen"
    r"|Anwendungsbereich|Begriffsbestimmung|Bericht(?!ig)|Experimentier|Erstattung von Verwaltungskosten"
    r"|Verwaltungsvorschriften|Anwendungsvorschrift|Bundesbeauftragte|Datenübermittlung an|Periodizität"
)


@dataclass(frozen=True)
class Parameter:
    erweiterung: float = 1.0  # weight of the expansion terms relative to the question's own terms
    routing: float = 1.0  # multiplier bonus for the routed law (scaled by its share of the cue weight)
    fremd: float = 0.6  # multiplier for passages of other laws when a routing cue matched
    demotion: float = 0.3  # multiplier for organisational/definitions-only paragraphs
    leistung: float = 0.6  # multiplier for service descriptions (the citizen needs the norm)
    dicht: float = 0.0  # weight of the semantic score (0 = lexical only)
    namen: float = 0.6  # weight of words naming the main law/benefit (the routing already uses them)
    felder: tuple[float, float, float, float] = (1.0, 1.0, 0.5, 0.25)  # passage, bigrams, title, window


def ist_organisatorisch(abschnitt: Abschnitt) -> bool:
    titel = abschnitt.titel.split("–", 1)[1] if "–" in abschnitt.titel else ""
    return bool(_ORGANISATORISCH.search(titel))


def paragraf_schluessel(abschnitt: Abschnitt) -> str:
    """Key of the citable unit: law + § (Absätze of one § share it); other sources: the passage."""
    norm = abschnitt.norm or {}
    if abschnitt.quelle != "gesetz" or not norm:
        return abschnitt.id
    teil = norm.get("paragraph") or f"Anlage {norm.get('anlage')}"
    return f"{norm.get('gesetz')}|{teil}"


class Rechtssuche:
    """Ranks passages for a question; ``rangliste`` returns (passage numbers, scores), best first."""

    def __init__(
        self,
        index: Suchindex,
        abschnitte: list[Abschnitt],
        vokabular: Vokabular,
        dicht: Callable[[str], npt.NDArray[np.float32]] | None = None,
        parameter: Parameter | None = None,
    ) -> None:
        self.index = index
        self.abschnitte = abschnitte
        self.vokabular = vokabular
        self.dicht = dicht
        self.p = parameter or Parameter()
        self.gesetz = [str((a.norm or {}).get("gesetz") or "") for a in abschnitte]
        self.schluessel = [paragraf_schluessel(a) for a in abschnitte]
        basis = np.ones(len(abschnitte), dtype=np.float32)
        self.organisatorisch = np.array([ist_organisatorisch(a) for a in abschnitte], dtype=bool)
        self.ist_leistung = np.array([a.quelle == "leistung" for a in abschnitte], dtype=bool)
        self.ist_seite = np.array([a.quelle == "seite" for a in abschnitte], dtype=bool)
        namen = np.array(self.gesetz)
        self.masken = {g: namen == g for g in sorted(set(self.gesetz))}
        self.basis = basis

    def lexikalisch(self, frage: str) -> npt.NDArray[np.float32]:
        """Weighted BM25 field scores: content terms + benefit-name terms + expansion terms (weighted)."""
        null = np.zeros(len(self.abschnitte), dtype=np.float32)
        terme = self.index.anfrage(frage)
        namen = set(self.index.analysator.terme(" ".join(self.vokabular.namen_in(frage))))
        inhalt = [t for t in terme if t not in namen]
        if not inhalt:
            inhalt, namen = terme, set()
        begriffe = self.vokabular.begriffe_fuer(frage)
        erweitert = [t for t in self.index.analysator.terme(" ".join(begriffe)) if t not in set(terme)]
        punkte = self._punkte(inhalt) if inhalt else null
        if namen:
            punkte = punkte + self.p.namen * self._punkte([t for t in terme if t in namen])
        if erweitert:
            punkte = punkte + self.p.erweiterung * self._punkte(erweitert)
        return np.asarray(punkte, dtype=np.float32)

    def _punkte(self, terme: list[str]) -> npt.NDArray[np.float32]:
        return np.asarray(
            np.asarray(self.p.felder, dtype=np.float32) @ self.index.felder(terme), dtype=np.float32
        )

    def faktoren(self, frage: str) -> tuple[npt.NDArray[np.float32], dict[str, float]]:
        """Routing and demotion multipliers per passage, and the routing weights of the question."""
        routing = self.vokabular.gesetze_fuer(frage)
        f = self.basis.copy()
        if routing:
            hoechst = max(routing.values())
            for gesetz, maske in self.masken.items():
                anteil = routing.get(gesetz, 0.0) / hoechst
                f[maske] *= (1.0 + self.p.routing * anteil) if anteil > 0 else self.p.fremd
            # the authority's own pages are about its benefits: treated like the routed law
            f[self.ist_seite] = 1.0 + self.p.routing
        f[self.organisatorisch] *= self.p.demotion
        f[self.ist_leistung] *= self.p.leistung
        return f, routing

    def punkte(self, frage: str) -> npt.NDArray[np.float32]:
        lex = self.lexikalisch(frage)
        m = float(lex.max()) if len(lex) else 0.0
        lex = lex / m if m > 0 else lex
        if self.dicht is not None and self.p.dicht > 0:
            d = self.dicht(frage)
            d = (d - float(d.mean())) / (float(d.std()) or 1.0)
            lex = lex + self.p.dicht * np.clip(d, 0, None) / max(float(d.max()), 1e-6)
        faktoren, _ = self.faktoren(frage)
        return np.asarray(lex * faktoren, dtype=np.float32)

    def rangliste(self, frage: str, k: int = 10) -> list[tuple[int, float]]:
        """The best passage of each of the k best paragraphs, with its score."""
        punkte = self.punkte(frage)
        ordnung = np.argsort(-punkte, kind="stable")
        gesehen: set[str] = set()
        ergebnis: list[tuple[int, float]] = []
        for nr in ordnung:
            if punkte[nr] <= 0 or len(ergebnis) >= k:
                break
            s = self.schluessel[nr]
            if s in gesehen:
                continue
            gesehen.add(s)
            ergebnis.append((int(nr), float(punkte[nr])))
        return ergebnis
