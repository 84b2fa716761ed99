"""Oversight metrics from the database: seeded staff decisions give exactly known rates, calibration, drift,
time to decision, the automation-bias alarm and a threshold breach (stored once, audited once)."""

from __future__ import annotations

import datetime as dt

import pytest
from sqlalchemy import select

from amtsweg.cases.demodaten import Demokonten, haushalt, lege_konten_an
from amtsweg.cases.modelle import Dokument, Vorgang
from amtsweg.db import Datenbank
from amtsweg.documents.modelle import Dokumentauswertung, Feldvorschlag
from amtsweg.governance import aufsicht, metriken_betrieb
from amtsweg.governance.audit import AuditEreignis
from amtsweg.governance.modelle import KiAssistentAntwort, KiWarnung

UTC = dt.UTC
T0 = dt.datetime(2026, 11, 2, 8, 0, tzinfo=UTC)  # Monday of ISO week 2026-W45
VON, BIS = dt.datetime(2026, 11, 1, tzinfo=UTC), dt.datetime(2026, 12, 1, tzinfo=UTC)


def _auswertung(
    s, k: Demokonten, typ: str, konfidenz: float, quelle: str, zeit: dt.datetime
) -> Dokumentauswertung:  # type: ignore[no-untyped-def]
    v = Vorgang(
        nummer=f"WG-T-{typ}", behoerde_id=k.behoerde.id, antragsteller_id=k.buergerin.id, leistung="wohngeld",
        status="in_pruefung", daten=haushalt(dt.date(2026, 11, 1)), eingegangen_am=zeit,
    )  # fmt: skip
    s.add(v)
    s.flush()
    d = Dokument(
        vorgang_id=v.id, dateiname=f"{typ}.pdf", mime="application/pdf", groesse=1, sha256="0" * 64,
        speicherort="x", hochgeladen_von_id=k.buergerin.id, hochgeladen_am=zeit,
    )  # fmt: skip
    s.add(d)
    s.flush()
    a = Dokumentauswertung(
        dokument_id=d.id, typ=typ, konfidenz=konfidenz, quelle=quelle, modell_version="dokumente-test",
        erstellt_am=zeit,
    )  # fmt: skip
    s.add(a)
    s.flush()
    return a


def _vorschlag(
    s, a: Dokumentauswertung, feld: str, konf: float, status: str, von: int, zeit: dt.datetime
) -> None:  # type: ignore[no-untyped-def]
    s.add(
        Feldvorschlag(
            auswertung_id=a.id, dokument_id=a.dokument_id, feld=feld, wert="1", text="1", seite=1, zeile="1",
            spanne=[0, 1], konfidenz=konf, status=status, entschieden_von_id=von, entschieden_am=zeit,
        )
    )  # fmt: skip


@pytest.fixture
def gesaet(datenbank: Datenbank) -> Datenbank:
    with datenbank.sitzung() as s:
        k = lege_konten_an(s, "demo-passwort-123")
        a1 = _auswertung(s, k, "mietbescheinigung", 0.9, "text", T0)
        a2 = _auswertung(s, k, "lohnabrechnung", 0.6, "ocr", T0 + dt.timedelta(days=7))
        # Sachbearbeitung: 25 confirmations two seconds apart (rubber stamping)
        for i in range(25):
            zeit = T0 + dt.timedelta(hours=1, seconds=2 * i)
            _vorschlag(s, a1, "kaltmiete", 0.95, "bestaetigt", k.sachbearbeitung.id, zeit)
        # Teamleitung: 10 careful decisions a minute apart
        stati = [("nettolohn", "bestaetigt")] * 4 + [("nettolohn", "korrigiert")] * 2
        stati += [("bruttolohn", "korrigiert")] * 2 + [("bruttolohn", "abgelehnt")] * 2
        for i, (feld, status) in enumerate(stati):
            zeit = T0 + dt.timedelta(days=7, hours=1, seconds=60 * i)
            _vorschlag(s, a2, feld, 0.55, status, k.teamleitung.id, zeit)
        # an open proposal and a decision outside the period are not counted
        _vorschlag(s, a2, "nettolohn", 0.5, "offen", None, None)  # type: ignore[arg-type]
        _vorschlag(s, a2, "nettolohn", 0.5, "abgelehnt", k.teamleitung.id, BIS + dt.timedelta(hours=1))
    return datenbank


def test_dokumentmetriken_exakt(gesaet: Datenbank) -> None:
    with gesaet.sitzung() as s:
        m = aufsicht.metriken(s, "dokumente", VON, BIS)
    assert m["gesamt"] == {
        "n": 35, "bestaetigt": 29, "korrigiert": 4, "abgelehnt": 2,
        "annahmequote": 0.8286, "korrekturquote": 0.1143, "ablehnungsquote": 0.0571,
    }  # fmt: skip
    assert m["je_feld"]["kaltmiete"]["annahmequote"] == 1.0
    assert m["je_feld"]["bruttolohn"] == {
        "n": 4, "bestaetigt": 0, "korrigiert": 2, "abgelehnt": 2,
        "annahmequote": 0.0, "korrekturquote": 0.5, "ablehnungsquote": 0.5,
    }  # fmt: skip
    assert m["je_feld"]["nettolohn"]["n"] == 6 and m["je_feld"]["nettolohn"]["korrekturquote"] == 0.3333
    assert {t: q["n"] for t, q in m["je_typ"].items()} == {"lohnabrechnung": 10, "mietbescheinigung": 25}
    assert list(m["je_version"]) == ["dokumente-test"]
    # calibration: 25 at 0.95 all kept (gap 0.05), 10 at 0.55 with 4 kept (gap 0.15)
    k = m["kalibrierung"]
    assert [(f["von"], f["n"], f["konfidenz"], f["behalten"]) for f in k["faecher"]] == [
        (0.5, 10, 0.55, 0.4),
        (0.9, 25, 0.95, 1.0),
    ]
    assert k["fehler"] == round(25 / 35 * 0.05 + 10 / 35 * 0.15, 4) == 0.0786
    # reading -> decision: 3600 + 2i s (25x) and 3600 + 60i s (10x)
    assert m["entscheidungsdauer_s"] == {"median": 3632.0, "p90": 3960.0, "n": 35}
    schluessel = ("person", "n", "annahmequote", "sekunden_median", "alarm")
    assert [tuple(p[k] for k in schluessel) for p in m["automationsbias"]] == [
        ("sachbearbeitung@demo.example", 25, 1.0, 2.0, True),
        ("teamleitung@demo.example", 10, 0.4, 60.0, False),
    ]
    schluessel = ("woche", "n", "typen", "konfidenz_mittel", "ocr_anteil")
    assert [tuple(w[k] for k in schluessel) for w in m["drift"]] == [
        ("2026-W45", 1, {"mietbescheinigung": 1.0}, 0.9, 0.0),
        ("2026-W46", 1, {"lohnabrechnung": 1.0}, 0.6, 1.0),
    ]


def test_verstoss_wird_einmal_gespeichert_und_protokolliert(gesaet: Datenbank) -> None:
    with gesaet.sitzung() as s:
        lage = aufsicht.pruefe(s, "dokumente", VON, BIS)
    # only the automation-bias alarm breaches (rates under their maxima; calibration below its minimum n)
    assert [(v.metrik, v.wert, v.schwelle, v.n) for v in lage.verstoesse] == [
        ("automationsbias_annahmequote", 1.0, 0.97, 25)
    ]
    with gesaet.sitzung() as s:
        aufsicht.pruefe(s, "dokumente", VON, BIS)  # the same period again: nothing new
        warnungen = list(s.scalars(select(KiWarnung)))
        ereignisse = list(
            s.scalars(select(AuditEreignis).where(AuditEreignis.aktion == "ki_schwelle_ueberschritten"))
        )
    assert [(w.kennung, w.metrik, w.zeitraum) for w in warnungen] == [
        ("dokumente", "automationsbias_annahmequote", "2026-11-01..2026-12-01")
    ]
    assert len(ereignisse) == 1 and ereignisse[0].daten["kennung"] == "dokumente"
    assert "über der Schwelle 97.0%" in warnungen[0].text


def test_assistent_enthaltungsquote_und_verstoss(datenbank: Datenbank) -> None:
    with datenbank.sitzung() as s:
        for i, status in enumerate(["keine_quelle"] * 13 + ["antwort"] * 5 + ["einzelfall"] * 2):
            metriken_betrieb.erfasse_antwort(s, kanal="buerger", status=status, konfidenz=0.5, quellen=i % 2)
        s.add(KiAssistentAntwort(kanal="buerger", status="antwort", konfidenz=0.9, quellen=1, zeitpunkt=BIS))
    with datenbank.sitzung() as s:
        jetzt = dt.datetime.now(UTC)
        lage = aufsicht.pruefe(s, "assistent", jetzt - dt.timedelta(days=1), jetzt + dt.timedelta(days=1))
    m = lage.metriken
    assert (m["n"], m["enthaltungsquote"], m["verweisquote"], m["ohne_quelle"]) == (20, 0.65, 0.1, 13)
    assert [(v.metrik, v.wert, v.schwelle) for v in lage.verstoesse] == [("enthaltungsquote", 0.65, 0.6)]


def test_automatisierungsanteil_und_gruende(datenbank: Datenbank) -> None:
    from amtsweg.cases import dienste

    tag = dt.date.today().replace(day=1)
    with datenbank.sitzung() as s:
        k = lege_konten_an(s, "demo-passwort-123")
        erst = dienste.antrag_einreichen(s, k.buergerin, k.behoerde, "wohngeld", haushalt(tag))
        for _ in range(3):
            dienste.antrag_einreichen(
                s, k.buergerin, k.behoerde, "wohngeld", haushalt(tag), art="weiterleistung", vorgaenger=erst
            )
        dienste.antrag_einreichen(s, k.buergerin, k.behoerde, "wohngeld", haushalt(tag), bemerkung="Umzug")
    with datenbank.sitzung() as s:
        jetzt = dt.datetime.now(UTC)
        m = aufsicht.metriken(
            s, "automatisierung", jetzt - dt.timedelta(days=1), jetzt + dt.timedelta(days=1)
        )
    assert (m["n"], m["automatisch"], m["automatisierungsquote"]) == (5, 3, 0.6)
    assert m["gruende"] == {
        "Ein Erstantrag wird immer von einer Person geprüft.": 2,
        "Die antragstellende Person hat eigene Angaben im Freitext gemacht (§ 31a Satz 2 SGB X).": 1,
    }
    assert m["je_gruppe"] == [
        {"leistung": "wohngeld", "haushalt": "1 Person", "n": 5, "automatisch": 3, "quote": 0.6}
    ]


def test_taegliche_pruefung_als_auftrag(gesaet: Datenbank) -> None:
    from amtsweg.db.auftraege import arbeite
    from amtsweg.governance.auftraege import plane_pruefung

    with gesaet.sitzung() as s:
        plane_pruefung(s, dt.date(2026, 11, 30))
        plane_pruefung(s, dt.date(2026, 11, 30))  # planned once per day
    assert arbeite(gesaet) == 1
    with gesaet.sitzung() as s:
        warnungen = [(w.kennung, w.metrik, w.zeitraum) for w in s.scalars(select(KiWarnung))]
    assert warnungen == [("dokumente", "automationsbias_annahmequote", "2026-11-01..2026-12-01")]
