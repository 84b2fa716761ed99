"""Staff review of proposals: rights, decisions with audit, double decisions, validation, override rate."""

from __future__ import annotations

import datetime as dt
import io
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import pytest
from PIL import Image
from sqlalchemy import select

from amtsweg.cases import buergerdienste, dienste, rechte
from amtsweg.cases.demodaten import Demokonten, haushalt, lege_konten_an
from amtsweg.cases.fehler import Verfahrensfehler
from amtsweg.cases.modelle import Benutzer, Vorgang
from amtsweg.db import Datenbank
from amtsweg.documents import pruefstelle
from amtsweg.documents.auftraege import dokument_lesen
from amtsweg.documents.korpus import erzeuge
from amtsweg.documents.modelle import Feldvorschlag
from amtsweg.governance.audit import AuditEreignis, pruefe_kette
from amtsweg.rules.engine.fehler import Eingabefehler


@lru_cache(maxsize=2)
def nachweis_pdf(seed: int = 4711) -> bytes:
    return erzeuge("mietbescheinigung", "B", seed).daten  # a development layout (never E)


@dataclass
class Fall:
    konten: Demokonten
    nummer: str
    dokument_id: int


def lege_fall_an(s, ordner: Path, konten: Demokonten | None = None, seed: int = 4711) -> Fall:  # type: ignore[no-untyped-def]
    """A Vorgang of the demo authority with one Mietbescheinigung uploaded by the citizen and read."""
    konten = konten or lege_konten_an(s, "demo-passwort-123")
    vorgang = dienste.antrag_einreichen(
        s, konten.buergerin, konten.behoerde, "wohngeld", haushalt(dt.date.today().replace(day=1)),
        bemerkung="Bitte prüfen.",  # keeps the Vorgang with a person (no automatic Bescheid)
    )  # fmt: skip
    dokument = buergerdienste.nachweis_hochladen(
        s, konten.buergerin, vorgang, ordner, "miete.pdf", nachweis_pdf(seed), 10 * 1024 * 1024
    )
    dokument_lesen(s, {"dokument_id": dokument.id})
    return Fall(konten, vorgang.nummer, dokument.id)


def _vorgang(s, nummer: str) -> Vorgang:  # type: ignore[no-untyped-def]
    return s.scalars(select(Vorgang).where(Vorgang.nummer == nummer)).one()


def _vorschlag(s, dokument_id: int, feld: str) -> Feldvorschlag:  # type: ignore[no-untyped-def]
    return s.scalars(
        select(Feldvorschlag).where(Feldvorschlag.dokument_id == dokument_id, Feldvorschlag.feld == feld)
    ).one()


def _ereignisse(s, aktion: str) -> list[AuditEreignis]:  # type: ignore[no-untyped-def]
    return list(s.scalars(select(AuditEreignis).where(AuditEreignis.aktion == aktion)))


@pytest.fixture
def fall(datenbank: Datenbank, tmp_path: Path) -> Fall:
    with datenbank.sitzung() as s:
        return lege_fall_an(s, tmp_path)


def test_liste_zeigt_vorschlaege_nach_seiten(datenbank: Datenbank, fall: Fall) -> None:
    with datenbank.sitzung() as s:
        sb = s.get_one(Benutzer, fall.konten.sachbearbeitung.id)
        liste = pruefstelle.nachweise(s, sb, _vorgang(s, fall.nummer))
        assert len(liste) == 1
        n = liste[0]
        assert n.auswertung is not None and n.auswertung.typ == "mietbescheinigung"
        assert n.typname == "Mietbescheinigung"
        felder = {v.feld for seite in n.seiten for v in seite.vorschlaege}
        assert {"kaltmiete", "nebenkosten", "wohnflaeche", "mietbeginn"} <= felder
        assert n.offen == len(felder)
        # A4 in points, as pypdfium2 reports it
        assert n.seiten[0].breite == pytest.approx(595.28, abs=1) and n.seiten[0].hoehe > n.seiten[0].breite


def test_rechte(datenbank: Datenbank, fall: Fall) -> None:
    with datenbank.sitzung() as s:
        vorgang = _vorgang(s, fall.nummer)
        for benutzer in (fall.konten.fremde_sachbearbeitung, fall.konten.buergerin):
            b = s.get_one(Benutzer, benutzer.id)
            with pytest.raises(rechte.KeinZugriff):
                pruefstelle.lade_vorgang(s, fall.nummer, b)
            with pytest.raises(rechte.KeinZugriff):
                pruefstelle.nachweise(s, b, vorgang)
            vorschlag = _vorschlag(s, fall.dokument_id, "kaltmiete")
            with pytest.raises(rechte.KeinZugriff):
                pruefstelle.bestaetigen(s, b, vorgang, vorschlag.id)
            with pytest.raises(rechte.KeinZugriff):
                pruefstelle.seitenbild(s, b, vorgang, fall.dokument_id, 1)
        assert _vorschlag(s, fall.dokument_id, "kaltmiete").status == "offen"
        assert len(_ereignisse(s, "zugriff_verweigert")) == 2


def test_entscheidungen_mit_audit(datenbank: Datenbank, fall: Fall) -> None:
    with datenbank.sitzung() as s:
        sb = s.get_one(Benutzer, fall.konten.sachbearbeitung.id)
        vorgang = _vorgang(s, fall.nummer)
        kalt = _vorschlag(s, fall.dokument_id, "kaltmiete")
        neben = _vorschlag(s, fall.dokument_id, "nebenkosten")
        beginn = _vorschlag(s, fall.dokument_id, "mietbeginn")
        vermieter = _vorschlag(s, fall.dokument_id, "vermieter")
        alt_kalt, alt_neben = kalt.wert, neben.wert

        assert pruefstelle.bestaetigen(s, sb, vorgang, kalt.id).status == "bestaetigt"
        korrigiert = pruefstelle.korrigieren(s, sb, vorgang, neben.id, "1.234,5 €")
        assert (korrigiert.status, korrigiert.entschiedener_wert) == ("korrigiert", "1234.50")
        assert korrigiert.entschieden_von_id == sb.id and korrigiert.entschieden_am is not None
        assert pruefstelle.ablehnen(s, sb, vorgang, beginn.id).entschiedener_wert is None
        pruefstelle.korrigieren(s, sb, vorgang, vermieter.id, "Wohnbau  Muster GmbH")
        assert vermieter.entschiedener_wert == "Wohnbau Muster GmbH"

        (b,) = _ereignisse(s, "vorschlag_bestaetigt")
        assert b.akteur == sb.email and b.vorgang == fall.nummer
        assert b.daten["feld"] == "kaltmiete" and b.daten["dokument_id"] == fall.dokument_id
        assert (b.daten["alt"], b.daten["neu"]) == (alt_kalt, alt_kalt)
        k1, k2 = _ereignisse(s, "vorschlag_korrigiert")
        assert (k1.daten["alt"], k1.daten["neu"]) == (alt_neben, "1234.50")
        # names are personal data: not copied into the append-only audit trail
        assert "alt" not in k2.daten and "neu" not in k2.daten and k2.daten["geaendert"] is True
        assert "Muster" not in str(k2.daten)
        (a,) = _ereignisse(s, "vorschlag_abgelehnt")
        assert a.daten["feld"] == "mietbeginn" and a.daten["neu"] is None
        assert pruefe_kette(s).in_ordnung


def test_doppelte_entscheidung_verweigert(datenbank: Datenbank, fall: Fall) -> None:
    with datenbank.sitzung() as s:
        sb = s.get_one(Benutzer, fall.konten.sachbearbeitung.id)
        tl = s.get_one(Benutzer, fall.konten.teamleitung.id)
        vorgang = _vorgang(s, fall.nummer)
        v = _vorschlag(s, fall.dokument_id, "heizkosten")
        pruefstelle.ablehnen(s, sb, vorgang, v.id)
        for entscheide in (
            lambda: pruefstelle.bestaetigen(s, tl, vorgang, v.id),
            lambda: pruefstelle.korrigieren(s, tl, vorgang, v.id, "12,00"),
            lambda: pruefstelle.ablehnen(s, sb, vorgang, v.id),
        ):
            with pytest.raises(Verfahrensfehler, match="bereits entschieden"):
                entscheide()
        assert v.status == "abgelehnt" and v.entschieden_von_id == sb.id
        assert len(_ereignisse(s, "vorschlag_abgelehnt")) == 1
        assert not _ereignisse(s, "vorschlag_bestaetigt") and not _ereignisse(s, "vorschlag_korrigiert")


@pytest.mark.parametrize(
    ("feld", "eingabe", "teil"),
    [
        ("kaltmiete", "zwölf Euro", "Betrag in Euro"),
        ("kaltmiete", "", "korrigierten Wert"),
        ("mietbeginn", "31.02.2024", "gültiges Datum"),
        ("wohnflaeche", "groß", "Fläche in m²"),
    ],
)
def test_korrektur_wird_geprueft(
    datenbank: Datenbank, fall: Fall, feld: str, eingabe: str, teil: str
) -> None:
    with datenbank.sitzung() as s:
        sb = s.get_one(Benutzer, fall.konten.sachbearbeitung.id)
        v = _vorschlag(s, fall.dokument_id, feld)
        with pytest.raises(Eingabefehler) as fehler:
            pruefstelle.korrigieren(s, sb, _vorgang(s, fall.nummer), v.id, eingabe)
        assert fehler.value.feld == feld and teil in fehler.value.meldung
        assert fehler.value.meldung.startswith(pruefstelle.FELDNAMEN[feld])
        assert v.status == "offen" and not _ereignisse(s, "vorschlag_korrigiert")


def test_pruefe_wert_formate() -> None:
    p = pruefstelle.pruefe_wert
    assert p("kaltmiete", "450") == "450.00" and p("kaltmiete", "1.234,56 €") == "1234.56"
    assert p("wohnflaeche", "62,5 m²") == "62.50" and p("mietbeginn", "1. März 2021") == "2021-03-01"
    assert p("abrechnungsmonat", "03/2025") == "2025-03" and p("gdb", "50") == "50"
    assert p("iban", "de89 3704 0044 0532 0130 00") == "DE89370400440532013000"
    assert p("zeitraum", "01.01.2025 – 31.12.2025") == "2025-01-01/2025-12-31"
    assert p("gueltig_bis", "unbefristet") == "unbefristet"
    falsche = [("iban", "DE89 3704 0044 0532 0130 01"), ("gdb", "55"), ("abrechnungsmonat", "13/2025"),
               ("zeitraum", "31.12.2025 – 01.01.2025"), ("kaltmiete", "12,345")]  # fmt: skip
    for feld, falsch in falsche:
        with pytest.raises(Eingabefehler):
            p(feld, falsch)
    # the display form round-trips through the parser (it is the correction field's default)
    gespeichert = [("kaltmiete", "1234.50"), ("mietbeginn", "2021-03-01"), ("wohnflaeche", "62.50"),
                   ("iban", "DE89370400440532013000"), ("zeitraum", "2025-01-01/2025-12-31")]  # fmt: skip
    for feld, wert in gespeichert:
        assert p(feld, pruefstelle.anzeige(feld, wert)) == wert


def test_ueberschreibungsquote(datenbank: Datenbank, fall: Fall, tmp_path: Path) -> None:
    with datenbank.sitzung() as s:
        sb = s.get_one(Benutzer, fall.konten.sachbearbeitung.id)
        zweiter = lege_fall_an(s, tmp_path / "zwei", fall.konten, seed=4712)
        eins, zwei = _vorgang(s, fall.nummer), _vorgang(s, zweiter.nummer)
        pruefstelle.bestaetigen(s, sb, eins, _vorschlag(s, fall.dokument_id, "kaltmiete").id)
        pruefstelle.korrigieren(s, sb, zwei, _vorschlag(s, zweiter.dokument_id, "kaltmiete").id, "500,00")
        pruefstelle.ablehnen(s, sb, eins, _vorschlag(s, fall.dokument_id, "heizkosten").id)
        pruefstelle.bestaetigen(s, sb, zwei, _vorschlag(s, zweiter.dokument_id, "heizkosten").id)
        pruefstelle.bestaetigen(s, sb, eins, _vorschlag(s, fall.dokument_id, "nebenkosten").id)
        quoten = {(q.typ, q.feld): q for q in pruefstelle.ueberschreibungsquote(s)}
        assert set(quoten) == {("mietbescheinigung", f) for f in ("kaltmiete", "heizkosten", "nebenkosten")}
        kalt = quoten[("mietbescheinigung", "kaltmiete")]
        assert (kalt.entschieden, kalt.bestaetigt, kalt.korrigiert, kalt.abgelehnt) == (2, 1, 1, 0)
        assert kalt.quote == 0.5
        assert quoten[("mietbescheinigung", "heizkosten")].quote == 0.5
        assert quoten[("mietbescheinigung", "nebenkosten")].quote == 0.0
        assert pruefstelle.ueberschreibungsquote(s, fall.konten.andere_behoerde.id) == []
        assert len(pruefstelle.ueberschreibungsquote(s, fall.konten.behoerde.id)) == 3


def test_seitenbild_ist_begrenztes_png(datenbank: Datenbank, fall: Fall) -> None:
    with datenbank.sitzung() as s:
        sb = s.get_one(Benutzer, fall.konten.sachbearbeitung.id)
        vorgang = _vorgang(s, fall.nummer)
        png = pruefstelle.seitenbild(s, sb, vorgang, fall.dokument_id, 1)
        bild = Image.open(io.BytesIO(png))
        assert bild.format == "PNG"
        assert bild.width <= pruefstelle.BILD_BREITE and bild.height <= pruefstelle.BILD_HOEHE
        assert max(bild.size) >= 900
        with pytest.raises(rechte.KeinZugriff):
            pruefstelle.seitenbild(s, sb, vorgang, fall.dokument_id, 99)
        with pytest.raises(rechte.KeinZugriff):
            pruefstelle.seitenbild(s, sb, vorgang, fall.dokument_id + 1000, 1)


def test_aufbewahrung_loescht_nach_frist(datenbank: Datenbank, fall: Fall, tmp_path: Path) -> None:
    from amtsweg.cases.modelle import Dokument
    from amtsweg.documents import aufbewahrung
    from amtsweg.documents.modelle import Dokumentauswertung

    with datenbank.sitzung() as s:
        vorgang = _vorgang(s, fall.nummer)
        buergerdienste.zuruecknehmen(s, s.get_one(Benutzer, fall.konten.buergerin.id), vorgang)
        datei = Path(s.get_one(Dokument, fall.dokument_id).speicherort)
        offen = lege_fall_an(s, tmp_path / "offen", fall.konten, seed=4712)  # an open Vorgang: kept
        geteilt = lege_fall_an(s, tmp_path, fall.konten)  # same content, same file, open Vorgang
    assert datei.exists()
    jetzt = dt.datetime.now(dt.UTC)
    frueh = aufbewahrung.fuehre_aus(datenbank, tage=30, zeitpunkt=jetzt + dt.timedelta(days=29))
    assert frueh.dokumente == 0 and frueh.vorgaenge == []

    with datenbank.sitzung() as s:  # the closed Vorgang's own copy of the file goes; shared content stays
        s.get_one(Dokument, geteilt.dokument_id).vorgang_id = _vorgang(s, offen.nummer).id
    bericht = aufbewahrung.fuehre_aus(datenbank, tage=30, zeitpunkt=jetzt + dt.timedelta(days=31))
    assert bericht.vorgaenge == [fall.nummer] and bericht.dokumente == 1
    assert bericht.dateien == [] and datei.exists()  # still used by the other Dokument

    with datenbank.sitzung() as s:
        assert s.get(Dokument, fall.dokument_id) is None
        assert not s.scalars(select(Feldvorschlag).where(Feldvorschlag.dokument_id == fall.dokument_id)).all()
        assert not s.scalars(
            select(Dokumentauswertung).where(Dokumentauswertung.dokument_id == fall.dokument_id)
        ).all()
        assert s.get(Dokument, offen.dokument_id) is not None and s.get(Dokument, geteilt.dokument_id)
        (ereignis,) = _ereignisse(s, "dokument_geloescht")
        assert ereignis.vorgang == fall.nummer and ereignis.akteur == "system"
        assert ereignis.daten["dokument_id"] == fall.dokument_id and ereignis.daten["frist_tage"] == 30
        assert pruefe_kette(s).in_ordnung
        # once the last Dokument using the file is gone, the file is removed too
        letzte = s.get_one(Dokument, geteilt.dokument_id)
        letzte.vorgang_id = _vorgang(s, fall.nummer).id
    bericht = aufbewahrung.fuehre_aus(datenbank, tage=30, zeitpunkt=jetzt + dt.timedelta(days=31))
    assert bericht.dokumente == 1 and bericht.dateien == [str(datei)] and not datei.exists()
    with pytest.raises(ValueError):
        aufbewahrung.frist(-1)
