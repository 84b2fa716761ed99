"""Änderungsmitteilung (§ 27 WoGG) in the citizen portal: from a granted Vorgang, with the month of the
change, through the pre-filled form to a Vorgang of art "aenderung" that a person decides; the new
Bewilligung runs only to the end of the old period and the Bescheid replaces the old one."""

from __future__ import annotations

import datetime as dt
import io
import re

from pypdf import PdfReader
from sqlalchemy import func, select

from amtsweg.cases.modelle import Antragsentwurf, Bescheid, Entscheidung, Vorgang, jetzt
from amtsweg.db import Datenbank
from tests.web.test_buerger import (
    ERIKA,
    MAX,
    WOHNUNG,
    Als,
    _anzahl,
    _bescheiden,
    _post,
    antrag_stellen,
    weitere_angaben_absenden,
)


def _zeitraum(db: Datenbank, nummer: str) -> tuple[int, dt.date, dt.date]:
    with db.sitzung() as s:
        v = s.scalar(select(Vorgang).where(Vorgang.nummer == nummer))
        assert v is not None
        e = s.scalar(select(Entscheidung).where(Entscheidung.vorgang_id == v.id).order_by(Entscheidung.id))
        assert e is not None and e.bewilligung_von and e.bewilligung_bis
        return v.id, e.bewilligung_von, e.bewilligung_bis


def _monat_spaeter(tag: dt.date, monate: int) -> dt.date:
    jahr, monat = divmod(tag.month - 1 + monate, 12)
    return dt.date(tag.year + jahr, monat + 1, 1)


def test_aenderung_mitteilen_bis_zum_aenderungsbescheid(als: Als, datenbank: Datenbank) -> None:
    client = als(ERIKA)
    nummer = antrag_stellen(client)
    assert "Änderung mitteilen" not in client.get(f"/antraege/{nummer}").text  # nothing granted yet
    assert client.get(f"/antraege/{nummer}/aenderung").status_code == 409
    _bescheiden(datenbank, nummer)
    vorgaenger_id, von, bis = _zeitraum(datenbank, nummer)
    assert f'href="/antraege/{nummer}/aenderung"' in client.get(f"/antraege/{nummer}").text

    # another citizen sees nothing and can start nothing
    max_ = als(MAX)
    assert max_.get(f"/antraege/{nummer}/aenderung").status_code == 404
    ab = _monat_spaeter(von, 2)
    assert (
        _post(max_, f"/antraege/{nummer}/aenderung", {"ab": ab.isoformat()}, "/antraege").status_code == 404
    )

    # the page: duties of § 27 Abs. 3 WoGG, the granted data, one option per month of the period
    seite = client.get(f"/antraege/{nummer}/aenderung")
    assert seite.status_code == 200
    assert "§ 27 Abs. 3 Wohngeldgesetz" in seite.text and "Rente: 1.300,00 €" in seite.text
    optionen = re.findall(r'<option value="(\d{4}-\d{2}-01)"', seite.text)
    assert optionen[0] == von.isoformat() and optionen[-1] == bis.replace(day=1).isoformat()
    assert len(optionen) == 12 and 'for="ab"' in seite.text

    # CSRF, a month outside the period and garbage are refused without a draft
    entwuerfe = _anzahl(datenbank, Antragsentwurf)
    assert client.post(f"/antraege/{nummer}/aenderung", data={"ab": ab.isoformat()}).status_code == 403
    for falsch in (_monat_spaeter(bis, 1).isoformat(), "irgendwann"):
        antwort = _post(client, f"/antraege/{nummer}/aenderung", {"ab": falsch})
        assert antwort.status_code == 400 and "Monat der Änderung:" in antwort.text, falsch
    assert _anzahl(datenbank, Antragsentwurf) == entwuerfe

    # a draft pre-filled with the granted data; the income went up from the chosen month
    antwort = _post(client, f"/antraege/{nummer}/aenderung", {"ab": ab.isoformat()})
    assert antwort.status_code == 303
    entwurf = antwort.headers["location"].rsplit("/schritt/", 1)[0]
    schritt1 = client.get(f"{entwurf}/schritt/1").text
    assert "Änderungsmitteilung zum Wohngeld" in schritt1 and ab.strftime("%d.%m.%Y") in schritt1
    assert f"Änderungsmitteilung zu {nummer}" in client.get("/antraege").text  # listed as such
    assert _post(client, f"{entwurf}/schritt/1", WOHNUNG).status_code == 303
    einkommen = {"p0_e_anzahl": "1", "p0_e0_art": "rente", "p0_e0_brutto": "1450,00",
                 "p0_e0_netto": "1270,90", "p0_abzug_kranken_pflegeversicherung": "1"}  # fmt: skip
    assert _post(client, f"{entwurf}/schritt/3", einkommen).status_code == 303
    weitere_angaben_absenden(client, entwurf)
    ende = _post(client, f"{entwurf}/schritt/5", {"versicherung": "1", "aktion": "einreichen"})
    assert ende.status_code == 303, ende.text
    with datenbank.sitzung() as s:
        neu = s.scalar(select(Vorgang).where(Vorgang.vorgaenger_id == vorgaenger_id))
        assert neu is not None
        assert (neu.art, neu.daten["stichtag"], neu.status) == ("aenderung", ab.isoformat(), "eingegangen")
        assert not neu.automatisch and any("Änderungsmitteilung" in g for g in neu.pruefgruende)
        neue_nummer = neu.nummer

    # while it is pending no second one; the first Vorgang lists its follow-up
    status = client.get(f"/antraege/{nummer}").text
    assert f'href="/antraege/{nummer}/aenderung"' not in status and neue_nummer in status
    zweite = _post(client, f"/antraege/{nummer}/aenderung", {"ab": ab.isoformat()}, "/antraege")
    assert zweite.status_code == 409 and "noch bearbeitet" in zweite.text

    # staff sees the reference to the old Bewilligung and decides; the new period ends with the old one
    _bescheiden(datenbank, neue_nummer)
    _, neu_von, neu_bis = _zeitraum(datenbank, neue_nummer)
    assert (neu_von, neu_bis) == (ab, bis)
    pdf = client.get(f"/antraege/{neue_nummer}/bescheid.pdf")
    assert pdf.status_code == 200
    text = " ".join((p.extract_text() or "") for p in PdfReader(io.BytesIO(pdf.content)).pages)
    text = re.sub(r"\s+", " ", text)
    assert "Änderungsbescheid über Wohngeld" in text
    assert f"(Aktenzeichen {nummer}) wird mit Wirkung vom {ab:%d.%m.%Y} an aufgehoben" in text
    assert f"vom {ab:%d.%m.%Y} bis {bis:%d.%m.%Y}" in text

    # the old Bewilligung is replaced: further changes and the Weiterleistung go through the new Vorgang
    alt = _post(client, f"/antraege/{nummer}/aenderung", {"ab": ab.isoformat()}, "/antraege")
    assert alt.status_code == 409 and neue_nummer in alt.text
    assert "Weiterleistung beantragen" not in client.get(f"/antraege/{nummer}").text
    assert f'href="/antraege/{neue_nummer}/aenderung"' in client.get(f"/antraege/{neue_nummer}").text


def test_aenderung_nach_ablauf_des_bewilligungszeitraums_nicht_moeglich(
    als: Als, datenbank: Datenbank, monkeypatch
) -> None:  # type: ignore[no-untyped-def]
    client = als(ERIKA)
    nummer = antrag_stellen(client)
    _bescheiden(datenbank, nummer)
    _, _, bis = _zeitraum(datenbank, nummer)
    from amtsweg.web.routen import buerger

    monkeypatch.setattr(buerger, "heute", lambda: bis + dt.timedelta(days=1))
    from amtsweg.web.routen import folgeantraege

    monkeypatch.setattr(folgeantraege, "heute", lambda: bis + dt.timedelta(days=1))
    antwort = client.get(f"/antraege/{nummer}/aenderung")
    assert antwort.status_code == 409 and "abgelaufen" in antwort.text
    assert "Änderung mitteilen" not in client.get(f"/antraege/{nummer}").text
    assert jetzt().date() <= bis  # the real period is still running: only the clock made the difference


def test_aenderung_ohne_neue_entscheidung_abschliessen(als: Als, datenbank: Datenbank) -> None:
    from tests.web.test_arbeit import FREMD, SB, post, status_von

    client = als(ERIKA)
    nummer = antrag_stellen(client)
    _bescheiden(datenbank, nummer)
    _, von, bis = _zeitraum(datenbank, nummer)
    ab = _monat_spaeter(von, 1)
    antwort = _post(client, f"/antraege/{nummer}/aenderung", {"ab": ab.isoformat()})
    entwurf = antwort.headers["location"].rsplit("/schritt/", 1)[0]
    weitere_angaben_absenden(client, entwurf, "Neue Nebenkostenabrechnung")
    assert (
        _post(client, f"{entwurf}/schritt/5", {"versicherung": "1", "aktion": "einreichen"}).status_code
        == 303
    )
    with datenbank.sitzung() as s:
        aenderung = s.scalar(select(Vorgang).where(Vorgang.art == "aenderung"))
        assert aenderung is not None
        neue = aenderung.nummer
    pfad = f"/arbeit/vorgang/{neue}"
    sb = als(SB)
    assert "Ohne neue Entscheidung abschließen" in sb.get(pfad).text
    # the form needs a reason; another authority may not; an Erstantrag cannot be closed like this
    leer = post(sb, f"{pfad}/ohne-neuentscheidung", {"grund": "  "})
    assert leer.status_code == 422 and 'id="ohne_neuentscheidung-grund"' in leer.text
    assert status_von(datenbank, neue) == "eingegangen"
    fremd = post(als(FREMD), f"{pfad}/ohne-neuentscheidung", {"grund": "x"}, seite="/arbeit")
    assert fremd.status_code == 404 and status_von(datenbank, neue) == "eingegangen"
    erst = post(sb, f"/arbeit/vorgang/{nummer}/ohne-neuentscheidung", {"grund": "x"})
    assert erst.status_code == 409 and "Nur eine Änderungsmitteilung" in erst.text
    assert "Ohne neue Entscheidung abschließen" not in sb.get(f"/arbeit/vorgang/{nummer}").text
    grund = "Die Nebenkosten sind um weniger als 10 Prozent gestiegen (§ 27 Abs. 1 Nr. 2 WoGG)."
    fertig = post(sb, f"{pfad}/ohne-neuentscheidung", {"grund": grund})
    assert fertig.status_code == 303 and status_von(datenbank, neue) == "abgeschlossen"
    with datenbank.sitzung() as s:
        assert (
            s.scalar(select(func.count()).select_from(Bescheid).where(Bescheid.vorgang_id == aenderung.id))
            == 0
        )
    # the citizen sees the result and the reason; the old Bewilligung stays the current one
    seite = client.get(f"/antraege/{neue}").text
    assert "Es bleibt bei Ihrer bisherigen Bewilligung" in seite and "weniger als 10 Prozent" in seite
    assert f'href="/antraege/{nummer}/aenderung"' in client.get(f"/antraege/{nummer}").text
    _, von2, bis2 = _zeitraum(datenbank, nummer)
    assert (von2, bis2) == (von, bis)
    # also in Leichte Sprache
    umschalten = _post(
        client, "/sprache", {"leicht": "1", "zurueck": f"/antraege/{neue}"}, f"/antraege/{neue}"
    )
    assert umschalten.status_code == 303
    leicht = client.get(f"/antraege/{neue}").text
    assert "Ihr Wohn-Geld bleibt gleich." in leicht and "weniger als 10 Prozent" in leicht
