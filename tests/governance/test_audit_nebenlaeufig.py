"""Concurrent writers never lose an audit event (SQLite and PostgreSQL): the chain stays complete."""

from __future__ import annotations

import threading

from sqlalchemy import text

from amtsweg.db import Datenbank
from amtsweg.governance.audit import Aktion, protokolliere, pruefe_kette


def test_gleichzeitige_audit_ereignisse_gehen_nicht_verloren(datenbank: Datenbank) -> None:
    with datenbank.sitzung() as s:
        protokolliere(s, Aktion.anmeldung, akteur="start", rolle="-")
    fehler: list[BaseException] = []
    schranke = threading.Barrier(12)

    def schreibe(i: int) -> None:
        schranke.wait()
        try:
            for j in range(5):
                with datenbank.sitzung() as s:
                    s.execute(text("SELECT 1"))  # a read first, as a request does
                    protokolliere(s, Aktion.anmeldung_fehlgeschlagen, akteur=f"n{i}-{j}", rolle="-")
        except BaseException as f:  # collected for the assertion
            fehler.append(f)

    faeden = [threading.Thread(target=schreibe, args=(i,)) for i in range(12)]
    for f in faeden:
        f.start()
    for f in faeden:
        f.join()
    assert not fehler, fehler[:3]
    with datenbank.sitzung() as s:
        ergebnis = pruefe_kette(s)
    assert ergebnis.in_ordnung and ergebnis.anzahl == 1 + 12 * 5
