"""Request dependencies: database session, current user, required roles."""

from __future__ import annotations

from collections.abc import Iterator

from fastapi import Depends, HTTPException, Request
from sqlalchemy.orm import Session

from amtsweg.cases import anmeldesitzungen
from amtsweg.cases.modelle import Benutzer
from amtsweg.db import Datenbank


def datenbank(request: Request) -> Datenbank:
    db: Datenbank = request.app.state.datenbank
    return db


def sitzung(db: Datenbank = Depends(datenbank)) -> Iterator[Session]:  # noqa: B008
    with db.sitzung() as s:
        yield s


def aktueller_benutzer(request: Request, s: Session = Depends(sitzung, scope="function")) -> Benutzer | None:  # noqa: B008
    """The user of the server-side session named in the cookie (revoked, idle or expired: nobody)."""
    token = request.session.get("sitzung")
    if not isinstance(token, str):
        request.session.pop("benutzer_id", None)
        return None
    benutzer = anmeldesitzungen.pruefe(s, token)
    if benutzer is None or benutzer.id != request.session.get("benutzer_id"):
        for schluessel in ("sitzung", "benutzer_id"):
            request.session.pop(schluessel, None)
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
