"""Evaluate the sentiment rubric on the VADER paper's NYT editorial snippets.

    .venv/bin/python scripts/eval_sentiment.py

Reads ../shared/eval/sentiment/nyt-dev.jsonl (mean human rating -4..+4 per snippet; MIT, training
allowed: the calibration is fitted on it) and prints the Pearson r against the human mean / 4 and the
macro sign F1 over positive/negative with the VADER paper's neutral band (|value| < 0.05) of:

- plain VADER on the whole snippet, and rubric 1.0's document polarity (VADER + news_domain compounds
  weighted by their valence words): the baselines;
- the calibrated polarity out of fold (10-fold cross-validation grouped by article, exactly
  scripts/train_sentiment.py): the test figure;
- the same cross-validation without the extension words that were also seen in an error analysis of
  nyt-dev (the honest estimate of what the extension is worth on text nobody looked at);
- the shipped rubric's `compound` and `mean_compound` (fitted on these snippets: not a test figure).

Then, on ../shared/corpora/bbc (if present), the saturation share |value| > 0.95 of whole-document
VADER vs the rubric's aggregates, and the restraint score's spread.
"""

from __future__ import annotations

import sys
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"
DATA = SHARED / "eval" / "sentiment" / "nyt-dev.jsonl"
# Extension entries that were also seen while reading nyt-dev errors (see the extension's header).
SEEN_IN_ERROR_ANALYSIS = (
    "absurd", "baffling", "corruption", "delays", "discrimination", "flourish", "genius", "homeless",
    "industrious", "plunged", "priceless", "wounded", "addicted", "jeopardizes", "commendably",
    "heart", "hearts", "party", "parties", "interest", "interests",
)


def main() -> int:
    if not DATA.exists():
        print(f"missing {DATA}: ../shared/eval is not present beside the repository", file=sys.stderr)
        return 1
    sys.path.insert(0, str(ROOT))
    sys.path.insert(0, str(ROOT / "scripts"))
    import train_sentiment as training

    from rubrics.sentiment.rubric import SentimentRubric
    from scoring.core.document import Document
    from scoring.text.segment import Segmented

    rows = training.load_rows()
    features, target, groups, previous = training.design(rows)
    out_of_fold, _ = training.cross_validate(features, target, groups)
    unseen, _ = training.cross_validate(without_seen_words(training, rows), target, groups)
    rubric = SentimentRubric()
    results = [rubric.score(Segmented(Document(id=r["id"], text=r["text"], source="nyt"))) for r in rows]
    methods = (
        ("plain VADER, whole snippet", training.plain_vader(rows)),
        ("rubric 1.0 `compound` (carrier-weighted VADER + news_domain compounds)", previous),
        ("**calibrated polarity, 10-fold CV grouped by article**", out_of_fold),
        ("calibrated polarity, CV, without the extension words seen in error analysis", unseen),
        (f"rubric {rubric.version} `compound` as shipped (fitted on these snippets)",
         np.array([r.features["compound"] for r in results])),
        (f"rubric {rubric.version} `mean_compound` as shipped", np.array([r.features["mean_compound"] for r in results])),
    )
    print(f"nyt-dev: {len(rows)} snippets from {len(set(groups))} articles (human mean rating / 4, VADER paper)\n")
    print("| method | Pearson r | sign macro-F1 (pos/neg) |")
    print("|---|---:|---:|")
    for name, values in methods:
        figures = training.figures(values, target)
        print(f"| {name} | {figures['pearson_r']:.4f} | {figures['sign_macro_f1']:.3f} |")
    saturation(rubric)
    return 0


def without_seen_words(training: object, rows: list[dict]) -> np.ndarray:
    """The design matrix with the seen extension entries set back to plain VADER's values."""
    from rubrics.sentiment.lexicon import news_vader, vader

    lexicon, shared = news_vader().lexicon, vader().lexicon
    saved = {w: lexicon.get(w) for w in SEEN_IN_ERROR_ANALYSIS}
    try:
        for word in SEEN_IN_ERROR_ANALYSIS:
            if word in shared:
                lexicon[word] = shared[word]
            else:
                lexicon.pop(word, None)
        return training.design(rows)[0]  # type: ignore[attr-defined]
    finally:
        for word, value in saved.items():
            if value is None:
                lexicon.pop(word, None)
            else:
                lexicon[word] = value


def saturation(rubric: object) -> None:
    """Share of BBC articles whose document polarity is saturated (|value| > 0.95), score spread."""
    from rubrics.sentiment.lexicon import vader
    from scoring.inputs.load import load_documents
    from scoring.text.segment import Segmented

    bbc = SHARED / "corpora" / "bbc"
    if not bbc.is_dir():
        print(f"\n{bbc} absent: saturation check skipped")
        return
    docs, _ = load_documents([bbc])
    whole = np.array([vader().polarity_scores(d.text)["compound"] for d in docs])
    results = [rubric.score(Segmented(d)) for d in docs]  # type: ignore[attr-defined]
    print(f"\nBBC: {len(docs)} articles, share with |document polarity| > 0.95\n")
    print("| document polarity | share > 0.95 | mean abs |")
    print("|---|---:|---:|")
    for name, values in (
        ("VADER on the whole article", whole),
        ("sentiment rubric `mean_compound`", np.array([r.features["mean_compound"] for r in results])),
        ("sentiment rubric `compound`", np.array([r.features["compound"] for r in results])),
    ):
        print(f"| {name} | {np.mean(np.abs(values) > 0.95):.1%} | {np.mean(np.abs(values)):.3f} |")
    scores = np.array([r.score for r in results])
    flagged = sum(1 for r in results if "charged_tone" in r.flag_names)
    print(f"\nrestraint score on BBC: mean {scores.mean():.3f}, sd {scores.std():.3f}; "
          f"charged_tone flags {flagged} of {len(docs)}")


if __name__ == "__main__":
    raise SystemExit(main())
