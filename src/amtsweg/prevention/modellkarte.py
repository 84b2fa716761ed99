"""Model cards (Markdown) for the risk model and the narrative classifier."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

from amtsweg.prevention.risiko_modell import HINWEIS

#: text below this line of a generated page is written by hand and kept when the page is regenerated
ANHANG_MARKE = "<!-- Anhang: von Hand gepflegt, bleibt beim Neuschreiben erhalten -->"


def mit_anhang(neu: str, pfad: Path) -> str:
    """``neu`` plus the hand-written appendix of the existing file at ``pfad`` (if any)."""
    if pfad.exists():
        alt = pfad.read_text(encoding="utf-8")
        if ANHANG_MARKE in alt:
            return neu.rstrip("\n") + "\n\n" + ANHANG_MARKE + alt.split(ANHANG_MARKE, 1)[1]
    return neu


def _ki(paar: Any) -> str:
    return f"[{paar[0]:.3f}; {paar[1]:.3f}]"


def risiko_zeilen(e: dict[str, Any]) -> list[str]:
    """Result table rows of one time block (shared by model card and benchmark page)."""
    v, ki = e["verfahren"], e["ki95"]
    zeilen = [
        f"**Test reference years {e['test_jahre'][0]}–{e['test_jahre'][1]}** (train reference years "
        f"{e['train_jahre'][0]}–{e['train_jahre'][1]}; {e['n_train']} train rows, {e['n_test']} test rows, "
        f"{e['firmen_test']} firms; base rate test {e['basisrate_test']:.3f}, train "
        f"{e['basisrate_train']:.3f})",
        "",
        "| method | precision@10 % | recall@10 % | precision@capacity | recall@capacity | AUC | PR-AUC |",
        "|---|---|---|---|---|---|---|",
    ]
    for name in ("modell", "meiste_unfaelle", "empirisch_bayes", "zufall"):
        x = v[name]
        zeilen.append(
            f"| {name} | {x['praezision_10']:.3f} | {x['recall_10']:.3f} | {x['praezision_kap']:.3f} | "
            f"{x['recall_kap']:.3f} | {x['auc']:.3f} | {x['pr_auc']:.3f} |"
        )
    zeilen += [
        "",
        f"- hit-rate factor model / 'most prior accidents' at 10 %: **{e['faktor_10']:.2f}x** "
        f"(95 % firm bootstrap CI {_ki(ki['faktor_10'])}); at capacity: {e['faktor_kap']:.2f}x "
        f"{_ki(ki['faktor_kap'])}",
        f"- precision@10 % model {_ki(ki['praezision_10_modell'])}, rule {_ki(ki['praezision_10_meiste'])}; "
        f"AUC model {_ki(ki['auc_modell'])}",
        f"- calibration: Brier {v['modell']['brier']:.4f} (constant train base rate: "
        f"{e['brier_basisrate']:.4f}); "
        "reliability by decile (mean predicted / observed): "
        + ", ".join(f"{z['vorhersage']:.3f}/{z['beobachtet']:.3f}" for z in e["zuverlaessigkeit"]),
        f"- drift (PSI train vs test): {e['drift']['psi']}; flagged: {e['drift']['auffaellig'] or 'none'}",
        "",
    ]
    for gruppe, raten in e["aufsicht"].items():
        zeilen += [
            f"Selection and error rates by {gruppe} (model, top 10 %):",
            "",
            "| group | n | base rate | selection rate | hit rate | recall | FPR |",
            "|---|---|---|---|---|---|---|",
        ]
        zeilen += [
            f"| {r[gruppe]} | {r['n']} | {r['basisrate']:.3f} | {r['auswahlquote']:.3f} | "
            f"{r['trefferquote']:.3f} | "
            f"{r['recall']:.3f} | {r['fpr']:.3f} |"
            for r in raten
        ]
        zeilen.append("")
    return zeilen


def risiko_karte(bloecke: list[dict[str, Any]], version: str, daten: str, kapazitaet: int) -> str:
    zeilen = [
        "# Modellkarte: Prävention – Risikomodell für Besuchsplanung",
        "",
        f"Owner: Amtsweg-Team · version `{version}` · written {dt.date.today():%Y-%m-%d} by "
        "`amtsweg.prevention` (bench/praevention_eval.py or `praevention retrain`).",
        "",
        "## Purpose",
        "Rank member firms for prevention visits by the calibrated probability of a further (severe) "
        "accident "
        "within 3 years, with the top factors per firm in plain German. " + HINWEIS,
        "",
        "## Data",
        daten,
        "",
        "## Method",
        "Logistic regression (C = 0.05) on log-scaled history features (accidents in 1/3/5 years and total, "
        "fatal accidents, accidents by predicted cause, visits, time since last visit or accident, "
        "violations by severity and by standard group, penalties relative to the "
        "population of the same reference date, distinct accident sites, accidents of same-name firms in "
        "other states) and one-hot trade (NAICS 4) "
        "and region; Platt scaling fitted on the four most recent training reference years (isotonic is "
        "available). Strict time split: training reference years end `horizon` years before the first test "
        "year, so no training label window overlaps the test period. Explanations: coefficient x deviation "
        "from the training mean of the scaled feature, top 3 positive contributions. Baselines: random; "
        "'most prior accidents' (ties: accidents in 3 years, then recency); empirical Bayes (gamma-Poisson "
        "posterior rate of accidents in 5 years, prior per trade by the method of moments).",
        f"Visit capacity for 'precision@capacity': {kapazitaet} firms per reference year.",
        "",
        "## Metrics (95 % CIs from firm-level bootstrap)",
        "",
    ]
    for e in bloecke:
        zeilen += risiko_zeilen(e)
    zeilen += [
        "## Limits",
        "- Target 'hit rate >= 1.3x the most-prior-accidents rule': "
        + ("reached" if all(e["faktor_10"] >= 1.3 for e in bloecke) else "**not reached**")
        + " (measured at 10 %: "
        + ", ".join(f"{e['test_jahre'][0]}–{e['test_jahre'][1]}: {e['faktor_10']:.2f}x" for e in bloecke)
        + "). The rule is a strong baseline here; the model gains in AUC, PR-AUC and Brier.",
        "- OSHA data contain only firms that already had an accident investigation; no employee counts (size "
        "class is 'unbekannt'; prior-accident classes are shown as a proxy stratum), US regions instead of "
        "German Bezirke, name-based entity resolution. Yearly volumes follow OSHA tagging practice, so base "
        "rates and calibration shift between periods (see drift and reliability).",
        "- Not validated on German insurer data. Profiling sole traders can fall under Art. 22 DSGVO: the "
        "ranking is advice, the Aufsichtsperson decides, and skips are recorded with a reason.",
        "",
    ]
    return "\n".join(zeilen)


def erzaehlung_karte(ergebnisse: dict[str, Any], version: str) -> str:
    zeilen = [
        "# Modellkarte: Prävention – Klassifikator für Unfallschilderungen",
        "",
        f"Owner: Amtsweg-Team · version `{version}` · written {dt.date.today():%Y-%m-%d} by "
        f"bench/praevention_eval.py.",
        "",
        "## Purpose",
        "Assign an accident narrative to one of 11 cause categories (Goh & Ubeynarayana 2017) and map it to "
        "a "
        "Gefährdungsfaktor; used to count accidents by cause for the risk model and to pre-fill "
        "`Unfallanzeige.ursache` (a person confirms). English public benchmark; the pipeline has no "
        "language-specific parts besides an English stop-word list on word n-grams and must be retrained on "
        "an insurer's German reports before use.",
        "",
        "## Data",
        "`tagged1000.xlsx` (1 000 OSHA narratives, title + narrative; `cause`/`newkeys` are never loaded). "
        "Transfer variant: an auxiliary linear SVM trained on the 3 470 *other* narratives of the qiao77 "
        "file "
        "with their OIICS event codes (every labelled id and every narrative with the same text fingerprint "
        "is "
        "removed first); its 40-odd class scores are appended as features. No downloaded model.",
        "",
        "## Metrics",
        "",
        "| variant | protocol | weighted F1 [95 % CI] | macro F1 [95 % CI] | accuracy |",
        "|---|---|---|---|---|",
    ]
    for name, r in ergebnisse.items():
        for protokoll in ("cv5", "split749"):
            if protokoll in r:
                x = r[protokoll]
                zeilen.append(
                    f"| {name} | {x['beschreibung']} | {x['weighted'][0]:.3f} [{x['weighted'][1]:.3f}; "
                    f"{x['weighted'][2]:.3f}] | {x['macro'][0]:.3f} [{x['macro'][1]:.3f}; "
                    f"{x['macro'][2]:.3f}] | "
                    f"{x['accuracy']:.3f} |"
                )
    zeilen += [
        "",
        "Reference: Goh & Ubeynarayana 2017, linear SVM with unigrams on a 251-case test set: F1 0.67 "
        "(average "
        "precision 0.73, recall 0.63). INSTRUCTOR-CIT 2024 (fine-tuned embedding model, not CPU-light): F1 "
        "0.822.",
        "",
        "## Limits",
        "- Target weighted F1 >= 0.80 is **not reached** (see table).",
        "- Rare classes (extreme temperatures 17, chemical substances 29 cases) have wide per-class "
        "uncertainty.",
        "- Scores of the SVM are softmaxed margins, not calibrated probabilities; use them for ordering and "
        "for asking a person when the top score is low.",
        "",
    ]
    return "\n".join(zeilen)
