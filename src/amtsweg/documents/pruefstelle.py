"""Staff review of the reading pipeline's proposals ("Prüfstelle"): list, decide, page images, override rate.

Only staff of the Vorgang's authority (``rechte.darf_bearbeiten``) see or decide proposals. A decision
(bestätigen, korrigieren, ablehnen) is final and written as an audit event in the same transaction; values of
fields that identify persons (names, addresses, IBAN) are not copied into the append-only audit trail (data
minimisation: they stay in the proposal row, which is deleted with the documents' retention period).
"""

from __future__ import annotations

import datetime as dt
import io
import re
from dataclasses import dataclass, field
from decimal import Decimal

from PIL import Image, ImageOps
from sqlalchemy import case, func, select, update
from sqlalchemy.orm import Session

from amtsweg.cases import ablage, rechte
from amtsweg.cases.dienste import UPLOAD_STATUS
from amtsweg.cases.fehler import Verfahrensfehler
from amtsweg.cases.modelle import Benutzer, Dokument, Vorgang, jetzt
from amtsweg.documents import formate
from amtsweg.documents.kandidaten import ART
from amtsweg.documents.modelle import STATUS, Dokumentauswertung, Feldvorschlag
from amtsweg.governance.audit import Aktion, protokolliere
from amtsweg.rules.engine.fehler import Eingabefehler

TYPNAMEN = {
    "mietbescheinigung": "Mietbescheinigung", "mietvertrag": "Mietvertrag", "kontoauszug": "Kontoauszug",
    "lohnabrechnung": "Lohn-/Gehaltsabrechnung", "alg_bescheid": "Bescheid über Arbeitslosengeld",
    "rentenbescheid": "Rentenbescheid / Rentenanpassungsmitteilung", "sonstiges": "Sonstiges",
    "schwerbehindertenausweis": "Schwerbehindertenausweis / Feststellungsbescheid (GdB)",
    "uvg_bescheid": "Unterhaltsvorschuss-Bescheid",
}  # fmt: skip
FELDNAMEN = {
    "kaltmiete": "Kaltmiete", "nebenkosten": "Nebenkosten", "heizkosten": "Heizkosten",
    "wohnflaeche": "Wohnfläche", "mietbeginn": "Mietbeginn", "vermieter": "Vermieter/in",
    "anschrift": "Anschrift der Wohnung", "brutto": "Bruttolohn", "netto": "Nettolohn", "steuer": "Steuern",
    "sozialversicherung": "Sozialversicherungsbeiträge", "arbeitgeber": "Arbeitgeber",
    "abrechnungsmonat": "Abrechnungsmonat", "iban": "IBAN", "rentenbetrag": "Rentenbetrag",
    "kv_pv_beitrag": "KV-/PV-Beitrag", "zahlbetrag": "Zahlbetrag", "gueltig_ab": "Gültig ab",
    "tagessatz": "Tagessatz", "zeitraum_von": "Zeitraum von", "zeitraum_bis": "Zeitraum bis",
    "kontostand": "Kontostand", "zeitraum": "Zeitraum", "gdb": "Grad der Behinderung (GdB)",
    "merkzeichen": "Merkzeichen", "gueltig_bis": "Gültig bis", "betrag_monat": "Betrag monatlich",
    "kind": "Kind", "auszahlung": "Auszahlungsbetrag", "gesamtmiete": "Gesamtmiete monatlich",
    "kontoinhaber": "Kontoinhaber/in", "rentenbeginn": "Rentenbeginn", "monatsbetrag": "Betrag monatlich",
}  # fmt: skip
#: kinds of value that identify a person: never copied into the audit trail
PERSONENBEZUG = ("text", "anschrift", "iban")
#: example input per kind, for hints and error messages
BEISPIEL = {
    "betrag": "1.234,56", "flaeche": "62,5", "datum": "01.03.2025", "gueltig": "31.12.2027 oder unbefristet",
    "monat": "03/2025", "iban": "DE89 3704 0044 0532 0130 00", "gdb": "50", "merkzeichen": "G, aG",
    "zeitraum": "01.01.2025 – 31.12.2025", "text": "Muster GmbH",
    "anschrift": "Hauptstraße 1, 67059 Ludwigshafen",
}  # fmt: skip
#: rendered page images: at most this many pixels wide/high (the page as the browser shows it)
BILD_BREITE = 1000
BILD_HOEHE = 1600


def _art(feld: str) -> str:
    return ART.get(feld, "text")


def lade_vorgang(s: Session, nummer: str, benutzer: Benutzer) -> Vorgang:
    """The Vorgang if ``benutzer`` works for its authority; else KeinZugriff (refusal is audited)."""
    vorgang = s.scalar(select(Vorgang).where(Vorgang.nummer == nummer))
    if vorgang is None or not rechte.darf_bearbeiten(benutzer, vorgang):
        if vorgang is not None:
            protokolliere(
                s,
                Aktion.zugriff_verweigert,
                akteur=benutzer.email,
                rolle=benutzer.rolle,
                vorgang=vorgang.nummer,
                daten={"bereich": "nachweise"},
            )
        raise rechte.KeinZugriff()
    return vorgang


def _dokument(s: Session, vorgang: Vorgang, dokument_id: int) -> Dokument:
    dokument = s.get(Dokument, dokument_id)
    if dokument is None or dokument.vorgang_id != vorgang.id:
        raise rechte.KeinZugriff()
    return dokument


@dataclass
class Seitenansicht:
    nummer: int  # 1-based
    breite: float  # page size in the units of the rendered image's viewBox
    hoehe: float
    vorschlaege: list[Feldvorschlag] = field(default_factory=list)


@dataclass
class Nachweis:
    dokument: Dokument
    auswertung: Dokumentauswertung | None
    seiten: list[Seitenansicht]

    @property
    def typname(self) -> str:
        return TYPNAMEN.get(self.auswertung.typ, self.auswertung.typ) if self.auswertung else ""

    @property
    def offen(self) -> int:
        return sum(v.status == "offen" for s in self.seiten for v in s.vorschlaege)


def _seitengroessen(dokument: Dokument, anzahl: int) -> list[tuple[float, float]]:
    try:
        inhalt = ablage.lies(dokument.speicherort, dokument.sha256)
    except (OSError, ablage.Ablagefehler):
        return []
    if dokument.mime == "application/pdf":
        import pypdfium2 as pdfium

        pdf = pdfium.PdfDocument(inhalt)
        try:
            return [tuple(pdf.get_page_size(i)) for i in range(min(anzahl, len(pdf)))]
        finally:
            pdf.close()
    with Image.open(io.BytesIO(inhalt)) as bild:
        return [(float(bild.width), float(bild.height))] * min(anzahl, int(getattr(bild, "n_frames", 1)))


def nachweise(s: Session, benutzer: Benutzer, vorgang: Vorgang) -> list[Nachweis]:
    """The Vorgang's documents with their reading result and proposals, grouped by page."""
    rechte.pruefe(rechte.darf_bearbeiten(benutzer, vorgang))
    dokumente = s.scalars(select(Dokument).where(Dokument.vorgang_id == vorgang.id).order_by(Dokument.id))
    ergebnis = []
    for dokument in dokumente:
        auswertung = s.scalar(select(Dokumentauswertung).where(Dokumentauswertung.dokument_id == dokument.id))
        seiten: list[Seitenansicht] = []
        if auswertung is not None and auswertung.fehler is None:
            groessen = _seitengroessen(dokument, auswertung.seiten)
            nummern = sorted({v.seite for v in auswertung.vorschlaege} or {1})
            for nr in nummern:
                if 1 <= nr <= len(groessen):
                    breite, hoehe = groessen[nr - 1]
                    seiten.append(
                        Seitenansicht(
                            nr,
                            round(breite, 2),
                            round(hoehe, 2),
                            [v for v in auswertung.vorschlaege if v.seite == nr],
                        )
                    )
        ergebnis.append(Nachweis(dokument, auswertung, seiten))
    return ergebnis


def seitenbild(s: Session, benutzer: Benutzer, vorgang: Vorgang, dokument_id: int, seite: int) -> bytes:
    """One page of a document as PNG, at most BILD_BREITE x BILD_HOEHE pixels."""
    rechte.pruefe(rechte.darf_bearbeiten(benutzer, vorgang))
    dokument = _dokument(s, vorgang, dokument_id)
    inhalt = ablage.lies(dokument.speicherort, dokument.sha256)
    if dokument.mime == "application/pdf":
        import pypdfium2 as pdfium

        pdf = pdfium.PdfDocument(inhalt)
        try:
            if not 1 <= seite <= len(pdf):
                raise rechte.KeinZugriff()
            breite, hoehe = pdf.get_page_size(seite - 1)
            massstab = min(BILD_BREITE / breite, BILD_HOEHE / hoehe, 3.0)
            bild = pdf[seite - 1].render(scale=massstab).to_pil()
        finally:
            pdf.close()
    else:
        with Image.open(io.BytesIO(inhalt)) as quelle:
            if not 1 <= seite <= int(getattr(quelle, "n_frames", 1)):
                raise rechte.KeinZugriff()
            quelle.seek(seite - 1)
            # upright as the reader saw it before any OCR correction (EXIF orientation of phone photos)
            bild = ImageOps.exif_transpose(quelle).convert("RGB")
        bild.thumbnail((BILD_BREITE, BILD_HOEHE))
    puffer = io.BytesIO()
    bild.save(puffer, format="PNG", optimize=False)
    return puffer.getvalue()


def _betrag_de(wert: Decimal) -> str:
    return f"{wert:,.2f}".replace(",", "X").replace(".", ",").replace("X", ".")


def _datum_de(wert: str) -> str:
    try:
        return dt.date.fromisoformat(wert).strftime("%d.%m.%Y")
    except ValueError:
        return wert


def anzeige(feld: str, wert: str | None) -> str:
    """A stored (normalised) value in German notation, as shown and as the correction field's default."""
    if wert is None or wert == "":
        return "–" if wert is None else "(keine)"
    art = _art(feld)
    try:
        if art == "betrag":
            return _betrag_de(Decimal(wert)) + " €"
        if art == "flaeche":
            return _betrag_de(Decimal(wert)) + " m²"
    except ArithmeticError:
        return wert
    if art in ("datum", "gueltig"):
        return _datum_de(wert)
    if art == "monat" and re.fullmatch(r"\d{4}-\d{2}", wert):
        return f"{wert[5:]}/{wert[:4]}"
    if art == "zeitraum" and "/" in wert:
        von, bis = wert.split("/", 1)
        return f"{_datum_de(von)} – {_datum_de(bis)}"
    if art == "iban":
        return " ".join(wert[i : i + 4] for i in range(0, len(wert), 4))
    return wert


def _datum(text: str) -> dt.date | None:
    if formate.DATUM.fullmatch(text) or formate.DATUM_LANG.fullmatch(text):
        return formate.parse_datum(text)
    return None


def pruefe_wert(feld: str, eingabe: str) -> str:
    """Validate a correction typed by staff (German notation) and return it normalised like the proposals.

    Raises Eingabefehler(feld, German message naming the expected form)."""
    text = re.sub(r"\s+", " ", eingabe).strip()
    art = _art(feld)
    name = FELDNAMEN.get(feld, feld)
    fehler = Eingabefehler(feld, f"{name}: Bitte geben Sie einen gültigen Wert ein, z. B. {BEISPIEL[art]}.")
    if not text:
        raise Eingabefehler(feld, f"{name}: Bitte geben Sie den korrigierten Wert ein.")
    if len(text) > 200:
        raise Eingabefehler(feld, f"{name}: Der Wert ist zu lang (höchstens 200 Zeichen).")
    if art == "betrag":
        if not formate.BETRAG.fullmatch(text) or (betrag := formate.parse_betrag(text)) is None:
            raise Eingabefehler(feld, f"{name}: Bitte geben Sie einen Betrag in Euro an, z. B. 1.234,56.")
        return formate.betrag_text(betrag)
    if art == "flaeche":
        zahl = re.fullmatch(r"(\d{1,3}(?:\.\d{3})+|\d+)(?:,(\d{1,2}))?\s*(?:m²|m2|qm)?", text)
        if zahl is None:
            raise Eingabefehler(feld, f"{name}: Bitte geben Sie die Fläche in m² an, z. B. 62,5.")
        return formate.betrag_text(Decimal(zahl[1].replace(".", "") + "." + (zahl[2] or "0")))
    if art in ("datum", "gueltig"):
        if art == "gueltig" and text.lower() == "unbefristet":
            return "unbefristet"
        if (tag := _datum(text)) is None:
            raise Eingabefehler(feld, f"{name}: Bitte geben Sie ein gültiges Datum an, z. B. 01.03.2025.")
        return tag.isoformat()
    if art == "monat":
        if not formate.MONAT_JAHR.fullmatch(text) or (monat := formate.parse_monat(text)) is None:
            raise Eingabefehler(feld, f"{name}: Bitte geben Sie Monat und Jahr an, z. B. 03/2025.")
        return monat
    if art == "iban":
        kompakt = text.replace(" ", "").upper()
        if not formate.iban_gueltig(kompakt):
            raise Eingabefehler(feld, f"{name}: Die IBAN ist ungültig (Länge oder Prüfziffer stimmt nicht).")
        return kompakt
    if art == "gdb":
        if not re.fullmatch(r"100|[2-9]0", text):
            raise Eingabefehler(feld, f"{name}: Der GdB ist eine Zehnerstufe von 20 bis 100.")
        return text
    if art == "zeitraum":
        teile = re.split(r"\s*(?:–|-|bis)\s*", text)
        tage = [_datum(t) for t in teile] if len(teile) == 2 else []
        if len(tage) != 2 or None in tage or tage[0] > tage[1]:  # type: ignore[operator]
            raise Eingabefehler(
                feld, f"{name}: Bitte geben Sie den Zeitraum als „von – bis“ an, z. B. {BEISPIEL[art]}."
            )
        return f"{tage[0]}/{tage[1]}"
    if art == "merkzeichen":
        zeichen = [z for z in re.split(r"[,\s]+", text) if z]
        if text.lower() == "keine":
            return ""
        if not all(re.fullmatch(r"[A-Za-z]{1,3}|1\. ?Kl\.?", z) for z in zeichen):
            raise fehler
        return ", ".join(zeichen)
    return text  # text and anschrift: as typed, whitespace normalised


AKTIONEN = {
    "bestaetigt": Aktion.vorschlag_bestaetigt,
    "korrigiert": Aktion.vorschlag_korrigiert,
    "abgelehnt": Aktion.vorschlag_abgelehnt,
}


def _entscheide(
    s: Session, benutzer: Benutzer, vorgang: Vorgang, vorschlag_id: int, status: str, neu: str | None
) -> Feldvorschlag:
    rechte.pruefe(rechte.darf_bearbeiten(benutzer, vorgang))
    vorschlag = s.get(Feldvorschlag, vorschlag_id)
    if vorschlag is None:
        raise rechte.KeinZugriff()
    _dokument(s, vorgang, vorschlag.dokument_id)
    if vorgang.status not in UPLOAD_STATUS:
        raise Verfahrensfehler("In diesem Status des Vorgangs werden keine Nachweise mehr geprüft.")
    if vorschlag.status != "offen":
        raise Verfahrensfehler("Über diesen Vorschlag wurde bereits entschieden.")
    if status == "korrigiert":
        assert neu is not None
        neu = pruefe_wert(vorschlag.feld, neu)
        if neu == vorschlag.wert:  # typed the read value ("bitte prüfen" fields are not pre-filled)
            status = "bestaetigt"
    elif status == "bestaetigt":
        neu = vorschlag.wert
    # conditional update: of two concurrent decisions only one can win
    geaendert = s.execute(
        update(Feldvorschlag)
        .where(Feldvorschlag.id == vorschlag.id, Feldvorschlag.status == "offen")
        .values(status=status, entschiedener_wert=neu, entschieden_von_id=benutzer.id, entschieden_am=jetzt())
        .execution_options(synchronize_session="fetch")
    )
    if geaendert.rowcount != 1:  # type: ignore[attr-defined]
        raise Verfahrensfehler("Über diesen Vorschlag wurde bereits entschieden.")
    daten: dict[str, object] = dict(
        vorschlag_id=vorschlag.id, dokument_id=vorschlag.dokument_id, dokumenttyp=vorschlag.auswertung.typ,
        feld=vorschlag.feld, konfidenz=vorschlag.konfidenz,
    )  # fmt: skip
    if _art(vorschlag.feld) in PERSONENBEZUG:
        daten["werte"] = "nicht protokolliert (personenbezogen)"
        daten["geaendert"] = neu != vorschlag.wert
    else:
        daten["alt"] = vorschlag.wert
        daten["neu"] = neu
    protokolliere(
        s, AKTIONEN[status], akteur=benutzer.email, rolle=benutzer.rolle, vorgang=vorgang.nummer, daten=daten
    )
    s.refresh(vorschlag)
    return vorschlag


def bestaetigen(s: Session, benutzer: Benutzer, vorgang: Vorgang, vorschlag_id: int) -> Feldvorschlag:
    return _entscheide(s, benutzer, vorgang, vorschlag_id, "bestaetigt", None)


def korrigieren(
    s: Session, benutzer: Benutzer, vorgang: Vorgang, vorschlag_id: int, wert: str
) -> Feldvorschlag:
    """Raises Eingabefehler (nothing changed) if ``wert`` is not valid for the field."""
    return _entscheide(s, benutzer, vorgang, vorschlag_id, "korrigiert", wert)


def ablehnen(s: Session, benutzer: Benutzer, vorgang: Vorgang, vorschlag_id: int) -> Feldvorschlag:
    return _entscheide(s, benutzer, vorgang, vorschlag_id, "abgelehnt", None)


@dataclass(frozen=True, slots=True)
class Ueberschreibung:
    typ: str
    feld: str
    entschieden: int
    bestaetigt: int
    korrigiert: int
    abgelehnt: int

    @property
    def quote(self) -> float:
        """Share of decided proposals that staff corrected or rejected."""
        return (self.korrigiert + self.abgelehnt) / self.entschieden if self.entschieden else 0.0


def ueberschreibungsquote(s: Session, behoerde_id: int | None = None) -> list[Ueberschreibung]:
    """Override rate per document type and field over all decided proposals (read-only, no personal data)."""

    def anzahl(status: str):  # type: ignore[no-untyped-def]
        return func.sum(case((Feldvorschlag.status == status, 1), else_=0))

    abfrage = (
        select(Dokumentauswertung.typ, Feldvorschlag.feld, func.count(), *map(anzahl, STATUS[1:]))
        .join(Dokumentauswertung, Feldvorschlag.auswertung_id == Dokumentauswertung.id)
        .where(Feldvorschlag.status != "offen")
        .group_by(Dokumentauswertung.typ, Feldvorschlag.feld)
        .order_by(Dokumentauswertung.typ, Feldvorschlag.feld)
    )
    if behoerde_id is not None:
        abfrage = (
            abfrage.join(Dokument, Feldvorschlag.dokument_id == Dokument.id)
            .join(Vorgang, Dokument.vorgang_id == Vorgang.id)
            .where(Vorgang.behoerde_id == behoerde_id)
        )
    return [
        Ueberschreibung(t, f, int(n), int(b or 0), int(k or 0), int(a or 0))
        for t, f, n, b, k, a in s.execute(abfrage)
    ]
