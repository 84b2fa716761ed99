"""Services of the procedure: every state change checks rights, follows the status table, and writes
an audit event in the same transaction (nothing half-written)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass, replace
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from amtsweg.cases import rechte, zustaendigkeit
from amtsweg.cases.automatisierung import Automatisierungsregeln, pruefe
from amtsweg.cases.fehler import Verfahrensfehler as Verfahrensfehler  # re-exported
from amtsweg.cases.modelle import (
    Behoerde,
    Benutzer,
    Berechnung,
    Dokument,
    Entscheidung,
    Nachforderung,
    Vorgang,
    jetzt,
)
from amtsweg.cases.status import (
    EINGEGANGEN,
    ENTSCHEIDUNGSREIF,
    IN_PRUEFUNG,
    UNVOLLSTAENDIG,
    WIDERSPRUCH,
    uebergang,
)
from amtsweg.governance import schalter
from amtsweg.governance.audit import Aktion, protokolliere

KUERZEL = {"wohngeld": "WG", "grundsicherung": "GS", "kinderzuschlag": "KZ"}
LEISTUNGEN = ("wohngeld",)  # others plug in through RECHNER below


#: called after an upload was registered, in the same transaction (e.g. enqueue reading the document)
NACH_UPLOAD: list[Callable[[Session, Dokument], object]] = []
#: statuses in which Nachweise may still be uploaded
UPLOAD_STATUS = (EINGEGANGEN, UNVOLLSTAENDIG, IN_PRUEFUNG, ENTSCHEIDUNGSREIF, WIDERSPRUCH)


@dataclass(frozen=True, slots=True)
class Akteur:
    """Who acts: a user, or the system for automated steps."""

    kennung: str
    rolle: str
    benutzer: Benutzer | None = None

    @classmethod
    def von(cls, benutzer: Benutzer) -> Akteur:
        return cls(benutzer.email, benutzer.rolle, benutzer)


SYSTEM = Akteur("system", "system")


def _protokoll(s: Session, aktion: Aktion, akteur: Akteur, vorgang: Vorgang | None, **daten: Any) -> None:
    version = daten.pop("regelwerk_version", None)
    protokolliere(
        s,
        aktion,
        akteur=akteur.kennung,
        rolle=akteur.rolle,
        vorgang=vorgang.nummer if vorgang else None,
        daten=daten,
        regelwerk_version=version,
    )


def wechsle(s: Session, vorgang: Vorgang, aktion: str, akteur: Akteur, **daten: Any) -> None:
    schritt = uebergang(vorgang.status, aktion)
    vorgang.status = schritt.nach
    _protokoll(
        s,
        Aktion.status_geaendert,
        akteur,
        vorgang,
        von=schritt.von,
        nach=schritt.nach,
        schritt=aktion,
        **daten,
    )


def lade_vorgang(s: Session, nummer: str, benutzer: Benutzer) -> Vorgang:
    """The Vorgang if ``benutzer`` may see it; else KeinZugriff (same message as for unknown numbers)."""
    vorgang = s.scalar(select(Vorgang).where(Vorgang.nummer == nummer))
    if vorgang is None or not rechte.darf_sehen(benutzer, vorgang):
        if vorgang is not None:
            _protokoll(s, Aktion.zugriff_verweigert, Akteur.von(benutzer), vorgang)
        raise rechte.KeinZugriff()
    return vorgang


def berechne_leistung(leistung: str, daten: dict[str, Any]) -> tuple[dict[str, Any], int, str]:
    """Run the rules: (result JSON, monthly amount in cents, regelwerk_version). Raises Eingabefehler."""
    if leistung != "wohngeld":
        raise Verfahrensfehler(f"Die Leistung „{leistung}“ ist im Verfahren noch nicht verfügbar.")
    from amtsweg.rules.wohngeld import berechne_wohngeld

    ergebnis = berechne_wohngeld(daten)
    betrag = int(ergebnis["wohngeld"]["betrag_monat"].replace(".", ""))
    return ergebnis, betrag, ergebnis["regelwerk_version"]


def antrag_einreichen(
    s: Session,
    buerger: Benutzer,
    behoerde: Behoerde,
    leistung: str,
    daten: dict[str, Any],
    *,
    art: str = "erstantrag",
    vorgaenger: Vorgang | None = None,
    bemerkung: str = "",
    regeln: Automatisierungsregeln | None = None,
    angaben: dict[str, Any] | None = None,
) -> Vorgang:
    """Create the Vorgang (status eingegangen) from a validated Antrag; decide automatically where allowed.
    A household outside the authority's area is accepted (§ 16 Abs. 2 SGB I) but never decided
    automatically: staff get the reason to forward it (A-0080)."""
    if buerger.rolle != rechte.BUERGER:
        raise Verfahrensfehler("Anträge werden von Bürgerinnen und Bürgern gestellt.")
    if art not in ("erstantrag", "weiterleistung", "aenderung"):
        raise Verfahrensfehler("Unbekannte Antragsart.")
    if vorgaenger is not None and vorgaenger.antragsteller_id != buerger.id:
        raise rechte.KeinZugriff()
    if len(bemerkung) > 5000:
        raise Verfahrensfehler("Die Bemerkung ist zu lang (höchstens 5000 Zeichen).")
    ergebnis, betrag, version = berechne_leistung(leistung, daten)  # validates the data
    vorgang = Vorgang(
        nummer=f"neu-{dt.datetime.now(dt.UTC).timestamp()}-{buerger.id}",
        behoerde_id=behoerde.id,
        antragsteller_id=buerger.id,
        leistung=leistung,
        art=art,
        vorgaenger_id=vorgaenger.id if vorgaenger else None,
        status=EINGEGANGEN,
        daten=daten,
        bemerkung=bemerkung,
        angaben=dict(angaben or {}),
        frist=(jetzt() + dt.timedelta(days=30)).date(),
    )
    s.add(vorgang)
    s.flush()
    vorgang.nummer = f"{KUERZEL.get(leistung, 'XX')}-{vorgang.eingegangen_am:%Y}-{vorgang.id:06d}"
    _protokoll(s, Aktion.antrag_eingereicht, Akteur.von(buerger), vorgang, leistung=leistung, art=art)
    regeln = regeln or Automatisierungsregeln(hoechstbetrag_cent=behoerde.freigabe_ab_cent)
    if not schalter.ist_aktiv(s, "automatisierung"):  # switched off (governance): every case to a person
        regeln = replace(regeln, aktiv=False)
    automat = pruefe(
        regeln,
        art=art,
        daten=daten,
        vorgaenger_daten=vorgaenger.daten if vorgaenger else None,
        bemerkung=bemerkung,
        dokumente=0,
        betrag_cent=betrag,
        weitere_gruende=tuple(filter(None, [zustaendigkeit.warnung(behoerde, daten)])),
    )
    vorgang.pruefgruende = list(automat.gruende)
    _protokoll(
        s,
        Aktion.automatisierung_geprueft,
        SYSTEM,
        vorgang,
        automatisch=automat.automatisch,
        gruende=list(automat.gruende),
    )
    if automat.automatisch:
        berechnung = _speichere_berechnung(s, vorgang, ergebnis, betrag, version, SYSTEM)
        entscheidung = Entscheidung(
            vorgang_id=vorgang.id,
            berechnung_id=berechnung.id,
            art="bewilligung",
            betrag_cent=betrag,
            automatisch=True,
            **bewilligungszeitraum(s, vorgang),
        )
        s.add(entscheidung)
        s.flush()
        vorgang.automatisch = True
        wechsle(s, vorgang, "automatisch_bescheiden", SYSTEM)
        _protokoll(
            s,
            Aktion.entscheidung,
            SYSTEM,
            vorgang,
            art="bewilligung",
            betrag_cent=betrag,
            automatisch=True,
            regelwerk_version=version,
        )
        from amtsweg.cases.bescheide import erstelle_bescheid

        erstelle_bescheid(s, vorgang, entscheidung)
    return vorgang


def letzte_entscheidung(s: Session, vorgang_id: int) -> Entscheidung | None:
    """The latest Entscheidung of a Vorgang (None before the first decision)."""
    return s.scalar(
        select(Entscheidung)
        .where(Entscheidung.vorgang_id == vorgang_id)
        .order_by(Entscheidung.id.desc())
        .limit(1)
    )


def bewilligungszeitraum(s: Session, vorgang: Vorgang) -> dict[str, dt.date]:
    """Bewilligungszeitraum: normally twelve months from the first of the month of the Stichtag
    (§ 25 WoGG); after an Änderungsmitteilung the new decision covers only the rest of the running
    Bewilligungszeitraum of the predecessor (§ 27 WoGG, see docs/auslegung/A-0063)."""
    von = dt.date.fromisoformat(str(vorgang.daten["stichtag"])).replace(day=1)
    bis = dt.date(von.year + 1, von.month, 1) - dt.timedelta(days=1)
    if vorgang.art == "aenderung" and vorgang.vorgaenger_id is not None:
        vorher = letzte_entscheidung(s, vorgang.vorgaenger_id)
        bisher = vorher.bewilligung_bis if vorher else None
        if bisher is not None and von <= bisher < bis:
            bis = bisher
    return {"bewilligung_von": von, "bewilligung_bis": bis}


def _speichere_berechnung(
    s: Session, vorgang: Vorgang, ergebnis: dict[str, Any], betrag: int, version: str, akteur: Akteur
) -> Berechnung:
    berechnung = Berechnung(
        vorgang_id=vorgang.id,
        stichtag=dt.date.fromisoformat(str(vorgang.daten["stichtag"])),
        ergebnis=ergebnis,
        betrag_cent=betrag,
        regelwerk_version=version,
        erstellt_von=akteur.kennung,
    )
    s.add(berechnung)
    s.flush()
    _protokoll(s, Aktion.berechnung, akteur, vorgang, betrag_cent=betrag, regelwerk_version=version)
    return berechnung


def berechnen(s: Session, benutzer: Benutzer, vorgang: Vorgang) -> Berechnung:
    rechte.pruefe(rechte.darf_bearbeiten(benutzer, vorgang))
    akteur = Akteur.von(benutzer)
    if vorgang.status == EINGEGANGEN:
        wechsle(s, vorgang, "pruefen", akteur)
    ergebnis, betrag, version = berechne_leistung(vorgang.leistung, vorgang.daten)
    berechnung = _speichere_berechnung(s, vorgang, ergebnis, betrag, version, akteur)
    wechsle(s, vorgang, "berechnen", akteur)
    return berechnung


def letzte_berechnung(s: Session, vorgang: Vorgang) -> Berechnung | None:
    abfrage = select(Berechnung).where(Berechnung.vorgang_id == vorgang.id).order_by(Berechnung.id.desc())
    return s.scalar(abfrage.limit(1))


def nachfordern(
    s: Session, benutzer: Benutzer, vorgang: Vorgang, beschreibung: str, frist: dt.date
) -> Nachforderung:
    rechte.pruefe(rechte.darf_bearbeiten(benutzer, vorgang))
    if not beschreibung.strip() or len(beschreibung) > 2000:
        raise Verfahrensfehler("Bitte beschreiben Sie die fehlenden Unterlagen (höchstens 2000 Zeichen).")
    if frist <= jetzt().date():
        raise Verfahrensfehler("Die Frist muss in der Zukunft liegen.")
    nachforderung = Nachforderung(
        vorgang_id=vorgang.id, beschreibung=beschreibung.strip(), frist=frist, erstellt_von_id=benutzer.id
    )
    s.add(nachforderung)
    vorgang.frist = frist
    wechsle(s, vorgang, "nachfordern", Akteur.von(benutzer))
    _protokoll(s, Aktion.nachforderung, Akteur.von(benutzer), vorgang, frist=frist.isoformat())
    return nachforderung


def offene_nachforderungen(s: Session, vorgang: Vorgang) -> list[Nachforderung]:
    return list(
        s.scalars(
            select(Nachforderung).where(
                Nachforderung.vorgang_id == vorgang.id, Nachforderung.erledigt_am.is_(None)
            )
        )
    )


def erinnere_faellige(s: Session, heute: dt.date) -> list[Nachforderung]:
    """Reminder job: open Nachforderungen whose deadline is within three days, reminded once."""
    faellig = s.scalars(
        select(Nachforderung).where(
            Nachforderung.erledigt_am.is_(None),
            Nachforderung.erinnert_am.is_(None),
            Nachforderung.frist <= heute + dt.timedelta(days=3),
        )
    )
    erinnert = []
    for nachforderung in faellig:
        nachforderung.erinnert_am = jetzt()
        vorgang = s.get_one(Vorgang, nachforderung.vorgang_id)
        _protokoll(s, Aktion.erinnerung, SYSTEM, vorgang, frist=nachforderung.frist.isoformat())
        erinnert.append(nachforderung)
    return erinnert


def dokument_registrieren(s: Session, benutzer: Benutzer, vorgang: Vorgang, dokument: Dokument) -> None:
    """Record an upload (already stored by cases.ablage); a citizen's upload settles open Nachforderungen."""
    rechte.pruefe(rechte.darf_sehen(benutzer, vorgang))
    if vorgang.status not in UPLOAD_STATUS:
        raise Verfahrensfehler("Zu diesem Vorgang können keine Unterlagen mehr eingereicht werden.")
    s.add(dokument)
    s.flush()
    _protokoll(
        s,
        Aktion.dokument_hochgeladen,
        Akteur.von(benutzer),
        vorgang,
        dokument_id=dokument.id,
        sha256=dokument.sha256,
        groesse=dokument.groesse,
    )
    for nachher in NACH_UPLOAD:
        nachher(s, dokument)
    if vorgang.status == UNVOLLSTAENDIG and benutzer.rolle == rechte.BUERGER:
        for nachforderung in offene_nachforderungen(s, vorgang):
            nachforderung.erledigt_am = jetzt()
        wechsle(s, vorgang, "unterlagen_eingegangen", Akteur.von(benutzer))


def zuweisen(s: Session, benutzer: Benutzer, vorgang: Vorgang) -> None:
    """Staff of the authority take over the Vorgang (it is then assigned to them); audited with the
    previous assignee. Taking over one's own Vorgang changes nothing; closed Vorgänge stay as they are."""
    from amtsweg.cases.status import ABGESCHLOSSEN

    rechte.pruefe(rechte.darf_bearbeiten(benutzer, vorgang))
    if vorgang.zugewiesen_an_id == benutzer.id:
        return
    if vorgang.status == ABGESCHLOSSEN:
        raise Verfahrensfehler("Ein abgeschlossener Vorgang kann nicht mehr übernommen werden.")
    vorher = s.get(Benutzer, vorgang.zugewiesen_an_id) if vorgang.zugewiesen_an_id else None
    vorgang.zugewiesen_an_id = benutzer.id
    _protokoll(
        s,
        Aktion.vorgang_zugewiesen,
        Akteur.von(benutzer),
        vorgang,
        an=benutzer.email,
        vorher=vorher.email if vorher else None,
    )
