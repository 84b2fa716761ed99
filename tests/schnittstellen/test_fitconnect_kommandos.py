"""CLI of the FIT-Connect part: key generation and the configuration check (German messages, no traceback)."""

from __future__ import annotations

import json
import stat
from pathlib import Path

import pytest
from typer.testing import CliRunner

from amtsweg.cli import app
from amtsweg.schnittstellen.fitconnect.einstellungen import Konfigurationsfehler, lade


def test_schluessel_erzeugen_privat_geschuetzt_oeffentlich_ohne_geheimnis(tmp_path: Path) -> None:
    ergebnis = CliRunner().invoke(app, ["fitconnect", "schluessel", "--ausgabe", str(tmp_path)])
    assert ergebnis.exit_code == 0, ergebnis.output
    for zweck, alg, ops in (
        ("verschluesselung", "RSA-OAEP-256", ["wrapKey"]),
        ("signatur", "PS512", ["verify"]),
    ):
        privat = tmp_path / f"{zweck}.privat.jwk.json"
        assert stat.S_IMODE(privat.stat().st_mode) == 0o600
        oeffentlich = json.loads((tmp_path / f"{zweck}.oeffentlich.jwk.json").read_text())
        assert oeffentlich["alg"] == alg and oeffentlich["key_ops"] == ops and oeffentlich["e"] == "AQAB"
        assert "d" not in oeffentlich and len(oeffentlich["n"]) >= 683 and oeffentlich["x5c"]
        assert "d" in json.loads(privat.read_text())


def test_fehlende_konfiguration_wird_benannt(monkeypatch: pytest.MonkeyPatch) -> None:
    for name in list(__import__("os").environ):
        if name.startswith("AMTSWEG_FITCONNECT_"):
            monkeypatch.delenv(name)
    ergebnis = CliRunner().invoke(app, ["fitconnect", "empfangen"])
    assert ergebnis.exit_code == 2 and "AMTSWEG_FITCONNECT_CLIENT_SECRET" in ergebnis.output
    with pytest.raises(Konfigurationsfehler, match="Schlüssel nicht lesbar"):
        lade(
            {
                f"AMTSWEG_FITCONNECT_{n}": "/gibt/es/nicht"
                for n in (
                    "TOKEN_URL",
                    "SUBMISSION_URL",
                    "CLIENT_ID",
                    "CLIENT_SECRET",
                    "DESTINATION_ID",
                    "BEHOERDE",
                    "SCHLUESSEL_VERSCHLUESSELUNG",
                    "SCHLUESSEL_SIGNATUR",
                )
            }
        )


def test_status_warnt_bei_ausstehender_quittung(datenbank, monkeypatch: pytest.MonkeyPatch) -> None:
    import datetime as dt

    from amtsweg.schnittstellen.fitconnect.modelle import Einreichung

    with datenbank.sitzung() as s:
        alt = dt.datetime.now(dt.UTC) - dt.timedelta(days=3)
        s.add(
            Einreichung(
                submission_id="alt",
                case_id="c1",
                destination_id="d",
                status="angenommen",
                probleme=[],
                ereignis="x.y.z",
                eingegangen_am=alt,
            )
        )
        s.add(
            Einreichung(
                submission_id="neu",
                case_id="c2",
                destination_id="d",
                status="abgelehnt",
                probleme=[],
                ereignis="x.y.z",
                bestaetigt_am=dt.datetime.now(dt.UTC),
            )
        )
    monkeypatch.setenv("AMTSWEG_DATABASE_URL", datenbank.engine.url.render_as_string(hide_password=False))
    ergebnis = CliRunner().invoke(app, ["fitconnect", "status"])
    assert ergebnis.exit_code == 1, ergebnis.output
    assert "angenommen 1, abgelehnt 1, Quittung ausstehend 1" in ergebnis.output and "alt" in ergebnis.output
