"""`sourcegauge report PATH... -o DIR`: index.html, summary.md, documents.csv, sources.csv, documents.jsonl."""

from __future__ import annotations

import argparse
import sys
from dataclasses import replace
from pathlib import Path

from scoring.cli.common import (
    UsageError,
    add_input_arguments,
    add_scoring_arguments,
    load_options,
    progress,
    resolve_profile,
)
from scoring.cli.output import OutputError, check_outputs, report_inputs
from scoring.cli.rank import add_ranking_arguments, check_ranking_arguments
from scoring.core.document import LoadError
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
    # The report's own files are never read back as inputs (a report folder inside the corpus).
    outputs = [str(Path(args.output) / name) for name in REPORT_FILES]
    options = replace(load_options(args), exclude=check_outputs(outputs, args.paths))
    if Path(args.output).exists() and not Path(args.output).is_dir():
        raise OutputError(f"cannot write the report into {args.output}: it is a file, not a folder")
    skipped: list = []
    report_options = ReportOptions(title=args.title, max_document_pages=args.max_document_pages,
                                   min_documents=args.min_documents, n_bootstrap=args.bootstrap,
                                   confidence=args.confidence, seed=args.seed)
    failures: list[LoadError] = []

    def scored():  # type: ignore[no-untyped-def]
        for item in score_corpus(args.paths, profile, jobs=args.jobs, load_options=options, skipped=skipped):
            if isinstance(item, LoadError):
                failures.append(item)
            yield item

    try:
        with progress(not args.no_progress, "scoring") as bar:
            result = write_report(bar.track(scored()), args.output, profile.rubrics,
                                  {"name": profile.name, "hash": profile.hash}, report_options)
    except OSError as exc:  # the inputs' errors never raise: this is the report folder
        raise OutputError(f"cannot write the report into {args.output}: {exc.strerror or exc}") from None
    report_inputs(failures, skipped)
    print(f"sourcegauge report: {result.documents} documents, {len(result.ranking)} sources -> "
          f"{', '.join(str(result.out_dir / name) for name in REPORT_FILES)}", file=sys.stderr)
    return 1 if result.unreadable else 0
