"""Exposure thresholds: Asbest (TRGS 519), Lärm and Vibration (LärmVibrationsArbSchV), UV (AMR 13.3).

All values as stated in praevention.md § 4 (the regulations themselves are not shipped). Comparison
operators that the brief leaves open are documented in ``Befund.auslegung`` and flagged unbestaetigt.
"""

from __future__ import annotations

from amtsweg.prevention.gefaehrdung.schwellen import Befund, Stufe

LAERM_UNTEN_DBA, LAERM_OBEN_DBA = 80.0, 85.0
SPITZE_UNTEN_DBC, SPITZE_OBEN_DBC = 135.0, 137.0
HAV_AUSLOESE, HAV_GRENZ = 2.5, 5.0
GKV_AUSLOESE, GKV_GRENZ_XY, GKV_GRENZ_Z = 0.5, 1.15, 0.8
ERREICHT = (
    "Auslösewerte gelten als „erreicht oder überschritten“ (≥); der Verordnungstext ist nicht mitgeliefert."
)


ASBEST_ANZEIGE = Befund(
    "asbest",
    "Asbest: Anzeige an die Behörde",
    "pflicht",
    "Jede Tätigkeit mit Asbest (Abbruch, Sanierung, Instandhaltung) ist der zuständigen Behörde vor Beginn "
    "anzuzeigen – unabhängig von der Expositionsklasse; nach TRGS 519 spätestens 7 Tage vor Beginn.",
    "TRGS 519 Nr. 3.2; GefStoffV Anhang I Nr. 2",
    ("3.2",),
    unbestaetigt=True,
    auslegung="Die Frist von 7 Tagen und die Fundstelle in der GefStoffV sind nicht gegen den Text "
    "geprüft (TRGS 519 und GefStoffV sind nicht mitgeliefert).",
)


def asbest(
    fasern_m3: float,
    beschaeftigte: int = 1,
    personenstunden: float | None = None,
    im_freien_ac_platten_m2: float | None = None,
) -> list[Befund]:
    """TRGS 519 exposure classes as in praevention.md § 4, always with the advance notification.

    Without stated person-hours the work is never "geringen Umfangs" (the limit cannot be checked)."""
    return [
        ASBEST_ANZEIGE,
        *_asbest_klasse(fasern_m3, beschaeftigte, personenstunden, im_freien_ac_platten_m2),
    ]


def _asbest_klasse(
    fasern_m3: float,
    beschaeftigte: int,
    personenstunden: float | None,
    im_freien_ac_platten_m2: float | None,
) -> list[Befund]:
    norm = "TRGS 519"
    if fasern_m3 < 10_000:
        return [
            Befund(
                "asbest",
                "Asbest: geringe Exposition",
                "pflicht",
                f"{fasern_m3:,.0f} Fasern/m³ unter 10 000: geringe Exposition (oder anerkanntes "
                "emissionsarmes "
                "Verfahren). Sachkunde und Schutzmaßnahmen nach TRGS 519 bleiben nötig.".replace(",", "."),
                norm,
                ("3.2",),
                anhang2=("2",),
            )
        ]
    klein_innen = personenstunden is not None and beschaeftigte <= 2 and personenstunden <= 4
    klein_aussen = im_freien_ac_platten_m2 is not None and im_freien_ac_platten_m2 <= 100
    if fasern_m3 < 100_000 and (klein_innen or klein_aussen):
        return [
            Befund(
                "asbest",
                "Asbest: Arbeiten geringen Umfangs",
                "pflicht",
                f"{fasern_m3:,.0f} Fasern/m³ unter 100 000 mit höchstens 2 Beschäftigten und 4 "
                "Personenstunden "
                "(im Freien: Asbestzementplatten bis 100 m²): Arbeiten geringen Umfangs.".replace(",", "."),
                norm,
                ("3.2",),
                anhang2=("2",),
                unbestaetigt=klein_aussen and not klein_innen,
                auslegung="Die Regel für Asbestzementplatten im Freien ist aus dem Fachbrief "
                "sinngemäß übernommen und nicht gegen TRGS 519 geprüft.",
            )
        ]
    return [
        Befund(
            "asbest",
            "Asbest: hohe Exposition",
            "pflicht",
            f"{fasern_m3:,.0f} Fasern/m³".replace(",", ".")
            + (
                " ohne Angabe der Personenstunden (Arbeiten geringen Umfangs nicht nachgewiesen)"
                if personenstunden is None and fasern_m3 < 100_000
                else ""
            )
            + ": Schwarzbereich und Sachkunde erforderlich; Freigabe erst unter 500 Fasern/m³ "
            "(obere 95-%-Grenze unter 1.000).",
            norm,
            ("3.2",),
            anhang2=("2",),
        )
    ]


def laerm(lex8h_dba: float | None = None, spitze_dbc: float | None = None) -> list[Befund]:
    """Noise action values (§ 6 LärmVibrationsArbSchV): 80/85 dB(A) L_EX,8h and 135/137 dB(C) peak."""
    norm = "§ 6 LärmVibrationsArbSchV"
    ober = (lex8h_dba or 0) >= LAERM_OBEN_DBA or (spitze_dbc or 0) >= SPITZE_OBEN_DBC
    unter = (lex8h_dba or 0) >= LAERM_UNTEN_DBA or (spitze_dbc or 0) >= SPITZE_UNTEN_DBC
    werte = ", ".join(
        t
        for t in (
            f"{lex8h_dba:g} dB(A)" if lex8h_dba is not None else "",
            f"Spitze {spitze_dbc:g} dB(C)" if spitze_dbc is not None else "",
        )
        if t
    )
    if ober:
        return [
            Befund(
                "laerm",
                "Lärm",
                "pflicht",
                f"{werte}: oberer Auslösewert (85 dB(A) / 137 dB(C)) erreicht – Lärmminderungsprogramm, "
                "Lärmbereich kennzeichnen, Gehörschutz benutzen lassen.",
                norm,
                ("7.1",),
                unbestaetigt=True,
                auslegung=ERREICHT,
            )
        ]
    if unter:
        return [
            Befund(
                "laerm",
                "Lärm",
                "pflicht",
                f"{werte}: unterer Auslösewert (80 dB(A) / 135 dB(C)) erreicht – Gehörschutz zur Verfügung "
                "stellen, unterweisen.",
                norm,
                ("7.1",),
                unbestaetigt=True,
                auslegung=ERREICHT,
            )
        ]
    return [
        Befund(
            "laerm",
            "Lärm",
            "ok",
            f"{werte}: unter den unteren Auslösewerten.",
            norm,
            ("7.1",),
            auslegung=ERREICHT,
        )
    ]


def vibration(
    hand_arm: float | None = None, ganzkoerper_xy: float | None = None, ganzkoerper_z: float | None = None
) -> list[Befund]:
    """Vibration values (§ 9 LärmVibrationsArbSchV): HAV 2,5/5 m/s²; WBV 0,5 and 1,15 (x, y) / 0,8 (z)."""
    norm = "§ 9 LärmVibrationsArbSchV"
    befunde: list[Befund] = []
    if hand_arm is not None:
        stufe: Stufe
        if hand_arm > HAV_GRENZ:
            stufe, text = (
                "unzulaessig",
                "Expositionsgrenzwert 5 m/s² überschritten – Tätigkeit so nicht zulässig",
            )
        elif hand_arm >= HAV_AUSLOESE:
            stufe, text = "pflicht", "Auslösewert 2,5 m/s² erreicht – Minderungsprogramm, Vorsorge"
        else:
            stufe, text = "ok", "unter dem Auslösewert 2,5 m/s²"
        befunde.append(
            Befund(
                "vibration",
                "Hand-Arm-Vibration",
                stufe,
                f"A(8) = {hand_arm:g} m/s²: {text}.",
                norm,
                ("7.4",),
                unbestaetigt=stufe != "ok",
                auslegung=ERREICHT + " Der Grenzwert gilt als überschritten erst oberhalb von 5 m/s² (>).",
            )
        )
    achsen = [(w, GKV_GRENZ_XY, "x/y") for w in [ganzkoerper_xy] if w is not None]
    achsen += [(w, GKV_GRENZ_Z, "z") for w in [ganzkoerper_z] if w is not None]
    for wert, grenz, achse in achsen:
        if wert > grenz:
            stufe, text = "unzulaessig", f"Expositionsgrenzwert {grenz:g} m/s² ({achse}) überschritten"
        elif wert >= GKV_AUSLOESE:
            stufe, text = "pflicht", "Auslösewert 0,5 m/s² erreicht – Minderungsprogramm"
        else:
            stufe, text = "ok", "unter dem Auslösewert 0,5 m/s²"
        befunde.append(
            Befund(
                "vibration",
                f"Ganzkörper-Vibration ({achse})",
                stufe,
                f"A(8) = {wert:g} m/s²: {text}.",
                norm,
                ("7.3",),
                unbestaetigt=stufe != "ok",
                auslegung=ERREICHT,
            )
        )
    return befunde


def uv(stunden_taeglich: float, tage: int, im_schatten: bool = False) -> list[Befund]:
    """AMR 13.3: Angebotsvorsorge for outdoor work April–September, 11–16 h MESZ, >= 1 h/day (shade 2 h)
    on >= 50 days. ``tage`` counts the days per person and calendar year over all sites, not this site's."""
    mindest = 2.0 if im_schatten else 1.0
    norm = "AMR 13.3; ArbMedVV"
    if stunden_taeglich >= mindest and tage >= 50:
        return [
            Befund(
                "uv",
                "UV-Strahlung",
                "pflicht",
                f"{stunden_taeglich:g} h täglich zwischen 11 und 16 Uhr an {tage} Tagen je Person im Jahr "
                f"(April bis September, alle Baustellen{', im Schatten' if im_schatten else ''}): "
                "Angebotsvorsorge anbieten.",
                norm,
                ("7.5",),
            )
        ]
    return [
        Befund(
            "uv",
            "UV-Strahlung",
            "hinweis",
            f"{stunden_taeglich:g} h an {tage} Tagen je Person im Jahr: Schwelle der Angebotsvorsorge "
            f"(mindestens {mindest:g} h an mindestens 50 Tagen je Person und Jahr, über alle Baustellen "
            "gezählt) nicht erreicht; UV-Schutz trotzdem beurteilen.",
            norm,
            ("7.5",),
        )
    ]
