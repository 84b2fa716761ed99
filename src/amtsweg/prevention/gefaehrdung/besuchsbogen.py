"""Visit sheet (Besuchsbogen) for an Aufsichtsperson: the firm's risk factors plus the relevant topics.

The risk factors are computed elsewhere (visit targeting) and passed in as a plain dict
``{"faktor": "Erläuterung oder Wert"}``; this module only lays them out next to the topics derived from
the knowledge base and the site data. The ranking is advice; the Aufsichtsperson decides.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from amtsweg.prevention.gefaehrdung.beurteilung import Gefaehrdungsbeurteilung
from amtsweg.rules.engine.fehler import Eingabefehler


@dataclass(frozen=True, slots=True)
class Thema:
    titel: str
    fragen: tuple[str, ...]
    normen: tuple[str, ...]
    risiko: str


@dataclass(frozen=True, slots=True)
class Besuchsbogen:
    betrieb: str
    datum: dt.date
    risikofaktoren: tuple[tuple[str, str], ...]
    themen: tuple[Thema, ...]
    pflichten: tuple[str, ...]  # BaustellV and threshold duties to check on site
    beurteilung: Gefaehrdungsbeurteilung

    def als_dict(self) -> dict[str, Any]:
        return {
            "betrieb": self.betrieb,
            "datum": self.datum.isoformat(),
            "hinweis": "Die Auswahl ist ein Vorschlag; die Aufsichtsperson entscheidet.",
            "risikofaktoren": [{"faktor": f, "wert": w} for f, w in self.risikofaktoren],
            "themen": [
                {"titel": t.titel, "risiko": t.risiko, "fragen": list(t.fragen), "normen": list(t.normen)}
                for t in self.themen
            ],
            "pflichten": list(self.pflichten),
        }


def risikofaktoren_aus(daten: Any) -> tuple[tuple[str, str], ...]:
    """Validate the risk-factor dict (names and values become strings; at most 30 entries)."""
    if daten is None:
        return ()
    if not isinstance(daten, dict):
        raise Eingabefehler(
            "risikofaktoren", "Bitte geben Sie die Risikofaktoren als Zuordnung Name → Wert an."
        )
    if len(daten) > 30:
        raise Eingabefehler("risikofaktoren", "Höchstens 30 Risikofaktoren sind möglich.")
    return tuple((str(k)[:200], str(v)[:500]) for k, v in daten.items())


def erstelle_besuchsbogen(
    gb: Gefaehrdungsbeurteilung,
    betrieb: str,
    risikofaktoren: dict[str, Any] | None,
    datum: dt.date | None = None,
) -> Besuchsbogen:
    """Topics: hazards rated hoch first, grouped by Gefährdungsfaktor, with the check questions."""
    rang = {"hoch": 0, "mittel": 1, "gering": 2}
    gruppen: dict[str, list[Any]] = {}
    for z in gb.zeilen:
        gruppen.setdefault(f"{z.gefaehrdung.faktor} {z.faktor_name}", []).append(z)
    themen = []
    for titel, zeilen in gruppen.items():
        risiko = min((z.risiko for z in zeilen), key=lambda r: rang[r])
        fragen = tuple(dict.fromkeys(z.gefaehrdung.pruefung for z in zeilen))
        normen = tuple(dict.fromkeys(m.massnahme.zitat for z in zeilen for m in z.massnahmen))[:6]
        themen.append(Thema(titel, fragen, normen, risiko))
    themen.sort(key=lambda t: (rang[t.risiko], t.titel))
    pflichten = tuple(f"{b.titel}: {b.text} ({b.norm})" for b in gb.befunde if b.erfordert_massnahmen)
    return Besuchsbogen(
        betrieb=betrieb.strip()[:200] or gb.baustelle.betrieb or "(Betrieb nicht angegeben)",
        datum=datum or dt.date.today(),
        risikofaktoren=risikofaktoren_aus(risikofaktoren),
        themen=tuple(themen),
        pflichten=pflichten,
        beurteilung=gb,
    )
