"""Jinja2 templates with autoescaping, German formatting filters, the CSRF token and the
Leichte-Sprache variant of a page (see ``web.leichte_sprache``)."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from pathlib import Path
from typing import Any

from fastapi import Request
from fastapi.templating import Jinja2Templates
from starlette.responses import Response

from amtsweg.cases.status import BEZEICHNUNG
from amtsweg.rules.engine.geld import parse_cent
from amtsweg.web import leichte_sprache
from amtsweg.web.sicherheit import csrf_token

VORLAGEN = Jinja2Templates(directory=str(Path(__file__).parent / "templates"))


def euro(wert: Any) -> str:
    if wert is None:
        return "–"
    if isinstance(wert, int):
        betrag = Decimal(wert) / 100
    elif isinstance(wert, str):  # amounts as typed in forms ("700,00") or JSON ("700.00")
        betrag = Decimal(parse_cent(wert, "betrag")) / 100
    else:
        betrag = Decimal(str(wert))
    text = f"{betrag:,.2f}".replace(",", "X").replace(".", ",").replace("X", ".")
    return f"{text} €"


def datum(wert: dt.date | dt.datetime | None) -> str:
    if wert is None:
        return "–"
    if isinstance(wert, dt.datetime):
        return wert.astimezone().strftime("%d.%m.%Y, %H:%M Uhr")
    return wert.strftime("%d.%m.%Y")


VORLAGEN.env.filters["euro"] = euro
VORLAGEN.env.filters["datum"] = datum
VORLAGEN.env.globals["status_bezeichnung"] = BEZEICHNUNG
leichte_sprache.registriere(VORLAGEN.env)


def seite(request: Request, vorlage: str, status_code: int = 200, **kontext: Any) -> Response:
    """Render ``vorlage`` (its ``leicht/`` variant when the session asks for Leichte Sprache and one
    exists). Every page gets the CSRF token, the user, the switch state and the path to return to."""
    kontext.setdefault("benutzer", getattr(request.state, "benutzer", None))
    leicht = leichte_sprache.ist_an(request)
    variante = leichte_sprache.variante(vorlage) if leicht else None
    return VORLAGEN.TemplateResponse(
        request,
        variante or vorlage,
        {
            "csrf_token": csrf_token(request),
            "leichte_sprache": leicht,
            "leicht_variante": variante is not None,
            # after "not found"/"forbidden" never echo the address (it would confirm nothing, but
            # the refusal page must not repeat a foreign Vorgangsnummer): back to the start page
            "hier": "/" if status_code in (401, 403, 404) else leichte_sprache.rueckweg(request),
            **kontext,
        },
        status_code=status_code,
    )
