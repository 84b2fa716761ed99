"""Deadline of the Rechtsbehelf: Bekanntgabe (§ 37 Abs. 2 SGB X) plus one month (§ 26 SGB X, §§ 187 ff. BGB).

Steps:

1. Bekanntgabe: a Bescheid sent by post within Germany, or sent electronically, is deemed notified on the
   **fourth** day after posting/sending (§ 37 Abs. 2 Satz 1 and 2 SGB X in the shipped text; § 37 Abs. 2a
   for retrieval from a portal counts four days from the notification as well). The letter's date is
   taken as the day of posting/sending. The deemed day is *not* moved off a weekend or holiday: the
   Bekanntgabefiktion is no deadline (BSG, 6.5.2010, B 14 AS 12/09 R).
2. The one-month deadline starts the day after the Bekanntgabe (§ 187 Abs. 1 BGB) and ends on the day of the
   next month with the same number as the day of Bekanntgabe (§ 188 Abs. 2 BGB); if that month lacks the day,
   on its last day (§ 188 Abs. 3 BGB).
3. If the end falls on a Saturday, Sunday or public holiday, the deadline ends on the next working day
   (§ 26 Abs. 3 SGB X; the same rule follows for the Widerspruch from § 57 Abs. 2 VwGO, § 222 Abs. 2 ZPO).

Public holidays modelled: only the nationwide ones (Neujahr, Karfreitag, Ostermontag, 1. Mai, Christi
Himmelfahrt, Pfingstmontag, Tag der Deutschen Einheit, 1. and 2. Weihnachtstag). Holidays that exist only in
some Länder (e.g. Heilige Drei Könige, Internationaler Frauentag, Fronleichnam, Mariä Himmelfahrt,
Weltkindertag, Reformationstag, Allerheiligen, Buß- und Bettag) are **not** modelled. An authority can list
the ones of its Land in ``Behoerde.landesfeiertage``; without that list, a deadline ending on such a holiday
is stated one working day too early (never too late) — configure the list before go-live.
"""

from __future__ import annotations

import calendar
from collections.abc import Collection
from datetime import date, timedelta
from functools import cache

from amtsweg.cases.bescheid.daten import Bescheiddaten

#: § 37 Abs. 2 SGB X: "am vierten Tag nach der Aufgabe zur Post" / "nach der Absendung".
TAGE_BIS_BEKANNTGABE = 4


def ostersonntag(jahr: int) -> date:
    """Easter Sunday (Gregorian calendar; anonymous Gregorian algorithm)."""
    a = jahr % 19
    b, c = divmod(jahr, 100)
    d, e = divmod(b, 4)
    f = (b + 8) // 25
    g = (b - f + 1) // 3
    h = (19 * a + b - d - g + 15) % 30
    i, k = divmod(c, 4)
    l_ = (32 + 2 * e + 2 * i - h - k) % 7
    m = (a + 11 * h + 22 * l_) // 451
    monat, tag = divmod(h + l_ - 7 * m + 114, 31)
    return date(jahr, monat, tag + 1)


@cache
def bundesweite_feiertage(jahr: int) -> frozenset[date]:
    ostern = ostersonntag(jahr)
    return frozenset(
        {
            date(jahr, 1, 1),
            ostern - timedelta(days=2),
            ostern + timedelta(days=1),
            date(jahr, 5, 1),
            ostern + timedelta(days=39),
            ostern + timedelta(days=50),
            date(jahr, 10, 3),
            date(jahr, 12, 25),
            date(jahr, 12, 26),
        }
    )


def ist_werktag(tag: date, landesfeiertage: Collection[date] = ()) -> bool:
    """Monday to Friday, not a nationwide public holiday and not one of the given Land holidays."""
    return tag.weekday() < 5 and tag not in bundesweite_feiertage(tag.year) and tag not in landesfeiertage


def naechster_werktag(tag: date, landesfeiertage: Collection[date] = ()) -> date:
    """The day itself if it is a working day, else the next working day (§ 26 Abs. 3 SGB X)."""
    while not ist_werktag(tag, landesfeiertage):
        tag += timedelta(days=1)
    return tag


def bekanntgabetag(absendung: date) -> date:
    """Deemed day of Bekanntgabe (§ 37 Abs. 2 SGB X); not shifted off weekends or holidays."""
    return absendung + timedelta(days=TAGE_BIS_BEKANNTGABE)


def monat_spaeter(ereignis: date) -> date:
    """End of a one-month deadline starting with an event (§ 187 Abs. 1, § 188 Abs. 2 and 3 BGB)."""
    jahr, monat = (ereignis.year + 1, 1) if ereignis.month == 12 else (ereignis.year, ereignis.month + 1)
    letzter = calendar.monthrange(jahr, monat)[1]
    return date(jahr, monat, min(ereignis.day, letzter))


def fristende(ereignis: date, landesfeiertage: Collection[date] = ()) -> date:
    """One month after the event, moved to the next working day (§ 26 Abs. 1 and 3 SGB X)."""
    return naechster_werktag(monat_spaeter(ereignis), landesfeiertage)


def bekanntgabe(daten: Bescheiddaten) -> date:
    """Deemed Bekanntgabe of this Bescheid; the letter's date counts as the day of posting or sending."""
    return bekanntgabetag(daten.datum)


def rechtsbehelfsfrist(daten: Bescheiddaten) -> date:
    """Last day for the Widerspruch (or the Klage where the Vorverfahren is abolished)."""
    return fristende(bekanntgabe(daten), daten.behoerde.landesfeiertage)
