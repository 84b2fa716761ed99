"""Threshold rules as code. Each function returns ``Befund`` objects that cite their norm.

Values come from the shipped law texts (BaustellV, ArbStättV, BetrSichV) or from the domain brief
(praevention.md § 4: DIN 4124, TRBS 2121-2, TRGS 519, LärmVibrationsArbSchV, AMR 13.3). Where the brief
gives no comparison operator, the interpretation is stated in ``auslegung`` and flagged ``unbestaetigt``.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Literal

Stufe = Literal["ok", "hinweis", "pflicht", "unzulaessig"]
Boden = Literal["nichtbindig", "weich_bindig", "steif_bindig", "fels"]
AbsturzArt = Literal["sonstige", "wandoeffnung_treppe", "wasser"]

# DIN 4124 slope angles without calculation, up to 5 m depth (praevention.md § 4)
BOESCHUNG_MAX_GRAD: dict[str, float] = {"nichtbindig": 45, "weich_bindig": 45, "steif_bindig": 60, "fels": 80}
BODEN_NAMEN = {
    "nichtbindig": "nichtbindiger Boden",
    "weich_bindig": "weicher bindiger Boden",
    "steif_bindig": "steifer bindiger Boden",
    "fels": "Fels",
}


@dataclass(frozen=True, slots=True)
class Befund:
    regel: str
    titel: str
    stufe: Stufe
    text: str
    norm: str
    faktoren: tuple[str, ...] = ()
    anhang2: tuple[str, ...] = ()  # BaustellV Anhang II numbers triggered
    unbestaetigt: bool = False
    auslegung: str = ""
    frist: dt.date | None = None

    @property
    def erfordert_massnahmen(self) -> bool:
        return self.stufe in ("pflicht", "unzulaessig")


def absturz(
    hoehe_m: float,
    art: AbsturzArt = "sonstige",
    dach_flach_klein: bool = False,
    besonders_unterwiesen: bool = False,
) -> list[Befund]:
    """Fall protection per ArbStättV Anhang Nr. 5.2 Abs. 2 (shipped; wording "mehr als"), DGUV V 38 § 9."""
    norm = "ArbStättV Anhang Nr. 5.2 Abs. 2; DGUV Vorschrift 38 § 9"
    auslegung = (
        "Der mitgelieferte Verordnungstext sagt „mehr als 1 Meter“ bzw. „mehr als 2 Meter“; genau "
        "1,00 m bzw. "
        "2,00 m lösen die Pflicht daher nicht aus (die Kurzfassung im Fachbrief sagt „ab“)."
    )
    if art == "wasser":
        grenze, text = (
            0.0,
            "am oder über Wasser oder Stoffen, in denen man versinken kann: unabhängig von der Höhe",
        )
    elif art == "wandoeffnung_treppe":
        grenze, text = 1.0, "an Wandöffnungen und freiliegenden Treppen: bei mehr als 1 m"
    else:
        grenze, text = 2.0, "an allen übrigen Arbeitsplätzen: bei mehr als 2 m"
    befunde: list[Befund] = []
    noetig = art == "wasser" or hoehe_m > grenze
    if noetig and art == "sonstige" and dach_flach_klein and besonders_unterwiesen and hoehe_m <= 3.0:
        befunde.append(
            Befund(
                "absturz",
                "Absturzsicherung",
                "hinweis",
                f"Absturzhöhe {hoehe_m:g} m auf Dach/Decke bis 22,5° und höchstens 50 m²: "
                "Schutzvorrichtung bis 3 m "
                "entbehrlich, wenn fachlich qualifizierte, besonders unterwiesene Beschäftigte "
                "arbeiten und die "
                "Absturzkante deutlich erkennbar ist.",
                "ArbStättV Anhang Nr. 5.2 Abs. 2 Satz 2 und 3",
                ("1.6",),
                auslegung=auslegung,
            )
        )
    elif noetig:
        befunde.append(
            Befund(
                "absturz",
                "Absturzsicherung",
                "pflicht",
                f"Absturzhöhe {hoehe_m:g} m – Schutzvorrichtung erforderlich ({text}). Rangfolge: "
                "Schutzvorrichtung "
                "vor Auffangeinrichtung vor PSAgA (mit Anschlagpunkt und Rettung).",
                norm,
                ("1.6",),
                auslegung=auslegung,
            )
        )
    else:
        befunde.append(
            Befund(
                "absturz",
                "Absturzsicherung",
                "hinweis" if hoehe_m > 1.0 else "ok",
                f"Absturzhöhe {hoehe_m:g} m – keine Schutzvorrichtung nach Nr. 5.2 Abs. 2 "
                f"vorgeschrieben ({text})."
                + (
                    " Absturzgefahr besteht aber ab mehr als 1 m (ArbStättV Anhang Nr. 2.1)."
                    if hoehe_m > 1.0
                    else ""
                ),
                norm,
                ("1.6",),
                auslegung=auslegung,
            )
        )
    if hoehe_m > 7.0:
        befunde.append(
            Befund(
                "absturz",
                "Besonders gefährliche Arbeit",
                "pflicht",
                f"Absturzhöhe {hoehe_m:g} m liegt über 7 m: besonders gefährliche Arbeit nach "
                "BaustellV Anhang II Nr. 1.",
                "BaustellV Anhang II Nr. 1",
                ("1.6",),
                anhang2=("1",),
            )
        )
    return befunde


def graben(
    tiefe_m: float,
    boden: Boden = "nichtbindig",
    boeschungswinkel_grad: float | None = None,
    verbau: bool = False,
    gelaende_flach: bool = True,
) -> list[Befund]:
    """Trenches and pits per DIN 4124 as summarised in praevention.md § 4."""
    norm = "DIN 4124 (nach DGUV Information 201-052 Nr. 4); ArbStättV Anhang Nr. 5.2 Abs. 5 Buchst. b"
    befunde: list[Befund] = []
    grenze = BOESCHUNG_MAX_GRAD[boden]
    steif = boden in ("steif_bindig", "fels")
    if tiefe_m <= 1.25 and gelaende_flach:
        neigung = "1:2" if steif else "1:10"
        befunde.append(
            Befund(
                "graben",
                "Grabensicherung",
                "hinweis",
                f"Tiefe {tiefe_m:g} m bis 1,25 m: senkrechte Wände ohne Verbau zulässig, wenn das "
                f"anschließende Gelände bei {BODEN_NAMEN[boden]} nicht steiler als {neigung} ansteigt.",
                norm,
                ("1.4",),
                unbestaetigt=boden == "weich_bindig",
                auslegung="Für weichen bindigen Boden ist die Geländeneigung 1:10 angesetzt (sichere Seite)."
                if boden == "weich_bindig"
                else "",
            )
        )
    elif verbau:
        befunde.append(
            Befund(
                "graben",
                "Grabensicherung",
                "pflicht",
                f"Tiefe {tiefe_m:g} m: Verbau vorgesehen – Verbau fachkundig planen und nach "
                "Anweisung ein- und ausbauen.",
                norm,
                ("1.4",),
            )
        )
    elif tiefe_m <= 1.75 and boeschungswinkel_grad is None and boden == "steif_bindig":
        befunde.append(
            Befund(
                "graben",
                "Grabensicherung",
                "pflicht",
                f"Tiefe {tiefe_m:g} m bis 1,75 m in steifem bindigem Boden: der Teil oberhalb von 1,25 m "
                "muss mit höchstens 45° abgeböscht oder teilweise verbaut werden.",
                norm,
                ("1.4",),
            )
        )
    elif boeschungswinkel_grad is None:
        befunde.append(
            Befund(
                "graben",
                "Grabensicherung",
                "unzulaessig",
                f"Tiefe {tiefe_m:g} m in {BODEN_NAMEN[boden]} ohne Verbau und ohne Böschung: so nicht "
                "zulässig – nicht betreten, Wände abböschen oder verbauen"
                + (
                    " (die Regel bis 1,75 m mit teilweiser Böschung gilt nur für steifen bindigen Boden)."
                    if tiefe_m <= 1.75
                    else "."
                ),
                norm,
                ("1.4",),
            )
        )
    else:
        zulaessig = boeschungswinkel_grad <= grenze
        if tiefe_m > 5.0:
            befunde.append(
                Befund(
                    "graben",
                    "Grabensicherung",
                    "pflicht",
                    f"Tiefe {tiefe_m:g} m über 5 m: Standsicherheitsnachweis für die Böschung erforderlich.",
                    norm,
                    ("1.4",),
                )
            )
        elif zulaessig:
            befunde.append(
                Befund(
                    "graben",
                    "Grabensicherung",
                    "pflicht",
                    f"Böschung {boeschungswinkel_grad:g}° bei {BODEN_NAMEN[boden]} ist ohne "
                    "Nachweis zulässig "
                    f"(höchstens {grenze:g}°).",
                    norm,
                    ("1.4",),
                )
            )
        else:
            befunde.append(
                Befund(
                    "graben",
                    "Grabensicherung",
                    "unzulaessig",
                    f"Böschung {boeschungswinkel_grad:g}° ist bei {BODEN_NAMEN[boden]} zu steil "
                    f"(ohne Nachweis höchstens {grenze:g}°): flacher "
                    "böschen oder verbauen.",
                    norm,
                    ("1.4",),
                )
            )
    if tiefe_m > 1.25 or not gelaende_flach:
        befunde.append(
            Befund(
                "graben",
                "Schutzstreifen",
                "pflicht",
                "Am Grabenrand einen Schutzstreifen von 0,60 m freihalten.",
                "DIN 4124",
                ("1.4",),
            )
        )
    if tiefe_m > 5.0:
        befunde.append(
            Befund(
                "graben",
                "Besonders gefährliche Arbeit",
                "pflicht",
                f"Grabentiefe {tiefe_m:g} m über 5 m: besonders gefährliche Arbeit nach BaustellV "
                "Anhang II Nr. 1.",
                "BaustellV Anhang II Nr. 1",
                ("1.4",),
                anhang2=("1",),
            )
        )
    return befunde


def leiter(
    zweck: Literal["zugang", "arbeitsplatz"], hoehe_m: float, dauer_stunden: float = 0.0, selten: bool = False
) -> list[Befund]:
    """Ladder use per TRBS 2121 Teil 2 (values from praevention.md § 4) and BetrSichV Anhang 1 Nr. 3.1.4."""
    norm = "TRBS 2121 Teil 2; BetrSichV Anhang 1 Nr. 3.1.4"
    if zweck == "zugang":
        if hoehe_m <= 5.0 or selten:
            return [
                Befund(
                    "leiter",
                    "Leiter als Zugang",
                    "hinweis",
                    f"Höhenunterschied {hoehe_m:g} m: Leiter als Zugang zulässig"
                    + (" (über 5 m nur bei seltener Benutzung)." if hoehe_m > 5.0 else " (bis 5 m)."),
                    norm,
                    ("1.6",),
                )
            ]
        return [
            Befund(
                "leiter",
                "Leiter als Zugang",
                "unzulaessig",
                f"Höhenunterschied {hoehe_m:g} m über 5 m: Leiter als regelmäßiger Zugang nicht zulässig – "
                "Treppe (z. B. Gerüsttreppe) vorsehen.",
                norm,
                ("1.6",),
            )
        ]
    auslegung = "„höchstens 2 Stunden“ laut Fachbrief; Bezug (je Arbeitsschicht) ist nicht bestätigt."
    if hoehe_m <= 2.0:
        return [
            Befund(
                "leiter",
                "Leiter als Arbeitsplatz",
                "hinweis",
                f"Standhöhe {hoehe_m:g} m bis 2 m: Leiter als Arbeitsplatz ohne zeitliche Beschränkung.",
                norm,
                ("1.6",),
            )
        ]
    if hoehe_m <= 5.0 and dauer_stunden <= 2.0:
        return [
            Befund(
                "leiter",
                "Leiter als Arbeitsplatz",
                "pflicht",
                f"Standhöhe {hoehe_m:g} m (über 2 m bis 5 m): nur zeitweilig, höchstens 2 Stunden "
                f"(geplant {dauer_stunden:g} h).",
                norm,
                ("1.6",),
                unbestaetigt=True,
                auslegung=auslegung,
            )
        ]
    grund = (
        "über 5 m nicht zulässig" if hoehe_m > 5.0 else f"länger als 2 Stunden (geplant {dauer_stunden:g} h)"
    )
    return [
        Befund(
            "leiter",
            "Leiter als Arbeitsplatz",
            "unzulaessig",
            f"Standhöhe {hoehe_m:g} m: Leiter als Arbeitsplatz {grund} – Gerüst, Podesttreppe oder "
            "Hubarbeitsbühne verwenden.",
            norm,
            ("1.6",),
            unbestaetigt=hoehe_m <= 5.0,
            auslegung=auslegung,
        )
    ]
