"""Render ``Bescheiddaten`` to PDF/A-3u bytes (tagged, German) with WeasyPrint.

All text goes through Jinja2 with autoescaping, so free text (names, addresses, reasons) can never
inject markup. No URL is fetched while rendering: the stylesheet is passed as a string and fonts come
from fontconfig (Debian package fonts-dejavu-core); WeasyPrint embeds the used font subsets.
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from functools import cache
from importlib import resources

import jinja2

from amtsweg.cases.bescheid import texte
from amtsweg.cases.bescheid.daten import Bescheiddaten

TITEL = {
    "bewilligung": "Bescheid über {name}",
    "teilbewilligung": "Bescheid über {name} (teilweise Bewilligung)",
    "ablehnung": "Bescheid über die Ablehnung Ihres Antrags auf {name}",
}
TITEL_AENDERUNG = "Änderungsbescheid über {name}"


def _euro(betrag: Decimal | None) -> str:
    if betrag is None:
        raise ValueError("Betrag fehlt")
    return texte.euro(betrag)


def _datum(tag: date | None) -> str:
    if tag is None:
        raise ValueError("Datum fehlt")
    return texte.datum(tag)


@cache
def _umgebung() -> jinja2.Environment:
    umgebung = jinja2.Environment(
        loader=jinja2.PackageLoader("amtsweg.cases.bescheid", "templates"),
        autoescape=True,
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
    )
    umgebung.filters["euro"] = _euro
    umgebung.filters["datum"] = _datum
    return umgebung


@cache
def _css() -> str:
    return (resources.files("amtsweg.cases.bescheid") / "templates" / "bescheid.css").read_text("utf-8")


def erzeuge_html(daten: Bescheiddaten) -> str:
    """The letter as HTML (the input of the PDF; also usable for a screen preview)."""
    leistung = texte.leistungstexte(daten.leistung)
    if daten.art == "ablehnung":
        hinweise = leistung.hinweise_ablehnung(daten)
    else:
        hinweise = leistung.hinweise_bewilligung(daten)
    return (
        _umgebung()
        .get_template("bescheid.html")
        .render(
            d=daten,
            leistung=leistung,
            titel=(TITEL_AENDERUNG if daten.aenderung else TITEL[daten.art]).format(name=leistung.name),
            tenor=daten.verfuegungssatz.strip() or texte.verfuegungssatz(daten),
            abschnitte=texte.begruendung_abschnitte(daten),
            legende=texte.legende(daten),
            hinweise=hinweise,
            belehrung=texte.rechtsbehelfsbelehrung(daten),
            automatisch_satz=texte.AUTOMATISCH,
            anrede=texte.anrede(daten),
            zahlungssatz=texte.zahlungssatz(daten) if daten.art != "ablehnung" else "",
        )
    )


def erzeuge_bescheid(daten: Bescheiddaten) -> bytes:
    """The Bescheid as PDF/A-3u bytes: tagged, /Lang de, fonts embedded, sRGB OutputIntent."""
    import weasyprint  # heavy import, only when a letter is rendered

    # An empty protocol list: the document must not fetch anything (no network, no local files).
    sperre = weasyprint.URLFetcher(allowed_protocols=())
    dokument = weasyprint.HTML(string=erzeuge_html(daten), url_fetcher=sperre)
    stil = weasyprint.CSS(string=_css(), url_fetcher=sperre)
    pdf = dokument.write_pdf(stylesheets=[stil], pdf_variant="pdf/a-3u", pdf_tags=True)
    assert isinstance(pdf, bytes)
    return pdf
