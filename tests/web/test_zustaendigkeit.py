"""Örtliche Zuständigkeit (A-0080): the authority follows from the Gemeinde; a Köln household is not sent
to the Ludwigshafen office; a Vorgang outside the area warns staff and the citizen."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

from fastapi.testclient import TestClient
from sqlalchemy import select

from amtsweg.cases import dienste, zustaendigkeit
from amtsweg.cases.demodaten import Demokonten, haushalt
from amtsweg.cases.modelle import Antragsentwurf, Behoerde, Vorgang
from amtsweg.db import Datenbank
from tests.web.test_buerger import (
    ERIKA,
    WOHNUNG,
    _neuer_entwurf,
    _post,
    antrag_stellen,
    weitere_angaben_absenden,
)

Als = Callable[[str], TestClient]
KOELN = {**WOHNUNG, "wohnung_gemeinde": "Köln", "wohnung_land": "NW"}


def test_koelner_haushalt_wird_abgewiesen_mit_hinweis(als: Als, datenbank: Datenbank) -> None:
    client = als(ERIKA)
    entwurf = _neuer_entwurf(client)
    antwort = _post(client, f"{entwurf}/schritt/1", KOELN)
    assert antwort.status_code == 400 and 'id="wohnung_gemeinde-fehler"' in antwort.text
    text = antwort.text.replace("\n", " ")
    assert "Gemeinde: Für Köln, Stadt (Nordrhein-Westfalen) ist keine Wohngeldbehörde zuständig" in text
    assert "Wohngeldbehörde Ihrer Stadt-, Gemeinde- oder Kreisverwaltung" in text
    # the step is not passed: step 2 is not reachable
    assert client.get(f"{entwurf}/schritt/2", follow_redirects=False).status_code == 303
    with datenbank.sitzung() as s:
        assert s.scalar(select(Vorgang)) is None


def test_kreisgemeinde_geht_an_die_kreisverwaltung(als: Als, datenbank: Datenbank) -> None:
    client = als(ERIKA)
    entwurf = _neuer_entwurf(client)
    kreis = {**WOHNUNG, "wohnung_gemeinde": "Dannstadt-Schauernheim", "wohnung_kreis": "Rhein-Pfalz-Kreis"}
    assert _post(client, f"{entwurf}/schritt/1", kreis).status_code == 303
    with datenbank.sitzung() as s:
        behoerden = {b.schluessel: b for b in s.scalars(select(Behoerde))}
        assert s.scalars(select(Antragsentwurf)).one().behoerde_id == behoerden["demo-andere"].id
        tag = dt.date(2026, 1, 1)
        wohnung = {"gemeinde": "Dannstadt-Schauernheim", "kreis": "Rhein-Pfalz-Kreis", "land": "RP"}
        assert zustaendigkeit.zustaendige_behoerden(s, wohnung, tag) == [behoerden["demo-andere"]]
        lu = {"gemeinde": "Ludwigshafen", "land": "rp"}
        assert zustaendigkeit.zustaendige_behoerden(s, lu, tag) == [behoerden["demo-wohngeld"]]


def test_manipulierte_behoerdenwahl_wird_nicht_uebernommen(als: Als, datenbank: Datenbank) -> None:
    with datenbank.sitzung() as s:
        andere = s.scalars(select(Behoerde).where(Behoerde.schluessel == "demo-andere")).one().id
    client = als(ERIKA)
    entwurf = _neuer_entwurf(client)
    assert _post(client, f"{entwurf}/schritt/1", WOHNUNG).status_code == 303
    personen = {"personen_anzahl": "1", "p0_name": "Erika M", "p0_alter": "71"}
    assert _post(client, f"{entwurf}/schritt/2", personen).status_code == 303
    rente = {"p0_e_anzahl": "1", "p0_e0_art": "rente", "p0_e0_brutto": "1300", "p0_e0_netto": "1160"}
    assert _post(client, f"{entwurf}/schritt/3", rente).status_code == 303
    weitere_angaben_absenden(client, entwurf)
    antwort = _post(client, f"{entwurf}/schritt/5", {"versicherung": "1", "behoerde_id": str(andere)})
    assert antwort.status_code == 303, antwort.text
    with datenbank.sitzung() as s:
        assert s.scalars(select(Vorgang)).one().behoerde.schluessel == "demo-wohngeld"


def test_vorgang_ausserhalb_des_gebiets_warnt_sachbearbeitung_und_buergerin(
    als: Als, datenbank: Datenbank, demo: Demokonten
) -> None:
    client = als(ERIKA)
    nummer = antrag_stellen(client)
    with datenbank.sitzung() as s:
        daten = haushalt(dt.date.today().replace(day=1))
        daten["wohnung"] = {**daten["wohnung"], "gemeinde": "Köln", "land": "NW"}
        vorgang = dienste.antrag_einreichen(
            s, s.merge(demo.buergerin), s.merge(demo.behoerde), "wohngeld", daten,
            art="weiterleistung", vorgaenger=s.scalars(select(Vorgang).where(Vorgang.nummer == nummer)).one(),
        )  # fmt: skip
        assert not vorgang.automatisch and vorgang.status == "eingegangen"
        assert any("Örtliche Zuständigkeit" in g and "§ 16 Abs. 2 SGB I" in g for g in vorgang.pruefgruende)
        koeln = vorgang.nummer
    seite = client.get(f"/antraege/{koeln}").text
    assert "eine andere Wohngeldbehörde zuständig" in seite and "§ 16 Abs. 2 SGB I" in seite
    assert "eine andere Wohngeldbehörde zuständig" not in client.get(f"/antraege/{nummer}").text
    sb = als("sachbearbeitung@demo.example")
    assert (
        "Örtliche Zuständigkeit: Die Wohnung liegt in Köln, Stadt (Nordrhein-Westfalen)"
        in sb.get(f"/arbeit/vorgang/{koeln}").text
    )
