"""The one entry point of the reading pipeline: bytes -> type, confidence, field proposals, pages."""

from __future__ import annotations

import time
from dataclasses import dataclass, replace

from amtsweg.documents import extraktion, klassifikation, pruefung
from amtsweg.documents.extraktion import Vorschlag
from amtsweg.documents.text import Seite, lies_text

#: below this type confidence the document is "Dokumenttyp nicht erkannt" (no fields proposed). Chosen on
#: cross-validated predictions of the real-style tuning split (issue 12): 0.4 recognised 40 of 48 readings
#: (0.5: 36) while every look-alike ("sonstiges") stayed unrecognised or "sonstiges".
MIN_TYP_KONFIDENZ = 0.4


@dataclass(frozen=True, slots=True)
class Ergebnis:
    typ: str
    konfidenz: float
    felder: list[Vorschlag]
    seiten: list[Seite]
    dauer: float  # seconds
    verteilung: dict[str, float]

    @property
    def text(self) -> str:
        return "\n\f".join(s.text for s in self.seiten)


def verarbeite(inhalt: bytes, *, pruefen: bool = True) -> Ergebnis:
    """Check (intake), read (text or OCR), classify and extract. Raises ``Pruefungsfehler`` on refusal."""
    start = time.perf_counter()
    mime = pruefung.pruefe(inhalt).mime if pruefen else pruefung.erkenne_typ(inhalt)
    seiten = lies_text(inhalt, mime)
    ergebnis = verarbeite_seiten(seiten)
    return replace(ergebnis, dauer=round(time.perf_counter() - start, 3))


def verarbeite_seiten(seiten: list[Seite]) -> Ergebnis:
    """Classify and extract from pages already read (text or OCR)."""
    start = time.perf_counter()
    text = "\n".join(s.text for s in seiten)
    modell = klassifikation.standardmodell()
    verteilung = modell.verteilung(text)
    typ = max(verteilung, key=lambda k: verteilung[k])
    konfidenz = verteilung[typ]
    # a field is only as reliable as the type it belongs to: the type confidence enters the calibration
    felder = (
        extraktion.extrahiere(typ, seiten, typ_konfidenz=konfidenz) if konfidenz >= MIN_TYP_KONFIDENZ else []
    )
    return Ergebnis(
        typ, round(konfidenz, 4), felder, seiten, round(time.perf_counter() - start, 3), verteilung
    )
