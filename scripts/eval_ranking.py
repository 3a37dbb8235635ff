"""Rank the real corpora (../shared/corpora: bbc, cnn, sogou) together with the seeds; print the table.

    .venv/bin/python scripts/eval_ranking.py [--jobs N] [--profile NAME]

Prints the markdown ranking (default profile), the throughput, and whether bbc ranks above
the seeds (the acceptance check of the ranking issue). Exits 2 if ../shared is absent.
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
SHARED = REPO.parent / "shared"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--jobs", "-j", type=int, default=2)
    parser.add_argument("--profile", default="default")
    args = parser.parse_args()
    corpora = SHARED / "corpora"
    if not corpora.is_dir():
        print(f"{corpora} not found: this script needs the shared corpora beside the repository", file=sys.stderr)
        return 2
    sys.path.insert(0, str(REPO))
    from scoring.core.document import LoadError
    from scoring.corpus.rank import SourceAccumulator, rank_accumulated
    from scoring.engine.pipeline import score_corpus
    from scoring.report.tables import ranking_markdown

    acc = SourceAccumulator()
    documents = errors = 0
    started = time.perf_counter()
    for item in score_corpus([corpora, REPO / "seeds"], args.profile, jobs=args.jobs):
        acc.add(item)
        if isinstance(item, LoadError):
            errors += 1
        else:
            documents += 1
    scored = time.perf_counter() - started
    rows = rank_accumulated(acc)
    ranked = time.perf_counter() - started - scored
    print(ranking_markdown(rows))
    print(f"{documents} documents ({errors} unreadable) scored in {scored:.1f} s with {args.jobs} worker(s) "
          f"({documents / scored:.1f} docs/s); ranking with bootstrap took {ranked:.2f} s\n")
    position = {r.source: r.rank for r in rows}
    ok = position.get("bbc", 10**6) < position.get("seeds", -1)
    print(f"bbc rank {position.get('bbc')} vs seeds rank {position.get('seeds')}: "
          f"{'OK, bbc above the seeds' if ok else 'FAIL'}")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
