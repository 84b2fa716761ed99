"""German calendar words shared by the web pages and the document corpus (no dependencies)."""

from __future__ import annotations

import datetime as dt

MONATE = (
    "Januar", "Februar", "März", "April", "Mai", "Juni",
    "Juli", "August", "September", "Oktober", "November", "Dezember",
)  # fmt: skip


def monat_text(tag: dt.date) -> str:
    """ "März 2026"."""
    return f"{MONATE[tag.month - 1]} {tag.year}"
