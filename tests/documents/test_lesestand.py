"""Reading state of Nachweise and the rule "no decision on unread evidence" (issue 12, item 6)."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from sqlalchemy import select

from amtsweg.cases import ablage, buergerdienste, dienste, entscheidung
from amtsweg.cases.demodaten import Demokonten, haushalt, lege_konten_an
from amtsweg.cases.modelle import Dokument, Vorgang
from amtsweg.db import Datenbank
from amtsweg.db.auftraege import Auftrag, arbeite
from amtsweg.documents import lesestand, pruefstelle
from amtsweg.documents.anbindung import verbinde
from amtsweg.documents.modelle import Feldvorschlag
from amtsweg.governance.audit import AuditEreignis
from tests.documents.test_pruefstelle import nachweis_pdf


@pytest.fixture
def konten(datenbank: Datenbank, monkeypatch: pytest.MonkeyPatch) -> Demokonten:
    # the upload enqueues the reading job, as in the web app and the worker (registered for this test only)
    monkeypatch.setattr(dienste, "NACH_UPLOAD", list(dienste.NACH_UPLOAD))
    monkeypatch.setattr(ablage, "PRUEFUNGEN", list(ablage.PRUEFUNGEN))
    verbinde()
    with datenbank.sitzung() as s:
        return lege_konten_an(s, passwort="demo-passwort-123")


def _vorgang_mit_upload(datenbank: Datenbank, konten: Demokonten, ordner: Path) -> tuple[str, int]:
    with datenbank.sitzung() as s:
        v = dienste.antrag_einreichen(
            s, konten.buergerin, konten.behoerde, "wohngeld", haushalt(dt.date.today().replace(day=1)),
            bemerkung="Bitte prüfen.",
        )  # fmt: skip
        d = buergerdienste.nachweis_hochladen(
            s, konten.buergerin, v, ordner, "miete.pdf", nachweis_pdf(), 10 * 1024 * 1024
        )
        return v.nummer, d.id


def _v(s, nummer: str) -> Vorgang:  # type: ignore[no-untyped-def]
    return s.scalars(select(Vorgang).where(Vorgang.nummer == nummer)).one()


def test_lesestand_von_wartet_bis_gelesen(datenbank: Datenbank, konten: Demokonten, tmp_path: Path) -> None:
    nummer, dok = _vorgang_mit_upload(datenbank, konten, tmp_path)
    with datenbank.sitzung() as s:
        dokument = s.get_one(Dokument, dok)
        assert lesestand.lesestand(s, dokument) == "wartet"
        auftrag = s.scalars(select(Auftrag).where(Auftrag.schluessel == f"dokument_lesen-{dok}")).one()
        auftrag.gesperrt_bis = dt.datetime.now(dt.UTC) + dt.timedelta(minutes=5)
    with datenbank.sitzung() as s:
        assert lesestand.lesestand(s, s.get_one(Dokument, dok)) == "liest"
        auftrag = s.scalars(select(Auftrag).where(Auftrag.schluessel == f"dokument_lesen-{dok}")).one()
        auftrag.gesperrt_bis = None
        auftrag.status = "fehlgeschlagen"
    with datenbank.sitzung() as s:
        assert lesestand.lesestand(s, s.get_one(Dokument, dok)) == "fehlgeschlagen"
        offen = lesestand.offene_nachweise(s, _v(s, nummer))
        assert [n.grund for n in offen] == ["konnte nicht gelesen werden"]
        s.scalars(select(Auftrag).where(Auftrag.schluessel == f"dokument_lesen-{dok}")).one().status = "offen"
    assert arbeite(datenbank) >= 1  # the worker reads the upload
    with datenbank.sitzung() as s:
        assert lesestand.lesestand(s, s.get_one(Dokument, dok)) == "gelesen"
        offen = lesestand.offene_nachweise(s, _v(s, nummer))
        assert len(offen) == 1 and "noch nicht bestätigt" in offen[0].grund, offen  # read, not confirmed


def test_entscheidung_vor_dem_lesen_braucht_bestaetigung(
    datenbank: Datenbank, konten: Demokonten, tmp_path: Path
) -> None:
    nummer, dok = _vorgang_mit_upload(datenbank, konten, tmp_path)
    with datenbank.sitzung() as s:
        v = _v(s, nummer)
        dienste.berechnen(s, konten.sachbearbeitung, v)
    with datenbank.sitzung() as s:
        v = _v(s, nummer)
        with pytest.raises(entscheidung.NachweiseUngeprueft) as info:
            entscheidung.entscheiden(s, konten.sachbearbeitung, v, "bewilligung")
        assert "miete.pdf: wartet auf das Lesen" in str(info.value)
        assert v.status == "entscheidungsreif"
    with datenbank.sitzung() as s:
        v = _v(s, nummer)
        entscheidung.entscheiden(
            s, konten.sachbearbeitung, v, "bewilligung", vorbehalt="Miete laut Vertrag in der Akte geprüft."
        )
        ereignis = s.scalars(
            select(AuditEreignis).where(
                AuditEreignis.aktion == "entscheidung", AuditEreignis.vorgang == nummer
            )
        ).one()
        assert ereignis.daten["vorbehalt"] == "Miete laut Vertrag in der Akte geprüft."
        assert ereignis.daten["ungepruefte_nachweise"] == [
            {"dokument_id": dok, "stand": "wartet auf das Lesen"}
        ]


def test_entscheidung_nach_pruefung_ohne_bestaetigung(
    datenbank: Datenbank, konten: Demokonten, tmp_path: Path
) -> None:
    nummer, dok = _vorgang_mit_upload(datenbank, konten, tmp_path)
    arbeite(datenbank)
    with datenbank.sitzung() as s:
        v = _v(s, nummer)
        for vorschlag in s.scalars(select(Feldvorschlag).where(Feldvorschlag.dokument_id == dok)):
            pruefstelle.ablehnen(s, konten.sachbearbeitung, v, vorschlag.id)
        assert lesestand.offene_nachweise(s, v) == []
        dienste.berechnen(s, konten.sachbearbeitung, v)
        entscheidung.entscheiden(s, konten.sachbearbeitung, v, "bewilligung")
        ereignis = s.scalars(
            select(AuditEreignis).where(
                AuditEreignis.aktion == "entscheidung", AuditEreignis.vorgang == nummer
            )
        ).one()
        assert "vorbehalt" not in ereignis.daten
