"""Governance report per AI use case for a period (JSON and PDF/A-3u): register entry, live metrics with
plots, threshold breaches (incidents), kill-switch history, and which Leitlinien area / AI Act article each
part evidences. Rendered like the Bescheid: Jinja2 with autoescaping, WeasyPrint, no URL fetched."""

from __future__ import annotations

import datetime as dt
import json
from functools import cache
from typing import Any

import jinja2
from sqlalchemy import select
from sqlalchemy.orm import Session

from amtsweg.governance import aufsicht, uebersicht
from amtsweg.governance.ereignisse import KiAktion, protokolliere
from amtsweg.governance.grafik import CSS as GRAFIK_CSS
from amtsweg.governance.modelle import KiWarnung
from amtsweg.governance.register import LEITLINIEN, eintrag, register
from amtsweg.governance.schalter import zustand

#: what each part of the report evidences (BMAS Leitlinien area; AI Act / GDPR article)
BELEGE = {
    "register": (
        "Leitlinien: alle vier Bereiche; KI-VO Art. 11 mit Anhang IV, Art. 13, Art. 27 (FRIA), Art. 49"
    ),
    "metriken": "Leitlinien: Folgen und Risiken, Datenqualität und Bias; KI-VO Art. 15, Art. 26 Abs. 5",
    "automationsbias": "KI-VO Art. 14 Abs. 4 lit. b (Automatisierungsverzerrung); Art. 22 DSGVO",
    "verstoesse": "KI-VO Art. 26 Abs. 5 (Überwachung, Meldung), Art. 73 (schwerwiegende Vorfälle)",
    "schalter": "KI-VO Art. 14 Abs. 4 lit. e (Anhalten); Arbeitshilfe: Phase Außerbetriebnahme",
    "protokoll": "KI-VO Art. 12 und Art. 26 Abs. 6 (Protokolle); Prüfpfad mit Hash-Kette",
}


def erstelle(s: Session, von: dt.date, bis: dt.date, kennungen: list[str] | None = None) -> dict[str, Any]:
    """The report as JSON-ready data (checks thresholds on the way, recording new breaches)."""
    anfang, ende = uebersicht.grenzen(von, bis)
    faelle: list[dict[str, Any]] = []
    for kennung in kennungen or list(register()):
        e = eintrag(kennung)
        lage = aufsicht.pruefe(s, kennung, anfang, ende)
        warnungen = s.scalars(
            select(KiWarnung)
            .where(KiWarnung.kennung == kennung)
            .where(
                (KiWarnung.zeitraum == aufsicht.zeitraum(anfang, ende))
                | ((KiWarnung.erkannt_am >= anfang) & (KiWarnung.erkannt_am < ende))
            )
            .order_by(KiWarnung.id)
        )
        z = zustand(s, kennung)
        eintragsdaten: dict[str, Any] = e.model_dump(mode="json")
        faelle.append(
            {
                "kennung": kennung,
                "register": {
                    **eintragsdaten,
                    "klasse_text": e.klasse_text,
                    "phase_text": e.phase_text,
                    "version": e.version,
                    "sha256": e.hash(),
                },
                "zustand": {"aktiv": z.aktiv, "grund": z.grund, "geaendert_am": z.geaendert_am},
                "metriken": lage.metriken,
                "verstoesse": [
                    {
                        "metrik": w.metrik,
                        "zeitraum": w.zeitraum,
                        "wert": w.wert,
                        "schwelle": w.schwelle,
                        "text": w.text,
                        "erkannt_am": w.erkannt_am,
                    }
                    for w in warnungen
                ],
                "schalterverlauf": uebersicht.schalterverlauf(s, kennung, anfang, ende),
            }
        )
    protokolliere(
        s, KiAktion.ki_bericht_erstellt, akteur="system", rolle="system",
        von=von.isoformat(), bis=bis.isoformat(), anwendungsfaelle=[f["kennung"] for f in faelle],
    )  # fmt: skip
    return {
        "titel": "Bericht KI-Governance",
        "von": von.isoformat(),
        "bis": bis.isoformat(),
        "erstellt_am": dt.datetime.now(dt.UTC),
        "belege": BELEGE,
        "leitlinien": LEITLINIEN,
        "anwendungsfaelle": faelle,
    }


def als_json(bericht: dict[str, Any]) -> str:
    return json.dumps(bericht, ensure_ascii=False, indent=1, default=_json_wert)


def _json_wert(wert: Any) -> str:
    if isinstance(wert, dt.datetime | dt.date):
        return wert.isoformat()
    return str(wert)


@cache
def _umgebung() -> jinja2.Environment:
    umgebung = jinja2.Environment(
        loader=jinja2.PackageLoader("amtsweg.governance", "vorlagen"),
        autoescape=True,
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
    )
    umgebung.filters["prozent"] = lambda w: "–" if w is None else f"{w * 100:.1f} %".replace(".", ",")
    return umgebung


def erzeuge_html(bericht: dict[str, Any]) -> str:
    grafiken = {
        f["kennung"]: uebersicht.grafiken(f["kennung"], f["metriken"]) for f in bericht["anwendungsfaelle"]
    }
    return _umgebung().get_template("bericht.html").render(b=bericht, grafiken=grafiken)


CSS = (
    GRAFIK_CSS
    + """
@page { size: A4; margin: 20mm 18mm;
  @bottom-right { content: "Seite " counter(page) " von " counter(pages); font-size: 8pt; } }
body { font-family: "DejaVu Sans", sans-serif; font-size: 9.5pt; line-height: 1.35; color: #111; }
h1 { font-size: 16pt; } h3 { font-size: 10.5pt; }
h2 { font-size: 13pt; margin-top: 14pt; page-break-before: always; }
table { border-collapse: collapse; width: 100%; margin: 4pt 0 8pt 0; }
th, td { border: 0.5pt solid #888; padding: 2pt 4pt; text-align: left; vertical-align: top; }
.beleg { font-size: 8pt; color: #333; }
.gov-grafik { width: 120mm; height: auto; }
"""
)


def erzeuge_pdf(bericht: dict[str, Any]) -> bytes:
    """The report as PDF/A-3u (tagged, fonts embedded; nothing fetched while rendering)."""
    import weasyprint  # heavy import, only when a report is rendered

    sperre = weasyprint.URLFetcher(allowed_protocols=())
    dokument = weasyprint.HTML(string=erzeuge_html(bericht), url_fetcher=sperre)
    stil = weasyprint.CSS(string=CSS, url_fetcher=sperre)
    pdf = dokument.write_pdf(stylesheets=[stil], pdf_variant="pdf/a-3u", pdf_tags=True)
    assert isinstance(pdf, bytes)
    return pdf
