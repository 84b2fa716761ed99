"""Errors of the rules engine. Messages are German: they reach users."""

from __future__ import annotations


class RegelwerkFehler(Exception):
    """Base class for every error the rules raise on purpose."""


class Eingabefehler(RegelwerkFehler):
    """Invalid input; ``feld`` names the field as a JSON path (e.g. ``personen[0].alter``)."""

    def __init__(self, feld: str, meldung: str) -> None:
        super().__init__(f"{feld}: {meldung}")
        self.feld = feld
        self.meldung = meldung


class ParameterFehler(RegelwerkFehler):
    """A parameter is missing, malformed, or not valid on the requested Stichtag."""


class RegistryFehler(RegelwerkFehler):
    """Rule versions overlap or leave a gap."""
