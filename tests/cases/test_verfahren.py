"""Service tests of the procedure: every transition, four-eyes, automation, rights and the audit trail."""

from __future__ import annotations

import datetime as dt

import pytest
from sqlalchemy import func, select

from amtsweg.cases import dienste, entscheidung, rechte
from amtsweg.cases.demodaten import Demokonten, haushalt, lege_konten_an, lege_vorgaenge_an
from amtsweg.cases.modelle import Bescheid, Vorgang
from amtsweg.cases.status import UnzulaessigerUebergang
from amtsweg.db import Datenbank
from amtsweg.governance.audit import AuditEreignis, pruefe_kette
from amtsweg.rules.engine.fehler import Eingabefehler

HEUTE = dt.date(2026, 11, 26)


@pytest.fixture
def konten(datenbank: Datenbank) -> Demokonten:
    with datenbank.sitzung() as s:
        return lege_konten_an(s, passwort="demo-passwort-123")


def test_alle_status_und_gueltige_kette(datenbank: Datenbank, konten: Demokonten) -> None:
    with datenbank.sitzung() as s:
        vorgaenge = lege_vorgaenge_an(s, konten, HEUTE)
        status = [v.status for v in vorgaenge]
        assert status == [
            "eingegangen",
            "unvollstaendig",
            "entscheidungsreif",
            "zur_freigabe",
            "beschieden",
            "widerspruch",
            "beschieden",
        ]
        assert vorgaenge[-1].automatisch and not vorgaenge[0].automatisch
        assert any("Freitext" in g for g in vorgaenge[0].pruefgruende), "§ 31a: free text needs a person"
        assert vorgaenge[0].nummer.startswith("WG-") and len({v.nummer for v in vorgaenge}) == len(vorgaenge)
    with datenbank.sitzung() as s:
        ergebnis = pruefe_kette(s)
        assert ergebnis.in_ordnung and ergebnis.anzahl > 30
        berechnungen = s.scalars(select(AuditEreignis).where(AuditEreignis.aktion == "berechnung")).all()
        assert berechnungen and all(e.regelwerk_version for e in berechnungen)


def test_vier_augen_und_bescheid(datenbank: Datenbank, konten: Demokonten) -> None:
    with datenbank.sitzung() as s:
        v = dienste.antrag_einreichen(
            s,
            konten.buergerin,
            konten.behoerde,
            "wohngeld",
            haushalt(HEUTE.replace(day=1), "560.00", "900.00"),
        )
        berechnung = dienste.berechnen(s, konten.sachbearbeitung, v)
        assert berechnung.betrag_cent > konten.behoerde.freigabe_ab_cent
        entscheidung.entscheiden(s, konten.sachbearbeitung, v, "bewilligung")
        assert v.status == "zur_freigabe"
        assert s.scalar(select(func.count()).select_from(Bescheid).where(Bescheid.vorgang_id == v.id)) == 0
        with pytest.raises(rechte.KeinZugriff):
            entscheidung.freigeben(s, konten.sachbearbeitung, v)  # not a team lead
        entscheidung.freigeben(s, konten.teamleitung, v)
        assert v.status == "beschieden"
        bescheid = s.scalar(select(Bescheid).where(Bescheid.vorgang_id == v.id))
        assert bescheid is not None and bescheid.pdf.startswith(b"%PDF-") and not bescheid.automatisch
        assert bescheid.rechtsbehelfsfrist and bescheid.rechtsbehelfsfrist > bescheid.datum


def test_eigene_entscheidung_nicht_selbst_freigeben(datenbank: Datenbank, konten: Demokonten) -> None:
    with datenbank.sitzung() as s:
        v = dienste.antrag_einreichen(s, konten.buergerin, konten.behoerde, "wohngeld", haushalt(HEUTE))
        dienste.berechnen(s, konten.teamleitung, v)
        entscheidung.entscheiden(
            s, konten.teamleitung, v, "ablehnung", ["Die Wohnung wird nicht selbst genutzt."]
        )
        assert v.status == "zur_freigabe", "every Ablehnung needs four eyes"
        with pytest.raises(dienste.Verfahrensfehler, match="Vier-Augen"):
            entscheidung.freigeben(s, konten.teamleitung, v)


def test_nachforderung_upload_widerspruch(datenbank: Datenbank, konten: Demokonten) -> None:
    from amtsweg.cases.modelle import Dokument

    with datenbank.sitzung() as s:
        v = dienste.antrag_einreichen(s, konten.buergerin, konten.behoerde, "wohngeld", haushalt(HEUTE))
        dienste.nachfordern(
            s, konten.sachbearbeitung, v, "Mietbescheinigung", dt.date.today() + dt.timedelta(days=10)
        )
        assert v.status == "unvollstaendig" and len(dienste.offene_nachforderungen(s, v)) == 1
        assert dienste.erinnere_faellige(s, dt.date.today() + dt.timedelta(days=8))
        dokument = Dokument(
            vorgang_id=v.id,
            dateiname="miete.pdf",
            mime="application/pdf",
            groesse=5,
            sha256="0" * 64,
            speicherort="/dev/null",
            hochgeladen_von_id=konten.buergerin.id,
        )
        dienste.dokument_registrieren(s, konten.buergerin, v, dokument)
        assert v.status == "in_pruefung" and not dienste.offene_nachforderungen(s, v)
        dienste.berechnen(s, konten.sachbearbeitung, v)
        with pytest.raises(entscheidung.NachweiseUngeprueft):  # the Mietbescheinigung was never read
            entscheidung.entscheiden(s, konten.sachbearbeitung, v, "bewilligung")
        entscheidung.entscheiden(s, konten.sachbearbeitung, v, "bewilligung", vorbehalt="Original vorgelegt.")
        assert v.status == "beschieden"
        with pytest.raises(rechte.KeinZugriff):
            entscheidung.widerspruch_einlegen(s, konten.buerger2, v, "fremd")
        entscheidung.widerspruch_einlegen(s, konten.buergerin, v, "Die Miete ist höher.")
        assert v.status == "widerspruch"
        entscheidung.widerspruch_pruefen(s, konten.sachbearbeitung, v)
        assert v.status == "in_pruefung"


def test_unzulaessige_uebergaenge(datenbank: Datenbank, konten: Demokonten) -> None:
    with datenbank.sitzung() as s:
        v = dienste.antrag_einreichen(s, konten.buergerin, konten.behoerde, "wohngeld", haushalt(HEUTE))
        with pytest.raises(dienste.Verfahrensfehler, match="berechnet"):
            entscheidung.entscheiden(s, konten.sachbearbeitung, v, "bewilligung")
        with pytest.raises(dienste.Verfahrensfehler, match="Widerspruch"):
            entscheidung.widerspruch_einlegen(s, konten.buergerin, v, "zu früh")
        with pytest.raises(UnzulaessigerUebergang):
            dienste.wechsle(s, v, "freigeben", dienste.SYSTEM)


def test_rechte(datenbank: Datenbank, konten: Demokonten) -> None:
    with datenbank.sitzung() as s:
        v = dienste.antrag_einreichen(s, konten.buergerin, konten.behoerde, "wohngeld", haushalt(HEUTE))
        nummer = v.nummer
    with datenbank.sitzung() as s:
        assert dienste.lade_vorgang(s, nummer, konten.buergerin).id == v.id
        assert dienste.lade_vorgang(s, nummer, konten.sachbearbeitung).id == v.id
        for fremd in (konten.buerger2, konten.fremde_sachbearbeitung):
            with pytest.raises(rechte.KeinZugriff):
                dienste.lade_vorgang(s, nummer, fremd)
        with pytest.raises(rechte.KeinZugriff):
            dienste.berechnen(s, konten.fremde_sachbearbeitung, s.get_one(Vorgang, v.id))
    with datenbank.sitzung() as s:
        verweigert = s.scalar(
            select(func.count())
            .select_from(AuditEreignis)
            .where(AuditEreignis.aktion == "zugriff_verweigert")
        )
        assert verweigert == 2


def test_ungueltiger_antrag_hinterlaesst_nichts(datenbank: Datenbank, konten: Demokonten) -> None:
    daten = haushalt(HEUTE)
    daten["wohnung"]["kosten_monat"] = "viel"
    with pytest.raises(Eingabefehler), datenbank.sitzung() as s:
        dienste.antrag_einreichen(s, konten.buergerin, konten.behoerde, "wohngeld", daten)
    with datenbank.sitzung() as s:
        assert s.scalar(select(func.count()).select_from(Vorgang)) == 0
