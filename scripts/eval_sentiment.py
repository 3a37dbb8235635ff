"""Evaluate the sentiment rubric on the VADER paper's NYT editorial snippets.

    .venv/bin/python scripts/eval_sentiment.py

Reads ../shared/eval/sentiment/nyt-dev.jsonl (mean human rating -4..+4 per snippet) and
prints, beside plain VADER run on the whole snippet, the Pearson r of the rubric's document
polarity `compound` (carrier-weighted mean of sentence compounds) and of its plain
`mean_compound` against the human mean, and the macro sign F1 over positive/negative with
the VADER paper's neutral band (|rating|/4 < 0.05, |compound| < 0.05).

Then, on ../shared/corpora/bbc (if present), the saturation share |compound| > 0.95 of
whole-document VADER vs the rubric's aggregates: per-sentence scoring exists because
VADER's compound saturates on long texts.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

import numpy as np

SHARED = Path(__file__).resolve().parents[1].parent / "shared"
DATA = SHARED / "eval" / "sentiment" / "nyt-dev.jsonl"


def sign(values: np.ndarray, cutoff: float = 0.05) -> np.ndarray:
    return np.where(values >= cutoff, 1, np.where(values <= -cutoff, -1, 0))


def sign_f1(truth: np.ndarray, pred: np.ndarray) -> float:
    """Macro F1 over the positive and negative classes (neutral counts as a miss)."""
    f1s = []
    for cls in (1, -1):
        tp = np.sum((pred == cls) & (truth == cls))
        fp = np.sum((pred == cls) & (truth != cls))
        fn = np.sum((pred != cls) & (truth == cls))
        f1s.append(2 * tp / (2 * tp + fp + fn) if tp else 0.0)
    return float(np.mean(f1s))


def main() -> int:
    if not DATA.exists():
        print(f"missing {DATA}: ../shared/eval is not present beside the repository", file=sys.stderr)
        return 1
    sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
    from vaderSentiment.vaderSentiment import SentimentIntensityAnalyzer

    from rubrics.sentiment.lexicon import vader
    from rubrics.sentiment.rubric import SentimentRubric
    from scoring.core.document import Document
    from scoring.text.segment import Segmented

    rows = [json.loads(line) for line in DATA.open(encoding="utf-8")]
    human = np.array([r["score"] for r in rows]) / 4.0
    rubric = SentimentRubric()
    results = [rubric.score(Segmented(Document(id=r["id"], text=r["text"], source="nyt"))) for r in rows]
    features = [res.features for res in results]
    ours = np.array([f["compound"] for f in features])
    ours_mean = np.array([f["mean_compound"] for f in features])
    stock = SentimentIntensityAnalyzer()  # stock lexicon, without our news-domain supplement
    plain = np.array([stock.polarity_scores(r["text"])["compound"] for r in rows])
    # The snippets are sentence-level units: our sentence scorer (VADER + news-domain
    # supplement) applied to each snippet as one sentence.
    unit = np.array([vader().polarity_scores(r["text"])["compound"] for r in rows])
    truth = sign(human)
    print(f"nyt-dev: {len(rows)} snippets (human mean rating, VADER paper)\n")
    print("| method | Pearson r | sign macro-F1 (pos/neg) |")
    print("|---|---|---|")
    methods = (
        ("plain VADER, whole snippet", plain),
        ("our sentence scorer, snippet as one sentence", unit),
        ("sentiment rubric `mean_compound` (plain mean of sentences)", ours_mean),
        ("sentiment rubric `compound` (carrier-weighted mean of sentences)", ours),
    )
    for name, pred in methods:
        r = float(np.corrcoef(pred, human)[0, 1])
        print(f"| {name} | {r:.4f} | {sign_f1(truth, sign(pred)):.3f} |")
    several = sum(1 for res in results if len(res.details["sentences"]) > 1)
    differ = sum(1 for f in features if abs(f["compound"] - f["mean_compound"]) > 1e-9)
    print(f"\n{several} snippets split into several sentences; `compound` differs from `mean_compound` on {differ}"
          " (on one sentence both are that sentence's compound).")
    saturation(rubric)
    return 0


def saturation(rubric: object) -> None:
    """Share of BBC articles whose document polarity is saturated (|value| > 0.95)."""
    from rubrics.sentiment.lexicon import vader
    from scoring.inputs.load import load_documents
    from scoring.text.segment import Segmented

    bbc = SHARED / "corpora" / "bbc"
    if not bbc.is_dir():
        print(f"\n{bbc} absent: saturation check skipped")
        return
    docs, _ = load_documents([bbc])
    whole = np.array([vader().polarity_scores(d.text)["compound"] for d in docs])
    features = [rubric.score(Segmented(d)).features for d in docs]  # type: ignore[attr-defined]
    print(f"\nBBC: {len(docs)} articles, share with |document polarity| > 0.95\n")
    print("| document polarity | share > 0.95 | mean abs |")
    print("|---|---|---|")
    for name, values in (
        ("VADER on the whole article", whole),
        ("sentiment rubric `mean_compound`", np.array([f["mean_compound"] for f in features])),
        ("sentiment rubric `compound`", np.array([f["compound"] for f in features])),
    ):
        print(f"| {name} | {np.mean(np.abs(values) > 0.95):.1%} | {np.mean(np.abs(values)):.3f} |")


if __name__ == "__main__":
    raise SystemExit(main())
