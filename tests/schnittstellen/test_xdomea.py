"""xdomea 3.0.0: Abgabe.Abgabe.0401 and Aussonderung.Anbieteverzeichnis.0501 — structure, names, round trip
with every document and hash, tamper detection, rights, audit, CLI."""

from __future__ import annotations

import copy
import datetime as dt
import io
import zipfile
from collections.abc import Iterator
from pathlib import Path

import pytest
from lxml import etree
from PIL import Image
from reportlab.pdfgen import canvas
from sqlalchemy import func, select
from typer.testing import CliRunner

from amtsweg.cases import buergerdienste, dienste, rechte
from amtsweg.cases.demodaten import Demokonten, lege_konten_an, lege_vorgaenge_an
from amtsweg.cases.modelle import Bescheid, Dokument, Vorgang
from amtsweg.db import Datenbank
from amtsweg.documents.anbindung import verbinde
from amtsweg.governance.audit import AuditEreignis, pruefe_kette
from amtsweg.schnittstellen.xdomea import NAMESPACE
from amtsweg.schnittstellen.xdomea.abgabe import Abgabefehler, Aufbewahrung, abgabe
from amtsweg.schnittstellen.xdomea.aussonderung import erstelle_anbieteverzeichnis
from amtsweg.schnittstellen.xdomea.bausteine import Stelle
from amtsweg.schnittstellen.xdomea.lesen import Lesefehler, lies_nachricht
from amtsweg.schnittstellen.xdomea.struktur import pruefe

HEUTE = dt.date(2026, 11, 26)
EAKTE = Stelle("eakte-ludwigshafen", "E-Akte der Stadtverwaltung")


def _png() -> bytes:
    puffer = io.BytesIO()
    Image.new("RGB", (40, 20), "white").save(puffer, format="PNG")
    return puffer.getvalue()


def _pdf() -> bytes:
    puffer = io.BytesIO()
    leinwand = canvas.Canvas(puffer)
    leinwand.drawString(72, 720, "Mietvertrag")
    leinwand.save()
    return puffer.getvalue()


PNG = _png()


@pytest.fixture(scope="module")
def welt(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[Datenbank, Demokonten, list[str]]]:
    verbinde()  # the intake checks run on these uploads as in the product
    ordner = tmp_path_factory.mktemp("xdomea")
    db = Datenbank(f"sqlite:///{ordner / 'a.sqlite3'}")
    db.migriere()
    with db.sitzung() as s:
        konten = lege_konten_an(s, passwort="demo-passwort-123")
        vorgaenge = lege_vorgaenge_an(s, konten, HEUTE)
        erster = vorgaenge[0]
        for name, inhalt in (("mietvertrag.pdf", _pdf()), ("rente.png", PNG)):
            buergerdienste.nachweis_ablegen(s, konten.buergerin, erster, ordner / "ablage", name, inhalt)
        nummern = [v.nummer for v in vorgaenge]
    yield db, konten, nummern
    db.engine.dispose()


def _xml(inhalt: bytes) -> tuple[str, etree._Element]:
    archiv = zipfile.ZipFile(io.BytesIO(inhalt))
    name = next(n for n in archiv.namelist() if n.endswith(".xml"))
    return name, etree.fromstring(archiv.read(name))


def test_abgabe_rundreise_findet_jedes_dokument_und_jeden_hash(welt) -> None:
    db, konten, nummern = welt
    with db.sitzung() as s:
        sachbearbeitung = s.merge(konten.sachbearbeitung)
        nachricht = abgabe(s, nummern, EAKTE, Aufbewahrung(6), benutzer=sachbearbeitung)
        ids = [s.scalar(select(Vorgang.id).where(Vorgang.nummer == n)) for n in nummern]
        nachweise = s.scalar(select(func.count()).select_from(Dokument).where(Dokument.vorgang_id.in_(ids)))
        bescheide = s.scalars(select(Bescheid).where(Bescheid.vorgang_id.in_(ids))).all()
    assert nachricht.dateiname == f"{nachricht.prozess_id}_Abgabe.Abgabe.0401.zip"
    xmlname, wurzel = _xml(nachricht.inhalt)
    assert xmlname == f"{nachricht.prozess_id}_Abgabe.Abgabe.0401.xml"
    assert pruefe(wurzel) == []
    gelesen = lies_nachricht(nachricht.dateiname, nachricht.inhalt)
    assert gelesen.vorgaenge == nummern
    assert gelesen.ueberzaehlige_dateien == []
    assert all(d.hash_stimmt for d in gelesen.dokumente)
    titel = [d.betreff for d in gelesen.dokumente]
    assert nachweise == 2 and sum(t.startswith("Nachweis:") for t in titel) == 2
    assert sum(t.startswith("Bescheid vom") for t in titel) == len(bescheide) > 0
    assert sum(t.startswith("Antrag") for t in titel) == len(nummern)
    assert sum(t.startswith("Prüfpfad") for t in titel) == len(nummern)
    hashes = {d.sha256_angegeben for d in gelesen.dokumente}
    assert {x.sha256 for x in bescheide} <= hashes, "Bescheid PDFs travel unchanged"
    assert nachricht.dokumente == len(gelesen.dokumente)
    with db.sitzung() as s:
        assert s.scalar(
            select(func.count()).select_from(AuditEreignis).where(AuditEreignis.aktion == "xdomea_abgabe")
        ) >= len(nummern)
        assert pruefe_kette(s).in_ordnung


def test_manipuliertes_primaerdokument_und_falscher_name_fallen_auf(welt) -> None:
    db, _, nummern = welt
    with db.sitzung() as s:
        nachricht = abgabe(s, nummern[:1], EAKTE)
    quelle = zipfile.ZipFile(io.BytesIO(nachricht.inhalt))
    puffer = io.BytesIO()
    with zipfile.ZipFile(puffer, "w") as ziel:
        for name in quelle.namelist():
            inhalt = quelle.read(name)
            ziel.writestr(name, inhalt + b"x" if name.endswith("mietvertrag.pdf") else inhalt)
    gelesen = lies_nachricht(nachricht.dateiname, puffer.getvalue())
    kaputt = [d for d in gelesen.dokumente if not d.hash_stimmt]
    assert len(kaputt) == 1 and kaputt[0].dateiname and kaputt[0].dateiname.endswith("mietvertrag.pdf")
    with pytest.raises(Lesefehler, match="Muster"):
        lies_nachricht("abgabe.zip", nachricht.inhalt)


def test_strukturpruefung_findet_reihenfolge_pflicht_und_uuid_fehler(welt) -> None:
    db, _, nummern = welt
    with db.sitzung() as s:
        _, wurzel = _xml(abgabe(s, nummern[:1], EAKTE).inhalt)
    x = f"{{{NAMESPACE}}}"
    ohne_id = copy.deepcopy(wurzel)
    ident = ohne_id.find(f".//{x}Vorgang/{x}Identifikation")
    ident.remove(ident.find(f"{x}ID"))
    assert any("Identifikation/ID" in f for f in pruefe(ohne_id))
    vertauscht = copy.deepcopy(wurzel)
    vorgang = vertauscht.find(f".//{x}Vorgang")
    typ = vorgang.find(f"{x}Typ")
    vorgang.remove(typ)
    vorgang.insert(0, typ)
    assert pruefe(vertauscht), "element order is part of the schema"
    falsche_uuid = copy.deepcopy(wurzel)
    falsche_uuid.find(f"{x}Kopf/{x}ProzessID").text = "keine-uuid"
    assert any("ProzessID" in f for f in pruefe(falsche_uuid))
    falscher_code = copy.deepcopy(wurzel)
    falscher_code.find(f"{x}Kopf/{x}Nachrichtentyp/code").text = "0501"
    assert any("Nachrichtentyp" in f for f in pruefe(falscher_code))


def test_fremde_behoerde_darf_nicht_abgeben(welt) -> None:
    db, konten, nummern = welt
    with db.sitzung() as s:
        buergerin = s.merge(konten.buergerin)
        with pytest.raises(rechte.KeinZugriff):
            abgabe(s, nummern[:1], EAKTE, benutzer=buergerin)
        with pytest.raises(Abgabefehler, match="gibt es nicht"):
            abgabe(s, ["WG-1999-999999"], EAKTE)


def test_anbieteverzeichnis_nur_abgelaufene_ohne_primaerdateien(welt) -> None:
    db, konten, nummern = welt
    with db.sitzung() as s:
        behoerde_id = s.merge(konten.behoerde).id
        beschieden = s.scalar(select(Vorgang).where(Vorgang.nummer == nummern[4]))
        dienste.wechsle(s, beschieden, "abschliessen", dienste.SYSTEM)
        with pytest.raises(Abgabefehler, match="Aufbewahrungsfrist"):
            erstelle_anbieteverzeichnis(s, behoerde_id, Stelle("la", "Landesarchiv"), HEUTE, Aufbewahrung(6))
        nachricht = erstelle_anbieteverzeichnis(
            s, behoerde_id, Stelle("la", "Landesarchiv"), dt.date(HEUTE.year + 7, 1, 1), Aufbewahrung(6, "A")
        )
    assert nachricht.dateiname.endswith("_Aussonderung.Anbieteverzeichnis.0501.zip")
    gelesen = lies_nachricht(nachricht.dateiname, nachricht.inhalt)
    assert gelesen.vorgaenge == [nummern[4]]
    assert gelesen.dokumente and all(d.dateiname is None for d in gelesen.dokumente)
    assert pruefe(gelesen.xml) == []
    assert gelesen.xml.findtext(f".//{{{NAMESPACE}}}AnzahlJahre") == "6"


def test_cli_abgabe_und_pruefung(welt, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from amtsweg.cli import app

    db, _, nummern = welt
    monkeypatch.setenv("AMTSWEG_DATABASE_URL", db.engine.url.render_as_string(hide_password=False))
    runner = CliRunner()
    ergebnis = runner.invoke(app, ["xdomea", "abgabe", nummern[0], "--ausgabe", str(tmp_path)])
    assert ergebnis.exit_code == 0, ergebnis.output
    (zipdatei,) = tmp_path.glob("*_Abgabe.Abgabe.0401.zip")
    pruefung = runner.invoke(app, ["xdomea", "pruefe", str(zipdatei)])
    assert pruefung.exit_code == 0 and "in Ordnung" in pruefung.output
    fehlt = runner.invoke(app, ["xdomea", "abgabe", "WG-1999-999999", "--ausgabe", str(tmp_path)])
    assert fehlt.exit_code == 2 and "gibt es nicht" in fehlt.output


def test_aussonderung_0503_mit_primaerdokumenten_nur_abgeschlossene(welt) -> None:
    from amtsweg.schnittstellen.xdomea.aussonderung import erstelle_aussonderung

    db, _, nummern = welt
    archiv = Stelle("la", "Landesarchiv")
    with db.sitzung() as s:
        with pytest.raises(Abgabefehler, match="nicht abgeschlossen"):
            erstelle_aussonderung(s, [nummern[0]], archiv, Aufbewahrung(6, "A"))
        vorgang = s.scalar(select(Vorgang).where(Vorgang.nummer == nummern[6]))
        dienste.wechsle(s, vorgang, "abschliessen", dienste.SYSTEM)
        nachricht = erstelle_aussonderung(s, [nummern[6]], archiv, Aufbewahrung(6, "A"))
    assert nachricht.dateiname.endswith("_Aussonderung.Aussonderung.0503.zip")
    gelesen = lies_nachricht(nachricht.dateiname, nachricht.inhalt)
    assert gelesen.vorgaenge == [nummern[6]] and gelesen.ueberzaehlige_dateien == []
    assert gelesen.dokumente and all(d.hash_stimmt for d in gelesen.dokumente)
    assert pruefe(gelesen.xml) == []
