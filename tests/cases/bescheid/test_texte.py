"""Tenor, money format, Begründung clusters, legend and validation of the input."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest

from amtsweg.cases.bescheid import Berechnungsschritt, erzeuge_html, verfuegungssatz
from amtsweg.cases.bescheid.daten import Aenderung
from amtsweg.cases.bescheid.texte import begruendung_abschnitte, euro, legende, rechtsbehelfsbelehrung
from tests.cases.bescheid.beispiele import BEHOERDE, ablehnung, bewilligung


@pytest.mark.parametrize(
    ("betrag", "text"),
    [("1234.56", "1.234,56 €"), ("88", "88,00 €"), ("0.5", "0,50 €"), ("1234567.00", "1.234.567,00 €")],
)
def test_euro(betrag: str, text: str) -> None:
    assert euro(Decimal(betrag)) == text


def test_euro_mehr_als_zwei_stellen() -> None:
    with pytest.raises(ValueError):
        euro(Decimal("1.234"))


def test_verfuegungssatz_bewilligung() -> None:
    assert verfuegungssatz(bewilligung()) == (
        "Für die Zeit vom 01.01.2025 bis 31.12.2025 wird Ihnen Wohngeld in Höhe von "
        "monatlich 88,00 € bewilligt."
    )


def test_verfuegungssatz_nach_aenderung_hebt_den_alten_bescheid_auf() -> None:
    alt = Aenderung(aktenzeichen="WG-2025-000007", bescheid_vom=date(2024, 12, 10), ab=date(2025, 4, 1))
    neu = bewilligung(aenderung=alt, bewilligung_von=date(2025, 4, 1))
    assert verfuegungssatz(neu) == (
        "Auf Ihre Änderungsmitteilung wird über Ihr Wohngeld ab dem 01.04.2025 neu entschieden. "
        "Der Bescheid vom 10.12.2024 (Aktenzeichen WG-2025-000007) wird mit Wirkung vom 01.04.2025 an "
        "aufgehoben. Für die Zeit vom 01.04.2025 bis 31.12.2025 wird Ihnen Wohngeld in Höhe von monatlich "
        "88,00 € bewilligt."
    )
    weg = verfuegungssatz(ablehnung(aenderung=alt))
    assert weg.endswith("aufgehoben. Ab dem 01.04.2025 steht Ihnen kein Wohngeld zu.")
    assert "Änderungsbescheid über Wohngeld" in erzeuge_html(neu)
    with pytest.raises(ValueError, match="Änderungsmonat"):  # the new period starts with the change
        bewilligung(aenderung=alt)


def test_verfuegungssatz_teilbewilligung_und_ablehnung() -> None:
    teil = bewilligung(art="teilbewilligung", ablehnungsgruende=("Für Januar fehlt der Anspruch.",))
    assert verfuegungssatz(teil).endswith("bewilligt. Im Übrigen wird Ihr Antrag abgelehnt.")
    assert verfuegungssatz(ablehnung()) == "Ihr Antrag auf Wohngeld wird abgelehnt."
    assert "vorläufig" in verfuegungssatz(bewilligung(vorlaeufig=True))


def test_eigener_verfuegungssatz_hat_vorrang() -> None:
    html = erzeuge_html(bewilligung(verfuegungssatz="Eigener Tenor <b>fett</b>."))
    assert "Eigener Tenor &lt;b&gt;fett&lt;/b&gt;." in html
    assert "monatlich 88,00 € bewilligt" not in html


def test_begruendung_nach_normclustern() -> None:
    abschnitte = begruendung_abschnitte(
        bewilligung(
            begruendung=(*bewilligung().begruendung, Berechnungsschritt("§ 9a EStG", "Pauschbetrag", "x"))
        )
    )
    titel = [a.titel for a in abschnitte]
    assert titel == ["Haushalt", "Miete", "Einkommen", "Berechnung des Wohngeldes", "Weitere Vorschriften"]
    nach_titel = {a.titel: a for a in abschnitte}
    assert "§ 12 Abs. 7 WoGG" in nach_titel["Miete"].normen
    assert "Anlage 1 WoGG" in nach_titel["Miete"].normen
    assert "§ 16 Satz 1 WoGG" in nach_titel["Einkommen"].normen
    assert nach_titel["Berechnung des Wohngeldes"].normen[0] == "Anlage 3 Nr. 1 WoGG"
    assert nach_titel["Weitere Vorschriften"].normen == ("§ 9a EStG",)
    # every step lands in exactly one section
    assert sum(len(a.schritte) for a in abschnitte) == len(bewilligung().begruendung) + 1


def test_legende_nur_fuer_verwendete_zeichen() -> None:
    symbole = dict(legende(bewilligung()))
    assert {"M", "Y", "a, b, c", "z1 bis z4", "WoGG", "Abs."} <= set(symbole)
    assert "BEEG" not in symbole
    mit_namen = dict(legende(bewilligung(kennungen=(("a", "Anna Muster"),))))
    assert mit_namen["(a)"] == "Haushaltsmitglied Anna Muster"


def test_belehrung_widerspruch_und_klage() -> None:
    text = " ".join(rechtsbehelfsbelehrung(bewilligung()))
    assert "Widerspruch" in text and BEHOERDE.widerspruchsstelle in text
    assert "28.02.2025" in text and "31.01.2025" in text and "§ 37 Abs. 2 SGB X" in text
    assert "mit der Post" in text
    klage = BEHOERDE.__class__(**{**BEHOERDE.__dict__, "rechtsbehelf": "klage"})
    text = " ".join(rechtsbehelfsbelehrung(ablehnung(behoerde=klage)))
    assert "Klage beim Verwaltungsgericht Neustadt an der Weinstraße, Robert-Stolz-Straße 20" in text
    assert "Ein Widerspruchsverfahren findet nicht statt" in text
    assert "elektronisch übermittelt" in text and "Absendung" in text


def test_unbekannte_leistung() -> None:
    with pytest.raises(ValueError, match="Bescheidtexte"):
        verfuegungssatz(bewilligung(leistung="kindergeld"))


@pytest.mark.parametrize(
    "aenderung",
    [
        {"betrag_monat": None},
        {"bewilligung_bis": date(2024, 12, 31)},
        {"betrag_monat": Decimal("88.001")},
        {"betrag_monat": Decimal("0")},
        {"art": "teilbewilligung"},  # without reasons
        {"automatisch": False},  # without Sachbearbeitung
    ],
)
def test_ungueltige_daten(aenderung: dict[str, object]) -> None:
    with pytest.raises(ValueError):
        bewilligung(**aenderung)


def test_ablehnung_braucht_gruende() -> None:
    with pytest.raises(ValueError):
        ablehnung(ablehnungsgruende=())
