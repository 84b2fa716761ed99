"""FIT-Connect Subscriber against the local Zustelldienst: real JWE submissions, hash and schema checks,
accept/reject SETs, duplicates, outages with back-off, token expiry; every request and response validated
against the vendored OpenAPI file."""

from __future__ import annotations

import json
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import func, select

from amtsweg.cases.demodaten import lege_konten_an
from amtsweg.cases.modelle import Dokument, Vorgang
from amtsweg.db import Datenbank
from amtsweg.governance.audit import pruefe_kette
from amtsweg.schnittstellen.fitconnect import krypto
from amtsweg.schnittstellen.fitconnect.client import SubmissionClient, Zugang, Zustelldienstfehler
from amtsweg.schnittstellen.fitconnect.empfang import Zustellpunkt, empfange
from amtsweg.schnittstellen.fitconnect.modelle import Einreichung
from tests.schnittstellen.sender import Sender, fachdaten
from tests.schnittstellen.zustelldienst import Zustand, erstelle_app

BASIS = "http://zustelldienst.test"


@pytest.fixture(scope="module")
def schluessel() -> dict[str, dict[str, Any]]:
    return {z: krypto.erzeuge_schluessel(z) for z in ("verschluesselung", "signatur")} | {
        "fremd": krypto.erzeuge_schluessel("verschluesselung")
    }


@dataclass
class Umgebung:
    db: Datenbank
    zustand: Zustand
    ziel: str
    client: SubmissionClient
    sender: Sender
    punkt: Zustellpunkt
    pausen: list[float]
    schluessel: dict[str, dict[str, Any]]

    def vorgaenge(self) -> int:
        with self.db.sitzung() as s:
            return int(s.scalar(select(func.count()).select_from(Vorgang)) or 0)

    def ereignis(self, case_id: str) -> dict[str, Any]:
        (token,) = self.zustand.ereignisse[case_id]
        return krypto.pruefe_set(token, krypto.oeffentlich(self.schluessel["signatur"]))


@pytest.fixture
def umgebung(
    datenbank: Datenbank, schluessel: dict[str, dict[str, Any]], tmp_path: Path
) -> Iterator[Umgebung]:
    with datenbank.sitzung() as s:
        lege_konten_an(s, passwort="demo-passwort-123")
    zustand = Zustand()
    ziel = zustand.neues_ziel(schluessel["verschluesselung"], schluessel["signatur"])
    abholer = zustand.neuer_client(f"subscribe:destination:{ziel}")
    absender = zustand.neuer_client("send:region:DE07314")
    pausen: list[float] = []
    with TestClient(erstelle_app(zustand), base_url=BASIS) as http:
        client = SubmissionClient(
            Zugang(f"{BASIS}/token", BASIS, *abholer, ziel), http, schlafe=pausen.append
        )
        punkt = Zustellpunkt(
            ziel, "demo-wohngeld", schluessel["verschluesselung"], schluessel["signatur"], tmp_path / "ablage"
        )
        yield Umgebung(
            datenbank,
            zustand,
            ziel,
            client,
            Sender(http, BASIS, f"{BASIS}/token", *absender),
            punkt,
            pausen,
            schluessel,
        )
    assert zustand.verstoesse == [], "requests and responses must match the OpenAPI file"


def test_einreichungen_werden_vorgaenge_und_quittiert(umgebung: Umgebung) -> None:
    gesendet = [umgebung.sender.sende(umgebung.ziel, fachdaten(i)) for i in range(3)]
    ergebnis = empfange(umgebung.db, umgebung.client, umgebung.punkt)
    assert (ergebnis.angenommen, ergebnis.abgelehnt, ergebnis.bestaetigt, ergebnis.fehler) == (3, 0, 3, [])
    with umgebung.db.sitzung() as s:
        zeilen = s.scalars(select(Einreichung).order_by(Einreichung.id)).all()
        assert [z.submission_id for z in zeilen] == [g["submissionId"] for g in gesendet]
        for zeile in zeilen:
            vorgang = s.scalar(select(Vorgang).where(Vorgang.nummer == zeile.vorgang_nummer))
            assert vorgang is not None and vorgang.status == "eingegangen" and vorgang.leistung == "wohngeld"
            assert vorgang.daten["wohnung"]["kosten_monat"] == "470.00"
            dokumente = s.scalars(select(Dokument).where(Dokument.vorgang_id == vorgang.id)).all()
            assert sorted(d.mime for d in dokumente) == ["application/pdf", "image/png"]
            assert vorgang.antragsteller.email.startswith("erika.")
        assert pruefe_kette(s).in_ordnung
    for g in gesendet:
        nutzlast = umgebung.ereignis(g["caseId"])
        ((art, inhalt),) = nutzlast["events"].items()
        assert art.endswith("/accept-submission") and nutzlast["sub"] == f"submission:{g['submissionId']}"
        assert nutzlast["iss"] == umgebung.ziel and len(inhalt["authenticationTags"]["attachments"]) == 2
        assert umgebung.zustand.einreichungen[g["submissionId"]].status == "accepted"
    wieder = empfange(umgebung.db, umgebung.client, umgebung.punkt)
    assert (wieder.angenommen, wieder.bestaetigt) == (0, 0) and umgebung.vorgaenge() == 3


@pytest.mark.parametrize(
    ("fehler", "daten", "problem", "instanz"),
    [
        ("hash", None, "hash-mismatch", "data"),
        ("anlagehash", None, "hash-mismatch", "attachment:"),
        ("metadaten", None, "schema-violation", "metadata"),
        ("schluessel", None, "encryption-issue", "metadata"),
        ("schema", None, "unsupported-schema", "data"),
        (None, b"{kein json", "syntax-violation", "data"),
        (None, {"antragsteller": {"name": "A", "email": "a@example.org"}}, "schema-violation", "data"),
        (
            None,
            {**fachdaten(), "haushalt": {"stichtag": "2026-11-01", "personen": []}},
            "schema-violation",
            "data",
        ),
        (
            None,
            {**fachdaten(), "antragsteller": {"name": "S", "email": "sachbearbeitung@demo.example"}},
            "schema-violation",
            "data",
        ),
    ],
)
def test_fehlerhafte_einreichungen_werden_abgelehnt(
    umgebung: Umgebung, fehler: str | None, daten: Any, problem: str, instanz: str
) -> None:
    gesendet = umgebung.sender.sende(
        umgebung.ziel,
        daten if daten is not None else fachdaten(),
        fehler=fehler,
        fremder_schluessel=umgebung.schluessel["fremd"],
    )
    ergebnis = empfange(umgebung.db, umgebung.client, umgebung.punkt)
    assert (ergebnis.angenommen, ergebnis.abgelehnt, ergebnis.bestaetigt) == (0, 1, 1)
    assert umgebung.vorgaenge() == 0, "a rejected submission creates nothing"
    ((art, inhalt),) = umgebung.ereignis(gesendet["caseId"])["events"].items()
    assert art.endswith("/reject-submission")
    (eintrag,) = inhalt["problems"]
    assert eintrag["type"].endswith(f"/problems/{problem}") and eintrag["instance"].startswith(instanz)
    assert eintrag["detail"]
    assert umgebung.zustand.einreichungen[gesendet["submissionId"]].status == "rejected"


def test_absturz_nach_commit_quittiert_spaeter_ohne_doppelten_vorgang(
    umgebung: Umgebung, monkeypatch
) -> None:
    gesendet = umgebung.sender.sende(umgebung.ziel, fachdaten(7))
    original = SubmissionClient.sende_ereignis

    def stirbt(self: SubmissionClient, case_id: str, token: str) -> bool:
        raise Zustelldienstfehler("Verbindung abgebrochen")

    monkeypatch.setattr(SubmissionClient, "sende_ereignis", stirbt)
    ergebnis = empfange(umgebung.db, umgebung.client, umgebung.punkt)
    assert ergebnis.angenommen == 1 and ergebnis.bestaetigt == 0 and ergebnis.fehler
    assert umgebung.zustand.einreichungen[gesendet["submissionId"]].status == "submitted", "delivered again"
    monkeypatch.setattr(SubmissionClient, "sende_ereignis", original)
    wieder = empfange(umgebung.db, umgebung.client, umgebung.punkt)
    assert (wieder.angenommen, wieder.bestaetigt, wieder.fehler) == (0, 1, [])
    assert umgebung.vorgaenge() == 1
    assert umgebung.zustand.einreichungen[gesendet["submissionId"]].status == "accepted"


def test_bereits_entschiedene_einreichung_409_gilt_als_zugestellt(umgebung: Umgebung) -> None:
    gesendet = umgebung.sender.sende(umgebung.ziel, fachdaten(8))
    empfange(umgebung.db, umgebung.client, umgebung.punkt)
    with umgebung.db.sitzung() as s:  # as if the confirmation's commit had been lost
        s.scalar(select(Einreichung)).bestaetigt_am = None
    wieder = empfange(umgebung.db, umgebung.client, umgebung.punkt)
    assert (wieder.angenommen, wieder.bestaetigt, wieder.fehler) == (0, 1, [])
    assert len(umgebung.zustand.ereignisse[gesendet["caseId"]]) == 1 and umgebung.vorgaenge() == 1


def test_zustelldienst_ausfall_mit_backoff_und_ohne_verlust(umgebung: Umgebung) -> None:
    umgebung.sender.sende(umgebung.ziel, fachdaten(9))
    umgebung.zustand.ausfaelle = 3
    ergebnis = empfange(umgebung.db, umgebung.client, umgebung.punkt)
    assert ergebnis.angenommen == 1 and ergebnis.fehler == []
    assert umgebung.pausen[:3] == [0.5, 1.0, 2.0], "exponential back-off"
    umgebung.sender.sende(umgebung.ziel, fachdaten(10))
    umgebung.zustand.ausfaelle = 1000
    ausfall = empfange(umgebung.db, umgebung.client, umgebung.punkt)
    assert ausfall.angenommen == 0 and "503" in ausfall.fehler[0]
    umgebung.zustand.ausfaelle = 0
    danach = empfange(umgebung.db, umgebung.client, umgebung.punkt)
    assert danach.angenommen == 1 and umgebung.vorgaenge() == 2


def test_abgelaufenes_token_wird_erneuert(umgebung: Umgebung) -> None:
    umgebung.sender.sende(umgebung.ziel, fachdaten(11))
    empfange(umgebung.db, umgebung.client, umgebung.punkt)
    assert umgebung.client.tokenabrufe == 1
    umgebung.zustand.widerrufe_tokens()
    umgebung.sender.kopf = {"Authorization": "Bearer x"}  # sender needs a new token too
    umgebung.zustand.tokens["x"] = ("send:region:DE07314", 1e12)
    umgebung.sender.sende(umgebung.ziel, fachdaten(12))
    ergebnis = empfange(umgebung.db, umgebung.client, umgebung.punkt)
    assert ergebnis.angenommen == 1 and ergebnis.fehler == [] and umgebung.client.tokenabrufe == 2


def test_set_signatur_und_schluesselformat(schluessel: dict[str, dict[str, Any]]) -> None:
    oeffentlich = krypto.oeffentlich(schluessel["signatur"])
    assert oeffentlich["alg"] == "PS512" and oeffentlich["key_ops"] == ["verify"] and "d" not in oeffentlich
    token = krypto.signiere_set(
        schluessel["signatur"], aussteller="z", submission_id="s", case_id="c", ereignis="accept-submission"
    )
    assert json.loads(json.dumps(krypto.pruefe_set(token, oeffentlich)))["sub"] == "submission:s"
    kopf, nutzlast, signatur = token.split(".")
    with pytest.raises(krypto.Kryptofehler):
        krypto.pruefe_set(f"{kopf}.{nutzlast}.{signatur[:-4]}AAAA", oeffentlich)
    with pytest.raises(krypto.Kryptofehler):
        krypto.entschluessele(
            krypto.verschluessele(b"x", krypto.oeffentlich(schluessel["fremd"])),
            schluessel["verschluesselung"],
        )


def test_openapi_pruefung_erkennt_verstoesse() -> None:
    from tests.schnittstellen import openapi

    assert openapi.operation_zu("GET", "/v1/submissions/abc") == "get-submission"
    fehlt = openapi.pruefe_antwort(
        "get-submissions-for-pickup", 200, "application/json", {"submissions": [{"submissionId": "kurz"}]}
    )
    assert any("destinationId" in f for f in fehlt) and any("kurz" in f for f in fehlt)
    assert openapi.pruefe_antwort("send-case-event", 201, None, None), "undocumented status"
    assert openapi.pruefe_anfrage("submit-submission", "application/json", {"encryptedData": "x"})


def test_unerwarteter_fehler_blockiert_die_anderen_nicht(umgebung: Umgebung, monkeypatch) -> None:
    from amtsweg.schnittstellen.fitconnect import empfang

    erste = umgebung.sender.sende(umgebung.ziel, fachdaten(20))
    umgebung.sender.sende(umgebung.ziel, fachdaten(21))
    original = empfang.bilde_antrag
    aufrufe: list[int] = []

    def einmal_kaputt(*args: Any) -> Any:
        aufrufe.append(1)
        if len(aufrufe) == 1:
            raise RuntimeError("Programmfehler")
        return original(*args)

    monkeypatch.setattr(empfang, "bilde_antrag", einmal_kaputt)
    ergebnis = empfange(umgebung.db, umgebung.client, umgebung.punkt)
    assert ergebnis.angenommen == 1 and "RuntimeError" in ergebnis.fehler[0]
    assert umgebung.zustand.einreichungen[erste["submissionId"]].status == "submitted", (
        "kept for the next poll"
    )
    danach = empfange(umgebung.db, umgebung.client, umgebung.punkt)
    assert danach.angenommen == 1 and umgebung.vorgaenge() == 2
