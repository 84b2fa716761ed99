"""The document types of the Nachweise and the fields the rules use from each (data minimisation: only
these are extracted). Shared by the reading pipeline and the corpus generator."""

from __future__ import annotations

TYPEN = (
    "mietbescheinigung",
    "mietvertrag",
    "lohnabrechnung",
    "rentenbescheid",
    "alg_bescheid",
    "kontoauszug",
    "schwerbehindertenausweis",
    "uvg_bescheid",
    "sonstiges",
)
FELDER: dict[str, tuple[str, ...]] = {
    "mietbescheinigung": (
        "kaltmiete",
        "nebenkosten",
        "heizkosten",
        "wohnflaeche",
        "mietbeginn",
        "vermieter",
        "anschrift",
        "gesamtmiete",
    ),
    "mietvertrag": (
        "kaltmiete",
        "nebenkosten",
        "heizkosten",
        "wohnflaeche",
        "mietbeginn",
        "vermieter",
        "anschrift",
        "gesamtmiete",
    ),
    "lohnabrechnung": (
        "brutto",
        "netto",
        "steuer",
        "sozialversicherung",
        "arbeitgeber",
        "abrechnungsmonat",
        "iban",
        "auszahlung",
    ),
    "rentenbescheid": ("rentenbetrag", "kv_pv_beitrag", "zahlbetrag", "gueltig_ab", "rentenbeginn"),
    "alg_bescheid": ("tagessatz", "zeitraum_von", "zeitraum_bis", "monatsbetrag"),
    "kontoauszug": ("iban", "kontostand", "zeitraum", "kontoinhaber"),
    "schwerbehindertenausweis": ("gdb", "merkzeichen", "gueltig_bis"),
    "uvg_bescheid": ("betrag_monat", "kind", "zeitraum_von"),
    "sonstiges": (),
}
#: fields added for real documents (issue 12) that the corpus generator does not print yet: their extractors
#: learn from the real-style development documents only (tuning split)
NICHT_IM_KORPUS = frozenset({"auszahlung", "gesamtmiete", "kontoinhaber", "rentenbeginn", "monatsbetrag"})


def korpus_felder(typ: str) -> tuple[str, ...]:
    """The fields of ``typ`` the corpus generator prints and records in its truth."""
    return tuple(f for f in FELDER[typ] if f not in NICHT_IM_KORPUS)


#: fields derived from another field's value rather than read on their own (kontoauszug: the period's end)
ABGELEITET: dict[str, dict[str, str]] = {"kontoauszug": {"zeitraum_bis": "zeitraum"}}
