# ruff: noqa: E501
"""Everyday questions against the real corpus (law texts and FIM descriptions from the shared data folder)
plus a small authority page: the cited source must be the relevant one."""

from __future__ import annotations

import pytest

from amtsweg.assistant.alltag import alltagsterme
from amtsweg.assistant.antwort import beantworte
from amtsweg.assistant.index import Korpus
from amtsweg.assistant.korpus import Quellen, lies_datei
from amtsweg.assistant.suche import Suchindex

SEITE = """# Wohngeldstelle Musterstadt

## Unterlagen für den Wohngeldantrag

Für den Wohngeldantrag brauchen Sie den Mietvertrag, eine Mietbescheinigung des Vermieters, Nachweise über das Einkommen aller Haushaltsmitglieder der letzten zwölf Monate und Ihren Personalausweis.

## Bearbeitungszeit

Die Bearbeitung eines vollständigen Wohngeldantrags dauert in Musterstadt derzeit etwa sechs bis acht Wochen.
"""


@pytest.fixture(scope="module")
def echtes_korpus(tmp_path_factory: pytest.TempPathFactory) -> Korpus:
    standard = Quellen.standard()
    assert standard.gesetze is not None and standard.leistungen is not None, "shared data missing"
    seiten = tmp_path_factory.mktemp("seiten")
    (seiten / "wohngeld.md").write_text(SEITE, encoding="utf-8")
    quellen = Quellen(standard.gesetze, standard.leistungen, seiten, standard.gesetz_auswahl)
    return Korpus([a for art, p in quellen.dateien() for a in lies_datei(art, p, quellen)])


def zitate(korpus: Korpus, frage: str, k: int = 3) -> list[str]:
    return [korpus.abschnitte[t.nr].zitat for t in korpus.index.suche(frage, k=k)]


def test_unterlagen_cites_the_authority_page(echtes_korpus: Korpus) -> None:
    antwort = beantworte("Welche Unterlagen brauche ich für Wohngeld?", echtes_korpus, llm_url="")
    assert antwort.status == "antwort"
    assert antwort.quellen[0].titel == "Wohngeldstelle Musterstadt – Unterlagen für den Wohngeldantrag"
    assert any("Mietbescheinigung" in s.text for s in antwort.saetze)


def test_processing_time_cites_the_authority_page(echtes_korpus: Korpus) -> None:
    antwort = beantworte("Wie lange dauert die Bearbeitung?", echtes_korpus, llm_url="")
    assert antwort.status == "antwort"
    assert antwort.quellen[0].titel == "Wohngeldstelle Musterstadt – Bearbeitungszeit"
    assert "Wochen" in antwort.saetze[0].text


def test_difference_wohngeld_buergergeld_finds_the_exclusion_rule(echtes_korpus: Korpus) -> None:
    # WoGG § 7: recipients of Grundsicherungsgeld (formerly Bürgergeld) are excluded from Wohngeld
    assert "§ 7 Abs. 1 WoGG" in zitate(
        echtes_korpus, "Was ist der Unterschied zwischen Wohngeld und Bürgergeld?"
    )


def test_reporting_changes_and_renewal_cite_the_right_paragraphs(echtes_korpus: Korpus) -> None:
    melden = zitate(echtes_korpus, "Muss ich Änderungen beim Einkommen melden?", k=2)
    assert {"§ 48 Abs. 1 SGB X", "§ 27 Abs. 2 WoGG"} & set(melden)
    antwort = beantworte(
        "Bis wann muss ich den Weiterbewilligungsantrag für das Wohngeld stellen?", echtes_korpus, llm_url=""
    )
    # § 22 Abs. 4 WoGG: a renewal filed earlier than two months before the end counts from then
    assert antwort.status == "antwort" and antwort.quellen[0].zitat == "§ 22 Abs. 4 WoGG"
    assert "zwei Monate" in antwort.antwort


def test_everyday_words_reach_law_terms() -> None:
    rueck = alltagsterme()
    assert "unterlag" in rueck["nachweis"] and "burgergeld" in rueck["grundsicherungsgeld"]
    dokumente = [
        ("Auskunft", ["Der Antragsteller legt die Nachweise über sein Einkommen vor."]),
        ("Miete", ["Die Miete wird monatlich gezahlt."]),
    ]
    mit, ohne = Suchindex(dokumente), Suchindex(dokumente, alltag=False)
    assert [t.nr for t in mit.suche("Welche Unterlagen?", k=1)] == [0]
    assert ohne.suche("Welche Unterlagen?", k=1, erste_stufe=True) == []
