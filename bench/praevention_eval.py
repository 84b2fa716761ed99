"""Heavy evaluation of the Prävention targeting module (narrative classifier and firm risk model).

Writes docs/benchmarks/praevention.md and docs/modellkarten/praevention-{erzaehlung,risiko}.md.
Run: .venv/bin/python bench/praevention_eval.py [--schnell]  (data from ../shared/data)
"""

from __future__ import annotations

import argparse
import json
import time
import warnings
from pathlib import Path
from typing import Any

import numpy as np
from sklearn.feature_extraction.text import TfidfVectorizer
from sklearn.metrics import accuracy_score, f1_score
from sklearn.model_selection import StratifiedKFold, train_test_split
from sklearn.pipeline import make_pipeline
from sklearn.svm import LinearSVC

from amtsweg.prevention import erzaehlung as ez
from amtsweg.prevention.metriken import bootstrap_f1
from amtsweg.prevention.modellkarte import erzaehlung_karte, mit_anhang, risiko_karte, risiko_zeilen
from amtsweg.prevention.risiko_daten import osha_laden
from amtsweg.prevention.risiko_merkmale import merkmale_fuer_jahre
from amtsweg.prevention.risiko_training import evaluiere_zeitraum

WURZEL = Path(__file__).resolve().parents[1]
DATEN = WURZEL.parent / "shared" / "data"
KAPAZITAET = 100


def _varianten(hilfe: ez.Hilfsmodell) -> dict[str, Any]:
    return {
        "goh_unigram_linear_svm": lambda: make_pipeline(TfidfVectorizer(sublinear_tf=True), LinearSVC()),
        "wort_zeichen_svm": lambda: ez.Erzaehlungsklassifikator("svm", hilfe=None),
        "wort_zeichen_svm_transfer": lambda: ez.Erzaehlungsklassifikator("svm", hilfe=hilfe),
        "wort_zeichen_ensemble_transfer": lambda: ez.Erzaehlungsklassifikator("ensemble", hilfe=hilfe),
    }


def erzaehlung_bewerten(wiederholungen: int) -> dict[str, Any]:
    daten = ez.lade_tagged1000(DATEN / "unfaelle" / "tagged1000.xlsx")
    hilfs_texte, hilfs_labels = ez.lade_hilfsdaten(
        DATEN / "unfaelle" / "qiao77_XLSDataset4470_oiics.xlsx", daten
    )
    hilfe = ez.Hilfsmodell(hilfs_texte, hilfs_labels)
    y = np.asarray(daten.labels, dtype=object)
    ergebnisse: dict[str, Any] = {"_hilfsdaten": len(hilfs_texte)}
    eingaben = {
        "": np.asarray(daten.texte, dtype=object),
        "_nur_schilderung": np.asarray(daten.nur_schilderung, dtype=object),
    }
    for name, bauer in _varianten(hilfe).items():
        for suffix, x in eingaben.items():
            if suffix and name != "wort_zeichen_svm_transfer":
                continue
            start = time.time()
            vorhersage = np.empty(len(y), dtype=object)
            for lern, test in StratifiedKFold(5, shuffle=True, random_state=0).split(x, y):
                vorhersage[test] = bauer().fit(list(x[lern]), list(y[lern])).predict(list(x[test]))
            cv = bootstrap_f1(list(y), list(vorhersage))
            cv.update(
                accuracy=float(accuracy_score(y, vorhersage)), beschreibung="5-fold stratified CV (pooled)"
            )
            gewichtet, makro, genau = [], [], []
            for seed in range(wiederholungen):
                lern, test = train_test_split(np.arange(len(y)), test_size=251, stratify=y, random_state=seed)
                v = bauer().fit(list(x[lern]), list(y[lern])).predict(list(x[test]))
                gewichtet.append(f1_score(y[test], v, average="weighted"))
                makro.append(f1_score(y[test], v, average="macro"))
                genau.append(accuracy_score(y[test], v))
            split = {
                "weighted": (float(np.mean(gewichtet)), *map(float, np.percentile(gewichtet, [2.5, 97.5]))),
                "macro": (float(np.mean(makro)), *map(float, np.percentile(makro, [2.5, 97.5]))),
                "accuracy": float(np.mean(genau)),
                "beschreibung": f"749/251 stratified, mean of {wiederholungen} seeds (spread)",
            }
            ergebnisse[name + suffix] = {
                "cv5": cv,
                "split749": split,
                "sekunden": round(time.time() - start, 1),
            }
            print(name + suffix, round(cv["weighted"][0], 3), round(split["weighted"][0], 3), flush=True)
    return ergebnisse


def risiko_bewerten(wiederholungen: int) -> tuple[list[dict[str, Any]], dict[str, Any]]:
    bestand = osha_laden(DATEN / "betriebe")
    daten = ez.lade_tagged1000(DATEN / "unfaelle" / "tagged1000.xlsx")
    klassifikator = ez.Erzaehlungsklassifikator("svm").fit(daten.texte, daten.labels)
    bestand.unfaelle["ursache"] = klassifikator.predict(list(bestand.unfaelle["schilderung"].astype(str)))
    x = merkmale_fuer_jahre(bestand, list(range(1986, 2022)), horizont_jahre=3, rueckblick_jahre=1)
    bloecke = []
    for von, bis in ((2004, 2008), (2017, 2019)):
        e = evaluiere_zeitraum(x, von, bis, horizont=3, kapazitaet=KAPAZITAET, wiederholungen=wiederholungen)
        beispiel = x[x["stichtag"].dt.year == bis].reset_index(drop=True)
        modell = e.pop("modell_objekt")
        p = modell.predict_proba(beispiel)
        oben = np.argsort(-p)[:3]
        e["beispiele"] = [
            {
                "betrieb": beispiel.loc[i, "betriebsnummer"],
                "p": round(float(p[i]), 3),
                "gruende": [g["text"] for g in modell.erklaere(beispiel.iloc[[i]])[0]],
            }
            for i in oben
        ]
        bloecke.append(e)
        print(von, bis, round(e["faktor_10"], 3), flush=True)
    info = {"zeilen": len(x), "firmen": int(x["betriebsnummer"].nunique())}
    return bloecke, info


def main() -> None:
    warnings.filterwarnings("ignore")
    argumente = argparse.ArgumentParser()
    argumente.add_argument("--schnell", action="store_true", help="fewer repeats (smoke run)")
    argumente.add_argument("--json", type=Path, help="also write all raw results to this JSON file")
    a = argumente.parse_args()
    start = time.time()
    erz = erzaehlung_bewerten(3 if a.schnell else 10)
    bloecke, info = risiko_bewerten(50 if a.schnell else 500)
    version = time.strftime("%Y%m%d")
    daten_text = (
        "OSHA construction accident inspections 1984–2024 (../shared/data/betriebe, public domain), mapped "
        "to the "
        "internal tables by `risiko_daten.osha_laden`: every inspection = one accident (Unfallanzeige, "
        "event date) "
        "and one Besuch; citations = Mängel. Unit: firm (`firm_key`) x reference date 1 January of each "
        "year; "
        "population = firms with an accident in the 12 months before the reference date; label = another "
        f"accident inspection within 3 years. {info['zeilen']} firm-years, {info['firmen']} firms. Accident "
        "causes are predicted by the narrative classifier (trained on tagged1000)."
    )
    karte_r = risiko_karte(bloecke, f"risiko-{version}", daten_text, KAPAZITAET)
    karte_e = erzaehlung_karte(
        {k: v for k, v in erz.items() if not k.startswith("_")}, f"erzaehlung-{version}"
    )
    (WURZEL / "docs" / "modellkarten").mkdir(parents=True, exist_ok=True)
    for name, text in (("praevention-risiko.md", karte_r), ("praevention-erzaehlung.md", karte_e)):
        ziel = WURZEL / "docs" / "modellkarten" / name
        ziel.write_text(mit_anhang(text, ziel), encoding="utf-8")
    seite = [
        "# Benchmarks: Prävention (visit targeting)",
        "",
        f"Measured {time.strftime('%Y-%m-%d')} with `bench/praevention_eval.py` on 2 CPU cores, no "
        f"downloaded "
        f"model; run time {time.time() - start:.0f} s. Model cards: "
        f"docs/modellkarten/praevention-erzaehlung.md, "
        "docs/modellkarten/praevention-risiko.md.",
        "",
        "## 1. Narrative classifier (tagged1000, 11 classes) – target weighted F1 >= 0.80",
        "",
        *karte_e.split("## Metrics", 1)[1].split("## Limits", 1)[0].strip().splitlines()[0:],
        "",
        f"Transfer pool after removing the 1 000 labelled cases: {erz['_hilfsdaten']} narratives.",
        "",
        "Protocols. *5-fold CV*: `StratifiedKFold(5, shuffle=True, random_state=0)`, predictions of the "
        "five held-out folds pooled, 95 % CI by bootstrap over the 1 000 cases. *749/251*: Goh & "
        "Ubeynarayana (2017) trained on 749 and tested on 251 of the 1 000 narratives; we found no "
        "published assignment of cases to the two sets (`tagged1000.xlsx` has no split column; the parts"
        " of the article we could read state only the test size), so the split cannot be reproduced "
        "exactly. We use stratified random 749/251 splits (`train_test_split(test_size=251, "
        "stratify=label)`) for seeds 0–9 and report the mean and the 2.5–97.5 % spread over the seeds. "
        "Title + narrative as input (as in the published baselines); the `_nur_schilderung` row uses the"
        " narrative only. Leakage columns (`cause`, `newkeys`) are never loaded.",
        "",
        "What moved the numbers: word uni/bigrams + char 2–5-grams (+0.01 weighted F1 over the Goh-style "
        "unigram SVM), transfer features from the OIICS-labelled other narratives (+0.01 to +0.03); not "
        "helpful in quick 5-fold checks: larger/smaller C, transfer weight 3, self-training on the "
        "unlabelled "
        "pool (0.729).",
        "",
        "## 2. Firm risk model (OSHA, repeat accident inspection within 3 years) – target >= 1.3x the rule",
        "",
        daten_text,
        "",
    ]
    for e in bloecke:
        seite += risiko_zeilen(e)
        seite += ["Example explanations (top-3 firms of the last test year):", ""]
        seite += [f"- {b['betrieb']}: p = {b['p']}: {'; '.join(b['gruende'])}" for b in e["beispiele"]]
        seite.append("")
    ziel = WURZEL / "docs" / "benchmarks" / "praevention.md"
    ziel.write_text(mit_anhang("\n".join(seite), ziel), encoding="utf-8")
    if a.json:
        a.json.write_text(json.dumps({"erzaehlung": erz, "risiko": bloecke}, default=str, indent=1), "utf-8")
    print("fertig", round(time.time() - start))


if __name__ == "__main__":
    main()
