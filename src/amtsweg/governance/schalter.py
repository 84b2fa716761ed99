"""Kill switch per AI use case (Art. 14 Abs. 4 lit. e KI-VO: stop the system).

No row in ``ki_schalter`` means switched on. Switching off needs a reason; both directions are audit
events. Callers ask ``ist_aktiv`` at one clear seam (reading job enqueued, assistant answer, § 31a
automation) and then work without the AI.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session

from amtsweg.governance.ereignisse import KiAktion, protokolliere
from amtsweg.governance.modelle import KiSchalter
from amtsweg.governance.register import eintrag

KI_VERANTWORTLICHE = "ki_verantwortliche"
#: roles that may switch a use case off and on
DARF_SCHALTEN = ("teamleitung", KI_VERANTWORTLICHE)
#: roles that may read the governance pages
DARF_SEHEN = (*DARF_SCHALTEN, "revision", "administration")
MIN_GRUND = 10


class SchalterFehler(Exception):
    """Refused switch (German message naming the field)."""

    def __init__(self, feld: str, meldung: str) -> None:
        super().__init__(meldung)
        self.feld = feld
        self.meldung = meldung


@dataclass(frozen=True, slots=True)
class Zustand:
    kennung: str
    aktiv: bool
    grund: str
    geaendert_von: str
    geaendert_am: dt.datetime | None


def zustand(s: Session, kennung: str) -> Zustand:
    zeile = s.get(KiSchalter, kennung)
    if zeile is None:
        return Zustand(kennung, True, "", "", None)
    return Zustand(kennung, zeile.aktiv, zeile.grund, zeile.geaendert_von, zeile.geaendert_am)


def ist_aktiv(s: Session, kennung: str) -> bool:
    """True unless the use case was switched off (one primary-key lookup)."""
    return bool(s.scalar(select(KiSchalter.aktiv).where(KiSchalter.kennung == kennung)) is not False)


def schalte(s: Session, kennung: str, *, aktiv: bool, grund: str, akteur: str, rolle: str) -> Zustand:
    """Switch ``kennung`` on or off; the reason is required when switching off."""
    eintrag(kennung)  # unknown use cases are refused
    if rolle not in DARF_SCHALTEN:
        raise SchalterFehler(
            "rolle", "Nur Teamleitung oder KI-Verantwortliche dürfen KI-Funktionen schalten."
        )
    grund = " ".join(grund.split())
    if not aktiv and len(grund) < MIN_GRUND:
        raise SchalterFehler(
            "grund", f"Bitte begründen Sie die Abschaltung (mindestens {MIN_GRUND} Zeichen)."
        )
    if len(grund) > 2000:
        raise SchalterFehler("grund", "Die Begründung ist zu lang (höchstens 2000 Zeichen).")
    if ist_aktiv(s, kennung) == aktiv:
        raise SchalterFehler(
            "aktiv", "Die KI-Funktion ist bereits " + ("eingeschaltet." if aktiv else "abgeschaltet.")
        )
    zeile = s.get(KiSchalter, kennung) or KiSchalter(kennung=kennung)
    zeile.aktiv = aktiv
    zeile.grund = grund
    zeile.geaendert_von = akteur
    zeile.geaendert_am = dt.datetime.now(dt.UTC)
    s.add(zeile)
    s.flush()
    protokolliere(
        s,
        KiAktion.ki_eingeschaltet if aktiv else KiAktion.ki_abgeschaltet,
        akteur=akteur,
        rolle=rolle,
        kennung=kennung,
        grund=grund,
    )
    return zustand(s, kennung)
