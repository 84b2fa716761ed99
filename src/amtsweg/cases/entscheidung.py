"""Decisions: Entscheidung with four-eyes Freigabe, Zurückweisung, Widerspruch and its Abhilfeprüfung."""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session

from amtsweg.cases import rechte
from amtsweg.cases.bescheide import erstelle_bescheid
from amtsweg.cases.dienste import (
    Akteur,
    Verfahrensfehler,
    _protokoll,
    bewilligungszeitraum,
    letzte_berechnung,
    letzte_entscheidung,
    wechsle,
)
from amtsweg.cases.modelle import Behoerde, Benutzer, Bescheid, Entscheidung, Vorgang, Widerspruch, jetzt
from amtsweg.cases.status import BESCHIEDEN
from amtsweg.governance.audit import Aktion


class NachweiseUngeprueft(Verfahrensfehler):
    """A decision was asked for while Nachweise are unread or their read values unconfirmed, without the
    explicit confirmation (``vorbehalt``) that the decision does not rest on them."""

    def __init__(self, offen: list[str]) -> None:
        self.offen = offen
        super().__init__(
            "Nicht alle Nachweise sind gelesen und geprüft ("
            + "; ".join(offen)
            + "). Bitte prüfen Sie die Nachweise zuerst oder bestätigen Sie ausdrücklich mit Begründung, "
            "dass Sie trotzdem entscheiden."
        )


#: longest reason for deciding despite unchecked Nachweise
MAX_VORBEHALT = 2000


def entscheiden(
    s: Session,
    benutzer: Benutzer,
    vorgang: Vorgang,
    art: str,
    gruende: list[str] | None = None,
    *,
    vorbehalt: str = "",
) -> Entscheidung:
    """Decide on the latest Berechnung; four-eyes above the authority's limit and for every Ablehnung.

    While a Nachweis of the Vorgang is unread or has read values no person decided on, the decision needs
    ``vorbehalt``: the reason for deciding anyway; it is written to the audit trail with the open Nachweise
    (document ids and state, no file names)."""
    from amtsweg.documents.lesestand import offene_nachweise

    rechte.pruefe(rechte.darf_bearbeiten(benutzer, vorgang))
    offen = offene_nachweise(s, vorgang)
    vorbehalt = vorbehalt.strip()
    if offen and not vorbehalt:
        raise NachweiseUngeprueft([n.als_text() for n in offen])
    if len(vorbehalt) > MAX_VORBEHALT:
        raise Verfahrensfehler(f"Die Begründung ist zu lang (höchstens {MAX_VORBEHALT} Zeichen).")
    if art not in ("bewilligung", "teilbewilligung", "ablehnung"):
        raise Verfahrensfehler("Unbekannte Entscheidungsart.")
    berechnung = letzte_berechnung(s, vorgang)
    if berechnung is None:
        raise Verfahrensfehler("Vor der Entscheidung muss berechnet werden.")
    gruende = [g.strip() for g in (gruende or []) if g.strip()]
    if art in ("ablehnung", "teilbewilligung") and not gruende:
        raise Verfahrensfehler("Ablehnung und Teilbewilligung brauchen eine Begründung (§ 35 SGB X).")
    if art != "ablehnung" and berechnung.betrag_cent <= 0:
        raise Verfahrensfehler("Ohne errechneten Anspruch ist nur eine Ablehnung möglich.")
    behoerde = s.get_one(Behoerde, vorgang.behoerde_id)
    betrag = 0 if art == "ablehnung" else berechnung.betrag_cent
    vier_augen = art == "ablehnung" or betrag > behoerde.freigabe_ab_cent
    entscheidung = Entscheidung(
        vorgang_id=vorgang.id,
        berechnung_id=berechnung.id,
        art=art,
        betrag_cent=betrag,
        gruende=gruende,
        entschieden_von_id=benutzer.id,
        freigabe_erforderlich=vier_augen,
        **(bewilligungszeitraum(s, vorgang) if art != "ablehnung" else {}),
    )
    s.add(entscheidung)
    s.flush()
    akteur = Akteur.von(benutzer)
    _protokoll(
        s,
        Aktion.entscheidung,
        akteur,
        vorgang,
        art=art,
        betrag_cent=betrag,
        freigabe=vier_augen,
        regelwerk_version=berechnung.regelwerk_version,
        **(
            {
                "ungepruefte_nachweise": [{"dokument_id": n.dokument_id, "stand": n.grund} for n in offen],
                "vorbehalt": vorbehalt,
            }
            if offen
            else {}
        ),
    )
    if vier_augen:
        wechsle(s, vorgang, "zur_freigabe_vorlegen", akteur)
    else:
        wechsle(s, vorgang, "entscheiden", akteur)
        erstelle_bescheid(s, vorgang, entscheidung)
    return entscheidung


#: art of the Entscheidung row that records closing an Änderungsmitteilung without a new decision
KEINE_NEUENTSCHEIDUNG = "keine_neuentscheidung"


def ohne_neuentscheidung(s: Session, benutzer: Benutzer, vorgang: Vorgang, grund: str) -> Entscheidung:
    """Close an Änderungsmitteilung that does not change the Wohngeld (e.g. below the thresholds of
    § 27 Abs. 1 and 2 WoGG): the running Bewilligung stays; the reason is stored and shown to the
    citizen. No Bescheid is issued (A-0063)."""
    rechte.pruefe(rechte.darf_bearbeiten(benutzer, vorgang))
    if vorgang.art != "aenderung":
        raise Verfahrensfehler(
            "Nur eine Änderungsmitteilung kann ohne neue Entscheidung abgeschlossen werden."
        )
    grund = grund.strip()
    if not grund or len(grund) > 2000:
        raise Verfahrensfehler(
            "Bitte begründen Sie, warum nicht neu entschieden wird (höchstens 2000 Zeichen)."
        )
    entscheidung = Entscheidung(
        vorgang_id=vorgang.id,
        art=KEINE_NEUENTSCHEIDUNG,
        betrag_cent=0,
        gruende=[grund],
        entschieden_von_id=benutzer.id,
    )
    s.add(entscheidung)
    s.flush()
    akteur = Akteur.von(benutzer)
    _protokoll(
        s, Aktion.entscheidung, akteur, vorgang, art=KEINE_NEUENTSCHEIDUNG, betrag_cent=0, freigabe=False
    )
    wechsle(s, vorgang, "ohne_neuentscheidung", akteur)
    return entscheidung


def offene_entscheidung(s: Session, vorgang: Vorgang) -> Entscheidung:
    entscheidung = letzte_entscheidung(s, vorgang.id)
    if entscheidung is None or not entscheidung.freigabe_erforderlich or entscheidung.freigegeben_am:
        raise Verfahrensfehler("Es liegt keine Entscheidung zur Freigabe vor.")
    return entscheidung


def freigeben(s: Session, teamleitung: Benutzer, vorgang: Vorgang) -> Entscheidung:
    rechte.pruefe(rechte.darf_freigeben(teamleitung, vorgang))
    entscheidung = offene_entscheidung(s, vorgang)
    if entscheidung.entschieden_von_id == teamleitung.id:
        raise Verfahrensfehler(
            "Vier-Augen-Prinzip: die eigene Entscheidung kann nicht selbst freigegeben werden."
        )
    entscheidung.freigegeben_von_id = teamleitung.id
    entscheidung.freigegeben_am = jetzt()
    akteur = Akteur.von(teamleitung)
    _protokoll(s, Aktion.freigabe, akteur, vorgang, entscheidung_id=entscheidung.id)
    wechsle(s, vorgang, "freigeben", akteur)
    erstelle_bescheid(s, vorgang, entscheidung)
    return entscheidung


def zurueckweisen(s: Session, teamleitung: Benutzer, vorgang: Vorgang, grund: str) -> None:
    rechte.pruefe(rechte.darf_freigeben(teamleitung, vorgang))
    offene_entscheidung(s, vorgang)
    akteur = Akteur.von(teamleitung)
    _protokoll(s, Aktion.freigabe_abgelehnt, akteur, vorgang, grund=grund[:2000])
    wechsle(s, vorgang, "zurueckweisen", akteur)


def widerspruch_einlegen(s: Session, buerger: Benutzer, vorgang: Vorgang, begruendung: str) -> Widerspruch:
    rechte.pruefe(vorgang.antragsteller_id == buerger.id)
    if vorgang.status != BESCHIEDEN:
        raise Verfahrensfehler("Widerspruch ist nur gegen einen erlassenen Bescheid möglich.")
    if not begruendung.strip() or len(begruendung) > 10_000:
        raise Verfahrensfehler("Bitte begründen Sie den Widerspruch (höchstens 10 000 Zeichen).")
    bescheid = s.scalar(
        select(Bescheid).where(Bescheid.vorgang_id == vorgang.id).order_by(Bescheid.id.desc())
    )
    widerspruch = Widerspruch(
        vorgang_id=vorgang.id,
        bescheid_id=bescheid.id if bescheid else None,
        begruendung=begruendung.strip(),
        eingelegt_von_id=buerger.id,
    )
    s.add(widerspruch)
    akteur = Akteur.von(buerger)
    fristgerecht = (
        bescheid is None
        or bescheid.rechtsbehelfsfrist is None
        or (jetzt().date() <= bescheid.rechtsbehelfsfrist)
    )
    _protokoll(s, Aktion.widerspruch, akteur, vorgang, fristgerecht=fristgerecht)
    wechsle(s, vorgang, "widerspruch", akteur)
    return widerspruch


def widerspruch_pruefen(s: Session, benutzer: Benutzer, vorgang: Vorgang) -> None:
    """Reopen the Vorgang for a new check (Abhilfeprüfung)."""
    rechte.pruefe(rechte.darf_bearbeiten(benutzer, vorgang))
    wechsle(s, vorgang, "wieder_pruefen", Akteur.von(benutzer))
