"""Privacy-friendly answer log for governance: one JSON line per answer, without the question text.

Stored: time, keyed hash of the normalised question (groups repeated questions without making the text
recoverable by a dictionary attack), status, cited sources, corpus/prompt/calibration versions, method,
confidence and latency. The question itself and any personal data in it are never written.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import hmac
import json
import os
from functools import lru_cache
from pathlib import Path

from amtsweg.assistant.analyse import normalisiere
from amtsweg.assistant.antwort import Antwort
from amtsweg.assistant.llm import PROMPT_VERSION

ANALYSE_VERSION = "de-snowball-split-2-alltag-neuordnung-enthaltung"
#: answer pipeline of release 3 (issue 11); the data files it depends on are hashed into the log entry
ANTWORT_VERSION = "r3-zustaendigkeit-wissensbasis-rechtssuche"


@lru_cache(maxsize=1)
def daten_version() -> str:
    """Short hash of the vocabulary and the Wissensbasis (curated answers change without a code change)."""
    inhalt = b"".join(
        (Path(__file__).parent / "daten" / n).read_bytes() for n in ("vokabular.yaml", "wissensbasis.yaml")
    )
    return hashlib.sha256(inhalt).hexdigest()[:12]


def protokoll_datei(datenordner: Path | None = None) -> Path:
    ordner = datenordner or Path(os.environ.get("AMTSWEG_DATA_DIR", "data"))
    return ordner / "assistent" / "antworten.jsonl"


def frage_hash(frage: str, schluessel: str | None = None) -> str:
    schluessel = schluessel or os.environ.get("AMTSWEG_SECRET_KEY", "amtsweg-assistent")
    text = " ".join(normalisiere(frage).split())
    return hmac.new(schluessel.encode(), text.encode(), hashlib.sha256).hexdigest()[:32]


def protokolliere_antwort(
    frage: str, antwort: Antwort, kanal: str, datei: Path | None = None
) -> dict[str, object]:
    eintrag: dict[str, object] = {
        "zeit": dt.datetime.now(dt.UTC).isoformat(timespec="seconds"),
        "frage_hash": frage_hash(frage),
        "kanal": kanal,
        "status": antwort.status,
        "verfahren": antwort.verfahren,
        "quellen": [b.zitat for b in antwort.quellen],
        "quellen_ids": [b.id for b in antwort.quellen],
        "korpus_version": antwort.korpus_version,
        "analyse_version": ANALYSE_VERSION,
        "antwort_version": f"{ANTWORT_VERSION}-{daten_version()}",
        "prompt_version": PROMPT_VERSION if antwort.verfahren == "generiert" else None,
        "konfidenz": antwort.konfidenz,
        "dauer_ms": antwort.dauer_ms,
    }
    ziel = datei or protokoll_datei()
    ziel.parent.mkdir(parents=True, exist_ok=True)
    with ziel.open("a", encoding="utf-8") as f:
        f.write(json.dumps(eintrag, ensure_ascii=False) + "\n")
    return eintrag
