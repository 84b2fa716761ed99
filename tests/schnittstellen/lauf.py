"""Harness for end-to-end runs with real processes: the local Zustelldienst under uvicorn, the worker as
``amtsweg fitconnect empfangen --schleife`` (killable with SIGKILL), a Sender posting real JWE submissions.
Used by the kill test and by bench/fitconnect_durchsatz.py."""

from __future__ import annotations

import base64
import json
import os
import socket
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

import httpx

from tests.schnittstellen.sender import Sender, fachdaten

REPO = Path(__file__).resolve().parents[2]


def freier_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def _umgebung() -> dict[str, str]:
    umgebung = dict(os.environ)
    umgebung["PYTHONPATH"] = os.pathsep.join([str(REPO / "src"), str(REPO)])
    return umgebung


class Zustelldienst:
    def __init__(self, ordner: Path) -> None:
        self.port = freier_port()
        self.basis = f"http://127.0.0.1:{self.port}"
        self.prozess = subprocess.Popen(
            [sys.executable, "-m", "tests.schnittstellen.zustelldienst", str(self.port), str(ordner)],
            cwd=REPO,
            env=_umgebung(),
            stdout=subprocess.DEVNULL,
            stderr=subprocess.PIPE,
        )
        frist = time.monotonic() + 120
        while time.monotonic() < frist:
            try:
                if httpx.get(f"{self.basis}/_status", timeout=2).status_code == 200:
                    break
            except httpx.TransportError:
                time.sleep(0.3)
        else:
            self.prozess.kill()
            raise RuntimeError("Zustelldienst startet nicht")
        self.zugang: dict[str, Any] = json.loads((ordner / "zugang.json").read_text())

    def status(self) -> dict[str, Any]:
        daten: dict[str, Any] = httpx.get(f"{self.basis}/_status", timeout=10).json()
        return daten

    def sende(self, anzahl: int, start: int = 0) -> list[dict[str, str]]:
        with httpx.Client(timeout=60) as http:
            sender = Sender(http, self.basis, f"{self.basis}/token", *self.zugang["sender"])
            return [sender.sende(self.zugang["destination_id"], fachdaten(start + i)) for i in range(anzahl)]

    def beende(self) -> None:
        self.prozess.terminate()
        self.prozess.wait(timeout=30)


def worker_umgebung(zd: Zustelldienst, db_url: str, daten: Path) -> dict[str, str]:
    def b64(jwk: dict[str, Any]) -> str:
        return "base64:" + base64.b64encode(json.dumps(jwk).encode()).decode()

    umgebung = _umgebung()
    umgebung.update(
        {
            "AMTSWEG_DATABASE_URL": db_url,
            "AMTSWEG_DATA_DIR": str(daten),
            "AMTSWEG_FITCONNECT_TOKEN_URL": f"{zd.basis}/token",
            "AMTSWEG_FITCONNECT_SUBMISSION_URL": zd.basis,
            "AMTSWEG_FITCONNECT_CLIENT_ID": zd.zugang["subscriber"][0],
            "AMTSWEG_FITCONNECT_CLIENT_SECRET": zd.zugang["subscriber"][1],
            "AMTSWEG_FITCONNECT_DESTINATION_ID": zd.zugang["destination_id"],
            "AMTSWEG_FITCONNECT_BEHOERDE": "demo-wohngeld",
            "AMTSWEG_FITCONNECT_SCHLUESSEL_VERSCHLUESSELUNG": b64(zd.zugang["verschluesselung"]),
            "AMTSWEG_FITCONNECT_SCHLUESSEL_SIGNATUR": b64(zd.zugang["signatur"]),
        }
    )
    return umgebung


def starte_worker(umgebung: dict[str, str], protokoll: Path) -> subprocess.Popen[bytes]:
    return subprocess.Popen(
        [sys.executable, "-m", "amtsweg", "fitconnect", "empfangen", "--schleife", "--pause", "0.2"],
        cwd=REPO,
        env=umgebung,
        stdout=subprocess.DEVNULL,
        stderr=protokoll.open("ab"),
    )
