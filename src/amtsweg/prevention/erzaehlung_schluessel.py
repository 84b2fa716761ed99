"""Domain keyword features for the accident narrative classifier.

The lists are written by hand from the category definitions of Goh & Ubeynarayana (2017) and the OIICS
event manual (what kind of event each class means), not mined from the labelled data. Each category gets
two columns: log(1 + number of keyword hits) in the title and in the whole text. Regular expressions on
word starts, so "electrocut" covers electrocuted/electrocution.
"""

from __future__ import annotations

import re

import numpy as np
from scipy import sparse

SCHLUESSEL: dict[str, tuple[str, ...]] = {
    "falls": (
        "fall",
        "fell",
        "falling",
        "ladder",
        "roof",
        "scaffold",
        "skylight",
        "edge",
        "opening",
        "harness",
        "guardrail",
        "lanyard",
        "feet to the",
        "to the ground",
        "floor below",
        "aerial lift",
        "stair",
        "slipped",
        "lost his balance",
        "lost her balance",
        "fall protection",
        "hole",
    ),
    "collapse of object": (
        "collaps",
        "cave-in",
        "caved in",
        "cave in",
        "trench wall",
        "buried",
        "engulf",
        "gave way",
        "toppl",
        "tipped over",
        "overturn",
        "shoring",
        "failed",
        "buckl",
        "wall fell",
        "excavation",
    ),
    "struck by moving objects": (
        "struck by",
        "hit by",
        "swung",
        "swinging",
        "backing",
        "backed",
        "boom",
        "rolled",
        "run over",
        "ran over",
        "forklift",
        "loader",
        "bulldozer",
        "moving",
        "kicked back",
        "projectile",
        "flying",
    ),
    "electrocution": (
        "electrocut",
        "electric shock",
        "shock",
        "volt",
        "energized",
        "power line",
        "overhead line",
        "live wire",
        "kv",
        "electrical",
        "current",
        "arc",
        "circuit",
        "contacted a",
    ),
    "caught in/between objects": (
        "caught",
        "pinned",
        "crushed between",
        "between the",
        "pulled into",
        "entangl",
        "auger",
        "rotating",
        "conveyor",
        "pinch",
        "sandwiched",
        "drawn into",
        "wrapped",
    ),
    "traffic": (
        "vehicle",
        "car",
        "truck",
        "motorist",
        "highway",
        "traffic",
        "driver",
        "work zone",
        "flagger",
        "lane",
        "pickup",
        "interstate",
        "road",
        "collision",
        "van",
    ),
    "fires and explosion": (
        "fire",
        "explo",
        "flame",
        "ignit",
        "burn",
        "flash",
        "torch",
        "propane",
        "gasoline",
        "combust",
        "blast",
        "welding",
        "vapor ignited",
        "natural gas",
    ),
    "others": (
        "heart attack",
        "cardiac",
        "drown",
        "stroke",
        "seizure",
        "assault",
        "shot",
        "stab",
        "bee",
        "animal",
        "unknown",
        "natural causes",
    ),
    "struck by falling object": (
        "fell on",
        "falling object",
        "dropped",
        "fell from above",
        "struck on the head",
        "landed on",
        "fell onto him",
        "fell and struck",
        "came down",
        "load fell",
        "struck in the head",
    ),
    "exposure to chemical substances": (
        "fume",
        "carbon monoxide",
        "asphyx",
        "overcome",
        "toxic",
        "chemical",
        "vapor",
        "inhal",
        "hydrogen sulfide",
        "oxygen",
        "poison",
        "solvent",
        "gas",
        "confined space",
        "acid",
    ),
    "exposure to extreme temperatures": (
        "heat stroke",
        "heat exhaustion",
        "hypertherm",
        "hypotherm",
        "temperature",
        "hot",
        "dehydrat",
        "heat",
        "sun",
        "degrees",
        "cold",
        "frostbite",
        "humid",
    ),
}

_MUSTER = {k: re.compile(r"\b(?:" + "|".join(re.escape(w) for w in v) + ")") for k, v in SCHLUESSEL.items()}


def titel_von(text: str) -> str:
    """The title part of ``text_von(title, narrative)`` (joined with " . ")."""
    return text.split(" . ", 1)[0] if " . " in text else ""


def schluessel_merkmale(texte: list[str]) -> sparse.csr_matrix:
    """2 x 11 columns per text: keyword hits per category in the title and in the whole text (log1p)."""
    zeilen = []
    for text in texte:
        klein, titel = text.lower(), titel_von(text).lower()
        zeilen.append(
            [np.log1p(len(m.findall(titel))) for m in _MUSTER.values()]
            + [np.log1p(len(m.findall(klein))) for m in _MUSTER.values()]
        )
    return sparse.csr_matrix(np.asarray(zeilen, dtype=float))
