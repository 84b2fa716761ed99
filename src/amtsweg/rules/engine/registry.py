"""The registry of rules: each rule has a name, a norm and a validity; versions may neither
overlap nor leave gaps, and a lookup outside every version raises."""

from __future__ import annotations

import datetime as dt
import itertools
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, TypeVar

from amtsweg.rules.engine.fehler import RegistryFehler
from amtsweg.rules.engine.norm import Norm

F = TypeVar("F", bound=Callable[..., Any])


@dataclass(frozen=True, slots=True)
class Regel:
    name: str
    norm: Norm
    gueltig_ab: dt.date
    gueltig_bis: dt.date | None
    funktion: Callable[..., Any]
    auslegungen: tuple[str, ...] = ()

    def gilt_am(self, stichtag: dt.date) -> bool:
        return self.gueltig_ab <= stichtag and (self.gueltig_bis is None or stichtag <= self.gueltig_bis)


class Registry:
    def __init__(self) -> None:
        self._regeln: dict[str, list[Regel]] = {}

    def regel(
        self,
        name: str,
        norm: Norm,
        gueltig_ab: dt.date,
        gueltig_bis: dt.date | None = None,
        auslegungen: tuple[str, ...] = (),
    ) -> Callable[[F], F]:
        """Decorator registering one version of the rule ``name``."""

        def registriere(funktion: F) -> F:
            self.hinzufuegen(Regel(name, norm, gueltig_ab, gueltig_bis, funktion, auslegungen))
            return funktion

        return registriere

    def hinzufuegen(self, regel: Regel) -> None:
        if regel.gueltig_bis is not None and regel.gueltig_bis < regel.gueltig_ab:
            raise RegistryFehler(f"Regel {regel.name}: gueltig_bis liegt vor gueltig_ab")
        versionen = self._regeln.setdefault(regel.name, [])
        for andere in versionen:
            if _ueberlappt(andere, regel):
                raise RegistryFehler(
                    f"Regel {regel.name}: Geltungszeiträume überschneiden sich "
                    f"({andere.gueltig_ab} und {regel.gueltig_ab})"
                )
        versionen.append(regel)
        versionen.sort(key=lambda r: r.gueltig_ab)

    def pruefe(self) -> None:
        """Raise if any rule's versions leave a gap between them."""
        for name, versionen in self._regeln.items():
            for frueher, spaeter in itertools.pairwise(versionen):
                assert frueher.gueltig_bis is not None  # guaranteed by the overlap check
                if spaeter.gueltig_ab != frueher.gueltig_bis + dt.timedelta(days=1):
                    raise RegistryFehler(
                        f"Regel {name}: Lücke zwischen {frueher.gueltig_bis} und {spaeter.gueltig_ab}"
                    )

    def fuer(self, name: str, stichtag: dt.date) -> Regel:
        for regel in self._regeln.get(name, []):
            if regel.gilt_am(stichtag):
                return regel
        raise RegistryFehler(f"Für {name} gilt am {stichtag:%d.%m.%Y} keine Regel.")

    def alle(self) -> list[Regel]:
        return [regel for versionen in self._regeln.values() for regel in versionen]


def _ueberlappt(a: Regel, b: Regel) -> bool:
    a_ende = a.gueltig_bis or dt.date.max
    b_ende = b.gueltig_bis or dt.date.max
    return a.gueltig_ab <= b_ende and b.gueltig_ab <= a_ende
