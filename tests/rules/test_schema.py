"""The published JSON Schema (docs/schema/haushalt.schema.json) agrees with the parser."""

from __future__ import annotations

import json
from pathlib import Path

import jsonschema
import pytest
import yaml

from amtsweg.rules.engine.fehler import Eingabefehler
from amtsweg.rules.haushalt.eingabe import lies_haushalt

WURZEL = Path(__file__).parents[2]
SCHEMA = json.loads((WURZEL / "docs" / "schema" / "haushalt.schema.json").read_text(encoding="utf-8"))
FAELLE = sorted((WURZEL / "tests" / "rules" / "wohngeld" / "faelle").glob("*.yaml"))


def test_schema_ist_gueltig() -> None:
    jsonschema.Draft202012Validator.check_schema(SCHEMA)


@pytest.mark.parametrize("pfad", FAELLE, ids=[p.stem for p in FAELLE])
def test_jeder_fall_passt_zum_schema(pfad: Path) -> None:
    eingabe = yaml.safe_load(pfad.read_text(encoding="utf-8"))["eingabe"]
    eingabe = json.loads(json.dumps(eingabe, default=str))
    jsonschema.validate(eingabe, SCHEMA)
    lies_haushalt(eingabe)


@pytest.mark.parametrize(
    "kaputt",
    [
        {"stichtag": "2025-01-01", "wohnung": {"art": "miete", "kosten_monat": "1"}, "personen": []},
        {"stichtag": "2025-01-01", "wohnung": {"art": "zelt", "kosten_monat": "1", "mietstufe": 1},
         "personen": [{"id": "a", "rolle": "antragsteller", "alter": 3}]},
        {"stichtag": "2025-01-01", "wohnung": {"art": "miete", "kosten_monat": "1", "mietstufe": 1},
         "personen": [{"id": "a", "rolle": "antragsteller", "alter": 3, "hobby": "x"}]},
        {"stichtag": "2025-01-01", "wohnung": {"art": "miete", "kosten_monat": "1.234", "mietstufe": 1},
         "personen": [{"id": "a", "rolle": "antragsteller", "alter": 3}]},
    ],
)  # fmt: skip
def test_schema_und_parser_lehnen_gleich_ab(kaputt: dict[str, object]) -> None:
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate(kaputt, SCHEMA)
    with pytest.raises(Eingabefehler):
        lies_haushalt(kaputt)
