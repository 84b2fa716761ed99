"""Visit planning: ranked worklists per region/Aufsichtsperson within capacity, decisions, oversight.

The ranking is advice (``risiko_modell.HINWEIS``); the Aufsichtsperson accepts or skips each entry (a skip
needs a reason), and visit results are stored as new Besuche/Mängel that the next ``retrain`` learns from.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

import numpy as np
import pandas as pd
from sqlalchemy import select
from sqlalchemy.orm import Session

from amtsweg.prevention import modelle as m
from amtsweg.prevention.metriken import gruppenraten, psi
from amtsweg.prevention.risiko_daten import Bestand
from amtsweg.prevention.risiko_modell import HINWEIS

#: reasons an Aufsichtsperson can give for skipping an entry (free text may be added)
UEBERSPRING_GRUENDE = {
    "kuerzlich_beraten": "Betrieb wurde kürzlich beraten oder besucht",
    "betrieb_erloschen": "Betrieb existiert nicht mehr / keine Baustellen",
    "andere_prioritaet": "andere dringende Aufgabe (z. B. Unfalluntersuchung)",
    "daten_falsch": "Daten im Ranking sind falsch oder veraltet",
    "sonstiges": "sonstiger Grund (bitte erläutern)",
}
#: the deployed model's measured comparison (model card praevention-risiko, hit rate at 10 %, 2004–2008)
VERGLEICH_MODELLKARTE = (1.00, 0.92, 1.09)
DRIFT_SCHWELLE = 0.2  # PSI above this flags a shift that needs review


def erstelle_arbeitsliste(
    bewertet: pd.DataFrame, kapazitaet: int | dict[str, int], personen: dict[str, list[str]] | None = None
) -> pd.DataFrame:
    """Rank firms per region and keep the top ``kapazitaet`` (per region); spread them over the persons.

    ``bewertet`` needs ``betriebsnummer``, ``region``, ``wahrscheinlichkeit`` and optionally ``gruende``.
    """
    zeilen = []
    for region, teil in bewertet.groupby("region", sort=True):
        grenze = kapazitaet.get(str(region), 0) if isinstance(kapazitaet, dict) else kapazitaet
        oben = teil.sort_values(["wahrscheinlichkeit", "betriebsnummer"], ascending=[False, True]).head(
            grenze
        )
        leute = (personen or {}).get(str(region)) or [""]
        for rang, (_, zeile) in enumerate(oben.iterrows(), start=1):
            eintrag = zeile.to_dict()
            eintrag.update(rang=rang, aufsichtsperson=leute[(rang - 1) % len(leute)], hinweis=HINWEIS)
            zeilen.append(eintrag)
    return pd.DataFrame(zeilen)


def plan_speichern(
    sitzung: Session,
    liste: pd.DataFrame,
    version: str,
    stichtag: dt.date,
    kennzahlen: dict[str, Any] | None = None,
) -> m.Risikolauf:
    """Store a worklist; firms unknown to the database are created with their Betriebsnummer."""
    lauf = m.Risikolauf(modell_version=version, stichtag=stichtag, kennzahlen=kennzahlen or {})
    sitzung.add(lauf)
    sitzung.flush()
    for _, z in liste.iterrows():
        betrieb = sitzung.scalar(
            select(m.Mitgliedsbetrieb).where(m.Mitgliedsbetrieb.betriebsnummer == str(z["betriebsnummer"]))
        )
        if betrieb is None:
            betrieb = m.Mitgliedsbetrieb(betriebsnummer=str(z["betriebsnummer"]), region=str(z["region"]))
            sitzung.add(betrieb)
            sitzung.flush()
        sitzung.add(
            m.Besuchsplan(
                lauf_id=lauf.id,
                betrieb_id=betrieb.id,
                region=str(z["region"]),
                aufsichtsperson=str(z.get("aufsichtsperson", "")),
                rang=int(z["rang"]),
                wahrscheinlichkeit=float(z["wahrscheinlichkeit"]),
                gruende=list(z.get("gruende") or []),
            )
        )
    sitzung.flush()
    return lauf


def entscheide(
    sitzung: Session, plan_id: int, entscheidung: str, person: str, grund: str = "", erlaeuterung: str = ""
) -> m.Besuchsplan:
    """Accept (``angenommen``) or skip (``uebersprungen``, reason required) a worklist entry."""
    eintrag = sitzung.get(m.Besuchsplan, plan_id)
    if eintrag is None:
        raise ValueError(f"Der Eintrag {plan_id} der Arbeitsliste existiert nicht.")
    if entscheidung not in ("angenommen", "uebersprungen"):
        raise ValueError("Bitte wählen Sie „angenommen“ oder „uebersprungen“.")
    if not person.strip():
        raise ValueError("Bitte geben Sie an, wer entscheidet.")
    if entscheidung == "uebersprungen":
        if grund not in UEBERSPRING_GRUENDE:
            raise ValueError("Bitte wählen Sie einen Grund für das Überspringen.")
        if grund == "sonstiges" and len(erlaeuterung.strip()) < 5:
            raise ValueError("Bitte erläutern Sie den sonstigen Grund in einem Satz.")
    eintrag.entscheidung = entscheidung
    eintrag.begruendung = (
        f"{UEBERSPRING_GRUENDE[grund]}: {erlaeuterung}".strip(": ")
        if entscheidung == "uebersprungen"
        else erlaeuterung
    )
    eintrag.entschieden_von = person.strip()
    eintrag.entschieden_am = dt.datetime.now(dt.UTC)
    sitzung.flush()
    return eintrag


#: results of a visit as shown to the Aufsichtsperson
ERGEBNISSE = {
    "ohne_maengel": "ohne Mängel",
    "maengel": "Mängel festgestellt",
    "stilllegung": "Arbeiten eingestellt (Stilllegung)",
}


def besuch_erfassen(
    sitzung: Session,
    plan_id: int,
    datum: dt.date,
    ergebnis: str,
    person: str,
    maengel: list[dict[str, Any]] | None = None,
    bussgeld_cent: int = 0,
    beratung: str = "",
    folgetermin: dt.date | None = None,
) -> m.Besuch:
    """Record the visit that followed a worklist entry; its findings flow back as training data and its
    follow-up date into the next week plan (``wochenplan``)."""
    eintrag = sitzung.get(m.Besuchsplan, plan_id)
    if eintrag is None:
        raise ValueError(f"Der Eintrag {plan_id} der Arbeitsliste existiert nicht.")
    if ergebnis not in ERGEBNISSE:
        raise ValueError("Bitte wählen Sie das Ergebnis des Besuchs.")
    if not person.strip():
        raise ValueError("Bitte geben Sie an, wer besucht hat.")
    if folgetermin is not None and folgetermin <= datum:
        raise ValueError("Der Folgetermin muss nach dem Besuchstag liegen.")
    if ergebnis != "ohne_maengel" and not maengel:
        raise ValueError("Bitte beschreiben Sie mindestens einen festgestellten Mangel.")
    besuch = m.Besuch(
        betrieb_id=eintrag.betrieb_id,
        datum=datum,
        anlass="programm",
        aufsichtsperson=person,
        ergebnis=ergebnis,
        bussgeld_cent=bussgeld_cent,
        plan_id=plan_id,
        beratung=beratung.strip(),
        folgetermin=folgetermin,
    )
    sitzung.add(besuch)
    sitzung.flush()
    for mangel in maengel or []:
        sitzung.add(
            m.Mangel(
                besuch_id=besuch.id,
                vorschrift=str(mangel.get("vorschrift", "")),
                schwere=str(mangel.get("schwere", "sonstig")),
                bussgeld_cent=int(mangel.get("bussgeld_cent", 0)),
                beschreibung=str(mangel.get("beschreibung", "")),
            )
        )
    eintrag.entscheidung = "besucht"
    sitzung.flush()
    return besuch


def bestand_aus_db(sitzung: Session) -> Bestand:
    """Read the database tables back into the frames the risk model trains on."""
    b = pd.DataFrame(
        [
            (x.id, x.betriebsnummer, x.gewerk, x.groessenklasse, x.region)
            for x in sitzung.scalars(select(m.Mitgliedsbetrieb))
        ],
        columns=["id", "betriebsnummer", "gewerk", "groessenklasse", "region"],
    )
    nummer = dict(zip(b["id"], b["betriebsnummer"], strict=True))
    u = pd.DataFrame(
        [
            (nummer[x.betrieb_id], pd.Timestamp(x.datum), x.schwere, x.schilderung, x.ursache)
            for x in sitzung.scalars(select(m.Unfallanzeige))
        ],
        columns=["betriebsnummer", "datum", "schwere", "schilderung", "ursache"],
    )
    besuche = list(sitzung.scalars(select(m.Besuch)))
    v = pd.DataFrame(
        [
            (str(x.id), nummer[x.betrieb_id], pd.Timestamp(x.datum), x.anlass, x.bussgeld_cent)
            for x in besuche
        ],
        columns=["besuchsnummer", "betriebsnummer", "datum", "anlass", "bussgeld_cent"],
    )
    datum = dict(zip(v["besuchsnummer"], v["datum"], strict=True))
    mg = pd.DataFrame(
        [
            (str(x.besuch_id), x.vorschrift, datum[str(x.besuch_id)], x.schwere, x.bussgeld_cent)
            for x in sitzung.scalars(select(m.Mangel))
        ],
        columns=["besuchsnummer", "vorschrift", "datum", "schwere", "bussgeld_cent"],
    )
    return Bestand(b.drop(columns="id"), u, v, mg)


def aufsicht(rahmen: pd.DataFrame, gruppen: tuple[str, ...] = ("groessenklasse", "region")) -> dict[str, Any]:
    """Selection, hit and error rates per group (needs ``ausgewaehlt`` and ``ziel``)."""
    return {g: gruppenraten(rahmen, g) for g in gruppen if g in rahmen.columns}


def drift(referenz: pd.DataFrame, aktuell: pd.DataFrame, spalten: list[str]) -> dict[str, Any]:
    """PSI per feature between the training population and the population being scored."""
    werte = {
        s: round(psi(referenz[s].to_numpy(float), aktuell[s].to_numpy(float)), 4)
        for s in spalten
        if s in referenz.columns and s in aktuell.columns and np.isfinite(referenz[s]).all()
    }
    auffaellig = sorted((s for s, w in werte.items() if w > DRIFT_SCHWELLE), key=lambda s: -werte[s])
    return {"psi": werte, "auffaellig": auffaellig, "drift": bool(auffaellig), "schwelle": DRIFT_SCHWELLE}


def besuchsbogen_vorlage(sitzung: Session, plan_id: int) -> dict[str, str]:
    """Form values for the Besuchsbogen from a worklist entry: the firm and its reasons ("Faktor: Wert")."""
    eintrag = sitzung.get(m.Besuchsplan, plan_id)
    if eintrag is None:
        return {}
    betrieb = sitzung.get(m.Mitgliedsbetrieb, eintrag.betrieb_id)
    name = betrieb.name or betrieb.betriebsnummer if betrieb else ""
    zeilen = [f"Grund {i}: {g}" for i, g in enumerate(eintrag.gruende or [], start=1)]
    zeilen.append(f"Geschätzte Unfallwahrscheinlichkeit (3 Jahre): {eintrag.wahrscheinlichkeit:.0%}")
    return {"betrieb_name": name, "risikofaktoren": "\n".join(zeilen)}


def vergleich_mit_regel(kennzahlen: dict[str, Any] | None) -> str:
    """German sentence: the model against the simple rule "most prior accidents", from the run's key figures
    (``faktor_10``) or else the model card's measurement."""
    faktor = (kennzahlen or {}).get("faktor_10")
    if isinstance(faktor, int | float):
        wert = f"Faktor {faktor:.2f}".replace(".", ",") + " in der zeitlich getrennten Prüfung dieses Modells"
    else:
        f, u, o = VERGLEICH_MODELLKARTE
        wert = (
            f"Faktor {f:.2f}; 95-%-Intervall {u:.2f} bis {o:.2f}, OSHA-Daten 2004–2008, Modellkarte"
        ).replace(".", ",")
        faktor = f
    urteil = (
        "Die Rangfolge ist damit nicht nachweislich besser als diese Regel."
        if faktor < 1.1
        else "Die Rangfolge findet mehr Betriebe als diese Regel."
    )
    return (
        "Vergleich: Unter den 10 % am höchsten eingestuften Betrieben findet das Modell so viele Betriebe "
        f"mit späteren Unfällen wie die einfache Regel „meiste Unfälle bisher“ ({wert}). {urteil} Die "
        "Prozentwerte sind kalibrierte Schätzungen der Wahrscheinlichkeit eines weiteren Unfalls in 3 Jahren."
    )


def lauf_kennzahlen(sitzung: Session, lauf_id: int) -> dict[str, Any]:
    """Oversight figures of a worklist run: decisions (accept/skip rates by reason) and visit results
    (share of visits with findings = hit rate of the ranking in practice, follow-ups agreed)."""
    eintraege = list(sitzung.scalars(select(m.Besuchsplan).where(m.Besuchsplan.lauf_id == lauf_id)))
    besuche = list(
        sitzung.scalars(select(m.Besuch).where(m.Besuch.plan_id.in_([e.id for e in eintraege] or [-1])))
    )
    zaehlung = {z: sum(e.entscheidung == z for e in eintraege) for z in m.ENTSCHEIDUNGEN}
    gruende = {
        text: sum(
            e.entscheidung == "uebersprungen" and (e.begruendung or "").startswith(text) for e in eintraege
        )
        for text in UEBERSPRING_GRUENDE.values()
    }
    mit_maengeln = sum(b.ergebnis in ("maengel", "stilllegung") for b in besuche)
    return {
        "eintraege": len(eintraege),
        "entscheidungen": zaehlung,
        "uebersprungen_nach_grund": {k: v for k, v in gruende.items() if v},
        "besuche": len(besuche),
        "besuche_mit_maengeln": mit_maengeln,
        "trefferquote": mit_maengeln / len(besuche) if besuche else None,
        "folgetermine": sum(b.folgetermin is not None for b in besuche),
    }
