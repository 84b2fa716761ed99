"""Arithmetic cross-checks of one document's fields (issue 12): choosing consistent values, deriving sums
printed only as parts, flagging inconsistent readings; and the calibrated confidence that uses them."""

from __future__ import annotations

from decimal import Decimal

from amtsweg.documents import extraktion, funde
from amtsweg.documents.querpruefung import Wahl, pruefe


def _w(*paare: tuple[str, float]) -> list[Wahl]:
    return [Wahl(w, p) for w, p in paare]


def test_lohn_konsistente_kombination_statt_einzelner_kv_zeile() -> None:
    """The KV line alone (139.20) scores best for Sozialversicherung, but only the total 333.60 makes
    brutto - steuer - sv = netto hold: the consistent combination wins."""
    ergebnis = pruefe(
        "lohnabrechnung",
        {
            "brutto": _w(("2100.00", 0.9)),
            "steuer": _w(("151.83", 0.8), ("1820.00", 0.1)),
            "sozialversicherung": _w(("139.20", 0.6), ("333.60", 0.3)),
            "netto": _w(("1614.57", 0.7)),
        },
    )
    assert ergebnis.werte["sozialversicherung"] == "333.60"
    assert set(ergebnis.status.values()) == {"stimmig"}


def test_lohn_unstimmig_wenn_nichts_aufgeht() -> None:
    ergebnis = pruefe(
        "lohnabrechnung",
        {
            "brutto": _w(("2100.00", 0.9)),
            "steuer": _w(("151.83", 0.8)),
            "sozialversicherung": _w(("139.20", 0.6)),
            "netto": _w(("1700.00", 0.7)),
        },
    )
    assert ergebnis.werte == {} and ergebnis.status["netto"] == "unstimmig"


def test_rente_kv_pv_aus_teilen_abgeleitet() -> None:
    """KV 7.3 %, Zusatzbeitrag and PV on three lines without a sum: kv_pv = rente - zahlbetrag, accepted
    because the difference equals the run of the three printed parts."""
    teile = [Decimal("117.72"), Decimal("11.29"), Decimal("57.25")]
    summen = {sum(teile[:2], Decimal(0)), sum(teile, Decimal(0)), sum(teile[1:], Decimal(0))}
    ergebnis = pruefe(
        "rentenbescheid",
        {
            "rentenbetrag": _w(("1612.66", 0.9)),
            "kv_pv_beitrag": _w(("117.72", 0.7)),
            "zahlbetrag": _w(("1426.40", 0.8)),
        },
        summen,
    )
    assert ergebnis.werte["kv_pv_beitrag"] == "186.26"
    assert ergebnis.status["kv_pv_beitrag"] == "abgeleitet" and ergebnis.status["zahlbetrag"] == "stimmig"
    assert "Teilbeträgen" in ergebnis.abgeleitet["kv_pv_beitrag"]
    # without the printed parts the difference is not accepted (it could be anything)
    ohne = pruefe("rentenbescheid", {"rentenbetrag": _w(("1612.66", 0.9)),
                                     "kv_pv_beitrag": _w(("117.72", 0.7)),
                                     "zahlbetrag": _w(("1426.40", 0.8))})  # fmt: skip
    assert "kv_pv_beitrag" not in ohne.werte and ohne.status["kv_pv_beitrag"] == "unstimmig"


def test_miete_gesamt_geprueft_oder_berechnet() -> None:
    teile = {
        "kaltmiete": _w(("612.00", 0.9)),
        "nebenkosten": _w(("180.00", 0.8)),
        "heizkosten": _w(("95.00", 0.8)),
    }
    gedruckt = pruefe("mietbescheinigung", {**teile, "gesamtmiete": _w(("792.00", 0.6), ("887.00", 0.3))})
    assert gedruckt.werte["gesamtmiete"] == "887.00" and gedruckt.status["gesamtmiete"] == "stimmig"
    berechnet = pruefe("mietbescheinigung", teile)
    assert berechnet.werte["gesamtmiete"] == "887.00" and berechnet.status["gesamtmiete"] == "abgeleitet"


def test_soll_saldo_negativ() -> None:
    werte = [f.wert for f in funde.FINDER["betrag"]("neuer Kontostand vom 28.02.2025   472,37 S")]
    assert werte == ["-472.37"]
    assert [f.wert for f in funde.FINDER["betrag"]("alter Kontostand   215,44 H")] == ["215.44"]


def test_kalibrierung_senkt_unstimmige_felder() -> None:
    """Fitted on outcomes where inconsistent fields are mostly wrong, the calibration scores an
    inconsistent field clearly lower than a consistent one of the same raw confidence."""
    roh = [0.8] * 40
    pruefungen = ["stimmig"] * 20 + ["unstimmig"] * 20
    richtig = [True] * 18 + [False] * 2 + [True] * 6 + [False] * 14
    k = extraktion.kalibriere(roh, richtig, pruefungen, [0.9] * 40)
    assert k(0.8, "stimmig", 0.9) > 0.75 > 0.4 > k(0.8, "unstimmig", 0.9)
    wieder = extraktion.Kalibrierung(k.a, k.b, k.pruefung, k.t)
    assert wieder(0.5, "abgeleitet", 0.7) == k(0.5, "abgeleitet", 0.7)
