"""The SGB II results the Kinderzuschlag needs, as a structural type, and access to the SGB II kernel.

``amtsweg.rules.grundsicherung`` computes Bedarfe and Einkommen (§§ 9, 11-11b, 19-22 SGB II); the
Kinderzuschlag reads them (§ 6a Abs. 1 Nr. 3, Abs. 1a, 3, 5, 6 BKGG). Tests may substitute the kernel
by patching ``grundsicherung_spalten``.
"""

from __future__ import annotations

import datetime as dt
import importlib
from typing import Any, Protocol

import numpy as np
import numpy.typing as npt

from amtsweg.rules.haushalt.spalten import Haushaltsspalten

I64 = npt.NDArray[np.int64]
B = npt.NDArray[np.bool_]


class SgbIIErgebnis(Protocol):
    """The fields of ``Grundsicherungsergebnis`` used here (per person P, per household H)."""

    @property
    def in_bg(self) -> B: ...
    @property
    def regelbedarf(self) -> I64: ...
    @property
    def mehrbedarf(self) -> I64: ...
    @property
    def kdu(self) -> I64: ...
    @property
    def bedarf(self) -> I64: ...
    @property
    def einkommen(self) -> I64: ...
    @property
    def absetzbetraege_erwerb(self) -> I64: ...
    @property
    def bedarf_bg(self) -> I64: ...
    @property
    def einkommen_bg(self) -> I64: ...
    @property
    def betrag(self) -> I64: ...
    @property
    def vermoegen_zu_hoch(self) -> B: ...


class SgbIIKern(Protocol):
    def __call__(
        self,
        s: Haushaltsspalten,
        stichtag: dt.date,
        trace: Any = ...,
        *,
        zusatzeinkommen: I64 | None = None,
        kdu_grenzen: Any = None,
        vorlauf: Any = None,
    ) -> SgbIIErgebnis: ...


def grundsicherung_spalten() -> SgbIIKern:
    """``amtsweg.rules.grundsicherung.berechne_spalten`` (imported on first use)."""
    modul = importlib.import_module("amtsweg.rules.grundsicherung")
    kern: SgbIIKern = modul.berechne_spalten
    return kern


def einkommen_ohne_kindergeld(g: SgbIIErgebnis, kindergeld: I64) -> I64:
    """The child's income after §§ 11-11b SGB II without Kindergeld (§ 6a Abs. 3 Satz 2 BKGG).

    Uses the SGB II result's ``einkommen_ohne_kindergeld`` if it has one. Otherwise: in the BG the counted
    income includes the full Kindergeld (§ 11 Abs. 1 Satz 4 SGB II), so it is subtracted; outside the BG
    (§ 7 Abs. 3 Nr. 4) the counted income is max(own income, need), exact unless both are equal (A-0032).
    """
    feld = getattr(g, "einkommen_ohne_kindergeld", None)
    if feld is not None:
        return np.asarray(feld, dtype=np.int64)
    ergebnis: I64 = np.where(g.in_bg, np.maximum(g.einkommen - kindergeld, 0), np.maximum(g.einkommen, 0))
    return ergebnis
