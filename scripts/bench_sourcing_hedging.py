"""Throughput of the sourcing and hedging rubrics on the BBC corpus, one core.

    .venv/bin/python scripts/bench_sourcing_hedging.py [--repeat N]

Prints articles per second for (1) both rubrics on already segmented documents (lines,
sentences, and words where a rubric asks for them, computed beforehand) and (2) the total
with segmentation (normalisation, language, lines, sentences) included. Lexicons are loaded
before timing (once per process, as in real runs). Times are CPU time of this process
(time.process_time), so other load on the machine does not deflate the figure; the best of
--repeat rounds is reported.
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"
sys.path.insert(0, str(ROOT))

from rubrics.hedging import HedgingRubric  # noqa: E402
from rubrics.sourcing.rubric import SourcingRubric  # noqa: E402
from scoring.inputs.load import load_documents  # noqa: E402
from scoring.text.segment import Segmented  # noqa: E402


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=3, help="timing rounds; the best is reported")
    args = parser.parse_args()
    bbc = SHARED / "corpora" / "bbc"
    if not bbc.is_dir():
        print(f"../shared/corpora/bbc not found (looked in {bbc}); nothing to benchmark.")
        return 1
    docs, _ = load_documents([bbc])
    rubrics = (SourcingRubric(), HedgingRubric())
    warm = Segmented(docs[0])
    for r in rubrics:
        r.score(warm)

    best_rubrics = best_total = float("inf")
    for _ in range(max(1, args.repeat)):
        segs = [Segmented(d) for d in docs]
        for s in segs:
            _ = s.sentences
        t0 = time.process_time()
        for s in segs:
            for r in rubrics:
                r.score(s)
        best_rubrics = min(best_rubrics, time.process_time() - t0)

        t0 = time.process_time()
        for d in docs:
            s = Segmented(d)
            for r in rubrics:
                r.score(s)
        best_total = min(best_total, time.process_time() - t0)
    n = len(docs)
    print("| BBC articles | sourcing + hedging (segmented input) | including segmentation |")
    print("|---:|---:|---:|")
    print(f"| {n} | {n / best_rubrics:.0f} docs/s ({1000 * best_rubrics / n:.2f} ms/doc) | "
          f"{n / best_total:.0f} docs/s ({1000 * best_total / n:.2f} ms/doc) |")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
