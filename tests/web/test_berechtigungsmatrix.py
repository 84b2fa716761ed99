"""Authorisation matrix: every route with an object in its path (web and API), called by people who must not
reach that object — anonymous, another citizen, staff of another authority, and a citizen on staff routes —
is refused (redirect to login, 401, 403, 404 or a validation error) and never answered with the object."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable

from fastapi.testclient import TestClient
from sqlalchemy import select
from starlette.routing import Route

from amtsweg.cases import buergerdienste
from amtsweg.cases.demodaten import Demokonten, lege_vorgaenge_an
from amtsweg.cases.modelle import Bescheid
from amtsweg.db import Datenbank
from amtsweg.prevention.gefaehrdung import ablage as gb_ablage
from tests.prevention.gefaehrdung.conftest import BEISPIEL
from tests.web.conftest import csrf, kleines_pdf

ERLAUBT = {303, 401, 403, 404, 405, 422}
OEFFENTLICH = {"/assistent/quelle/{kennung}"}  # public sources of the assistant, no personal object
STAFF = ("/arbeit", "/api/v1/arbeit", "/praevention")


def _objekte(datenbank: Datenbank, demo: Demokonten, tmp_path_ablage: object) -> dict[str, str]:
    from pathlib import Path

    with datenbank.sitzung() as s:
        vorgaenge = lege_vorgaenge_an(s, demo, dt.date.today())
        erika = s.merge(demo.buergerin)
        mit_bescheid = s.scalars(
            select(Bescheid).where(Bescheid.vorgang_id.in_([v.id for v in vorgaenge]))
        ).first()
        assert mit_bescheid is not None
        vorgang = next(v for v in vorgaenge if v.id == mit_bescheid.vorgang_id)
        offen = next(
            v for v in vorgaenge if buergerdienste.darf_hochladen(v) and v.antragsteller_id == erika.id
        )
        dokument = buergerdienste.nachweis_hochladen(
            s, erika, offen, Path(str(tmp_path_ablage)), "a.pdf", kleines_pdf(), 10 * 1024 * 1024
        )
        entwurf = buergerdienste.neuer_entwurf(s, erika)
        gb_id = gb_ablage.speichere(s, erika, dict(BEISPIEL))
        return {
            "nummer": vorgang.nummer,
            "bescheid_id": str(mit_bescheid.id),
            "dokument_id": str(dokument.id),
            "entwurf_id": str(entwurf.id),
            "gb_id": str(gb_id),
            "schritt": "1",
            "nr": "1",
            "aktion": "bestaetigen",
        }


def _routen(app: object) -> list[tuple[str, set[str]]]:
    """(path, methods) of every route, also inside included routers (newer FastAPI includes them lazily)."""
    ergebnis = []
    for route in app.routes:  # type: ignore[attr-defined]
        if isinstance(route, Route):
            ergebnis.append((route.path, set(route.methods or ())))
        elif hasattr(route, "effective_route_contexts"):
            ergebnis += [(k.path, set(k.methods or ())) for k in route.effective_route_contexts()]
    return ergebnis


def _pfad(vorlage: str, objekte: dict[str, str], nummer_mit_dokument: str) -> str:
    def ersetze(treffer: re.Match[str]) -> str:
        name = treffer.group(1)
        if name == "nummer" and ("dokumente/" in vorlage or "nachweise" in vorlage):
            return nummer_mit_dokument
        return objekte.get(name, "999999")  # unknown objects (plans, proposals): a foreign or missing id

    return re.sub(r"\{(\w+)\}", ersetze, vorlage)


def test_fremde_objekte_sind_fuer_jede_rolle_gesperrt(
    app_client: Callable[[], TestClient],
    als: Callable[[str], TestClient],
    datenbank: Datenbank,
    demo: Demokonten,
    tmp_path_factory: object,
) -> None:
    ablage = tmp_path_factory.mktemp("ablage")  # type: ignore[attr-defined]
    objekte = _objekte(datenbank, demo, ablage)
    with datenbank.sitzung() as s:
        from amtsweg.cases.modelle import Dokument, Vorgang

        nummer_mit_dokument = s.scalars(
            select(Vorgang.nummer).join(Dokument, Dokument.vorgang_id == Vorgang.id)
        ).first()
    assert nummer_mit_dokument
    anonym = app_client()
    clients = {
        "anonym": anonym,
        "andere Bürgerin": als("max@demo.example"),
        "fremde Behörde": als("fremd@demo.example"),
        "Bürgerin auf Mitarbeiterseiten": als("erika@demo.example"),
    }
    tokens = {
        name: csrf(c.get("/anmelden" if name == "anonym" else "/gefaehrdung").text)
        for name, c in clients.items()
    }
    app = anonym.app
    routen = [(p, m) for p, m in _routen(app) if "{" in p and p not in OEFFENTLICH]
    assert len(routen) >= 25, routen
    verstoesse, geprueft = [], 0
    for vorlage, methoden in routen:
        pfad = _pfad(vorlage, objekte, nummer_mit_dokument)
        for name, client in clients.items():
            if name == "Bürgerin auf Mitarbeiterseiten" and not vorlage.startswith(STAFF):
                continue
            for methode in sorted(methoden):
                if methode == "HEAD":
                    continue
                kopf = {"X-CSRF-Token": tokens[name]}
                antwort = client.request(methode, pfad, headers=kopf, data={} if methode == "POST" else None,
                                         follow_redirects=False)  # fmt: skip
                geprueft += 1
                ort = antwort.headers.get("location", "")
                if antwort.status_code not in ERLAUBT or (antwort.status_code == 303 and ort != "/anmelden"):
                    verstoesse.append(f"{name}: {methode} {pfad} -> {antwort.status_code} {ort}")
                elif objekte["nummer"] in antwort.text and antwort.status_code != 422:
                    verstoesse.append(f"{name}: {methode} {pfad} shows the Vorgang")
    assert not verstoesse, "\n".join(verstoesse)
    assert geprueft >= 80, geprueft
