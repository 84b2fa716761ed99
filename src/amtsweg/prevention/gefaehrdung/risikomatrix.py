"""Site-specific risk level: severity × likelihood (3 × 3 matrix, as in common GB forms after Nohl).

Severity comes from the knowledge base (``schwere`` 1–3 per hazard; default from its ``risiko``). The
likelihood starts at "möglich" (2) and moves with the stated facts of this site: a threshold reached or a
prohibited condition raises it, measurements below the action values lower it, working alone raises it for
hazards where help must come quickly, special groups (young people, people without German) raise it.
The reasons are listed, so the employer can check and change the proposal.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from amtsweg.prevention.gefaehrdung.schwellen import Befund

if TYPE_CHECKING:
    from amtsweg.prevention.gefaehrdung.eingabe import Baustelle
    from amtsweg.prevention.gefaehrdung.wissensbasis import Gefaehrdung

SCHWERE_AUS_RISIKO = {"gering": 1, "mittel": 2, "hoch": 3}
SCHWERE_TEXT = {1: "leichte Verletzung", 2: "mittelschwere Verletzung", 3: "schwere oder tödliche Verletzung"}
WAHRSCHEINLICHKEIT_TEXT = {1: "unwahrscheinlich", 2: "möglich", 3: "wahrscheinlich"}
#: sub-factors where quick help decides the outcome (falls, electricity, asphyxiation, being buried)
RETTUNG_KRITISCH = ("1.4", "1.6", "2.1", "3.2", "8.3")


def stufe(produkt: int) -> str:
    """Risk class of the product severity × likelihood (1–9)."""
    return "hoch" if produkt >= 6 else "mittel" if produkt >= 3 else "gering"


def einstufen(g: Gefaehrdung, befunde: list[Befund], b: Baustelle) -> tuple[str, str]:
    """(risk class, German reason) for hazard ``g`` on site ``b`` with the threshold findings."""
    relevant = [x for x in befunde if g.faktor in x.faktoren]
    verboten = [x.titel for x in relevant if x.stufe == "unzulaessig"]
    if verboten:
        return "hoch", "Sofort stoppen – Grenze überschritten, so unzulässig: " + "; ".join(
            dict.fromkeys(verboten)
        )
    schwere = g.schwere or SCHWERE_AUS_RISIKO[g.risiko]
    wahrscheinlichkeit = 2
    gruende: list[str] = []
    pflicht = [x.titel for x in relevant if x.stufe == "pflicht"]
    if pflicht:
        wahrscheinlichkeit += 1
        gruende.append("Schwellenwert erreicht: " + "; ".join(dict.fromkeys(pflicht)))
    elif relevant and all(x.stufe == "ok" for x in relevant):
        wahrscheinlichkeit -= 1
        gruende.append("Messwerte unter den Auslösewerten")
    if b.allein and g.faktor in RETTUNG_KRITISCH:
        wahrscheinlichkeit += 1
        gruende.append("Alleinarbeit: Hilfe kommt verzögert")
    if set(b.besondere_gruppen) & {"jugendliche", "ohne_deutsch"}:
        wahrscheinlichkeit += 1
        gruende.append("besonders schutzbedürftige Beschäftigte")
    wahrscheinlichkeit = max(1, min(3, wahrscheinlichkeit))
    produkt = schwere * wahrscheinlichkeit
    text = (
        f"Schwere {schwere} ({SCHWERE_TEXT[schwere]}) × Wahrscheinlichkeit {wahrscheinlichkeit} "
        f"({WAHRSCHEINLICHKEIT_TEXT[wahrscheinlichkeit]}) = {produkt}"
    )
    if gruende:
        text += "; " + "; ".join(gruende)
    return stufe(produkt), text
