"""The household description shared by every Leistung: JSON input and its columnar form."""

from amtsweg.rules.haushalt.eingabe import Einkommen, Haushalt, Person, Wohnung, lies_haushalt

__all__ = ["Einkommen", "Haushalt", "Person", "Wohnung", "lies_haushalt"]
