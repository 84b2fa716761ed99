"""The trace: which norm produced which value, for the letter, the assistant's "why?" and the audit.

Rules record intermediate values through ``Trace.schritt``. In batch runs the trace is disabled
and the call costs one attribute check; in single-household runs it records the value of the
household ``index`` (0 by default) of each array.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from amtsweg.rules.engine.norm import Norm


@dataclass(frozen=True, slots=True)
class Schritt:
    norm: str
    text: str
    wert: str
    schluessel: str

    def als_dict(self) -> dict[str, str]:
        return {"norm": self.norm, "text": self.text, "wert": self.wert, "schluessel": self.schluessel}


@dataclass(slots=True)
class Trace:
    aktiv: bool = True
    index: int = 0
    schritte: list[Schritt] = field(default_factory=list)
    person_ids: list[str] = field(default_factory=list)

    def schritt(
        self,
        schluessel: str,
        norm: Norm,
        text: str,
        wert: Any,
        format: Callable[[Any], str] = str,
    ) -> None:
        if not self.aktiv:
            return
        einzel = wert[self.index] if hasattr(wert, "__len__") and not isinstance(wert, str) else wert
        self.schritte.append(Schritt(str(norm), text, format(einzel), schluessel))

    def je_person(
        self,
        schluessel: str,
        norm: Norm,
        text: str,
        werte: Any,
        format: Callable[[Any], str] = str,
        nur_wenn: Any = None,
    ) -> None:
        """Record a per-person array for the traced household (persons 0..len(person_ids)-1)."""
        if not self.aktiv:
            return
        for i, pid in enumerate(self.person_ids):
            if nur_wenn is None or nur_wenn[i]:
                self.schritte.append(
                    Schritt(str(norm), f"{text} ({pid})", format(werte[i]), f"{schluessel}.{pid}")
                )

    def wert(self, schluessel: str) -> str:
        for schritt in reversed(self.schritte):
            if schritt.schluessel == schluessel:
                return schritt.wert
        raise KeyError(schluessel)


AUS = Trace(aktiv=False)
