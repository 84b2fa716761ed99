"""Request dependencies: database session, current user, required roles."""

from __future__ import annotations

from collections.abc import Iterator

from fastapi import Depends, HTTPException, Request
from sqlalchemy.orm import Session

from amtsweg.cases.modelle import Benutzer
from amtsweg.db import Datenbank


def datenbank(request: Request) -> Datenbank:
    db: Datenbank = request.app.state.datenbank
    return db


def sitzung(db: Datenbank = Depends(datenbank)) -> Iterator[Session]:  # noqa: B008
    with db.sitzung() as s:
        yield s


def aktueller_benutzer(request: Request, s: Session = Depends(sitzung, scope="function")) -> Benutzer | None:  # noqa: B008
    benutzer_id = request.session.get("benutzer_id")
    if benutzer_id is None:
        return None
    benutzer = s.get(Benutzer, benutzer_id)
    if benutzer is None or not benutzer.aktiv:
        request.session.clear()
        return None
    return benutzer


class AnmeldungNoetig(Exception):
    """Raised for pages that need a login; the app redirects to /anmelden."""


def angemeldet(benutzer: Benutzer | None = Depends(aktueller_benutzer)) -> Benutzer:  # noqa: B008
    if benutzer is None:
        raise AnmeldungNoetig()
    return benutzer


def rolle(*rollen: str):  # type: ignore[no-untyped-def]
    """Dependency factory: the logged-in user must have one of ``rollen``."""

    def pruefe(benutzer: Benutzer = Depends(angemeldet)) -> Benutzer:  # noqa: B008
        if benutzer.rolle not in rollen:
            raise HTTPException(status_code=403, detail="Für diese Seite fehlt Ihnen die Berechtigung.")
        return benutzer

    return pruefe
