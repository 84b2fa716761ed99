"""Corpus ingestion: law texts (by § and Absatz), service descriptions (by module) and an authority's pages.

Every passage (``Abschnitt``) carries its citation: a ``Norm`` for law texts, the service and module for
service descriptions, the page and section for the authority's own pages.
"""

from __future__ import annotations

import html
import json
import os
import re
from collections.abc import Iterator
from dataclasses import asdict, dataclass, field
from pathlib import Path

from amtsweg.rules.engine.norm import Norm

#: abbreviations of the law files (file name prefix -> citation abbreviation)
KUERZEL = {"SGB_2": "SGB II", "SGB_10": "SGB X", "SGB_12": "SGB XII", "RBSFV_2026": "RBSFV 2026"}
#: law files of the social-benefit corpus; EStG only with its Kindergeld and allowance paragraphs
STANDARD_GESETZE = {
    "WoGG-BJNR185610008.md": None,
    "WoGV-BJNR020650971.md": None,
    "SGB_2-BJNR295500003.md": None,
    "SGB_10-BJNR114690980.md": None,
    "SGB_12-BJNR302300003.md": None,
    "BKGG-BJNR137800995.md": None,
    "KiZDAV-BJNR1780A0023.md": None,
    "RBEG-BJNR285510020.md": None,
    "RBSFV_2026-BJNR0F30B0025.md": None,
    "UhVorschG-BJNR011840979.md": None,
    "EStG-BJNR010050934.md": {"9a", "31", "32", *(str(n) for n in range(62, 79))},
}
#: module names of service descriptions (FIM/XZuFi field -> German section title)
MODULE = {
    "description": "Kurztext",
    "requirements": "Voraussetzungen",
    "documents": "Unterlagen",
    "deadlines": "Fristen",
    "costs": "Kosten",
    "legal_basis": "Rechtsgrundlage",
}
_UEBERSCHRIFT = re.compile(r"^§\s*(\d+[a-z]?)\s*(?:[–-]\s*(.*))?$")
_ABSATZ = re.compile(r"^\((\d+)\)\s")
_TAG = re.compile(r"<[^>]+>")


@dataclass(frozen=True)
class Abschnitt:
    """One retrievable passage with its citation."""

    id: str
    quelle: str  # "gesetz" | "leistung" | "seite"
    titel: str
    zitat: str
    text: str
    datei: str
    norm: dict[str, str | int | None] | None = None
    extern: str | None = None  # external URL of the source if known

    @property
    def link(self) -> str:
        return f"/assistent/quelle/{self.id}"

    def als_dict(self) -> dict[str, object]:
        return asdict(self)


@dataclass(frozen=True)
class Quellen:
    """Where the corpus comes from (folders; all configurable by environment variables)."""

    gesetze: Path | None
    leistungen: Path | None
    seiten: Path | None
    gesetz_auswahl: dict[str, set[str] | None] = field(default_factory=lambda: dict(STANDARD_GESETZE))

    @classmethod
    def standard(cls) -> Quellen:
        basis = Path(
            os.environ.get("AMTSWEG_SHARED_DATA", Path(__file__).resolve().parents[4] / "shared" / "data")
        )

        def ordner(variable: str, standard: Path | None) -> Path | None:
            wert = os.environ.get(variable)
            if wert:
                return Path(wert)
            return standard if standard is not None and standard.exists() else None

        return cls(
            gesetze=ordner("AMTSWEG_GESETZE_DIR", basis / "gesetze"),
            leistungen=ordner(
                "AMTSWEG_LEISTUNGEN_DIR", basis / "fragen" / "fim-social-benefits" / "requirements_texts"
            ),
            seiten=ordner("AMTSWEG_SEITEN_DIR", None),
        )

    def dateien(self) -> list[tuple[str, Path]]:
        """All source files with their kind, in a stable order."""
        ergebnis: list[tuple[str, Path]] = []
        if self.gesetze:
            ergebnis += [
                ("gesetz", self.gesetze / n)
                for n in sorted(self.gesetz_auswahl)
                if (self.gesetze / n).exists()
            ]
        if self.leistungen:
            ergebnis += [("leistung", p) for p in sorted(self.leistungen.glob("*.json"))]
        if self.seiten:
            ergebnis += [
                ("seite", p)
                for p in sorted(self.seiten.rglob("*"))
                if p.suffix.lower() in {".md", ".html", ".htm"}
            ]
        return ergebnis


def gesetz_kuerzel(datei: Path) -> str:
    praefix = datei.name.split("-")[0]
    return KUERZEL.get(praefix, praefix.replace("_", " "))


def _bereinige(text: str) -> str:
    text = re.sub(r"\(\+\+\+.*?\+\+\+\)", " ", text, flags=re.S)
    text = html.unescape(_TAG.sub(" ", text))
    return re.sub(r"[ \t]+", " ", text).strip()


def anlage_name(kopf: str) -> str:
    """ "Anlage 2 – (zu § 19 Absatz 1)" -> "2"; "Anlage – (zu § 28)Regelbedarfsstufen" -> "zu § 28"."""
    if m := re.match(r"Anlage\s+(\d+[a-z]?)", kopf):
        return m.group(1)
    if m := re.search(r"\(zu §\s*(\d+[a-z]?)", kopf):
        return f"zu § {m.group(1)}"
    return "1"


def lies_gesetz(datei: Path, auswahl: set[str] | None = None) -> Iterator[Abschnitt]:
    """One passage per Absatz (or per § without Absätze); Anlagen as one passage each."""
    gesetz = gesetz_kuerzel(datei)
    bloecke = re.split(r"^# ", datei.read_text(encoding="utf-8"), flags=re.M)[1:]
    for block in bloecke:
        kopf, _, rumpf = block.partition("\n")
        kopf = kopf.strip()
        treffer = _UEBERSCHRIFT.match(kopf)
        if treffer:
            paragraph, titel = treffer.group(1), (treffer.group(2) or "").strip()
            if auswahl is not None and paragraph not in auswahl:
                continue
        elif kopf.startswith("Anlage") and auswahl is None:
            paragraph, titel = None, kopf
        else:
            continue
        absaetze: list[tuple[int | None, list[str]]] = [(None, [])]
        for zeile in rumpf.split("\n"):
            if m := _ABSATZ.match(zeile):
                absaetze.append((int(m.group(1)), []))
            absaetze[-1][1].append(zeile)
        for absatz, zeilen in absaetze:
            text = _bereinige("\n".join(zeilen))
            if len(text) < 15:
                continue
            if paragraph is not None:
                norm = Norm(gesetz, paragraph, absatz=absatz)
                ueberschrift = f"§ {paragraph} {gesetz}" + (f" – {titel}" if titel else "")
            else:
                norm = Norm(gesetz, anlage=anlage_name(kopf))
                ueberschrift = f"{kopf} {gesetz}"
            kennung = re.sub(
                r"[^A-Za-z0-9]+", "-", f"{gesetz}-{paragraph or 'anl-' + str(norm.anlage)}-{absatz or 0}"
            )
            yield Abschnitt(
                id=f"g-{kennung.strip('-').lower()}",
                quelle="gesetz",
                titel=ueberschrift,
                zitat=str(norm),
                text=text,
                datei=datei.name,
                norm={k: v for k, v in asdict(norm).items() if v is not None},
            )


def lies_leistung(datei: Path) -> Iterator[Abschnitt]:
    """A service description (FIM/PVOG record or XZuFi with ``details`` modules): one passage per module."""
    daten = json.loads(datei.read_text(encoding="utf-8"))
    name = str(daten.get("name") or datei.stem)
    kennung = str(daten.get("idlb") or daten.get("id") or datei.stem)
    module: list[tuple[str, str]] = []
    if isinstance(daten.get("details"), list):
        module = [
            (str(m.get("title", "")), str(m.get("text", ""))) for m in daten["details"] if m.get("text")
        ]
    else:
        module = [(titel, str(daten[feld])) for feld, titel in MODULE.items() if daten.get(feld)]
    for titel, text in module:
        sauber = _bereinige(text)
        if len(sauber) < 10:
            continue
        modul_id = re.sub(r"[^a-z0-9]+", "-", titel.lower()).strip("-")
        yield Abschnitt(
            id=f"l-{re.sub(r'[^a-z0-9]+', '-', kennung.lower())}-{modul_id}",
            quelle="leistung",
            titel=f"{name} – {titel}",
            zitat=f"Leistungsbeschreibung „{name}“, Abschnitt {titel}",
            text=sauber,
            datei=datei.name,
        )


def lies_seite(datei: Path, wurzel: Path) -> Iterator[Abschnitt]:
    """An authority's own page (Markdown or HTML): one passage per section under a heading."""
    roh = datei.read_text(encoding="utf-8")
    if datei.suffix.lower() in {".html", ".htm"}:
        roh = re.sub(r"(?is)<(script|style)[^>]*>.*?</\1>", " ", roh)
        roh = re.sub(r"(?i)<h[1-6][^>]*>(.*?)</h[1-6]>", lambda m: f"\n# {m.group(1)}\n", roh)
        roh = re.sub(r"(?i)</(p|li|div|br)\s*>", "\n", roh)
    relativ = datei.relative_to(wurzel).as_posix()
    seitentitel = datei.stem
    abschnitte: list[tuple[str, list[str]]] = [("", [])]
    for zeile in roh.split("\n"):
        if m := re.match(r"^\s*#{1,6}\s+(.*)$", zeile):
            abschnitte.append((_bereinige(m.group(1)), []))
            if len(abschnitte) == 2:
                seitentitel = abschnitte[-1][0]
        else:
            abschnitte[-1][1].append(zeile)
    basis = re.sub(r"[^a-z0-9]+", "-", relativ.lower()).strip("-")
    for nr, (ueberschrift, zeilen) in enumerate(abschnitte):
        text = _bereinige("\n".join(zeilen))
        if len(text) < 15:
            continue
        titel = (
            seitentitel
            if not ueberschrift or ueberschrift == seitentitel
            else f"{seitentitel} – {ueberschrift}"
        )
        yield Abschnitt(
            id=f"s-{basis}-{nr}",
            quelle="seite",
            titel=titel,
            zitat=f"Seite „{titel}“",
            text=text,
            datei=relativ,
        )


def lies_datei(art: str, datei: Path, quellen: Quellen) -> list[Abschnitt]:
    if art == "gesetz":
        return list(lies_gesetz(datei, quellen.gesetz_auswahl.get(datei.name)))
    if art == "leistung":
        return list(lies_leistung(datei))
    assert quellen.seiten is not None
    return list(lies_seite(datei, quellen.seiten))
