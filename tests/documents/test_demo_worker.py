"""`amtsweg demo` starts the background worker, so uploads are read while the demo runs (issue 12)."""

from __future__ import annotations

import threading
from pathlib import Path

import pytest
from typer.testing import CliRunner

from amtsweg import cli


def test_demo_startet_den_worker(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("AMTSWEG_DATABASE_URL", f"sqlite:///{tmp_path / 'demo.sqlite'}")
    gelaufen = threading.Event()
    gestartet: list[int] = []

    def worker(einmal: bool = False, pause: float = 30.0) -> None:
        assert einmal, "the demo's thread runs single rounds"
        gelaufen.set()

    def serve(host: str = "", port: int = 0) -> None:
        gestartet.append(port)
        assert gelaufen.wait(10), "the worker thread did not run before the server"

    monkeypatch.setattr(cli, "worker", worker)
    monkeypatch.setattr(cli, "serve", serve)
    lauf = CliRunner().invoke(cli.app, ["demo", "--port", "8123"])
    assert lauf.exit_code == 0, lauf.output
    assert "Hintergrund-Worker gestartet" in lauf.output and gestartet == [8123]
    assert any(t.name == "amtsweg-worker" and t.daemon for t in threading.enumerate())
