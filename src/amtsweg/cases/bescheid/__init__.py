"""The Bescheid: ``Bescheiddaten`` -> PDF/A-3u letter with everything §§ 33, 35, 36 SGB X require.

Public interface::

    erzeuge_bescheid(daten) -> bytes      # PDF/A-3u, tagged, lang="de", fonts embedded
    erzeuge_html(daten) -> str            # the same letter as HTML (preview)
    verfuegungssatz(daten) -> str         # the tenor from art, amount and period
    rechtsbehelfsfrist(daten) -> date     # last day for the Widerspruch/Klage
    bekanntgabe(daten) -> date            # deemed Bekanntgabe (§ 37 Abs. 2 SGB X)
"""

from amtsweg.cases.bescheid.daten import Behoerde, Berechnungsschritt, Bescheiddaten, Empfaenger
from amtsweg.cases.bescheid.frist import bekanntgabe, rechtsbehelfsfrist
from amtsweg.cases.bescheid.pdf import erzeuge_bescheid, erzeuge_html
from amtsweg.cases.bescheid.texte import verfuegungssatz

__all__ = [
    "Behoerde",
    "Berechnungsschritt",
    "Bescheiddaten",
    "Empfaenger",
    "bekanntgabe",
    "erzeuge_bescheid",
    "erzeuge_html",
    "rechtsbehelfsfrist",
    "verfuegungssatz",
]
