"""``regelwerk_version``: code version plus a hash of the rules' code and parameters, stored with
every Berechnung so that any Bescheid can be recomputed and checked years later."""

from __future__ import annotations

import hashlib
from functools import cache
from pathlib import Path

import amtsweg


@cache
def regelwerk_version(*ordner: Path) -> str:
    digest = hashlib.sha256()
    for wurzel in ordner:
        for pfad in sorted(wurzel.rglob("*")):
            if pfad.suffix in {".py", ".yaml", ".csv"} and "__pycache__" not in pfad.parts:
                digest.update(pfad.relative_to(wurzel).as_posix().encode())
                digest.update(pfad.read_bytes())
    return f"{amtsweg.__version__}+{digest.hexdigest()[:16]}"
