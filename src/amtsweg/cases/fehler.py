"""Errors of the procedure; messages are German and safe to show to users."""

from __future__ import annotations


class Verfahrensfehler(Exception):
    """A request that the procedure does not allow."""
