"""The CLI contract: `amtsweg berechne --leistung wohngeld FILE` prints JSON; bad input -> exit 2,
one German message naming the field, never a traceback."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

from amtsweg.cli import app
from amtsweg.db import Datenbank

runner = CliRunner()
HAUSHALT = {
    "stichtag": "2025-01-01",
    "wohnung": {"art": "miete", "kosten_monat": "470.00", "mietstufe": 4},
    "personen": [
        {"id": "a", "rolle": "antragsteller", "alter": 45,
         "einkommen": [{"art": "arbeitslosengeld", "brutto_monat": 1350}]}
    ],
}  # fmt: skip


def _lauf(daten: object, *extra: str) -> tuple[int, str, str]:
    ergebnis = runner.invoke(
        app, ["berechne", "--leistung", "wohngeld", *extra, "-"], input=json.dumps(daten)
    )
    return ergebnis.exit_code, ergebnis.stdout, ergebnis.stderr


def test_berechne_stdin() -> None:
    code, out, _ = _lauf(HAUSHALT)
    assert code == 0
    daten = json.loads(out)
    assert daten["wohngeld"]["betrag_monat"] == "88.00"
    assert daten["wohngeld"]["miete_beruecksichtigt_monat"] == "580.40"
    assert daten["wohngeld"]["mietstufe"] == 4
    assert daten["regelwerk_version"].startswith("0.1.0+")
    normen = {s["norm"] for s in daten["wohngeld"]["begruendung"]}
    assert {"§ 19 Abs. 1 WoGG", "§ 12 Abs. 6 WoGG", "Anlage 3 Nr. 2 WoGG"} <= normen


def test_berechne_datei(tmp_path: Path) -> None:
    datei = tmp_path / "h.json"
    datei.write_text(json.dumps(HAUSHALT), encoding="utf-8")
    ergebnis = runner.invoke(app, ["berechne", "--leistung", "wohngeld", str(datei)])
    assert ergebnis.exit_code == 0
    assert json.loads(ergebnis.stdout)["wohngeld"]["betrag_monat"] == "88.00"


@pytest.mark.parametrize(
    ("aenderung", "feld"),
    [
        (lambda h: h["wohnung"].update(kosten_monat="vierhundert"), "wohnung.kosten_monat"),
        (lambda h: h["wohnung"].update(mietstufe=9), "wohnung.mietstufe"),
        (lambda h: h["personen"][0].update(alter=-1), "personen[0].alter"),
        (lambda h: h["personen"][0].update(rolle="chef"), "personen[0].rolle"),
        (lambda h: h["personen"][0]["einkommen"][0].update(art="lotto"), "personen[0].einkommen[0].art"),
        (lambda h: h.update(stichtag="2025-13-01"), "stichtag"),
        (lambda h: h.update(stichtag="2020-01-01"), "stichtag"),
        (lambda h: h.pop("wohnung"), "wohnung"),
        (lambda h: h["personen"][0].update(bezieht=["urlaubsgeld"]), "personen[0].bezieht[0]"),
        (lambda h: h.update(extra=1), "extra"),
    ],
)
def test_fehler_nennt_feld(aenderung: object, feld: str) -> None:
    daten = json.loads(json.dumps(HAUSHALT))
    aenderung(daten)  # type: ignore[operator]
    code, out, err = _lauf(daten)
    assert code == 2
    assert out == ""
    assert err.startswith(f"Fehler: {feld}")
    assert "Traceback" not in err


def test_kaputtes_json() -> None:
    ergebnis = runner.invoke(app, ["berechne", "-"], input="{kaputt")
    assert ergebnis.exit_code == 2
    assert "kein gültiges JSON" in ergebnis.stderr


def test_echter_prozess_ohne_traceback(tmp_path: Path) -> None:
    datei = tmp_path / "h.json"
    datei.write_text('{"stichtag": "2025-01-01"}', encoding="utf-8")
    lauf = subprocess.run(
        [sys.executable, "-m", "amtsweg", "berechne", "--leistung", "wohngeld", str(datei)],
        capture_output=True, text=True, check=False,
    )  # fmt: skip
    assert lauf.returncode == 2
    assert lauf.stderr.strip() == "Fehler: wohnung: Pflichtangabe fehlt."


def test_beispiel_laeuft() -> None:
    ergebnis = runner.invoke(app, ["beispiel"])
    assert ergebnis.exit_code == 0, ergebnis.output
    assert "Wohngeld: 88.00 €" in ergebnis.stdout


FAMILIE = {
    "stichtag": "2025-03-01",
    "wohnung": {"art": "miete", "kosten_monat": "650.00", "heizkosten_monat": "90.00", "mietstufe": 2},
    "personen": [
        {"id": "a", "rolle": "antragsteller", "alter": 34,
         "abzuege": ["steuern", "kranken_pflegeversicherung", "rentenversicherung"],
         "einkommen": [{"art": "erwerbstaetigkeit", "brutto_monat": "2100.00", "netto_monat": "1560.00"}]},
        {"id": "b", "rolle": "partner", "alter": 32},
        {"id": "k1", "rolle": "kind", "alter": 6, "kindergeld": True},
        {"id": "k2", "rolle": "kind", "alter": 3, "kindergeld": True},
    ],
}  # fmt: skip


def test_alle_leistungen_und_vorrang() -> None:
    code, out, err = _lauf(FAMILIE, "--leistung", "alle")
    assert code == 0, err
    daten = json.loads(out)
    assert set(daten) == {
        "wohngeld",
        "kinderzuschlag",
        "kindergeld",
        "grundsicherung",
        "vorrang",
        "regelwerk_version",
    }
    for block in ("wohngeld", "kinderzuschlag", "kindergeld", "grundsicherung"):
        assert "betrag_monat" in daten[block] and daten[block]["begruendung"]
    assert daten["grundsicherung"]["bedarf_monat"] == "2499.00"
    assert daten["vorrang"]["empfehlung"] == ["wohngeld", "kinderzuschlag", "kindergeld"]
    summe = sum(
        float(daten[b]["betrag_monat"])
        for b in ("wohngeld", "kinderzuschlag", "kindergeld", "grundsicherung")
    )
    assert f"{summe:.2f}" == daten["vorrang"]["gesamt_monat"]


@pytest.mark.parametrize("leistung", ["grundsicherung", "kinderzuschlag", "kindergeld", "vorrang"])
def test_einzelne_leistungen(leistung: str) -> None:
    code, out, err = _lauf(FAMILIE, "--leistung", leistung)
    assert code == 0, err
    assert leistung in json.loads(out)


def test_fehlendes_netto_wird_benannt() -> None:
    daten = json.loads(json.dumps(FAMILIE))
    del daten["personen"][0]["einkommen"][0]["netto_monat"]
    code, out, err = _lauf(daten, "--leistung", "alle")
    assert code == 2 and out == ""
    assert err.startswith("Fehler: personen[0].einkommen[0].netto_monat:")
    code, out, _ = _lauf(daten, "--leistung", "wohngeld")
    assert code == 0, "Wohngeld counts gross income and needs no netto"


def test_kdu_tabelle_fehler(tmp_path: Path) -> None:
    kaputt = tmp_path / "kdu.yaml"
    kaputt.write_text("traeger: 5\n", encoding="utf-8")
    code, _, err = _lauf(FAMILIE, "--leistung", "alle", "--kdu-tabelle", str(kaputt))
    assert code == 2 and err.startswith("Fehler: --kdu-tabelle")


def test_demo_einrichten_und_audit_verify(
    datenbank: Datenbank, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """`amtsweg demo --nur-einrichten` creates the demo on the configured database and prints working
    passwords; `amtsweg audit verify` confirms the chain (fresh database: SQLite or PostgreSQL)."""
    from amtsweg.cases import konten

    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("AMTSWEG_DATABASE_URL", datenbank.url)
    ergebnis = runner.invoke(app, ["demo", "--nur-einrichten"])
    assert ergebnis.exit_code == 0, ergebnis.output
    zeile = next(z for z in ergebnis.stdout.splitlines() if "erika@demo.example" in z)
    passwort = zeile.split()[-1]
    with datenbank.sitzung() as s:
        assert konten.anmelden(s, "erika@demo.example", passwort) is not None
    pruefung = runner.invoke(app, ["audit", "verify"])
    assert pruefung.exit_code == 0 and "Prüfpfad in Ordnung" in pruefung.stdout
    zweiter = runner.invoke(app, ["demo", "--nur-einrichten"])
    assert zweiter.exit_code == 0 and passwort not in zweiter.stdout, "a second run issues new passwords"


def test_unbekannte_leistung_einzeilig_deutsch() -> None:
    for befehl in (
        ["berechne", "--leistung", "miete", "-"],
        ["batch", "--leistung", "miete", "a.csv", "b.csv"],
    ):
        ergebnis = runner.invoke(app, befehl, input="{}")
        assert ergebnis.exit_code == 2
        assert ergebnis.stdout == ""
        assert ergebnis.stderr.strip().splitlines() == [ergebnis.stderr.strip().splitlines()[0]], (
            "one line, no usage box"
        )
        assert ergebnis.stderr.startswith(
            "Fehler: --leistung: „miete“ ist nicht zulässig. Erlaubt sind: alle,"
        )


def test_hilfe_deutsch_und_leistungen_nicht_zerrissen() -> None:
    befehle = ([], ["berechne"], ["batch"], ["audit"], ["frage"], ["korpus"], ["worker"], ["neuberechnung"])
    for befehl in befehle:
        ergebnis = runner.invoke(app, [*befehl, "--help"], env={"COLUMNS": "80"}, terminal_width=80)
        assert ergebnis.exit_code == 0, ergebnis.output
        assert "Show this message" not in ergebnis.stdout
        assert "Diese Hilfe anzeigen und beenden." in ergebnis.stdout
        for englisch in ("<bool>", "[default:", "[required]"):
            assert englisch not in ergebnis.stdout, (befehl, englisch)
    hilfe = runner.invoke(app, ["berechne", "--help"], env={"COLUMNS": "80"}, terminal_width=80).stdout
    for wort in ("grundsicherung", "kinderzuschlag", "kindergeld", "vorrang"):
        assert wort in hilfe, f"{wort} must not be split across lines"


def test_batch_standard_ist_alle() -> None:
    import inspect

    from amtsweg.cli import batch, berechne

    def vorgabe(funktion: object) -> object:
        return inspect.signature(funktion).parameters["leistung"].default  # type: ignore[arg-type]

    assert vorgabe(batch) == vorgabe(berechne) == "alle"


@pytest.mark.parametrize(
    "befehl",
    [
        ["--help"],
        ["berechne", "--leistung", "alle", "BEISPIEL"],
        ["berechne", "--leistung", "wohngeld", "BEISPIEL"],
    ],
)
def test_leichte_importe(befehl: list[str]) -> None:
    """`amtsweg --help` and one calculation import no component sub-app, no scikit-learn, no web stack."""
    from amtsweg.cli import BEISPIEL

    argv = [str(BEISPIEL) if a == "BEISPIEL" else a for a in befehl]
    code = (
        "import sys\n"
        f"sys.argv = ['amtsweg', *{argv!r}]\n"
        "from amtsweg.cli import main\n"
        "try:\n    main()\nexcept SystemExit as e:\n    assert not e.code, e.code\n"
        "schwer = sorted(m for m in sys.modules if m.split('.')[0] in ('sklearn', 'scipy', 'fastapi', "
        "'sqlalchemy') or m.startswith(('amtsweg.assistant', 'amtsweg.documents', 'amtsweg.prevention', "
        "'amtsweg.cases', 'amtsweg.web')))\n"
        "print('SCHWER', schwer, file=sys.stderr)\n"
    )
    lauf = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=False)
    assert lauf.returncode == 0, lauf.stderr
    assert "SCHWER []" in lauf.stderr, lauf.stderr


def test_unterbefehl_wird_bei_bedarf_geladen() -> None:
    ergebnis = runner.invoke(app, ["gefaehrdung", "--help"])
    assert ergebnis.exit_code == 0, ergebnis.output
    assert "gefaehrdung [OPTIONS] COMMAND" in ergebnis.stdout, "the real sub-app answers, with its commands"


def test_zu_grosse_eingabe() -> None:
    riesig = json.dumps({**HAUSHALT, "x": "y" * 1_100_000})
    ergebnis = runner.invoke(app, ["berechne", "--leistung", "wohngeld", "-"], input=riesig)
    assert ergebnis.exit_code == 2
    assert ergebnis.stderr.startswith("Fehler: (Eingabe): Die Eingabe ist größer als 1000 kB")


def test_kind_aelter_als_eltern_exit_2() -> None:
    daten = json.loads(json.dumps(HAUSHALT))
    daten["personen"].append({"id": "k", "rolle": "kind", "alter": 50})
    daten["personen"][0]["alter"] = 30
    code, out, err = _lauf(daten)
    assert code == 2 and out == ""
    assert err.startswith("Fehler: personen[1].alter: Ein Kind mit 50 Jahren ist nicht jünger")
    assert len(err.strip().splitlines()) == 1


def test_batch_liest_kdu_tabelle(tmp_path: Path) -> None:
    """--kdu-tabelle of `batch` is read (it used to be ignored): a broken table ends with exit 2."""
    kaputt = tmp_path / "kdu.yaml"
    kaputt.write_text("traeger: 5\n", encoding="utf-8")
    eingabe = tmp_path / "p.csv"
    eingabe.write_text(
        "haushalt_id,stichtag,wohnung_art,kosten_monat,mietstufe,rolle,alter\n", encoding="utf-8"
    )
    ergebnis = runner.invoke(
        app, ["batch", str(eingabe), str(tmp_path / "e.csv"), "--kdu-tabelle", str(kaputt)]
    )
    assert ergebnis.exit_code == 2
    assert ergebnis.stderr.startswith("Fehler: --kdu-tabelle")
