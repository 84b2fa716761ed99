"""Word lists, German number/date formats and IBANs for the synthetic document corpus.

All names and addresses are combined at random from the small lists below; they describe no real person.
"""

from __future__ import annotations

import datetime as dt
import random

VORNAMEN = (
    "Anna",
    "Lena",
    "Marie",
    "Sophie",
    "Laura",
    "Julia",
    "Sabine",
    "Petra",
    "Ayse",
    "Olga",
    "Katrin",
    "Ines",
    "Jonas",
    "Lukas",
    "Felix",
    "Paul",
    "Stefan",
    "Thomas",
    "Mehmet",
    "Andrzej",
    "Dirk",
    "Uwe",
    "Jan",
    "Tim",
)
KINDERNAMEN = ("Mia", "Emil", "Ida", "Noah", "Lina", "Ben", "Ella", "Finn", "Clara", "Leon", "Mila", "Theo")
NACHNAMEN = (
    "Müller",
    "Schmidt",
    "Schneider",
    "Fischer",
    "Weber",
    "Meyer",
    "Wagner",
    "Becker",
    "Schulz",
    "Hoffmann",
    "Koch",
    "Richter",
    "Klein",
    "Wolf",
    "Schröder",
    "Neumann",
    "Schwarz",
    "Braun",
    "Hofmann",
    "Zimmermann",
    "Krüger",
    "Hartmann",
    "Lange",
    "Werner",
    "Krause",
    "Lehmann",
    "Köhler",
    "Yilmaz",
    "Nowak",
    "Petrović",
)
STRASSEN = (
    "Lindenweg",
    "Ahornstraße",
    "Am Mühlbach",
    "Bahnhofstraße",
    "Gartenstraße",
    "Schillerstraße",
    "Kirchgasse",
    "Birkenallee",
    "Rosenstraße",
    "Hauptstraße",
    "Am Sportplatz",
    "Feldweg",
    "Goethestraße",
    "Talstraße",
    "Uferweg",
    "Marktplatz",
    "Eichendorffring",
    "Wiesengrund",
    "Brunnenstraße",
    "Parkstraße",
)
# (town, first two digits of a plausible postcode); postcodes are random within the prefix
ORTE = (
    ("Leipzig", "04"),
    ("Dresden", "01"),
    ("Magdeburg", "39"),
    ("Kassel", "34"),
    ("Mannheim", "68"),
    ("Ludwigshafen am Rhein", "67"),
    ("Bielefeld", "33"),
    ("Oldenburg", "26"),
    ("Würzburg", "97"),
    ("Regensburg", "93"),
    ("Freiburg im Breisgau", "79"),
    ("Saarbrücken", "66"),
    ("Rostock", "18"),
    ("Erfurt", "99"),
    ("Kiel", "24"),
    ("Gelsenkirchen", "45"),
    ("Ulm", "89"),
    ("Trier", "54"),
)
BRANCHEN = (
    "Metallbau",
    "Gebäudereinigung",
    "Logistik",
    "Bäckerei",
    "Pflegedienst",
    "Elektrotechnik",
    "Gartenbau",
    "Druckerei",
    "Software",
    "Spedition",
    "Malerbetrieb",
    "Autohaus",
    "Hotel",
    "Kita-Verbund",
)
RECHTSFORMEN = ("GmbH", "GmbH & Co. KG", "KG", "e.K.", "AG", "gGmbH")
BANKEN = (
    "Sparkasse",
    "Volksbank",
    "Raiffeisenbank",
    "Stadtsparkasse",
    "Postbank",
    "Kreissparkasse",
    "PSD Bank",
)
MONATE = (
    "Januar",
    "Februar",
    "März",
    "April",
    "Mai",
    "Juni",
    "Juli",
    "August",
    "September",
    "Oktober",
    "November",
    "Dezember",
)


def person(rng: random.Random) -> str:
    return f"{rng.choice(VORNAMEN)} {rng.choice(NACHNAMEN)}"


def ort(rng: random.Random) -> tuple[str, str]:
    """(postcode, town)."""
    name, prefix = rng.choice(ORTE)
    return f"{prefix}{rng.randint(100, 999)}", name


def adresse(rng: random.Random, ort_plz: tuple[str, str] | None = None) -> tuple[str, str]:
    """(street line, postcode + town line)."""
    plz, stadt = ort_plz or ort(rng)
    nummer = str(rng.randint(1, 140)) + (rng.choice("ab") if rng.random() < 0.15 else "")
    return f"{rng.choice(STRASSEN)} {nummer}", f"{plz} {stadt}"


def firma(rng: random.Random) -> str:
    muster = rng.randrange(3)
    if muster == 0:
        return f"{rng.choice(NACHNAMEN)} {rng.choice(BRANCHEN)} {rng.choice(RECHTSFORMEN)}"
    if muster == 1:
        return f"{rng.choice(NACHNAMEN)} & {rng.choice(NACHNAMEN)} {rng.choice(RECHTSFORMEN)}"
    return f"{rng.choice(BRANCHEN)} {rng.choice(ORTE)[0].split()[0]} {rng.choice(RECHTSFORMEN)}"


def vermieter(rng: random.Random) -> str:
    muster = rng.randrange(4)
    if muster == 0:
        return person(rng)
    if muster == 1:
        return f"Wohnungsbaugenossenschaft {rng.choice(ORTE)[0].split()[0]} eG"
    if muster == 2:
        return f"{rng.choice(NACHNAMEN)} Immobilien GmbH"
    return f"Hausverwaltung {rng.choice(NACHNAMEN)} & Partner"


# --- German formats -----------------------------------------------------------------------------------------


def tausender(ganz: int) -> str:
    text = f"{ganz:,}".replace(",", ".")
    return text


def geld(cent: int, stil: int = 0) -> str:
    """German money text; stil 0: ``1.234,56 €``, 1: ``1.234,56 EUR``, 2: ``EUR 1.234,56``."""
    vorzeichen = "-" if cent < 0 else ""
    betrag = f"{vorzeichen}{tausender(abs(cent) // 100)},{abs(cent) % 100:02d}"
    if stil == 1:
        return f"{betrag} EUR"
    if stil == 2:
        return f"EUR {betrag}"
    return f"{betrag} €"


def geld_norm(cent: int) -> str:
    """Normalised ground-truth money value: decimal string with a point, e.g. ``1234.56``."""
    vorzeichen = "-" if cent < 0 else ""
    return f"{vorzeichen}{abs(cent) // 100}.{abs(cent) % 100:02d}"


def datum(tag: dt.date, stil: int = 0) -> str:
    """stil 0: ``01.03.2026``, 1: ``1. März 2026``, 2: ``01.03.26`` is not used (ambiguous century)."""
    if stil == 1:
        return f"{tag.day}. {MONATE[tag.month - 1]} {tag.year}"
    return tag.strftime("%d.%m.%Y")


def monat(jahr: int, nummer: int, stil: int = 0) -> str:
    """stil 0: ``März 2026``, 1: ``03/2026``, 2: ``03.2026``."""
    if stil == 1:
        return f"{nummer:02d}/{jahr}"
    if stil == 2:
        return f"{nummer:02d}.{jahr}"
    return f"{MONATE[nummer - 1]} {jahr}"


def flaeche(hundertstel: int) -> str:
    """``65,50 m²``."""
    return f"{tausender(hundertstel // 100)},{hundertstel % 100:02d} m²"


def flaeche_norm(hundertstel: int) -> str:
    return f"{hundertstel // 100}.{hundertstel % 100:02d}"


def zufallsdatum(rng: random.Random, von: dt.date, bis: dt.date) -> dt.date:
    return von + dt.timedelta(days=rng.randint(0, (bis - von).days))


def monatsende(tag: dt.date) -> dt.date:
    naechster = (tag.replace(day=28) + dt.timedelta(days=4)).replace(day=1)
    return naechster - dt.timedelta(days=1)


# --- IBAN -------------------------------------------------------------------------------------------------


def _iban_zahl(text: str) -> int:
    return int("".join(str(int(zeichen, 36)) for zeichen in text))


def iban_pruefen(iban: str) -> bool:
    """ISO 13616 check (mod 97 == 1); spaces are ignored."""
    roh = iban.replace(" ", "").upper()
    if len(roh) < 15 or not roh[:2].isalpha() or not roh[2:4].isdigit() or not roh.isalnum():
        return False
    return _iban_zahl(roh[4:] + roh[:4]) % 97 == 1


def iban_erzeugen(rng: random.Random) -> str:
    """A German IBAN with valid check digits (bank code and account number are random)."""
    bban = f"{rng.randint(10000000, 89999999)}{rng.randint(0, 9999999999):010d}"
    pruef = 98 - _iban_zahl(bban + "DE00") % 97
    return f"DE{pruef:02d}{bban}"


def iban_gruppiert(iban: str) -> str:
    return " ".join(iban[i : i + 4] for i in range(0, len(iban), 4))
