"""Input of the letter generator: plain frozen dataclasses, no database objects.

The fields follow notes/ISSUE4.md. Fields with defaults at the end of each class are optional
extensions; callers that do not know them keep working.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from typing import Literal

Art = Literal["bewilligung", "ablehnung", "teilbewilligung"]
Zustellung = Literal["elektronisch", "post"]
Rechtsbehelf = Literal["widerspruch", "klage"]


@dataclass(frozen=True)
class Behoerde:
    name: str
    anschrift: tuple[str, ...]
    telefon: str
    email: str
    #: Head of the authority (signature block, § 33 Abs. 3 SGB X).
    leitung: str
    #: Where a Widerspruch is lodged: name and address in one line.
    widerspruchsstelle: str
    #: Competent court, e.g. "Verwaltungsgericht Neustadt an der Weinstraße".
    gericht: str
    #: Seat/address of the court (§ 36 SGB X asks for the seat); printed after the court's name if set.
    gericht_anschrift: str = ""
    #: "widerspruch" (default: Vorverfahren, §§ 68 ff. VwGO) or "klage" where the Land has abolished the
    #: Widerspruchsverfahren for this matter (§ 68 Abs. 1 Satz 2 VwGO) and the action goes straight to court.
    rechtsbehelf: Rechtsbehelf = "widerspruch"
    #: Optional electronic channel for the Widerspruch, e.g. "per De-Mail an wohngeld@stadt.de-mail.de".
    elektronischer_zugang: str = ""
    #: Public holidays of the authority's Land (only nationwide ones are built in), for the deadline shift.
    landesfeiertage: tuple[date, ...] = ()


@dataclass(frozen=True)
class Empfaenger:
    name: str
    anschrift: tuple[str, ...]


@dataclass(frozen=True)
class Berechnungsschritt:
    """One entry of the rules trace: the norm, what was determined, the formatted value."""

    norm: str
    text: str
    wert: str


@dataclass(frozen=True)
class Aenderung:
    """The Bewilligung a new decision on an Änderungsmitteilung replaces (§ 27 WoGG, § 48 SGB X)."""

    #: Aktenzeichen and date of the Bescheid that granted the running Bewilligung.
    aktenzeichen: str
    bescheid_vom: date
    #: First day of the month from which the new decision applies.
    ab: date


@dataclass(frozen=True)
class Bescheiddaten:
    behoerde: Behoerde
    empfaenger: Empfaenger
    aktenzeichen: str
    #: Date of the letter; also taken as the day of posting / sending for § 37 Abs. 2 SGB X.
    datum: date
    leistung: str
    art: Art
    betrag_monat: Decimal | None
    bewilligung_von: date | None
    bewilligung_bis: date | None
    #: Tenor; an empty string means "generate it with verfuegungssatz()".
    verfuegungssatz: str
    begruendung: tuple[Berechnungsschritt, ...]
    ablehnungsgruende: tuple[str, ...]
    haushaltsmitglieder: tuple[str, ...]
    regelwerk_version: str
    automatisch: bool
    sachbearbeitung: str | None
    freigabe: str | None
    zustellung: Zustellung
    # --- optional extensions -------------------------------------------------------------------
    #: Monthly rent/charge (§ 9/§ 10 WoGG) the Bewilligung is based on; § 24 Abs. 3 WoGG requires the
    #: Bewilligungsbescheid to state it (reference for the 15 % duty to report, § 27 Abs. 3 Nr. 2 WoGG).
    miete_monat: Decimal | None = None
    #: Sum of the monthly positive income (§ 14 Abs. 1 and 2 WoGG) of the considered members; likewise
    #: required by § 24 Abs. 3 WoGG (reference for § 27 Abs. 3 Nr. 3 WoGG).
    einkommen_monat: Decimal | None = None
    #: Provisional payment (§ 26a WoGG): adds the Vorbehalt notice of § 26a Abs. 2 WoGG.
    vorlaeufig: bool = False
    #: Representative the letter is also addressed to (checklist item 1).
    bevollmaechtigte: str | None = None
    #: Payee and account, e.g. "Anna Muster, IBAN DE** **** **** **** **12 34" (checklist item 2).
    zahlung: str | None = None
    #: Legend for person labels used in the trace: (("a", "Anna Muster"), ...).
    kennungen: tuple[tuple[str, str], ...] = ()
    #: Set for a decision on an Änderungsmitteilung: the earlier Bescheid is aufgehoben from ``ab``.
    aenderung: Aenderung | None = None
    #: Findings from the Antrag stated at the start of the Begründung (only what was asked or checked),
    #: e.g. the answer to the question on erhebliches Vermögen (§ 21 Nr. 3 WoGG).
    feststellungen: tuple[str, ...] = ()
    #: Art. 86 KI-VO / § 35 SGB X: which values came from machine reading and that a person checked them.
    ki_lesung: tuple[str, ...] = ()

    def __post_init__(self) -> None:
        if self.art in ("bewilligung", "teilbewilligung"):
            if self.betrag_monat is None or self.bewilligung_von is None or self.bewilligung_bis is None:
                raise ValueError("Eine Bewilligung braucht Betrag und Bewilligungszeitraum.")
            if self.betrag_monat <= 0:
                raise ValueError("Der bewilligte Monatsbetrag muss größer als 0 sein.")
            if self.bewilligung_bis < self.bewilligung_von:
                raise ValueError("Der Bewilligungszeitraum endet vor seinem Beginn.")
        if self.art in ("ablehnung", "teilbewilligung") and not self.ablehnungsgruende:
            raise ValueError("Eine (Teil-)Ablehnung braucht mindestens einen Ablehnungsgrund.")
        if self.betrag_monat is not None and self.betrag_monat != self.betrag_monat.quantize(Decimal("0.01")):
            raise ValueError("Der Monatsbetrag hat mehr als zwei Nachkommastellen.")
        if self.aenderung and self.bewilligung_von and self.bewilligung_von != self.aenderung.ab:
            raise ValueError("Nach einer Änderung beginnt der Bewilligungszeitraum mit dem Änderungsmonat.")
        if not self.automatisch and not (self.sachbearbeitung or "").strip():
            raise ValueError("Ein nicht automatisch erlassener Bescheid braucht die Sachbearbeitung.")
