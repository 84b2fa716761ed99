"""The retention period runs as a daily database job: planned once a day, deletes only what is due."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from sqlalchemy import delete, func, select

from amtsweg.cases import buergerdienste
from amtsweg.cases.modelle import Benutzer, Dokument
from amtsweg.db import Datenbank
from amtsweg.db.auftraege import Auftrag, arbeite, einreihen
from amtsweg.documents.auftraege import AUFBEWAHRUNG, plane_aufbewahrung
from amtsweg.governance.audit import AuditEreignis, pruefe_kette

from .test_pruefstelle import _vorgang, lege_fall_an


def test_aufbewahrung_wird_taeglich_einmal_geplant(datenbank: Datenbank) -> None:
    heute = dt.date(2026, 12, 1)
    with datenbank.sitzung() as s:
        erster = plane_aufbewahrung(s, heute)
        assert plane_aufbewahrung(s, heute).id == erster.id  # a second worker round: no second job
        plane_aufbewahrung(s, heute + dt.timedelta(days=1))
        anzahl = s.scalar(select(func.count()).select_from(Auftrag).where(Auftrag.art == AUFBEWAHRUNG))
        assert anzahl == 2


def test_auftrag_loescht_nur_faellige_dokumente(datenbank: Datenbank, tmp_path: Path) -> None:
    with datenbank.sitzung() as s:
        geschlossen = lege_fall_an(s, tmp_path / "zu")
        offen = lege_fall_an(s, tmp_path / "offen", geschlossen.konten, seed=4712)
        vorgang = _vorgang(s, geschlossen.nummer)
        buergerdienste.zuruecknehmen(s, s.get_one(Benutzer, geschlossen.konten.buergerin.id), vorgang)
        datei = Path(s.get_one(Dokument, geschlossen.dokument_id).speicherort)
        # reading jobs queued by an upload hook another test may have wired are not this test's subject
        s.execute(delete(Auftrag).where(Auftrag.art != AUFBEWAHRUNG))
    jetzt = dt.datetime.now(dt.UTC)
    with datenbank.sitzung() as s:  # 29 of 30 days: nothing is due yet
        einreihen(
            s, AUFBEWAHRUNG, "frueh", {"tage": 30, "zeitpunkt": (jetzt + dt.timedelta(days=29)).isoformat()}
        )
    assert arbeite(datenbank) == 1
    with datenbank.sitzung() as s:
        assert s.get(Dokument, geschlossen.dokument_id) is not None and datei.exists()
        assert s.scalar(select(Auftrag).where(Auftrag.schluessel == "frueh")).status == "erledigt"  # type: ignore[union-attr]

    with datenbank.sitzung() as s:
        einreihen(
            s, AUFBEWAHRUNG, "spaet", {"tage": 30, "zeitpunkt": (jetzt + dt.timedelta(days=31)).isoformat()}
        )
    assert arbeite(datenbank) == 1
    with datenbank.sitzung() as s:
        assert s.get(Dokument, geschlossen.dokument_id) is None and not datei.exists()
        assert s.get(Dokument, offen.dokument_id) is not None  # the open Vorgang keeps its Nachweis
        (ereignis,) = s.scalars(select(AuditEreignis).where(AuditEreignis.aktion == "dokument_geloescht"))
        assert ereignis.vorgang == geschlossen.nummer and ereignis.akteur == "system"
        assert ereignis.daten["dokument_id"] == geschlossen.dokument_id and ereignis.daten["frist_tage"] == 30
        assert pruefe_kette(s).in_ordnung


def test_datei_bleibt_wenn_der_auftrag_scheitert(datenbank: Datenbank, tmp_path: Path) -> None:
    with datenbank.sitzung() as s:
        fall = lege_fall_an(s, tmp_path)
        vorgang = _vorgang(s, fall.nummer)
        buergerdienste.zuruecknehmen(s, s.get_one(Benutzer, fall.konten.buergerin.id), vorgang)
        datei = Path(s.get_one(Dokument, fall.dokument_id).speicherort)
    from amtsweg.documents import auftraege

    zeitpunkt = (dt.datetime.now(dt.UTC) + dt.timedelta(days=31)).isoformat()
    try:
        with datenbank.sitzung() as s:
            auftraege.dokumente_aufbewahren(s, {"tage": 30, "zeitpunkt": zeitpunkt})
            raise RuntimeError("Abbruch vor dem Commit")
    except RuntimeError:
        pass
    with datenbank.sitzung() as s:  # rolled back: row and file are both still there
        assert s.get(Dokument, fall.dokument_id) is not None and datei.exists()
