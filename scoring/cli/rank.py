"""`sourcegauge rank PATH...`: rank sources by the lower bound of their score's bootstrap CI."""

from __future__ import annotations

import argparse
import json
from dataclasses import replace
from typing import IO, Any

from scoring.cli.common import (
    UsageError,
    add_input_arguments,
    add_scoring_arguments,
    count_documents,
    load_options,
    progress,
    resolve_profile,
    show_progress,
)
from scoring.cli.output import check_outputs, open_output, report_problems

HELP = "rank sources: per-source scores, flag rates and a bootstrap CI; ordered by the CI's lower bound"


def add_arguments(parser: argparse.ArgumentParser) -> None:
    add_input_arguments(parser)
    add_scoring_arguments(parser)
    add_ranking_arguments(parser)
    out = parser.add_argument_group("output")
    out.add_argument("--format", choices=("table", "markdown", "csv", "json"), default="table",
                     help="table: aligned text (default); markdown; csv (one row per source, rubric means, "
                          "flag rates and mean contributions as columns); json (a list of objects: source, rank, "
                          "documents, scored, score, mean, median, std, ci_low, ci_high, rubric_means, "
                          "contributions (the largest), flag_rates, below_min_documents, profile, rubrics)")
    out.add_argument("-o", "--output", default="-", help="output file (default: standard output)")


def add_ranking_arguments(parser: argparse.ArgumentParser) -> None:
    from scoring.corpus.rank import DEFAULT_BOOTSTRAP, DEFAULT_CONFIDENCE, DEFAULT_MIN_DOCUMENTS, DEFAULT_SEED

    group = parser.add_argument_group("ranking")
    group.add_argument("--min-documents", type=int, default=DEFAULT_MIN_DOCUMENTS,
                       help=f"sources with fewer scored documents are listed last and marked "
                            f"(default {DEFAULT_MIN_DOCUMENTS})")
    group.add_argument("--bootstrap", type=int, default=DEFAULT_BOOTSTRAP,
                       help=f"bootstrap replicates per source (default {DEFAULT_BOOTSTRAP})")
    group.add_argument("--confidence", type=float, default=DEFAULT_CONFIDENCE,
                       help=f"confidence level of the interval (default {DEFAULT_CONFIDENCE})")
    group.add_argument("--seed", type=int, default=DEFAULT_SEED, help=f"bootstrap seed (default {DEFAULT_SEED})")


def check_ranking_arguments(args: argparse.Namespace) -> None:
    if not 0 < args.confidence < 1:
        raise UsageError("--confidence must be between 0 and 1")
    if args.bootstrap < 1:
        raise UsageError("--bootstrap must be at least 1")
    if args.min_documents < 0:
        raise UsageError("--min-documents must be >= 0")


def run(args: argparse.Namespace) -> int:
    from scoring.core.document import LoadError
    from scoring.corpus.rank import SourceAccumulator, rank_accumulated, ranking_record
    from scoring.engine.pipeline import score_corpus
    from scoring.report.tables import ranking_csv, ranking_markdown

    check_ranking_arguments(args)
    profile = resolve_profile(args)
    options = replace(load_options(args), exclude=check_outputs([args.output], args.paths))
    acc = SourceAccumulator()
    failures: list[LoadError] = []
    skipped: list[Any] = []
    total = count_documents(args.paths) if show_progress(args) else None
    with progress(show_progress(args), "scoring", total) as bar:
        # Ranking reads a few numbers per document: take only those from the workers.
        for item in bar.track(score_corpus(args.paths, profile, jobs=args.jobs, load_options=options,
                                           skipped=skipped, map_result=ranking_record)):
            acc.add(item)
            if isinstance(item, LoadError):
                failures.append(item)
    rows = rank_accumulated(acc, min_documents=args.min_documents, n_bootstrap=args.bootstrap,
                            confidence=args.confidence, seed=args.seed)
    with open_output(args.output) as fh:
        if args.format == "json":
            fh.write(json.dumps([r.to_dict() for r in rows], ensure_ascii=False, indent=2) + "\n")
        elif args.format == "csv":
            ranking_csv(rows, fh)
        elif args.format == "markdown":
            fh.write(ranking_markdown(rows))
        else:
            _print_table(rows, fh)
    report_problems(args, failures, skipped)
    return 1 if failures else 0


def _print_table(rows: list[Any], fh: IO[str]) -> None:
    from rich.console import Console
    from rich.table import Table

    from scoring.report.tables import fmt, provenance_line, rubric_means, top_contributions, top_flags

    # Wide when piped or written to a file, so rows do not wrap; the terminal's width otherwise.
    console = Console(file=fh, width=None if fh.isatty() else 240)
    table = Table(title_justify="left", title="sources ranked by the lower bound of the score's CI "
                                              "(score: 10% trimmed mean of the document scores)")
    for name, justify in (("rank", "right"), ("source", "left"), ("docs", "right"), ("score", "right"),
                          ("CI low", "right"), ("CI high", "right"), ("largest contributions", "left"),
                          ("rubric means", "left"), ("flag rates", "left")):
        table.add_column(name, justify=justify)  # type: ignore[arg-type]
    for r in rows:
        table.add_row(str(r.rank), r.source + (" (few)" if r.below_min_documents else ""), str(r.scored),
                      fmt(r.score), fmt(r.ci_low), fmt(r.ci_high), top_contributions(r.contributions),
                      rubric_means(r.rubric_means), top_flags(r.flag_rates, 3),
                      style="dim" if r.below_min_documents else None)
    console.print(table)
    if rows:
        console.print(provenance_line(rows[0].profile, rows[0].rubric_versions).strip(), markup=False)
