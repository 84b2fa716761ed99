"""Plausibility checks of a household that go beyond the type of each field (JSON and batch input).

These are limits of sense, not of law: a wrong age or a huge household would otherwise be computed
silently. Each failure names the field.
"""

from __future__ import annotations

from collections.abc import Sequence

from amtsweg.rules.engine.fehler import Eingabefehler

#: Most persons in one household. No legal limit; the largest households in the Wohngeld statistics
#: have well under 20 members, and § 19 Abs. 3 WoGG is exercised from 13. Larger inputs are errors.
MAX_PERSONEN = 30


def pruefe_anzahl(anzahl: int) -> None:
    if anzahl > MAX_PERSONEN:
        raise Eingabefehler(
            "personen",
            f"{anzahl} Personen in einem Haushalt sind nicht plausibel (höchstens {MAX_PERSONEN}).",
        )


def pruefe_alter(rollen: Sequence[str], alter: Sequence[int]) -> None:
    """A ``kind`` is a child of a household member, so it is younger than the oldest other member."""
    erwachsene = [a for r, a in zip(rollen, alter, strict=True) if r != "kind"]
    aeltester = max(erwachsene, default=0)
    for i, (rolle, jahre) in enumerate(zip(rollen, alter, strict=True)):
        if rolle == "kind" and jahre >= aeltester:
            raise Eingabefehler(
                f"personen[{i}].alter",
                f"Ein Kind mit {jahre} Jahren ist nicht jünger als die älteste andere Person im Haushalt "
                f"({aeltester} Jahre). Bitte Alter und Rolle prüfen (Kind eines Haushaltsmitglieds: "
                "„kind“, andere Verwandte: „sonstige“).",
            )
