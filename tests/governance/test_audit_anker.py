"""Signed checkpoints outside the database: deleting the newest events, rewriting the chain or forging a
checkpoint is found by verification and by ``amtsweg audit verify``."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest
from sqlalchemy import text
from typer.testing import CliRunner

from amtsweg.cli import app
from amtsweg.db import Datenbank
from amtsweg.governance.audit import pruefe_kette
from amtsweg.governance.audit_anker import (
    Ankerorte,
    pruefe_anker,
    schreibe_anker,
    schreibe_anker_falls_faellig,
)
from tests.governance.test_audit import _fuelle, _trigger_entfernen


@pytest.fixture
def orte(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Ankerorte:
    monkeypatch.delenv("AMTSWEG_AUDIT_SCHLUESSEL", raising=False)
    monkeypatch.delenv("AMTSWEG_AUDIT_OEFFENTLICH", raising=False)
    return Ankerorte.im_ordner(tmp_path)


def test_loeschen_der_neuesten_ereignisse_wird_gefunden(datenbank: Datenbank, orte: Ankerorte) -> None:
    _fuelle(datenbank, 6)
    with datenbank.sitzung() as s:
        assert schreibe_anker(s, orte) is not None
        assert pruefe_anker(s, orte) == (1, [])
    _trigger_entfernen(datenbank)
    with datenbank.engine.begin() as v:
        v.execute(text("DELETE FROM audit_ereignis WHERE folge > 3"))
    with datenbank.sitzung() as s:
        assert pruefe_kette(s).in_ordnung  # the shortened chain alone looks fine ...
        anzahl, fehler = pruefe_anker(s, orte)  # ... the checkpoint does not
    assert anzahl == 1 and len(fehler) == 1 and "Ereignis 6 fehlt" in fehler[0]


def test_gefaelschter_pruefpunkt_und_umgeschriebene_kette(datenbank: Datenbank, orte: Ankerorte) -> None:
    _fuelle(datenbank, 3)
    with datenbank.sitzung() as s:
        schreibe_anker(s, orte)
    zeile = json.loads(orte.datei.read_text())
    zeile["folge"] = 2  # an attacker moves the checkpoint back to fit a shortened chain
    orte.datei.write_text(json.dumps(zeile) + "\n")
    with datenbank.sitzung() as s:
        assert "Signatur ungültig" in pruefe_anker(s, orte)[1][0]
        orte.datei.unlink()
        schreibe_anker(s, orte)
    _trigger_entfernen(datenbank)
    with (
        datenbank.engine.begin() as v
    ):  # rewrite the last event (hash recomputed by the attacker: other hash)
        v.execute(text("DELETE FROM audit_ereignis WHERE folge = 3"))
    _fuelle(datenbank, 1)
    with datenbank.sitzung() as s:
        assert "wurde verändert oder ersetzt" in pruefe_anker(s, orte)[1][0]


def test_pruefpunkte_nach_abstand(datenbank: Datenbank, orte: Ankerorte) -> None:
    jetzt = dt.datetime(2026, 12, 5, 12, 0, tzinfo=dt.UTC)
    abstand = dt.timedelta(minutes=15)
    with datenbank.sitzung() as s:
        assert schreibe_anker_falls_faellig(s, orte, abstand, jetzt) is None  # empty chain
    _fuelle(datenbank, 2)
    with datenbank.sitzung() as s:
        assert schreibe_anker_falls_faellig(s, orte, abstand, jetzt) is not None
        assert schreibe_anker_falls_faellig(s, orte, abstand, jetzt + abstand) is None  # head unchanged
    _fuelle(datenbank, 1)
    with datenbank.sitzung() as s:
        assert schreibe_anker_falls_faellig(s, orte, abstand, jetzt + dt.timedelta(minutes=5)) is None
        assert schreibe_anker_falls_faellig(s, orte, abstand, jetzt + abstand) is not None
        assert pruefe_anker(s, orte) == (2, [])
    assert orte.privat.stat().st_mode & 0o777 == 0o600


def test_audit_verify_meldet_geloeschte_ereignisse(
    datenbank: Datenbank, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, orte: Ankerorte
) -> None:
    monkeypatch.setenv("AMTSWEG_DATABASE_URL", datenbank.url)
    monkeypatch.setenv("AMTSWEG_DATA_DIR", str(tmp_path))
    _fuelle(datenbank, 5)
    runner = CliRunner()
    assert runner.invoke(app, ["audit", "anker"]).exit_code == 0
    gut = runner.invoke(app, ["audit", "verify"])
    assert gut.exit_code == 0 and "1 signierte Prüfpunkte bestätigt" in gut.output
    _trigger_entfernen(datenbank)
    with datenbank.engine.begin() as v:
        v.execute(text("DELETE FROM audit_ereignis WHERE folge >= 3"))
    schlecht = runner.invoke(app, ["audit", "verify"])
    assert schlecht.exit_code == 1 and "Ereignis 5 fehlt" in schlecht.output
