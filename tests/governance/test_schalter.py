"""Kill switch per AI use case: reason required, roles checked, audited; the product works without the AI
(no reading job is queued or run, every Antrag goes to a person)."""

from __future__ import annotations

import datetime as dt

import pytest
from sqlalchemy import func, select

from amtsweg.cases import dienste
from amtsweg.cases.demodaten import haushalt, lege_konten_an
from amtsweg.db import Datenbank
from amtsweg.db.auftraege import Auftrag
from amtsweg.governance import schalter
from amtsweg.governance.audit import AuditEreignis, pruefe_kette


def _ereignisse(s, aktion: str) -> list[AuditEreignis]:  # type: ignore[no-untyped-def]
    return list(s.scalars(select(AuditEreignis).where(AuditEreignis.aktion == aktion)))


def test_abschalten_braucht_grund_und_rolle_und_wird_protokolliert(datenbank: Datenbank) -> None:
    with datenbank.sitzung() as s:
        assert schalter.ist_aktiv(s, "dokumente")
        with pytest.raises(schalter.SchalterFehler) as fehler:
            schalter.schalte(s, "dokumente", aktiv=False, grund=" kurz ", akteur="tl@x", rolle="teamleitung")
        assert fehler.value.feld == "grund"
        with pytest.raises(schalter.SchalterFehler) as fehler:
            schalter.schalte(
                s,
                "dokumente",
                aktiv=False,
                grund="Fehlerhafte Beträge",
                akteur="sb@x",
                rolle="sachbearbeitung",
            )
        assert fehler.value.feld == "rolle"
        with pytest.raises(Exception, match="Unbekannter KI-Anwendungsfall"):
            schalter.schalte(s, "gibtsnicht", aktiv=False, grund="x" * 20, akteur="tl@x", rolle="teamleitung")
        assert schalter.ist_aktiv(s, "dokumente")  # nothing changed by the refusals

        z = schalter.schalte(
            s, "dokumente", aktiv=False, grund="Kalibrierung  gestört", akteur="tl@x", rolle="teamleitung"
        )
        assert (z.aktiv, z.grund, z.geaendert_von) == (False, "Kalibrierung gestört", "tl@x")
        assert not schalter.ist_aktiv(s, "dokumente") and schalter.ist_aktiv(s, "assistent")
        with pytest.raises(schalter.SchalterFehler, match="bereits abgeschaltet"):
            schalter.schalte(
                s, "dokumente", aktiv=False, grund="noch einmal aus", akteur="a", rolle="teamleitung"
            )
        schalter.schalte(s, "dokumente", aktiv=True, grund="", akteur="ki@x", rolle="ki_verantwortliche")
        assert schalter.ist_aktiv(s, "dokumente")
    with datenbank.sitzung() as s:
        aus, an = _ereignisse(s, "ki_abgeschaltet"), _ereignisse(s, "ki_eingeschaltet")
        assert [(e.akteur, e.daten) for e in aus] == [
            ("tl@x", {"kennung": "dokumente", "grund": "Kalibrierung gestört"})
        ]
        assert [(e.akteur, e.rolle) for e in an] == [("ki@x", "ki_verantwortliche")]
        assert pruefe_kette(s).in_ordnung


def test_abgeschaltete_automatisierung_leitet_jeden_antrag_an_eine_person(datenbank: Datenbank) -> None:
    tag = dt.date.today().replace(day=1)
    with datenbank.sitzung() as s:
        k = lege_konten_an(s, "demo-passwort-123")
        erst = dienste.antrag_einreichen(s, k.buergerin, k.behoerde, "wohngeld", haushalt(tag))
        # an unchanged Weiterleistungsantrag is decided automatically while the switch is on
        auto = dienste.antrag_einreichen(
            s, k.buergerin, k.behoerde, "wohngeld", haushalt(tag), art="weiterleistung", vorgaenger=erst
        )
        assert auto.automatisch and auto.pruefgruende == []
        schalter.schalte(
            s, "automatisierung", aktiv=False, grund="Stichprobe auffällig", akteur="t", rolle="teamleitung"
        )
        person = dienste.antrag_einreichen(
            s, k.buergerin, k.behoerde, "wohngeld", haushalt(tag), art="weiterleistung", vorgaenger=erst
        )
        assert not person.automatisch
        assert person.pruefgruende == ["Automatisierte Bearbeitung ist für diese Behörde abgeschaltet."]


def test_abgeschaltetes_lesen_reiht_keinen_auftrag_ein(datenbank: Datenbank, tmp_path) -> None:  # type: ignore[no-untyped-def]
    from amtsweg.cases import buergerdienste
    from amtsweg.documents.anbindung import verbinde
    from tests.documents.test_pruefstelle import nachweis_pdf

    verbinde()
    tag = dt.date.today().replace(day=1)
    with datenbank.sitzung() as s:
        k = lege_konten_an(s, "demo-passwort-123")
        v = dienste.antrag_einreichen(s, k.buergerin, k.behoerde, "wohngeld", haushalt(tag), bemerkung="x")
        buergerdienste.nachweis_hochladen(s, k.buergerin, v, tmp_path, "a.pdf", nachweis_pdf(), 10 << 20)
        assert s.scalar(select(func.count()).select_from(Auftrag)) == 1
        schalter.schalte(
            s, "dokumente", aktiv=False, grund="Fehler im Leser", akteur="t", rolle="teamleitung"
        )
        buergerdienste.nachweis_hochladen(s, k.buergerin, v, tmp_path, "b.pdf", nachweis_pdf(), 10 << 20)
        assert s.scalar(select(func.count()).select_from(Auftrag)) == 1  # no new reading job


def test_bescheid_nennt_gepruefte_maschinell_gelesene_werte(datenbank: Datenbank, tmp_path) -> None:  # type: ignore[no-untyped-def]
    import io

    from pypdf import PdfReader

    from amtsweg.cases import bescheide
    from amtsweg.cases.modelle import Entscheidung, Vorgang
    from amtsweg.documents import pruefstelle
    from amtsweg.documents.modelle import Feldvorschlag
    from amtsweg.governance import erklaerung
    from tests.documents.test_pruefstelle import lege_fall_an

    with datenbank.sitzung() as s:
        fall = lege_fall_an(s, tmp_path)
        vorgang = s.scalars(select(Vorgang).where(Vorgang.nummer == fall.nummer)).one()
        assert erklaerung.bescheid_saetze(s, vorgang.id) == ()  # nothing decided yet
        sb = fall.konten.sachbearbeitung
        vorschlaege = list(
            s.scalars(select(Feldvorschlag).where(Feldvorschlag.dokument_id == fall.dokument_id))
        )
        pruefstelle.bestaetigen(s, sb, vorgang, vorschlaege[0].id)
        pruefstelle.ablehnen(s, sb, vorgang, vorschlaege[1].id)
        saetze = erklaerung.bescheid_saetze(s, vorgang.id)
        assert "„miete.pdf“: 1 bestätigt, 0 korrigiert, 1 verworfen" in saetze[0]
        entscheidung = Entscheidung(
            vorgang_id=vorgang.id, art="ablehnung", gruende=["Test"], entschieden_von_id=sb.id
        )
        s.add(entscheidung)
        s.flush()
        daten = bescheide.bescheiddaten(s, vorgang, entscheidung, dt.date(2026, 12, 1))
        assert daten.ki_lesung == saetze
        pdf = bescheide.erstelle_bescheid(s, vorgang, entscheidung).pdf
    text = " ".join(seite.extract_text() for seite in PdfReader(io.BytesIO(pdf)).pages)
    assert "Maschinell gelesene Nachweise" in text and "Art. 86 KI-Verordnung" in text
