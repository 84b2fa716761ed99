"""Leichte Sprache (plain German for people with reading difficulties, rules of the Netzwerk Leichte
Sprache): the per-session switch, the choice of the template variant, a safe return path after switching,
and labels and filters for the Leichte-Sprache templates in ``templates/leicht/``.

The switch is stored in the session only (no account setting): a page is rendered from
``leicht/<vorlage>`` when the switch is on and such a variant exists, otherwise from ``<vorlage>``.
Variants must keep every form of the normal page (same action, field names and CSRF token), so that
switching the language never changes what a citizen can do.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Mapping
from decimal import Decimal
from functools import lru_cache
from pathlib import Path
from typing import Any

from fastapi import Request
from markupsafe import Markup, escape
from starlette.routing import Match

from amtsweg.cases.status import (
    ABGESCHLOSSEN,
    BESCHIEDEN,
    EINGEGANGEN,
    ENTSCHEIDUNGSREIF,
    IN_PRUEFUNG,
    UNVOLLSTAENDIG,
    WIDERSPRUCH,
    ZUR_FREIGABE,
)
from amtsweg.kalender import MONATE

#: session key of the switch
SITZUNGSSCHLUESSEL = "leichte_sprache"
#: folder of the variants, relative to the template folder
ORDNER = "leicht"
VORLAGEN_ORDNER = Path(__file__).parent / "templates"

#: every page with a Leichte-Sprache variant, as named in the Erklärung zur Barrierefreiheit
#: (a test keeps this list and the files in templates/leicht/ equal)
VARIANTEN = {
    "start.html": "die Startseite",
    "anmelden.html": "die Anmeldung",
    "registrieren.html": "die Registrierung",
    "buerger/antraege.html": "die Übersicht „Meine Anträge“",
    "buerger/vorgang.html": "die Seite zum Stand eines Antrags",
    "buerger/eingangsbestaetigung.html": "die Eingangsbestätigung",
    "buerger/weiterleistung.html": "der Weiterleistungsantrag (erste Seite)",
    "buerger/aenderung.html": "die Änderungsmitteilung (erste Seite)",
    "fehler.html": "die Fehlerseiten",
}
#: short status names in Leichte Sprache (beside cases.status.BEZEICHNUNG) and one explanation each
STATUS_LEICHT: Mapping[str, tuple[str, str]] = {
    EINGEGANGEN: ("Angekommen", "Ihr Antrag ist bei uns angekommen. Wir sehen uns den Antrag bald an."),
    UNVOLLSTAENDIG: (
        "Papiere fehlen",
        "Wir brauchen noch Papiere von Ihnen. Bitte schicken Sie uns die Papiere.",
    ),
    IN_PRUEFUNG: ("Wir prüfen", "Wir prüfen gerade Ihren Antrag."),
    ENTSCHEIDUNGSREIF: (
        "Bald fertig",
        "Wir haben Ihren Antrag geprüft. Bald treffen wir eine Entscheidung.",
    ),
    ZUR_FREIGABE: (
        "2. Prüfung",
        "Eine 2. Person prüft unsere Entscheidung noch einmal. "
        "Das machen wir bei wichtigen Entscheidungen immer so.",
    ),
    BESCHIEDEN: (
        "Entschieden",
        "Wir haben über Ihren Antrag entschieden. Unsere Entscheidung steht im Bescheid.",
    ),
    WIDERSPRUCH: (
        "Wir prüfen Ihren Widerspruch",
        "Sie haben Widerspruch eingelegt. Wir prüfen unsere Entscheidung noch einmal.",
    ),
    ABGESCHLOSSEN: ("Fertig", "Wir bearbeiten diesen Antrag nicht mehr."),
}
LEISTUNGEN_LEICHT = {
    "wohngeld": "Wohn-Geld",
    "grundsicherung": "Grund-Sicherung",
    "kinderzuschlag": "Kinder-Zuschlag",
}
ANTRAGSARTEN_LEICHT = {
    "erstantrag": "1. Antrag",
    "weiterleistung": "Folge-Antrag",
    "aenderung": "Mitteilung über eine Änderung",
}
#: titles of the error pages (web.app) in Leichte Sprache
FEHLER_LEICHT = {
    "Nicht gefunden": "Diese Seite gibt es nicht",
    "Seite nicht gefunden": "Diese Seite gibt es nicht",
    "Keine Berechtigung": "Sie dürfen diese Seite nicht sehen",
    "Datei zu groß": "Die Datei ist zu groß",
    "Ungültige Eingabe": "Ihre Angaben passen nicht",
    "Nicht möglich": "Das geht gerade nicht",
    "Technischer Fehler": "Ein Fehler im Computer-Programm",
}
#: a local path: one slash, then no slash or backslash (no "//host" or "/\\host"), only safe characters
_LOKALER_PFAD = re.compile(r"/(?![/\\])[A-Za-z0-9\-._~/%?=&]*")


def ist_an(request: Request) -> bool:
    return bool(request.session.get(SITZUNGSSCHLUESSEL))


def setze(request: Request, an: bool) -> None:
    if an:
        request.session[SITZUNGSSCHLUESSEL] = True
    else:
        request.session.pop(SITZUNGSSCHLUESSEL, None)


def neue_sitzung(request: Request) -> None:
    """Clear the session (login, logout: no session fixation) but keep the language the person chose."""
    an = ist_an(request)
    request.session.clear()
    setze(request, an)


@lru_cache(maxsize=512)
def variante(vorlage: str) -> str | None:
    """The name of the Leichte-Sprache variant of ``vorlage``, or None if there is none."""
    return f"{ORDNER}/{vorlage}" if vorlage in VARIANTEN else None  # no file lookup per page


def sicherer_pfad(ziel: str | None) -> str:
    """``ziel`` if it is a path on this site, otherwise "/" (no open redirect to another host)."""
    if not ziel or len(ziel) > 500 or not _LOKALER_PFAD.fullmatch(ziel):
        return "/"
    return ziel


def rueckweg(request: Request) -> str:
    """The page to come back to after switching: this page for GET; after a POST (a form shown again
    with errors) the nearest parent path that has a page, e.g. /antraege/X for /antraege/X/widerspruch."""
    pfad = request.url.path
    if request.method == "GET":
        return sicherer_pfad(pfad + (f"?{request.url.query}" if request.url.query else ""))
    while pfad not in ("", "/"):
        scope = {"type": "http", "path": pfad, "method": "GET", "root_path": ""}
        if any(r.matches(scope)[0] == Match.FULL for r in request.app.routes):
            return sicherer_pfad(pfad)
        pfad = pfad.rsplit("/", 1)[0]
    return "/"


def status_leicht(status: str) -> str:
    return STATUS_LEICHT.get(status, (status, ""))[0]


def status_erklaerung(status: str) -> Markup:
    """The explanation of a status, one sentence a line (a rule of Leichte Sprache)."""
    saetze = re.split(r"(?<=[.?!])\s+", STATUS_LEICHT.get(status, ("", ""))[1])
    return Markup("<br>").join(escape(s) for s in saetze)


def datum_leicht(wert: dt.date | dt.datetime | None) -> str:
    """A date as words: "3. Februar 2026" (with "um 14:05 Uhr" for a time)."""
    if wert is None:
        return "–"
    if isinstance(wert, dt.datetime):
        ort = wert.astimezone()
        return f"{ort.day}. {MONATE[ort.month - 1]} {ort.year} um {ort:%H:%M} Uhr"
    return f"{wert.day}. {MONATE[wert.month - 1]} {wert.year}"


def euro_leicht(cent: Any) -> str:
    """Cents as "1.234,50 Euro" (the word instead of the sign)."""
    if cent is None:
        return "–"
    betrag = Decimal(int(cent)) / 100
    text = f"{betrag:,.2f}".replace(",", "X").replace(".", ",").replace("X", ".")
    return f"{text.removesuffix(',00')} Euro"


def registriere(umgebung: Any) -> None:
    """Filters and globals of the Leichte-Sprache templates."""
    umgebung.filters["status_leicht"] = status_leicht
    umgebung.filters["status_erklaerung"] = status_erklaerung
    umgebung.filters["datum_leicht"] = datum_leicht
    umgebung.filters["euro_leicht"] = euro_leicht
    umgebung.filters["fehler_leicht"] = lambda titel: FEHLER_LEICHT.get(str(titel), "Es gibt ein Problem")
    umgebung.filters["leistung_leicht"] = lambda code: LEISTUNGEN_LEICHT.get(str(code), str(code))
    umgebung.filters["antragsart_leicht"] = lambda art: ANTRAGSARTEN_LEICHT.get(str(art), str(art))
