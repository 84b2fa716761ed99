"""Every stored Antrag is valid against docs/schema/haushalt.schema.json, and `berechne --leistung alle`
computes it (the portal asks the net income the SGB II and the Kinderzuschlag need)."""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

import jsonschema
from fastapi.testclient import TestClient
from sqlalchemy import select
from typer.testing import CliRunner

from amtsweg.cases.demodaten import Demokonten, lege_vorgaenge_an
from amtsweg.cases.modelle import Vorgang
from amtsweg.db import Datenbank
from tests.web.test_buerger import (
    ERIKA,
    WOHNUNG,
    _neuer_entwurf,
    _post,
    antrag_stellen,
    weitere_angaben_absenden,
)

SCHEMA = json.loads((Path(__file__).parents[2] / "docs" / "schema" / "haushalt.schema.json").read_text())
Als = Callable[[str], TestClient]


def pruefe_schema(daten: dict[str, Any]) -> None:
    jsonschema.Draft202012Validator(SCHEMA, format_checker=jsonschema.FormatChecker()).validate(daten)


def berechne_alle(daten: dict[str, Any], tmp_path: Path) -> dict[str, Any]:
    from amtsweg.cli import app

    datei = tmp_path / "haushalt.json"
    datei.write_text(json.dumps(daten), encoding="utf-8")
    ergebnis = CliRunner().invoke(app, ["berechne", str(datei), "--leistung", "alle"])
    assert ergebnis.exit_code == 0, ergebnis.output
    return dict(json.loads(ergebnis.output))


def _vorgaenge(db: Datenbank) -> list[dict[str, Any]]:
    with db.sitzung() as s:
        return [dict(v.daten) for v in s.scalars(select(Vorgang).order_by(Vorgang.id))]


def test_demo_vorgaenge_sind_schemagueltig_und_fuer_alle_leistungen_berechenbar(
    demo: Demokonten, datenbank: Datenbank, tmp_path: Path
) -> None:
    with datenbank.sitzung() as s:
        lege_vorgaenge_an(s, demo, dt.date.today())
    gespeichert = _vorgaenge(datenbank)
    assert len(gespeichert) >= 7
    for daten in gespeichert:
        pruefe_schema(daten)
    assert "grundsicherung" in berechne_alle(gespeichert[0], tmp_path)


def test_formular_speichert_schemagueltige_daten_mit_netto(
    als: Als, datenbank: Datenbank, tmp_path: Path
) -> None:
    client = als(ERIKA)
    entwurf = _neuer_entwurf(client)
    assert _post(client, f"{entwurf}/schritt/1", {**WOHNUNG, "wohnung_kosten": "1.020,50"}).status_code == 303
    personen = {
        "personen_anzahl": "2",
        "p0_name": "Erika Mustermann",
        "p0_alter": "34",
        "p0_gdb": "50",
        "p1_name": "Tom Mustermann",
        "p1_rolle": "kind",
        "p1_alter": "7",
        "p1_kindergeld": "1",
    }
    assert _post(client, f"{entwurf}/schritt/2", personen).status_code == 303
    schritt3 = client.get(f"{entwurf}/schritt/3").text
    assert 'name="p0_abzug_steuern"' in schritt3 and 'name="p1_abzug_steuern"' not in schritt3  # child of 7
    einkommen = {
        "p0_e_anzahl": "1",
        "p0_e0_art": "erwerbstaetigkeit",
        "p0_e0_brutto": "1.600,00",
        "p0_abzug_steuern": "1",
        "p0_abzug_kranken_pflegeversicherung": "1",
        "p1_e_anzahl": "1",
        "p1_e0_art": "unterhaltsvorschuss",
        "p1_e0_brutto": "230",
        "p1_abzug_steuern": "1",  # not offered for the child: ignored
    }
    ohne_netto = _post(client, f"{entwurf}/schritt/3", einkommen)
    assert ohne_netto.status_code == 400 and 'id="p0_e0_netto-fehler"' in ohne_netto.text
    assert "Nettobetrag (Erika Mustermann)" in ohne_netto.text
    zu_hoch = _post(client, f"{entwurf}/schritt/3", {**einkommen, "p0_e0_netto": "1.700,00"})
    assert zu_hoch.status_code == 400 and "nicht höher sein als der Bruttobetrag" in zu_hoch.text
    assert _post(client, f"{entwurf}/schritt/3", {**einkommen, "p0_e0_netto": "1.210,40"}).status_code == 303
    weitere_angaben_absenden(client, entwurf)
    zusammenfassung = client.get(f"{entwurf}/schritt/5").text
    for text in ("Steuern vom Einkommen", "Kranken- und Pflegeversicherung", "Kindergeld wird gezahlt",
                 "1.210,40 € netto"):  # fmt: skip
        assert text in zusammenfassung, text
    ende = _post(client, f"{entwurf}/schritt/5", {"versicherung": "1", "aktion": "einreichen"})
    assert ende.status_code == 303, ende.text
    (daten,) = _vorgaenge(datenbank)
    pruefe_schema(daten)
    erika, tom = daten["personen"]
    assert erika["alter"] == 34 and erika["grad_der_behinderung"] == 50
    assert erika["einkommen"] == [
        {"art": "erwerbstaetigkeit", "brutto_monat": "1600.00", "netto_monat": "1210.40"}
    ]
    assert daten["wohnung"]["kosten_monat"] == "1020.50"
    assert "abzuege" not in tom and tom["kindergeld"] is True
    ergebnis = berechne_alle(daten, tmp_path)
    assert {"wohngeld", "grundsicherung", "kinderzuschlag"} <= set(ergebnis)


def test_standardantrag_ist_schemagueltig(als: Als, datenbank: Datenbank) -> None:
    antrag_stellen(als(ERIKA))
    for daten in _vorgaenge(datenbank):
        pruefe_schema(daten)
