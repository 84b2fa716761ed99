"""Letter texts: tenor, Begründung from the trace, legend, notices and Rechtsbehelfsbelehrung.

Everything here returns plain text; the template escapes it (Jinja2 autoescape), so no function in this
module may return markup. A new Leistung plugs in with one ``Leistungstexte`` entry in ``LEISTUNGEN``.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from amtsweg.cases.bescheid.daten import Berechnungsschritt, Bescheiddaten
from amtsweg.cases.bescheid.frist import TAGE_BIS_BEKANNTGABE, bekanntgabe, rechtsbehelfsfrist
from amtsweg.rules.engine.geld import cent_als_euro

# --- formatting --------------------------------------------------------------------------------


def euro(betrag: Decimal) -> str:
    """German money format: Decimal("1234.5") -> "1.234,50 €"."""
    cent = betrag * 100
    if cent != cent.to_integral_value():
        raise ValueError(f"{betrag} hat mehr als zwei Nachkommastellen")
    return cent_als_euro(int(cent))


def datum(tag: date) -> str:
    """Numeric German date: 2025-02-28 -> "28.02.2025"."""
    return tag.strftime("%d.%m.%Y")


# --- per-Leistung texts ------------------------------------------------------------------------

_PARAGRAPH = re.compile(r"^§\s*(\d+)([a-z]?)\b")
_ANLAGE = re.compile(r"^Anlage\s+(\d+)\b")


@dataclass(frozen=True)
class Cluster:
    schluessel: str
    titel: str
    einleitung: str


@dataclass(frozen=True)
class Leistungstexte:
    name: str  # "Wohngeld"
    gesetz: str  # "WoGG"
    gesetz_genitiv: str  # "des Wohngeldgesetzes"
    cluster: tuple[Cluster, ...]
    #: Maps a norm citation to a cluster key (None: "weitere").
    zuordnung: Callable[[str], str | None]
    #: Notices for a (partial) Bewilligung: list of paragraphs.
    hinweise_bewilligung: Callable[[Bescheiddaten], tuple[str, ...]]
    hinweise_ablehnung: Callable[[Bescheiddaten], tuple[str, ...]]


def _wohngeld_cluster(norm: str) -> str | None:
    if not norm.endswith(" WoGG"):
        return None
    if m := _ANLAGE.match(norm):
        return "miete" if m.group(1) == "1" else "formel"
    if m := _PARAGRAPH.match(norm):
        nummer = int(m.group(1))
        if 3 <= nummer <= 8:
            return "haushalt"
        if 9 <= nummer <= 12:
            return "miete"
        if 13 <= nummer <= 18:
            return "einkommen"
        if nummer in (19, 21):
            return "formel"
    return None


def _wohngeld_hinweise_bewilligung(d: Bescheiddaten) -> tuple[str, ...]:
    hinweise: list[str] = []
    if d.vorlaeufig:
        hinweise.append(
            "Vorbehalt (§ 26a Abs. 2 WoGG): Das Wohngeld wird vorläufig gezahlt. Die Zahlung erfolgt unter "
            "dem Vorbehalt der endgültigen Entscheidung über das Wohngeld und der möglichen Rückforderung "
            "von zu viel gezahltem Wohngeld."
        )
    grundlage = []
    if d.miete_monat is not None:
        grundlage.append(f"monatliche Miete oder Belastung {euro(d.miete_monat)}")
    if d.einkommen_monat is not None:
        grundlage.append(
            "Summe der monatlichen positiven Einkünfte und Einnahmen aller zu berücksichtigenden "
            f"Haushaltsmitglieder {euro(d.einkommen_monat)}"
        )
    if grundlage:
        hinweise.append("Diesem Bescheid liegen zugrunde (§ 24 Abs. 3 WoGG): " + "; ".join(grundlage) + ".")
    hinweise += [
        "Mitteilungspflichten (§ 27 Abs. 3 und 4, § 28 Abs. 1 Satz 2 und Abs. 4 Satz 1 WoGG): Sie müssen "
        "uns unverzüglich mitteilen, wenn sich während des Bewilligungszeitraums nicht nur vorübergehend "
        "(1) die Zahl der zu berücksichtigenden Haushaltsmitglieder verringert oder die Zahl der vom "
        "Wohngeld ausgeschlossenen Haushaltsmitglieder erhöht, (2) Ihre monatliche Miete oder Belastung um "
        "mehr als 15 Prozent gegenüber dem in diesem Bescheid genannten Betrag verringert oder (3) die "
        "Summe der monatlichen Einkünfte und Einnahmen aller zu berücksichtigenden Haushaltsmitglieder um "
        "mehr als 15 Prozent gegenüber dem in diesem Bescheid genannten Betrag erhöht. Das gilt auch für "
        "bereits abgelaufene Bewilligungszeiträume. Die Haushaltsmitglieder müssen Ihnen Änderungen ihres "
        "Einkommens mitteilen.",
        "Sie müssen uns außerdem unverzüglich mitteilen, wenn die Wohnung von keinem zu berücksichtigenden "
        "Haushaltsmitglied mehr genutzt wird (zum Beispiel nach einem Umzug), wenn für ein "
        "Haushaltsmitglied ein Verfahren über eine Leistung nach § 7 Abs. 1 oder 2 WoGG begonnen hat "
        "(zum Beispiel Bürgergeld oder Grundsicherung) oder wenn ein Haushaltsmitglied eine solche Leistung "
        "erhält. Zu Unrecht gezahltes Wohngeld muss erstattet werden (§ 50 SGB X). Wer eine Mitteilung "
        "vorsätzlich oder leichtfertig nicht, nicht richtig, nicht vollständig oder nicht rechtzeitig macht, "
        "handelt ordnungswidrig (§ 37 WoGG).",
        "Eine Neuentscheidung von Amts wegen, die zum Wegfall oder zu einer Verringerung des Wohngeldes "
        "führt, ist auch dann möglich, wenn keine Mitteilungspflicht besteht (§ 27 Abs. 2 WoGG).",
        "Steigt Ihre Miete oder Belastung um mehr als 10 Prozent, sinkt das Gesamteinkommen um mehr als "
        "10 Prozent oder erhöht sich die Zahl der zu berücksichtigenden Haushaltsmitglieder, können Sie "
        "beantragen, das Wohngeld neu zu bewilligen (§ 27 Abs. 1 WoGG).",
        "Sie können den Wohngeldantrag für die Zeit nach Ablauf des Bewilligungszeitraums wiederholen "
        "(Weiterleistungsantrag). Stellen Sie ihn rechtzeitig vor dem Ende des Bewilligungszeitraums, damit "
        "keine Lücke entsteht (§ 24 Abs. 3 Satz 2, § 25 Abs. 2 WoGG).",
    ]
    return tuple(hinweise)


def _wohngeld_hinweise_ablehnung(d: Bescheiddaten) -> tuple[str, ...]:
    return (
        "Ändern sich Ihre Verhältnisse (zum Beispiel Einkommen, Miete oder Zahl der Haushaltsmitglieder), "
        "können Sie jederzeit einen neuen Wohngeldantrag stellen.",
    )


WOHNGELD = Leistungstexte(
    name="Wohngeld",
    gesetz="WoGG",
    gesetz_genitiv="des Wohngeldgesetzes",
    cluster=(
        Cluster(
            "haushalt",
            "Haushalt",
            "Wer zum Haushalt gehört und wer bei der Berechnung zu berücksichtigen ist, ergibt sich aus "
            "§§ 5 bis 8 WoGG. Haushaltsmitglieder, die selbst Leistungen wie Bürgergeld oder Grundsicherung "
            "mit Unterkunftskosten erhalten, sind vom Wohngeld ausgeschlossen (§ 7 WoGG).",
        ),
        Cluster(
            "miete",
            "Miete",
            "Berücksichtigt wird die Miete oder Belastung ohne Heizkosten höchstens bis zum Höchstbetrag, "
            "der von der Mietenstufe Ihrer Gemeinde und der Zahl der Haushaltsmitglieder abhängt. Hinzu "
            "kommen die Entlastung bei den Heizkosten und die Klimakomponente (§§ 9 bis 12 WoGG, Anlage 1 "
            "WoGG).",
        ),
        Cluster(
            "einkommen",
            "Einkommen",
            "Das Gesamteinkommen ist die Summe der Einkommen der zu berücksichtigenden Haushaltsmitglieder. "
            "Vom Bruttoeinkommen werden Werbungskosten-Pauschbeträge, ein pauschaler Abzug für Steuern und "
            "Sozialversicherungsbeiträge sowie Frei- und Abzugsbeträge abgezogen (§§ 13 bis 18 WoGG).",
        ),
        Cluster(
            "formel",
            "Berechnung des Wohngeldes",
            "Die Höhe des Wohngeldes ergibt sich aus der Formel des § 19 WoGG mit den Werten der Anlagen 2 "
            "und 3 WoGG; sie hängt von der Zahl der zu berücksichtigenden Haushaltsmitglieder, der Miete M "
            "und dem Gesamteinkommen Y ab. Ein Betrag unter 10 Euro wird nicht gezahlt (§ 21 Nr. 1 WoGG).",
        ),
        Cluster("weitere", "Weitere Vorschriften", "Außerdem wurden angewandt:"),
    ),
    zuordnung=_wohngeld_cluster,
    hinweise_bewilligung=_wohngeld_hinweise_bewilligung,
    hinweise_ablehnung=_wohngeld_hinweise_ablehnung,
)

LEISTUNGEN: dict[str, Leistungstexte] = {"wohngeld": WOHNGELD}


def leistungstexte(leistung: str) -> Leistungstexte:
    try:
        return LEISTUNGEN[leistung]
    except KeyError:
        raise ValueError(f"Für die Leistung {leistung!r} gibt es noch keine Bescheidtexte.") from None


# --- tenor -------------------------------------------------------------------------------------


def verfuegungssatz(daten: Bescheiddaten) -> str:
    """The tenor from art, amount and period, e.g. "… für die Zeit vom 01.01.2025 bis … monatlich 88,00 €";
    after an Änderungsmitteilung it first names the new decision and the Bescheid it replaces."""
    name = leistungstexte(daten.leistung).name
    if daten.aenderung is not None:
        a = daten.aenderung
        satz = (
            f"Auf Ihre Änderungsmitteilung wird über Ihr {name} ab dem {datum(a.ab)} neu entschieden. "
            f"Der Bescheid vom {datum(a.bescheid_vom)} (Aktenzeichen {a.aktenzeichen}) wird mit Wirkung "
            f"vom {datum(a.ab)} an aufgehoben. "
        )
        if daten.art == "ablehnung":
            return satz + f"Ab dem {datum(a.ab)} steht Ihnen kein {name} zu."
        return satz + _bewilligungssatz(daten, name)
    if daten.art == "ablehnung":
        return f"Ihr Antrag auf {name} wird abgelehnt."
    return _bewilligungssatz(daten, name)


def _bewilligungssatz(daten: Bescheiddaten, name: str) -> str:
    assert daten.betrag_monat is not None
    assert daten.bewilligung_von is not None and daten.bewilligung_bis is not None
    satz = (
        f"Für die Zeit vom {datum(daten.bewilligung_von)} bis {datum(daten.bewilligung_bis)} wird Ihnen "
        f"{name} in Höhe von monatlich {euro(daten.betrag_monat)} bewilligt."
    )
    if daten.vorlaeufig:
        satz += " Die Zahlung erfolgt vorläufig."
    if daten.art == "teilbewilligung":
        satz += " Im Übrigen wird Ihr Antrag abgelehnt."
    return satz


def anrede(daten: Bescheiddaten) -> str:
    """The salutation: the addressee's name when known. The form asks no Anrede or gender, so the letter
    does not guess one ("Guten Tag Erika Mustermann,"); without a name the neutral formula."""
    name = " ".join(daten.empfaenger.name.split())
    return f"Guten Tag {name}," if name else "Sehr geehrte Damen und Herren,"


def zahlungssatz(daten: Bescheiddaten) -> str:
    """How the money is paid: names the account only if one was given in the Antrag (§ 26 Abs. 2 WoGG)."""
    name = leistungstexte(daten.leistung).name
    if daten.zahlung:
        return (
            f"Das {name} wird monatlich im Voraus auf das von Ihnen angegebene Konto überwiesen "
            "(§ 26 Abs. 2 WoGG)."
        )
    return (
        "Uns liegt noch keine Bankverbindung vor. Bitte teilen Sie uns ein Konto eines Haushaltsmitglieds "
        f"mit; auf dieses Konto wird das {name} monatlich im Voraus überwiesen (§ 26 Abs. 2 WoGG)."
    )


# --- Begründung from the trace -----------------------------------------------------------------


@dataclass(frozen=True)
class Abschnitt:
    titel: str
    einleitung: str
    normen: tuple[str, ...]  # distinct norms of the steps, in order of appearance
    schritte: tuple[Berechnungsschritt, ...]


def begruendung_abschnitte(daten: Bescheiddaten) -> tuple[Abschnitt, ...]:
    """Group the trace steps by norm cluster (Haushalt, Miete, Einkommen, Formel, weitere)."""
    texte = leistungstexte(daten.leistung)
    gruppen: dict[str, list[Berechnungsschritt]] = {c.schluessel: [] for c in texte.cluster}
    for schritt in daten.begruendung:
        gruppen[texte.zuordnung(schritt.norm) or "weitere"].append(schritt)
    abschnitte = []
    for cluster in texte.cluster:
        schritte = gruppen[cluster.schluessel]
        if schritte:
            normen = tuple(dict.fromkeys(s.norm for s in schritte))
            abschnitte.append(Abschnitt(cluster.titel, cluster.einleitung, normen, tuple(schritte)))
    return tuple(abschnitte)


def alle_normen(daten: Bescheiddaten) -> tuple[str, ...]:
    return tuple(dict.fromkeys(s.norm for s in daten.begruendung))


# --- legend (§ 33 Abs. 5 Satz 2 SGB X) ---------------------------------------------------------

_LEGENDE: tuple[tuple[str, str, str], ...] = (
    # (symbol, pattern that shows the symbol is used, explanation)
    ("M", r"\bM\b", "zu berücksichtigende monatliche Miete oder Belastung (§ 11 WoGG), in Euro"),
    ("Y", r"\bY\b", "monatliches Gesamteinkommen der zu berücksichtigenden Haushaltsmitglieder (§ 13 WoGG)"),
    (
        "a, b, c",
        r"\ba\s*=|\bWerte a, b, c\b",
        "Koeffizienten der Wohngeldformel; sie hängen von der Zahl der zu berücksichtigenden "
        "Haushaltsmitglieder ab (Anlage 2 WoGG)",
    ),
    ("z1 bis z4", r"\bz[1-4]\b", "Zwischenergebnisse der Wohngeldformel (Anlage 3 Nr. 2 WoGG)"),
    ("·", r"·", "mal (Multiplikation)"),
    ("−", r"−", "minus (Subtraktion)"),
    ("%", r"%", "Prozent"),
    ("§", r"§", "Paragraf"),
    ("Abs.", r"\bAbs\.", "Absatz"),
    ("Nr.", r"\bNr\.", "Nummer"),
    ("WoGG", r"\bWoGG\b", "Wohngeldgesetz"),
    ("SGB X", r"\bSGB X\b", "Zehntes Buch Sozialgesetzbuch"),
    ("EStG", r"\bEStG\b", "Einkommensteuergesetz"),
    ("BEEG", r"\bBEEG\b", "Bundeselterngeld- und Elternzeitgesetz"),
)


def legende(daten: Bescheiddaten) -> tuple[tuple[str, str], ...]:
    """Explanations for every code used in the calculation sheet (only the ones that occur)."""
    inhalt = "\n".join(f"{s.norm}\t{s.text}\t{s.wert}" for s in daten.begruendung)
    eintraege = [(symbol, text) for symbol, muster, text in _LEGENDE if re.search(muster, inhalt)]
    for kennung, name in daten.kennungen:
        eintraege.append((f"({kennung})", f"Haushaltsmitglied {name}"))
    if not daten.kennungen and re.search(r"\([^()]{1,12}\)\t", inhalt):
        eintraege.append(
            (
                "(…)",
                "Eine Kennung in Klammern am Ende eines Schritts bezeichnet das Haushaltsmitglied, für das "
                "der Wert ermittelt wurde (Kennung aus dem Antrag).",
            )
        )
    return tuple(eintraege)


# --- Rechtsbehelfsbelehrung (§ 36 SGB X) -------------------------------------------------------


def rechtsbehelfsbelehrung(daten: Bescheiddaten) -> tuple[str, ...]:
    """Paragraphs of the Rechtsbehelfsbelehrung with the concrete deadline date."""
    b = daten.behoerde
    bekannt = bekanntgabe(daten)
    ende = rechtsbehelfsfrist(daten)
    wie = "mit der Post versandt" if daten.zustellung == "post" else "elektronisch übermittelt"
    tag = "Aufgabe zur Post" if daten.zustellung == "post" else "Absendung"
    gericht = b.gericht + (f", {b.gericht_anschrift}" if b.gericht_anschrift else "")
    absaetze: list[str] = []
    if b.rechtsbehelf == "widerspruch":
        elektronisch = f" ({b.elektronischer_zugang})" if b.elektronischer_zugang else ""
        absaetze.append(
            "Gegen diesen Bescheid können Sie innerhalb eines Monats nach seiner Bekanntgabe Widerspruch "
            f"erheben. Der Widerspruch ist schriftlich, in elektronischer Form nach § 36a Abs. 2 SGB I"
            f"{elektronisch} oder zur Niederschrift bei folgender Stelle zu erheben: {b.widerspruchsstelle}."
        )
        absaetze.append(
            "Hilft die Behörde dem Widerspruch nicht ab, erhalten Sie einen Widerspruchsbescheid. Gegen ihn "
            f"ist die Klage beim {gericht} möglich; das Nähere steht im Widerspruchsbescheid."
        )
    else:
        absaetze.append(
            "Gegen diesen Bescheid können Sie innerhalb eines Monats nach seiner Bekanntgabe Klage beim "
            f"{gericht} erheben. Ein Widerspruchsverfahren findet nicht statt. Die Klage ist schriftlich, "
            "zur Niederschrift der Urkundsbeamtin oder des Urkundsbeamten der Geschäftsstelle des Gerichts "
            "oder als elektronisches Dokument nach Maßgabe des § 55a der Verwaltungsgerichtsordnung zu "
            "erheben."
        )
    absaetze.append(
        f"Dieser Bescheid wird am {datum(daten.datum)} {wie}. Er gilt am {TAGE_BIS_BEKANNTGABE}. Tag nach "
        f"der {tag}, also am {datum(bekannt)}, als bekannt gegeben (§ 37 Abs. 2 SGB X). Die Frist endet "
        f"daher mit Ablauf des {datum(ende)} (§ 26 SGB X). Geht Ihnen der Bescheid erst später zu, gilt "
        "der Tag des Zugangs als Tag der Bekanntgabe, und die Frist endet entsprechend später."
    )
    return tuple(absaetze)


# --- signature block (§ 33 Abs. 3 and 5 SGB X) ------------------------------------------------

AUTOMATISCH = (
    "Dieser Bescheid wurde mit Hilfe automatischer Einrichtungen erlassen und ist ohne Unterschrift gültig."
)
