"""Computing a batch: blocks of households on several threads, per Stichtag, for one Leistung or
for all benefits with the Vorrangprüfung; results as an Arrow table with one row per household."""

from __future__ import annotations

import datetime as dt
import itertools
import os
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from functools import partial
from typing import TYPE_CHECKING

import numpy as np
import numpy.typing as npt
import pyarrow as pa

from amtsweg.batch.eingabe import GELD, BatchFehler, spalten_aus_tabelle
from amtsweg.rules.engine.fehler import RegelwerkFehler
from amtsweg.rules.haushalt.eingabe import EINKOMMENSARTEN
from amtsweg.rules.haushalt.spalten import Haushaltsspalten

if TYPE_CHECKING:
    from amtsweg.rules.grundsicherung.kdu_tabelle import KduTabelle

I64 = npt.NDArray[np.int64]
Spalten = dict[str, I64]
Rechner = Callable[[Haushaltsspalten, dt.date], Spalten]
LEISTUNGEN = ("alle", "wohngeld")


def wohngeld_spalten(s: Haushaltsspalten, stichtag: dt.date) -> Spalten:
    from amtsweg.rules.wohngeld import berechne_spalten

    e = berechne_spalten(s, stichtag)
    return {
        "wohngeld_monat": e.betrag,
        "gesamteinkommen_monat": e.gesamteinkommen,
        "miete_beruecksichtigt_monat": e.miete,
        "mietstufe": e.mietstufe,
        "haushaltsmitglieder": e.haushaltsmitglieder,
        "beruecksichtigte_mitglieder": e.beruecksichtigte_mitglieder,
        "vermoegen_zu_hoch": e.vermoegen_zu_hoch.astype(np.int64),
    }


def alle_spalten(s: Haushaltsspalten, stichtag: dt.date, kdu_grenzen: KduTabelle | None = None) -> Spalten:
    from amtsweg.rules.vorrang import pruefe_spalten

    e = pruefe_spalten(s, stichtag, kdu_grenzen=kdu_grenzen)
    fehlt = e.varianten.grundsicherung_ohne.netto_fehlt
    if fehlt.any():
        person = int(np.flatnonzero(fehlt)[0])
        arten = [
            a for i, a in enumerate(EINKOMMENSARTEN) if s.brutto[i, person] > 0 and s.netto[i, person] < 0
        ]
        spalte = f"netto_{arten[0]}" if arten else "netto_*"
        raise _PersonFehler(person, f"Spalte {spalte}: das Nettoeinkommen fehlt; das SGB II rechnet netto.")
    return {
        "grundsicherung_monat": e.grundsicherung,
        "wohngeld_monat": e.wohngeld,
        "kinderzuschlag_monat": e.kinderzuschlag,
        "kindergeld_monat": e.kindergeld,
        "gesamt_monat": e.gesamt,
        "grundsicherung_bedarf_monat": e.varianten.grundsicherung_ohne.bedarf_bg,
        "vorrang_ergebnis": e.ergebnis,
    }


RECHNER: dict[str, Rechner] = {"wohngeld": wohngeld_spalten, "alle": alle_spalten}


class _PersonFehler(Exception):
    def __init__(self, person: int, meldung: str) -> None:
        super().__init__(meldung)
        self.person = person
        self.meldung = meldung


def berechne_parallel(
    s: Haushaltsspalten,
    stichtag: dt.date,
    rechner: Rechner = wohngeld_spalten,
    *,
    threads: int | None = None,
    block: int = 125_000,
) -> Spalten:
    """``rechner`` over blocks of households on several threads (numpy releases the GIL).

    Blocks of about 100 000 households also keep the temporaries in cache; results are identical
    to one call over everything (tested)."""
    h = s.anzahl_haushalte
    if h <= block:
        return rechner(s, stichtag)
    grenzen = [*range(0, h, block), h]

    def teil(ab: tuple[int, int]) -> Spalten:
        try:
            return rechner(s.bereich(*ab), stichtag)
        except _PersonFehler as fehler:
            raise _PersonFehler(fehler.person + int(s.start[ab[0]]), fehler.meldung) from None

    with ThreadPoolExecutor(threads or os.cpu_count() or 1) as pool:
        teile = list(pool.map(teil, itertools.pairwise(grenzen)))
    return {name: np.concatenate([t[name] for t in teile]) for name in teile[0]}


def _geld(cent: I64) -> pa.Array:
    """Cents as decimal128(14, 2), built directly from the unscaled values (exact, no arithmetic)."""
    puffer = np.empty(2 * len(cent), dtype=np.int64)
    puffer[0::2] = cent
    puffer[1::2] = np.where(cent < 0, -1, 0)
    return pa.Array.from_buffers(GELD, len(cent), [None, pa.py_buffer(puffer.tobytes())])


def _spalte(name: str, werte: I64) -> pa.Array:
    if name.endswith("_monat"):
        return _geld(werte)
    if name == "vorrang_ergebnis":
        from amtsweg.rules.vorrang.pruefung import ERGEBNIS_NAMEN

        return pa.DictionaryArray.from_arrays(pa.array(werte, pa.int8()), pa.array(ERGEBNIS_NAMEN))
    if name == "vermoegen_zu_hoch":
        return pa.array(werte.astype(np.bool_))
    return pa.array(werte, pa.int16())


def berechne_tabelle(
    tabelle: pa.Table,
    fortschritt: Callable[[int], None] | None = None,
    leistung: str = "wohngeld",
    kdu_grenzen: KduTabelle | None = None,
) -> pa.Table:
    """One result row per household of a person table; ``leistung`` is "wohngeld" or "alle"."""
    if leistung not in RECHNER:
        raise BatchFehler(f"Unbekannte Leistung {leistung}; möglich: {', '.join(LEISTUNGEN)}.")
    spalten, ids, tage = spalten_aus_tabelle(tabelle)
    h = spalten.anzahl_haushalte
    ergebnis: Spalten = {}
    for tag in np.unique(tage):
        auswahl = np.flatnonzero(tage == tag)
        teil = spalten if len(auswahl) == h else spalten.auswahl(auswahl)
        stichtag = dt.date.fromordinal(int(tag))
        try:
            rechner = (
                RECHNER[leistung] if kdu_grenzen is None else partial(alle_spalten, kdu_grenzen=kdu_grenzen)
            )
            werte = berechne_parallel(teil, stichtag, rechner)
        except _PersonFehler as fehler:
            zeile = int(np.flatnonzero(np.isin(spalten.haushalt, auswahl))[fehler.person]) + 2
            raise BatchFehler(f"Zeile {zeile}, {fehler.meldung}") from None
        except RegelwerkFehler as fehler:
            raise BatchFehler(f"Stichtag {stichtag}: {fehler}") from None
        for name, spalte in werte.items():
            ergebnis.setdefault(name, np.zeros(h, dtype=np.int64))[auswahl] = spalte
        if fortschritt:
            fortschritt(len(auswahl))
    return pa.table({"haushalt_id": pa.array(ids), **{n: _spalte(n, w) for n, w in ergebnis.items()}})
