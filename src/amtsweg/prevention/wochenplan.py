"""Week plan of an Aufsichtsperson: which firms to visit on which day, in which order.

Transparent rules, no model of its own:
1. follow-up dates agreed on earlier visits (``Besuch.folgetermin``) that fall into the week come first, on
   their day;
2. then the latest worklist's open or accepted entries of the person (or unassigned entries of the region)
   in rank order, skipping firms visited in the last ``SPERRFRIST_TAGE`` days (the Aufsichtsperson already
   knows them) and skipped entries;
3. at most ``je_tag`` visits per working day (Monday–Friday);
4. route order within a day: by postcode, then place (a proxy for travel distance; no map data offline);
5. current sites from imported Vorankündigungen (§ 2 BaustellV): shown at each visit whose firm is named in
   Anhang I Nr. 9, and as a list of the region's active sites of the week.

A recorded visit therefore changes the next plan: the firm drops out for the blocking period, and its
follow-up date puts it back on that day.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field, replace

from sqlalchemy import select
from sqlalchemy.orm import Session

from amtsweg.prevention import modelle as m
from amtsweg.prevention.gefaehrdung.eingabe import arbeitstag_plus

SPERRFRIST_TAGE = 180
ARBEITSTAGE = 5


@dataclass(frozen=True, slots=True)
class Termin:
    datum: dt.date
    reihenfolge: int
    plan_id: int | None
    betriebsnummer: str
    name: str
    region: str
    plz: str
    ort: str
    anlass: str  # German: "Folgetermin aus dem Besuch vom …" or "Rang n der Arbeitsliste"
    wahrscheinlichkeit: float | None
    baustellen: tuple[str, ...] = ()  # active sites of the firm on that day (Vorankündigungen)


@dataclass(frozen=True, slots=True)
class Wochenplan:
    person: str
    montag: dt.date
    je_tag: int
    tage: list[tuple[dt.date, list[Termin]]]
    nicht_eingeplant: int  # open entries beyond the week's capacity
    baustellen: list[str] = field(default_factory=list)  # the region's sites active in the week

    @property
    def anzahl(self) -> int:
        return sum(len(t) for _, t in self.tage)


def montag_der_woche(tag: dt.date) -> dt.date:
    return tag - dt.timedelta(days=tag.weekday())


def erstelle_wochenplan(
    sitzung: Session, person: str, montag: dt.date, je_tag: int = 3, region: str = ""
) -> Wochenplan:
    """The week plan for ``person`` starting on ``montag`` (any date is moved back to its Monday)."""
    if not 1 <= je_tag <= 10:
        raise ValueError("Bitte geben Sie 1 bis 10 Besuche je Tag an.")
    montag = montag_der_woche(montag)
    tage = [montag + dt.timedelta(days=i) for i in range(ARBEITSTAGE)]
    plan: dict[dt.date, list[Termin]] = {t: [] for t in tage}
    belegt: set[int] = set()
    # 1. follow-up dates in this week
    folgen = sitzung.execute(
        select(m.Besuch, m.Mitgliedsbetrieb)
        .join(m.Mitgliedsbetrieb, m.Mitgliedsbetrieb.id == m.Besuch.betrieb_id)
        .where(m.Besuch.folgetermin >= tage[0], m.Besuch.folgetermin <= tage[-1])
        .order_by(m.Besuch.folgetermin, m.Besuch.id)
    )
    for besuch, betrieb in folgen:
        if region and betrieb.region != region:
            continue
        if besuch.aufsichtsperson and besuch.aufsichtsperson != person:
            continue
        assert besuch.folgetermin is not None
        plan[besuch.folgetermin].append(
            _termin(
                besuch.folgetermin,
                sitzung.get(m.Besuchsplan, besuch.plan_id) if besuch.plan_id else None,
                betrieb,
                f"Folgetermin aus dem Besuch vom {besuch.datum:%d.%m.%Y}",
            )
        )
        belegt.add(betrieb.id)
    # 2. worklist entries in rank order
    lauf = sitzung.scalar(select(m.Risikolauf).order_by(m.Risikolauf.id.desc()).limit(1))
    offen: list[tuple[m.Besuchsplan, m.Mitgliedsbetrieb]] = []
    if lauf is not None:
        kuerzlich = set(
            sitzung.scalars(
                select(m.Besuch.betrieb_id).where(
                    m.Besuch.datum > montag - dt.timedelta(days=SPERRFRIST_TAGE)
                )
            )
        )
        abfrage = (
            select(m.Besuchsplan, m.Mitgliedsbetrieb)
            .join(m.Mitgliedsbetrieb, m.Mitgliedsbetrieb.id == m.Besuchsplan.betrieb_id)
            .where(
                m.Besuchsplan.lauf_id == lauf.id,
                m.Besuchsplan.entscheidung.in_(("offen", "angenommen")),
                m.Besuchsplan.aufsichtsperson.in_((person, "")),
            )
            .order_by(m.Besuchsplan.wahrscheinlichkeit.desc(), m.Besuchsplan.rang)
        )
        if region:
            abfrage = abfrage.where(m.Besuchsplan.region == region)
        offen = [(e, b) for e, b in sitzung.execute(abfrage) if b.id not in belegt and b.id not in kuerzlich]
    rest = 0
    for eintrag, betrieb in offen:
        tag = next((t for t in tage if len(plan[t]) < je_tag), None)
        if tag is None:
            rest += 1
            continue
        plan[tag].append(
            _termin(tag, eintrag, betrieb, f"Rang {eintrag.rang} der Arbeitsliste ({eintrag.region})")
        )
    # 4. route order per day, 5. current sites
    aktiv = aktive_baustellen(sitzung, tage[0], tage[-1], region)
    geordnet = []
    for tag in tage:
        termine = sorted(plan[tag], key=lambda x: (x.plz or "99999", x.ort, x.betriebsnummer))
        geordnet.append(
            (
                tag,
                [
                    replace(x, reihenfolge=i, baustellen=_baustellen_des_betriebs(aktiv, x, tag))
                    for i, x in enumerate(termine, start=1)
                ],
            )
        )
    return Wochenplan(
        person=person,
        montag=montag,
        je_tag=je_tag,
        tage=geordnet,
        nicht_eingeplant=rest,
        baustellen=[_text(v) for v, _ in aktiv],
    )


def aktive_baustellen(
    sitzung: Session, von: dt.date, bis: dt.date, region: str = ""
) -> list[tuple[m.Vorankuendigung, dt.date]]:
    """Announced sites (with their last working day) that run on at least one day from ``von`` to ``bis``."""
    abfrage = select(m.Vorankuendigung).where(m.Vorankuendigung.beginn <= bis)
    if region:
        abfrage = abfrage.where(m.Vorankuendigung.region == region)
    ergebnis = []
    for v in sitzung.scalars(abfrage.order_by(m.Vorankuendigung.plz, m.Vorankuendigung.aktenzeichen)):
        ende = arbeitstag_plus(v.beginn, max(1, v.dauer_arbeitstage))
        if ende >= von:
            ergebnis.append((v, ende))
    return ergebnis


def _text(v: m.Vorankuendigung) -> str:
    return f"{v.plz} {v.ort}".strip() + f": {v.art_bauvorhaben} (Vorankündigung {v.aktenzeichen})"


def _baustellen_des_betriebs(
    aktiv: list[tuple[m.Vorankuendigung, dt.date]], t: Termin, tag: dt.date
) -> tuple[str, ...]:
    kennungen = {t.betriebsnummer.casefold(), t.name.casefold()} - {""}
    return tuple(
        _text(v)
        for v, ende in aktiv
        if v.beginn <= tag <= ende and kennungen & {u.casefold() for u in v.unternehmen or []}
    )


def _termin(tag: dt.date, eintrag: m.Besuchsplan | None, b: m.Mitgliedsbetrieb, anlass: str) -> Termin:
    return Termin(
        datum=tag,
        reihenfolge=0,
        plan_id=eintrag.id if eintrag else None,
        betriebsnummer=b.betriebsnummer,
        name=b.name,
        region=b.region,
        plz=b.plz,
        ort=b.ort,
        anlass=anlass,
        wahrscheinlichkeit=None
        if eintrag is None or anlass.startswith("Folge")
        else eintrag.wahrscheinlichkeit,
    )
