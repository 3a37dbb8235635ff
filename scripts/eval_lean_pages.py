"""Evaluate which actors the lean rubric reads on scraped pages: those of the article, not of the page.

The pages of ../shared/eval/boilerplate (dev.jsonl and zh-dev.jsonl: the plain text a scraper gives,
every line labelled main content or boilerplate by the benchmarks' own gold standards) are read by
`rubrics.lean.resolve.find_mentions` three ways:

- every line read (lean 2.2 and before);
- lines the boilerplate rubric labels link farm skipped (lean 2.3);
- lines it labels as the page around the article skipped (`PAGE_LABELS`: link farms, navigation,
  other stories' headlines, comments, footers, share and ad widgets, bylines; lean 2.4), the text's
  title line kept.

For each: the mentions resolved to an actor, their precision (share on gold main-content lines) and
their recall (mentions on gold main-content lines kept, out of those found with every line read).
Per group: the dev datasets held out from the line model's training, those it was trained on (fit,
not generalisation) and zh-dev. The gold "main content" is each benchmark's article body, which
some leave the headline out of: a headline's names count against precision there.

    .venv/bin/python scripts/eval_lean_pages.py
"""

from __future__ import annotations

import bisect
import sys
import time
from collections import defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "scripts"))

from eval_boilerplate import HELD_OUT_GROUP, ZH_GROUP, Page, load_pages, page_lines  # noqa: E402

from rubrics.boilerplate import LINK_FARM  # noqa: E402
from rubrics.boilerplate.model import TRAINED_ON  # noqa: E402
from rubrics.lean.resolve import PAGE_LABELS, find_mentions  # noqa: E402
from scoring.core.document import Document  # noqa: E402
from scoring.text.segment import Segmented  # noqa: E402

TRAINED = "trained on (fit)"
SYSTEMS: dict[str, frozenset[str]] = {
    "every line read (lean 2.2)": frozenset(),
    "link farms skipped (lean 2.3)": frozenset({LINK_FARM}),
    "page lines skipped (lean 2.4+)": PAGE_LABELS,
}


def gold_of_mentions(page: Page, systems: dict[str, frozenset[str]]) -> dict[str, list[bool]]:
    """Per system, for each mention it resolves to an actor: whether it lies on a gold main-content line."""
    lines = page_lines(page)
    gold = [not label for _, label in page["lines"]]  # type: ignore[union-attr]
    # One segmentation for every system: the line labels are computed once and shared.
    seg = Segmented(Document(id=str(page["id"]), text="\n".join(lines)))
    starts = []
    pos = 0
    for line in lines:
        starts.append(pos)
        pos += len(line) + 1
    # Mentions are in normalised offsets; the gold line is the one holding the mention's original start.
    return {system: [gold[bisect.bisect_right(starts, seg.norm.to_original(m.start, m.end)[0]) - 1]
                     for m in find_mentions(seg, page_labels=skip) if m.actor is not None]
            for system, skip in systems.items()}


def figures(dev: list[Page], zh: list[Page], systems: dict[str, frozenset[str]] = SYSTEMS,
            ) -> dict[str, dict[str, tuple[float, float, int]]]:
    """Per group, per system: (precision, recall, mentions); recall is measured against the first
    system, which must read every line."""
    if next(iter(systems.values())):
        raise ValueError("the first system must read every line: recall is measured against it")
    counts: dict[str, dict[str, list[int]]] = defaultdict(lambda: defaultdict(lambda: [0, 0]))
    for pages, zh_pages in ((dev, False), (zh, True)):
        for page in pages:
            groups = [ZH_GROUP] if zh_pages else [TRAINED if page["dataset"] in TRAINED_ON else HELD_OUT_GROUP,
                                                  str(page["dataset"])]
            for system, on_content in gold_of_mentions(page, systems).items():
                for group in groups:
                    c = counts[group][system]
                    c[0] += sum(on_content)
                    c[1] += len(on_content)
    out: dict[str, dict[str, tuple[float, float, int]]] = {}
    for group, by_system in counts.items():
        everything = by_system[next(iter(systems))][0]
        out[group] = {system: (content / total if total else 0.0, content / everything if everything else 0.0,
                               total)
                      for system, (content, total) in by_system.items()}
    return out


def main() -> None:
    t0 = time.perf_counter()
    dev, zh = load_pages()
    result = figures(dev, zh)
    for group in (HELD_OUT_GROUP, TRAINED, ZH_GROUP):
        if group not in result:
            continue
        print(f"\n{group}:")
        print(f"  {'':34} {'mentions':>9} {'precision':>10} {'recall':>7}")
        for system, (precision, recall, total) in result[group].items():
            print(f"  {system:34} {total:9d} {precision:10.3f} {recall:7.3f}")
    datasets = sorted({str(p["dataset"]) for p in dev})
    print("\nBy dev dataset, precision / recall (gold conventions differ: CleanEval keeps a page's headings and "
          "lists as content, the others keep the article body):")
    print(f"  {'dataset':24}" + "".join(f" {name.split(' (')[1].rstrip(')'):>13}" for name in SYSTEMS))
    for dataset in datasets:
        cells = "".join(f"   {p:.3f}/{r:.3f}" for p, r, _ in result[dataset].values())
        mark = " (trained on)" if dataset in TRAINED_ON else ""
        print(f"  {dataset + mark:24}{cells}")
    print(f"\n{len(dev)} dev pages, {len(zh)} zh-dev pages in {time.perf_counter() - t0:.0f} s")


if __name__ == "__main__":
    main()
