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
    ),
    "mietvertrag": (
        "kaltmiete",
        "nebenkosten",
        "heizkosten",
        "wohnflaeche",
        "mietbeginn",
        "vermieter",
        "anschrift",
    ),
    "lohnabrechnung": (
        "brutto",
        "netto",
        "steuer",
        "sozialversicherung",
        "arbeitgeber",
        "abrechnungsmonat",
        "iban",
    ),
    "rentenbescheid": ("rentenbetrag", "kv_pv_beitrag", "zahlbetrag", "gueltig_ab"),
    "alg_bescheid": ("tagessatz", "zeitraum_von", "zeitraum_bis"),
    "kontoauszug": ("iban", "kontostand", "zeitraum"),
    "schwerbehindertenausweis": ("gdb", "merkzeichen", "gueltig_bis"),
    "uvg_bescheid": ("betrag_monat", "kind", "zeitraum_von"),
    "sonstiges": (),
}
