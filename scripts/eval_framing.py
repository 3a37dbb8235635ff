"""Evaluate the framing rubric's loaded-language detection on BABE (sentence level).

    .venv/bin/python scripts/eval_framing.py

Reads ../shared/eval/bias/babe-dev.jsonl (expert labels, 1 = Biased; AGPL-3.0, used for
evaluation only: nothing here is fitted on it). A sentence is predicted Biased when the
framing rubric finds loaded language in it with summed weight >= 1 (one strong cue or two
weak ones). Baseline in the same run: VADER only, Biased when |compound| >= 0.5.
Prints macro-F1 (and per-class F1) for both.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

SHARED = Path(__file__).resolve().parents[1].parent / "shared"
DATA = SHARED / "eval" / "bias" / "babe-dev.jsonl"
LOADED_THRESHOLD = 1.0
VADER_THRESHOLD = 0.5


def f1(truth: list[int], pred: list[int], cls: int) -> float:
    tp = sum(1 for t, p in zip(truth, pred, strict=True) if t == cls and p == cls)
    fp = sum(1 for t, p in zip(truth, pred, strict=True) if t != cls and p == cls)
    fn = sum(1 for t, p in zip(truth, pred, strict=True) if t == cls and p != cls)
    return 2 * tp / (2 * tp + fp + fn) if tp else 0.0


def main() -> int:
    if not DATA.exists():
        print(f"missing {DATA}: ../shared/eval is not present beside the repository", file=sys.stderr)
        return 1
    sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
    from vaderSentiment.vaderSentiment import SentimentIntensityAnalyzer

    from rubrics.framing.rubric import framing_matches
    from scoring.core.document import Document
    from scoring.text.segment import Segmented

    rows = [json.loads(line) for line in DATA.open(encoding="utf-8")]
    truth = [int(r["label"]) for r in rows]
    stock = SentimentIntensityAnalyzer()
    ours, baseline = [], []
    for r in rows:
        seg = Segmented(Document(id=r["id"], text=r["text"], source="babe"))
        weight = sum(m.payload.weight for m in framing_matches(seg) if m.payload.family == "loaded")
        ours.append(int(weight >= LOADED_THRESHOLD))
        baseline.append(int(abs(stock.polarity_scores(r["text"])["compound"]) >= VADER_THRESHOLD))
    print(f"babe-dev: {len(rows)} sentences, {sum(truth)} Biased (expert labels; evaluation only)\n")
    print("| method | macro-F1 | F1 Biased | F1 Non-biased | predicted Biased |")
    print("|---|---|---|---|---|")
    for name, pred in (
        (f"VADER only, abs(compound) >= {VADER_THRESHOLD}", baseline),
        (f"framing loaded-language lexicon, weight >= {LOADED_THRESHOLD}", ours),
    ):
        f_pos, f_neg = f1(truth, pred, 1), f1(truth, pred, 0)
        print(f"| {name} | {(f_pos + f_neg) / 2:.3f} | {f_pos:.3f} | {f_neg:.3f} | {sum(pred)} |")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
