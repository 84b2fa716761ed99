"""Leichte Sprache and the BITV pages: the per-session switch (CSRF, no open redirect), the variant and its
fallback, identical forms and rights in the variant of the citizen pages, the Erklärung zur
Barrierefreiheit, and simple checks of the rules of Leichte Sprache on the rendered variants."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable
from html.parser import HTMLParser

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import func, select

from amtsweg.cases.demodaten import Demokonten, lege_vorgaenge_an
from amtsweg.cases.modelle import Dokument, Vorgang
from amtsweg.cases.status import BEZEICHNUNG
from amtsweg.db import Datenbank
from amtsweg.web import leichte_sprache
from amtsweg.web.routen.sprache import SCHLICHTUNGSSTELLE
from tests.web.conftest import csrf, kleines_pdf

ERIKA = "erika@demo.example"
MAX = "max@demo.example"
Als = Callable[[str], TestClient]
MARKE = "Diese Seite ist in Leichter Sprache."
RUECKFALL = "Diese Seite gibt es nicht in Leichter Sprache."


def alle_vorgaenge(datenbank: Datenbank, demo: Demokonten) -> dict[str, list[tuple[str, str]]]:
    """The demo Vorgänge (one per status): e-mail of the applicant -> [(Vorgangsnummer, status)]."""
    with datenbank.sitzung() as s:
        lege_vorgaenge_an(s, demo, dt.date.today())
        s.commit()
        ergebnis: dict[str, list[tuple[str, str]]] = {}
        for v in s.scalars(select(Vorgang).order_by(Vorgang.id)):
            ergebnis.setdefault(v.antragsteller.email, []).append((v.nummer, v.status))
        return ergebnis


@pytest.fixture
def vorgaenge(datenbank: Datenbank, demo: Demokonten) -> dict[str, list[tuple[str, str]]]:
    return alle_vorgaenge(datenbank, demo)


def schalten(client: TestClient, an: bool, zurueck: str = "/") -> str:
    token = csrf(client.get("/").text)
    antwort = client.post(
        "/sprache",
        data={"leicht": "1" if an else "0", "zurueck": zurueck, "csrf_token": token},
        follow_redirects=False,
    )
    assert antwort.status_code == 303, antwort.text
    return antwort.headers["location"]


def _status(db: Datenbank, nummer: str) -> str:
    with db.sitzung() as s:
        return str(s.scalar(select(Vorgang.status).where(Vorgang.nummer == nummer)))


# --- the switch ---------------------------------------------------------------------------------


def test_schalter_braucht_csrf(app_client: Callable[[], TestClient]) -> None:
    client = app_client()
    client.get("/")
    for daten in ({"leicht": "1"}, {"leicht": "1", "csrf_token": "falsch"}):
        antwort = client.post("/sprache", data=daten, follow_redirects=False)
        assert antwort.status_code == 403
    seite = client.get("/").text
    assert MARKE not in seite and "Sozialleistungen online beantragen" in seite


def test_schalter_an_und_aus(app_client: Callable[[], TestClient]) -> None:
    client = app_client()
    normal = client.get("/").text
    assert "Sozialleistungen online beantragen" in normal and "Willkommen bei Amtsweg" not in normal
    assert 'name="leicht" value="1"' in normal and ">Leichte Sprache</span></button>" in normal

    assert schalten(client, True, "/") == "/"
    leicht = client.get("/").text
    assert "Willkommen bei Amtsweg" in leicht and "Sozialleistungen online beantragen" not in leicht
    assert MARKE in leicht and 'aria-describedby="leicht-hinweis"' in leicht
    assert "<title>Start – Leichte Sprache – Amtsweg</title>" in leicht
    assert 'class="amtsweg-leicht"' in leicht and '<html lang="de">' in leicht
    assert 'name="leicht" value="0"' in leicht and ">Alltagssprache</span></button>" in leicht

    schalten(client, False)
    assert "Sozialleistungen online beantragen" in client.get("/").text


@pytest.mark.parametrize(
    "ziel",
    [
        "https://boese.example/",
        "//boese.example/pfad",
        "/\\boese.example",
        "\\\\boese.example",
        "javascript:alert(1)",
        "/antraege\r\nSet-Cookie: x=1",
        "http:/boese.example",
        " /antraege",
        "",
        "/" + "a" * 600,
    ],
)
def test_kein_offener_redirect(app_client: Callable[[], TestClient], ziel: str) -> None:
    client = app_client()
    assert schalten(client, True, ziel) == "/"
    assert leichte_sprache.sicherer_pfad(ziel) == "/"


@pytest.mark.parametrize("ziel", ["/antraege", "/antraege/WG-2026-000001", "/leistungs-check?a=1&b=2"])
def test_lokale_ruecksprungziele(app_client: Callable[[], TestClient], ziel: str) -> None:
    assert schalten(app_client(), True, ziel) == ziel


def test_rueckfall_ohne_variante(app_client: Callable[[], TestClient]) -> None:
    client = app_client()
    schalten(client, True)
    seite = client.get("/leistungs-check").text
    assert 'id="wohnung_kosten"' in seite  # the normal Leistungs-Check
    assert RUECKFALL in seite and MARKE not in seite and 'class="amtsweg-leicht"' not in seite
    assert leichte_sprache.variante("buerger/leistungs_check.html") is None
    assert leichte_sprache.variante("start.html") == "leicht/start.html"
    assert leichte_sprache.variante("../start.html") is None
    assert leichte_sprache.variante("leicht/start.html") is None


def test_sprache_bleibt_nach_anmeldung(app_client: Callable[[], TestClient], demo: Demokonten) -> None:
    from tests.web.conftest import anmelden

    client = app_client()
    schalten(client, True)
    anmelden(client, ERIKA)
    assert MARKE in client.get("/antraege").text
    token = csrf(client.get("/antraege").text)
    client.post("/abmelden", data={"csrf_token": token})
    assert "Willkommen bei Amtsweg" in client.get("/").text


# --- the citizen pages in Leichte Sprache keep every form and every right -----------------------


class Formulare(HTMLParser):
    """Forms (action, method, enctype, field names and types) and the links into the portal."""

    def __init__(self) -> None:
        super().__init__()
        self.formulare: list[tuple[str, str, str, tuple[tuple[str, str], ...]]] = []
        self.links: set[str] = set()
        self._offen: list[tuple[str, str]] | None = None
        self._kopf: tuple[str, str, str] = ("", "", "")

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = {k: v or "" for k, v in attrs}
        if tag == "form":
            self._kopf = (a.get("action", ""), a.get("method", "get"), a.get("enctype", ""))
            self._offen = []
        elif tag in ("input", "textarea", "select", "button") and self._offen is not None and a.get("name"):
            self._offen.append((a["name"], a.get("type", tag)))
        elif tag == "a" and a.get("href", "").startswith(("/antraege", "/konto")):
            self.links.add(a["href"])

    def handle_endtag(self, tag: str) -> None:
        if tag == "form" and self._offen is not None:
            self.formulare.append((*self._kopf, tuple(sorted(self._offen))))
            self._offen = None


def _formulare(html: str) -> Formulare:
    parser = Formulare()
    parser.feed(html)
    return parser


def test_variante_hat_dieselben_formulare_und_links(
    als: Als, vorgaenge: dict[str, list[tuple[str, str]]]
) -> None:
    client = als(ERIKA)
    client.post("/antraege/neu", data={"csrf_token": csrf(client.get("/antraege").text)})  # a draft
    seiten = ["/antraege"]
    for nummer, _ in vorgaenge[ERIKA]:
        seiten += [f"/antraege/{nummer}", f"/antraege/{nummer}/eingangsbestaetigung"]
        for folge in ("weiterleistung", "aenderung"):  # offered for granted Vorgänge only
            if client.get(f"/antraege/{nummer}/{folge}").status_code == 200:
                seiten.append(f"/antraege/{nummer}/{folge}")
    assert {"aenderung", "weiterleistung"} <= {p.rsplit("/", 1)[-1] for p in seiten}
    normal = {p: client.get(p) for p in seiten}
    schalten(client, True)
    gesehen: set[str] = set()
    for pfad in seiten:
        leicht = client.get(pfad)
        assert normal[pfad].status_code == leicht.status_code == 200, pfad
        assert MARKE in leicht.text and MARKE not in normal[pfad].text, pfad
        a, b = _formulare(normal[pfad].text), _formulare(leicht.text)
        assert sorted(a.formulare) == sorted(b.formulare), pfad
        assert a.links == b.links, pfad
        gesehen |= {f[0].rsplit("/", 1)[-1] for f in b.formulare} | {x.rsplit("/", 1)[-1] for x in b.links}
    # the comparison covered every action the demo statuses offer
    assert {"nachweise", "widerspruch", "zuruecknehmen", "bescheid.pdf", "daten.json"} <= gesehen
    assert {"aenderung", "weiterleistung"} <= gesehen
    assert any("/entwurf/" in x for x in _formulare(client.get("/antraege").text).links)


def test_anmelden_registrieren_fehler_in_leichter_sprache(
    app_client: Callable[[], TestClient], demo: Demokonten
) -> None:
    client = app_client()
    normal = {p: client.get(p).text for p in ("/anmelden", "/registrieren")}
    schalten(client, True)
    for pfad, text in normal.items():
        leicht = client.get(pfad).text
        assert MARKE in leicht and "geheimes Wort" in leicht, pfad
        assert _formulare(text).formulare == _formulare(leicht).formulare, pfad
    fehlt = client.get("/gibt-es-nicht")
    assert fehlt.status_code == 404 and MARKE in fehlt.text
    assert "Diese Seite gibt es nicht</h1>" in fehlt.text and 'name="zurueck" value="/"' in fehlt.text
    falsch = client.post(
        "/anmelden", data={"email": ERIKA, "passwort": "falsch-falsch", "csrf_token": csrf(leicht)}
    )
    assert falsch.status_code == 400 and MARKE in falsch.text
    assert "E-Mail-Adresse oder Passwort ist falsch." in falsch.text


def test_status_in_leichter_sprache(als: Als, vorgaenge: dict[str, list[tuple[str, str]]]) -> None:
    client = als(ERIKA)
    schalten(client, True)
    liste = client.get("/antraege").text
    for nummer, status in vorgaenge[ERIKA]:
        name, erklaerung = leichte_sprache.STATUS_LEICHT[status]
        assert f"<strong>{name}</strong>" in liste
        seite = client.get(f"/antraege/{nummer}").text
        assert f'kern-badge--info">{name}</span>' in seite
        assert str(leichte_sprache.status_erklaerung(status)) in seite and erklaerung.split(". ")[0] in seite


def _nummer(vorgaenge: dict[str, list[tuple[str, str]]], email: str, status: str) -> str:
    return next(n for n, s in vorgaenge[email] if s == status)


def test_widerspruch_aus_der_variante(
    als: Als, datenbank: Datenbank, vorgaenge: dict[str, list[tuple[str, str]]]
) -> None:
    client = als(ERIKA)
    schalten(client, True)
    nummer = _nummer(vorgaenge, ERIKA, "beschieden")
    seite = client.get(f"/antraege/{nummer}").text
    assert "Widerspruch abschicken" in seite
    leer = client.post(
        f"/antraege/{nummer}/widerspruch",
        data={"begruendung": " ", "csrf_token": csrf(seite)},
        follow_redirects=False,
    )
    assert leer.status_code == 400 and MARKE in leer.text
    assert 'id="begruendung"' in leer.text and 'aria-invalid="true"' in leer.text
    # after a POST the switch returns to the status page (a page with GET), not to the POST address
    assert f'name="zurueck" value="/antraege/{nummer}"' in leer.text
    assert _status(datenbank, nummer) == "beschieden"

    antwort = client.post(
        f"/antraege/{nummer}/widerspruch",
        data={"begruendung": "Meine Miete ist höher.", "csrf_token": csrf(seite)},
        follow_redirects=False,
    )
    assert antwort.status_code == 303
    assert _status(datenbank, nummer) == "widerspruch"
    assert leichte_sprache.STATUS_LEICHT["widerspruch"][0] in client.get(f"/antraege/{nummer}").text


def test_hochladen_und_zuruecknehmen_aus_der_variante(
    als: Als, datenbank: Datenbank, vorgaenge: dict[str, list[tuple[str, str]]]
) -> None:
    client = als(ERIKA)
    schalten(client, True)
    nummer = _nummer(vorgaenge, ERIKA, "eingegangen")
    token = csrf(client.get(f"/antraege/{nummer}").text)
    with datenbank.sitzung() as s:
        vorher = int(s.scalar(select(func.count()).select_from(Dokument)) or 0)
    antwort = client.post(
        f"/antraege/{nummer}/nachweise",
        data={"csrf_token": token},
        files={"datei": ("miete.pdf", kleines_pdf(), "application/pdf")},
        follow_redirects=False,
    )
    assert antwort.status_code == 303
    with datenbank.sitzung() as s:
        assert int(s.scalar(select(func.count()).select_from(Dokument)) or 0) == vorher + 1
    assert "miete.pdf" in client.get(f"/antraege/{nummer}").text

    ohne = client.post(f"/antraege/{nummer}/zuruecknehmen", data={"csrf_token": token})
    assert ohne.status_code == 400 and MARKE in ohne.text
    antwort = client.post(
        f"/antraege/{nummer}/zuruecknehmen",
        data={"bestaetigung": "1", "csrf_token": token},
        follow_redirects=False,
    )
    assert antwort.status_code == 303 and _status(datenbank, nummer) == "abgeschlossen"


def test_fremde_vorgaenge_auch_in_der_variante_unsichtbar(
    als: Als, datenbank: Datenbank, vorgaenge: dict[str, list[tuple[str, str]]]
) -> None:
    client = als(MAX)
    schalten(client, True)
    liste = client.get("/antraege").text
    assert MARKE in liste
    for nummer, _ in vorgaenge[MAX]:
        assert nummer in liste
    token = csrf(liste)
    for nummer, status in vorgaenge[ERIKA]:
        assert nummer not in liste
        for pfad in (f"/antraege/{nummer}", f"/antraege/{nummer}/eingangsbestaetigung"):
            antwort = client.get(pfad)
            assert antwort.status_code == 404 and nummer not in antwort.text, pfad
        antwort = client.post(
            f"/antraege/{nummer}/widerspruch", data={"begruendung": "x", "csrf_token": token}
        )
        assert antwort.status_code == 404
        assert _status(datenbank, nummer) == status


# --- the BITV pages and the footer ----------------------------------------------------------------


def test_erklaerung_zur_barrierefreiheit(app_client: Callable[[], TestClient], demo: Demokonten) -> None:
    seite = app_client().get("/barrierefreiheit")
    assert seite.status_code == 200
    text = seite.text
    assert "<h1" in text and "Erklärung zur Barrierefreiheit" in text
    assert "teilweise mit der BITV 2.0 vereinbar" in text
    for bestandteil in ("PDF/A", "Gebärdensprache", "Leichte Sprache", "§ 16 BGG", 'id="rueckmeldung"'):
        assert bestandteil in text, bestandteil
    assert SCHLICHTUNGSSTELLE["name"] in text
    assert "Mauerstraße 53<br>" in text and "10117 Berlin<br>" in text
    assert re.search(r'<time datetime="\d{4}-\d{2}-\d{2}">\d{2}\.\d{2}\.\d{4}</time> erstellt', text)
    for behoerde in (demo.behoerde, demo.andere_behoerde):
        assert f'href="mailto:{behoerde.email}?' in text and behoerde.name in text
        assert behoerde.telefon in text
    assert 'href="/leichte-sprache"' in text


def test_seite_in_leichter_sprache(app_client: Callable[[], TestClient], demo: Demokonten) -> None:
    text = app_client().get("/leichte-sprache").text  # switch off: the page is Leichte Sprache anyway
    assert MARKE in text and "– Leichte Sprache – Amtsweg</title>" in text
    for teil in ("Was ist Amtsweg?", "Was können Sie hier machen?", "zurecht", "barriere-frei", "Barriere"):
        assert teil in text, teil
    for wort in (
        "Wohn-Geld</span> ist",
        "Nachweis</span> ist",
        "Bescheid</span> ist",
        "Widerspruch</span> heißt",
    ):
        assert wort in text, wort  # hard words are explained
    assert f"mailto:{demo.behoerde.email}" in text and "Mauerstraße 53" in text


def test_fusszeile_und_schalter_auf_jeder_seite(
    app_client: Callable[[], TestClient], als: Als, vorgaenge: dict[str, list[tuple[str, str]]]
) -> None:
    gast, erika = app_client(), als(ERIKA)
    seiten = [
        (gast, p)
        for p in (
            "/",
            "/anmelden",
            "/registrieren",
            "/leistungs-check",
            "/barrierefreiheit",
            "/gibt-es-nicht",
        )
    ]
    seiten += [
        (erika, "/antraege"),
        (erika, f"/antraege/{vorgaenge[ERIKA][0][0]}"),
        (gast, "/leichte-sprache"),
    ]
    for client, pfad in seiten:
        text = client.get(pfad).text
        assert 'href="/leichte-sprache"' in text and 'href="/barrierefreiheit"' in text, pfad
        assert 'action="/sprache"' in text and 'name="zurueck"' in text, pfad


def test_status_namen_vollstaendig() -> None:
    assert set(leichte_sprache.STATUS_LEICHT) == set(BEZEICHNUNG)
    namen = [n for n, _ in leichte_sprache.STATUS_LEICHT.values()]
    assert len(set(namen)) == len(namen) and all(e for _, e in leichte_sprache.STATUS_LEICHT.values())


def test_datum_und_betrag_in_leichter_sprache() -> None:
    assert leichte_sprache.datum_leicht(dt.date(2026, 3, 1)) == "1. März 2026"
    assert leichte_sprache.euro_leicht(123456) == "1.234,56 Euro"
    assert leichte_sprache.euro_leicht(30000) == "300 Euro"
