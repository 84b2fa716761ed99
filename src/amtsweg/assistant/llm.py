"""Optional generated answers via an OpenAI-compatible chat completions endpoint (vLLM, Ollama, llama.cpp).

The model only rephrases: each generated sentence must cite a passage ([n]) and be lexically supported by it
(share of the sentence's terms found in the cited passage >= Kalibrierung.stuetzung). Unsupported sentences
are dropped; if fewer than half survive, the caller keeps the extractive answer. If the model answers
KEINE_QUELLE (no source), the assistant abstains.
"""

from __future__ import annotations

import os
import re
from pathlib import Path
from typing import TYPE_CHECKING

from amtsweg.assistant.suche import saetze

if TYPE_CHECKING:
    from amtsweg.assistant.antwort import Kalibrierung
    from amtsweg.assistant.index import Korpus

PROMPT_VERSION = "antwort_v1"
PROMPTS = Path(__file__).parent / "prompts"
_VERWEIS = re.compile(r"\[(\d+)\]")


def prompt(version: str = PROMPT_VERSION) -> str:
    return (PROMPTS / f"{version}.txt").read_text(encoding="utf-8")


def frage_llm(url: str, system: str, nutzer: str, timeout: float = 20.0) -> str:
    """One chat completion; ``url`` is the API base (…/v1). httpx is the optional extra ``llm``."""
    import httpx

    antwort = httpx.post(
        url.rstrip("/") + "/chat/completions",
        json={
            "model": os.environ.get("AMTSWEG_LLM_MODEL", "default"),
            "temperature": 0,
            "messages": [{"role": "system", "content": system}, {"role": "user", "content": nutzer}],
        },
        headers={"Authorization": f"Bearer {os.environ.get('AMTSWEG_LLM_KEY', 'none')}"},
        timeout=timeout,
    )
    antwort.raise_for_status()
    return str(antwort.json()["choices"][0]["message"]["content"])


def stuetzung(korpus: Korpus, satz: str, nr: int) -> float:
    """Share of the sentence's content terms that occur in passage ``nr`` (title included)."""
    terme = set(korpus.index.analysator.terme(satz))
    if not terme:
        return 0.0
    abschnitt = {t for st in korpus.index.satz_terme[nr] for t in st}
    abschnitt |= set(korpus.index.analysator.terme(korpus.abschnitte[nr].titel))
    return len(terme & abschnitt) / len(terme)


def pruefe(korpus: Korpus, text: str, passagen: list[int], schwelle: float) -> list[tuple[str, int]]:
    """Keep the generated sentences that cite a given passage and are supported by it."""
    behalten: list[tuple[str, int]] = []
    for satz in saetze(text):
        verweise = [int(n) - 1 for n in _VERWEIS.findall(satz)]
        rein = _VERWEIS.sub("", satz).strip()
        kandidaten = [passagen[v] for v in verweise if 0 <= v < len(passagen)]
        if not rein or not kandidaten:
            continue
        beste = max(kandidaten, key=lambda nr: stuetzung(korpus, rein, nr))
        if stuetzung(korpus, rein, beste) >= schwelle:
            behalten.append((rein, beste))
    return behalten


def generiere_gestuetzt(
    frage: str, korpus: Korpus, passagen: list[int], url: str, kal: Kalibrierung
) -> list[tuple[str, int]] | None:
    """Generated, checked sentences with their passage; None -> keep the extractive answer (LLM unreachable
    or its sentences unsupported); [] -> the model says the passages do not answer the question."""
    passagen = list(dict.fromkeys(passagen))
    quellen = "\n\n".join(
        f"[{i + 1}] {korpus.abschnitte[nr].zitat}: {korpus.abschnitte[nr].text[:1500]}"
        for i, nr in enumerate(passagen)
    )
    try:
        import httpx
    except ImportError:  # extra "llm" not installed: stay extractive
        return None
    try:
        text = frage_llm(url, prompt(), f"Quellen:\n{quellen}\n\nFrage: {frage}")
    except (httpx.HTTPError, KeyError, IndexError, ValueError):
        return None
    if "KEINE_QUELLE" in text:
        return []  # the model found no support in the passages: the caller abstains
    roh = [s for s in saetze(text) if _VERWEIS.sub("", s).strip()]
    behalten = pruefe(korpus, text, passagen, kal.stuetzung)
    if not behalten or len(behalten) * 2 < len(roh):
        return None
    return behalten
