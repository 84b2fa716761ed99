"""Layout of the Berechnungsbogen in the PDF: a norm stays on one line, no value runs past the right margin,
and the salutation uses the addressee's name (checked on the rendered PDF with pdfplumber)."""

from __future__ import annotations

import io
from dataclasses import replace

import pdfplumber

from amtsweg.cases.bescheid.daten import Berechnungsschritt, Empfaenger
from amtsweg.cases.bescheid.pdf import erzeuge_bescheid, erzeuge_html
from tests.cases.bescheid.beispiele import bewilligung

MM = 72 / 25.4
#: steps as the rules trace writes them for a two-person household (long norms, a three-part value)
SCHRITTE = (
    Berechnungsschritt("§ 14 Abs. 2 Nr. 21 WoGG", "Unterhaltsvorschuss (Tom Mustermann)", "200,00 €"),
    Berechnungsschritt("Anlage 3 Nr. 1 WoGG", "M in der Formel (mindestens der Tabellenwert)", "612,60 €"),
    Berechnungsschritt(
        "Anlage 2 WoGG",
        "Werte a, b, c für 2 Haushaltsmitglieder",
        "a = 0,0300000000; b = 0,0003571000; c = 0,0000304000",
    ),
    Berechnungsschritt("Anlage 3 Nr. 2 WoGG", "z2 = z1·Y", "427,9388231650"),
)


def _bogen_zeilen() -> tuple[list[str], float]:
    pdf = erzeuge_bescheid(bewilligung(begruendung=SCHRITTE))
    zeilen: list[str] = []
    rechts = 0.0
    with pdfplumber.open(io.BytesIO(pdf)) as dokument:
        for seite in dokument.pages:
            text = seite.extract_text() or ""
            if "Berechnungsbogen" not in text:
                continue
            zeilen += text.splitlines()
            woerter = seite.extract_words()
            rechts = max([rechts] + [w["x1"] for w in woerter if w["text"] in ("a", "b", "c", "=")])
            breite = seite.width
    return zeilen, breite - rechts


def test_vorschrift_bricht_nicht_um_und_werte_bleiben_im_rand() -> None:
    zeilen, abstand_rechts = _bogen_zeilen()
    bogen = zeilen[next(i for i, z in enumerate(zeilen) if z.startswith("Berechnungsbogen")) :]
    assert any("§ 14 Abs. 2 Nr. 21 WoGG" in z for z in bogen)
    assert any("Anlage 3 Nr. 1 WoGG" in z for z in bogen)
    assert not any(z.strip() == "WoGG" for z in bogen)  # no norm split over two lines
    # the step text is not squeezed into a narrow column by a long value (one number per line instead)
    assert any("M in der Formel (mindestens der Tabellenwert)" in z for z in bogen)
    assert any("Werte a, b, c für 2 Haushaltsmitglieder" in z for z in bogen)
    assert not any("a = " in z and "b = " in z for z in bogen)
    assert any(z.rstrip().endswith("c = 0,0000304000") for z in bogen)
    assert abstand_rechts >= 19 * MM  # the right page margin (20 mm) is kept


def test_anrede_mit_namen_ohne_geschlecht() -> None:
    daten = bewilligung()
    assert f"Guten Tag {daten.empfaenger.name}," in erzeuge_html(daten)
    ohne_namen = replace(daten, empfaenger=Empfaenger("", daten.empfaenger.anschrift))
    assert "Sehr geehrte Damen und Herren," in erzeuge_html(ohne_namen)
