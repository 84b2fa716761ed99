"""Structure check of xdomea 3.0.0 messages, derived from the published specification.

The official KoSIT XSDs carry no licence statement, so they are not shipped (docs/schnittstellen.md). This
table restates, for every type Amtsweg writes, the element sequence of xdomea-Baukasten.xsd 3.0.0 (names,
order, min/max occurrence, fixed values, UUID and file-name patterns). ``pruefe`` walks a message against it.
Operators who have the XSDs can additionally validate with ``amtsweg xdomea pruefe --xsd-ordner``.
"""

from __future__ import annotations

import re

from lxml import etree

from amtsweg.schnittstellen.xdomea import NAMESPACE

UNBEGRENZT = 10**9
UUID = re.compile(r"^[0-9A-Fa-f]{8}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{12}$")
DATEINAME = re.compile(r"^[0-9A-Fa-f]{8}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{12}_?.*$")
BOOLEAN = re.compile(r"^(true|false|1|0)$")

# (element, type or None for simple content, min, max); order = XSD sequence order
Folge = list[tuple[str, str | None, int, int]]
U = UNBEGRENZT
NKBASIS: Folge = [
    ("ProzessID", "uuid", 1, 1),
    ("Nachrichtentyp", "Code", 1, 1),
    ("Erstellungszeitpunkt", None, 1, 1),
    ("Absender", "Kontakt", 1, 1),
    ("Empfaenger", "Kontakt", 1, 1),
    ("SendendesSystem", "System", 0, 1),
    ("Hinweis", None, 0, 1),
    ("AnwendungsspezifischeErweiterung", "Erweiterung", 0, 1),
]
TYPEN: dict[str, Folge] = {
    "Abgabe.Abgabe.0401": [
        ("Kopf", "NkAbgabe", 1, 1),
        ("Anschreiben", "Dokument", 0, 1),
        ("Schriftgutobjekt", "Schriftgutobjekt", 1, U),
        ("Aktenplan", "*", 0, 1),
    ],
    "Aussonderung.Anbieteverzeichnis.0501": [
        ("Kopf", "NkMitEmpfangsbestaetigung", 1, 1),
        ("Anschreiben", "Dokument", 0, U),
        ("Schriftgutobjekt", "Schriftgutobjekt", 1, U),
        ("Aktenplan", "*", 0, 1),
    ],
    "Aussonderung.Aussonderung.0503": [
        ("Kopf", "NkAussonderung", 1, 1),
        ("Anschreiben", "Dokument", 0, U),
        ("Schriftgutobjekt", "Schriftgutobjekt", 1, U),
        ("Aktenplan", "*", 0, 1),
    ],
    "NkAussonderung": [
        *NKBASIS,
        ("Importbestaetigung", "eins", 1, 1),
        ("RueckmeldungArchivkennung", "boolean", 1, 1),
        ("Empfangsbestaetigung", "boolean", 1, 1),
    ],
    "NkAbgabe": [
        *NKBASIS,
        ("WeitererEmpfaenger", "Kontakt", 0, U),
        ("Importbestaetigung", "eins", 1, 1),
        ("Empfangsbestaetigung", "eins", 1, 1),
    ],
    "NkMitEmpfangsbestaetigung": [*NKBASIS, ("Empfangsbestaetigung", "eins", 1, 1)],
    "Kontakt": [
        ("Behoerdenkennung", "Behoerdenkennung", 0, 1),
        ("Institution", "NameOrganisation", 0, 1),
        ("Organisationseinheit", "*", 0, 1),
        ("Name", "*", 0, 1),
        ("Taetigkeit", None, 0, 1),
        ("Zustaendigkeit", None, 0, 1),
        ("Anschrift", "*", 0, U),
        ("Kommunikation", "*", 0, U),
        ("Rolle", "Code", 0, 1),
        ("UnstrukturierteAnschrift", "*", 0, U),
        ("Geburt", "*", 0, 1),
    ],
    "Behoerdenkennung": [("Behoerdenschluessel", "Code", 0, 1), ("Praefix", "Code", 0, 1)],
    "NameOrganisation": [("Name", None, 1, 1), ("Kurzbezeichnung", None, 0, 1)],
    "System": [("InstanzID", None, 0, 1), ("Produktname", None, 0, 1), ("Version", None, 0, 1)],
    "Schriftgutobjekt": [],  # choice, handled in _pruefe
    "Vorgang": [
        ("Identifikation", "Identifikation", 1, 1),
        ("AllgemeineMetadaten", "Metadaten", 0, 1),
        ("ArchivspezifischeMetadaten", "Archiv", 0, 1),
        ("Aktenbetreff", None, 0, 1),
        ("Typ", None, 0, 1),
        ("ZdA", "boolean", 0, 1),
        ("ZdADatum", None, 0, 1),
        ("Laufzeit", "Zeitraum", 0, 1),
        ("HistorienProtokollInformation", "*", 0, U),
        ("InternerGeschaeftsgang", "*", 0, 1),
        ("Dokument", "Dokument", 0, U),
        ("Verweis", "*", 0, U),
        ("Kontakt", "Kontakt", 0, U),
        ("Teilvorgang", "Vorgang", 0, U),
        ("AnwendungsspezifischeErweiterung", "Erweiterung", 0, 1),
        ("AnwendungsspezifischeErweiterungXML", "*", 0, 1),
    ],
    "Dokument": [
        ("Identifikation", "Identifikation", 1, 1),
        ("AllgemeineMetadaten", "Metadaten", 0, 1),
        ("FremdesGeschaeftszeichen", None, 0, 1),
        ("Posteingangsdatum", None, 0, 1),
        ("Postausgangsdatum", None, 0, 1),
        ("DatumDesSchreibens", None, 0, 1),
        ("Bezug", None, 0, 1),
        ("Hier", None, 0, 1),
        ("Bearbeiter", None, 0, 1),
        ("Typ", None, 0, 1),
        ("HistorienProtokollInformation", "*", 0, U),
        ("InternerGeschaeftsgang", "*", 0, 1),
        ("Version", "Version", 0, U),
        ("Verweis", "*", 0, U),
        ("Anlage", "*", 0, U),
        ("Absender", "Kontakt", 0, U),
        ("Empfaenger", "Kontakt", 0, U),
        ("WeitererKontakt", "Kontakt", 0, U),
        ("AnwendungsspezifischeErweiterung", "Erweiterung", 0, U),
        ("AnwendungsspezifischeErweiterungXML", "*", 0, 1),
    ],
    "Identifikation": [("ID", "uuid", 1, 1), ("NummerImUebergeordnetenContainer", None, 0, 1)],
    "Metadaten": [
        ("Betreff", None, 0, 1),
        ("Kennzeichen", None, 0, 1),
        ("Federfuehrung", None, 0, 1),
        ("Aktenfuehrung", None, 0, 1),
        ("Vertraulichkeitsstufe", "Code", 0, 1),
        ("Bemerkung", None, 0, 1),
        ("Medium", "Code", 0, 1),
        ("Aktenplaneinheit", "*", 0, 1),
    ],
    "Archiv": [
        ("Aufbewahrungsdauer", "Aufbewahrungsdauer", 0, 1),
        ("Aussonderungsart", "Aussonderungsart", 0, 1),
        ("Kennung", None, 0, 1),
        ("Bewertungsvorschlag", "Code", 0, 1),
        ("Aufbewahrungsende", None, 0, 1),
    ],
    "Aufbewahrungsdauer": [],  # choice AnzahlJahre | Unbefristet
    "Aussonderungsart": [("Aussonderungsart", "Code", 1, 1)],
    "Zeitraum": [("Beginn", None, 0, 1), ("Ende", None, 0, 1)],
    "Version": [("Nummer", None, 1, 1), ("Format", "Format", 1, U)],
    "Format": [
        ("Name", "Code", 1, 1),
        ("SonstigerName", None, 0, 1),
        ("Version", None, 1, 1),
        ("Primaerdokument", "Primaerdokument", 1, 1),
    ],
    "Primaerdokument": [
        ("Dateiname", "dateiname", 1, 1),
        ("DateinameOriginal", None, 0, 1),
        ("Ersteller", None, 0, 1),
        ("DatumUhrzeit", None, 0, 1),
        ("SignaturSiegel", "*", 0, 1),
    ],
    "Erweiterung": [
        ("Kennung", None, 1, 1),
        ("Name", None, 1, 1),
        ("Beschreibung", None, 0, 1),
        ("Versionsnummer", None, 0, 1),
        ("Versionsdatum", None, 0, 1),
        ("Feldgruppe", "*", 0, U),
        ("Feld", "Feld", 0, U),
    ],
    "Feld": [
        ("Name", None, 1, 1),
        ("Beschreibung", None, 0, 1),
        ("Datentyp", "Code", 0, 1),
        ("Wert", None, 0, 1),
    ],
}
EINFACH = {"uuid": UUID, "dateiname": DATEINAME, "boolean": BOOLEAN, "eins": re.compile(r"^1$")}


def _name(knoten: etree._Element) -> str:
    return str(etree.QName(knoten).localname)


def _pruefe(knoten: etree._Element, typ: str, pfad: str, fehler: list[str]) -> None:
    if typ == "*":
        return
    if typ in EINFACH:
        if len(knoten) or not EINFACH[typ].match(knoten.text or ""):
            fehler.append(f"{pfad}: Wert „{knoten.text}“ passt nicht zum Typ {typ}.")
        return
    kinder = [k for k in knoten if isinstance(k.tag, str)]
    if typ == "Code":
        if [k.tag for k in kinder][:1] != ["code"] or not (kinder[0].text or "").strip():
            fehler.append(f"{pfad}: Codeelement ohne <code>.")
        return
    if typ in ("Schriftgutobjekt", "Aufbewahrungsdauer"):
        erlaubt: dict[str, str | None] = (
            {"Akte": "*", "Vorgang": "Vorgang", "Dokument": "Dokument"}
            if typ == "Schriftgutobjekt"
            else {"AnzahlJahre": None, "Unbefristet": "eins"}
        )
        if (
            len(kinder) != 1
            or etree.QName(kinder[0]).namespace != NAMESPACE
            or _name(kinder[0]) not in erlaubt
        ):
            fehler.append(f"{pfad}: genau eines von {', '.join(erlaubt)} erwartet.")
            return
        kindtyp = erlaubt[_name(kinder[0])]
        if kindtyp:
            _pruefe(kinder[0], kindtyp, f"{pfad}/{_name(kinder[0])}", fehler)
        return
    folge, i = TYPEN[typ], 0
    for name, kindtyp, minimum, maximum in folge:
        anzahl = 0
        while i < len(kinder) and etree.QName(kinder[i]).namespace == NAMESPACE and _name(kinder[i]) == name:
            if kindtyp is not None:
                _pruefe(kinder[i], kindtyp, f"{pfad}/{name}", fehler)
            elif len(kinder[i]):
                fehler.append(f"{pfad}/{name}: einfacher Inhalt erwartet.")
            anzahl, i = anzahl + 1, i + 1
        if not minimum <= anzahl <= maximum:
            fehler.append(f"{pfad}/{name}: {anzahl}-mal vorhanden, erlaubt {minimum} bis {maximum}.")
    if i < len(kinder):
        fehler.append(f"{pfad}: unerwartetes Element <{_name(kinder[i])}> (Reihenfolge oder Name).")


def pruefe(wurzel: etree._Element) -> list[str]:
    """Problems found (empty list: the message has the structure the specification requires)."""
    name = _name(wurzel)
    if etree.QName(wurzel).namespace != NAMESPACE:
        return [f"Namensraum {etree.QName(wurzel).namespace} ist nicht xdomea 3.0.0."]
    if name not in TYPEN:
        return [f"Nachricht {name} wird von dieser Prüfung nicht abgedeckt."]
    fehler: list[str] = []
    _pruefe(wurzel, name, name, fehler)
    code = wurzel.findtext(f"{{{NAMESPACE}}}Kopf/{{{NAMESPACE}}}Nachrichtentyp/code")
    if code != name.rsplit(".", 1)[-1]:
        fehler.append(f"Kopf/Nachrichtentyp: Code {code} passt nicht zur Nachricht {name}.")
    return fehler


XSD = {
    "Abgabe": "xdomea-Nachrichten-AbgabeDurchfuehren.xsd",
    "Aussonderung": "xdomea-Nachrichten-AussonderungDurchfuehren.xsd",
}


def pruefe_xsd(wurzel: etree._Element, ordner: str) -> list[str]:
    """Validate against the official xdomea 3.0.0 XSDs in ``ordner`` (obtained by the operator from
    XRepository; never downloaded by Amtsweg)."""
    from pathlib import Path

    gruppe = _name(wurzel).split(".", 1)[0]
    if gruppe not in XSD:
        return [f"Für die Nachrichtengruppe {gruppe} ist kein XSD hinterlegt."]
    pfad = Path(ordner) / XSD[gruppe]
    if not pfad.is_file():
        return [f"Die Schemadatei {pfad} fehlt."]
    schema = etree.XMLSchema(etree.parse(str(pfad), etree.XMLParser(no_network=True)))
    if schema.validate(wurzel):
        return []
    return [f"Zeile {e.line}: {e.message}" for e in schema.error_log]
