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

from amtsweg.assistant import llm, rechtsantwort, zustaendigkeit
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
KEINE_QUELLE = "Dazu habe ich in meinen Quellen keine ausreichend passende Stelle gefunden."
KALIBRIERUNG = Path(__file__).parent / "daten" / "kalibrierung.json"
#: "how much do I get": only the rules engine (Leistungs-Check) can answer that for a person
_EINZELFALL_BETRAG = re.compile(
    r"\bwie\s?viel\w*(?:\s+\w+){0,3}?\s+(bekomme|kriege|krieg|erhalte|bekommen|kriegen|erhalten)\s+(ich|wir)\b"
    r"|\bwie\s?viel\w*\b.*\b(steht|stehen|stünde)\s+(mir|uns)\b"
    r"|\bwie hoch (ist|wäre|wird) (mein|unser)e?s? "
    r"(wohngeld|bürgergeld|grundsicherungsgeld|kinderzuschlag|anspruch)",
    re.IGNORECASE,
)
#: "do I qualify": a bare question about oneself goes to the Leistungs-Check, one with a condition is a
#: general entitlement rule and is answered (with a pointer to the Leistungs-Check)
_EINZELFALL_ANSPRUCH = re.compile(
    r"\b(habe|hab|hätte|haben|hätten)\s+(ich|wir)\b.*\b(anspruch|recht)\b"
    r"|\b(steht|stehen|stünde)\s+(mir|uns)\b"
    r"|\b(bekomme|kriege|krieg|erhalte|bekommen|kriegen|erhalten)\s+(ich|wir)\b"
    r"|\b(bin|sind)\s+(ich|wir)\b.*\b(berechtigt|anspruchsberechtigt)\b",
    re.IGNORECASE,
)
_BEDINGUNG = re.compile(r"\b(als|wenn|obwohl|trotz|während|weil|falls|nachdem|ohne|solange)\b", re.IGNORECASE)
#: referral categories an authority's own indexed pages may answer (office hours, processing times, ...)
SEITEN_KATEGORIEN = ("organisation", "oertlich", "bearbeitungsstand", "formular")
HINWEIS_LEISTUNGS_CHECK = (
    f"Ob Sie persönlich Anspruch haben und wie viel, berechnet der Leistungs-Check ({LEISTUNGS_CHECK}); "
    "verbindlich entscheidet die zuständige Stelle."
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
    gesetz: str | None = None
    paragraf: str | None = None
    absatz: int | None = None


@dataclass(frozen=True)
class Satz:
    text: str
    beleg: Beleg


@dataclass
class Antwort:
    status: str  # "antwort" | "keine_quelle" | "einzelfall" | "nicht_zustaendig"
    saetze: list[Satz]
    hinweis: str = HINWEIS_KI
    meldung: str = ""
    kontakt: str = KONTAKT_STANDARD
    verfahren: str = "extraktiv"  # or "generiert"
    konfidenz: float = 0.0
    quellen: list[Beleg] = field(default_factory=list)
    korpus_version: str = ""
    dauer_ms: float = 0.0
    antwort: str = ""  # the whole answer as text (sentences, "Rechtsgrundlage: …", hints)
    stand: str = ""  # law version a curated (Wissensbasis) answer was checked against

    def als_dict(self) -> dict[str, object]:
        return asdict(self)


def ist_einzelfall(frage: str) -> bool:
    """ "How much do I get" and bare "do I qualify" questions (short, no condition) about oneself."""
    if _EINZELFALL_BETRAG.search(frage):
        return True
    return (
        bool(_EINZELFALL_ANSPRUCH.search(frage)) and len(frage.split()) <= 12 and not _BEDINGUNG.search(frage)
    )


def fragt_nach_anspruch(frage: str) -> bool:
    return bool(_EINZELFALL_ANSPRUCH.search(frage) or _EINZELFALL_BETRAG.search(frage))


def _beleg(korpus: Korpus, nr: int) -> Beleg:
    a = korpus.abschnitte[nr]
    norm = a.norm or {}
    paragraf = norm.get("paragraph")
    if paragraf is None and norm.get("anlage") is not None:
        paragraf = f"Anlage {norm['anlage']}"
    absatz = norm.get("absatz")
    return Beleg(
        a.id,
        a.zitat,
        a.titel,
        a.link,
        gesetz=str(norm["gesetz"]) if norm.get("gesetz") else None,
        paragraf=None if paragraf is None else str(paragraf),
        absatz=int(absatz) if absatz is not None else None,
    )


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


def _abschluss(antwort: Antwort, korpus: Korpus, start: float) -> Antwort:
    if not antwort.quellen:
        eindeutig: dict[str, Beleg] = {}
        for s in antwort.saetze:
            eindeutig.setdefault(s.beleg.id, s.beleg)
        antwort.quellen = list(eindeutig.values())
    if not antwort.antwort:
        antwort.antwort = " ".join(x for x in (antwort.meldung, antwort.kontakt) if x)
    antwort.korpus_version = korpus.version
    antwort.dauer_ms = round((time.perf_counter() - start) * 1000, 2)
    return antwort


def _rechtsgrundlage(quellen: Sequence[Beleg]) -> str:
    if not quellen:
        return ""
    text = f"Rechtsgrundlage: {quellen[0].zitat}."
    if len(quellen) > 1:
        text += " Siehe auch: " + ", ".join(q.zitat for q in quellen[1:]) + "."
    return text


def _aus_rechtsantwort(
    frage: str, korpus: Korpus, r: rechtsantwort.Rechtsantwort, kal: Kalibrierung, llm_url: str | None
) -> Antwort:
    saetze = [Satz(text, _beleg(korpus, nr)) for text, nr in r.saetze]
    antwort = Antwort(status="antwort", saetze=saetze, verfahren=r.verfahren, konfidenz=r.konfidenz)
    if llm_url and r.verfahren == "extraktiv":
        generiert = llm.generiere_gestuetzt(frage, korpus, r.quellen[:1], llm_url, kal)
        if generiert == []:
            return Antwort(status="keine_quelle", saetze=[], meldung=KEINE_QUELLE)
        if generiert:
            antwort.saetze = [Satz(text, _beleg(korpus, nr)) for text, nr in generiert]
            antwort.verfahren = "generiert"
    belege = {s.beleg.id: s.beleg for s in antwort.saetze}
    for nr in r.quellen:
        belege.setdefault(korpus.abschnitte[nr].id, _beleg(korpus, nr))
    antwort.quellen = list(belege.values())[: rechtsantwort.MAX_QUELLEN]
    if r.eintrag is not None:
        antwort.stand = r.eintrag.stand
    if fragt_nach_anspruch(frage):
        antwort.meldung = HINWEIS_LEISTUNGS_CHECK
    teile = [" ".join(s.text for s in antwort.saetze), _rechtsgrundlage(antwort.quellen), antwort.meldung]
    antwort.antwort = "\n\n".join(t for t in teile if t)
    return antwort


def _nur_seiten(frage: str, korpus: Korpus, kal: Kalibrierung, llm_url: str | None) -> Antwort:
    """Release-2 extractive path (learned re-ranking and abstention model) for corpora without law texts."""
    if ist_einzelfall(frage):
        return _einzelfall()
    konfidenz, gewaehlt, enthalten = waehle_saetze(korpus.index, frage, kal)
    if enthalten:
        return Antwort(status="keine_quelle", saetze=[], konfidenz=round(konfidenz, 3), meldung=KEINE_QUELLE)
    saetze = [Satz(korpus.saetze[nr][j], _beleg(korpus, nr)) for nr, j, _ in gewaehlt]
    antwort = Antwort(status="antwort", saetze=saetze, konfidenz=round(konfidenz, 3))
    if llm_url:
        generiert = llm.generiere_gestuetzt(frage, korpus, [nr for nr, _, _ in gewaehlt], llm_url, kal)
        if generiert == []:
            return Antwort(status="keine_quelle", saetze=[], meldung=KEINE_QUELLE)
        if generiert:
            antwort.saetze = [Satz(text, _beleg(korpus, nr)) for text, nr in generiert]
            antwort.verfahren = "generiert"
    antwort.antwort = " ".join(s.text for s in antwort.saetze)
    return antwort


def _einzelfall() -> Antwort:
    return Antwort(
        status="einzelfall",
        saetze=[],
        meldung=(
            "Wie viel Sie persönlich bekommen oder ob Sie im Einzelfall Anspruch haben, kann dieser "
            f"Assistent nicht beurteilen. Nutzen Sie dafür den Leistungs-Check ({LEISTUNGS_CHECK}): "
            "Er rechnet nach den gesetzlichen Regeln und nennt die Vorschriften. Verbindlich entscheidet "
            "die zuständige Stelle."
        ),
    )


def beantworte(
    frage: str, korpus: Korpus, kal: Kalibrierung | None = None, llm_url: str | None = None
) -> Antwort:
    """Answer a question from the corpus.

    Order: out of scope -> referral (status ``nicht_zustaendig``); Wissensbasis entry; "how much do I get"
    -> Leistungs-Check (``einzelfall``); law-aware ranking and a readable quote (``antwort``) or abstention
    (``keine_quelle``). An optional LLM may only rephrase the quoted passage (checked sentence by sentence).
    """
    start = time.perf_counter()
    kal = kal or Kalibrierung.lade()
    llm_url = llm_url if llm_url is not None else os.environ.get("AMTSWEG_LLM_URL") or None
    frage = frage.strip()[:1000]
    if not korpus.hat_gesetze:
        # a corpus of an authority's pages only: its pages define the scope; the release-2 path was trained
        # and calibrated on such pages (integreat-qa)
        return _abschluss(_nur_seiten(frage, korpus, kal, llm_url), korpus, start)
    verweis = zustaendigkeit.pruefe(frage)
    eigene_seiten = korpus.hat_seiten and verweis is not None and verweis.kategorie in SEITEN_KATEGORIEN
    if verweis is not None and not eigene_seiten:
        antwort = Antwort(
            status="nicht_zustaendig", saetze=[], meldung=verweis.meldung, kontakt=verweis.kontakt
        )
        return _abschluss(antwort, korpus, start)
    r, treffer = rechtsantwort.beantworte_rechtsfrage(korpus, frage, nur_seiten=eigene_seiten)
    if ist_einzelfall(frage) and (treffer is None or treffer.punkte < rechtsantwort.SCHWELLE_WB_EINZELFALL):
        return _abschluss(_einzelfall(), korpus, start)
    if r is None:
        meldung = KEINE_QUELLE
        if verweis is not None:
            antwort = Antwort(
                status="nicht_zustaendig", saetze=[], meldung=verweis.meldung, kontakt=verweis.kontakt
            )
        else:
            antwort = Antwort(status="keine_quelle", saetze=[], meldung=meldung)
        return _abschluss(antwort, korpus, start)
    return _abschluss(_aus_rechtsantwort(frage, korpus, r, kal, llm_url), korpus, start)
