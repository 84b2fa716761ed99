"""Örtliche Zuständigkeit of the Wohngeldbehörde (A-0080).

The authority is derived from the Gemeinde of the dwelling: the Gemeinde (or, for a small Gemeinde, its
Kreis) is looked up in the official list of the Anlage zu § 1 Abs. 3 WoGV that also gives the Mietenstufe,
and matched against the area each authority serves (``Behoerde.zustaendigkeit``: "Land code|row name").

- The portal sends a new Antrag only to a responsible authority; when no connected authority is
  responsible it refuses with a message that tells the citizen where to apply instead.
- A Vorgang that nevertheless reaches an authority for a household outside its area (a Folgeantrag after
  a move, the API) is accepted, because an Antrag at an unzuständige Stelle keeps its date and must be
  forwarded (§ 16 Abs. 2 SGB I); staff get a reason on the Vorgang, so it is never decided automatically,
  and the citizen is told on the receipt and status page.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from amtsweg.cases.modelle import Behoerde
from amtsweg.rules.engine.fehler import RegelwerkFehler
from amtsweg.rules.wohngeld.mietstufe import LAENDER, bestimme_mietstufe

NORM = "§ 16 Abs. 2 SGB I"


def gebiet(land: str, name: str) -> str:
    """The key of one row of the official list, as stored in ``Behoerde.zustaendigkeit``."""
    return f"{land}|{name}"


def gebiete(wohnung: Mapping[str, Any], stichtag: dt.date) -> list[tuple[str, str]]:
    """(key, German description) of the rows the dwelling lies in, most specific first: the listed Gemeinde,
    then the Kreis if one is given. Empty when the Gemeinde is not found (the form names that error)."""
    land = str(wohnung.get("land") or "").strip().upper()
    if land not in LAENDER:
        return []
    gemeinde = str(wohnung.get("gemeinde") or "").strip() or None
    kreis = str(wohnung.get("kreis") or "").strip() or None
    treffer = []
    try:
        treffer.append(bestimme_mietstufe(stichtag, gemeinde, land, kreis))
        if kreis and treffer[0].tabelle != "Kreis":
            treffer.append(bestimme_mietstufe(stichtag, None, land, kreis))
    except RegelwerkFehler:
        pass
    return [(gebiet(land, t.name), f"{t.name} ({LAENDER[land]})") for t in treffer]


def zustaendige_behoerden(s: Session, wohnung: Mapping[str, Any], stichtag: dt.date) -> list[Behoerde]:
    """The connected authorities responsible for the dwelling (normally one)."""
    schluessel = [k for k, _ in gebiete(wohnung, stichtag)]
    alle = list(s.scalars(select(Behoerde).order_by(Behoerde.id)))
    for k in schluessel:  # the Gemeinde's own authority before the Kreis
        passend = [b for b in alle if k in (b.zustaendigkeit or [])]
        if passend:
            return passend
    return []


def ortsangabe(wohnung: Mapping[str, Any], stichtag: dt.date) -> str:
    """The place as the citizen will recognise it: the official row, else the text entered."""
    treffer = gebiete(wohnung, stichtag)
    if treffer:
        return treffer[0][1]
    land = LAENDER.get(str(wohnung.get("land") or ""), "")
    return f"{wohnung.get('gemeinde') or wohnung.get('kreis') or 'unbekannt'}" + (
        f" ({land})" if land else ""
    )


def keine_behoerde_meldung(wohnung: Mapping[str, Any], stichtag: dt.date) -> str:
    """Citizen message when no connected authority is responsible (the caller names the field)."""
    return (
        f"Für {ortsangabe(wohnung, stichtag)} ist keine Wohngeldbehörde zuständig, die an dieses "
        "Portal angeschlossen ist. Zuständig ist die Wohngeldbehörde Ihrer Stadt-, Gemeinde- oder "
        "Kreisverwaltung. Bitte stellen Sie Ihren Antrag dort; Ihre Angaben werden nicht weitergegeben."
    )


def ist_zustaendig(behoerde: Behoerde, daten: Mapping[str, Any]) -> bool:
    """Whether the household of a Haushalt JSON lies in the authority's area."""
    try:
        stichtag = dt.date.fromisoformat(str(daten.get("stichtag")))
    except ValueError:
        return False
    schluessel = {k for k, _ in gebiete(daten.get("wohnung") or {}, stichtag)}
    return bool(schluessel & set(behoerde.zustaendigkeit or []))


def warnung(behoerde: Behoerde, daten: Mapping[str, Any]) -> str | None:
    """Reason for staff when the household lies outside the authority's area (None if inside)."""
    if ist_zustaendig(behoerde, daten):
        return None
    try:
        stichtag = dt.date.fromisoformat(str(daten.get("stichtag")))
    except ValueError:
        stichtag = dt.date.today()
    ort = ortsangabe(daten.get("wohnung") or {}, stichtag)
    return (
        f"Örtliche Zuständigkeit: Die Wohnung liegt in {ort}, außerhalb des Zuständigkeitsgebiets dieser "
        f"Behörde. Antrag an die zuständige Wohngeldbehörde weiterleiten ({NORM}; der Antragstag bleibt "
        "erhalten) und die antragstellende Person benachrichtigen."
    )


def buergerhinweis(behoerde: Behoerde, daten: Mapping[str, Any]) -> str | None:
    """Message for the citizen on the receipt and status page (None if the authority is responsible)."""
    if ist_zustaendig(behoerde, daten):
        return None
    return (
        "Nach Ihrer Anschrift ist für Ihren Antrag eine andere Wohngeldbehörde zuständig als "
        f"{behoerde.name}. "
        f"Ihr Antrag wird dorthin weitergeleitet ({NORM}); der Tag Ihres Antrags bleibt erhalten. "
        "Sie erhalten Nachricht, sobald die zuständige Stelle ihn übernommen hat."
    )
