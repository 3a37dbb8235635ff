"""Evaluate the sourcing rubric on PolNeAR (evaluation only) and on the shared corpora.

    .venv/bin/python scripts/eval_sourcing.py [--limit N]

1. PolNeAR (../shared/eval/sourcing): sentence-level attribution detection - a gold sentence
   is positive when it holds (part of) an attribution cue; we predict positive when any of
   our attribution spans (attribution_named/anonymous, citation_marker, link,
   named_document) overlaps it. Precision / recall / F1, plus Pearson and Spearman
   correlation between our per-article attributions_per_1k_words and the gold density.
2. Corpora (../shared/corpora: bbc, cnn, sogou) and the seeds: quartiles of the sourcing
   score and of attributions per 1k tokens, per corpus; then the seeds one by one.
"""

from __future__ import annotations

import argparse
import json
import statistics
import sys
from collections import defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"
sys.path.insert(0, str(ROOT))

from rubrics.sourcing.rubric import SourcingRubric  # noqa: E402
from scoring.core.document import Document  # noqa: E402
from scoring.inputs.load import load_documents  # noqa: E402
from scoring.text.segment import Segmented  # noqa: E402

ATTRIBUTION_LABELS = frozenset({"attribution_named", "attribution_anonymous", "citation_marker", "link",
                                "named_document"})


def _ranks(values: list[float]) -> list[float]:
    order = sorted(range(len(values)), key=lambda i: values[i])
    ranks = [0.0] * len(values)
    i = 0
    while i < len(order):
        j = i
        while j + 1 < len(order) and values[order[j + 1]] == values[order[i]]:
            j += 1
        for k in range(i, j + 1):
            ranks[order[k]] = (i + j) / 2 + 1
        i = j + 1
    return ranks


def pearson(x: list[float], y: list[float]) -> float:
    mx, my = statistics.fmean(x), statistics.fmean(y)
    sx = sum((a - mx) ** 2 for a in x) ** 0.5
    sy = sum((b - my) ** 2 for b in y) ** 0.5
    return sum((a - mx) * (b - my) for a, b in zip(x, y, strict=True)) / (sx * sy) if sx and sy else 0.0


def polnear(rubric: SourcingRubric, limit: int | None) -> None:
    base = SHARED / "eval" / "sourcing"
    articles = [json.loads(line) for line in (base / "articles-dev.jsonl").read_text(encoding="utf-8").splitlines() if line]
    if limit:
        articles = articles[:limit]
    wanted = {a["id"] for a in articles}
    sentences: dict[str, list[dict]] = defaultdict(list)
    with (base / "sentences-dev.jsonl").open(encoding="utf-8") as fh:
        for line in fh:
            row = json.loads(line)
            if row["article_id"] in wanted:
                sentences[row["article_id"]].append(row)
    counts: dict[str, list[int]] = {"all": [0, 0, 0], "dev": [0, 0, 0]}  # tp, fp, fn
    ours: list[float] = []
    gold: list[float] = []
    for art in articles:
        text = art["text"]
        result = rubric.score(Segmented(Document(id=art["id"], text=text, source=art["publisher"])))
        spans = sorted((e.start, e.end) for e in result.evidence if e.label in ATTRIBUTION_LABELS)
        ours.append(result.features["attributions_per_1k_words"])
        gold.append(float(art["attributions_per_1k_words"]))
        pos = 0
        for sent in sentences[art["id"]]:
            start = text.find(sent["text"], pos)
            if start < 0:
                start = text.find(sent["text"])
            end = start + len(sent["text"])
            pos = max(pos, end)
            predicted = start >= 0 and any(s < end and start < e for s, e in spans)
            label = int(sent["label"])
            for split in ("all", art["split"]) if art["split"] == "dev" else ("all",):
                c = counts[split]
                c[0] += predicted and label == 1
                c[1] += predicted and label == 0
                c[2] += (not predicted) and label == 1
    print("### PolNeAR attribution detection (sentence level)\n")
    print("| split | articles | precision | recall | F1 |")
    print("|---|---:|---:|---:|---:|")
    n_dev = sum(1 for a in articles if a["split"] == "dev")
    for split, (tp, fp, fn) in counts.items():
        p = tp / (tp + fp) if tp + fp else 0.0
        r = tp / (tp + fn) if tp + fn else 0.0
        f = 2 * p * r / (p + r) if p + r else 0.0
        print(f"| {split} | {len(articles) if split == 'all' else n_dev} | {p:.3f} | {r:.3f} | {f:.3f} |")
    print(f"\nPer-article attributions_per_1k_words vs gold: Pearson r = {pearson(ours, gold):.3f}, "
          f"Spearman rho = {pearson(_ranks(ours), _ranks(gold)):.3f}; median ours {statistics.median(ours):.1f} "
          f"vs gold {statistics.median(gold):.1f} (gold also counts thoughts and beliefs, see its README).\n")


def _quartiles(values: list[float]) -> tuple[float, float, float]:
    if len(values) < 2:
        v = values[0] if values else float("nan")
        return v, v, v
    q = statistics.quantiles(values, n=4)
    return q[0], q[1], q[2]


def corpora(rubric: SourcingRubric) -> None:
    groups = {"bbc": SHARED / "corpora" / "bbc", "cnn": SHARED / "corpora" / "cnn",
              "sogou": SHARED / "corpora" / "sogou", "seeds": ROOT / "seeds"}
    print("### Sourcing on real corpora\n")
    print("| corpus | docs | score Q1 | score median | score Q3 | attributions/1k tokens Q1 | median | Q3 |")
    print("|---|---:|---:|---:|---:|---:|---:|---:|")
    seed_rows: list[tuple[str, float, dict[str, float]]] = []
    for name, path in groups.items():
        if not path.is_dir():
            print(f"| {name} | (missing: {path}) | | | | | | |")
            continue
        docs, _ = load_documents([path])
        scores: list[float] = []
        density: list[float] = []
        for doc in docs:
            res = rubric.score(Segmented(doc))
            scores.append(res.score)
            density.append(res.features["attributions_per_1k_tokens"])
            if name == "seeds":
                seed_rows.append((doc.id, res.score, dict(res.features)))
        s1, s2, s3 = _quartiles(scores)
        d1, d2, d3 = _quartiles(density)
        print(f"| {name} | {len(docs)} | {s1:.3f} | {s2:.3f} | {s3:.3f} | {d1:.1f} | {d2:.1f} | {d3:.1f} |")
    if seed_rows:
        print("\n| seed | score | attributions | per 1k tokens | citation markers | quotes | named sources | anonymous share |")
        print("|---|---:|---:|---:|---:|---:|---:|---:|")
        for doc_id, score, f in seed_rows:
            print(f"| {doc_id} | {score:.3f} | {f['attributions']:.0f} | {f['attributions_per_1k_tokens']:.1f} | "
                  f"{f['citation_markers']:.0f} | {f['quotes']:.0f} | {f['distinct_named_sources']:.0f} | "
                  f"{f['anonymous_share']:.2f} |")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--limit", type=int, default=None, help="only the first N PolNeAR articles")
    args = parser.parse_args()
    if not SHARED.is_dir():
        print(f"../shared not found (looked in {SHARED}); nothing to evaluate.")
        return 1
    rubric = SourcingRubric()
    if (SHARED / "eval" / "sourcing" / "articles-dev.jsonl").is_file():
        polnear(rubric, args.limit)
    else:
        print("../shared/eval/sourcing missing: PolNeAR part skipped.\n")
    corpora(rubric)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
