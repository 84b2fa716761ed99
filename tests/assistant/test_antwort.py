import json
from pathlib import Path

from amtsweg.assistant.antwort import HINWEIS_KI, beantworte, ist_einzelfall
from amtsweg.assistant.dienst import frage_stellen
from amtsweg.assistant.index import Korpus
from amtsweg.assistant.protokoll import protokoll_datei


def test_extractive_answer_cites_the_paragraph(korpus: Korpus) -> None:
    antwort = beantworte("Für wie viele Monate wird Wohngeld bewilligt?", korpus, llm_url="")
    assert antwort.status == "antwort"
    assert antwort.saetze[0].beleg.zitat == "§ 25 Abs. 1 WoGG"
    assert "zwölf Monate" in antwort.saetze[0].text
    assert antwort.hinweis == HINWEIS_KI and "KI" in antwort.hinweis


def test_service_and_page_sources(korpus: Korpus) -> None:
    antwort = beantworte("Welche Unterlagen brauche ich für den Wohngeldantrag?", korpus, llm_url="")
    assert antwort.status == "antwort"
    assert any("Mietvertrag" in s.text for s in antwort.saetze)
    assert antwort.quellen[0].titel.startswith("Wohngeldstelle Musterstadt")


def test_abstains_with_contact_when_nothing_fits(korpus: Korpus) -> None:
    antwort = beantworte("Wie melde ich meinen Hund bei der Hundesteuer an?", korpus, llm_url="")
    assert antwort.status == "keine_quelle" and not antwort.saetze
    assert "115" in antwort.kontakt


def test_individual_entitlement_goes_to_leistungs_check(korpus: Korpus) -> None:
    assert ist_einzelfall("Habe ich Anspruch auf Wohngeld?")
    assert ist_einzelfall("Wie viel Kinderzuschlag bekomme ich?")
    assert not ist_einzelfall("Wo stelle ich den Wohngeldantrag?")
    antwort = beantworte("Habe ich Anspruch auf Wohngeld mit 1200 Euro Rente?", korpus, llm_url="")
    assert antwort.status == "einzelfall" and "/leistungs-check" in antwort.meldung and not antwort.saetze


def test_log_keeps_sources_but_not_the_question(datenordner: Path) -> None:
    frage_stellen("Max Mustermann, Hauptstr. 1, fragt nach Wohngeld", kanal="test", datenordner=datenordner)
    frage_stellen("Für wie viele Monate wird Wohngeld bewilligt?", kanal="test", datenordner=datenordner)
    zeilen = protokoll_datei(datenordner).read_text(encoding="utf-8").splitlines()
    eintrag = json.loads(zeilen[-1])
    assert len(zeilen) == 2 and "Mustermann" not in zeilen[0] and "Monate" not in zeilen[-1]
    assert eintrag["quellen"][0] == "§ 25 Abs. 1 WoGG" and len(eintrag["frage_hash"]) == 32
    assert eintrag["korpus_version"] and eintrag["status"] == "antwort"
