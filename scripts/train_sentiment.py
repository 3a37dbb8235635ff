"""Fit the sentiment rubric's calibration and write rubrics/data/sentiment_calibration.json.

    .venv/bin/python scripts/train_sentiment.py

Data: ../shared/eval/sentiment/nyt-dev.jsonl, the NYT editorial snippets of Hutto & Gilbert (ICWSM 2014),
each rated by at least 20 people on -4..+4 (MIT licence: training allowed). Target: the mean rating / 4.

Model: ridge regression (alpha 10) without intercept over the nine per-sentence features of
rubrics/sentiment/calibration.py, each divided by its root mean square (so the penalty treats them
alike, and a sentence without evidence keeps polarity 0). A snippet's features are the evidence-weighted
mean of its sentences' features, because the rubric's document polarity is exactly that weighted mean of
sentence polarities (linear in the features); 29 of the 3,111 snippets have more than one sentence.

Cross-validation: 10 folds grouped by article (`nyt-<article>_<sentence>`: sentences of one article are
never on both sides), GroupKFold without shuffling, so every run prints the same figures. Reported:
Pearson r and sign macro-F1 (positive/negative, neutral band |value| < 0.05 as in the VADER paper) of the
out-of-fold predictions, beside plain VADER and the previous rubric (carrier-weighted VADER compounds),
and each coefficient's mean and sd over the folds. Also fitted on all snippets and written to the model:
`charged_threshold`, the |polarity| that marks as many snippets charged as VADER's |compound| >= 0.5 did
(so the charged_tone flag keeps its frequency), and `zh_scale`, the least-squares slope through the
origin of the polarity on the VADER compound, which puts Chinese (HowNet) compounds on the same scale.

The file is rewritten only when a number changes, so re-running keeps its `trained` date.
"""

from __future__ import annotations

import datetime as dt
import json
import sys
from pathlib import Path

import numpy as np
from sklearn.linear_model import Ridge
from sklearn.model_selection import GroupKFold

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from rubrics.sentiment.calibration import FEATURES, MODEL_FILE  # noqa: E402
from rubrics.sentiment.lexicon import vader  # noqa: E402
from rubrics.sentiment.rubric import english_sentence, vader_scored_sentence  # noqa: E402
from rubrics.sentiment.vader import vader_scored  # noqa: E402
from scoring.core.document import Document  # noqa: E402
from scoring.text.segment import Segmented  # noqa: E402

SHARED = ROOT.parent / "shared"
DATA = SHARED / "eval" / "sentiment" / "nyt-dev.jsonl"
OUT = ROOT / "rubrics" / "data" / MODEL_FILE
ALPHA = 10.0
FOLDS = 10
NEUTRAL_BAND = 0.05
VADER_CHARGED = 0.5


def load_rows() -> list[dict]:
    if not DATA.exists():
        sys.exit(f"{DATA} not found: the NYT snippets live in ../shared/eval/sentiment/ next to the repo")
    return [json.loads(line) for line in DATA.read_text(encoding="utf-8").splitlines() if line.strip()]


def article_of(row_id: str) -> str:
    return row_id.removeprefix("nyt-").split("_")[0]


def snippet_features(text: str) -> tuple[np.ndarray, float]:
    """Evidence-weighted mean of the sentence features, and the previous rubric's document polarity
    (plain `vader()` compounds weighted by their valence words), as the rubric segments the snippet."""
    seg = Segmented(Document(id="nyt", text=text, source="nyt"))
    total = np.zeros(len(FEATURES))
    weight = carried = 0
    vader_weighted = 0.0
    for sentence in seg.sentences:
        if not vader_scored_sentence(seg, sentence):
            continue
        tokens, _, features, evidence = english_sentence(sentence.text)
        total += evidence * np.asarray(features)
        weight += evidence
        previous = vader_scored(vader(), tokens)
        carried += len(previous.carriers)
        vader_weighted += len(previous.carriers) * previous.compound
    return (total / weight if weight else total), (vader_weighted / carried if carried else 0.0)


def design(rows: list[dict]) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
    """Features X, target y (mean rating / 4), article groups and the previous rubric's values."""
    pairs = [snippet_features(r["text"]) for r in rows]
    features = np.array([p[0] for p in pairs])
    previous = np.array([p[1] for p in pairs])
    target = np.array([r["score"] for r in rows]) / 4.0
    groups = np.array([article_of(r["id"]) for r in rows])
    return features, target, groups, previous


def fit(features: np.ndarray, target: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    scale = np.sqrt(np.mean(features**2, axis=0))
    scale[scale == 0] = 1.0
    model = Ridge(alpha=ALPHA, fit_intercept=False).fit(features / scale, target)
    return model.coef_, scale


def predict(features: np.ndarray, coef: np.ndarray, scale: np.ndarray) -> np.ndarray:
    return np.clip((features / scale) @ coef, -1.0, 1.0)


def cross_validate(features: np.ndarray, target: np.ndarray, groups: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Out-of-fold predictions and the coefficients of every fold (one row per fold)."""
    predictions = np.zeros(len(target))
    coefs = []
    for train, test in GroupKFold(n_splits=FOLDS).split(features, target, groups):
        coef, scale = fit(features[train], target[train])
        coefs.append(coef)
        predictions[test] = predict(features[test], coef, scale)
    return predictions, np.array(coefs)


def sign(values: np.ndarray) -> np.ndarray:
    return np.where(values >= NEUTRAL_BAND, 1, np.where(values <= -NEUTRAL_BAND, -1, 0))


def sign_f1(truth: np.ndarray, pred: np.ndarray) -> float:
    """Macro F1 over the positive and negative classes (neutral counts as a miss)."""
    f1s = []
    for cls in (1, -1):
        tp = np.sum((pred == cls) & (truth == cls))
        fp = np.sum((pred == cls) & (truth != cls))
        fn = np.sum((pred != cls) & (truth == cls))
        f1s.append(2 * tp / (2 * tp + fp + fn) if tp else 0.0)
    return float(np.mean(f1s))


def figures(values: np.ndarray, target: np.ndarray) -> dict[str, float]:
    return {
        "pearson_r": round(float(np.corrcoef(values, target)[0, 1]), 4),
        "sign_macro_f1": round(sign_f1(sign(target), sign(values)), 4),
    }


def plain_vader(rows: list[dict]) -> np.ndarray:
    """Stock VADER (its own lexicon, no supplement) on each whole snippet."""
    from vaderSentiment.vaderSentiment import SentimentIntensityAnalyzer

    stock = SentimentIntensityAnalyzer()
    return np.array([stock.polarity_scores(r["text"])["compound"] for r in rows])


def train(rows: list[dict]) -> dict[str, object]:
    features, target, groups, previous = design(rows)
    out_of_fold, fold_coefs = cross_validate(features, target, groups)
    coef, scale = fit(features, target)
    fitted = predict(features, coef, scale)
    charged_share = float(np.mean(np.abs(previous) >= VADER_CHARGED))
    return {
        "about": "Calibration of the sentiment rubric's sentence polarity (rubrics/sentiment/calibration.py): "
        "polarity = sum(coefficient * feature / scale), no intercept, clipped to [-1, 1]; an estimate of the "
        "mean human rating / 4. Trained by scripts/train_sentiment.py.",
        "data": {
            "name": "nyt-dev.jsonl: NYT editorial snippets rated by humans, Hutto & Gilbert (ICWSM 2014)",
            "licence": "MIT (training allowed)",
            "snippets": len(rows),
            "articles": len(set(groups)),
        },
        "trained": dt.date.today().isoformat(),
        "target": "mean human rating / 4",
        "ridge_alpha": ALPHA,
        "features": [
            {
                "name": name,
                "scale": round(float(scale[k]), 6),
                "coefficient": round(float(coef[k]), 6),
                "cv_coefficient_mean": round(float(fold_coefs[:, k].mean()), 6),
                "cv_coefficient_sd": round(float(fold_coefs[:, k].std()), 6),
            }
            for k, name in enumerate(FEATURES)
        ],
        "charged_threshold": round(float(np.quantile(np.abs(fitted), 1.0 - charged_share)), 4),
        "zh_scale": round(float(fitted @ previous / (previous @ previous)), 4),
        "cv": {
            "folds": f"{FOLDS}-fold GroupKFold by article, not shuffled",
            "calibrated": figures(out_of_fold, target),
            "plain_vader": figures(plain_vader(rows), target),
            "previous_rubric": figures(previous, target),
            "in_sample": figures(fitted, target),
        },
    }


def write(model: dict[str, object]) -> bool:
    """Write the model unless only its date would change; True when the file changed."""
    if OUT.exists():
        old = json.loads(OUT.read_text(encoding="utf-8"))
        if {**old, "trained": None} == {**model, "trained": None}:
            return False
    OUT.write_text(json.dumps(model, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")
    return True


def main() -> None:
    rows = load_rows()
    model = train(rows)
    cv = model["cv"]
    print(f"nyt-dev: {len(rows)} snippets, {model['data']['articles']} articles; {model['cv']['folds']}\n")  # type: ignore[index]
    print("| method | Pearson r | sign macro-F1 |\n|---|---:|---:|")
    for key, label in (("plain_vader", "plain VADER, whole snippet"),
                       ("previous_rubric", "rubric 1.0 (carrier-weighted VADER + news_domain compounds)"),
                       ("calibrated", "calibrated polarity, out of fold"),
                       ("in_sample", "calibrated polarity, fitted on all (not a test figure)")):
        row = cv[key]  # type: ignore[index]
        print(f"| {label} | {row['pearson_r']:.4f} | {row['sign_macro_f1']:.3f} |")
    print("\n| feature | coefficient (on feature / scale) | fold mean ± sd | scale |\n|---|---:|---:|---:|")
    for f in model["features"]:  # type: ignore[attr-defined]
        print(f"| {f['name']} | {f['coefficient']:+.4f} | {f['cv_coefficient_mean']:+.4f} ± "
              f"{f['cv_coefficient_sd']:.4f} | {f['scale']:.4f} |")
    print(f"\ncharged_threshold {model['charged_threshold']}, zh_scale {model['zh_scale']}")
    changed = write(model)
    print(f"{'wrote' if changed else 'unchanged:'} {OUT.relative_to(ROOT)}")


if __name__ == "__main__":
    main()
