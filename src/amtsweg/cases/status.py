"""The status table of a Vorgang, as data: (status, Aktion) -> new status. Illegal transitions raise."""

from __future__ import annotations

from dataclasses import dataclass

from amtsweg.cases.fehler import Verfahrensfehler

EINGEGANGEN = "eingegangen"
UNVOLLSTAENDIG = "unvollstaendig"
IN_PRUEFUNG = "in_pruefung"
ENTSCHEIDUNGSREIF = "entscheidungsreif"
ZUR_FREIGABE = "zur_freigabe"
BESCHIEDEN = "beschieden"
WIDERSPRUCH = "widerspruch"
ABGESCHLOSSEN = "abgeschlossen"
#: statuses in which a Vorgang still needs work (the default view of the staff queue)
OFFEN = (EINGEGANGEN, UNVOLLSTAENDIG, IN_PRUEFUNG, ENTSCHEIDUNGSREIF, ZUR_FREIGABE, WIDERSPRUCH)

#: Labels for citizens and staff (German UI).
BEZEICHNUNG = {
    EINGEGANGEN: "Eingegangen",
    UNVOLLSTAENDIG: "Unterlagen angefordert",
    IN_PRUEFUNG: "In Prüfung",
    ENTSCHEIDUNGSREIF: "Entscheidungsreif",
    ZUR_FREIGABE: "Zur Freigabe",
    BESCHIEDEN: "Beschieden",
    WIDERSPRUCH: "Widerspruch in Bearbeitung",
    ABGESCHLOSSEN: "Abgeschlossen",
}

UEBERGAENGE: dict[tuple[str, str], str] = {
    (EINGEGANGEN, "pruefen"): IN_PRUEFUNG,
    (EINGEGANGEN, "nachfordern"): UNVOLLSTAENDIG,
    (EINGEGANGEN, "automatisch_bescheiden"): BESCHIEDEN,
    (IN_PRUEFUNG, "nachfordern"): UNVOLLSTAENDIG,
    (IN_PRUEFUNG, "berechnen"): ENTSCHEIDUNGSREIF,
    (UNVOLLSTAENDIG, "unterlagen_eingegangen"): IN_PRUEFUNG,
    (UNVOLLSTAENDIG, "nachfordern"): UNVOLLSTAENDIG,
    (ENTSCHEIDUNGSREIF, "berechnen"): ENTSCHEIDUNGSREIF,
    (ENTSCHEIDUNGSREIF, "nachfordern"): UNVOLLSTAENDIG,
    (ENTSCHEIDUNGSREIF, "entscheiden"): BESCHIEDEN,
    (ENTSCHEIDUNGSREIF, "zur_freigabe_vorlegen"): ZUR_FREIGABE,
    (ZUR_FREIGABE, "freigeben"): BESCHIEDEN,
    (ZUR_FREIGABE, "zurueckweisen"): IN_PRUEFUNG,
    (BESCHIEDEN, "widerspruch"): WIDERSPRUCH,
    (BESCHIEDEN, "abschliessen"): ABGESCHLOSSEN,
    (WIDERSPRUCH, "wieder_pruefen"): IN_PRUEFUNG,
}
#: A citizen may withdraw the Antrag until it is decided.
for _status in (EINGEGANGEN, UNVOLLSTAENDIG, IN_PRUEFUNG, ENTSCHEIDUNGSREIF, ZUR_FREIGABE):
    UEBERGAENGE[(_status, "zuruecknehmen")] = ABGESCHLOSSEN
#: An Änderungsmitteilung that does not change the Wohngeld is closed without a new decision (A-0063);
#: the service allows it for that Antragsart only.
for _status in (EINGEGANGEN, UNVOLLSTAENDIG, IN_PRUEFUNG, ENTSCHEIDUNGSREIF):
    UEBERGAENGE[(_status, "ohne_neuentscheidung")] = ABGESCHLOSSEN


class UnzulaessigerUebergang(Verfahrensfehler):
    def __init__(self, status: str, aktion: str) -> None:
        erlaubt = sorted(a for (s, a) in UEBERGAENGE if s == status)
        super().__init__(
            f"Im Status „{BEZEICHNUNG.get(status, status)}“ ist „{aktion}“ nicht möglich"
            + (f"; möglich: {', '.join(erlaubt)}." if erlaubt else ".")
        )
        self.status = status
        self.aktion = aktion


@dataclass(frozen=True, slots=True)
class Uebergang:
    von: str
    aktion: str
    nach: str


def uebergang(status: str, aktion: str) -> Uebergang:
    try:
        return Uebergang(status, aktion, UEBERGAENGE[(status, aktion)])
    except KeyError:
        raise UnzulaessigerUebergang(status, aktion) from None


def moegliche_aktionen(status: str) -> list[str]:
    return sorted(a for (s, a) in UEBERGAENGE if s == status)
