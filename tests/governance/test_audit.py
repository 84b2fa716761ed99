"""The audit trail: append-only in the database, hash-chained, and verification finds every change."""

from __future__ import annotations

import pytest
from sqlalchemy import text
from sqlalchemy.exc import DBAPIError

from amtsweg.db import Datenbank
from amtsweg.governance.audit import Aktion, protokolliere, pruefe_kette


def _fuelle(db: Datenbank, anzahl: int = 5) -> None:
    with db.sitzung() as s:
        for i in range(anzahl):
            protokolliere(s, Aktion.status_geaendert, akteur=f"nutzer{i}", rolle="sachbearbeitung",
                          vorgang="WG-2026-000001", daten={"nach": "in_pruefung", "i": i})  # fmt: skip


def test_kette_ist_gueltig_und_verkettet(datenbank: Datenbank) -> None:
    _fuelle(datenbank)
    with datenbank.sitzung() as s:
        ergebnis = pruefe_kette(s)
    assert ergebnis.anzahl == 5 and ergebnis.in_ordnung


@pytest.mark.parametrize("befehl", ["UPDATE audit_ereignis SET akteur = 'x'", "DELETE FROM audit_ereignis"])
def test_datenbank_verweigert_aenderungen(datenbank: Datenbank, befehl: str) -> None:
    _fuelle(datenbank, 2)
    with pytest.raises(DBAPIError), datenbank.sitzung() as s:
        s.execute(text(befehl))


def _trigger_entfernen(db: Datenbank) -> None:
    with db.engine.begin() as v:
        if db.engine.dialect.name == "postgresql":
            v.execute(text("DROP TRIGGER audit_unveraenderlich ON audit_ereignis"))
        else:
            v.execute(text("DROP TRIGGER audit_kein_update"))
            v.execute(text("DROP TRIGGER audit_kein_delete"))


@pytest.mark.parametrize(
    ("manipulation", "meldung"),
    [
        (
            'UPDATE audit_ereignis SET daten = \'{"nach": "beschieden"}\' WHERE folge = 3',
            "Ereignis 3: Inhalt",
        ),
        ("DELETE FROM audit_ereignis WHERE folge = 2", "Ereignis 2 fehlt"),
        ("UPDATE audit_ereignis SET akteur = 'boese' WHERE folge = 5", "Ereignis 5: Inhalt"),
    ],
)
def test_pruefung_findet_manipulation(datenbank: Datenbank, manipulation: str, meldung: str) -> None:
    _fuelle(datenbank)
    _trigger_entfernen(datenbank)  # an attacker with database rights
    with datenbank.engine.begin() as v:
        v.execute(text(manipulation))
    with datenbank.sitzung() as s:
        ergebnis = pruefe_kette(s)
    assert not ergebnis.in_ordnung
    assert any(meldung in f for f in ergebnis.fehler), ergebnis.fehler


def test_rollback_hinterlaesst_kein_ereignis(datenbank: Datenbank) -> None:
    with pytest.raises(RuntimeError), datenbank.sitzung() as s:
        protokolliere(s, Aktion.anmeldung, akteur="a", rolle="buerger")
        raise RuntimeError("action failed")
    with datenbank.sitzung() as s:
        assert pruefe_kette(s).anzahl == 0
