"""How much faster two processes are than one on this machine, for pure compute and for scoring.

    .venv/bin/python scripts/bench_machine_ceiling.py [--windows N] [--seconds S] [PATH]

`sourcegauge bench --jobs 2` compares the worker pool with one job and with a ceiling (two
workers that exchange nothing). This script asks the question underneath: what does the
machine itself give? In N windows of S seconds, alternating the order, it counts

- a pure-Python loop (no memory traffic, no I/O) in one process, then in two at once;
- documents scored by the default profile in one process, then in two at once,

and prints the two-process / one-process ratio of each (totals over all windows, and the
median and range of the per-window ratios). On a dedicated two-core machine both ratios are
close to 2. If the loop's ratio is as low as the scorer's, the limit is the hardware (on a
virtual machine, what the host gives its two vCPUs), not contention between the scorers.
"""

from __future__ import annotations

import argparse
import multiprocessing
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from scoring.core.document import Document  # noqa: E402
from scoring.engine.pipeline import Scorer  # noqa: E402
from scoring.inputs.load import iter_documents  # noqa: E402

_docs: list[Document] = []
_scorer: Scorer | None = None


def _load(path: str) -> None:
    """Per process (the parent and each worker): the documents and a warm Scorer."""
    global _scorer
    _docs[:] = [d for d in iter_documents([path]) if isinstance(d, Document)]
    if not _docs:
        raise SystemExit(f"{path}: no readable documents")
    _scorer = Scorer()
    for doc in _docs[:30]:  # lexicons load on first use
        _scorer.score(doc)


def _spin(seconds: float) -> int:
    count = 0
    end = time.perf_counter() + seconds
    while time.perf_counter() < end:
        for _ in range(2_000):
            count += 1
    return count


def _score_for(seconds: float, offset: int) -> int:
    assert _scorer is not None
    count = 0
    end = time.perf_counter() + seconds
    while time.perf_counter() < end:
        _scorer.score(_docs[(offset + count) % len(_docs)])
        count += 1
    return count


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("path", nargs="?", default=str(ROOT.parent / "shared" / "corpora" / "bbc"))
    parser.add_argument("--windows", type=int, default=20)
    parser.add_argument("--seconds", type=float, default=1.0)
    args = parser.parse_args()

    _load(args.path)
    one = {"loop": 0, "scoring": 0}
    two = {"loop": 0, "scoring": 0}
    window_ratios: dict[str, list[float]] = {"loop": [], "scoring": []}
    context = multiprocessing.get_context("fork" if "fork" in multiprocessing.get_all_start_methods() else "spawn")
    with context.Pool(2, initializer=_load, initargs=(args.path,)) as pool:
        pool.map(_spin, [0.1, 0.1])  # workers up and warm before the first window
        seconds = args.seconds
        for window in range(args.windows):
            counted: dict[str, int] = {}
            legs = [("loop", 1), ("loop", 2), ("scoring", 1), ("scoring", 2)]
            for kind, processes in legs if window % 2 == 0 else reversed(legs):
                offset = window * 300
                if processes == 1:
                    counted[f"{kind}:1"] = _spin(seconds) if kind == "loop" else _score_for(seconds, offset)
                elif kind == "loop":
                    counted[f"{kind}:2"] = sum(pool.map(_spin, [seconds, seconds]))
                else:
                    counted[f"{kind}:2"] = sum(pool.starmap(_score_for,
                                                            [(seconds, offset + 100), (seconds, offset + 200)]))
            for kind in one:
                one[kind] += counted[f"{kind}:1"]
                two[kind] += counted[f"{kind}:2"]
                window_ratios[kind].append(counted[f"{kind}:2"] / counted[f"{kind}:1"])
    print(f"{args.windows} windows of {args.seconds:g} s per leg, order alternating; {len(_docs):,} documents "
          f"from {args.path}\n")
    print("| work | 2 processes / 1, totals | median of windows | range |")
    print("|---|---:|---:|---|")
    for kind, label in (("loop", "pure-Python loop"), ("scoring", "scoring, default profile")):
        ratios = sorted(window_ratios[kind])
        print(f"| {label} | {two[kind] / one[kind]:.2f}× | {statistics.median(ratios):.2f}× | "
              f"{ratios[0]:.2f}–{ratios[-1]:.2f}× |")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
