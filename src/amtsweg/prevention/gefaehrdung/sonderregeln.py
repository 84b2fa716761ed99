"""Rules for the work types added in knowledge-base version 2026-12-05: overhead lines, confined spaces,
working alone, machine operators, combustion engines indoors, road works, hazardous substances with
explosion risk, building pollutants by construction year, excavators used for lifting.

Each rule returns ``Befund`` objects. ``unzulaessig`` means: the work as described must not start or must
stop now ("Sofort stoppen"); it is used only where a norm forbids the work as described. Values are cited;
where the rule's text is not shipped in ``../shared/data/gesetze`` the finding is flagged ``unbestaetigt``.
"""

from __future__ import annotations

from amtsweg.prevention.gefaehrdung.schwellen import Befund

# Schutzabstände bei nichtelektrotechnischen Arbeiten in der Nähe von Freileitungen nach Nennspannung
# (DIN VDE 0105-100; so wiedergegeben in DGUV Regel 114-014 Nr. 6.7 und BG BAU-Handlungshilfen).
# (upper voltage in kV inclusive, distance in m); unknown voltage: 5 m
SCHUTZABSTAENDE_KV_M: tuple[tuple[float, float], ...] = ((1.0, 1.0), (110.0, 3.0), (220.0, 4.0), (380.0, 5.0))
ABSTAND_UNBEKANNT_M = 5.0
FREILEITUNG_NORM = "DIN VDE 0105-100 (nach DGUV Regel 114-014 Nr. 6.7); ArbStättV Anhang Nr. 5.2 Abs. 6"
#: Asbestos ban in Germany: buildings whose construction began before this date may contain asbestos
ASBEST_STICHJAHR = 1993


def schutzabstand_m(spannung_kv: float | None) -> float:
    """Minimum distance to an overhead line by nominal voltage (unknown or above 380 kV: 5 m)."""
    if spannung_kv is None:
        return ABSTAND_UNBEKANNT_M
    for bis_kv, abstand in SCHUTZABSTAENDE_KV_M:
        if spannung_kv <= bis_kv:
            return abstand
    return ABSTAND_UNBEKANNT_M


def freileitung(
    abstand_m: float, spannung_kv: float | None = None, freigeschaltet: bool = False
) -> list[Befund]:
    """Work (crane, excavator, scaffold, roof) near an overhead line.

    Below the protective distance the work is not allowed unless the line is reliably switched off.
    BaustellV Anhang II Nr. 4 (shipped) applies only to high-voltage lines (> 1 kV): a 400 V house
    connection is low voltage."""
    grenze = schutzabstand_m(spannung_kv)
    spannung = f"{spannung_kv:g} kV" if spannung_kv is not None else "unbekannter Spannung"
    befunde: list[Befund] = []
    if freigeschaltet:
        befunde.append(
            Befund(
                "freileitung",
                "Freileitung: Schutzabstand",
                "pflicht",
                f"Leitung ({spannung}) freigeschaltet: Freischaltung vom Netzbetreiber bestätigen, "
                "Leitung erden und kurzschließen lassen, bevor gearbeitet wird.",
                FREILEITUNG_NORM,
                ("2.1",),
                unbestaetigt=True,
            )
        )
    elif abstand_m < grenze:
        befunde.append(
            Befund(
                "freileitung",
                "Freileitung: Schutzabstand unterschritten",
                "unzulaessig",
                f"Sofort stoppen: {abstand_m:g} m Abstand zu einer Freileitung mit {spannung} – "
                f"Schutzabstand mindestens {grenze:g} m (einschließlich Ausschwingen von Last, Seil und "
                "Leitung). Arbeiten erst nach Freischaltung durch den Netzbetreiber oder mit Abschrankung, "
                "die den Abstand sicher einhält.",
                FREILEITUNG_NORM,
                ("2.1",),
                unbestaetigt=True,
                auslegung="Tabelle der Schutzabstände nach DIN VDE 0105-100; der Normtext ist nicht "
                "mitgeliefert. Der Abstand gilt in allen Betriebszuständen (ausgefahrener Ausleger, "
                "pendelnde Last).",
            )
        )
    else:
        befunde.append(
            Befund(
                "freileitung",
                "Freileitung: Schutzabstand",
                "pflicht",
                f"{abstand_m:g} m Abstand zu einer Freileitung mit {spannung}: Schutzabstand {grenze:g} m "
                "eingehalten – Abstand in allen Betriebszuständen sichern (Abschrankung, Einweiser).",
                FREILEITUNG_NORM,
                ("2.1",),
                unbestaetigt=True,
            )
        )
    hochspannung = spannung_kv is None or spannung_kv > 1.0
    if hochspannung and abstand_m < 5.0:
        befunde.append(
            Befund(
                "freileitung",
                "Besonders gefährliche Arbeit",
                "pflicht",
                f"Arbeiten in weniger als 5 m Abstand von einer Hochspannungsleitung ({spannung}).",
                "BaustellV Anhang II Nr. 4",
                ("2.1",),
                anhang2=("4",),
            )
        )
    return befunde


def enge_raeume(allein: bool, sicherungsposten: bool = False) -> list[Befund]:
    """Confined spaces and manholes: a single workplace where oxygen deficiency is possible is allowed only
    with constant monitoring from outside (ArbStättV Anhang Nr. 5.2 Abs. 5 Buchst. c, shipped)."""
    norm = "ArbStättV Anhang Nr. 5.2 Abs. 5 Buchst. c"
    if allein and not sicherungsposten:
        return [
            Befund(
                "enge_raeume",
                "Einstieg in Schacht oder engen Raum allein",
                "unzulaessig",
                "Nicht einsteigen: Einzelarbeit in Bereichen mit Gefahr von Sauerstoffmangel oder Gasen ist "
                "nur "
                "zulässig, wenn sie ständig von außen überwacht wird und sofortige Hilfe möglich ist "
                "(Sicherungsposten, Rettungsausrüstung).",
                norm,
                ("8.3",),
            )
        ]
    return [
        Befund(
            "enge_raeume",
            "Schacht oder enger Raum",
            "pflicht",
            "Vor dem Einstieg freimessen und lüften; Sicherungsposten außen, Rettungsausrüstung bereit, "
            "Erlaubnisschein.",
            norm + "; DGUV Regel 113-004",
            ("8.3",),
            unbestaetigt=True,
            auslegung="Freimessen und Erlaubnisschein nach DGUV Regel 113-004 (nicht mitgeliefert).",
        )
    ]


def alleinarbeit(gefaehrlich: bool) -> list[Befund]:
    """Working alone (DGUV Vorschrift 1 § 8 Abs. 2, not shipped)."""
    return [
        Befund(
            "alleinarbeit",
            "Alleinarbeit",
            "pflicht" if gefaehrlich else "hinweis",
            "Eine Person arbeitet allein"
            + (
                " bei einer gefährlichen Arbeit: technische oder organisatorische Personenschutzmaßnahmen "
                "(Personen-Notsignal-Gerät, regelmäßige Kontrollanrufe, Rettung sicherstellen)."
                if gefaehrlich
                else ": Erste Hilfe und Erreichbarkeit sicherstellen."
            ),
            "DGUV Vorschrift 1 § 8 Abs. 2; ArbSchG § 10 Abs. 1",
            ("10.2",),
            unbestaetigt=True,
            auslegung="DGUV Vorschrift 1 ist nicht mitgeliefert.",
        )
    ]


def maschinenfuehrer(unterwiesen: bool) -> list[Befund]:
    """Self-propelled machines only by suitable, instructed operators (BetrSichV Anhang 1 Nr. 1.9 a)."""
    norm = "BetrSichV Anhang 1 Nr. 1.9 Buchst. a"
    if not unterwiesen:
        return [
            Befund(
                "maschinenfuehrer",
                "Maschinenführer nicht unterwiesen",
                "unzulaessig",
                "Sofort stoppen: selbstfahrende Arbeitsmittel (Bagger, Radlader) dürfen nur Beschäftigte "
                "führen, die geeignet sind und eine angemessene Unterweisung erhalten haben.",
                norm,
                ("1.3",),
            )
        ]
    return [
        Befund(
            "maschinenfuehrer",
            "Maschinenführer",
            "ok",
            "Fahrer geeignet und unterwiesen (bitte nachweisen).",
            norm,
            ("1.3",),
        )
    ]


def bagger_heben() -> list[Befund]:
    """An excavator used as a lifting appliance (BetrSichV Anhang 1 Nr. 2.1, 2.2, shipped)."""
    return [
        Befund(
            "bagger_heben",
            "Bagger im Hebezeugeinsatz",
            "pflicht",
            "Heben nur, wenn der Hersteller den Hebezeugeinsatz vorsieht: Lasthaken oder Anschlagpunkt, "
            "Tragfähigkeitstabelle für den Betriebszustand, Einrichtung gegen Überschreiten der "
            "Tragfähigkeit bzw. Überlastwarnung, Sicherung der Hubzylinder (Leitungsbruchsicherung), "
            "Anschläger unterwiesen, "
            "niemand unter der Last.",
            "BetrSichV Anhang 1 Nr. 2.1 bis 2.3; DGUV Regel 100-500 Kap. 2.12",
            ("1.4",),
            unbestaetigt=True,
            auslegung="Ausrüstungsanforderungen für Bagger im Hebezeugeinsatz nach DGUV Regel 100-500 "
            "Kap. 2.12 (nicht mitgeliefert).",
        )
    ]


def verbrennungsmotor_innen(lueftung_technisch: bool) -> list[Befund]:
    """Petrol or diesel tools (cut-off saw, generator) indoors: carbon monoxide.

    BetrSichV Anhang 1 Nr. 1.9 Buchst. c (shipped) requires air that is safe to breathe; without technical
    ventilation and CO monitoring this cannot be ensured indoors."""
    norm = "BetrSichV Anhang 1 Nr. 1.9 Buchst. c; TRGS 900 (Kohlenmonoxid)"
    if not lueftung_technisch:
        return [
            Befund(
                "co",
                "Verbrennungsmotor in Innenräumen",
                "unzulaessig",
                "Sofort stoppen: Geräte mit Verbrennungsmotor (z. B. benzinbetriebener Trennschleifer, "
                "Stromerzeuger) in Innenräumen oder Schächten ohne technische Lüftung – Lebensgefahr durch "
                "Kohlenmonoxid (geruchlos). Elektrisch betriebene Geräte verwenden.",
                norm,
                ("3.2",),
                unbestaetigt=True,
                auslegung="Die Verordnung verlangt gesundheitlich unbedenkliche Atemluft; ohne technische "
                "Lüftung und CO-Messung ist das in Innenräumen nicht sichergestellt (Auslegung).",
            )
        ]
    return [
        Befund(
            "co",
            "Verbrennungsmotor in Innenräumen",
            "pflicht",
            "Technische Lüftung vorhanden: Kohlenmonoxid mit Warngerät überwachen, Abgase ins Freie führen; "
            "besser elektrisch betriebene Geräte verwenden.",
            norm,
            ("3.2",),
            unbestaetigt=True,
        )
    ]


def verkehrsraum(anordnung: bool) -> list[Befund]:
    """Road works under traffic: verkehrsrechtliche Anordnung before start (§ 45 Abs. 6 StVO),
    workplaces per ASR A5.2 and RSA (texts not shipped)."""
    norm = "§ 45 Abs. 6 StVO; ASR A5.2; RSA 21"
    if not anordnung:
        return [
            Befund(
                "verkehr",
                "Arbeiten im Straßenverkehr ohne Anordnung",
                "unzulaessig",
                "Nicht beginnen: vor Arbeiten, die sich auf den Straßenverkehr auswirken, muss die "
                "verkehrsrechtliche Anordnung mit Verkehrszeichenplan vorliegen und die Absicherung nach RSA "
                "aufgestellt sein.",
                norm,
                ("1.3",),
                unbestaetigt=True,
                auslegung="StVO, ASR A5.2 und RSA sind nicht mitgeliefert.",
            )
        ]
    return [
        Befund(
            "verkehr",
            "Arbeiten im Straßenverkehr",
            "pflicht",
            "Absicherung nach verkehrsrechtlicher Anordnung (RSA); Sicherheitsabstand zum fließenden Verkehr "
            "nach ASR A5.2 einhalten; Warnkleidung.",
            norm,
            ("1.3",),
            unbestaetigt=True,
        )
    ]


def entzuendbare_gefahrstoffe(innen: bool) -> list[Befund]:
    """Flammable solvents (primer, adhesive): explosion protection (GefStoffV § 6 Abs. 9, TRGS 720 ff.;
    not shipped) and equipment suitable for the zone (BetrSichV § 9 Abs. 4, shipped)."""
    return [
        Befund(
            "explosion",
            "Explosionsfähige Atmosphäre durch Lösemitteldämpfe",
            "pflicht",
            "Entzündbare Lösemittel"
            + (" in Innenräumen" if innen else "")
            + ": Zündquellen fernhalten (kein Rauchen, keine Trennschleifer, keine Heizgeräte), "
            "explosionsgeschützte Geräte und Lüftung, Explosionsschutz in der Gefährdungsbeurteilung "
            "dokumentieren; Produkt wenn möglich durch lösemittelfreies ersetzen.",
            "GefStoffV § 6 Abs. 9; TRGS 720; BetrSichV § 9 Abs. 4",
            ("5.2",),
            unbestaetigt=True,
            auslegung="GefStoffV und TRGS 720 ff. sind nicht mitgeliefert.",
        )
    ]


def gebaeudeschadstoffe(baujahr: int) -> list[Befund]:
    """Pollutants to expect by the building's year of construction (asbestos until the 1993 ban; PCB and
    PAH/tar typically older buildings)."""
    befunde: list[Befund] = []
    if baujahr <= ASBEST_STICHJAHR:
        befunde.append(
            Befund(
                "schadstoffe",
                "Asbestverdacht nach Baujahr",
                "pflicht",
                f"Baujahr {baujahr}: Gebäude mit Baubeginn vor dem 31.10.1993 können Asbest enthalten "
                "(z. B. Floor-Flex-Platten und ihr Kleber, Spachtelmassen, Fliesenkleber, Putze, "
                "Asbestzement). Vor Abbruch-, Sanierungs- oder Instandhaltungsarbeiten erkunden und "
                "beproben; "
                "bis dahin als asbesthaltig behandeln.",
                "GefStoffV § 5a; TRGS 519",
                ("3.2",),
                unbestaetigt=True,
                auslegung="Erkundungspflicht nach GefStoffV (Fassung 2024) und Stichtag 31.10.1993; "
                "Text nicht mitgeliefert.",
            )
        )
    if baujahr < 1990:
        befunde.append(
            Befund(
                "schadstoffe_pcb_pak",
                "PCB- und PAK-Verdacht nach Baujahr",
                "hinweis",
                f"Baujahr {baujahr}: dauerelastische Fugenmassen können PCB, teerhaltige Kleber (schwarzer "
                "Parkettkleber), Dachbahnen und Anstriche können PAK enthalten. Verdächtige Materialien vor "
                "dem Bearbeiten untersuchen lassen.",
                "GefStoffV § 6; TRGS 524",
                ("3.2",),
                unbestaetigt=True,
                auslegung="Die Jahresgrenze ist ein Anhaltswert dieses Assistenten, keine Norm.",
            )
        )
    return befunde
