"""Staff action in the web app: download a Vorgang as Abgabe.Abgabe.0401; object-level rights."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

from fastapi.testclient import TestClient

from amtsweg.cases.demodaten import Demokonten, lege_vorgaenge_an
from amtsweg.db import Datenbank
from amtsweg.schnittstellen.xdomea.lesen import lies_nachricht
from amtsweg.schnittstellen.xdomea.struktur import pruefe


def test_sachbearbeitung_laedt_abgabe_fremde_und_buerger_nicht(
    als: Callable[[str], TestClient],
    datenbank: Datenbank,
    demo: Demokonten,
) -> None:
    with datenbank.sitzung() as s:
        nummer = lege_vorgaenge_an(s, demo, dt.date(2026, 11, 26))[4].nummer
    sachbearbeitung = als("sachbearbeitung@demo.example")
    seite = sachbearbeitung.get(f"/arbeit/vorgang/{nummer}")
    assert f'href="/arbeit/vorgang/{nummer}/xdomea-abgabe"' in seite.text, "the staff page links the action"
    antwort = sachbearbeitung.get(f"/arbeit/vorgang/{nummer}/xdomea-abgabe")
    assert antwort.status_code == 200 and antwort.headers["content-type"] == "application/zip"
    dateiname = antwort.headers["content-disposition"].split('filename="')[1].rstrip('"')
    gelesen = lies_nachricht(dateiname, antwort.content)
    assert gelesen.vorgaenge == [nummer] and all(d.hash_stimmt for d in gelesen.dokumente)
    assert pruefe(gelesen.xml) == []
    fremd = als("fremd@demo.example").get(f"/arbeit/vorgang/{nummer}/xdomea-abgabe")
    assert fremd.status_code in (403, 404) and b"PK" not in fremd.content[:2]
    buerger = als("erika@demo.example").get(f"/arbeit/vorgang/{nummer}/xdomea-abgabe")
    assert buerger.status_code == 403
