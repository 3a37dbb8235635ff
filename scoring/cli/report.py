"""`sourcegauge report PATH... -o DIR`: index.html, summary.md, documents.csv, sources.csv, documents.jsonl."""

from __future__ import annotations

import argparse
import sys
import time
from collections.abc import Iterator
from dataclasses import replace
from pathlib import Path
from typing import Any

from scoring.cli.common import (
    UsageError,
    add_input_arguments,
    add_scoring_arguments,
    count_documents,
    load_options,
    note,
    progress,
    resolve_profile,
    show_progress,
)
from scoring.cli.output import OutputError, check_outputs, report_problems
from scoring.cli.rank import add_ranking_arguments, check_ranking_arguments

HELP = "write a self-contained HTML report (ranking, distributions, lean audit, every document's evidence) " \
       "plus summary.md and CSV/JSONL tables"


def add_arguments(parser: argparse.ArgumentParser) -> None:
    from scoring.report import ReportOptions

    defaults = ReportOptions()
    add_input_arguments(parser)
    add_scoring_arguments(parser)
    add_ranking_arguments(parser)
    out = parser.add_argument_group("output")
    out.add_argument("-o", "--output", default="reports", help="output folder (default: reports)")
    out.add_argument("--title", default=defaults.title, help="report title")
    out.add_argument("--max-document-pages", type=int, default=defaults.max_document_pages,
                     help="documents whose text, evidence and score story are in the HTML; beyond this, the "
                          f"lowest-scoring ones (default {defaults.max_document_pages}; every document is still "
                          "listed in the documents table)")
    out.add_argument("--max-overview-rows", type=int, default=defaults.max_overview_rows,
                     help="rows of the HTML documents table, worst first; all documents are in documents.csv "
                          f"(default {defaults.max_overview_rows:,})")
    out.add_argument("--no-audit", action="store_true",
                     help="leave out the editorial-lean audit (by default the report adds the lean rubric to a "
                          "profile without it, at weight 0 so no score changes; it is the costliest rubric)")


def run(args: argparse.Namespace) -> int:
    from scoring.core.document import LoadError
    from scoring.engine.pipeline import score_corpus
    from scoring.report import REPORT_FILES, ReportOptions, write_report

    check_ranking_arguments(args)
    if args.max_document_pages < 0 or args.max_overview_rows < 0:
        raise UsageError("--max-document-pages and --max-overview-rows must be >= 0")
    profile = resolve_profile(args)
    if not args.no_audit and not args.rubrics:
        # The report carries the editorial-lean audit (job 3) beside the ranking; lean at weight 0
        # adds actors and tone to each record without changing any score.
        profile = profile.adding("lean")
    # The report's own files are never read back as inputs (a report folder inside the corpus).
    outputs = [str(Path(args.output) / name) for name in REPORT_FILES]
    options = replace(load_options(args), exclude=check_outputs(outputs, args.paths))
    if Path(args.output).exists() and not Path(args.output).is_dir():
        raise OutputError(f"cannot write the report into {args.output}: it is a file, not a folder")
    skipped: list[Any] = []
    report_options = ReportOptions(title=args.title, max_document_pages=args.max_document_pages,
                                   max_overview_rows=args.max_overview_rows, min_documents=args.min_documents,
                                   n_bootstrap=args.bootstrap, confidence=args.confidence, seed=args.seed)
    failures: list[LoadError] = []

    def scored() -> Iterator[Any]:
        for item in score_corpus(args.paths, profile, jobs=args.jobs, load_options=options, skipped=skipped):
            if isinstance(item, LoadError):
                failures.append(item)
            yield item

    started = time.perf_counter()
    total = count_documents(args.paths) if show_progress(args) else None
    try:
        with progress(show_progress(args), "scoring", total) as bar:
            result = write_report(bar.track(scored()), args.output, profile.rubrics,
                                  {"name": profile.name, "hash": profile.hash}, report_options,
                                  flag_caps=dict(profile.flag_caps))
    except OSError as exc:  # the inputs' errors never raise: this is the report folder
        raise OutputError(f"cannot write the report into {args.output}: {exc.strerror or exc}") from None
    report_problems(args, failures, skipped)
    sources = len(result.ranking)
    note(args, f"sourcegauge report: {result.documents} documents, {sources} source{'' if sources == 1 else 's'} -> "
               f"{', '.join(str(result.out_dir / name) for name in REPORT_FILES)}")
    if args.verbose:
        seconds = time.perf_counter() - started
        sizes = ", ".join(f"{p.name} {p.stat().st_size / 1e6:.2f} MB" for p in result.files if p.exists())
        print(f"sourcegauge report: {seconds:.1f} s; {sizes}", file=sys.stderr)
    return 1 if failures or result.unreadable else 0
