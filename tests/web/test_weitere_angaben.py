"""Step 4 "Weitere Angaben": Vermögen with the § 21 Nr. 3 WoGG limit, transfer benefits, earlier Wohngeld,
Mietverhältnis and the bank account (IBAN check digits); the Bescheid states only what was asked."""

from __future__ import annotations

import io
import re

import pytest
from pypdf import PdfReader
from sqlalchemy import select

from amtsweg.cases.modelle import Vorgang
from amtsweg.db import Datenbank
from amtsweg.web.formulare.angaben import iban_fehler
from tests.web.test_antrag_schema import pruefe_schema
from tests.web.test_buerger import (
    ERIKA,
    WEITERE_ANGABEN,
    WOHNUNG,
    Als,
    _bescheiden,
    _neuer_entwurf,
    _post,
    antrag_stellen,
)


@pytest.mark.parametrize(
    ("iban", "gueltig"),
    [
        ("DE02 1203 0000 0000 2020 51", True),
        ("de89370400440532013000", True),
        ("GB82 WEST 1234 5698 7654 32", True),
        ("DE03 1203 0000 0000 2020 51", False),  # check digits
        ("DE02 1203 0000 0000 2020 5", False),  # length
        ("1234", False),
    ],
)
def test_iban_pruefziffer(iban: str, gueltig: bool) -> None:
    assert (iban_fehler(iban) is None) is gueltig


def _bis_schritt_4(client, zwei_personen: bool = False) -> str:  # type: ignore[no-untyped-def]
    entwurf = _neuer_entwurf(client)
    assert _post(client, f"{entwurf}/schritt/1", WOHNUNG).status_code == 303
    personen = {"personen_anzahl": "1", "p0_name": "Erika Mustermann", "p0_alter": "71"}
    if zwei_personen:
        personen |= {
            "personen_anzahl": "2",
            "p1_name": "Paul Mustermann",
            "p1_rolle": "partner",
            "p1_alter": "70",
        }
    assert _post(client, f"{entwurf}/schritt/2", personen).status_code == 303
    rente = {"p0_e_anzahl": "1", "p0_e0_art": "rente", "p0_e0_brutto": "1300", "p0_e0_netto": "1160"}
    assert _post(client, f"{entwurf}/schritt/3", rente).status_code == 303
    return entwurf


def test_schritt_4_fragt_und_prueft_mit_feldnamen(als: Als) -> None:
    client = als(ERIKA)
    entwurf = _bis_schritt_4(client, zwei_personen=True)
    seite = client.get(f"{entwurf}/schritt/4").text
    assert "mehr Vermögen als 90.000,00 €" in seite  # 60 000 € + 30 000 € for the second member
    assert (
        'for="iban"' in seite
        and 'for="vermieter"' in seite
        and 'for="p1_bezieht_grundsicherungsgeld"' in seite
    )
    leer = _post(client, f"{entwurf}/schritt/4", {})
    for feld, text in [
        ("vermoegen", "Vermögen: Bitte wählen Sie Ja oder Nein."),
        ("iban", "IBAN: Bitte geben Sie die IBAN"),
        ("kontoinhaber", "Kontoinhaberin oder Kontoinhaber:"),
        ("vermieter", "Vermieterin oder Vermieter:"),
        ("mietbeginn", "Mietbeginn:"),
        ("wohnflaeche", "Wohnfläche:"),
        ("wohngeld_bisher", "Bisheriges Wohngeld:"),
    ]:
        assert f'id="{feld}-fehler"' in leer.text and text in leer.text, feld
    falsch = _post(client, f"{entwurf}/schritt/4", {**WEITERE_ANGABEN, "iban": "DE03 1203 0000 0000 2020 51"})
    assert falsch.status_code == 400 and "IBAN: Die Prüfziffer der IBAN stimmt nicht" in falsch.text
    ohne_betrag = _post(client, f"{entwurf}/schritt/4", {**WEITERE_ANGABEN, "vermoegen": "ja"})
    assert ohne_betrag.status_code == 400 and 'id="p0_vermoegen-fehler"' in ohne_betrag.text


def test_angaben_werden_gespeichert_und_erscheinen_in_der_zusammenfassung(
    als: Als, datenbank: Datenbank
) -> None:
    client = als(ERIKA)
    entwurf = _bis_schritt_4(client, zwei_personen=True)
    angaben = {
        **WEITERE_ANGABEN,
        "vermoegen": "ja",
        "p0_vermoegen": "12.000,00",
        "p1_vermoegen": "",
        "kontoinhaber": "1",
        "wohngeld_bisher": "ja",
        "wohngeld_bisher_stelle": "Stadt Mannheim, bis 03.2025",
    }
    assert _post(client, f"{entwurf}/schritt/4", angaben).status_code == 303
    zusammenfassung = client.get(f"{entwurf}/schritt/5").text
    for text in ("Ja: Erika Mustermann 12.000,00 €", "Paul Mustermann, IBAN DE02 **** **** **** **20 51",
                 "Wohnbau Rhein GmbH", "58 m²", "Ja, Stadt Mannheim, bis 03.2025"):  # fmt: skip
        assert text in zusammenfassung, text
    assert "DE02120300000000202051" not in zusammenfassung  # the IBAN is masked
    assert _post(client, f"{entwurf}/schritt/5", {"versicherung": "1"}).status_code == 303
    with datenbank.sitzung() as s:
        v = s.scalars(select(Vorgang)).one()
        pruefe_schema(v.daten)
        assert [p["vermoegen"] for p in v.daten["personen"]] == ["12000.00", "0.00"]
        assert v.angaben["konto"] == {"inhaber": "Paul Mustermann", "iban": "DE02120300000000202051"}
        assert v.angaben["mietverhaeltnis"]["wohnflaeche_qm"] == 58 and v.angaben["vermoegen_erheblich"]
        assert v.angaben["wohngeld_bisher"] == {"bezogen": True, "stelle": "Stadt Mannheim, bis 03.2025"}
        nummer = v.nummer
    akte = als("sachbearbeitung@demo.example").get(f"/arbeit/vorgang/{nummer}").text
    assert "Weitere Angaben aus dem Antrag" in akte and "Paul Mustermann, IBAN DE02120300000000202051" in akte
    assert "Vermieter/in: Wohnbau Rhein GmbH" in akte and "ja, Stadt Mannheim, bis 03.2025" in akte


def test_transferleistung_wird_als_bezug_gespeichert(als: Als, datenbank: Datenbank) -> None:
    client = als(ERIKA)
    entwurf = _bis_schritt_4(client, zwei_personen=True)
    angaben = {**WEITERE_ANGABEN, "p1_bezieht_grundsicherung_alter": "1"}
    assert _post(client, f"{entwurf}/schritt/4", angaben).status_code == 303
    assert _post(client, f"{entwurf}/schritt/5", {"versicherung": "1"}).status_code == 303
    with datenbank.sitzung() as s:
        v = s.scalars(select(Vorgang)).one()
        pruefe_schema(v.daten)
        assert v.daten["personen"][1]["bezieht"] == ["grundsicherung_alter"]
        assert "bezieht" not in v.daten["personen"][0] and "vermoegen" not in v.daten["personen"][0]


def _bescheidtext(client, nummer: str) -> str:  # type: ignore[no-untyped-def]
    pdf = client.get(f"/antraege/{nummer}/bescheid.pdf")
    assert pdf.status_code == 200
    return " ".join(
        " ".join(p.extract_text() or "" for p in PdfReader(io.BytesIO(pdf.content)).pages).split()
    )


def test_bescheid_nennt_nur_erfragtes(als: Als, datenbank: Datenbank) -> None:
    client = als(ERIKA)
    nummer = antrag_stellen(client)
    _bescheiden(datenbank, nummer)
    text = _bescheidtext(client, nummer)
    assert "Guten Tag Erika Mustermann," in text and "Damen und Herren" not in text
    assert re.search(r"Vermögen[^.]{0,120} 0,00 €", text) is None
    assert "Vermögen der zu berücksichtigenden" not in text
    assert "kein erhebliches Vermögen" in text and "§ 21 Nr. 3 WoGG" in text
    assert "auf das von Ihnen angegebene Konto überwiesen (§ 26 Abs. 2 WoGG)" in text
    assert "Erika Mustermann, IBAN DE02 **** **** **** **20 51" in text


def test_alter_vorgang_ohne_angaben_behauptet_nichts(als: Als, datenbank: Datenbank) -> None:
    client = als(ERIKA)
    nummer = antrag_stellen(client)
    with datenbank.sitzung() as s:  # as stored before the form asked these questions
        s.scalars(select(Vorgang).where(Vorgang.nummer == nummer)).one().angaben = {}
    _bescheiden(datenbank, nummer)
    text = _bescheidtext(client, nummer)
    assert "Vermögen" not in text.split("Berechnungsbogen")[0].split("Begründung", 1)[1]
    assert re.search(r"Vermögen[^.]{0,120} 0,00 €", text) is None and "Zahlung an" not in text
    assert "Uns liegt noch keine Bankverbindung vor" in text
    assert "wird monatlich im Voraus gezahlt" not in text
