"""Reports: one offline HTML file plus summary.md, documents.csv, sources.csv, documents.jsonl.

`write_report(items, out_dir, ...)` consumes scored documents lazily: every record goes to
documents.jsonl / documents.csv as it arrives; ranking and audit keep per-source tallies;
only the documents that get a section in the HTML (all of them up to `max_document_pages`,
otherwise the lowest-scoring ones) are held in memory, plus one small row per document for
the documents table (the `max_overview_rows` lowest-scoring ones).

Charts need matplotlib, which is imported when the first chart is drawn.

Determinism: no timestamps, no absolute paths beyond what the inputs' ids/paths carry,
seeded bootstraps, sorted tables, matplotlib SVG with fixed hash salts and no date
(see scoring.report.charts). Two runs on the same inputs write byte-identical files.
"""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from scoring.core.document import LoadError
from scoring.core.safe_csv import SafeCsvWriter
from scoring.core.shapes import lean_actors
from scoring.corpus.audit import (
    DEFAULT_AUDIT_BOOTSTRAP,
    DEFAULT_MIN_MENTIONS,
    AuditAccumulator,
    AuditReport,
    audit_accumulated,
)
from scoring.corpus.rank import (
    DEFAULT_BOOTSTRAP,
    DEFAULT_CONFIDENCE,
    DEFAULT_MIN_DOCUMENTS,
    DEFAULT_SEED,
    SourceAccumulator,
    SourceRanking,
    rank_accumulated,
)
from scoring.engine.pipeline import DocumentResult, error_record
from scoring.report import tables
from scoring.report.html import doc_anchor, render_html, why_phrase
from scoring.report.summary import summary_markdown

DOCUMENT_LEAN_CHART_MAX = 10
REPORT_FILES = ("index.html", "summary.md", "documents.csv", "sources.csv", "documents.jsonl")


@dataclass(frozen=True)
class ReportOptions:
    title: str = "sourcegauge report"
    max_document_pages: int = 200
    max_overview_rows: int = 10_000
    # Document sections stop before index.html would grow past this (it opens quickly in a browser).
    max_html_bytes: int | None = 1_400_000
    min_documents: int = DEFAULT_MIN_DOCUMENTS
    n_bootstrap: int = DEFAULT_BOOTSTRAP
    audit_bootstrap: int = DEFAULT_AUDIT_BOOTSTRAP
    confidence: float = DEFAULT_CONFIDENCE
    seed: int = DEFAULT_SEED
    min_mentions: int = DEFAULT_MIN_MENTIONS


@dataclass
class ReportResult:
    out_dir: Path
    documents: int
    unreadable: list[tuple[str, str]]
    ranking: list[SourceRanking]
    audit: AuditReport
    files: list[Path] = field(default_factory=list)


def write_report(items: Iterable[DocumentResult | LoadError], out_dir: str | Path,
                 rubrics: tuple[str, ...], profile: dict[str, str] | None = None,
                 options: ReportOptions | None = None, flag_caps: dict[str, float] | None = None) -> ReportResult:
    """Write every report file into `out_dir` (created if needed) and return what was found.

    `flag_caps` (the profile's [flag_caps]) lets the report say which flags can cap a score;
    without it, only the caps that applied (every record's `capped_by`) are known.
    """
    from scoring.report import charts

    opts = options or ReportOptions()
    out = Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    ranks = SourceAccumulator()
    lean = AuditAccumulator()
    distributions: dict[str, list[float]] = {"document score": [], **{r: [] for r in rubrics}}
    overview: list[tuple[tuple[float, int], dict[str, Any]]] = []
    unreadable: list[tuple[str, str]] = []
    kept: list[tuple[int, DocumentResult]] = []
    capped: dict[str, Counter[str]] = {}
    caps = dict(flag_caps or {})
    count = 0
    profile_info = dict(profile or {})
    with open(out / "documents.jsonl", "w", encoding="utf-8", newline="\n") as jsonl, \
            open(out / "documents.csv", "w", encoding="utf-8", newline="") as csv_fh:
        writer = SafeCsvWriter(csv_fh, lineterminator="\n")  # cells neutralised against formulas
        writer.writerow(tables.document_csv_header(rubrics))
        for index, item in enumerate(items):
            ranks.add(item)
            lean.add(item)
            if isinstance(item, LoadError):
                record = error_record(item)
                unreadable.append((item.path, item.reason))
            else:
                record = item.to_record()
                count += 1
                if not profile_info:
                    profile_info = {"name": item.profile_name, "hash": item.profile_hash}
                if item.score is not None:
                    distributions["document score"].append(item.score)
                for name, result in item.results.items():
                    distributions.setdefault(name, []).append(result.score)
                if record.get("capped_by"):
                    flag = str(record["capped_by"]["flag"])
                    capped.setdefault(item.doc.source, Counter())[flag] += 1
                    caps.setdefault(flag, float(record["capped_by"]["cap"]))
                kept.append((index, item))
                if len(kept) > 2 * opts.max_document_pages:
                    kept = _worst(kept, opts.max_document_pages)
            jsonl.write(json.dumps(record, ensure_ascii=False, sort_keys=False) + "\n")
            writer.writerow(tables.document_csv_row(record, rubrics, profile_info))
            overview.append((_order(index, record), _overview_row(index, record)))
            if len(overview) > 2 * opts.max_overview_rows:
                overview = sorted(overview, key=lambda pair: pair[0])[:opts.max_overview_rows]
    overview_rows = [row for _, row in sorted(overview, key=lambda pair: pair[0])[:opts.max_overview_rows]]
    pages = _worst(kept, opts.max_document_pages)
    page_indexes = {index for index, _ in pages}
    for row in overview_rows:
        row["anchor"] = doc_anchor(row["index"]) if row["index"] in page_indexes else None
    ranking = rank_accumulated(ranks, min_documents=opts.min_documents, n_bootstrap=opts.n_bootstrap,
                               confidence=opts.confidence, seed=opts.seed)
    audit = audit_accumulated(lean, n_bootstrap=opts.audit_bootstrap, confidence=opts.confidence, seed=opts.seed,
                              min_mentions=opts.min_mentions)
    versions = dict(sorted(ranks.rubric_versions.items()))
    capped_shares = {r.source: {flag: n / r.scored for flag, n in capped.get(r.source, Counter()).items()}
                     for r in ranking if r.scored}
    with open(out / "sources.csv", "w", encoding="utf-8", newline="") as fh:
        tables.ranking_csv(ranking, fh)
    (out / "summary.md").write_text(
        summary_markdown(title=opts.title, profile=profile_info, rubric_versions=versions, ranking=ranking,
                         audit=audit, pages=[r for _, r in pages], documents=count, unreadable=unreadable),
        encoding="utf-8", newline="\n")
    chart_svgs = {
        "ranking": charts.ranking_chart(ranking) if ranking else None,
        "distributions": charts.distribution_charts({k: v for k, v in distributions.items() if v}),
        "lean": charts.lean_chart(audit),
        # Small reports (the seeds) also get tone per document: one source alone shows no contrast.
        "lean_documents": charts.document_lean_chart(
            [(r.doc.id.rsplit("/", 1)[-1], lean_actors(r.results["lean"].details))
             for _, r in sorted(pages) if "lean" in r.results]) if 1 < count <= DOCUMENT_LEAN_CHART_MAX else None,
        "frames": charts.frame_chart(audit),
    }
    page = render_html(title=opts.title, profile=profile_info, rubric_versions=versions, ranking=ranking,
                       audit=audit, charts=chart_svgs, overview=overview_rows, overview_total=count + len(unreadable),
                       pages=[(doc_anchor(i), r) for i, r in pages], documents=count, rubrics=rubrics,
                       unreadable=unreadable, flag_caps=caps, capped_shares=capped_shares,
                       max_bytes=opts.max_html_bytes)
    (out / "index.html").write_text(page, encoding="utf-8", newline="\n")
    return ReportResult(out, count, unreadable, ranking, audit, [out / name for name in REPORT_FILES])


def _order(index: int, record: dict[str, Any]) -> tuple[float, int]:
    """Worst first: unreadable and unscored inputs, then by score; ties in input order."""
    score = record.get("score")
    return (-1.0 if score is None else float(score), index)


def _worst(kept: list[tuple[int, DocumentResult]], limit: int) -> list[tuple[int, DocumentResult]]:
    """The `limit` lowest-scoring documents (unscored first, ties in input order), worst first."""
    ordered = sorted(kept, key=lambda pair: (pair[1].score if pair[1].score is not None else -1.0, pair[0]))
    return ordered[:limit]


def _overview_row(index: int, record: dict[str, Any]) -> dict[str, Any]:
    return {
        "index": index, "id": str(record.get("id", "")), "source": str(record.get("source") or ""),
        "score": record.get("score"), "flags": list(record.get("flags", [])),
        "rubrics": {k: v["score"] for k, v in (record.get("rubrics") or {}).items()},
        "error": record.get("error", ""), "why": why_phrase(record) if not record.get("error") else "",
    }
