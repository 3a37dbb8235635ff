"""`sourcegauge report PATH... -o DIR`: index.html, summary.md, documents.csv, sources.csv, documents.jsonl."""

from __future__ import annotations

import argparse
import sys

from scoring.cli.common import (
    UsageError,
    add_input_arguments,
    add_scoring_arguments,
    load_options,
    progress,
    resolve_profile,
)
from scoring.cli.rank import add_ranking_arguments, check_ranking_arguments
from scoring.engine.pipeline import score_corpus
from scoring.report import REPORT_FILES, ReportOptions, write_report

HELP = "write a self-contained HTML report (ranking, distributions, lean audit, every document's evidence) " \
       "plus summary.md and CSV/JSONL tables"


def add_arguments(parser: argparse.ArgumentParser) -> None:
    add_input_arguments(parser)
    add_scoring_arguments(parser)
    add_ranking_arguments(parser)
    out = parser.add_argument_group("output")
    out.add_argument("-o", "--output", default="reports", help="output folder (default: reports)")
    out.add_argument("--title", default="sourcegauge report", help="report title")
    out.add_argument("--max-document-pages", type=int, default=200,
                     help="documents with their own section in the HTML; beyond this, the lowest-scoring ones "
                          "(default 200)")


def run(args: argparse.Namespace) -> int:
    check_ranking_arguments(args)
    if args.max_document_pages < 0:
        raise UsageError("--max-document-pages must be >= 0")
    profile = resolve_profile(args)
    options = load_options(args)
    report_options = ReportOptions(title=args.title, max_document_pages=args.max_document_pages,
                                   min_documents=args.min_documents, n_bootstrap=args.bootstrap,
                                   confidence=args.confidence, seed=args.seed)
    with progress(not args.no_progress, "scoring") as bar:
        result = write_report(bar.track(score_corpus(args.paths, profile, jobs=args.jobs, load_options=options)),
                              args.output, profile.rubrics, {"name": profile.name, "hash": profile.hash},
                              report_options)
    for path, reason in result.unreadable:
        print(f"sourcegauge: could not read {path}: {reason}", file=sys.stderr)
    print(f"sourcegauge report: {result.documents} documents, {len(result.ranking)} sources -> "
          f"{', '.join(str(result.out_dir / name) for name in REPORT_FILES)}", file=sys.stderr)
    return 1 if result.unreadable else 0
