"""Vorankündigung, SiGe-Plan and Koordinator per §§ 2, 3 BaustellV (text in ../shared/data/gesetze)."""

from __future__ import annotations

import datetime as dt

from amtsweg.prevention.gefaehrdung.schwellen import Befund

ANHANG_II = {
    "1": "Gefahr des Versinkens, Verschüttetwerdens in Gruben/Gräben über 5 m oder Absturz aus über 7 m",
    "2": "biologische Arbeitsstoffe der Risikogruppen 3/4 oder Stoffe nach Anhang II Nr. 2 Buchst. b "
    "(u. a. krebserzeugend Kategorie 1A/1B)",
    "3": "ionisierende Strahlung mit Kontroll- oder Überwachungsbereich",
    "4": "Arbeiten in weniger als 5 m Abstand von Hochspannungsleitungen",
    "5": "unmittelbare Gefahr des Ertrinkens",
    "6": "Brunnenbau, unterirdische Erdarbeiten und Tunnelbau",
    "7": "Arbeiten mit Tauchgeräten",
    "8": "Arbeiten in Druckluft",
    "9": "Einsatz von Sprengstoff oder Sprengschnüren",
    "10": "Auf- oder Abbau von Massivbauelementen mit kraftbetriebenen Hebe- oder Versetzgeräten",
}


def vorankuendigung_noetig(arbeitstage: int, beschaeftigte_gleichzeitig: int, personentage: int) -> bool:
    """§ 2 Abs. 2 BaustellV: (> 30 Arbeitstage and > 20 gleichzeitig) or > 500 Personentage."""
    return (arbeitstage > 30 and beschaeftigte_gleichzeitig > 20) or personentage > 500


def baustellv(
    arbeitstage: int,
    beschaeftigte_gleichzeitig: int,
    personentage: int | None = None,
    mehrere_arbeitgeber: bool = False,
    anhang2: tuple[str, ...] = (),
    beginn: dt.date | None = None,
) -> list[Befund]:
    """Duties of the Bauherr (or the Dritter, § 4) under §§ 2, 3 BaustellV."""
    geschaetzt = personentage is None
    pt = arbeitstage * beschaeftigte_gleichzeitig if personentage is None else personentage
    anhang2 = tuple(sorted(set(anhang2), key=int))
    befunde: list[Befund] = []
    vorank = vorankuendigung_noetig(arbeitstage, beschaeftigte_gleichzeitig, pt)
    grund = (
        f"{arbeitstage} Arbeitstage, {beschaeftigte_gleichzeitig} Beschäftigte gleichzeitig, "
        f"{pt} Personentage{' (geschätzt: Arbeitstage × Beschäftigte)' if geschaetzt else ''}"
    )
    if vorank:
        befunde.append(
            Befund(
                "baustellv",
                "Vorankündigung",
                "pflicht",
                f"Vorankündigung an die zuständige Behörde spätestens zwei Wochen vor Einrichtung "
                "der Baustelle "
                f"mit den Angaben nach Anhang I; sichtbar aushängen ({grund}).",
                "§ 2 Abs. 2 BaustellV",
                frist=beginn - dt.timedelta(days=14) if beginn else None,
            )
        )
    else:
        befunde.append(
            Befund(
                "baustellv",
                "Vorankündigung",
                "ok",
                f"Keine Vorankündigung nötig ({grund}; Schwellen: mehr als 30 Arbeitstage und mehr als 20 "
                "Beschäftigte gleichzeitig, oder mehr als 500 Personentage).",
                "§ 2 Abs. 2 BaustellV",
            )
        )
    for nr in anhang2:
        befunde.append(
            Befund(
                "baustellv",
                f"Besonders gefährliche Arbeit (Anhang II Nr. {nr})",
                "pflicht",
                f"{ANHANG_II.get(nr, 'Anhang II')} – besondere Maßnahmen im SiGe-Plan bzw. "
                "Unterrichtung nötig.",
                f"Anhang II Nr. {nr} BaustellV",
                anhang2=(nr,),
            )
        )
    if mehrere_arbeitgeber:
        befunde.append(
            Befund(
                "baustellv",
                "Koordinator (SiGeKo)",
                "pflicht",
                "Beschäftigte mehrerer Arbeitgeber: einen oder mehrere geeignete Koordinatoren bestellen.",
                "§ 3 Abs. 1 BaustellV",
                frist=beginn,
            )
        )
        if vorank or anhang2:
            befunde.append(
                Befund(
                    "baustellv",
                    "SiGe-Plan",
                    "pflicht",
                    "Sicherheits- und Gesundheitsschutzplan vor Einrichtung der Baustelle erstellen"
                    + (" (Vorankündigung nötig)" if vorank else "")
                    + (
                        f" (besonders gefährliche Arbeiten nach Anhang II Nr. {', '.join(anhang2)})"
                        if anhang2
                        else ""
                    )
                    + ".",
                    "§ 2 Abs. 3 BaustellV",
                    frist=beginn,
                )
            )
        else:
            befunde.append(
                Befund(
                    "baustellv",
                    "SiGe-Plan",
                    "ok",
                    "Kein SiGe-Plan nach § 2 Abs. 3 nötig (keine Vorankündigung, keine Arbeiten "
                    "nach Anhang II).",
                    "§ 2 Abs. 3 BaustellV",
                )
            )
    elif vorank or anhang2:
        befunde.append(
            Befund(
                "baustellv",
                "Unterrichtung des Arbeitgebers",
                "pflicht",
                "Nur ein Arbeitgeber: der Bauherr sorgt dafür, dass dieser vor Einrichtung der "
                "Baustelle über die "
                "Umstände unterrichtet wird, die in einen SiGe-Plan einzubeziehen wären.",
                "§ 2 Abs. 4 BaustellV",
                frist=beginn,
            )
        )
    return befunde
