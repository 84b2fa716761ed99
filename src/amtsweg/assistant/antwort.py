"""Answers with citations: extractive by default; generated (optional LLM) only if each sentence is supported.

Guardrails: AI disclosure, abstention with a human contact, no individual eligibility assessment (questions
such as "Habe ich Anspruch …" are referred to the Leistungs-Check, i.e. the rules engine), no storage of the
question text (the log keeps a keyed hash only).
"""

from __future__ import annotations

import json
import os
import re
import time
from collections.abc import Sequence
from dataclasses import asdict, dataclass, field
from pathlib import Path

from amtsweg.assistant import llm
from amtsweg.assistant.enthaltung import merkmale as enthaltung_merkmale
from amtsweg.assistant.enthaltung import standard as enthaltungsmodell
from amtsweg.assistant.index import Korpus
from amtsweg.assistant.suche import Suchindex, Treffer

HINWEIS_KI = (
    "Hinweis: Sie schreiben mit einem KI-Assistenten. Die Antworten sind allgemeine Informationen aus "
    "Gesetzestexten und Leistungsbeschreibungen – kein Bescheid, keine Rechtsberatung und keine verbindliche "
    "Prüfung Ihres Einzelfalls. Bitte geben Sie keine persönlichen Daten ein."
)
KONTAKT_STANDARD = (
    "Bitte wenden Sie sich an Ihre zuständige Stelle (Wohngeldstelle, Jobcenter oder Familienkasse) "
    "oder an die Behördennummer 115."
)
LEISTUNGS_CHECK = "/leistungs-check"
KALIBRIERUNG = Path(__file__).parent / "daten" / "kalibrierung.json"
_EINZELFALL = re.compile(
    r"\b(habe|hab|hätte|haben|hätten)\s+(ich|wir)\b.*\b(anspruch|recht)\b"
    r"|\b(steht|stehen|stünde)\s+(mir|uns)\b"
    r"|\b(bekomme|kriege|krieg|erhalte|bekommen|kriegen|erhalten)\s+(ich|wir)\b"
    r"|\b(bin|sind)\s+(ich|wir)\b.*\b(berechtigt|anspruchsberechtigt)\b"
    r"|\bwie\s?viel\b.*\b(ich|wir|mir|uns)\b",
    re.IGNORECASE,
)


@dataclass(frozen=True)
class Kalibrierung:
    schwelle: float = 0.45  # minimal idf coverage of the question by the best sentence; below: abstain
    relativ: float = 0.8  # sentences with coverage >= relativ * best are cited
    max_saetze: int = 3
    nachfolger: int = 0  # following sentences of the best passage added after its best sentence
    stuetzung: float = 0.6  # share of a generated sentence's terms found in its cited passage

    @classmethod
    def lade(cls, datei: Path = KALIBRIERUNG) -> Kalibrierung:
        if not datei.exists():
            return cls()
        daten = json.loads(datei.read_text(encoding="utf-8"))
        return cls(**{k: v for k, v in daten.items() if k in cls.__dataclass_fields__})


@dataclass(frozen=True)
class Beleg:
    id: str
    zitat: str
    titel: str
    link: str


@dataclass(frozen=True)
class Satz:
    text: str
    beleg: Beleg


@dataclass
class Antwort:
    status: str  # "antwort" | "keine_quelle" | "einzelfall"
    saetze: list[Satz]
    hinweis: str = HINWEIS_KI
    meldung: str = ""
    kontakt: str = KONTAKT_STANDARD
    verfahren: str = "extraktiv"  # or "generiert"
    konfidenz: float = 0.0
    quellen: list[Beleg] = field(default_factory=list)
    korpus_version: str = ""
    dauer_ms: float = 0.0

    def als_dict(self) -> dict[str, object]:
        return asdict(self)


def ist_einzelfall(frage: str) -> bool:
    """Questions about one's own entitlement or amount ("Habe ich Anspruch …", "Wie viel bekomme ich …")."""
    return bool(_EINZELFALL.search(frage))


def _beleg(korpus: Korpus, nr: int) -> Beleg:
    a = korpus.abschnitte[nr]
    return Beleg(a.id, a.zitat, a.titel, a.link)


def waehle_saetze(
    index: Suchindex, frage: str, kal: Kalibrierung, k: int = 3
) -> tuple[float, list[tuple[int, int, float]], bool]:
    """Confidence, the chosen (passage, sentence, coverage) triples from the top k passages, and whether to
    abstain. With the trained abstention model the confidence is its P(answerable); without it, the idf
    coverage of the question by the best sentence (threshold ``kal.schwelle``)."""
    terme = index.anfrage(frage)
    modell = enthaltungsmodell() if index.neuordnung is not None else None
    if index.neuordnung is not None:
        terme, reihe, x, werte = index.rangliste(frage)
        treffer = [Treffer(int(n), float(w)) for n, w in zip(reihe[:k], werte[:k], strict=True)]
    else:
        treffer = index.suche(frage, k=k)
    kandidaten: list[tuple[int, int, float]] = []
    for rang, t in enumerate(treffer):
        for j, st in enumerate(index.satz_terme[t.nr]):
            abdeckung = index.abdeckung(terme, st) * (1.0 - 0.05 * rang)
            kandidaten.append((t.nr, j, abdeckung))
    if not kandidaten:
        return 0.0, [], True
    beste = max(c[2] for c in kandidaten)
    if modell is not None:
        konfidenz = modell.beantwortbar(enthaltung_merkmale(index, frage, terme, reihe, x, werte))
        enthalten = konfidenz < modell.schwelle
    else:
        konfidenz, enthalten = beste, beste < kal.schwelle
    gewaehlt = [c for c in kandidaten if c[2] >= kal.relativ * beste and c[2] > 0]
    gewaehlt.sort(key=lambda c: -c[2])
    gewaehlt = gewaehlt[: kal.max_saetze]
    if gewaehlt and kal.nachfolger:
        nr, j, wert = gewaehlt[0]
        vorhanden = {(c[0], c[1]) for c in gewaehlt}
        folgende = [
            (nr, x, wert)
            for x in range(j + 1, min(j + 1 + kal.nachfolger, len(index.satz_terme[nr])))
            if index.satz_terme[nr][x] and (nr, x) not in vorhanden
        ]
        gewaehlt += folgende
    gewaehlt = sorted(gewaehlt, key=lambda c: (treffer_rang(treffer, c[0]), c[1]))
    return konfidenz, gewaehlt, enthalten or not gewaehlt


def treffer_rang(treffer: Sequence[object], nr: int) -> int:
    for i, t in enumerate(treffer):
        if getattr(t, "nr", None) == nr:
            return i
    return len(treffer)


def beantworte(
    frage: str, korpus: Korpus, kal: Kalibrierung | None = None, llm_url: str | None = None
) -> Antwort:
    """Answer a question from the corpus (extractive, or generated and checked if an LLM URL is set)."""
    start = time.perf_counter()
    kal = kal or Kalibrierung.lade()
    llm_url = llm_url if llm_url is not None else os.environ.get("AMTSWEG_LLM_URL") or None
    frage = frage.strip()[:1000]
    if ist_einzelfall(frage):
        antwort = Antwort(
            status="einzelfall",
            saetze=[],
            meldung=(
                "Ob Sie im Einzelfall Anspruch haben und in welcher Höhe, kann dieser Assistent nicht "
                "beurteilen. "
                f"Nutzen Sie dafür den Leistungs-Check ({LEISTUNGS_CHECK}): Er rechnet nach den gesetzlichen "
                "Regeln und nennt die Vorschriften. Verbindlich entscheidet die zuständige Stelle."
            ),
        )
    else:
        konfidenz, gewaehlt, enthalten = waehle_saetze(korpus.index, frage, kal)
        if enthalten:
            antwort = Antwort(
                status="keine_quelle",
                saetze=[],
                konfidenz=round(konfidenz, 3),
                meldung="Dazu habe ich in meinen Quellen keine ausreichend passende Stelle gefunden.",
            )
        else:
            saetze = [Satz(korpus.saetze[nr][j], _beleg(korpus, nr)) for nr, j, _ in gewaehlt]
            antwort = Antwort(status="antwort", saetze=saetze, konfidenz=round(konfidenz, 3))
            if llm_url:
                generiert = llm.generiere_gestuetzt(
                    frage, korpus, [nr for nr, _, _ in gewaehlt], llm_url, kal
                )
                if generiert:
                    antwort.saetze = [Satz(text, _beleg(korpus, nr)) for text, nr in generiert]
                    antwort.verfahren = "generiert"
    eindeutig: dict[str, Beleg] = {}
    for s in antwort.saetze:
        eindeutig.setdefault(s.beleg.id, s.beleg)
    antwort.quellen = list(eindeutig.values())
    antwort.korpus_version = korpus.version
    antwort.dauer_ms = round((time.perf_counter() - start) * 1000, 2)
    return antwort
