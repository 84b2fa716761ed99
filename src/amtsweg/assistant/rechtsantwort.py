"""Answers to citizen questions about the law texts: Wissensbasis first, else the best norm quoted readably.

Flow (called by ``antwort.beantworte``): the Wissensbasis entry if the question matches one (its main norm
must be in the corpus), otherwise the law-aware ranking (``rechtssuche``) picks the paragraph; the answer
quotes its best sentence (``formulierung``), names "Rechtsgrundlage: § … Abs. … GESETZ" and lists at most
two further paragraphs that scored close to the first. Abstention on law questions: when the best paragraph
covers too little of the question (idf share, threshold ``SCHWELLE_ABDECKUNG``, chosen on the tuning part of
gesetzesfragen-dev) and no routing cue names a law.
"""

from __future__ import annotations

from dataclasses import dataclass

from amtsweg.assistant.formulierung import saetze_lesbar, waehle_satz
from amtsweg.assistant.index import Korpus
from amtsweg.assistant.suche import saetze as teile_saetze
from amtsweg.assistant.wissensbasis import Eintrag, Treffer

#: Wissensbasis: minimal match score; lower (``SCHWELLE_WB_BESTAETIGT``) if the ranking confirms the norm
SCHWELLE_WB = 0.85
SCHWELLE_WB_BESTAETIGT = 0.7
#: a "how much do I get" question is answered from the Wissensbasis only for a near-exact match
SCHWELLE_WB_EINZELFALL = 0.85
#: further paragraphs are cited if their score reaches this share of the best one
ANTEIL_WEITERE = 0.5
#: minimal idf coverage of the question by the best paragraph when no law is named in the question
SCHWELLE_ABDECKUNG = 0.25
MAX_QUELLEN = 3


@dataclass(frozen=True)
class Rechtsantwort:
    """Sentences with their passage number, the cited passage numbers, method and confidence."""

    saetze: list[tuple[str, int]]
    quellen: list[int]
    verfahren: str  # "wissensbasis" | "extraktiv"
    konfidenz: float
    eintrag: Eintrag | None = None


def passage_fuer(korpus: Korpus, gesetz: str, paragraf: str, absatz: str | None) -> int | None:
    """Number of the passage citing (law, §, Absatz); without Absatz the first passage of the §."""
    schluessel = korpus.rechtssuche.schluessel
    ziel = f"{gesetz}|{paragraf}"
    erster: int | None = None
    for nr, s in enumerate(schluessel):
        if s != ziel:
            continue
        norm = korpus.abschnitte[nr].norm or {}
        if absatz is None or str(norm.get("absatz")) == absatz:
            return nr
        if erster is None:
            erster = nr
    return erster


def wissensbasis_treffer(korpus: Korpus, frage: str, rang: list[tuple[int, float]]) -> Treffer | None:
    treffer = korpus.wissensbasis.suche(frage)
    if treffer is None:
        return None
    haupt = treffer.eintrag.normen[0]
    if passage_fuer(korpus, haupt.gesetz, haupt.paragraf, haupt.absatz) is None:
        return None
    oben = {korpus.rechtssuche.schluessel[nr] for nr, _ in rang[:3]}
    schwelle = SCHWELLE_WB_BESTAETIGT if haupt.schluessel in oben else SCHWELLE_WB
    return treffer if treffer.punkte >= schwelle else None


def aus_wissensbasis(korpus: Korpus, treffer: Treffer) -> Rechtsantwort:
    nummern = [
        nr
        for n in treffer.eintrag.normen
        if (nr := passage_fuer(korpus, n.gesetz, n.paragraf, n.absatz)) is not None
    ]
    haupt = nummern[0]
    return Rechtsantwort(
        saetze=[(treffer.eintrag.antwort, haupt)],
        quellen=list(dict.fromkeys(nummern))[:MAX_QUELLEN],
        verfahren="wissensbasis",
        konfidenz=round(treffer.punkte, 3),
        eintrag=treffer.eintrag,
    )


def abdeckung_frage(korpus: Korpus, frage: str, nr: int) -> float:
    """Share of the question's idf mass found in passage ``nr`` (with its title)."""
    index = korpus.index
    terme = index.anfrage(frage)
    return index.abdeckung(terme, list(index.dok_mengen[nr]))


def extraktiv(korpus: Korpus, frage: str, rang: list[tuple[int, float]]) -> Rechtsantwort | None:
    """The best paragraph's best sentence (complete, readable), plus close further paragraphs."""
    if not rang:
        return None
    index = korpus.index
    haupt, punkte = rang[0]
    terme = index.anfrage(frage) + index.analysator.terme(
        " ".join(korpus.rechtssuche.vokabular.begriffe_fuer(frage))
    )
    lesbar = saetze_lesbar(korpus.abschnitte[haupt].text, teile_saetze)
    i, _ = waehle_satz(frage, lesbar, lambda s: index.abdeckung(terme, index.analysator.terme(s)))
    if i < 0:
        return None
    gewaehlt = [lesbar[i]]
    if i + 1 < len(lesbar) and len(lesbar[i]) < 160:
        gewaehlt.append(lesbar[i + 1])
    weitere = [nr for nr, p in rang[1:MAX_QUELLEN] if p >= ANTEIL_WEITERE * punkte]
    return Rechtsantwort(
        saetze=[(s, haupt) for s in gewaehlt],
        quellen=[haupt, *weitere],
        verfahren="extraktiv",
        konfidenz=round(abdeckung_frage(korpus, frage, haupt), 3),
    )


def beantworte_rechtsfrage(
    korpus: Korpus, frage: str, nur_seiten: bool = False
) -> tuple[Rechtsantwort | None, Treffer | None]:
    """(answer or None = abstain, the Wissensbasis match if any). ``nur_seiten``: only the authority's own
    pages may answer (organisational questions)."""
    rang = korpus.rechtssuche.rangliste(frage, k=10)
    if nur_seiten:
        rang = [(nr, p) for nr, p in rang if korpus.abschnitte[nr].quelle == "seite"]
    treffer = None if nur_seiten else wissensbasis_treffer(korpus, frage, rang)
    if treffer is not None:
        return aus_wissensbasis(korpus, treffer), treffer
    antwort = extraktiv(korpus, frage, rang)
    if antwort is None:
        return None, None
    benannt = bool(korpus.rechtssuche.vokabular.gesetze_fuer(frage))
    if not benannt and antwort.konfidenz < SCHWELLE_ABDECKUNG:
        return None, None
    return antwort, None
