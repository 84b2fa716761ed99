"""Citizen questions about the shipped laws (issue 11): readable answers, vocabulary, referrals, batch."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from typer.testing import CliRunner

from amtsweg.assistant import kommandos
from amtsweg.assistant.antwort import Antwort, beantworte
from amtsweg.assistant.formulierung import saetze_lesbar
from amtsweg.assistant.index import Korpus, baue_index, index_datei
from amtsweg.assistant.korpus import Quellen, lies_datei
from amtsweg.assistant.rechtssuche import ist_organisatorisch
from amtsweg.assistant.suche import saetze
from amtsweg.assistant.vokabular import standard as vokabular
from amtsweg.assistant.zustaendigkeit import pruefe

FRAGMENT = re.compile(r"\b(wenn|dass|ob|weil|bei|oder|und)\s*[.…]?\s*$|[,;:]\s*$")
MARKE = re.compile(r"(^|\s)\(\d+[a-z]?\)\s")


@pytest.fixture(scope="module")
def gesetze() -> Korpus:
    standard = Quellen.standard()
    assert standard.gesetze is not None, "shared data missing"
    quellen = Quellen(standard.gesetze, standard.leistungen, None, standard.gesetz_auswahl)
    return Korpus([a for art, p in quellen.dateien() for a in lies_datei(art, p, quellen)])


def zitate(antwort: Antwort) -> list[str]:
    return [q.zitat for q in antwort.quellen]


def test_law_sentences_become_readable() -> None:
    absatz = (
        "(5) ¹Ein Kind wird berücksichtigt, wenn es\n\n1. noch nicht 25 Jahre alt ist oder\n\n"
        "2. eine Ausbildung macht.\n\n²Das gilt auch im Ausland."
    )
    lesbar = saetze_lesbar(absatz, saetze)
    assert lesbar[0] == (
        "Ein Kind wird berücksichtigt, wenn es 1. noch nicht 25 Jahre alt ist oder 2. eine Ausbildung macht."
    )
    assert lesbar[1] == "Das gilt auch im Ausland."
    # a lettered Absatz inside the passage and a Roman numeral in the text
    innen = saetze_lesbar("(4) Erster Satz.\n\n(4a) Nach dem X. Abschnitt gilt das auch.", saetze)
    assert innen == ["Erster Satz.", "Nach dem X. Abschnitt gilt das auch."]


@pytest.mark.parametrize(
    "frage",
    [
        "Muss der Vermieter bestätigen, dass ich umziehe, damit das Jobcenter die Kaution zahlt?",
        "Darf ich mit Bürgergeld in den Urlaub fahren?",
        "Wer muss den Wohngeldantrag stellen, wenn wir beide im Mietvertrag stehen?",
        "Wird eine Abfindung beim Wohngeld angerechnet?",
        "Was passiert, wenn ich beim Wohngeldantrag falsche Angaben mache?",
        "Kann mein Kindergeld gepfändet werden?",
    ],
)
def test_answers_have_no_markers_or_fragments(gesetze: Korpus, frage: str) -> None:
    antwort = beantworte(frage, gesetze, llm_url="")
    assert antwort.status == "antwort"
    for satz in antwort.saetze:
        assert not MARKE.search(satz.text), satz.text
        assert not FRAGMENT.search(satz.text), satz.text
        assert satz.text[-1] in ".!?…)", satz.text
    assert f"Rechtsgrundlage: {antwort.quellen[0].zitat}." in antwort.antwort
    assert 1 <= len(antwort.quellen) <= 3


def test_colloquial_vocabulary_maps_to_laws_and_terms() -> None:
    v = vokabular()
    routing = v.gesetze_fuer("Das Jobcenter will mir das Geld kürzen")
    assert max(routing, key=lambda g: routing[g]) == "SGB II"
    assert "WoGG" in v.gesetze_fuer("Wie lange dauert die Bewilligung beim Wohngeld?")
    assert "EStG" in v.gesetze_fuer("Wie lange gibt es Kindergeld?")
    assert "Arbeitsunfähigkeit" in v.begriffe_fuer("Ich bin krank geschrieben, was muss ich tun?")
    assert "Mietkaution" in v.begriffe_fuer("Zahlt das Amt die Kaution?")
    assert "Minderung" in v.begriffe_fuer("Wie hoch ist die Sanktion?")


@pytest.mark.parametrize(
    ("frage", "norm"),
    [
        ("Bin krank geschrieben, muss ich den gelben Schein ans Jobcenter schicken?", "§ 56"),
        ("Das Jobcenter zieht mir wegen einer Überzahlung Geld ab. Wie viel darf das sein?", "§ 43"),
        ("Darf ich mit Bürgergeld in den Urlaub fahren?", "§ 7b"),
    ],
)
def test_jobcenter_questions_reach_sgb_ii_not_the_definition(gesetze: Korpus, frage: str, norm: str) -> None:
    antwort = beantworte(frage, gesetze, llm_url="")
    assert antwort.status == "antwort"
    assert any(z.startswith(norm + " ") and z.endswith("SGB II") for z in zitate(antwort)), zitate(antwort)
    assert not any(z.startswith("§ 6d ") for z in zitate(antwort))


@pytest.mark.parametrize(
    ("frage", "kontakt"),
    [
        ("Wann hat die Wohngeldstelle in Bochum offen? Kann ich ohne Termin hin?", "115"),
        ("ich hab mein passwort für jobcenter.digital vergessen", "Passwort"),
        (
            "Wie ist der Stand von meinem Kinderzuschlag-Antrag? Antragsnummer 123",
            "Stelle, die ihn bearbeitet",
        ),
        ("Wie viel Elterngeld bekomme ich?", "Elterngeldstelle"),
        ("Kann ich mich vom Rundfunkbeitrag befreien lassen, wenn ich Wohngeld bekomme?", "Beitragsservice"),
        ("Mein Vermieter will 15 % mehr Miete. Soll ich dagegen klagen?", "Beratung"),
    ],
)
def test_out_of_scope_questions_get_a_referral(gesetze: Korpus, frage: str, kontakt: str) -> None:
    antwort = beantworte(frage, gesetze, llm_url="")
    assert antwort.status != "antwort" and not antwort.saetze and not antwort.quellen
    assert kontakt in antwort.kontakt and antwort.antwort


def test_benefit_only_mentioned_stays_in_scope() -> None:
    assert pruefe("Mein Sohn bekommt BAföG und wohnt bei uns. Zählt das beim Wohngeld?") is None
    assert pruefe("Wie viel BAföG bekomme ich?") is not None


def test_general_entitlement_rule_is_answered(gesetze: Korpus) -> None:
    antwort = beantworte("Wie lange bekomme ich Kindergeld für mein Kind?", gesetze, llm_url="")
    assert antwort.status == "antwort"
    assert antwort.quellen[0].zitat == "§ 32 Abs. 4 EStG"
    assert "25. Geburtstag" in antwort.antwort and antwort.stand
    student = beantworte("Habe ich als Student Anspruch auf Wohngeld?", gesetze, llm_url="")
    assert student.status == "antwort" and any(z.startswith("§ 20 ") for z in zitate(student))
    assert "/leistungs-check" in student.meldung


def test_how_much_do_i_get_goes_to_the_leistungs_check(gesetze: Korpus) -> None:
    antwort = beantworte("Wie viel Wohngeld bekomme ich mit 1.400 Euro Lohn?", gesetze, llm_url="")
    assert antwort.status == "einzelfall" and "/leistungs-check" in antwort.meldung
    kindergeld = beantworte("Wie viel Kindergeld bekomme ich?", gesetze, llm_url="")
    assert kindergeld.status == "antwort" and "259 Euro" in kindergeld.antwort
    assert kindergeld.quellen[0].zitat == "§ 66 Abs. 1 EStG"


def test_json_and_batch_mode_keep_order_and_isolate_bad_lines(quellen: Quellen, tmp_path: Path) -> None:
    daten = tmp_path / "daten"
    baue_index(quellen, index_datei(daten))
    runner = CliRunner()
    einzeln = runner.invoke(
        kommandos.app, ["frage", "Wann beginnt der Bewilligungszeitraum?", "--daten", str(daten), "--json"]
    )
    ergebnis = json.loads(einzeln.output)
    assert ergebnis["status"] == "antwort" and ergebnis["antwort"]
    assert {k: ergebnis["quellen"][0][k] for k in ("zitat", "gesetz", "paragraf")} == {
        "zitat": "§ 25 Abs. 2 WoGG",
        "gesetz": "WoGG",
        "paragraf": "25",
    }
    datei = tmp_path / "fragen.jsonl"
    datei.write_text(
        "\n".join(
            [
                json.dumps({"frage": "Wann beginnt der Bewilligungszeitraum?", "id": "a"}),
                "{kaputt",
                json.dumps({"text": "ohne Schlüssel"}),
                json.dumps({"frage": "Wie melde ich meinen Hund zur Hundesteuer an?"}),
                json.dumps({"frage": "Was ist das Jahreseinkommen beim Wohngeld?"}),
            ]
        ),
        encoding="utf-8",
    )
    stapel = runner.invoke(kommandos.app, ["frage", "--json", "--datei", str(datei), "--daten", str(daten)])
    assert stapel.exit_code == 0, stapel.output
    zeilen = [json.loads(z) for z in stapel.output.splitlines()]
    assert [z["status"] for z in zeilen] == ["antwort", "fehler", "fehler", "keine_quelle", "antwort"]
    assert zeilen[0]["id"] == "a" and zeilen[0]["quellen"][0]["zitat"] == "§ 25 Abs. 2 WoGG"
    assert zeilen[1]["zeile"] == 2 and "Zeile 2" in zeilen[1]["fehler"]
    assert "frage" in zeilen[2]["fehler"]
    assert zeilen[4]["quellen"][0]["zitat"] == "§ 14 Abs. 1 WoGG"


def test_only_organisational_paragraphs_are_demoted(gesetze: Korpus) -> None:
    titel = {
        a.titel.split(" – ")[0]: ist_organisatorisch(a) for a in gesetze.abschnitte if a.quelle == "gesetz"
    }
    assert titel["§ 6d SGB II"] and titel["§ 44b SGB II"] and titel["§ 65 SGB II"]
    for norm in ("§ 27 WoGG", "§ 37 WoGG", "§ 84 SGB X", "§ 38 SGB II", "§ 27b SGB XII", "§ 13 WoGV"):
        assert not titel[norm], norm


def test_pages_only_corpus_answers_from_the_authority_pages(quellen: Quellen) -> None:
    """Without law texts the authority's own pages define the scope (no rule-based referral)."""
    assert quellen.seiten is not None
    seiten = Quellen(None, None, quellen.seiten)
    korpus = Korpus([a for art, p in seiten.dateien() for a in lies_datei(art, p, seiten)])
    antwort = beantworte("Wann ist die Wohngeldstelle geöffnet?", korpus, llm_url="")
    assert antwort.status == "antwort" and "8 bis 12 Uhr" in antwort.antwort
    assert antwort.quellen[0].titel.startswith("Wohngeldstelle Musterstadt")


def test_frage_needs_exactly_one_of_text_or_file(tmp_path: Path) -> None:
    runner = CliRunner()
    beides = runner.invoke(
        kommandos.app, ["frage", "Was ist Wohngeld?", "--datei", str(tmp_path / "x.jsonl")]
    )
    assert beides.exit_code == 2 and "entweder eine Frage oder --datei" in beides.output
    keins = runner.invoke(kommandos.app, ["frage"])
    assert keins.exit_code == 2
