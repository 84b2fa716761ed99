"""Art. 15 DSGVO: everything stored about a citizen, as one JSON-ready document."""

from __future__ import annotations

import datetime as dt
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from amtsweg.cases.buergerdienste import _buergerin, vorgaenge
from amtsweg.cases.modelle import (
    Antragsentwurf,
    Benutzer,
    Berechnung,
    Bescheid,
    Dokument,
    Entscheidung,
    Nachforderung,
    Widerspruch,
)
from amtsweg.governance.audit import Aktion, ereignisse_zu, protokolliere


def _zeilen(objekte: Any, ohne: tuple[str, ...] = ()) -> list[dict[str, Any]]:
    return [
        {spalte.key: getattr(o, spalte.key) for spalte in o.__table__.columns if spalte.key not in ohne}
        for o in objekte
    ]


def datenauskunft(s: Session, buerger: Benutzer) -> dict[str, Any]:
    """Everything stored about the citizen (Art. 15 DSGVO), JSON-ready apart from dates."""
    _buergerin(buerger)
    protokolliere(s, Aktion.datenauskunft, akteur=buerger.email, rolle=buerger.rolle)
    eigene = vorgaenge(s, buerger)
    ids = [v.id for v in eigene]

    def zu(modell: Any) -> list[Any]:
        return list(s.scalars(select(modell).where(modell.vorgang_id.in_(ids)).order_by(modell.id)))

    konto = _zeilen([buerger], ohne=("passwort_hash",))[0]
    return {
        "erstellt_am": dt.datetime.now(dt.UTC).isoformat(),
        "hinweis": "Auskunft nach Art. 15 DSGVO über alle zu Ihnen gespeicherten Daten.",
        "konto": konto,
        "antragsentwuerfe": _zeilen(
            s.scalars(select(Antragsentwurf).where(Antragsentwurf.benutzer_id == buerger.id))
        ),
        "vorgaenge": _zeilen(eigene),
        "dokumente": _zeilen(zu(Dokument), ohne=("speicherort",)),
        "nachforderungen": _zeilen(zu(Nachforderung)),
        "berechnungen": _zeilen(zu(Berechnung)),
        "entscheidungen": _zeilen(zu(Entscheidung)),
        "bescheide": _zeilen(zu(Bescheid), ohne=("pdf",)),
        "widersprueche": _zeilen(zu(Widerspruch)),
        "protokoll": ereignisse_zu(s, [v.nummer for v in eigene], buerger.email),
    }
