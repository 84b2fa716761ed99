"""Document model of the corpus generator: layouts, label wordings and content blocks."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from amtsweg.documents.korpus.wortlaute import LABELS
from amtsweg.documents.typen import TYPEN


@dataclass(frozen=True)
class Layout:
    """Visual and wording parameters of one layout; ``ausgehalten`` layouts are for final testing only."""

    id: str
    schrift: str
    kopf: str  # balken | kreis | quadrate | linie | wappen
    farbe: tuple[float, float, float]
    struktur: str  # kv | tabelle | punkte | formular | zweispaltig
    variante: int  # index into the label wordings
    geldstil: int
    datumstil: int
    monatstil: int
    iban_gruppiert: bool
    umgekehrt: bool
    groesse: float
    ausgehalten: bool = False


# One row per layout letter; rows are rotated per document type so each type gets other combinations.
_STILE = (
    ("DejaVuSans", "balken", (0.05, 0.25, 0.55), "kv", 0, 0, 0, 0, True, False, 10.0),
    ("LiberationSerif", "linie", (0.15, 0.15, 0.15), "tabelle", 1, 1, 1, 1, True, True, 10.5),
    ("LiberationSans", "kreis", (0.60, 0.10, 0.10), "punkte", 2, 0, 0, 2, False, False, 9.5),
    ("DejaVuSerif", "quadrate", (0.10, 0.45, 0.25), "formular", 3, 2, 0, 0, True, True, 9.5),
)
_AUSGEHALTEN = (
    ("LiberationSansNarrow", "DejaVuSansCondensed", "LiberationMono", "DejaVuSerifCondensed"),
    ("zweispaltig", "tabelle", "kv", "punkte", "formular"),
)
HELD_OUT_ID = "E"
#: a second held-out layout, added after the models of 2026-11-26 were frozen: new fonts/letterhead/structure
#: combination and new label wordings (``_WORTLAUT_F``), for a blind check of the held-out results
HELD_OUT_ID_2 = "F"
#: a third held-out layout, written without looking at the extractor: its own font/letterhead/structure
#: combination and new label wordings (``_WORTLAUT_G``), for a blind check
HELD_OUT_ID_3 = "G"
_SCHRIFTEN_G = (
    "DejaVuSerif",
    "LiberationSans",
    "DejaVuSansCondensed",
    "LiberationSerif",
    "LiberationMono",
    "DejaVuSans",
    "DejaVuSerifCondensed",
    "LiberationSansNarrow",
)
_KOEPFE_G = ("quadrate", "balken", "kreis", "linie", "wappen")
#: a fourth held-out layout, written without looking at the extractor: font, letterhead, colour, structure
#: and size differ from E, F and G of the same type; label wordings ``_WORTLAUT_H``; for a blind check
HELD_OUT_ID_4 = "H"


def _erste_andere(auswahl: tuple[str, ...], start: int, vergeben: set[str]) -> str:
    """First entry of ``auswahl`` from ``start`` on (cyclically) that is not in ``vergeben``."""
    for schritt in range(len(auswahl)):
        kandidat = auswahl[(start + schritt) % len(auswahl)]
        if kandidat not in vergeben:
            return kandidat
    raise ValueError("Keine freie Auswahl.")


def _layouts_fuer(nummer: int) -> tuple[Layout, ...]:
    ergebnis = []
    for index in range(4):
        zeile = _STILE[(index + nummer) % 4]
        schrift, kopf, farbe, struktur, var, gstil, dstil, mstil, gruppiert, umgekehrt, groesse = zeile
        # the structure rotates independently of font/letterhead so each type has new combinations
        struktur = _STILE[(index + 2 * nummer) % 4][3]
        ergebnis.append(
            Layout(
                "ABCD"[index],
                schrift,
                kopf,
                farbe,
                struktur,
                var,
                gstil,
                dstil,
                mstil,
                gruppiert,
                umgekehrt,
                groesse,
            )
        )
    schriften, strukturen = _AUSGEHALTEN
    ergebnis.append(
        Layout(
            HELD_OUT_ID,
            schriften[nummer % 4],
            "wappen",
            (0.35, 0.20, 0.45),
            strukturen[nummer % 5],
            4,
            nummer % 3,
            (nummer + 1) % 2,
            nummer % 3,
            nummer % 2 == 0,
            nummer % 2 == 1,
            10.0,
            True,
        )
    )
    ergebnis.append(
        Layout(
            HELD_OUT_ID_2,
            schriften[(nummer + 2) % 4],
            ("linie", "kreis", "balken")[nummer % 3],
            (0.0, 0.35, 0.35),
            strukturen[(nummer + 2) % 5],
            5,
            (nummer + 1) % 3,
            nummer % 2,
            (nummer + 2) % 3,
            nummer % 2 == 1,
            nummer % 2 == 0,
            10.5,
            True,
        )
    )
    e_lay, f_lay = ergebnis[-2], ergebnis[-1]
    ergebnis.append(
        Layout(
            HELD_OUT_ID_3,
            _erste_andere(_SCHRIFTEN_G, 3 * nummer, {e_lay.schrift, f_lay.schrift}),
            _erste_andere(_KOEPFE_G, nummer, {e_lay.kopf, f_lay.kopf}),
            (0.50, 0.30, 0.05),
            strukturen[(nummer + 4) % 5],
            6,
            (nummer + 2) % 3,
            (nummer // 2) % 2,
            (nummer + 1) % 3,
            nummer % 3 != 1,
            nummer % 3 == 2,
            (9.0, 11.0)[nummer % 2],
            True,
        )
    )
    ergebnis.append(_layout_h(nummer, e_lay, f_lay, ergebnis[-1]))
    return tuple(ergebnis)


def _layout_h(nummer: int, e_lay: Layout, f_lay: Layout, g_lay: Layout) -> Layout:
    """Layout H: font, letterhead and structure not used by E, F or G of the type; the money/month
    styles (three options each, all taken by E, F and G) are combined so no earlier one shares both."""
    vergeben = (e_lay, f_lay, g_lay)
    struktur = _erste_andere(_AUSGEHALTEN[1], nummer + 3, {lay.struktur for lay in vergeben})
    return Layout(
        HELD_OUT_ID_4,
        _erste_andere(_SCHRIFTEN_G, 5 * nummer + 1, {lay.schrift for lay in vergeben}),
        _erste_andere(_KOEPFE_G, nummer + 2, {lay.kopf for lay in vergeben}),
        (0.45, 0.05, 0.30),
        struktur,
        7,
        (nummer + 1) % 3,
        (nummer + 1) % 2,
        nummer % 3,
        nummer % 4 in (0, 3),
        nummer % 4 in (1, 2),
        (9.75, 10.25)[(nummer + 1) % 2],
        True,
    )


LAYOUTS: dict[str, tuple[Layout, ...]] = {typ: _layouts_fuer(nummer) for nummer, typ in enumerate(TYPEN)}
HELD_OUT: dict[str, tuple[str, ...]] = {
    typ: tuple(lay.id for lay in layouts if lay.ausgehalten) for typ, layouts in LAYOUTS.items()
}


def layout(typ: str, layout_id: str) -> Layout:
    for kandidat in LAYOUTS[typ]:
        if kandidat.id == layout_id:
            return kandidat
    raise KeyError(f"Unbekanntes Layout „{layout_id}“ für den Dokumenttyp „{typ}“.")


# Label wordings; index = layout.variante modulo length (indices 4 to 7 belong to the held-out layouts).


def label(lay: Layout, schluessel: str) -> str:
    auswahl = LABELS[schluessel]
    return auswahl[lay.variante % len(auswahl)]


@dataclass(frozen=True)
class Wert:
    """A printed value; ``feld`` names the ground-truth field it carries (None for distractors)."""

    text: str
    feld: str | None = None


Teil = str | Wert


@dataclass
class Absatz:
    teile: list[Teil]
    fett: bool = False


@dataclass
class Ueberschrift:
    text: str


@dataclass
class Posten:
    """Label/value pairs, drawn according to the layout's ``struktur``."""

    zeilen: list[tuple[str, Wert]]


@dataclass
class Tabelle:
    kopf: list[str]
    zeilen: list[list[Teil]]
    breiten: list[float]  # fractions of the text width
    rechts: frozenset[int] = frozenset()


@dataclass
class Umbruch:
    pass


@dataclass
class Karte:
    """A card (ID card) drawn as a rectangle with label/value lines, e.g. a Schwerbehindertenausweis."""

    titel: str
    zeilen: list[tuple[str, Wert]]


Block = Absatz | Ueberschrift | Posten | Tabelle | Umbruch | Karte


@dataclass
class Entwurf:
    """Everything a document shows, before rendering."""

    absender: list[str]
    empfaenger: list[str]
    ort_datum: str
    bezug: list[tuple[str, str]]
    titel: str
    bloecke: list[Block]
    felder: dict[str, Any] = field(default_factory=dict)
    fusszeile: str = ""
    brief: bool = True  # letter layout with address window; False for forms/statements
