"""The KI-Register: every entry is schema-valid, every shipped model file and AI use case has an entry,
versions are hashes of the shipped files (the documents' version equals what the reading job stores)."""

from __future__ import annotations

from pathlib import Path

import pytest

from amtsweg.governance import register as reg

REPO = Path(__file__).resolve().parents[2]
#: file types that hold learned weights or model data
MODELLENDUNGEN = {".json", ".joblib", ".pkl", ".npz", ".npy", ".onnx", ".safetensors", ".bin", ".pt", ".tsv"}
#: shipped data files that are not models (examples, inputs), each with the reason
KEINE_MODELLE = {
    "beispiele/haushalt_ludwigshafen.json": "example input of the CLI",
}
#: the AI use cases in the product: every one needs an entry (add here when a new one is built)
ANWENDUNGSFAELLE = {
    "dokumente",
    "assistent",
    "praevention_risiko",
    "praevention_erzaehlung",
    "automatisierung",
}


def _modelldateien() -> set[str]:
    gefunden = set()
    for datei in reg.PAKET.rglob("*"):
        teil = datei.relative_to(reg.PAKET).as_posix()
        if datei.suffix in MODELLENDUNGEN and not teil.startswith(("web/static/", "governance/")):
            gefunden.add(teil)
    return gefunden


def test_jede_ausgelieferte_modelldatei_hat_einen_registereintrag() -> None:
    ohne = _modelldateien() - reg.artefakte() - set(KEINE_MODELLE)
    assert ohne == set(), f"Modelldateien ohne Eintrag im KI-Register: {sorted(ohne)}"
    assert {"documents/klassifikator.json", "documents/extraktor.json"} <= reg.artefakte()


def test_jeder_anwendungsfall_hat_einen_eintrag_mit_modellkarten() -> None:
    eintraege = reg.register()
    assert set(eintraege) == ANWENDUNGSFAELLE
    for datei in sorted(reg.ORDNER.glob("*.yaml")):
        e = reg.lies_eintrag(datei, repo=REPO)  # model cards must exist in the repository
        assert e.pruefung_bis.year >= 2026
        assert e.ki_verordnung.klasse in reg.KLASSEN and e.phase in reg.PHASEN


def test_version_ist_hash_der_ausgelieferten_dateien() -> None:
    from amtsweg.documents.auftraege import modell_version

    assert reg.eintrag("dokumente").version == modell_version()
    assert len(reg.eintrag("assistent").hash()) == 64


def test_fehlerhafter_eintrag_nennt_das_feld(tmp_path: Path) -> None:
    quelle = (reg.ORDNER / "assistent.yaml").read_text(encoding="utf-8")
    kaputt = tmp_path / "assistent.yaml"
    kaputt.write_text(quelle.replace("phase: betrieb", "phase: irgendwann"), encoding="utf-8")
    with pytest.raises(reg.RegisterFehler, match="Feld „phase“"):
        reg.lies_eintrag(kaputt)
    kaputt.write_text(quelle.replace("assistant/daten/enthaltung.json", "assistant/daten/weg.json"), "utf-8")
    with pytest.raises(reg.RegisterFehler, match=r"weg\.json fehlt"):
        reg.lies_eintrag(kaputt)
    (tmp_path / "anders.yaml").write_text(quelle, encoding="utf-8")
    with pytest.raises(reg.RegisterFehler, match="Dateinamen"):
        reg.lies_eintrag(tmp_path / "anders.yaml")


def test_gelesene_fremdtabellen_haben_die_spalten(datenbank) -> None:  # type: ignore[no-untyped-def]
    """governance reads other domains' tables through Core declarations: they must match the schema."""
    from sqlalchemy import inspect

    from amtsweg.governance import tabellen

    pruefer = inspect(datenbank.engine)
    for t in (
        tabellen.feldvorschlag,
        tabellen.auswertung,
        tabellen.dokument,
        tabellen.vorgang,
        tabellen.benutzer,
    ):
        vorhanden = {c["name"] for c in pruefer.get_columns(t.name)}
        assert {c.name for c in t.columns} <= vorhanden, t.name
