"""Building blocks of xdomea 3.0.0 messages (types of xdomea-Baukasten.xsd), written with lxml.

Element order follows the XSD sequences exactly (xdomea is strict about order). Hashes of primary documents
have no element of their own in 3.0.0; they travel in the Dokument's ``AnwendungsspezifischeErweiterung``
(Kennung ``amtsweg``, Feld ``sha256``), which the standard provides for application-specific data.
"""

from __future__ import annotations

import datetime as dt
import re
import uuid
from collections.abc import Iterable
from dataclasses import dataclass, field

from lxml import etree

from amtsweg.schnittstellen.xdomea import NAMESPACE

NS = f"{{{NAMESPACE}}}"
ERWEITERUNG_KENNUNG = "amtsweg"

#: xdomea code list "Dateiformat" 1.0 (urn:xoev-de:xdomea:codeliste:dateiformat); 100 = Sonstiges
DATEIFORMAT = {
    "application/pdf": ("018", None),
    "image/jpeg": ("011", None),
    "image/png": ("019", None),
    "image/tiff": ("024", None),
    "application/xml": ("030", None),
    "text/plain": ("045", None),
    "application/json": ("100", "json"),
}


@dataclass(frozen=True, slots=True)
class Primaerdatei:
    """One primary document of a message: its file in the ZIP and its metadata."""

    id: str  # UUID of the Dokument object
    titel: str
    dateiname_original: str
    mime: str
    inhalt: bytes
    sha256: str
    erstellt: dt.datetime
    ersteller: str = "Amtsweg"
    typ: str = ""

    @property
    def dateiname(self) -> str:
        """Name in the ZIP; xdomea requires it to start with a UUID (stringDateinameType)."""
        sicher = re.sub(r"[^A-Za-z0-9._-]", "_", self.dateiname_original).strip("._") or "dokument"
        return f"{self.id}_{sicher[:100]}"


@dataclass(frozen=True, slots=True)
class Stelle:
    """Sender or recipient of a message (KontaktType with Behoerdenkennung and Institution)."""

    kennung: str
    name: str


@dataclass
class Nachrichtenkopf:
    nachricht: str  # e.g. "Abgabe.Abgabe.0401"
    absender: Stelle
    empfaenger: Stelle
    prozess_id: str = field(default_factory=lambda: str(uuid.uuid4()))
    erstellt: dt.datetime = field(default_factory=lambda: dt.datetime.now(dt.UTC))

    @property
    def code(self) -> str:
        return self.nachricht.rsplit(".", 1)[-1]

    @property
    def dateistamm(self) -> str:
        return f"{self.prozess_id}_{self.nachricht}"


def el(eltern: etree._Element, name: str, text: str | None = None, **attribute: str) -> etree._Element:
    kind = etree.SubElement(eltern, NS + name, attribute)
    if text is not None:
        kind.text = text
    return kind


def code(eltern: etree._Element, name: str, wert: str, liste: str | None = None, version: str = "") -> None:
    attribute = {"listVersionID": version} if version else {}
    if liste:
        attribute["listURI"] = liste
    knoten = el(eltern, name, **attribute)
    etree.SubElement(knoten, "code").text = wert  # xoev-code: unqualified child


def zeit(wert: dt.datetime) -> str:
    if wert.tzinfo is None:
        wert = wert.replace(tzinfo=dt.UTC)
    return wert.astimezone(dt.UTC).replace(microsecond=0).isoformat()


def wurzel(kopf: Nachrichtenkopf) -> etree._Element:
    return etree.Element(NS + kopf.nachricht, nsmap={"xdomea": NAMESPACE})


def kontakt(eltern: etree._Element, name: str, stelle: Stelle) -> None:
    knoten = el(eltern, name)
    kennung = el(knoten, "Behoerdenkennung")
    schluessel = el(kennung, "Behoerdenschluessel", listURI="urn:amtsweg:behoerde", listVersionID="1")
    etree.SubElement(schluessel, "code").text = stelle.kennung
    institution = el(knoten, "Institution")
    el(institution, "Name", stelle.name)


def nkbasis(eltern: etree._Element, kopf: Nachrichtenkopf) -> etree._Element:
    """The NkBasisType part of a message head (ProzessID .. SendendesSystem)."""
    knoten = el(eltern, "Kopf")
    el(knoten, "ProzessID", kopf.prozess_id)
    code(knoten, "Nachrichtentyp", kopf.code, "urn:xoev-de:xdomea:codeliste:nachrichtentyp", "2.0")
    el(knoten, "Erstellungszeitpunkt", zeit(kopf.erstellt))
    kontakt(knoten, "Absender", kopf.absender)
    kontakt(knoten, "Empfaenger", kopf.empfaenger)
    system = el(knoten, "SendendesSystem")
    el(system, "Produktname", "Amtsweg")
    return knoten


def erweiterung(eltern: etree._Element, felder: Iterable[tuple[str, str]]) -> None:
    knoten = el(eltern, "AnwendungsspezifischeErweiterung")
    el(knoten, "Kennung", ERWEITERUNG_KENNUNG)
    el(knoten, "Name", "Amtsweg")
    for name, wert in felder:
        feld = el(knoten, "Feld")
        el(feld, "Name", name)
        code(feld, "Datentyp", "038", "urn:xoev-de:xdomea:codeliste:datentyp", "1.1")
        el(feld, "Wert", wert)


def dokument(eltern: etree._Element, datei: Primaerdatei, nummer: int, mit_version: bool = True) -> None:
    """A DokumentType element; ``mit_version=False`` lists metadata only (e.g. in an Anbieteverzeichnis)."""
    knoten = el(eltern, "Dokument")
    ident = el(knoten, "Identifikation")
    el(ident, "ID", datei.id)
    el(ident, "NummerImUebergeordnetenContainer", str(nummer))
    meta = el(knoten, "AllgemeineMetadaten")
    el(meta, "Betreff", datei.titel)
    el(knoten, "DatumDesSchreibens", datei.erstellt.date().isoformat())
    if datei.typ:
        el(knoten, "Typ", datei.typ)
    if mit_version:
        version = el(knoten, "Version")
        el(version, "Nummer", "1")
        formatcode, sonstiger = DATEIFORMAT.get(datei.mime, ("100", datei.mime))
        format_ = el(version, "Format")
        code(format_, "Name", formatcode, "urn:xoev-de:xdomea:codeliste:dateiformat", "1.0")
        if sonstiger:
            el(format_, "SonstigerName", sonstiger)
        el(format_, "Version", "1")
        primaer = el(format_, "Primaerdokument")
        el(primaer, "Dateiname", datei.dateiname)
        el(primaer, "DateinameOriginal", datei.dateiname_original)
        el(primaer, "Ersteller", datei.ersteller)
        el(primaer, "DatumUhrzeit", zeit(datei.erstellt))
    erweiterung(knoten, [("sha256", datei.sha256), ("mime", datei.mime)])


def serialisiere(wurzelknoten: etree._Element) -> bytes:
    return bytes(etree.tostring(wurzelknoten, xml_declaration=True, encoding="UTF-8", pretty_print=True))
