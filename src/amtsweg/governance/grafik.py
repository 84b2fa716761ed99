"""Server-rendered SVG plots for the governance pages and reports (no script, no inline style: colours
come from classes in ``vorlagen/grafik.css``; for PDF the same classes are in the report's stylesheet).
Every plot has a <title> and the pages show the same numbers in a table beside it."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from markupsafe import Markup, escape

BREITE, HOEHE, RAND = 480, 260, 44


def _x(wert: float) -> float:
    return RAND + wert * (BREITE - 2 * RAND)


def _y(wert: float) -> float:
    return HOEHE - RAND - wert * (HOEHE - 2 * RAND)


def _achsen(x_titel: str, y_titel: str) -> list[str]:
    teile = [
        f'<line class="gov-achse" x1="{RAND}" y1="{_y(0)}" x2="{BREITE - RAND}" y2="{_y(0)}"/>',
        f'<line class="gov-achse" x1="{RAND}" y1="{_y(0)}" x2="{RAND}" y2="{_y(1)}"/>',
    ]
    for t in (0, 0.5, 1):
        teile.append(
            f'<text class="gov-text" x="{RAND - 6}" y="{_y(t) + 4:.1f}" text-anchor="end">{t:.0%}</text>'
        )
    teile.append(
        f'<text class="gov-text" x="{BREITE / 2}" y="{HOEHE - 8}" text-anchor="middle">'
        f"{escape(x_titel)}</text>"
    )
    teile.append(
        f'<text class="gov-text" x="12" y="{HOEHE / 2}" text-anchor="middle" '
        f'transform="rotate(-90 12 {HOEHE / 2})">{escape(y_titel)}</text>'
    )
    return teile


def _svg(titel: str, kennung: str, teile: list[str]) -> Markup:
    kopf = (
        f'<svg class="gov-grafik" viewBox="0 0 {BREITE} {HOEHE}" width="{BREITE}" height="{HOEHE}" '
        f'role="img" aria-labelledby="{kennung}-titel" xmlns="http://www.w3.org/2000/svg">'
        f'<title id="{kennung}-titel">{escape(titel)}</title>'
    )
    return Markup(kopf + "".join(teile) + "</svg>")


def kalibrierung(faecher: list[dict[str, Any]], kennung: str = "kalibrierung") -> Markup:
    """Reliability diagram: mean shown confidence (x) against share of values staff kept (y)."""
    teile = _achsen("angezeigte Sicherheit", "von Menschen behalten")
    teile.append(f'<line class="gov-ideal" x1="{_x(0)}" y1="{_y(0)}" x2="{_x(1)}" y2="{_y(1)}"/>')
    punkte = [(_x(f["konfidenz"]), _y(f["behalten"])) for f in faecher]
    if len(punkte) > 1:
        pfad = " ".join(f"{x:.1f},{y:.1f}" for x, y in punkte)
        teile.append(f'<polyline class="gov-linie" points="{pfad}"/>')
    for (x, y), f in zip(punkte, faecher, strict=True):
        text = f"Sicherheit {f['konfidenz']:.0%}: {f['behalten']:.0%} behalten (n = {f['n']})"
        teile.append(
            f'<circle class="gov-punkt" cx="{x:.1f}" cy="{y:.1f}" r="5"><title>{text}</title></circle>'
        )
    return _svg("Kalibrierung: angezeigte Sicherheit gegen behaltene Werte", kennung, teile)


def verlauf(
    punkte: list[tuple[str, float]], titel: str, y_titel: str, kennung: str, schwelle: float | None = None
) -> Markup:
    """Weekly (or other ordered) values 0..1 as a line with labelled points; optional threshold line."""
    teile = _achsen("Kalenderwoche", y_titel)
    if schwelle is not None:
        teile.append(
            f'<line class="gov-schwelle" x1="{RAND}" y1="{_y(schwelle):.1f}" x2="{BREITE - RAND}" '
            f'y2="{_y(schwelle):.1f}"><title>Schwelle {schwelle:.0%}</title></line>'
        )
    n = len(punkte)
    lage = [(_x((i + 0.5) / n), _y(max(0.0, min(1.0, w)))) for i, (_, w) in enumerate(punkte)]
    if n > 1:
        teile.append(
            f'<polyline class="gov-linie" points="{" ".join(f"{x:.1f},{y:.1f}" for x, y in lage)}"/>'
        )
    for (x, y), (etikett, wert) in zip(lage, punkte, strict=True):
        teile.append(
            f'<circle class="gov-punkt" cx="{x:.1f}" cy="{y:.1f}" r="4"><title>{escape(etikett)}: '
            f"{wert:.1%}</title></circle>"
        )
        if n <= 12:
            teile.append(
                f'<text class="gov-text gov-text--klein" x="{x:.1f}" y="{_y(0) + 14}" text-anchor="middle">'
                f"{escape(etikett[-3:])}</text>"
            )
    return _svg(titel, kennung, teile)


def quoten(zeilen: list[tuple[str, dict[str, Any]]], kennung: str = "quoten") -> Markup:
    """Stacked horizontal bars per field: kept, corrected, rejected shares."""
    hoehe_balken, abstand = 18, 8
    hoehe = max(HOEHE, 30 + len(zeilen) * (hoehe_balken + abstand))
    teile: list[str] = []
    links, breite = 150, BREITE - 170
    for i, (name, q) in enumerate(zeilen):
        y = 10 + i * (hoehe_balken + abstand)
        teile.append(
            f'<text class="gov-text" x="{links - 6}" y="{y + 13}" text-anchor="end">'
            f"{escape(name[:22])}</text>"
        )
        x = float(links)
        for teil in ("annahmequote", "korrekturquote", "ablehnungsquote"):
            w = (q.get(teil) or 0.0) * breite
            if w > 0:
                teile.append(
                    f'<rect class="gov-{teil}" x="{x:.1f}" y="{y}" width="{w:.1f}" height="{hoehe_balken}">'
                    f"<title>{escape(name)}: {teil} {q[teil]:.1%} (n = {q['n']})</title></rect>"
                )
            x += w
    kopf = (
        f'<svg class="gov-grafik" viewBox="0 0 {BREITE} {hoehe}" width="{BREITE}" height="{hoehe}" '
        f'role="img" aria-labelledby="{kennung}-titel" xmlns="http://www.w3.org/2000/svg">'
        f'<title id="{kennung}-titel">Entscheidungen je Feld: bestätigt, korrigiert, abgelehnt</title>'
    )
    return Markup(kopf + "".join(teile) + "</svg>")


#: Stylesheet of the plots, shared by the governance pages (/governance/grafik.css) and the PDF report.
CSS = (Path(__file__).parent / "vorlagen" / "grafik.css").read_text(encoding="utf-8")
