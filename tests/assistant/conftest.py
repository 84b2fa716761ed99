# ruff: noqa: E501
"""A small deterministic corpus (law excerpt, service description, authority page) and its index."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from amtsweg.assistant.index import Korpus, baue_index, index_datei
from amtsweg.assistant.korpus import Quellen

GESETZ = """% Wohngeldgesetz  (WoGG)
% Ausfertigungsdatum: 24.09.2008

# Inhaltsübersicht

# § 22 – Wohngeldantrag

(1) Wohngeld wird nur auf Antrag der wohngeldberechtigten Person geleistet.

(2) Der Antrag ist bei der nach Landesrecht zuständigen oder beauftragten Stelle zu stellen.

# § 25 – Bewilligungszeitraum

(1) Das Wohngeld soll für zwölf Monate bewilligt werden. Ist zu erwarten, dass sich die maßgeblichen Verhältnisse \
vor Ablauf dieses Zeitraums erheblich ändern, soll der Bewilligungszeitraum entsprechend verkürzt werden.

(2) Der Bewilligungszeitraum beginnt am Ersten des Monats, in dem der Wohngeldantrag gestellt worden ist.

# § 14 – Jahreseinkommen

(1) Jahreseinkommen ist die Summe der positiven Einkünfte jedes Haushaltsmitglieds.

(2) Zum Jahreseinkommen gehören auch Unterhaltsleistungen und das Elterngeld, soweit es den Freibetrag übersteigt.
"""
LEISTUNG = {
    "name": "Kinderzuschlag",
    "idlb": "B100019_LB_581863",
    "description": "Wenn Ihr Einkommen nicht für die ganze Familie reicht, können Sie Kinderzuschlag beantragen.",
    "requirements": "Ihr Kind ist jünger als 25 Jahre und lebt in Ihrem Haushalt. Sie beziehen Kindergeld.",
}
SEITE = """# Wohngeldstelle Musterstadt

## Öffnungszeiten

Die Wohngeldstelle ist montags bis freitags von 8 bis 12 Uhr geöffnet.

## Unterlagen

Für den Wohngeldantrag brauchen Sie den Mietvertrag, die Mietbescheinigung und Einkommensnachweise.
"""


@pytest.fixture
def quellen(tmp_path: Path) -> Quellen:
    (tmp_path / "gesetze").mkdir()
    (tmp_path / "gesetze" / "WoGG-BJNR185610008.md").write_text(GESETZ, encoding="utf-8")
    (tmp_path / "leistungen").mkdir()
    (tmp_path / "leistungen" / "kinderzuschlag.json").write_text(json.dumps(LEISTUNG), encoding="utf-8")
    (tmp_path / "seiten").mkdir()
    (tmp_path / "seiten" / "wohngeld.md").write_text(SEITE, encoding="utf-8")
    return Quellen(tmp_path / "gesetze", tmp_path / "leistungen", tmp_path / "seiten")


@pytest.fixture
def datenordner(quellen: Quellen, tmp_path: Path) -> Path:
    ordner = tmp_path / "daten"
    baue_index(quellen, index_datei(ordner))
    return ordner


@pytest.fixture
def korpus(datenordner: Path) -> Korpus:
    return Korpus.lade(index_datei(datenordner))
