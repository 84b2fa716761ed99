"""Deterministic generator of synthetic German documents with ground truth (text PDFs, scans, photos)."""

from __future__ import annotations

import hashlib
import json
import random
import time
import zlib
from collections.abc import Callable
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np

from amtsweg.documents.korpus import scan
from amtsweg.documents.korpus.inhalte_einkommen import alg_bescheid, lohnabrechnung, rentenbescheid
from amtsweg.documents.korpus.inhalte_nachweise import kontoauszug, schwerbehindertenausweis, uvg_bescheid
from amtsweg.documents.korpus.inhalte_wohnen import mietbescheinigung, mietvertrag, sonstiges
from amtsweg.documents.korpus.modell import LAYOUTS, Entwurf, Layout, layout
from amtsweg.documents.korpus.zeichnen import pdf_erzeugen
from amtsweg.documents.typen import TYPEN, korpus_felder

VARIANTEN = ("text", "scan_150", "scan_200", "scan_300", "foto")
FORMATE = ("pdf", "tiff", "png", "jpeg")
MIME = {"pdf": "application/pdf", "tiff": "image/tiff", "png": "image/png", "jpeg": "image/jpeg"}
ENDUNG = {"pdf": "pdf", "tiff": "tif", "png": "png", "jpeg": "jpg"}
FOTO_DPI = 200

BAUER: dict[str, Callable[[random.Random, Layout], Entwurf]] = {
    "mietbescheinigung": mietbescheinigung,
    "mietvertrag": mietvertrag,
    "lohnabrechnung": lohnabrechnung,
    "rentenbescheid": rentenbescheid,
    "alg_bescheid": alg_bescheid,
    "kontoauszug": kontoauszug,
    "schwerbehindertenausweis": schwerbehindertenausweis,
    "uvg_bescheid": uvg_bescheid,
    "sonstiges": sonstiges,
}


@dataclass(frozen=True)
class Dokument:
    daten: bytes
    mime: str
    wahrheit: dict[str, Any]

    @property
    def endung(self) -> str:
        return ENDUNG[self.wahrheit["format"]]


def _pruefen(typ: str, layout_id: str, variante: str, format: str | None) -> Layout:
    if typ not in TYPEN:
        raise ValueError(f"Unbekannter Dokumenttyp „{typ}“; erlaubt: {', '.join(TYPEN)}.")
    if variante not in VARIANTEN:
        raise ValueError(f"Unbekannte Variante „{variante}“; erlaubt: {', '.join(VARIANTEN)}.")
    if format is not None and format not in FORMATE:
        raise ValueError(f"Unbekanntes Format „{format}“; erlaubt: {', '.join(FORMATE)}.")
    if variante == "text" and format not in (None, "pdf"):
        raise ValueError("Die Textvariante gibt es nur als PDF.")
    try:
        return layout(typ, layout_id)
    except KeyError as fehler:
        raise ValueError(str(fehler.args[0])) from None


def erzeuge(typ: str, layout: str, seed: int, variante: str = "text", format: str | None = None) -> Dokument:
    """One document. The content depends only on (typ, layout, seed), so all variants share the truth;
    the damage of scans/photos and the file format (if not given) are drawn from the variant's own seed."""
    lay = _pruefen(typ, layout, variante, format)
    entwurf = BAUER[typ](random.Random(f"{typ}|{layout}|{seed}"), lay)
    pdf, belege, seiten = pdf_erzeugen(entwurf, lay)
    felder = korpus_felder(typ)
    fehlend = [feld for feld in felder if feld not in belege]
    if fehlend:  # generator bug: a field that is in the truth must be printed
        raise RuntimeError(f"{typ}/{layout}: Felder ohne Fundstelle: {fehlend}")
    wahrheit: dict[str, Any] = {
        "typ": typ,
        "layout": layout,
        "ausgehalten": lay.ausgehalten,
        "seed": seed,
        "variante": variante,
        "seiten": seiten,
        "titel": entwurf.titel,
        "felder": {feld: entwurf.felder[feld] for feld in felder},
        "belege": {feld: belege[feld] for feld in felder},
        "box_einheit": "pt, Ursprung oben links, Seite der Textvariante (vor Drehung/Verzerrung)",
    }
    if variante == "text":
        wahrheit.update(format="pdf", dpi=None, textschicht=True)
        return Dokument(pdf, MIME["pdf"], wahrheit)
    rng = np.random.default_rng(zlib.crc32(f"{typ}|{layout}|{seed}|{variante}".encode()))
    if variante == "foto":
        bilder, schaeden = [], []
        for bild in scan.seiten_rastern(pdf, FOTO_DPI):
            foto, schaden = scan.foto_seite(bild, rng)
            bilder.append(foto)
            schaeden.append(schaden)
        ziel = format or ("jpeg" if seiten == 1 else "pdf")
        dpi = FOTO_DPI
    else:
        dpi = int(variante.split("_")[1])
        bilder, schaeden = [], []
        for bild in scan.seiten_rastern(pdf, dpi):
            seite, schaden = scan.scan_seite(bild, rng, dpi)
            bilder.append(seite)
            schaeden.append(schaden)
        los = float(rng.random())
        ziel = format or ("pdf" if los < 0.6 else "tiff" if los < 0.85 or seiten > 1 or dpi > 150 else "png")
    qualitaet = int(rng.integers(55, 92))
    if ziel in ("jpeg", "png") and len(bilder) > 1:
        raise ValueError("Mehrseitige Dokumente gibt es nur als PDF oder TIFF.")
    if ziel == "pdf":
        daten = scan.bild_pdf([scan.jpeg(b, qualitaet, dpi) for b in bilder], dpi)
    elif ziel == "tiff":
        daten = scan.tiff(bilder, dpi, qualitaet)
    elif ziel == "png":
        daten = scan.png(bilder[0], dpi)
    else:
        daten = scan.jpeg(bilder[0], qualitaet, dpi)
    wahrheit.update(
        format=ziel,
        dpi=dpi,
        textschicht=False,
        jpeg_qualitaet=qualitaet if ziel != "png" else None,
        schaeden=schaeden,
        pixel=[list(b.size) for b in bilder],
    )
    return Dokument(daten, MIME[ziel], wahrheit)


def _aufgaben(
    n_je_typ_und_layout: int, seed: int, alle_varianten: bool, typen: tuple[str, ...] = TYPEN
) -> list[tuple[str, str, int, str]]:
    aufgaben: list[tuple[str, str, int, str]] = []
    for typ in typen:
        for lay in LAYOUTS[typ]:
            for index in range(n_je_typ_und_layout):
                dok_seed = seed * 10000 + index
                varianten = (
                    VARIANTEN
                    if alle_varianten
                    else ("text", "scan_200", ("scan_150", "scan_300", "foto")[index % 3])
                )
                aufgaben.extend((typ, lay.id, dok_seed, v) for v in varianten)
    return aufgaben


def _schreibe(ordner: Path, aufgabe: tuple[str, str, int, str]) -> dict[str, Any]:
    typ, layout_id, dok_seed, variante = aufgabe
    beginn = time.perf_counter()
    dok = erzeuge(typ, layout_id, dok_seed, variante)
    name = f"{typ}/{typ}_{layout_id}_{dok_seed:06d}_{variante}"
    datei = ordner / f"{name}.{dok.endung}"
    datei.parent.mkdir(parents=True, exist_ok=True)
    datei.write_bytes(dok.daten)
    (ordner / f"{name}.json").write_text(
        json.dumps(dok.wahrheit, ensure_ascii=False, indent=1), encoding="utf-8"
    )
    return {
        "datei": f"{name}.{dok.endung}",
        "wahrheit": f"{name}.json",
        "typ": typ,
        "layout": layout_id,
        "split": "ausgehalten" if dok.wahrheit["ausgehalten"] else "entwicklung",
        "seed": dok_seed,
        "variante": variante,
        "format": dok.wahrheit["format"],
        "mime": dok.mime,
        "dpi": dok.wahrheit["dpi"],
        "seiten": dok.wahrheit["seiten"],
        "sha256": hashlib.sha256(dok.daten).hexdigest(),
        "sekunden": round(time.perf_counter() - beginn, 3),
    }


def erzeuge_korpus(
    ordner: Path | str,
    n_je_typ_und_layout: int = 3,
    seed: int = 0,
    *,
    alle_varianten: bool = False,
    prozesse: int = 1,
    typen: tuple[str, ...] = TYPEN,
) -> list[Path]:
    """Write documents, one truth JSON each, ``manifest.jsonl`` and ``bericht.json`` (speed) into ``ordner``.

    Per (type, layout, index): text PDF, 200-dpi scan and one of 150-dpi scan / 300-dpi scan / photo
    (all five variants with ``alle_varianten``). Output is identical for any number of processes."""
    ziel = Path(ordner)
    ziel.mkdir(parents=True, exist_ok=True)
    unbekannt = [typ for typ in typen if typ not in TYPEN]
    if unbekannt:
        raise ValueError(f"Unbekannte Dokumenttypen: {', '.join(unbekannt)}.")
    aufgaben = _aufgaben(n_je_typ_und_layout, seed, alle_varianten, tuple(typen))
    beginn = time.perf_counter()
    if prozesse > 1:
        with ProcessPoolExecutor(max_workers=prozesse) as pool:
            eintraege = list(pool.map(_schreibe, [ziel] * len(aufgaben), aufgaben, chunksize=4))
    else:
        eintraege = [_schreibe(ziel, aufgabe) for aufgabe in aufgaben]
    dauer = time.perf_counter() - beginn
    with (ziel / "manifest.jsonl").open("w", encoding="utf-8") as manifest:
        for eintrag in eintraege:
            ohne_zeit = {k: v for k, v in eintrag.items() if k != "sekunden"}
            manifest.write(json.dumps(ohne_zeit, ensure_ascii=False) + "\n")
    seiten = sum(e["seiten"] for e in eintraege)
    je_variante: dict[str, list[float]] = {}
    for e in eintraege:
        je_variante.setdefault(e["variante"], []).append(e["sekunden"])
    bericht = {
        "dokumente": len(eintraege),
        "seiten": seiten,
        "sekunden": round(dauer, 2),
        "prozesse": prozesse,
        "dokumente_je_sekunde": round(len(eintraege) / dauer, 2),
        "seiten_je_sekunde": round(seiten / dauer, 2),
        "mittel_sekunden_je_dokument": {v: round(sum(z) / len(z), 3) for v, z in sorted(je_variante.items())},
        "ausgehaltene_layouts": {typ: [lay.id for lay in LAYOUTS[typ] if lay.ausgehalten] for typ in typen},
        "seed": seed,
        "n_je_typ_und_layout": n_je_typ_und_layout,
    }
    (ziel / "bericht.json").write_text(json.dumps(bericht, ensure_ascii=False, indent=1), encoding="utf-8")
    return [ziel / e["datei"] for e in eintraege]
