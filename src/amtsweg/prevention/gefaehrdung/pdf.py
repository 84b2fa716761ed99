"""Render the Gefährdungsbeurteilung and the Besuchsbogen as PDF/A-3u (tagged, German) with WeasyPrint.

Same approach as amtsweg.cases.bescheid.pdf: Jinja2 with autoescaping, stylesheet passed as a string,
fonts from fontconfig (fonts-dejavu-core), no URL fetched while rendering.
"""

from __future__ import annotations

import datetime as dt
from functools import cache
from importlib import resources

import jinja2

from amtsweg.prevention.gefaehrdung.besuchsbogen import Besuchsbogen
from amtsweg.prevention.gefaehrdung.beurteilung import Gefaehrdungsbeurteilung
from amtsweg.prevention.gefaehrdung.wissensbasis import STOP_NAMEN

STUFEN = {"ok": "eingehalten", "hinweis": "Hinweis", "pflicht": "Pflicht", "unzulaessig": "unzulässig"}


def _datum(tag: dt.date | None) -> str:
    return tag.strftime("%d.%m.%Y") if tag else "–"


@cache
def _umgebung() -> jinja2.Environment:
    umgebung = jinja2.Environment(
        loader=jinja2.PackageLoader("amtsweg.prevention.gefaehrdung", "vorlagen"),
        autoescape=True,
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
    )
    umgebung.filters["datum"] = _datum
    umgebung.globals.update(stufen=STUFEN, stop_namen=STOP_NAMEN)
    return umgebung


@cache
def _css() -> str:
    return (resources.files("amtsweg.prevention.gefaehrdung") / "vorlagen" / "gb.css").read_text("utf-8")


def gb_html(gb: Gefaehrdungsbeurteilung) -> str:
    return _umgebung().get_template("gb.html").render(gb=gb)


def besuchsbogen_html(bogen: Besuchsbogen) -> str:
    return _umgebung().get_template("besuchsbogen.html").render(bogen=bogen, gb=bogen.beurteilung)


def _pdf(html: str) -> bytes:
    import weasyprint  # heavy import, only when a document is rendered

    sperre = weasyprint.URLFetcher(allowed_protocols=())
    dokument = weasyprint.HTML(string=html, url_fetcher=sperre)
    stil = weasyprint.CSS(string=_css(), url_fetcher=sperre)
    pdf = dokument.write_pdf(stylesheets=[stil], pdf_variant="pdf/a-3u", pdf_tags=True)
    assert isinstance(pdf, bytes)
    return pdf


def gb_pdf(gb: Gefaehrdungsbeurteilung) -> bytes:
    """The Gefährdungsbeurteilung as PDF/A-3u bytes."""
    return _pdf(gb_html(gb))


def besuchsbogen_pdf(bogen: Besuchsbogen) -> bytes:
    """The Besuchsbogen as PDF/A-3u bytes."""
    return _pdf(besuchsbogen_html(bogen))
