"""CPU cost of the sentiment and lean rubrics per BBC article, one core.

    .venv/bin/python scripts/bench_sentiment_lean.py [--repeat N] [--profile]

Segmentation (lines, sentences, words) is done before timing: it is shared by every rubric
and not charged to these two. Lexicons and VADER are loaded before timing (once per process,
as in real runs). Reported: CPU milliseconds per article (time.process_time, so other load
on this shared machine does not inflate the figure), best of --repeat rounds, for
sentiment alone, lean alone, and both on the same documents (the per-sentence compounds
are then computed once, by whichever runs first, through `Segmented.shared`).
"""

from __future__ import annotations

import argparse
import sys
import time
from collections.abc import Sequence
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"
sys.path.insert(0, str(ROOT))

from rubrics.lean.rubric import LeanRubric  # noqa: E402
from rubrics.sentiment.rubric import SentimentRubric  # noqa: E402
from scoring.core.document import Document  # noqa: E402
from scoring.inputs.load import load_documents  # noqa: E402
from scoring.rubric import Rubric  # noqa: E402
from scoring.text.segment import Segmented  # noqa: E402


def segmented(docs: Sequence[Document]) -> list[Segmented]:
    segs = [Segmented(d) for d in docs]
    for s in segs:
        _ = s.sentences, s.words
    return segs


def cpu_ms_per_doc(docs: Sequence[Document], rubrics: Sequence[Rubric], repeat: int) -> float:
    best = float("inf")
    for _ in range(max(1, repeat)):
        segs = segmented(docs)
        t0 = time.process_time()
        for s in segs:
            for r in rubrics:
                r.score(s)
        best = min(best, time.process_time() - t0)
    return 1000.0 * best / len(docs)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=3, help="timing rounds; the best is reported")
    parser.add_argument("--profile", action="store_true", help="cProfile sentiment+lean, top 25")
    args = parser.parse_args()
    bbc = SHARED / "corpora" / "bbc"
    if not bbc.is_dir():
        print(f"../shared/corpora/bbc not found (looked in {bbc}); nothing to benchmark.")
        return 1
    docs, _ = load_documents([bbc])
    sentiment, lean = SentimentRubric(), LeanRubric()
    warm = segmented(docs[:1])[0]
    sentiment.score(warm)
    lean.score(warm)
    if args.profile:
        import cProfile
        import pstats

        segs = segmented(docs)
        prof = cProfile.Profile()
        prof.enable()
        for s in segs:
            sentiment.score(s)
            lean.score(s)
        prof.disable()
        pstats.Stats(prof).sort_stats("tottime").print_stats(25)
        return 0
    print(f"BBC: {len(docs)} articles, CPU ms per article (best of {args.repeat}), segmentation excluded\n")
    print("| rubrics | CPU ms / article |")
    print("|---|---:|")
    for name, rubrics in (
        ("sentiment", (sentiment,)),
        ("lean", (lean,)),
        ("sentiment + lean", (sentiment, lean)),
        ("lean + sentiment", (lean, sentiment)),
    ):
        print(f"| {name} | {cpu_ms_per_doc(docs, rubrics, args.repeat):.3f} |")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
