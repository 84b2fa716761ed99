"""Keyset pages of the staff queue: every Vorgang exactly once in every sort and both directions (with
ties in the sort keys and Vorgänge without deadline), capped counts, the filter list from configuration
and cursors that are refused or reset. Runs on SQLite and, with AMTSWEG_DATABASE_URL, on PostgreSQL."""

from __future__ import annotations

import datetime as dt

import pytest
from sqlalchemy import text
from sqlalchemy.orm import Session

from amtsweg.cases import abfragen, blaettern, dienste, rechte
from amtsweg.cases.demodaten import Demokonten, lege_konten_an
from amtsweg.cases.modelle import Vorgang
from amtsweg.cases.status import ABGESCHLOSSEN, BESCHIEDEN, EINGEGANGEN, IN_PRUEFUNG, OFFEN, ZUR_FREIGABE
from amtsweg.db import Datenbank

HEUTE = dt.date(2026, 11, 26)
BASIS = dt.datetime(2026, 10, 1, 8, 0, tzinfo=dt.UTC)
STATUS = (EINGEGANGEN, IN_PRUEFUNG, BESCHIEDEN, ZUR_FREIGABE, ABGESCHLOSSEN)


@pytest.fixture
def konten(datenbank: Datenbank) -> Demokonten:
    with datenbank.sitzung() as s:
        return lege_konten_an(s, passwort="demo-passwort-123")


def lege_an(s: Session, konten: Demokonten, anzahl: int = 61) -> None:
    """Vorgänge with many equal arrival times and deadlines (ties), a third without deadline, mixed
    statuses, and some of another authority that must never show."""
    for i in range(anzahl):
        for behoerde in (konten.behoerde, konten.andere_behoerde) if i % 10 == 0 else (konten.behoerde,):
            s.add(
                Vorgang(
                    nummer=f"WG-T-{behoerde.id}-{i:05d}",
                    behoerde_id=behoerde.id,
                    antragsteller_id=konten.buergerin.id,
                    leistung="wohngeld",
                    status=STATUS[i % len(STATUS)],
                    daten={},
                    eingegangen_am=BASIS + dt.timedelta(hours=(i * 7) % 5),  # five distinct times
                    frist=None if i % 3 == 0 else HEUTE + dt.timedelta(days=(i * 5) % 4 - 1),
                )
            )
    s.flush()


def erwartet(s: Session, konten: Demokonten, sortierung: str, status: str) -> list[str]:
    """The complete order, computed in Python from all rows of the authority."""
    vorgaenge = [v for v in s.query(Vorgang).filter(Vorgang.behoerde_id == konten.behoerde.id)]
    if status == "offen":
        vorgaenge = [v for v in vorgaenge if v.status in OFFEN]

    def schluessel(v: Vorgang) -> tuple[object, ...]:
        zeit = abfragen.mit_zone(v.eingegangen_am)
        if sortierung == "frist":
            return (v.frist is None, v.frist or dt.date.min, v.id)
        return (zeit, v.id)

    liste = sorted(vorgaenge, key=schluessel, reverse=sortierung == "neueste")
    return [v.nummer for v in liste]


def alle_seiten(
    s: Session, konten: Demokonten, filter: abfragen.Korbfilter
) -> tuple[list[list[str]], abfragen.Korbseite]:
    seiten: list[list[str]] = []
    seite = abfragen.arbeitskorb(s, konten.sachbearbeitung, filter, HEUTE)
    assert seite.zurueck is None
    while True:
        seiten.append([z.nummer for z in seite.zeilen])
        if seite.weiter is None:
            return seiten, seite
        seite = abfragen.arbeitskorb(
            s,
            konten.sachbearbeitung,
            abfragen.Korbfilter(**{**_felder(filter), "cursor": seite.weiter}),
            HEUTE,
        )


def _felder(f: abfragen.Korbfilter) -> dict[str, object]:
    return {k: getattr(f, k) for k in ("status", "leistung", "ueberfaellig", "mir_zugewiesen", "sortierung",
                                       "pro_seite")}  # fmt: skip


@pytest.mark.parametrize("sortierung", ["alter", "neueste", "frist"])
@pytest.mark.parametrize("status", ["alle", "offen"])
def test_jeder_vorgang_genau_einmal_vor_und_zurueck(
    datenbank: Datenbank, konten: Demokonten, sortierung: str, status: str
) -> None:
    with datenbank.sitzung() as s:
        lege_an(s, konten)
        soll = erwartet(s, konten, sortierung, status)
        assert len(soll) > 20
        filter = abfragen.Korbfilter(status=status, sortierung=sortierung, pro_seite=7)
        seiten, letzte = alle_seiten(s, konten, filter)
        assert [n for seite in seiten for n in seite] == soll  # each exactly once, in order
        assert all(len(seite) == 7 for seite in seiten[:-1]) and seiten[-1]
        assert not any("-" + str(konten.andere_behoerde.id) + "-" in n for n in soll)
        # and back from the last page to the first, page by page
        rueckwaerts = [[z.nummer for z in letzte.zeilen]]
        seite = letzte
        while seite.zurueck is not None:
            seite = abfragen.arbeitskorb(
                s,
                konten.sachbearbeitung,
                abfragen.Korbfilter(**{**_felder(filter), "cursor": seite.zurueck}),
                HEUTE,
            )
            rueckwaerts.insert(0, [z.nummer for z in seite.zeilen])
        assert rueckwaerts == seiten


def test_gedeckelte_zaehlung_und_leistungen_aus_konfiguration(
    datenbank: Datenbank, konten: Demokonten, monkeypatch: pytest.MonkeyPatch
) -> None:
    with datenbank.sitzung() as s:
        lege_an(s, konten, 30)
        sb = konten.sachbearbeitung
        seite = abfragen.arbeitskorb(s, sb, abfragen.Korbfilter(status="alle"), HEUTE)
        assert (seite.gesamt, seite.gesamt_gedeckelt) == (30, False)
        monkeypatch.setattr(blaettern, "ZAEHLGRENZE", 29)
        seite = abfragen.arbeitskorb(s, sb, abfragen.Korbfilter(status="alle"), HEUTE)
        assert (seite.gesamt, seite.gesamt_gedeckelt) == (29, True)
        monkeypatch.setattr(blaettern, "ZAEHLGRENZE", 30)
        seite = abfragen.arbeitskorb(s, sb, abfragen.Korbfilter(status="alle"), HEUTE)
        assert (seite.gesamt, seite.gesamt_gedeckelt) == (30, False)
        # the legacy page-number mode counts exactly
        monkeypatch.setattr(blaettern, "ZAEHLGRENZE", 5)
        alt = abfragen.arbeitskorb(s, sb, abfragen.Korbfilter(status="alle", seite=2, pro_seite=25), HEUTE)
        assert (alt.gesamt, alt.seiten, len(alt.zeilen)) == (30, 2, 5)
        # Vorgänge of a Leistung the product does not offer do not widen the filter list
        s.add(Vorgang(nummer="XX-1", behoerde_id=konten.behoerde.id, antragsteller_id=konten.buergerin.id,
                      leistung="altleistung", status=EINGEGANGEN, daten={}))  # fmt: skip
        s.flush()
        assert abfragen.leistungen(s, sb) == sorted(dienste.LEISTUNGEN)
        with pytest.raises(rechte.KeinZugriff):
            abfragen.leistungen(s, konten.buergerin)


def test_fremde_und_kaputte_cursor(datenbank: Datenbank, konten: Demokonten) -> None:
    with datenbank.sitzung() as s:
        lege_an(s, konten, 20)
        sb = konten.sachbearbeitung
        erste = abfragen.arbeitskorb(s, sb, abfragen.Korbfilter(status="alle", pro_seite=5), HEUTE)
        assert erste.weiter
        for kaputt in (
            "%%%",
            "eyJzIjoxfQ",
            "x" * 500,
            blaettern.kodiere(blaettern.Position("alter", "v", 3, (1,))),
        ):
            with pytest.raises(blaettern.Cursorfehler, match="Cursor ist ungültig"):
                abfragen.arbeitskorb(s, sb, abfragen.Korbfilter(status="alle", cursor=kaputt), HEUTE)
        # a cursor of another sort starts that sort at the top
        neu = abfragen.Korbfilter(status="alle", pro_seite=5, sortierung="frist", cursor=erste.weiter)
        oben = abfragen.Korbfilter(status="alle", pro_seite=5, sortierung="frist")
        assert (
            abfragen.arbeitskorb(s, sb, neu, HEUTE).zeilen == abfragen.arbeitskorb(s, sb, oben, HEUTE).zeilen
        )
        # the other authority's staff sees nothing through a cursor of this one
        fremd = abfragen.Korbfilter(status="alle", pro_seite=5, cursor=erste.weiter)
        seite = abfragen.arbeitskorb(s, konten.fremde_sachbearbeitung, fremd, HEUTE)
        assert all(f"-{konten.andere_behoerde.id}-" in z.nummer for z in seite.zeilen)


def test_partielle_indizes_tragen_die_offene_sicht(datenbank: Datenbank) -> None:
    """The migration created the keyset indexes, the open ones with the status predicate."""
    with datenbank.sitzung() as s:
        if s.get_bind().dialect.name == "postgresql":
            zeilen = s.execute(text("SELECT indexname, indexdef FROM pg_indexes WHERE tablename = 'vorgang'"))
        else:
            zeilen = s.execute(text("SELECT name, sql FROM sqlite_master WHERE type = 'index'"))
        indizes = {name: sql or "" for name, sql in zeilen}
    assert "ix_vorgang_behoerde_eingang_id" in indizes
    for name in ("ix_vorgang_offen_eingang_id", "ix_vorgang_offen_frist_id"):
        assert "zur_freigabe" in indizes[name] and "beschieden" not in indizes[name], indizes[name]
