"""Classification and extraction on generated documents of the development layouts (never layout E)."""

from __future__ import annotations

import pytest

from amtsweg.documents import extraktion, klassifikation, text
from amtsweg.documents.korpus import HELD_OUT, erzeuge
from amtsweg.documents.verarbeitung import verarbeite

# seeds far from the training seeds (< 20) and the evaluation seeds (>= 5000)
FAELLE = [("mietbescheinigung", "A", 901), ("lohnabrechnung", "B", 902), ("kontoauszug", "C", 903),
          ("rentenbescheid", "D", 904), ("schwerbehindertenausweis", "A", 905)]  # fmt: skip


@pytest.mark.parametrize(("typ", "layout", "seed"), FAELLE)
def test_verarbeite_text_pdf(typ: str, layout: str, seed: int) -> None:
    assert layout not in HELD_OUT[typ]
    dokument = erzeuge(typ, layout, seed)
    ergebnis = verarbeite(dokument.daten)
    assert ergebnis.typ == typ and ergebnis.konfidenz > 0.9
    gelesen = {v.feld: v for v in ergebnis.felder}
    wahr = {f: extraktion.wahrheit_text(w) for f, w in dokument.wahrheit["felder"].items()}
    assert {f: v.wert for f, v in gelesen.items() if f in wahr} == wahr
    for vorschlag in ergebnis.felder:  # evidence points at the characters the value was read from
        if vorschlag.pruefung == "abgeleitet":  # computed (a total not printed): the evidence is the sum
            assert vorschlag.text == "" and vorschlag.zeile.startswith("berechnet")
            continue
        seite = ergebnis.seiten[vorschlag.seite - 1]
        assert seite.text[vorschlag.spanne[0] : vorschlag.spanne[1]] == vorschlag.text
        assert vorschlag.box is not None and 0 < vorschlag.konfidenz <= 1


def test_verarbeite_scan_200_dpi() -> None:
    dokument = erzeuge("alg_bescheid", "B", 906, "scan_200")
    ergebnis = verarbeite(dokument.daten)
    assert ergebnis.typ == "alg_bescheid" and {s.quelle for s in ergebnis.seiten} == {"ocr"}
    gelesen = {v.feld: v.wert for v in ergebnis.felder}
    wahr = {f: extraktion.wahrheit_text(w) for f, w in dokument.wahrheit["felder"].items()}
    assert sum(gelesen.get(f) == w for f, w in wahr.items()) >= len(wahr) - 1


def test_training_auf_kleiner_stichprobe() -> None:
    """The training code itself: a few documents per type suffice to separate the types."""
    typen = ["mietbescheinigung", "lohnabrechnung", "rentenbescheid", "kontoauszug", "sonstiges"]
    beispiele = []
    for typ in typen:
        for seed in (1, 2, 3):
            dokument = erzeuge(typ, "ABCD"[seed], 950 + seed)
            beispiele.append((typ, text.lies_text(dokument.daten), dokument.wahrheit["felder"]))
    texte = ["\n".join(s.text for s in seiten) for _, seiten, _ in beispiele]
    modell = klassifikation.trainiere(
        texte, [t for t, _, _ in beispiele], texte[::3], [b[0] for b in beispiele][::3]
    )
    probe = erzeuge("lohnabrechnung", "A", 960)
    seiten = text.lies_text(probe.daten)
    typ, konfidenz = modell.klassifiziere("\n".join(s.text for s in seiten))
    assert typ == "lohnabrechnung" and 0.2 < konfidenz <= 1
    felder = extraktion.trainiere(beispiele)
    vorschlaege = {v.feld: v.wert for v in extraktion.extrahiere("lohnabrechnung", seiten, felder)}
    assert vorschlaege["iban"] == probe.wahrheit["felder"]["iban"]
    assert vorschlaege["abrechnungsmonat"] == probe.wahrheit["felder"]["abrechnungsmonat"]
