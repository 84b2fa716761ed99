"""Build a complete Gefährdungsbeurteilung in the seven steps (GDA-Leitlinie; praevention.md § 3.2).

Risk levels, deadlines and review dates are proposals of the assistant; the employer decides and stays
responsible (§§ 3, 5, 6 ArbSchG).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any

from amtsweg.prevention.gefaehrdung import expositionen, schwellen, sonderregeln
from amtsweg.prevention.gefaehrdung.baustellv import baustellv
from amtsweg.prevention.gefaehrdung.eingabe import GRUPPEN, Baustelle, arbeitstag_plus
from amtsweg.prevention.gefaehrdung.risikomatrix import einstufen
from amtsweg.prevention.gefaehrdung.schwellen import Befund
from amtsweg.prevention.gefaehrdung.wissensbasis import (
    STOP_NAMEN,
    Gefaehrdung,
    Massnahme,
    Wissensbasis,
    lade_wissensbasis,
)

SCHRITTE = (
    ("Arbeitsbereiche und Tätigkeiten festlegen", "§ 5 Abs. 2 ArbSchG"),
    ("Gefährdungen ermitteln", "§ 5 Abs. 3 ArbSchG"),
    ("Gefährdungen beurteilen", "§ 5 Abs. 1 ArbSchG"),
    ("Maßnahmen festlegen", "§ 4 ArbSchG; § 4 Abs. 2 BetrSichV (Rangfolge)"),
    ("Maßnahmen durchführen", "§ 3 Abs. 1 ArbSchG"),
    ("Wirksamkeit prüfen", "§ 3 Abs. 1 Satz 2 ArbSchG; § 4 Abs. 5 BetrSichV"),
    ("Gefährdungsbeurteilung fortschreiben", "§ 3 Abs. 7 BetrSichV; § 3 Abs. 1 ArbSchG"),
)
FORTSCHREIBEN_ANLAESSE = (
    (
        "Sicherheitsrelevante Änderungen der Arbeitsbedingungen oder der Arbeitsmittel (neuer Bauabschnitt, "
        "neues Gewerk, neue Maschine)",
        "§ 3 Abs. 7 Satz 4 Nr. 1 BetrSichV",
    ),
    (
        "Neue Erkenntnisse, insbesondere aus Unfällen, Beinaheunfällen oder der "
        "arbeitsmedizinischen Vorsorge",
        "§ 3 Abs. 7 Satz 4 Nr. 2 BetrSichV",
    ),
    (
        "Die Wirksamkeitsprüfung zeigt, dass Maßnahmen nicht wirksam oder nicht ausreichend sind",
        "§ 3 Abs. 7 Satz 4 Nr. 3 BetrSichV",
    ),
    (
        "Ohne Änderungsbedarf: Datum der Überprüfung in der Dokumentation vermerken",
        "§ 3 Abs. 7 Satz 5 BetrSichV",
    ),
)
RISIKO_TEXT = {"gering": "gering", "mittel": "mittel", "hoch": "hoch"}


@dataclass(frozen=True, slots=True)
class Massnahmenzeile:
    massnahme: Massnahme
    verantwortlich: str
    frist: dt.date
    schluessel: str = ""  # "taetigkeit.gefaehrdung.n", stable within a knowledge-base version
    festgelegt: bool = False  # person and deadline entered by the firm (else the assistant's proposal)

    @property
    def stop_name(self) -> str:
        return STOP_NAMEN[self.massnahme.stop]


@dataclass(frozen=True, slots=True)
class Zeile:
    nummer: str  # running number "3.2"
    taetigkeit: str
    gefaehrdung: Gefaehrdung
    faktor_name: str
    risiko: str
    risiko_grund: str
    massnahmen: tuple[Massnahmenzeile, ...]
    pruefdatum: dt.date


@dataclass(frozen=True, slots=True)
class Schritt:
    nummer: int
    titel: str
    norm: str


@dataclass(slots=True)
class Gefaehrdungsbeurteilung:
    baustelle: Baustelle
    erstellt: dt.date
    version: str
    ende: dt.date
    taetigkeiten: list[tuple[str, str]]  # (id, name) incl. the general site entry
    gruppen: list[str]
    zeilen: list[Zeile]
    befunde: list[Befund]
    faktoren: list[tuple[str, str, list[str]]]  # (nr, name, hazard numbers) for all 11 groups
    naechste_ueberpruefung: dt.date
    schritte: tuple[Schritt, ...] = tuple(Schritt(i + 1, t, n) for i, (t, n) in enumerate(SCHRITTE))
    anlaesse: tuple[tuple[str, str], ...] = FORTSCHREIBEN_ANLAESSE
    unbestaetigt: list[str] = field(default_factory=list)
    #: set when reopened from the firm's storage: version number and history (version, date, reason)
    fassung: int | None = None
    fortschreibungen: list[tuple[int, dt.date, str]] = field(default_factory=list)
    #: findings that forbid the work as described: "Sofort stoppen / nicht beginnen"
    sofort_stoppen: list[Befund] = field(default_factory=list)

    def als_dict(self) -> dict[str, Any]:
        """JSON-ready structure (dates ISO), organised by the seven steps."""
        return {
            "baustelle": self.baustelle.als_dict(),
            "erstellt": self.erstellt.isoformat(),
            "wissensbasis_version": self.version,
            "voraussichtliches_ende": self.ende.isoformat(),
            "hinweis": "Vorschlag des Assistenten. Verantwortlich bleibt der Arbeitgeber (§§ 3, 5 ArbSchG).",
            "schritte": [
                {"nummer": s.nummer, "titel": s.titel, "norm": s.norm, "inhalt": inhalt}
                for s, inhalt in zip(self.schritte, self._inhalte(), strict=True)
            ],
            "unbestaetigt": self.unbestaetigt,
            "sofort_stoppen": [
                {"titel": x.titel, "text": x.text, "norm": x.norm} for x in self.sofort_stoppen
            ],
        }

    def _inhalte(self) -> list[Any]:
        def befund(b: Befund) -> dict[str, Any]:
            return {
                "regel": b.regel,
                "titel": b.titel,
                "stufe": b.stufe,
                "text": b.text,
                "norm": b.norm,
                "unbestaetigt": b.unbestaetigt,
                "auslegung": b.auslegung,
                "frist": b.frist.isoformat() if b.frist else None,
            }

        return [
            {
                "taetigkeiten": [{"id": i, "name": n} for i, n in self.taetigkeiten],
                "besondere_gruppen": self.gruppen,
            },
            [
                {
                    "nummer": z.nummer,
                    "taetigkeit": z.taetigkeit,
                    "faktor": z.gefaehrdung.faktor,
                    "faktor_name": z.faktor_name,
                    "gefaehrdung": z.gefaehrdung.titel,
                    "quelle": z.gefaehrdung.quelle,
                    "fundstelle": z.gefaehrdung.fundstelle,
                }
                for z in self.zeilen
            ],
            {
                "gefaehrdungen": [
                    {"nummer": z.nummer, "risiko": z.risiko, "begruendung": z.risiko_grund}
                    for z in self.zeilen
                ],
                "schwellenwerte": [befund(b) for b in self.befunde],
            },
            [
                {
                    "nummer": z.nummer,
                    "massnahmen": [
                        {
                            "stop": m.massnahme.stop,
                            "art": m.stop_name,
                            "text": m.massnahme.text,
                            "norm": m.massnahme.zitat,
                            "begruendung": m.massnahme.begruendung,
                            "unbestaetigt": m.massnahme.unbestaetigt,
                            "schluessel": m.schluessel,
                            "verantwortlich": m.verantwortlich,
                            "frist": m.frist.isoformat(),
                            "festgelegt": m.festgelegt,
                        }
                        for m in z.massnahmen
                    ],
                }
                for z in self.zeilen
            ],
            {"status": "offen", "hinweis": "Umsetzung je Maßnahme mit Datum und Unterschrift vermerken."},
            [
                {"nummer": z.nummer, "pruefung": z.gefaehrdung.pruefung, "datum": z.pruefdatum.isoformat()}
                for z in self.zeilen
            ],
            {
                "naechste_ueberpruefung": self.naechste_ueberpruefung.isoformat(),
                "anlaesse": [{"text": t, "norm": n} for t, n in self.anlaesse],
                "fassung": self.fassung,
                "fortschreibungen": [
                    {"fassung": nr, "datum": d.isoformat(), "anlass": a} for nr, d, a in self.fortschreibungen
                ],
            },
        ]


def schwellenbefunde(b: Baustelle) -> list[Befund]:
    """Run every threshold rule for which the input carries values."""
    befunde: list[Befund] = []
    if b.absturzhoehe_m is not None:
        befunde += schwellen.absturz(
            b.absturzhoehe_m,
            b.absturz_art,  # type: ignore[arg-type]
            b.dach_flach_klein,
            b.besonders_unterwiesen,
        )
    if b.grabentiefe_m is not None:
        befunde += schwellen.graben(b.grabentiefe_m, b.boden, b.boeschungswinkel_grad, b.verbau)  # type: ignore[arg-type]
    if b.leiter_zweck and b.leiter_hoehe_m is not None:
        befunde += schwellen.leiter(b.leiter_zweck, b.leiter_hoehe_m, b.leiter_dauer_h)  # type: ignore[arg-type]
    if b.asbest_fasern_m3 is not None:
        befunde += expositionen.asbest(b.asbest_fasern_m3, b.asbest_beschaeftigte, b.asbest_personenstunden)
    elif "asbestsanierung" in b.taetigkeiten:
        befunde.append(expositionen.ASBEST_ANZEIGE)
    befunde += sonderbefunde(b)
    if b.laerm_dba is not None or b.laerm_spitze_dbc is not None:
        befunde += expositionen.laerm(b.laerm_dba, b.laerm_spitze_dbc)
    befunde += expositionen.vibration(b.hand_arm_ms2, b.ganzkoerper_xy_ms2, b.ganzkoerper_z_ms2)
    if b.uv_stunden_taeglich is not None and b.uv_tage is not None:
        befunde += expositionen.uv(b.uv_stunden_taeglich, b.uv_tage)
    anhang2 = {nr for x in befunde for nr in x.anhang2} | set(b.anhang2_weitere)
    if "asbestsanierung" in b.taetigkeiten:
        anhang2.add("2")
    if b.absturz_art == "wasser":
        anhang2.add("5")
    # Anhang II findings of the height/depth rules are reported once, by the BaustellV rule
    befunde = [x for x in befunde if not (x.anhang2 and x.regel in ("absturz", "graben"))]
    befunde += baustellv(
        b.arbeitstage,
        b.beschaeftigte_gleichzeitig,
        b.personentage,
        b.mehrere_arbeitgeber,
        tuple(anhang2),
        b.beginn,
    )
    return befunde


GEFAEHRLICH = {
    "dacharbeiten",
    "geruestbau",
    "baugruben_graeben",
    "enge_raeume",
    "elektroarbeiten",
    "abbruch",
    "freileitung",
    "hubarbeitsbuehne",
    "asbestsanierung",
    "verkehrsraum",
    "hebearbeiten",
    "verbrennungsmotor_innen",
    "gefahrstoffe_loesemittel",
}


def sonderbefunde(b: Baustelle) -> list[Befund]:
    """Rules of the work types added in 2026-12 (see ``sonderregeln``), driven by the stated facts."""
    t = set(b.taetigkeiten)
    befunde: list[Befund] = []
    if b.freileitung_abstand_m is not None:
        befunde += sonderregeln.freileitung(
            b.freileitung_abstand_m, b.freileitung_spannung_kv, b.freileitung_freigeschaltet
        )
    elif b.hochspannung_abstand_m is not None:  # older field: a high-voltage line of unknown voltage
        befunde += sonderregeln.freileitung(b.hochspannung_abstand_m, None, b.freileitung_freigeschaltet)
    if "enge_raeume" in t:
        befunde += sonderregeln.enge_raeume(b.allein, b.sicherungsposten)
    if b.allein:
        befunde += sonderregeln.alleinarbeit(bool(t & GEFAEHRLICH))
    if b.fahrer_ohne_unterweisung:
        befunde += sonderregeln.maschinenfuehrer(False)
    if b.bagger_hebt:
        befunde += sonderregeln.bagger_heben()
    if b.verbrennungsmotor_innen or "verbrennungsmotor_innen" in t:
        befunde += sonderregeln.verbrennungsmotor_innen(b.lueftung_technisch)
    if "verkehrsraum" in t:
        befunde += sonderregeln.verkehrsraum(not b.ohne_verkehrsrechtliche_anordnung)
    if "gefahrstoffe_loesemittel" in t:
        befunde += sonderregeln.entzuendbare_gefahrstoffe(
            innen=b.verbrennungsmotor_innen or "enge_raeume" in t
        )
    if b.baujahr is not None:
        befunde += sonderregeln.gebaeudeschadstoffe(b.baujahr)
    return befunde


def _risiko(g: Gefaehrdung, befunde: list[Befund], b: Baustelle) -> tuple[str, str]:
    return einstufen(g, befunde, b)


def _massnahmen(b: Baustelle, taetigkeit: str, g: Gefaehrdung) -> list[Massnahmenzeile]:
    """Measures of a hazard with the firm's person/deadline, else the proposal (overall responsible person,
    before work starts)."""
    zeilen = []
    for n, m in enumerate(g.massnahmen, start=1):
        schluessel = f"{taetigkeit}.{g.id}.{n}"
        festlegung = b.festlegung(schluessel)
        person, frist = festlegung or (b.verantwortlich, b.beginn)
        zeilen.append(Massnahmenzeile(m, person, frist, schluessel, festlegung is not None))
    return zeilen


def beurteile(
    b: Baustelle, heute: dt.date | None = None, wb: Wissensbasis | None = None
) -> Gefaehrdungsbeurteilung:
    """The complete Gefährdungsbeurteilung for a Baustelle."""
    wb = wb or lade_wissensbasis()
    ids = [t.id for t in wb.taetigkeiten.values() if t.immer] + list(b.taetigkeiten)
    taetigkeiten = [wb.taetigkeiten[i] for i in ids]
    befunde = schwellenbefunde(b)
    ende = arbeitstag_plus(b.beginn, b.arbeitstage)
    pruefdatum = min(b.beginn + dt.timedelta(days=7), ende)
    zeilen: list[Zeile] = []
    for ti, t in enumerate(taetigkeiten, start=1):
        for gi, g in enumerate(t.gefaehrdungen, start=1):
            risiko, grund = _risiko(g, befunde, b)
            zeilen.append(
                Zeile(
                    nummer=f"{ti}.{gi}",
                    taetigkeit=t.name,
                    gefaehrdung=g,
                    faktor_name=wb.unterfaktor(g.faktor),
                    risiko=risiko,
                    risiko_grund=grund,
                    massnahmen=tuple(_massnahmen(b, t.id, g)),
                    pruefdatum=b.beginn if risiko == "hoch" else pruefdatum,
                )
            )
    faktoren = [
        (nr, f.name, [z.nummer for z in zeilen if z.gefaehrdung.gruppe == nr])
        for nr, f in wb.faktoren.items()
    ]
    unbestaetigt = sorted(
        {f"{m.massnahme.zitat}" for z in zeilen for m in z.massnahmen if m.massnahme.unbestaetigt}
        | {x.norm for x in befunde if x.unbestaetigt}
    )
    return Gefaehrdungsbeurteilung(
        baustelle=b,
        erstellt=heute or dt.date.today(),
        version=wb.version,
        ende=ende,
        taetigkeiten=[(t.id, t.name) for t in taetigkeiten],
        gruppen=[GRUPPEN[g] for g in b.besondere_gruppen],
        zeilen=zeilen,
        befunde=befunde,
        faktoren=faktoren,
        naechste_ueberpruefung=min(b.beginn + dt.timedelta(days=28), ende),
        unbestaetigt=unbestaetigt,
        sofort_stoppen=[x for x in befunde if x.stufe == "unzulaessig"],
    )
