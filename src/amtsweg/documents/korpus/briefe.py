"""Letters in running text (issue 12): a landlord's confirmation of the tenancy whose amounts stand inside
sentences ("… beträgt die monatliche Grundmiete 612,00 EUR …"), and unrelated letters with amounts and
periods (Kindergeld, an energy supplier, a club) that must stay "sonstiges".

Each letter is drawn from a seed: sentence templates, their order, money and date formats, optional total,
distractors (Kaution, Stellplatz, the landlord's own address in the letterhead). The output is a text PDF
with its truth, like ``generator.erzeuge``; the sentences wrap at a fixed width, so values never break.
"""

from __future__ import annotations

import datetime as dt
import io
import random
import textwrap
from typing import Any

from amtsweg.documents.korpus import daten as d

BREITE = 92  # characters per line (Helvetica 10 pt on A4 with 50 pt margins)


#: values never break across lines: their spaces are non-breaking until the paragraph is wrapped
NBSP = "\u00a0"


def _fest(text: str) -> str:
    return text.replace(" ", NBSP)


def _geld(r: random.Random, cent: int) -> str:
    stil = r.randrange(5)
    if stil == 3 and cent % 100 == 0:
        return _fest(f"{d.tausender(cent // 100)} Euro")
    if stil == 4 and cent % 100 == 0:
        return _fest(f"{d.tausender(cent // 100)},- €")
    return _fest(d.geld(cent, stil % 3))


def _datum(r: random.Random, tag: dt.date) -> str:
    return _fest(d.datum(tag, r.randrange(2)))


def _vermieterbrief(r: random.Random) -> tuple[str, list[str], dict[str, Any]]:
    vermieter = d.vermieter(r) if r.random() < 0.5 else d.person(r)
    eigene_strasse, eigener_ort = d.adresse(r)
    strasse, plz_ort = d.adresse(r)
    mieter = d.person(r)
    flaeche = r.randint(18, 110) * 100 + r.choice((0, 0, 50, 25))
    kalt = r.randint(250, 1300) * 100 + r.choice((0, 0, 0, 50, r.randint(0, 99)))
    neben = r.randint(5, 30) * 1000 + r.choice((0, 500, r.randint(0, 999)))
    heiz = r.randint(3, 18) * 1000 + r.choice((0, 500, r.randint(0, 999)))
    beginn = dt.date(r.randint(2005, 2025), r.randint(1, 12), 1 if r.random() < 0.85 else 15)
    g = {
        k: _geld(r, v)
        for k, v in (("kalt", kalt), ("neben", neben), ("heiz", heiz), ("ges", kalt + neben + heiz))
    }
    fl = (
        f"{d.tausender(flaeche // 100)}"
        + (f",{flaeche % 100:02d}" if flaeche % 100 else "")
        + r.choice((" m²", " qm"))
    )
    seit = _datum(r, beginn)
    lage = f"{strasse}, {plz_ort}"
    fl = _fest(fl)
    saetze = [
        r.choice(
            [
                f"hiermit bestätige ich, dass {mieter} seit dem {seit} die Wohnung {_fest(lage)} "
                "von mir gemietet hat.",
                f"{mieter} bewohnt seit dem {seit} als Mieter die Wohnung {_fest(lage)}.",
                f"auf Ihren Wunsch bescheinige ich Ihnen, dass Sie die Wohnung {_fest(lage)} seit {seit} "
                "gemietet haben.",
                f"das Mietverhältnis über die Wohnung {_fest(lage)} besteht seit dem {seit}.",
            ]
        ),
        r.choice(
            [
                f"Die Wohnfläche beträgt {fl}.",
                f"Die Wohnung ist {fl} groß.",
                f"Die vermietete Wohnfläche umfasst {fl}.",
            ]
        ),
        r.choice(
            [
                f"Die monatliche Grundmiete beträgt {g['kalt']}.",
                f"Für die Wohnung beträgt die monatliche Grundmiete {g['kalt']}.",
                f"Die Nettokaltmiete liegt derzeit bei {g['kalt']} im Monat.",
                f"Die Kaltmiete beträgt monatlich {g['kalt']}.",
            ]
        ),
        r.choice(
            [
                f"Hinzu kommt eine Vorauszahlung auf die Betriebskosten (ohne Heizung) von {g['neben']}",
                f"Zusätzlich sind monatlich {g['neben']} als Nebenkostenvorauszahlung zu zahlen",
                f"Die Vorauszahlung für die kalten Betriebskosten beträgt {g['neben']}",
            ]
        )
        + r.choice(
            [
                f" sowie eine Heizkostenvorauszahlung von {g['heiz']}.",
                f"; für Heizung und Warmwasser werden {g['heiz']} vorausgezahlt.",
                f". Für die Heizkosten sind monatlich {g['heiz']} vorauszuzahlen.",
            ]
        ),
    ]
    if r.random() < 0.6:
        saetze.append(
            r.choice(
                [
                    f"Insgesamt zahlen Sie somit {g['ges']} im Monat.",
                    f"Die Gesamtmiete beträgt demnach monatlich {g['ges']}.",
                    f"Die monatliche Zahlung beläuft sich damit auf {g['ges']}.",
                ]
            )
        )
    if r.random() < 0.5:
        saetze.insert(
            r.randint(2, len(saetze)), f"Die Kaution von {_geld(r, kalt * 3)} wurde bei Einzug gezahlt."
        )
    if r.random() < 0.3:
        saetze.append(
            f"Ein Stellplatz ist gesondert für {_geld(r, r.randint(20, 90) * 100)} im Monat angemietet."
        )
    kopf = [f"{vermieter} · {eigene_strasse} · {eigener_ort}", "", mieter, strasse, plz_ort, ""]
    kopf.append(
        f"{eigener_ort.split(' ', 1)[1]}, {_datum(r, dt.date(2025, r.randint(1, 12), r.randint(1, 28)))}"
    )
    betreffe = ["Bestätigung des Mietverhältnisses", "Mietbescheinigung", "Bescheinigung über die Miete"]
    kopf += ["", r.choice([*betreffe, "Ihre Anfrage zur Miethöhe"]), ""]
    anrede = r.choice(["Sehr geehrte Damen und Herren,", f"Sehr geehrte/r {mieter},", f"Guten Tag {mieter},"])
    schluss = ["", r.choice(["Mit freundlichen Grüßen", "Freundliche Grüße"]), "", vermieter]
    felder = {
        "kaltmiete": d.geld_norm(kalt), "nebenkosten": d.geld_norm(neben), "heizkosten": d.geld_norm(heiz),
        "gesamtmiete": d.geld_norm(kalt + neben + heiz), "wohnflaeche": d.flaeche_norm(flaeche),
        "mietbeginn": beginn.isoformat(), "vermieter": vermieter, "anschrift": lage,
    }  # fmt: skip
    return "mietbescheinigung", [*kopf, anrede, *_absatz(" ".join(saetze)), *schluss], felder


def _sonstiger_brief(r: random.Random) -> tuple[str, list[str], dict[str, Any]]:
    person = d.person(r)
    strasse, plz_ort = d.adresse(r)
    betrag = _geld(r, r.randint(20, 300) * 100 + r.choice((0, 50)))
    von = dt.date(r.randint(2023, 2025), r.randint(1, 12), 1)
    art = r.randrange(3)
    if art == 0:
        absender = "Familienkasse " + r.choice(["Nord", "Sachsen", "Bayern Süd", "Rheinland-Pfalz-Saarland"])
        titel = "Bescheid über die Festsetzung von Kindergeld"
        kind, ab, konto = d.person(r), _datum(r, von), d.iban_gruppiert(d.iban_erzeugen(r))
        text = (
            f"für Ihr Kind {kind} wird ab {ab} Kindergeld in Höhe von {betrag} monatlich festgesetzt. "
            f"Das Kindergeld wird auf das Konto {konto} gezahlt. "
            "Änderungen, die für den Anspruch erheblich sind, teilen Sie bitte unverzüglich mit."
        )
    elif art == 1:
        absender = f"Stadtwerke {plz_ort.split(' ', 1)[1]}"
        titel = "Anpassung Ihres monatlichen Abschlags"
        text = (f"für Ihre Stromlieferung in die Wohnung {strasse}, {plz_ort} beträgt der neue Abschlag ab "
                f"{_datum(r, von)} monatlich {betrag}. Der Verbrauch im Abrechnungszeitraum betrug "
                f"{r.randint(900, 4200)} kWh.")  # fmt: skip
    else:
        absender = f"Sportverein {d.ort(r)[1]} e. V."
        titel = "Beitragsrechnung"
        text = (f"der Mitgliedsbeitrag für {person} beträgt ab {_datum(r, von)} {betrag} im Quartal. "
                "Der Betrag wird per Lastschrift eingezogen.")  # fmt: skip
    zeilen = [absender, "", person, strasse, plz_ort, "", titel, "", "Sehr geehrte Damen und Herren,"]
    return "sonstiges", [*zeilen, *_absatz(text), "", "Mit freundlichen Grüßen", absender], {}


def _absatz(text: str) -> list[str]:
    zeilen = textwrap.wrap(text, BREITE, break_long_words=False, break_on_hyphens=False)
    return [z.replace(NBSP, " ") for z in zeilen]


def brief(seed: int) -> tuple[bytes, dict[str, Any]]:
    """One letter as a text PDF and its truth (``typ``, ``felder``); two of three are landlord letters."""
    from reportlab.lib.pagesizes import A4
    from reportlab.pdfgen import canvas

    r = random.Random(f"brief|{seed}")
    typ, zeilen, felder = _vermieterbrief(r) if seed % 3 else _sonstiger_brief(r)
    puffer = io.BytesIO()
    c = canvas.Canvas(puffer, pagesize=A4, invariant=1)
    c.setFont(r.choice(["Helvetica", "Times-Roman"]), 10)
    for i, zeile in enumerate(zeilen):
        c.drawString(50, A4[1] - 60 - 14 * i, zeile)
    c.showPage()
    c.save()
    return puffer.getvalue(), {"typ": typ, "felder": felder, "seed": seed, "layout": "brief"}
