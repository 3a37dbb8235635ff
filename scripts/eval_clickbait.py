"""Evaluate the clickbait title model behind the spam rubric's `clickbait_title` flag.

1. 5-fold cross-validated accuracy and F1 on ../shared/eval/clickbait/dev.jsonl (the
   shipped pipeline, refitted per fold), with each test fold also scored lower-cased and in
   Title Case: the data set's clickbait is almost all Title Case, so a model that learnt
   capitalisation would collapse on the variants.
2. False-positive rate on ordinary news titles: the first line (the headline) of every BBC
   article in ../shared/corpora/bbc, as written and in Title Case.

    .venv/bin/python scripts/eval_clickbait.py
"""

from __future__ import annotations

import string
import sys
from pathlib import Path

import numpy as np
from sklearn.metrics import accuracy_score, f1_score
from sklearn.model_selection import StratifiedKFold

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "scripts"))

from train_clickbait import SEED, load, pipeline  # noqa: E402

from rubrics.spam.clickbait import clickbait_probability  # noqa: E402

BBC = ROOT.parent / "shared" / "corpora" / "bbc"
THRESHOLD = 0.5


def cv_variants(texts: list[str], labels: np.ndarray) -> dict[str, tuple[float, float]]:
    variants = {"as written": lambda t: t, "lower-cased": str.lower, "Title Case": string.capwords}
    preds: dict[str, np.ndarray] = {k: np.zeros(len(texts), dtype=int) for k in variants}
    folds = StratifiedKFold(n_splits=5, shuffle=True, random_state=SEED)
    for train, test in folds.split(texts, labels):
        model = pipeline().fit([texts[i] for i in train], labels[train])
        for name, transform in variants.items():
            preds[name][test] = model.predict([transform(texts[i]) for i in test])
    return {k: (accuracy_score(labels, p), f1_score(labels, p)) for k, p in preds.items()}


def bbc_titles() -> list[str]:
    if not BBC.exists():
        return []
    titles = []
    for path in sorted(BBC.glob("*/*.txt")):
        raw = path.read_bytes()
        try:
            text = raw.decode("utf-8")
        except UnicodeDecodeError:
            text = raw.decode("latin-1")
        first = text.strip().splitlines()[0].strip() if text.strip() else ""
        if first:
            titles.append(first)
    return titles


def main() -> None:
    texts, labels = load()
    print("## Clickbait title model\n")
    print("5-fold cross-validation (refitted per fold) on ../shared/eval/clickbait/dev.jsonl, "
          f"{len(texts)} headlines; each test fold scored in three spellings:\n")
    print("| test headlines | accuracy | F1 |\n|---|---|---|")
    for name, (acc, f1) in cv_variants(texts, labels).items():
        print(f"| {name} | {acc:.4f} | {f1:.4f} |")
    titles = bbc_titles()
    if not titles:
        print("\n../shared/corpora/bbc not present: skipping the news-title false-positive check")
        return
    print(f"\nShipped model on ordinary news titles (first line of each BBC article, n={len(titles)}), "
          f"threshold {THRESHOLD}:\n")
    print("| titles | flagged as clickbait | false-positive rate |\n|---|---|---|")
    for name, variant in (("as written", titles), ("Title Case", [string.capwords(t) for t in titles])):
        probs = [clickbait_probability(t) for t in variant]
        hits = sum(p >= THRESHOLD for p in probs)
        print(f"| BBC, {name} | {hits} | {hits / len(variant):.3%} |")
    worst = sorted(titles, key=clickbait_probability, reverse=True)[:5]
    print("\nHighest-scoring BBC titles: " + "; ".join(f"{t!r} ({clickbait_probability(t):.2f})" for t in worst))


if __name__ == "__main__":
    main()
