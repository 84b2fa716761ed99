"""Read an xdomea message ZIP back: the XML, every Dokument with its primary file, and a hash check.

Used by the round-trip tests and by ``amtsweg xdomea pruefe``; also the basis for importing
0402/0502/0504 answers later.
"""

from __future__ import annotations

import hashlib
import io
import re
import zipfile
from dataclasses import dataclass, field

from lxml import etree

from amtsweg.schnittstellen.xdomea import NAMESPACE
from amtsweg.schnittstellen.xdomea.bausteine import ERWEITERUNG_KENNUNG

N = {"x": NAMESPACE}
ZIPNAME = re.compile(r"^(?P<prozess>[0-9a-fA-F-]{36})_(?P<nachricht>[A-Za-z]+\.[A-Za-z]+\.\d{4})\.zip$")


class Lesefehler(Exception):
    """The message cannot be read; German message naming the problem."""


@dataclass(frozen=True, slots=True)
class GelesenesDokument:
    id: str
    betreff: str
    dateiname: str | None  # None: metadata only (e.g. Anbieteverzeichnis)
    sha256_angegeben: str | None
    sha256_berechnet: str | None
    vorgang: str | None  # Kennzeichen of the enclosing Vorgang

    @property
    def hash_stimmt(self) -> bool:
        return self.sha256_angegeben is not None and self.sha256_angegeben == self.sha256_berechnet


@dataclass
class GeleseneNachricht:
    prozess_id: str
    nachricht: str
    xml: etree._Element
    dokumente: list[GelesenesDokument] = field(default_factory=list)
    vorgaenge: list[str] = field(default_factory=list)
    ueberzaehlige_dateien: list[str] = field(default_factory=list)


def _erweiterung(knoten: etree._Element, name: str) -> str | None:
    for erw in knoten.findall("x:AnwendungsspezifischeErweiterung", N):
        if erw.findtext("x:Kennung", namespaces=N) == ERWEITERUNG_KENNUNG:
            for feld in erw.findall("x:Feld", N):
                if feld.findtext("x:Name", namespaces=N) == name:
                    wert = feld.findtext("x:Wert", namespaces=N)
                    return str(wert) if wert is not None else None
    return None


def lies_nachricht(zipname: str, inhalt: bytes) -> GeleseneNachricht:
    treffer = ZIPNAME.match(zipname)
    if treffer is None:
        raise Lesefehler(
            f"Der Dateiname „{zipname}“ entspricht nicht dem Muster {{ProzessID}}_{{Nachricht}}.zip."
        )
    stamm = zipname[: -len(".zip")]
    try:
        archiv = zipfile.ZipFile(io.BytesIO(inhalt))
    except zipfile.BadZipFile as fehler:
        raise Lesefehler("Die Nachricht ist keine gültige ZIP-Datei.") from fehler
    namen = set(archiv.namelist())
    if f"{stamm}.xml" not in namen:
        raise Lesefehler(f"Die ZIP-Datei enthält nicht „{stamm}.xml“.")
    parser = etree.XMLParser(resolve_entities=False, no_network=True)
    wurzel = etree.fromstring(archiv.read(f"{stamm}.xml"), parser)
    if etree.QName(wurzel).namespace != NAMESPACE or etree.QName(wurzel).localname != treffer["nachricht"]:
        raise Lesefehler("Wurzelelement und Dateiname bezeichnen nicht dieselbe xdomea-3.0.0-Nachricht.")
    if wurzel.findtext("x:Kopf/x:ProzessID", namespaces=N) != treffer["prozess"]:
        raise Lesefehler("Die ProzessID im Kopf stimmt nicht mit dem Dateinamen überein.")
    gelesen = GeleseneNachricht(treffer["prozess"], treffer["nachricht"], wurzel)
    benutzt = {f"{stamm}.xml"}
    for vorgang in wurzel.iterfind(".//x:Vorgang", N):
        kennzeichen = vorgang.findtext("x:AllgemeineMetadaten/x:Kennzeichen", namespaces=N)
        if kennzeichen:
            gelesen.vorgaenge.append(kennzeichen)
        for dok in vorgang.findall("x:Dokument", N):
            datei = dok.findtext("x:Version/x:Format/x:Primaerdokument/x:Dateiname", namespaces=N)
            berechnet = None
            if datei is not None:
                if datei not in namen:
                    raise Lesefehler(f"Das Primärdokument „{datei}“ fehlt in der ZIP-Datei.")
                berechnet = hashlib.sha256(archiv.read(datei)).hexdigest()
                benutzt.add(datei)
            gelesen.dokumente.append(
                GelesenesDokument(
                    id=dok.findtext("x:Identifikation/x:ID", namespaces=N) or "",
                    betreff=dok.findtext("x:AllgemeineMetadaten/x:Betreff", namespaces=N) or "",
                    dateiname=datei,
                    sha256_angegeben=_erweiterung(dok, "sha256"),
                    sha256_berechnet=berechnet,
                    vorgang=kennzeichen,
                )
            )
    gelesen.ueberzaehlige_dateien = sorted(namen - benutzt)
    return gelesen
