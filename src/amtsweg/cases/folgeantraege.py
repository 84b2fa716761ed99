"""Follow-up Anträge on a granted Vorgang: the Weiterleistungsantrag (§ 25 WoGG, next
Bewilligungszeitraum) and the Änderungsmitteilung (§ 27 WoGG, changes within the running one), and the
submission of a draft as Erstantrag, Weiterleistung or Änderung. Rights are checked here."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from amtsweg.cases import dienste, rechte, zustaendigkeit
from amtsweg.cases.buergerdienste import neuer_entwurf, speichere_entwurf
from amtsweg.cases.modelle import Antragsentwurf, Behoerde, Benutzer, Vorgang, jetzt
from amtsweg.cases.status import ABGESCHLOSSEN, BESCHIEDEN, WIDERSPRUCH
from amtsweg.rules.engine.fehler import Eingabefehler

#: key in a draft's data: the Vorgangsnummer whose Weiterleistung the draft applies for
WEITERLEISTUNG_VON = "weiterleistung_von"
#: keys in a draft's data: the Vorgangsnummer whose Bewilligung a change is reported for, and the
#: first day of the month from which the change applies (§ 27 Abs. 2 Satz 3 WoGG)
AENDERUNG_VON = "aenderung_von"
AENDERUNG_AB = "aenderung_ab"


def _monatsanfang(tag: dt.date) -> dt.date:
    return tag.replace(day=1)


def _naechster_monat(tag: dt.date) -> dt.date:
    return (tag.replace(day=1) + dt.timedelta(days=32)).replace(day=1)


def _bewilligung(s: Session, buerger: Benutzer, vorgang: Vorgang, was: str) -> tuple[dt.date, dt.date]:
    """(von, bis) of the citizen's decided Bewilligung in ``vorgang``; else Verfahrensfehler. A
    Bewilligung replaced by a decided Änderung is no longer the current one."""
    rechte.pruefe(vorgang.antragsteller_id == buerger.id)
    if vorgang.status != BESCHIEDEN:
        raise dienste.Verfahrensfehler(f"{was} ist erst möglich, wenn über den Antrag entschieden ist.")
    ersetzt_durch = s.scalar(
        select(Vorgang.nummer).where(
            Vorgang.vorgaenger_id == vorgang.id,
            Vorgang.art == "aenderung",
            Vorgang.status.in_((BESCHIEDEN, WIDERSPRUCH)),
        )
    )
    if ersetzt_durch:
        raise dienste.Verfahrensfehler(
            f"Über Ihr Wohngeld wurde nach Ihrer Änderungsmitteilung neu entschieden ({ersetzt_durch}). "
            "Bitte nutzen Sie dafür diesen Vorgang."
        )
    entscheidung = dienste.letzte_entscheidung(s, vorgang.id)
    if (
        entscheidung is None
        or entscheidung.art == "ablehnung"
        or entscheidung.bewilligung_von is None
        or entscheidung.bewilligung_bis is None
    ):
        raise dienste.Verfahrensfehler(
            f"{was} setzt eine Bewilligung voraus. Bitte stellen Sie einen neuen Antrag."
        )
    return entscheidung.bewilligung_von, entscheidung.bewilligung_bis


def _offener_folgeantrag(s: Session, vorgang: Vorgang, art: str) -> str | None:
    """Nummer of a follow-up Vorgang of this kind that is still pending (not decided, not withdrawn)."""
    return s.scalar(
        select(Vorgang.nummer).where(
            Vorgang.vorgaenger_id == vorgang.id,
            Vorgang.art == art,
            Vorgang.status.not_in((ABGESCHLOSSEN, BESCHIEDEN) if art == "aenderung" else (ABGESCHLOSSEN,)),
        )
    )


def folgeantraege(s: Session, buerger: Benutzer, vorgang: Vorgang) -> list[Vorgang]:
    """The citizen's Weiterleistungsanträge and Änderungsmitteilungen that follow ``vorgang``."""
    rechte.pruefe(vorgang.antragsteller_id == buerger.id)
    return list(
        s.scalars(
            select(Vorgang)
            .where(Vorgang.vorgaenger_id == vorgang.id, Vorgang.antragsteller_id == buerger.id)
            .order_by(Vorgang.id)
        )
    )


# --- Weiterleistungsantrag ----------------------------------------------------------------------


def weiterleistung_stichtag(bewilligung_bis: dt.date, heute: dt.date) -> dt.date:
    """First day of the month after the Bewilligungszeitraum ends, or of the current month if later."""
    return max(_naechster_monat(bewilligung_bis), _monatsanfang(heute))


def pruefe_weiterleistung(s: Session, buerger: Benutzer, vorgang: Vorgang, heute: dt.date) -> dt.date:
    """The Stichtag of a Weiterleistung of ``vorgang`` if the citizen may apply for one now; else
    Verfahrensfehler (not decided, no Bewilligung, or already applied for)."""
    _, bis = _bewilligung(s, buerger, vorgang, "Eine Weiterleistung")
    if folgeantrag := _offener_folgeantrag(s, vorgang, "weiterleistung"):
        raise dienste.Verfahrensfehler(
            f"Für diese Bewilligung haben Sie bereits die Weiterleistung beantragt ({folgeantrag})."
        )
    return weiterleistung_stichtag(bis, heute)


def _moeglich(pruefung: Callable[[], object]) -> bool:
    """Whether ``pruefung`` passes (for showing or hiding an offer on the status page)."""
    try:
        pruefung()
    except (dienste.Verfahrensfehler, rechte.KeinZugriff):
        return False
    return True


def darf_weiterleistung(s: Session, buerger: Benutzer, vorgang: Vorgang, heute: dt.date) -> bool:
    return _moeglich(lambda: pruefe_weiterleistung(s, buerger, vorgang, heute))


def weiterleistung_einreichen(s: Session, buerger: Benutzer, vorgaenger: Vorgang, heute: dt.date) -> Vorgang:
    """Weiterleistungsantrag with unchanged data (the citizen confirmed them): the previous Antrag with
    the new Stichtag, without a free-text statement, so the § 31a automation may decide at once."""
    stichtag = pruefe_weiterleistung(s, buerger, vorgaenger, heute)
    return dienste.antrag_einreichen(
        s,
        buerger,
        s.get_one(Behoerde, vorgaenger.behoerde_id),
        vorgaenger.leistung,
        {**vorgaenger.daten, "stichtag": stichtag.isoformat()},
        art="weiterleistung",
        vorgaenger=vorgaenger,
        angaben=dict(vorgaenger.angaben or {}),
    )


def weiterleistung_entwurf(
    s: Session, buerger: Benutzer, vorgaenger: Vorgang, daten: dict[str, Any], schritt: int, heute: dt.date
) -> Antragsentwurf:
    """A draft for a Weiterleistung with changed data, pre-filled with ``daten`` (the form's view of the
    previous Antrag) and open up to ``schritt``."""
    pruefe_weiterleistung(s, buerger, vorgaenger, heute)
    return _folgeentwurf(s, buerger, vorgaenger, {**daten, WEITERLEISTUNG_VON: vorgaenger.nummer}, schritt)


def _folgeentwurf(
    s: Session, buerger: Benutzer, vorgaenger: Vorgang, daten: dict[str, Any], schritt: int
) -> Antragsentwurf:
    entwurf = neuer_entwurf(s, buerger, vorgaenger.leistung)
    speichere_entwurf(s, entwurf, {**daten, "behoerde_id": vorgaenger.behoerde_id}, schritt)
    return entwurf


# --- Änderungsmitteilung (§ 27 WoGG) ------------------------------------------------------------


def aenderungsmonate(s: Session, buerger: Benutzer, vorgang: Vorgang, heute: dt.date) -> list[dt.date]:
    """Months (first days) from which a change can be reported for ``vorgang``: within the running
    Bewilligungszeitraum, from its start to its end; else Verfahrensfehler (no Bewilligung, period
    over, or a reported change still pending)."""
    von, bis = _bewilligung(s, buerger, vorgang, "Eine Änderungsmitteilung")
    if bis < heute:
        raise dienste.Verfahrensfehler(
            "Der Bewilligungszeitraum ist abgelaufen. Änderungen für die Zeit danach geben Sie bitte im "
            "Weiterleistungsantrag an."
        )
    if offen := _offener_folgeantrag(s, vorgang, "aenderung"):
        raise dienste.Verfahrensfehler(
            f"Ihre Änderungsmitteilung {offen} wird noch bearbeitet. Weitere Änderungen teilen Sie bitte "
            "dort als Nachricht oder nach der Entscheidung mit."
        )
    monate, monat = [], _monatsanfang(von)
    while monat <= bis:
        monate.append(monat)
        monat = _naechster_monat(monat)
    return monate


def darf_aenderung(s: Session, buerger: Benutzer, vorgang: Vorgang, heute: dt.date) -> bool:
    return _moeglich(lambda: aenderungsmonate(s, buerger, vorgang, heute))


def pruefe_aenderung(s: Session, buerger: Benutzer, vorgang: Vorgang, ab: dt.date, heute: dt.date) -> dt.date:
    """The Stichtag of an Änderung from ``ab`` (a month of the running Bewilligungszeitraum)."""
    monate = aenderungsmonate(s, buerger, vorgang, heute)
    if _monatsanfang(ab) not in monate:
        raise dienste.Verfahrensfehler(
            f"Der Monat der Änderung muss im Bewilligungszeitraum liegen ({monate[0]:%m/%Y} bis "
            f"{monate[-1]:%m/%Y})."
        )
    return _monatsanfang(ab)


def aenderung_entwurf(
    s: Session,
    buerger: Benutzer,
    vorgaenger: Vorgang,
    daten: dict[str, Any],
    ab: dt.date,
    schritt: int,
    heute: dt.date,
) -> Antragsentwurf:
    """A draft of an Änderungsmitteilung pre-filled with the granted data, to be changed in the form."""
    stichtag = pruefe_aenderung(s, buerger, vorgaenger, ab, heute)
    kennung = {AENDERUNG_VON: vorgaenger.nummer, AENDERUNG_AB: stichtag.isoformat()}
    return _folgeentwurf(s, buerger, vorgaenger, {**daten, **kennung}, schritt)


# --- submitting a draft -------------------------------------------------------------------------


def entwurf_art(entwurf: Antragsentwurf) -> tuple[str, str | None]:
    """("erstantrag" | "weiterleistung" | "aenderung", Vorgangsnummer of the predecessor or None)."""
    daten = entwurf.daten or {}
    if daten.get(AENDERUNG_VON):
        return "aenderung", str(daten[AENDERUNG_VON])
    if daten.get(WEITERLEISTUNG_VON):
        return "weiterleistung", str(daten[WEITERLEISTUNG_VON])
    return "erstantrag", None


def entwurf_stichtag(
    s: Session, buerger: Benutzer, entwurf: Antragsentwurf, heute: dt.date | None = None
) -> dt.date:
    """The Stichtag of the draft: for a Weiterleistung the day after the current Bewilligungszeitraum
    (see ``weiterleistung_stichtag``), for an Änderung the first of the month of the change, else the
    first day of the current month."""
    heute = heute or jetzt().date()
    art, nummer = entwurf_art(entwurf)
    if nummer is None:
        return _monatsanfang(heute)
    vorgaenger = dienste.lade_vorgang(s, nummer, buerger)
    if art == "aenderung":
        ab = dt.date.fromisoformat(str(entwurf.daten[AENDERUNG_AB]))
        return pruefe_aenderung(s, buerger, vorgaenger, ab, heute)
    return pruefe_weiterleistung(s, buerger, vorgaenger, heute)


def _zustaendige_behoerde(s: Session, gewaehlt: Behoerde, haushalt: dict[str, Any]) -> Behoerde:
    tag = dt.date.fromisoformat(str(haushalt["stichtag"]))
    zustaendig = zustaendigkeit.zustaendige_behoerden(s, haushalt.get("wohnung") or {}, tag)
    if not zustaendig:
        meldung = zustaendigkeit.keine_behoerde_meldung(haushalt.get("wohnung") or {}, tag)
        raise Eingabefehler("wohnung.gemeinde", meldung)
    return gewaehlt if gewaehlt in zustaendig else zustaendig[0]


def entwurf_einreichen(
    s: Session,
    buerger: Benutzer,
    entwurf: Antragsentwurf,
    haushalt: dict[str, Any],
    bemerkung: str,
    heute: dt.date | None = None,
    angaben: dict[str, Any] | None = None,
) -> Vorgang:
    """Submit the draft (validated Haushalt JSON); raises Eingabefehler for invalid data. A draft of a
    Weiterleistung or Änderung is submitted as such, with its Stichtag and its predecessor. A new Antrag
    goes only to an authority responsible for the Gemeinde (A-0080); without one it is refused."""
    if entwurf.benutzer_id != buerger.id or entwurf.eingereicht:
        raise rechte.KeinZugriff()
    behoerde = s.get_one(Behoerde, entwurf.behoerde_id)
    art, nummer = entwurf_art(entwurf)
    vorgaenger = dienste.lade_vorgang(s, nummer, buerger) if nummer else None
    if vorgaenger is not None:
        stichtag = entwurf_stichtag(s, buerger, entwurf, heute)
        haushalt = {**haushalt, "stichtag": stichtag.isoformat()}
    else:
        behoerde = _zustaendige_behoerde(s, behoerde, haushalt)
    vorgang = dienste.antrag_einreichen(
        s,
        buerger,
        behoerde,
        entwurf.leistung,
        haushalt,
        art=art,
        vorgaenger=vorgaenger,
        bemerkung=bemerkung,
        angaben=angaben,
    )
    entwurf.eingereicht = True
    return vorgang


def folgeantrag_einreichen(
    s: Session,
    buerger: Benutzer,
    behoerde: Behoerde,
    leistung: str,
    haushalt: dict[str, Any],
    art: str,
    vorgaenger: Vorgang | None,
    bemerkung: str = "",
    heute: dt.date | None = None,
) -> Vorgang:
    """Submission through the API: the same checks as in the portal. A Weiterleistung gets the Stichtag
    after the running Bewilligungszeitraum, an Änderung the first of the month of its ``stichtag``."""
    heute = heute or jetzt().date()
    if art == "erstantrag":
        if vorgaenger is not None:
            raise dienste.Verfahrensfehler("vorgaenger: Ein Erstantrag hat keinen früheren Antrag.")
        return dienste.antrag_einreichen(s, buerger, behoerde, leistung, haushalt, bemerkung=bemerkung)
    if vorgaenger is None:
        raise dienste.Verfahrensfehler(f"vorgaenger: Für die Antragsart „{art}“ fehlt der frühere Antrag.")
    if vorgaenger.behoerde_id != behoerde.id or vorgaenger.leistung != leistung:
        raise dienste.Verfahrensfehler(
            "behoerde: Folgeanträge gehen an dieselbe Behörde und betreffen dieselbe Leistung "
            "wie der frühere Antrag."
        )
    if art == "weiterleistung":
        stichtag = pruefe_weiterleistung(s, buerger, vorgaenger, heute)
    else:
        try:
            ab = dt.date.fromisoformat(str(haushalt.get("stichtag", "")))
        except ValueError:
            raise dienste.Verfahrensfehler(
                "haushalt.stichtag: Bitte geben Sie den Tag der Änderung als Datum an (JJJJ-MM-TT)."
            ) from None
        stichtag = pruefe_aenderung(s, buerger, vorgaenger, ab, heute)
    return dienste.antrag_einreichen(
        s,
        buerger,
        behoerde,
        leistung,
        {**haushalt, "stichtag": stichtag.isoformat()},
        art=art,
        vorgaenger=vorgaenger,
        bemerkung=bemerkung,
    )


def zustaendigkeit_festlegen(
    s: Session, buerger: Benutzer, entwurf: Antragsentwurf, wohnung: dict[str, Any], tag: dt.date
) -> str | None:
    """A new Antrag goes to the authority responsible for the Gemeinde (A-0080): it becomes the draft's
    authority; returns the citizen message when no connected authority is responsible. Folgeanträge
    stay with the authority of the predecessor (a move is flagged to staff on submission)."""
    if entwurf.benutzer_id != buerger.id:
        raise rechte.KeinZugriff()
    if entwurf_art(entwurf)[0] != "erstantrag":
        return None
    zustaendig = zustaendigkeit.zustaendige_behoerden(s, wohnung, tag)
    if not zustaendig:
        return zustaendigkeit.keine_behoerde_meldung(wohnung, tag)
    if entwurf.behoerde_id not in {b.id for b in zustaendig}:
        entwurf.behoerde_id = zustaendig[0].id
        s.flush()
    return None


def waehlbare_behoerden(
    s: Session, entwurf: Antragsentwurf, wohnung: dict[str, Any], tag: dt.date
) -> list[Behoerde]:
    """The authorities the summary step offers: the responsible ones for a new Antrag, else the
    predecessor's."""
    if entwurf_art(entwurf)[0] != "erstantrag":
        return [s.get_one(Behoerde, entwurf.behoerde_id)]
    return zustaendigkeit.zustaendige_behoerden(s, wohnung, tag)
