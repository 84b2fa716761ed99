"""Demo authority, users and Vorgänge in every status (for `amtsweg demo` and the tests)."""

from __future__ import annotations

import datetime as dt
import secrets
from dataclasses import dataclass
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from amtsweg.cases import dienste, entscheidung, konten, rechte
from amtsweg.cases.modelle import Behoerde, Benutzer, Vorgang


@dataclass(frozen=True, slots=True)
class Demokonten:
    behoerde: Behoerde
    andere_behoerde: Behoerde
    buergerin: Benutzer
    buerger2: Benutzer
    sachbearbeitung: Benutzer
    teamleitung: Benutzer
    fremde_sachbearbeitung: Benutzer
    passwoerter: dict[str, str]


def _rente_netto(rente: str) -> str:
    """Demo net pension: less the share of health and care insurance (7,3 % + 1,45 % half the average
    Zusatzbeitrag + 3,6 % Pflegeversicherung = 12,35 %), no income tax; an illustration, not a rule."""
    cent = round(int(rente.replace(".", "")) * (1 - 0.1235))
    return f"{cent // 100}.{cent % 100:02d}"


def haushalt(stichtag: dt.date, kosten: str = "470.00", rente: str = "1300.00") -> dict[str, Any]:
    return {
        "stichtag": stichtag.isoformat(),
        "wohnung": {
            "art": "miete",
            "kosten_monat": kosten,
            "gemeinde": "Ludwigshafen am Rhein",
            "land": "RP",
        },
        "personen": [
            {
                "id": "antragstellerin",
                "rolle": "antragsteller",
                "alter": 71,
                "einkommen": [{"art": "rente", "brutto_monat": rente, "netto_monat": _rente_netto(rente)}],
                "abzuege": ["kranken_pflegeversicherung"],
            },
        ],
    }


def _behoerde(s: Session, schluessel: str, name: str, ort: str, gebiet: list[str]) -> Behoerde:
    behoerde = Behoerde(
        zustaendigkeit=gebiet,
        schluessel=schluessel,
        name=name,
        anschrift=["Rathausplatz 1", f"67059 {ort}"],
        telefon="0621 000000",
        email=f"wohngeld@{schluessel}.example",
        leitung="Dr. Beispiel (Oberbürgermeisterin)",
        widerspruchsstelle=f"{name}, Rathausplatz 1, 67059 {ort}",
        gericht="Verwaltungsgericht Neustadt an der Weinstraße, Robert-Stolz-Straße 20, 67433 Neustadt",
        freigabe_ab_cent=30_000,
    )
    s.add(behoerde)
    s.flush()
    return behoerde


def lege_konten_an(s: Session, passwort: str | None = None) -> Demokonten:
    """Two authorities and one account per role; passwords random unless given (printed by the CLI)."""
    if s.scalar(select(Behoerde).where(Behoerde.schluessel == "demo-wohngeld")):
        raise ValueError("Die Demodaten sind bereits angelegt.")
    behoerde = _behoerde(
        s,
        "demo-wohngeld",
        "Stadtverwaltung Ludwigshafen am Rhein – Wohngeldstelle (Demo)",
        "Ludwigshafen am Rhein",
        ["RP|Ludwigshafen am Rhein, Stadt"],  # rows of the Anlage zu § 1 Abs. 3 WoGV (A-0080)
    )
    andere = _behoerde(
        s,
        "demo-andere",
        "Kreisverwaltung Beispielkreis – Wohngeldstelle (Demo)",
        "Beispielstadt",
        ["RP|Rhein-Pfalz-Kreis"],
    )
    passwoerter: dict[str, str] = {}

    def konto(
        email: str, name: str, rolle: str, behoerde_id: int | None, anschrift: list[str] | None = None
    ) -> Benutzer:
        passwoerter[email] = passwort or secrets.token_urlsafe(12)
        return konten.lege_an(
            s,
            email=email,
            name=name,
            passwort=passwoerter[email],
            rolle=rolle,
            behoerde_id=behoerde_id,
            anschrift=anschrift,
        )

    return Demokonten(
        behoerde=behoerde,
        andere_behoerde=andere,
        buergerin=konto(
            "erika@demo.example",
            "Erika Mustermann",
            rechte.BUERGER,
            None,
            ["Heinigstraße 12", "67059 Ludwigshafen am Rhein"],
        ),
        buerger2=konto(
            "max@demo.example",
            "Max Beispiel",
            rechte.BUERGER,
            None,
            ["Bahnhofstraße 3", "67059 Ludwigshafen"],
        ),
        sachbearbeitung=konto(
            "sachbearbeitung@demo.example", "Sam Sachbearbeitung", rechte.SACHBEARBEITUNG, behoerde.id
        ),
        teamleitung=konto("teamleitung@demo.example", "Tea Teamleitung", rechte.TEAMLEITUNG, behoerde.id),
        fremde_sachbearbeitung=konto("fremd@demo.example", "Fritz Fremd", rechte.SACHBEARBEITUNG, andere.id),
        passwoerter=passwoerter,
    )


def lege_vorgaenge_an(s: Session, k: Demokonten, heute: dt.date) -> list[Vorgang]:
    """One Vorgang per status of the procedure."""
    tag = heute.replace(day=1)
    sb, b = k.sachbearbeitung, k.buergerin
    v: list[Vorgang] = []
    neu = dienste.antrag_einreichen(
        s, b, k.behoerde, "wohngeld", haushalt(tag), bemerkung="Ich ziehe bald um."
    )
    v.append(neu)  # eingegangen
    nf = dienste.antrag_einreichen(s, b, k.behoerde, "wohngeld", haushalt(tag, "520.00"))
    dienste.nachfordern(
        s, sb, nf, "Bitte die aktuelle Mietbescheinigung einreichen.", heute + dt.timedelta(days=14)
    )
    v.append(nf)  # unvollstaendig
    pr = dienste.antrag_einreichen(s, k.buerger2, k.behoerde, "wohngeld", haushalt(tag, "430.00", "1250.00"))
    dienste.berechnen(s, sb, pr)
    v.append(pr)  # entscheidungsreif
    fr = dienste.antrag_einreichen(s, b, k.behoerde, "wohngeld", haushalt(tag, "560.00", "900.00"))
    dienste.berechnen(s, sb, fr)
    entscheidung.entscheiden(s, sb, fr, "bewilligung")
    v.append(fr)  # zur_freigabe (amount above the four-eyes limit)
    bs = dienste.antrag_einreichen(s, b, k.behoerde, "wohngeld", haushalt(tag))
    dienste.berechnen(s, sb, bs)
    entscheidung.entscheiden(s, sb, bs, "bewilligung")
    v.append(bs)  # beschieden
    ws = dienste.antrag_einreichen(s, k.buerger2, k.behoerde, "wohngeld", haushalt(tag, "480.00"))
    dienste.berechnen(s, sb, ws)
    entscheidung.entscheiden(s, sb, ws, "bewilligung")
    entscheidung.widerspruch_einlegen(s, k.buerger2, ws, "Meine Heizkosten sind gestiegen.")
    v.append(ws)  # widerspruch
    auto = dienste.antrag_einreichen(
        s, b, k.behoerde, "wohngeld", haushalt(tag), art="weiterleistung", vorgaenger=bs
    )
    v.append(auto)  # beschieden automatically (§ 31a SGB X)
    return v
