"""Train the shipped document models on the corpus generator's development layouts AND the tuning split of the
real-style development set (issue 12); calibrate the field confidence on cross-validated predictions.

    DOKUMENTE_DEV_CACHE=/tmp/i12-gen.pkl python bench/dokumente_dev.py --lies   # corpus A-D, read once
    python bench/dokumente_real.py --lies                                      # real-style set, read once
    python bench/dokumente_real_training.py                                    # writes both model files
    python bench/dokumente_real_training.py --trocken        # only the out-of-fold report, nothing written

The hold-out third of the real-style set (``dokumente_real.aufteilung``) is never used here. Corpus layout
E-H stay held out as before. Calibration: the tuning documents are split into three seeded folds; each fold
is read (type and fields) by models trained on the corpus and the other two folds; the calibration
(``extraktion.kalibriere``: raw confidence, arithmetic cross-check outcome, type confidence) is fitted on
these out-of-fold proposals. The type temperature is fitted on the out-of-fold type logits likewise.
"""

from __future__ import annotations

import json
import os
import pickle
import random
import sys
import time
from pathlib import Path
from typing import Any

WURZEL = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(WURZEL / "src"))
sys.path.insert(0, str(WURZEL / "bench"))

from amtsweg.documents import extraktion, klassifikation  # noqa: E402
from amtsweg.documents.korpus.briefe import brief  # noqa: E402
from amtsweg.documents.text import lies_text  # noqa: E402
from amtsweg.documents.verarbeitung import MIN_TYP_KONFIDENZ  # noqa: E402
from dokumente_real import aufteilung, lade, wahrheit  # noqa: E402

GEN_CACHE = Path(os.environ.get("DOKUMENTE_DEV_CACHE", "/tmp/i12-gen.pkl"))
#: a real-style document counts this many times in training (24 documents against ~380 generated ones)
GEWICHT_REAL = 8
FALTEN = 3
#: letters in running text from ``korpus.briefe`` (two of three landlord letters)
BRIEFE = 90

Beispiel = tuple[str, list[Any], dict[str, Any]]  # (typ, pages, fields)


def _text(seiten: list[Any]) -> str:
    return "\n".join(s.text for s in seiten)


def _modelle(
    gen: list[Beispiel], real: list[Beispiel]
) -> tuple[klassifikation.Klassifikator, dict[str, extraktion.Feldmodell]]:
    alle = gen + real * GEWICHT_REAL
    klassifikator = klassifikation.trainiere([_text(s) for _, s, _ in alle], [t for t, _, _ in alle])
    return klassifikator, extraktion.trainiere(alle)


def main() -> None:
    start = time.time()
    gen: list[Beispiel] = [(t, s, w["felder"]) for _, t, s, w in pickle.loads(GEN_CACHE.read_bytes())]
    for seed in range(BRIEFE):  # letters in running text (korpus.briefe), text PDFs
        pdf, truth = brief(seed)
        gen.append((truth["typ"], lies_text(pdf), truth["felder"]))
    w = wahrheit()
    teil = aufteilung(w)
    tuning = [z for z in lade() if teil[z[0]] == "tuning"]
    namen = sorted(z[0] for z in tuning)
    random.Random(12).shuffle(namen)
    falte = {name: i % FALTEN for i, name in enumerate(namen)}

    def beispiele(zeilen: list[Any]) -> list[Beispiel]:
        return [(w[z[0]]["typ"], seiten, w[z[0]]["felder"]) for z in zeilen for seiten in (z[1], z[2])]

    roh: list[float] = []
    pruef: list[str] = []
    typk: list[float] = []
    richtig: list[bool] = []
    logits: list[Any] = []
    ziele: list[str] = []
    klassifikator = None
    typ_ok = typ_n = felder_ok = felder_n = 0
    for f in range(FALTEN):
        klassifikator, modelle = _modelle(gen, beispiele([z for z in tuning if falte[z[0]] != f]))
        for z in tuning:
            if falte[z[0]] != f:
                continue
            soll = w[z[0]]
            for seiten in (z[1], z[2]):
                text = _text(seiten)
                logits.append(klassifikator.logits(text))
                ziele.append(soll["typ"])
                typ, konfidenz = klassifikator.klassifiziere(text)
                gelesen = typ if konfidenz >= MIN_TYP_KONFIDENZ else "sonstiges"
                typ_ok += {"mietvertrag": "mietbescheinigung"}.get(gelesen, gelesen) == soll["typ"]
                typ_n += 1
                felder_n += len(soll["felder"])
                if konfidenz < MIN_TYP_KONFIDENZ:
                    continue
                for v in extraktion.extrahiere(typ, seiten, modelle, extraktion.Kalibrierung(), konfidenz):
                    # identity calibration: the raw confidence (derived fields: their parts' minimum)
                    roh.append(v.konfidenz)
                    pruef.append(v.pruefung)
                    typk.append(konfidenz)
                    ziel = soll["felder"].get(v.feld)
                    richtig.append(ziel is not None and v.wert == extraktion.wahrheit_text(ziel))
                    felder_ok += richtig[-1]
        print(f"Falte {f}: {time.time() - start:.0f} s", flush=True)
    print(f"Außerhalb der Falte (Text und Scan): Typen {typ_ok}/{typ_n}, Felder exakt {felder_ok}/{felder_n}")
    kalibrierung = extraktion.kalibriere(roh, richtig, pruef, typk)
    import numpy as np

    roh_k = [kalibrierung(r, p, t) for r, p, t in zip(roh, pruef, typk, strict=True)]
    print(f"ECE außerhalb der Falte: roh {klassifikation.kalibrierungsfehler(roh, richtig):.4f}, kalibriert "
          f"{klassifikation.kalibrierungsfehler(roh_k, richtig):.4f}; Mittel richtig "
          f"{np.mean([k for k, r in zip(roh_k, richtig, strict=True) if r]):.3f}")  # fmt: skip
    from dokumente_real_metrik import auroc

    print(f"AUROC außerhalb der Falte (kalibriert, in der Stichprobe angepasst): {auroc(roh_k, richtig)}")
    for schwelle in (0.5, 0.6, 0.7, 0.8, 0.85, 0.9, 0.95):  # "bitte prüfen" below the threshold
        falsch = [k < schwelle for k, r in zip(roh_k, richtig, strict=True) if not r]
        recht = [k < schwelle for k, r in zip(roh_k, richtig, strict=True) if r]
        print(f"  unter {schwelle}: {sum(falsch)}/{len(falsch)} falsche, {sum(recht)}/{len(recht)} richtige")
    if "--trocken" in sys.argv:
        return
    print(
        f"Kalibrierung auf {len(roh)} Vorschlägen außerhalb ihrer Falte (richtig {sum(richtig)}): "
        f"{kalibrierung}"
    )
    assert klassifikator is not None
    temperatur = _temperatur(klassifikator, logits, ziele)
    klassifikator, modelle = _modelle(gen, beispiele(tuning))
    klassifikator.temperatur = temperatur
    klassifikation.MODELL_DATEI.write_text(
        json.dumps(klassifikator.als_json(), ensure_ascii=False, sort_keys=True, separators=(",", ":")),
        encoding="utf-8",
    )
    extraktion.speichere(modelle, kalibrierung=kalibrierung)
    print(f"Temperatur {temperatur}; Modelle geschrieben in {time.time() - start:.0f} s")


def _temperatur(modell: klassifikation.Klassifikator, logits: list[Any], ziele: list[str]) -> float:
    """Temperature minimising the out-of-fold negative log-likelihood (1..8, never sharper than raw)."""
    import math

    import numpy as np

    z_alle = np.array(logits)
    ziel = np.array([modell.klassen.index(t) for t in ziele])

    def nll(temperatur: float) -> float:
        z = z_alle / temperatur
        z = z - z.max(axis=1, keepdims=True)
        log_p = z - np.log(np.exp(z).sum(axis=1, keepdims=True))
        return float(-log_p[np.arange(len(ziel)), ziel].mean())

    raster = np.exp(np.linspace(math.log(1.0), math.log(8.0), 60))
    return round(float(min(raster, key=nll)), 4)


if __name__ == "__main__":
    main()
