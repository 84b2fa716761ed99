"""Automation policy (§ 31a SGB X): a Vorgang is decided without a person only where configurable
rules allow it and nothing in the case calls for a person; otherwise the reasons are recorded."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any


@dataclass(frozen=True, slots=True)
class Automatisierungsregeln:
    """Configuration per authority. Defaults: only unchanged Weiterleistungsanträge that are granted
    at most up to the four-eyes limit, without free-text statements or new documents."""

    aktiv: bool = True
    arten: tuple[str, ...] = ("weiterleistung",)
    hoechstbetrag_cent: int = 50_000


@dataclass(frozen=True, slots=True)
class Automatisierungsentscheidung:
    automatisch: bool
    gruende: tuple[str, ...]  # why a person is needed (empty if automatic)


ANTRAGSARTEN = {
    "erstantrag": "Erstantrag",
    "weiterleistung": "Weiterleistungsantrag",
    "aenderung": "Änderungsmitteilung",
}
WOHNUNGSANGABEN = {
    "kosten_monat": "Miete oder Belastung",
    "heizkosten_monat": "Heizkosten",
    "art": "Wohnverhältnis",
    "gemeinde": "Gemeinde",
    "land": "Land",
    "kreis": "Kreis",
    "mietstufe": "Mietenstufe",
}


def beschreibe_angabe(pfad: str) -> str:
    """A changed JSON path in words ("personen[1].einkommen" -> "Angaben zu Person 2")."""
    if pfad.startswith("wohnung."):
        return WOHNUNGSANGABEN.get(pfad.split(".")[1], "Angaben zur Wohnung")
    if pfad.startswith("personen["):
        return f"Angaben zu Person {int(pfad[len('personen[') : pfad.index(']')]) + 1}"
    if pfad == "personen":
        return "Zusammensetzung des Haushalts"
    return pfad


def geaenderte_angaben(alt: dict[str, Any], neu: dict[str, Any], pfad: str = "") -> list[str]:
    """JSON paths whose values differ (the Stichtag is expected to differ and is ignored)."""
    if isinstance(alt, dict) and isinstance(neu, dict):
        unterschiede = []
        for schluessel in sorted(set(alt) | set(neu)):
            if pfad == "" and schluessel == "stichtag":
                continue
            unterpfad = f"{pfad}.{schluessel}" if pfad else schluessel
            unterschiede += geaenderte_angaben(alt.get(schluessel), neu.get(schluessel), unterpfad)  # type: ignore[arg-type]
        return unterschiede
    if isinstance(alt, list) and isinstance(neu, list) and len(alt) == len(neu):
        return [
            p
            for i, (a, n) in enumerate(zip(alt, neu, strict=True))
            for p in geaenderte_angaben(a, n, f"{pfad}[{i}]")
        ]
    return [] if alt == neu else [pfad or "(gesamt)"]


def pruefe(
    regeln: Automatisierungsregeln,
    *,
    art: str,
    daten: dict[str, Any],
    vorgaenger_daten: dict[str, Any] | None,
    bemerkung: str,
    dokumente: int,
    betrag_cent: int,
    weitere_gruende: tuple[str, ...] = (),
) -> Automatisierungsentscheidung:
    gruende: list[str] = list(weitere_gruende)
    if not regeln.aktiv:
        gruende.append("Automatisierte Bearbeitung ist für diese Behörde abgeschaltet.")
    if art not in regeln.arten:
        gruende.append(f"Ein {ANTRAGSARTEN.get(art, art)} wird immer von einer Person geprüft.")
    if art == "weiterleistung":
        if vorgaenger_daten is None:
            gruende.append("Kein früherer Vorgang zum Vergleich der Angaben vorhanden.")
        else:
            geaendert = geaenderte_angaben(vorgaenger_daten, daten)
            if geaendert:
                bereiche = list(dict.fromkeys(beschreibe_angabe(pfad) for pfad in geaendert))
                gruende.append("Angaben gegenüber dem Vorantrag geändert: " + ", ".join(bereiche[:8]))
    if bemerkung.strip():
        gruende.append(
            "Die antragstellende Person hat eigene Angaben im Freitext gemacht (§ 31a Satz 2 SGB X)."
        )
    if dokumente:
        gruende.append("Es wurden Unterlagen eingereicht, die gesichtet werden müssen.")
    if betrag_cent <= 0:
        gruende.append("Eine Ablehnung wird immer von einer Person entschieden.")
    if betrag_cent > regeln.hoechstbetrag_cent:
        gruende.append("Der Betrag liegt über der Grenze für automatisierte Bescheide.")
    return Automatisierungsentscheidung(not gruende, tuple(gruende))
