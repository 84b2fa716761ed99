"""The content of the rendered Leichte-Sprache variants: simple, checkable rules of Leichte Sprache (Netzwerk
Leichte Sprache: short sentences, no abbreviations, no passive or Konjunktiv, numbers as digits; text written
by others - free text, the timeline of the procedure, proper names - is left out), and free text escaped."""

from __future__ import annotations

import re
from collections.abc import Callable
from html import escape
from html.parser import HTMLParser

from fastapi.testclient import TestClient
from sqlalchemy import select

from amtsweg.cases.demodaten import Demokonten
from amtsweg.cases.modelle import Nachforderung, Vorgang
from amtsweg.db import Datenbank
from amtsweg.web import leichte_sprache
from tests.web.conftest import csrf
from tests.web.test_leichte_sprache import ERIKA, alle_vorgaenge, schalten

Als = Callable[[str], TestClient]
BLOECKE = {"p", "li", "dt", "dd", "h1", "h2", "h3", "h4", "label", "div", "br", "button", "ul", "ol"}
#: text not written for these pages: free text of people, the timeline of the procedure, proper names
FREMDTEXT = {"amtsweg-freitext", "amtsweg-zeitachse", "amtsweg-eigenname", "amtsweg-alltagssprache"}
ABKUERZUNGEN = re.compile(
    r"\b(z\. ?B|bzw|ggf|usw|d\. ?h|u\. ?a|Nr|ca|evtl|inkl|etc|vgl)\.|\b(SGB|BGG|BITV|DSGVO|WoGG|EU|KI)\b"
)
PASSIV_KONJUNKTIV = re.compile(r"\b(wird|werden|wurde|wurden|worden|würde|würden|könnte|wäre|hätte)\b")
ZAHLWOERTER = re.compile(
    r"\b(zwei|drei|vier|fünf|sechs|sieben|acht|neun|zehn|elf|zwölf|hundert|zweite|dritte)[nrms]?\b", re.I
)


class Saetze(HTMLParser):
    """The sentences of <main>, without text written by others (see FREMDTEXT)."""

    def __init__(self) -> None:
        super().__init__()
        self.text: list[str] = []
        self._in_main = False
        self._ueberspringen: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        klassen = set((dict(attrs).get("class") or "").split())
        if tag == "main":
            self._in_main = True
        verschachtelt = bool(self._ueberspringen) and tag == self._ueberspringen[0]
        if verschachtelt or (not self._ueberspringen and klassen & FREMDTEXT):
            self._ueberspringen.append(tag)
        if tag in BLOECKE:
            self.text.append("\n")

    def handle_endtag(self, tag: str) -> None:
        if tag == "main":
            self._in_main = False
        if self._ueberspringen and tag == self._ueberspringen[0]:
            self._ueberspringen.pop()
        if tag in BLOECKE:
            self.text.append("\n")

    def handle_data(self, data: str) -> None:
        if self._in_main and not self._ueberspringen:
            self.text.append(data)

    def saetze(self) -> list[str]:
        teile = re.split(r"\n|(?<=[^\d\s][.?!])\s+", "".join(self.text))
        return [" ".join(t.split()) for t in teile if t.strip()]


def test_regeln_der_leichten_sprache(
    als: Als, app_client: Callable[[], TestClient], datenbank: Datenbank, demo: Demokonten
) -> None:
    vorgaenge = alle_vorgaenge(datenbank, demo)
    client = als(ERIKA)
    client.post("/antraege/neu", data={"csrf_token": csrf(client.get("/antraege").text)})
    schalten(client, True)
    seiten = ["/", "/antraege", "/leichte-sprache"]
    for nummer, _ in vorgaenge[ERIKA]:
        seiten += [f"/antraege/{nummer}", f"/antraege/{nummer}/eingangsbestaetigung"]
        for folge in ("weiterleistung", "aenderung"):
            if client.get(f"/antraege/{nummer}/{folge}").status_code == 200:
                seiten.append(f"/antraege/{nummer}/{folge}")
    gast = app_client()
    schalten(gast, True)
    alle: list[str] = []
    oeffentlich = ["/anmelden", "/registrieren", "/gibt-es-nicht"]
    for pfad in [*seiten, *oeffentlich]:
        parser = Saetze()
        parser.feed((gast if pfad in oeffentlich else client).get(pfad).text)
        saetze = parser.saetze()
        assert saetze, pfad
        for satz in saetze:
            assert len(satz.split()) <= 15, f"{pfad}: Satz zu lang: {satz!r}"
            assert not ABKUERZUNGEN.search(satz), f"{pfad}: Abkürzung: {satz!r}"
            assert not PASSIV_KONJUNKTIV.search(satz), f"{pfad}: Passiv oder Konjunktiv: {satz!r}"
            assert not ZAHLWOERTER.search(satz), f"{pfad}: Zahl als Wort: {satz!r}"
        alle += saetze
    mittel = sum(len(s.split()) for s in alle) / len(alle)
    assert mittel <= 8, f"mittlere Satzlänge {mittel:.1f} Wörter"


def test_freitext_auch_in_der_variante_maskiert(als: Als, datenbank: Datenbank, demo: Demokonten) -> None:
    nummern = [n for n, _ in alle_vorgaenge(datenbank, demo)[ERIKA]]
    angriff = '<script>alert("x")</script><img src=x onerror=alert(1)>'
    with datenbank.sitzung() as s:
        for v in s.scalars(select(Vorgang).where(Vorgang.nummer.in_(nummern))):
            v.bemerkung = angriff
        for n in s.scalars(select(Nachforderung)):
            n.beschreibung = angriff
        s.commit()
    client = als(ERIKA)
    schalten(client, True)
    gesehen = 0
    for nummer in nummern:
        text = client.get(f"/antraege/{nummer}").text
        assert "Diese Seite ist in Leichter Sprache." in text
        assert "<script>alert" not in text and "<img src=x" not in text
        gesehen += text.count("&lt;script&gt;alert(")
    assert gesehen > len(nummern)  # every Bemerkung and the Nachforderung are shown, escaped


def test_liste_der_varianten_stimmt(app_client: Callable[[], TestClient], demo: Demokonten) -> None:
    """The Erklärung zur Barrierefreiheit names exactly the pages that have a variant."""
    ordner = leichte_sprache.VORLAGEN_ORDNER / leichte_sprache.ORDNER
    dateien = {p.relative_to(ordner).as_posix() for p in ordner.rglob("*.html")}
    assert dateien == set(leichte_sprache.VARIANTEN)
    assert all((leichte_sprache.VORLAGEN_ORDNER / name).is_file() for name in dateien)
    erklaerung = app_client().get("/barrierefreiheit").text
    for beschreibung in leichte_sprache.VARIANTEN.values():
        assert escape(beschreibung) in erklaerung, beschreibung
