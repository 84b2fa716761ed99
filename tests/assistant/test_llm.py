import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest

from amtsweg.assistant.antwort import beantworte
from amtsweg.assistant.index import Korpus
from amtsweg.assistant.wissensbasis import Wissensbasis


@pytest.fixture
def korpus(korpus: Korpus) -> Korpus:
    """The extractive path (which the LLM may rephrase): no curated Wissensbasis answers."""
    korpus.wissensbasis = Wissensbasis(korpus.index, eintraege=())
    return korpus


@pytest.fixture(scope="module")
def llm_url() -> Iterator[str]:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    wurzel = Path(__file__).resolve().parents[2]
    prozess = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "uvicorn",
            "tests.assistant.llm_server:app",
            "--port",
            str(port),
            "--log-level",
            "warning",
        ],
        cwd=wurzel,
    )
    url = f"http://127.0.0.1:{port}/v1"
    try:
        for _ in range(100):
            try:
                httpx.post(
                    url + "/chat/completions",
                    json={"messages": [{"role": "user", "content": "x"}]},
                    timeout=1,
                )
                break
            except httpx.HTTPError:
                time.sleep(0.1)
        yield url
    finally:
        prozess.terminate()
        prozess.wait(timeout=10)


def test_unsupported_generated_sentence_is_removed(korpus: Korpus, llm_url: str) -> None:
    antwort = beantworte("Für wie viele Monate wird Wohngeld bewilligt?", korpus, llm_url=llm_url)
    assert antwort.verfahren == "generiert"
    texte = [s.text for s in antwort.saetze]
    assert any("zwölf Monate" in t for t in texte)
    assert not any("Bonus" in t for t in texte)
    assert all(s.beleg.zitat.startswith("§ 25") for s in antwort.saetze)


def test_falls_back_to_extractive_when_generation_unsupported(korpus: Korpus, llm_url: str) -> None:
    antwort = beantworte("Welche Unterlagen brauche ich für den Wohngeldantrag?", korpus, llm_url=llm_url)
    assert antwort.status == "antwort" and antwort.verfahren == "extraktiv"
    assert not any("Reisepass" in s.text for s in antwort.saetze)


def test_unreachable_llm_keeps_extractive_answer(korpus: Korpus) -> None:
    antwort = beantworte(
        "Für wie viele Monate wird Wohngeld bewilligt?", korpus, llm_url="http://127.0.0.1:9/v1"
    )
    assert antwort.verfahren == "extraktiv" and antwort.saetze


def test_llm_without_source_makes_the_assistant_abstain(korpus: Korpus, llm_url: str) -> None:
    # the test server answers KEINE_QUELLE to every question without a canned reply
    antwort = beantworte("Wann beginnt der Bewilligungszeitraum?", korpus, llm_url=llm_url)
    assert antwort.status == "keine_quelle" and not antwort.saetze and not antwort.quellen
    ohne = beantworte("Wann beginnt der Bewilligungszeitraum?", korpus, llm_url="")
    assert ohne.status == "antwort"
