"""Content of housing documents (Mietbescheinigung, Mietvertrag) and unrelated letters (Sonstiges)."""

from __future__ import annotations

import datetime as dt
import random

from amtsweg.documents.korpus import daten as d
from amtsweg.documents.korpus.modell import (
    Absatz,
    Block,
    Entwurf,
    Layout,
    Posten,
    Tabelle,
    Ueberschrift,
    Umbruch,
    Wert,
    label,
)


class Kontext:
    """Random source plus the layout's formats."""

    def __init__(self, rng: random.Random, lay: Layout) -> None:
        self.rng, self.lay = rng, lay

    def geld(self, cent: int, feld: str | None = None) -> Wert:
        return Wert(d.geld(cent, self.lay.geldstil), feld)

    def datum(self, tag: dt.date, feld: str | None = None) -> Wert:
        return Wert(d.datum(tag, self.lay.datumstil), feld)

    def l(self, schluessel: str) -> str:  # noqa: E743 - short on purpose, used in many tables
        return label(self.lay, schluessel)

    def briefdatum(self, stadt: str) -> tuple[dt.date, str]:
        tag = d.zufallsdatum(self.rng, dt.date(2025, 9, 1), dt.date(2026, 10, 31))
        return tag, f"{stadt}, {d.datum(tag, self.lay.datumstil)}"

    def az(self) -> str:
        r = self.rng
        return f"{r.choice('ABDEGKLMSW')}{r.randint(10, 99)}-{r.randint(1000, 99999)}/{r.randint(20, 26)}"


def _miete(k: Kontext) -> dict[str, object]:
    r = k.rng
    flaeche = r.randint(28, 118) * 100 + r.choice((0, 0, 0, 50, 25, 75, 40))
    kalt = r.randint(280, 1350) * 100 + r.choice((0, 0, 50, r.randint(0, 99)))
    neben = r.randint(6, 30) * 1000 + r.choice((0, 500, r.randint(0, 999)))
    heiz = r.randint(4, 18) * 1000 + r.choice((0, 500, r.randint(0, 999)))
    beginn = dt.date(r.randint(2005, 2026), r.randint(1, 12), 1 if r.random() < 0.85 else 15)
    strasse, plz_ort = d.adresse(r)
    return {
        "flaeche": flaeche,
        "kalt": kalt,
        "neben": neben,
        "heiz": heiz,
        "beginn": beginn,
        "anschrift": f"{strasse}, {plz_ort}",
        "stadt": plz_ort.split(" ", 1)[1],
        "vermieter": d.vermieter(r),
    }


def _felder_miete(m: dict[str, object]) -> dict[str, object]:
    beginn = m["beginn"]
    assert isinstance(beginn, dt.date)
    return {
        "kaltmiete": d.geld_norm(int(str(m["kalt"]))),
        "nebenkosten": d.geld_norm(int(str(m["neben"]))),
        "heizkosten": d.geld_norm(int(str(m["heiz"]))),
        "wohnflaeche": d.flaeche_norm(int(str(m["flaeche"]))),
        "mietbeginn": beginn.isoformat(),
        "vermieter": m["vermieter"],
        "anschrift": m["anschrift"],
    }


def mietbescheinigung(rng: random.Random, lay: Layout) -> Entwurf:
    k = Kontext(rng, lay)
    m = _miete(k)
    mieter = d.person(rng)
    stadt = str(m["stadt"])
    _, ort_datum = k.briefdatum(stadt)
    kalt, neben, heiz = (int(str(m[s])) for s in ("kalt", "neben", "heiz"))
    beginn = m["beginn"]
    assert isinstance(beginn, dt.date)
    stellplatz = rng.choice((0, 0, 3000, 4500, 6000))
    objekt = [
        (k.l("vermieter"), Wert(str(m["vermieter"]), "vermieter")),
        (k.l("anschrift"), Wert(str(m["anschrift"]), "anschrift")),
        (k.l("wohnflaeche"), Wert(d.flaeche(int(str(m["flaeche"]))), "wohnflaeche")),
        (k.l("mietbeginn"), k.datum(beginn, "mietbeginn")),
        ("Anzahl der Wohnräume", Wert(str(rng.randint(1, 5)))),
        ("Bezugsfertig seit", Wert(str(rng.randint(1950, 2020)))),
    ]
    betraege = [
        (k.l("kaltmiete"), k.geld(kalt, "kaltmiete")),
        (k.l("nebenkosten"), k.geld(neben, "nebenkosten")),
        (k.l("heizkosten"), k.geld(heiz, "heizkosten")),
        ("Stellplatz/Garage", k.geld(stellplatz)),
        (k.l("gesamtmiete"), k.geld(kalt + neben + heiz + stellplatz)),
    ]
    bloecke: list[Block] = [
        Absatz([f"Bescheinigung des Vermieters zur Vorlage bei der Wohngeldbehörde für {mieter}."]),
        Ueberschrift("1. Angaben zur Wohnung"),
        Posten(objekt),
        Ueberschrift("2. Monatliche Miete"),
        Posten(betraege),
        Absatz(["Zentralheizung: ja. Warmwasser zentral: " + rng.choice(("ja", "nein")) + "."]),
        Absatz(
            [
                "Ich versichere, dass die Angaben richtig und vollständig sind. Falsche Angaben können "
                "strafrechtlich verfolgt werden."
            ]
        ),
        Absatz([f"{ort_datum}, Unterschrift Vermieter/in: ______________________"]),
    ]
    return Entwurf(
        absender=[
            f"Stadt {stadt} – Wohngeldbehörde",
            "Rathausplatz 1",
            f"{str(m['anschrift']).split(', ')[1]}",
        ],
        empfaenger=[],
        ort_datum=ort_datum,
        bezug=[("Wohngeld-Nr.", k.az())],
        titel="Mietbescheinigung",
        bloecke=bloecke,
        felder=_felder_miete(m),
        fusszeile="Vordruck Mietbescheinigung – bitte vollständig ausfüllen",
        brief=False,
    )


def mietvertrag(rng: random.Random, lay: Layout) -> Entwurf:
    k = Kontext(rng, lay)
    m = _miete(k)
    mieter = f"{d.person(rng)}"
    kalt, neben, heiz = (int(str(m[s])) for s in ("kalt", "neben", "heiz"))
    beginn = m["beginn"]
    assert isinstance(beginn, dt.date)
    stadt = str(m["stadt"])
    vermieter_adr = d.adresse(rng)
    ort_datum = f"{stadt}, {d.datum(beginn - dt.timedelta(days=rng.randint(10, 60)), lay.datumstil)}"
    geschoss = rng.choice(
        ("Erdgeschoss", "1. Obergeschoss links", "2. OG rechts", "Dachgeschoss", "3. OG Mitte")
    )
    bloecke: list[Block] = [
        Absatz(
            [
                "Zwischen",
                Wert(str(m["vermieter"]), "vermieter"),
                f", {', '.join(vermieter_adr)}",
                "– nachfolgend Vermieter genannt –",
            ]
        ),
        Absatz([f"und {mieter} – nachfolgend Mieter genannt – wird folgender Mietvertrag geschlossen:"]),
        Ueberschrift("§ 1 Mietsache"),
        Absatz(
            [
                "Vermietet wird die Wohnung im",
                f"{geschoss},",
                Wert(str(m["anschrift"]), "anschrift"),
                f", bestehend aus {rng.randint(1, 5)} Zimmern, Küche, Bad/WC und Kellerabteil.",
            ]
        ),
        Absatz(
            [
                f"Die {label(lay, 'wohnflaeche')} beträgt",
                Wert(d.flaeche(int(str(m["flaeche"]))), "wohnflaeche"),
                ". Eine Abweichung von bis zu 10 % begründet keine Änderung der Miete.",
            ]
        ),
        Ueberschrift("§ 2 Mietzeit"),
        Absatz(
            [
                "Das Mietverhältnis beginnt am",
                k.datum(beginn, "mietbeginn"),
                "und läuft auf unbestimmte Zeit. Die Kündigung richtet sich nach den gesetzlichen "
                "Vorschriften.",
            ]
        ),
        Ueberschrift("§ 3 Miete und Nebenkosten"),
        Absatz(["Die Miete beträgt monatlich:"]),
        Posten(
            [
                (k.l("kaltmiete"), k.geld(kalt, "kaltmiete")),
                (k.l("nebenkosten"), k.geld(neben, "nebenkosten")),
                (k.l("heizkosten"), k.geld(heiz, "heizkosten")),
                (k.l("gesamtmiete"), k.geld(kalt + neben + heiz)),
            ]
        ),
        Absatz(
            [
                "Die Miete ist monatlich im Voraus, spätestens am dritten Werktag, auf das Konto",
                Wert(d.iban_gruppiert(d.iban_erzeugen(rng))),
                "zu zahlen.",
            ]
        ),
        Umbruch(),
        Ueberschrift("§ 4 Mietsicherheit"),
        Absatz(
            [
                "Der Mieter leistet eine Kaution in Höhe von",
                k.geld(3 * kalt),
                ". Sie kann in drei gleichen monatlichen Teilzahlungen erbracht werden.",
            ]
        ),
        Ueberschrift("§ 5 Schönheitsreparaturen"),
        Absatz(
            [
                "Die Wohnung wird in renoviertem Zustand übergeben. Schönheitsreparaturen trägt der Mieter "
                "nach Maßgabe der üblichen Fristen, soweit die Abnutzung durch ihn verursacht wurde."
            ]
        ),
        Ueberschrift("§ 6 Tierhaltung und Hausordnung"),
        Absatz(
            [
                "Kleintierhaltung ist erlaubt. Die Hausordnung ist Bestandteil dieses Vertrages. Die "
                "Ruhezeiten von 22 bis 6 Uhr sind einzuhalten."
            ]
        ),
        Ueberschrift("§ 7 Sonstige Vereinbarungen"),
        Absatz(
            [
                rng.choice(
                    (
                        "Keine.",
                        "Ein Stellplatz wird gesondert vermietet.",
                        "Die Einbauküche ist mitvermietet.",
                    )
                )
            ]
        ),
        Absatz([f"{ort_datum}"]),
        Absatz(["______________________ (Vermieter)        ______________________ (Mieter)"]),
    ]
    return Entwurf(
        absender=[str(m["vermieter"]), *vermieter_adr],
        empfaenger=[],
        ort_datum=ort_datum,
        bezug=[("Vertrags-Nr.", k.az())],
        titel=rng.choice(("Mietvertrag über Wohnraum", "Wohnraummietvertrag")),
        bloecke=bloecke,
        felder=_felder_miete(m),
        fusszeile="Mietvertrag – Seite wird paraphiert",
        brief=False,
    )


def sonstiges(rng: random.Random, lay: Layout) -> Entwurf:
    """Unrelated letters with amounts, dates and IBANs, so classification is not trivial."""
    k = Kontext(rng, lay)
    empfaenger_adr = d.adresse(rng)
    empfaenger = [d.person(rng), *empfaenger_adr]
    stadt = empfaenger_adr[1].split(" ", 1)[1]
    tag, ort_datum = k.briefdatum(stadt)
    art = rng.randrange(4)
    bloecke: list[Block] = []
    if art == 0:
        absender, titel = f"Stadtwerke {stadt}", "Jahresabrechnung Strom"
        verbrauch = rng.randint(900, 4200)
        arbeitspreis = rng.randint(28, 42)
        kosten = verbrauch * arbeitspreis
        bloecke = [
            Absatz(
                [
                    "Sehr geehrte Kundin, sehr geehrter Kunde,",
                    "mit diesem Schreiben erhalten Sie Ihre Jahresabrechnung für Strom.",
                ]
            ),
            Tabelle(
                ["Position", "Menge", "Betrag"],
                [
                    ["Arbeitspreis", f"{verbrauch} kWh", k.geld(kosten).text],
                    ["Grundpreis", "12 Monate", k.geld(rng.randint(9000, 16000)).text],
                    ["Abschläge bezahlt", "", k.geld(-kosten - rng.randint(-5000, 5000)).text],
                ],
                [0.5, 0.25, 0.25],
                frozenset({2}),
            ),
            Absatz(
                [
                    "Ihr neuer monatlicher Abschlag beträgt",
                    k.geld(rng.randint(40, 140) * 100),
                    ". Bitte überweisen Sie ggf. offene Beträge auf",
                    Wert(d.iban_gruppiert(d.iban_erzeugen(rng))),
                    ".",
                ]
            ),
        ]
    elif art == 1:
        absender, titel = f"Grundschule am {rng.choice(d.STRASSEN).split()[-1]}", "Einladung zum Elternabend"
        bloecke = [
            Absatz(
                [
                    "Liebe Eltern,",
                    "wir laden Sie herzlich zum Elternabend der Klasse",
                    f"{rng.randint(1, 4)}{rng.choice('abc')} am",
                    k.datum(tag + dt.timedelta(days=14)).text,
                    "um 19:00 Uhr ein.",
                ]
            ),
            Absatz(
                [
                    "Themen: Klassenfahrt (Kostenbeitrag",
                    k.geld(rng.randint(80, 220) * 100),
                    "), Wahl der Elternvertretung, Verschiedenes.",
                ]
            ),
        ]
    elif art == 2:
        absender, titel = (
            f"{rng.choice(d.NACHNAMEN)} Versicherung AG",
            "Ihre Beitragsanpassung zur Hausratversicherung",
        )
        alt = rng.randint(6000, 20000)
        bloecke = [
            Absatz(
                [
                    "Sehr geehrte Versicherungsnehmerin, sehr geehrter Versicherungsnehmer,",
                    "zum",
                    k.datum(dt.date(tag.year + 1, 1, 1)).text,
                    "passen wir Ihren Jahresbeitrag an.",
                ]
            ),
            Posten(
                [
                    ("Bisheriger Beitrag", k.geld(alt)),
                    ("Neuer Beitrag", k.geld(alt + rng.randint(300, 2000))),
                    ("Versicherungssumme", k.geld(rng.randint(30, 90) * 100000)),
                ]
            ),
            Absatz(
                ["Sie haben ein Sonderkündigungsrecht innerhalb eines Monats nach Zugang dieses Schreibens."]
            ),
        ]
    else:
        absender, titel = f"Praxis Dr. med. {rng.choice(d.NACHNAMEN)}", "Privatrechnung nach GOÄ"
        zeilen: list[list[str | Wert]] = [
            [
                k.datum(tag - dt.timedelta(days=rng.randint(3, 40))).text,
                str(rng.randint(1, 800)),
                rng.choice(("Beratung", "Untersuchung", "Blutentnahme", "Befundbericht")),
                k.geld(rng.randint(500, 6000)).text,
            ]
            for _ in range(rng.randint(3, 7))
        ]
        bloecke = [
            Absatz(["Für die ärztliche Behandlung berechne ich Ihnen:"]),
            Tabelle(
                ["Datum", "GOÄ-Nr.", "Leistung", "Betrag"], zeilen, [0.2, 0.15, 0.4, 0.25], frozenset({3})
            ),
            Absatz(["Zahlbar innerhalb von 30 Tagen auf", Wert(d.iban_gruppiert(d.iban_erzeugen(rng))), "."]),
        ]
    bloecke.append(Absatz(["Mit freundlichen Grüßen"]))
    if rng.random() < 0.3:
        bloecke.extend(
            [
                Umbruch(),
                Ueberschrift("Hinweise"),
                Absatz(
                    [
                        "Informationen zum Datenschutz finden Sie auf unserer Internetseite. "
                        "Bei Fragen erreichen Sie uns montags bis freitags von 8 bis 16 Uhr."
                    ]
                ),
            ]
        )
    adr = d.adresse(rng)
    return Entwurf(
        absender=[absender, *adr],
        empfaenger=empfaenger,
        ort_datum=ort_datum,
        bezug=[("Kundennummer", str(rng.randint(100000, 999999)))],
        titel=titel,
        bloecke=bloecke,
        felder={},
        fusszeile=f"{absender} · {adr[0]} · {adr[1]}",
    )
