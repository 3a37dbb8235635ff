"""Evaluate the hedging rubric's sentence decisions on the shared dev sets.

    .venv/bin/python scripts/eval_hedging.py [--diagnose]

Reads ../shared/eval/hedging/{en,zh}-dev.jsonl (evaluation only: nothing is trained on them)
and prints, per language, precision / recall / macro-F1 / hedged-class F1 of
- `rubric`: HedgingRubric.sentence_labels (a row is hedged when any of its sentences is), and
- `lexicon baseline`: the same cue lists matched plainly (every hedge entry, word boundaries
  for English, substring for Chinese; no weights, no token rules, no disambiguation).
--diagnose also prints, per cue of our lexicon, how often it fires on hedged vs certain rows.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"
sys.path.insert(0, str(ROOT))

from rubrics.common.data import data_rows  # noqa: E402
from rubrics.hedging import HedgingRubric, find_cues  # noqa: E402
from scoring.core.document import Document  # noqa: E402
from scoring.text.segment import Segmented  # noqa: E402

SETS = {"en": "hedging/en-dev.jsonl", "zh": "hedging/zh-dev.jsonl"}


def prf(gold: list[int], pred: list[int]) -> dict[str, float]:
    def f1(pos: int) -> tuple[float, float, float]:
        tp = sum(1 for g, p in zip(gold, pred, strict=True) if g == pos and p == pos)
        fp = sum(1 for g, p in zip(gold, pred, strict=True) if g != pos and p == pos)
        fn = sum(1 for g, p in zip(gold, pred, strict=True) if g == pos and p != pos)
        prec = tp / (tp + fp) if tp + fp else 0.0
        rec = tp / (tp + fn) if tp + fn else 0.0
        return prec, rec, (2 * prec * rec / (prec + rec) if prec + rec else 0.0)

    p1, r1, f1_pos = f1(1)
    _, _, f1_neg = f1(0)
    return {"precision": p1, "recall": r1, "macro_f1": (f1_pos + f1_neg) / 2, "hedged_f1": f1_pos}


def baseline_predictor(lang: str):
    cues = [r["cue"] for r in data_rows(f"hedging_{lang}.tsv") if r["label"] == "hedge"]
    if lang == "en":
        pattern = re.compile(r"\b(?:" + "|".join(re.escape(c) for c in sorted(cues, key=len, reverse=True)) + r")\b",
                             re.IGNORECASE)
    else:
        pattern = re.compile("|".join(re.escape(c) for c in sorted(cues, key=len, reverse=True)))
    return lambda text: int(bool(pattern.search(text)))


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--diagnose", action="store_true", help="per-cue hit counts on hedged vs certain rows")
    args = parser.parse_args()
    if not (SHARED / "eval" / "hedging").is_dir():
        print(f"../shared/eval/hedging not found (looked in {SHARED / 'eval' / 'hedging'}); nothing to evaluate.")
        return 1
    rubric = HedgingRubric()
    print("| set | method | rows | precision | recall | macro-F1 | hedged-class F1 |")
    print("|---|---|---:|---:|---:|---:|---:|")
    for lang, rel in SETS.items():
        rows = [json.loads(line) for line in (SHARED / "eval" / rel).read_text(encoding="utf-8").splitlines() if line]
        gold = [int(r["label"]) for r in rows]
        ours: list[int] = []
        hits: Counter[tuple[str, int]] = Counter()
        for r in rows:
            seg = Segmented(Document(id=r["id"], text=r["text"], source="eval"))
            cues = find_cues(seg)
            labels = rubric.sentence_labels(seg, cues)
            ours.append(int(any(s.hedged for s in labels)))
            if args.diagnose:
                for m in cues:
                    hits[(f"{m.cue.label}:{m.cue.pattern}", int(r["label"]))] += 1
        base = baseline_predictor(lang)
        baseline = [base(r["text"]) for r in rows]
        for method, pred in (("rubric", ours), ("lexicon baseline", baseline)):
            m = prf(gold, pred)
            print(f"| {lang}-dev | {method} | {len(rows)} | {m['precision']:.3f} | {m['recall']:.3f} | "
                  f"{m['macro_f1']:.3f} | {m['hedged_f1']:.3f} |")
        if args.diagnose:
            keys = sorted({k for k, _ in hits}, key=lambda k: -(hits[(k, 0)] + hits[(k, 1)]))
            for k in keys[:80]:
                print(f"    {k:30s} hedged={hits[(k, 1)]:5d} certain={hits[(k, 0)]:5d}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
