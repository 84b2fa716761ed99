"""Script injection in every free-text field the procedure stores is shown escaped on every page that displays
it (citizen status page, staff queue and Vorgang view, team-lead overview)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

from fastapi.testclient import TestClient

from amtsweg.cases import buergerdienste, dienste, entscheidung
from amtsweg.cases.demodaten import Demokonten, haushalt
from amtsweg.db import Datenbank
from tests.web.conftest import kleines_pdf

NUTZLAST = '<script>alert("x")</script><img src=x onerror=alert(1)>'


def test_freitexte_werden_ueberall_maskiert(
    datenbank: Datenbank, demo: Demokonten, als: Callable[[str], TestClient], tmp_path: object
) -> None:
    daten = haushalt(dt.date.today().replace(day=1))
    daten["personen"][0]["id"] = NUTZLAST  # the person's name as typed in the Antrag
    with datenbank.sitzung() as s:
        v = dienste.antrag_einreichen(s, demo.buergerin, demo.behoerde, "wohngeld", daten, bemerkung=NUTZLAST)
        dienste.nachfordern(s, demo.sachbearbeitung, v, NUTZLAST, dt.date.today() + dt.timedelta(days=7))
        buergerdienste.nachweis_hochladen(
            s,
            demo.buergerin,
            v,
            tmp_path,
            NUTZLAST + ".pdf",
            kleines_pdf(),
            10**7,  # type: ignore[arg-type]
        )
        dienste.berechnen(s, demo.sachbearbeitung, v)
        vorbehalt = "Nachweis im Original gesehen."  # the upload is not read here (no worker)
        entscheidung.entscheiden(s, demo.sachbearbeitung, v, "ablehnung", [NUTZLAST], vorbehalt=vorbehalt)
        entscheidung.zurueckweisen(s, demo.teamleitung, v, NUTZLAST)
        dienste.berechnen(s, demo.sachbearbeitung, v)
        entscheidung.entscheiden(s, demo.sachbearbeitung, v, "bewilligung", vorbehalt=vorbehalt)
        if v.status == "zur_freigabe":
            entscheidung.freigeben(s, demo.teamleitung, v)
        entscheidung.widerspruch_einlegen(s, demo.buergerin, v, NUTZLAST)
        nummer = v.nummer
    seiten = [
        (als("erika@demo.example"), f"/antraege/{nummer}"),
        (als("sachbearbeitung@demo.example"), f"/arbeit/vorgang/{nummer}"),
        (als("sachbearbeitung@demo.example"), "/arbeit?status=alle"),
        (als("teamleitung@demo.example"), "/arbeit/uebersicht"),
    ]
    maskiert = 0
    for client, pfad in seiten:
        antwort = client.get(pfad)
        assert antwort.status_code == 200, pfad
        assert "<script>alert" not in antwort.text and "<img src=x" not in antwort.text, pfad
        maskiert += antwort.text.count("&lt;script&gt;")
    assert maskiert >= 3, "the payload must be displayed (escaped), not silently dropped"
