"""The versioned knowledge base: activities -> hazards (11 Gefährdungsfaktoren) -> measures (STOP) with norms.

The data live in YAML files next to this module (``wissen/``). ``lade_wissensbasis()`` reads and validates
them; ``pruefe_wissensbasis`` returns every schema problem as a German sentence (empty list = valid).
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from importlib import resources
from typing import Any

import yaml

STOP = ("S", "T", "O", "P")
STOP_NAMEN = {
    "S": "Substitution",
    "T": "Technische Maßnahme",
    "O": "Organisatorische Maßnahme",
    "P": "Personenbezogene Maßnahme",
}
RISIKEN = ("gering", "mittel", "hoch")
SCHWELLEN = (
    "absturz",
    "graben",
    "leiter",
    "baustellv",
    "asbest",
    "laerm",
    "vibration",
    "uv",
    "freileitung",
    "enge_raeume",
    "alleinarbeit",
    "maschinenfuehrer",
    "bagger_heben",
    "co",
    "verkehr",
    "explosion",
    "schadstoffe",
    "schadstoffe_pcb_pak",
)


class WissensbasisFehler(ValueError):
    """The knowledge base violates its schema."""


@dataclass(frozen=True, slots=True)
class NormEintrag:
    id: str
    kurz: str
    titel: str
    status: str  # mitgeliefert | brief | unbestaetigt
    quelle: str


@dataclass(frozen=True, slots=True)
class Massnahme:
    stop: str
    text: str
    norm: NormEintrag
    fundstelle: str
    begruendung: str = ""
    unbestaetigt: bool = False

    @property
    def zitat(self) -> str:
        return f"{self.norm.kurz} {self.fundstelle}"


@dataclass(frozen=True, slots=True)
class Gefaehrdung:
    id: str
    faktor: str  # sub-factor such as "1.6"
    titel: str
    risiko: str
    quelle: str
    fundstelle: str
    pruefung: str
    massnahmen: tuple[Massnahme, ...]
    schwere: int = 0  # 1–3; 0 = derived from risiko

    @property
    def gruppe(self) -> str:
        return self.faktor.split(".")[0]


@dataclass(frozen=True, slots=True)
class Taetigkeit:
    id: str
    name: str
    beschreibung: str
    quelle: str
    fundstelle: str
    stichwoerter: tuple[str, ...]
    schwellen: tuple[str, ...]
    gefaehrdungen: tuple[Gefaehrdung, ...]
    immer: bool = False
    #: proposed from free text only if one of these stems also occurs (e.g. a petrol tool *indoors*)
    nur_mit: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class Faktor:
    nummer: str
    name: str
    unbestaetigt: bool
    unter: dict[str, str]


@dataclass(frozen=True, slots=True)
class Wissensbasis:
    version: str
    faktoren: dict[str, Faktor]
    normen: dict[str, NormEintrag]
    taetigkeiten: dict[str, Taetigkeit]

    def unterfaktor(self, nummer: str) -> str:
        return self.faktoren[nummer.split(".")[0]].unter[nummer]

    def waehlbar(self) -> list[Taetigkeit]:
        """Activities a user can choose (the general site entry is always included)."""
        return [t for t in self.taetigkeiten.values() if not t.immer]


def _yaml(name: str) -> Any:
    return yaml.safe_load((resources.files(__package__) / "wissen" / name).read_text("utf-8"))


def _rohdaten() -> tuple[dict[str, Any], dict[str, Any], list[dict[str, Any]]]:
    ordner = resources.files(__package__) / "wissen" / "taetigkeiten"
    taetigkeiten = [
        yaml.safe_load(datei.read_text("utf-8"))
        for datei in sorted(ordner.iterdir(), key=lambda d: d.name)
        if datei.name.endswith(".yaml")
    ]
    return _yaml("faktoren.yaml"), _yaml("normen.yaml"), taetigkeiten


def pruefe_wissensbasis(
    faktoren: dict[str, Any], normen: dict[str, Any], taetigkeiten: list[dict[str, Any]]
) -> list[str]:
    """All schema violations, each as one German sentence."""
    fehler: list[str] = []
    unter = {u for f in faktoren.get("faktoren", {}).values() for u in f.get("unter", {})}
    if len(faktoren.get("faktoren", {})) != 11:
        fehler.append("Es müssen genau 11 Gefährdungsfaktoren definiert sein.")
    norm_ids = set(normen.get("normen", {}))
    for nid, n in normen.get("normen", {}).items():
        for feld in ("kurz", "titel", "status", "quelle"):
            if not n.get(feld):
                fehler.append(f"Norm {nid}: Feld {feld} fehlt.")
    ids: set[str] = set()
    for t in taetigkeiten:
        tid = t.get("id", "?")
        if tid in ids:
            fehler.append(f"Tätigkeit {tid} ist doppelt.")
        ids.add(tid)
        for feld in ("name", "quelle", "fundstelle"):
            if not t.get(feld):
                fehler.append(f"Tätigkeit {tid}: Feld {feld} fehlt.")
        if not t.get("immer") and not t.get("stichwoerter"):
            fehler.append(f"Tätigkeit {tid}: keine Stichwörter für die Texterkennung.")
        for s in t.get("schwellen", []):
            if s not in SCHWELLEN:
                fehler.append(f"Tätigkeit {tid}: unbekannte Schwellenregel {s}.")
        gefaehrdungen = t.get("gefaehrdungen") or []
        if not gefaehrdungen:
            fehler.append(f"Tätigkeit {tid}: keine Gefährdung zugeordnet.")
        for g in gefaehrdungen:
            gid = f"{tid}.{g.get('id', '?')}"
            if g.get("faktor") not in unter:
                fehler.append(f"Gefährdung {gid}: unbekannter Gefährdungsfaktor {g.get('faktor')}.")
            if g.get("schwere") not in (None, 1, 2, 3):
                fehler.append(f"Gefährdung {gid}: Schwere muss 1, 2 oder 3 sein.")
            if g.get("risiko") not in RISIKEN:
                fehler.append(f"Gefährdung {gid}: Risiko muss gering, mittel oder hoch sein.")
            for feld in ("titel", "quelle", "fundstelle", "pruefung"):
                if not g.get(feld):
                    fehler.append(f"Gefährdung {gid}: Feld {feld} fehlt.")
            massnahmen = g.get("massnahmen") or []
            if not massnahmen:
                fehler.append(f"Gefährdung {gid}: keine Maßnahme.")
            stufen = [STOP.index(m["stop"]) if m.get("stop") in STOP else -1 for m in massnahmen]
            if -1 in stufen:
                fehler.append(f"Gefährdung {gid}: STOP-Stufe muss S, T, O oder P sein.")
            elif stufen != sorted(stufen):
                fehler.append(f"Gefährdung {gid}: Maßnahmen sind nicht nach STOP geordnet.")
            for i, m in enumerate(massnahmen):
                if m.get("norm") not in norm_ids:
                    fehler.append(
                        f"Gefährdung {gid}, Maßnahme {i + 1}: Norm {m.get('norm')} fehlt im Katalog."
                    )
                if not m.get("fundstelle") or not m.get("text"):
                    fehler.append(f"Gefährdung {gid}, Maßnahme {i + 1}: Text oder Fundstelle fehlt.")
                if m.get("stop") == "P" and not m.get("begruendung"):
                    fehler.append(
                        f"Gefährdung {gid}, Maßnahme {i + 1}: personenbezogene Maßnahme ohne Begründung."
                    )
    return fehler


def baue_wissensbasis(
    faktoren: dict[str, Any], normen: dict[str, Any], taetigkeiten: list[dict[str, Any]]
) -> Wissensbasis:
    fehler = pruefe_wissensbasis(faktoren, normen, taetigkeiten)
    if fehler:
        raise WissensbasisFehler("; ".join(fehler))
    norm = {k: NormEintrag(id=k, **v) for k, v in normen["normen"].items()}
    fak = {
        k: Faktor(nummer=k, name=v["name"], unbestaetigt=bool(v["unbestaetigt"]), unter=dict(v["unter"]))
        for k, v in faktoren["faktoren"].items()
    }
    tae: dict[str, Taetigkeit] = {}
    for t in taetigkeiten:
        gef = tuple(
            Gefaehrdung(
                id=g["id"],
                faktor=g["faktor"],
                titel=g["titel"],
                risiko=g["risiko"],
                quelle=g["quelle"],
                fundstelle=g["fundstelle"],
                pruefung=g["pruefung"],
                schwere=int(g.get("schwere") or 0),
                massnahmen=tuple(
                    Massnahme(
                        stop=m["stop"],
                        text=m["text"],
                        norm=norm[m["norm"]],
                        fundstelle=m["fundstelle"],
                        begruendung=m.get("begruendung", ""),
                        unbestaetigt=bool(m.get("unbestaetigt", False))
                        or norm[m["norm"]].status == "unbestaetigt",
                    )
                    for m in g["massnahmen"]
                ),
            )
            for g in t["gefaehrdungen"]
        )
        tae[t["id"]] = Taetigkeit(
            id=t["id"],
            name=t["name"],
            beschreibung=t.get("beschreibung", ""),
            quelle=t["quelle"],
            fundstelle=t["fundstelle"],
            stichwoerter=tuple(t.get("stichwoerter", [])),
            schwellen=tuple(t.get("schwellen", [])),
            gefaehrdungen=gef,
            immer=bool(t.get("immer", False)),
            nur_mit=tuple(t.get("nur_mit", [])),
        )
    version = f"{faktoren['version']}/{normen['version']}"
    return Wissensbasis(version=version, faktoren=fak, normen=norm, taetigkeiten=tae)


@cache
def lade_wissensbasis() -> Wissensbasis:
    """The shipped knowledge base (validated; cached)."""
    return baue_wissensbasis(*_rohdaten())
