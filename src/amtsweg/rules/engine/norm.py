"""The citation type: every rule and parameter names the norm it implements."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class Norm:
    """A citation such as ``Norm("WoGG", "19", absatz=1)`` -> "§ 19 Abs. 1 WoGG".

    ``anlage`` cites an annex instead of a paragraph: ``Norm("WoGG", anlage="3", nummer="2")``.
    """

    gesetz: str
    paragraph: str | None = None
    absatz: int | None = None
    satz: int | None = None
    nummer: str | None = None
    anlage: str | None = None

    def __post_init__(self) -> None:
        if (self.paragraph is None) == (self.anlage is None):
            raise ValueError("Norm braucht genau eines von paragraph oder anlage")

    def __str__(self) -> str:
        teile = [f"§ {self.paragraph}"] if self.paragraph is not None else [f"Anlage {self.anlage}"]
        if self.absatz is not None:
            teile.append(f"Abs. {self.absatz}")
        if self.satz is not None:
            teile.append(f"Satz {self.satz}")
        if self.nummer is not None:
            teile.append(f"Nr. {self.nummer}")
        teile.append(self.gesetz)
        return " ".join(teile)

    @classmethod
    def aus_dict(cls, daten: dict[str, object]) -> Norm:
        def text(key: str) -> str | None:
            wert = daten.get(key)
            return None if wert is None else str(wert)

        def zahl(key: str) -> int | None:
            wert = daten.get(key)
            return None if wert is None else int(str(wert))

        return cls(
            gesetz=str(daten["gesetz"]),
            paragraph=text("paragraph"),
            absatz=zahl("absatz"),
            satz=zahl("satz"),
            nummer=text("nummer"),
            anlage=text("anlage"),
        )
