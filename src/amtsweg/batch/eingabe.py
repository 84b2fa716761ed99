"""Reading the batch person table and converting it into the columnar household form (docs/batch.md)."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import numpy as np
import numpy.typing as npt
import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.csv as pacsv
import pyarrow.parquet as pq

from amtsweg.rules.engine.fehler import RegelwerkFehler
from amtsweg.rules.haushalt.eingabe import (
    EINKOMMENSARTEN,
    ROLLEN,
    SONSTIGE_LEISTUNGEN,
    TRANSFERLEISTUNGEN_MIT_KDU,
)
from amtsweg.rules.haushalt.plausibel import MAX_PERSONEN
from amtsweg.rules.haushalt.spalten import Haushaltsspalten, geburtsmonat_aus_ordinalen

I64 = npt.NDArray[np.int64]
GELD = pa.decimal128(14, 2)
MONEY_COLUMNS = [f"brutto_{art}" for art in EINKOMMENSARTEN]
BOOL_COLUMNS = [
    "abzug_steuern",
    "abzug_kranken_pflegeversicherung",
    "abzug_rentenversicherung",
    "kindergeld",
    "haeuslich_pflegebeduerftig",
    "ns_verfolgt",
    "elterngeld_plus",
]
INT_COLUMNS = {"alter": (0, 130), "grad_der_behinderung": (0, 100), "grundrentenzeiten_jahre": (0, 80)}
EPOCHE = dt.date(1970, 1, 1).toordinal()  # 719163: proleptic ordinal of day 0 of datetime64[D]
REQUIRED = ["haushalt_id", "stichtag", "wohnung_art", "kosten_monat", "rolle", "alter"]


class BatchFehler(Exception):
    """A problem with the input file, named by column (and row where known); German message."""


def _zeile(maske: npt.NDArray[np.bool_]) -> str:
    return f"Zeile {int(np.flatnonzero(maske)[0]) + 2}"  # + header line, 1-based


def _cent(tabelle: pa.Table, name: str, *, fehlt: int = 0) -> I64:
    """A money column in cents; missing column or empty cells give ``fehlt`` (0, or -1 for "unknown")."""
    if name not in tabelle.column_names:
        return np.full(tabelle.num_rows, fehlt, dtype=np.int64)
    spalte = tabelle.column(name)
    leer = np.zeros(tabelle.num_rows, dtype=np.bool_)
    if pa.types.is_string(spalte.type) or pa.types.is_large_string(spalte.type):
        leer = np.asarray(pc.equal(spalte, "").fill_null(True).to_numpy(zero_copy_only=False), dtype=np.bool_)
        spalte = pc.if_else(pc.equal(spalte, "").fill_null(True), "0", spalte)
    elif spalte.null_count:
        leer = np.asarray(spalte.is_null().to_numpy(zero_copy_only=False), dtype=np.bool_)
        spalte = spalte.fill_null(0)
    typ = spalte.type
    try:
        if pa.types.is_integer(typ):
            cent = spalte.to_numpy().astype(np.int64) * 100
        elif pa.types.is_floating(typ):
            werte = spalte.to_numpy() * 100
            cent = np.rint(werte).astype(np.int64)
            if np.any(np.abs(werte - cent) > 1e-6):
                raise BatchFehler(
                    f"Spalte {name}, {_zeile(np.abs(werte - cent) > 1e-6)}: mehr als zwei Nachkommastellen."
                )
        else:
            if pa.types.is_string(typ) or pa.types.is_large_string(typ):
                spalte = pc.replace_substring(spalte, ",", ".")
            cent = _unskaliert(spalte.cast(GELD))
    except (pa.ArrowInvalid, pa.ArrowNotImplementedError) as fehler:
        raise BatchFehler(f"Spalte {name}: kein gültiger Geldbetrag ({fehler}).") from None
    if np.any(cent < 0):
        raise BatchFehler(f"Spalte {name}, {_zeile(cent < 0)}: Betrag darf nicht negativ sein.")
    return np.where(leer, fehlt, np.asarray(cent, dtype=np.int64))


def _dreiwertig(tabelle: pa.Table, name: str) -> I64:
    """A boolean column where an empty cell means "not stated" (-1)."""
    if name not in tabelle.column_names:
        return np.full(tabelle.num_rows, -1, dtype=np.int64)
    leer = np.asarray(tabelle.column(name).is_null().to_numpy(zero_copy_only=False), dtype=np.bool_)
    if not pa.types.is_boolean(tabelle.column(name).type):
        text = tabelle.column(name).cast(pa.string()).fill_null("")
        leer |= np.asarray(pc.equal(text, "").to_numpy(zero_copy_only=False), dtype=np.bool_)
    return np.where(leer, -1, _bool(tabelle, name).astype(np.int64))


def _datum(tabelle: pa.Table, name: str) -> I64:
    """A date column as proleptic ordinals (0 where empty)."""
    if name not in tabelle.column_names:
        return np.zeros(tabelle.num_rows, dtype=np.int64)
    try:
        text = tabelle.column(name).cast(pa.string())
        text = pc.if_else(pc.equal(text, ""), pa.scalar(None, pa.string()), text)
        tage = text.cast(pa.date32()).cast(pa.int32())
    except (pa.ArrowInvalid, pa.ArrowNotImplementedError):
        raise BatchFehler(f"Spalte {name}: Datum im Format JJJJ-MM-TT erwartet.") from None
    werte = tage.fill_null(-EPOCHE).to_numpy().astype(np.int64)
    return np.asarray(werte + EPOCHE, dtype=np.int64)  # days since 1970-01-01 -> date.toordinal()


def _monat_tag(tage: npt.NDArray[np.datetime64]) -> I64:
    """Month and day as one comparable number (32 * month index in the year + day index)."""
    monate = tage.astype("datetime64[M]")
    im_jahr = (monate - tage.astype("datetime64[Y]").astype("datetime64[M]")).astype(np.int64)
    return np.asarray(32 * im_jahr + (tage - monate.astype("datetime64[D]")).astype(np.int64), dtype=np.int64)


def _geburtsdaten(tabelle: pa.Table, stichtage: I64, alter: I64) -> tuple[I64, npt.NDArray[np.bool_]]:
    """Optional column geburtsdatum: month of birth and born-on-the-1st, checked against alter."""
    geburt = _datum(tabelle, "geburtsdatum")
    monat, am_ersten = geburtsmonat_aus_ordinalen(geburt)
    if np.any(geburt > 0):
        g = (geburt - EPOCHE).astype("datetime64[D]")
        s = (stichtage - EPOCHE).astype("datetime64[D]")
        jahre = (s.astype("datetime64[Y]") - g.astype("datetime64[Y]")).astype(np.int64)
        jahre -= (_monat_tag(s) < _monat_tag(g)).astype(np.int64)
        falsch = (geburt > 0) & ((jahre != alter) | (geburt > stichtage))
        if np.any(falsch):
            raise BatchFehler(f"Spalte geburtsdatum, {_zeile(falsch)}: passt nicht zum Alter am Stichtag.")
    return monat, am_ersten


def _bool(tabelle: pa.Table, name: str) -> npt.NDArray[np.bool_]:
    if name not in tabelle.column_names:
        return np.zeros(tabelle.num_rows, dtype=np.bool_)
    spalte = tabelle.column(name)
    if pa.types.is_boolean(spalte.type):
        return np.asarray(spalte.fill_null(False).to_numpy(zero_copy_only=False), dtype=np.bool_)
    text = pc.utf8_lower(spalte.cast(pa.string()).fill_null("false")).to_numpy(zero_copy_only=False)
    wahr = np.isin(text, ["true", "1", "ja", "wahr"])
    if not np.all(wahr | np.isin(text, ["false", "0", "nein", "falsch", ""])):
        raise BatchFehler(
            f"Spalte {name}, {_zeile(~(wahr | np.isin(text, ['false', '0', 'nein', 'falsch', ''])))}: "
            "erwartet true oder false."
        )
    return wahr


def _int(tabelle: pa.Table, name: str, grenzen: tuple[int, int]) -> I64:
    if name not in tabelle.column_names:
        return np.zeros(tabelle.num_rows, dtype=np.int64)
    try:
        werte = tabelle.column(name).fill_null(0).cast(pa.int64()).to_numpy()
    except (pa.ArrowInvalid, pa.ArrowNotImplementedError):
        raise BatchFehler(f"Spalte {name}: ganze Zahlen erwartet.") from None
    falsch = (werte < grenzen[0]) | (werte > grenzen[1])
    if falsch.any():
        raise BatchFehler(
            f"Spalte {name}, {_zeile(falsch)}: Wert muss zwischen {grenzen[0]} und {grenzen[1]} liegen."
        )
    return np.asarray(werte, dtype=np.int64)


def _codes(tabelle: pa.Table, name: str, erlaubt: tuple[str, ...]) -> I64:
    spalte = tabelle.column(name).cast(pa.string())
    codes = pc.index_in(spalte, value_set=pa.array(erlaubt)).to_numpy(zero_copy_only=False)
    fehlend = np.isnan(codes) if codes.dtype.kind == "f" else np.zeros(len(codes), dtype=np.bool_)
    if fehlend.any():
        raise BatchFehler(f"Spalte {name}, {_zeile(fehlend)}: erlaubt sind {', '.join(erlaubt)}.")
    return np.asarray(codes, dtype=np.int64)


def _ausgeschlossen(tabelle: pa.Table) -> npt.NDArray[np.bool_]:
    ergebnis = _bool(tabelle, "beruecksichtigt_bei_transferleistung")
    if "bezieht" not in tabelle.column_names:
        return ergebnis
    kodiert = pc.dictionary_encode(tabelle.column("bezieht").cast(pa.string()).fill_null("")).combine_chunks()
    werte = kodiert.dictionary.to_pylist()
    index = kodiert.indices.to_numpy(zero_copy_only=False)
    erlaubt = set(TRANSFERLEISTUNGEN_MIT_KDU) | set(SONSTIGE_LEISTUNGEN)
    ausschluss = np.zeros(len(werte), dtype=np.bool_)
    for i, wert in enumerate(werte):
        leistungen = [teil.strip() for teil in str(wert).split(";") if teil.strip()]
        unbekannt = [teil for teil in leistungen if teil not in erlaubt]
        if unbekannt:
            raise BatchFehler(f"Spalte bezieht, {_zeile(index == i)}: unbekannte Leistung „{unbekannt[0]}“.")
        ausschluss[i] = any(teil in TRANSFERLEISTUNGEN_MIT_KDU for teil in leistungen)
    return np.asarray(ergebnis | ausschluss[index], dtype=np.bool_)


def haushalt_starts(tabelle: pa.Table) -> I64:
    return _haushalte(tabelle)[0]


def _haushalte(tabelle: pa.Table) -> tuple[I64, npt.NDArray[np.object_]]:
    """Start row of each household; rows of a household must be contiguous."""
    ids = tabelle.column("haushalt_id").to_numpy(zero_copy_only=False)
    if len(ids) == 0:
        raise BatchFehler("Die Eingabedatei enthält keine Zeilen.")
    neu = np.ones(len(ids), dtype=np.bool_)
    neu[1:] = ids[1:] != ids[:-1]
    start = np.flatnonzero(neu).astype(np.int64)
    if len(np.unique(ids[start])) != len(start):
        raise BatchFehler("Spalte haushalt_id: die Zeilen eines Haushalts müssen direkt aufeinander folgen.")
    return start, ids[start]


def _mietstufen(tabelle: pa.Table, start: I64, tage: I64) -> I64:
    if "mietstufe" in tabelle.column_names and tabelle.column("mietstufe").null_count == 0:
        return _int(tabelle, "mietstufe", (1, 7))[start]
    if "gemeinde" not in tabelle.column_names or "land" not in tabelle.column_names:
        raise BatchFehler("Spalte mietstufe fehlt (oder Spalten gemeinde und land).")
    from amtsweg.rules.wohngeld.mietstufe import bestimme_mietstufe

    kreis = (
        tabelle.column("kreis").to_pylist() if "kreis" in tabelle.column_names else [None] * tabelle.num_rows
    )
    gemeinde, land = tabelle.column("gemeinde").to_pylist(), tabelle.column("land").to_pylist()
    cache: dict[tuple[object, ...], int] = {}
    ergebnis = np.zeros(len(start), dtype=np.int64)
    for i, zeile in enumerate(start.tolist()):
        schluessel = (int(tage[i]), gemeinde[zeile], land[zeile], kreis[zeile])
        if schluessel not in cache:
            try:
                tag = dt.date.fromordinal(int(tage[i]))
                cache[schluessel] = bestimme_mietstufe(
                    tag, gemeinde[zeile], land[zeile], kreis[zeile]
                ).mietstufe
            except RegelwerkFehler as fehler:
                raise BatchFehler(f"Zeile {zeile + 2}: {fehler}") from None
        ergebnis[i] = cache[schluessel]
    return ergebnis


def spalten_aus_tabelle(tabelle: pa.Table) -> tuple[Haushaltsspalten, npt.NDArray[np.object_], I64]:
    """Convert the person table into the columnar household form.

    Returns (spalten, household ids, Stichtag per household as ``date.toordinal()``)."""
    for name in REQUIRED:
        if name not in tabelle.column_names:
            raise BatchFehler(f"Pflichtspalte {name} fehlt.")
    start, ids = _haushalte(tabelle)
    tage = _datum(tabelle, "stichtag")[start]
    if np.any(tage == 0):
        raise BatchFehler(
            f"Spalte stichtag, Zeile {int(start[np.flatnonzero(tage == 0)[0]]) + 2}: Datum fehlt."
        )
    groessen = np.diff(np.append(start, tabelle.num_rows))
    brutto = np.stack([_cent(tabelle, name) for name in MONEY_COLUMNS], axis=0)
    leer = np.zeros(0, dtype=np.int64)
    alter = _int(tabelle, "alter", INT_COLUMNS["alter"])
    geburtsmonat, am_ersten = _geburtsdaten(tabelle, np.repeat(tage, groessen), alter)
    spalten = Haushaltsspalten(
        start=start,
        mietstufe=_mietstufen(tabelle, start, tage),
        kosten=_cent(tabelle, "kosten_monat")[start],
        eigentum=_codes(tabelle, "wohnung_art", ("miete", "eigentum"))[start] == 1,
        haushalt=np.repeat(np.arange(len(start), dtype=np.int64), groessen),
        rolle=_codes(tabelle, "rolle", ROLLEN),
        alter=alter,
        brutto=brutto,
        elterngeld_plus=_bool(tabelle, "elterngeld_plus"),
        anzahl_abzuege=sum(_bool(tabelle, n).astype(np.int64) for n in BOOL_COLUMNS[:3]),  # type: ignore[arg-type]
        kindergeld=_bool(tabelle, "kindergeld"),
        grad_der_behinderung=_int(tabelle, "grad_der_behinderung", INT_COLUMNS["grad_der_behinderung"]),
        haeuslich_pflegebeduerftig=_bool(tabelle, "haeuslich_pflegebeduerftig"),
        ns_verfolgt=_bool(tabelle, "ns_verfolgt"),
        grundrentenzeiten_jahre=_int(
            tabelle, "grundrentenzeiten_jahre", INT_COLUMNS["grundrentenzeiten_jahre"]
        ),
        ausgeschlossen=_ausgeschlossen(tabelle),
        unterhalt_person=leer,
        unterhalt_art=leer,
        unterhalt_betrag=leer,
        unterhalt_tituliert=np.zeros(0, dtype=np.bool_),
        netto=np.stack([_cent(tabelle, f"netto_{art}", fehlt=-1) for art in EINKOMMENSARTEN], axis=0),
        vermoegen=_cent(tabelle, "vermoegen"),
        schwanger=_bool(tabelle, "schwanger"),
        erwerbsfaehig=_dreiwertig(tabelle, "erwerbsfaehig"),
        bewilligungsbeginn=_datum(tabelle, "bewilligungsbeginn"),
        in_ausbildung=_bool(tabelle, "in_ausbildung"),
        mehrbedarf_teilhabe=_bool(tabelle, "mehrbedarf_teilhabe"),
        merkzeichen_g=_bool(tabelle, "merkzeichen_g"),
        mehrbedarf_ernaehrung=_cent(tabelle, "mehrbedarf_ernaehrung_monat"),
        geburtsmonat=geburtsmonat,
        geboren_am_ersten=am_ersten,
        heizkosten=_cent(tabelle, "heizkosten_monat")[start],
        angemessene_kosten=_cent(tabelle, "angemessene_kosten_monat", fehlt=-1)[start],
        warmwasser_dezentral=_bool(tabelle, "warmwasser_dezentral")[start],
        kdu_traeger=(
            np.array(tabelle.column("kdu_traeger").to_pylist(), dtype=object)[start]
            if "kdu_traeger" in tabelle.column_names
            else np.full(len(start), None, dtype=object)
        ),
    )
    antragsteller = spalten.anzahl_je_haushalt(spalten.rolle == ROLLEN.index("antragsteller"))
    if np.any(antragsteller != 1):
        zeile = int(start[np.flatnonzero(antragsteller != 1)[0]]) + 2
        meldung = "genau eine Person muss „antragsteller“ sein."
        raise BatchFehler(f"Spalte rolle, Haushalt ab Zeile {zeile}: {meldung}")
    _pruefe_plausibel(spalten, start)
    return spalten, ids, tage


def _pruefe_plausibel(spalten: Haushaltsspalten, start: I64) -> None:
    """The checks of ``rules.haushalt.plausibel`` on whole columns: size, partner, children's age."""
    groessen = np.bincount(spalten.haushalt, minlength=len(start))
    if np.any(groessen > MAX_PERSONEN):
        h = int(np.flatnonzero(groessen > MAX_PERSONEN)[0])
        raise BatchFehler(
            f"Spalte haushalt_id, Haushalt ab Zeile {int(start[h]) + 2}: {int(groessen[h])} Personen sind "
            f"nicht plausibel (höchstens {MAX_PERSONEN})."
        )
    partner = spalten.anzahl_je_haushalt(spalten.rolle == ROLLEN.index("partner"))
    if np.any(partner > 1):
        zeile = int(start[np.flatnonzero(partner > 1)[0]]) + 2
        raise BatchFehler(
            f"Spalte rolle, Haushalt ab Zeile {zeile}: höchstens eine Person kann „partner“ sein."
        )
    kind = spalten.rolle == ROLLEN.index("kind")
    aeltester = np.full(len(start), 0, dtype=np.int64)
    np.maximum.at(aeltester, spalten.haushalt[~kind], spalten.alter[~kind])
    zu_alt = kind & (spalten.alter >= aeltester[spalten.haushalt])
    if np.any(zu_alt):
        raise BatchFehler(
            f"Spalte alter, {_zeile(zu_alt)}: ein Kind ist nicht jünger als die älteste andere Person im "
            "Haushalt; bitte Alter und Rolle prüfen (andere Verwandte: „sonstige“)."
        )


def _unskaliert(dezimal: pa.ChunkedArray | pa.Array) -> I64:
    """The unscaled integers (cents) of a decimal128(p, 2) array, read from its buffers (exact)."""
    chunks = dezimal.chunks if isinstance(dezimal, pa.ChunkedArray) else [dezimal]
    teile = [np.frombuffer(c.buffers()[1], dtype=np.int64)[2 * c.offset :: 2][: len(c)] for c in chunks]
    return np.concatenate(teile) if teile else np.zeros(0, dtype=np.int64)


def lies_tabelle(pfad: Path) -> pa.Table:
    try:
        if pfad.suffix.lower() == ".parquet":
            return pq.read_table(pfad)
        if pfad.suffix.lower() == ".csv":
            text_spalten = {
                n: pa.string()
                for n in [
                    *MONEY_COLUMNS,
                    *[f"netto_{art}" for art in EINKOMMENSARTEN],
                    "kosten_monat",
                    "heizkosten_monat",
                    "angemessene_kosten_monat",
                    "vermoegen",
                    "mehrbedarf_ernaehrung_monat",
                    "stichtag",
                    "bewilligungsbeginn",
                    "haushalt_id",
                    "kdu_traeger",
                ]
            }
            return pacsv.read_csv(pfad, convert_options=pacsv.ConvertOptions(column_types=text_spalten))
    except (OSError, pa.ArrowInvalid) as fehler:
        raise BatchFehler(f"Die Datei {pfad} kann nicht gelesen werden: {fehler}") from None
    raise BatchFehler(f"Dateiendung {pfad.suffix} wird nicht unterstützt (.parquet oder .csv).")
