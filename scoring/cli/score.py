"""`sourcegauge score PATH...`: per-document scores with evidence, as JSONL or CSV."""

from __future__ import annotations

import argparse
import statistics
import sys
from collections import Counter
from contextlib import nullcontext
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING, Any

from scoring.cli.common import (
    add_input_arguments,
    add_scoring_arguments,
    count_documents,
    load_options,
    progress,
    resolve_profile,
    show_progress,
)

if TYPE_CHECKING:  # the command line imports this module for --help: scoring imports wait for run()
    from scoring.core.document import LoadError
    from scoring.engine.render import SummaryRow

HELP = "score documents: one JSON record per document with every rubric's score, features, flags and evidence"


def add_arguments(parser: argparse.ArgumentParser) -> None:
    add_input_arguments(parser)
    add_scoring_arguments(parser)
    out = parser.add_argument_group("output")
    out.add_argument("-o", "--output", default="-", help="output file (default: standard output)")
    out.add_argument("--format", choices=("jsonl", "csv"), default="jsonl",
                     help="jsonl: full records with evidence (schema sourcegauge.document/1); "
                          "csv: one row per document with the scores and flags")
    out.add_argument("--no-evidence", action="store_true", help="leave evidence spans out of JSONL records")


def run(args: argparse.Namespace) -> int:
    from scoring.core.document import LoadError
    from scoring.engine.pipeline import score_corpus
    from scoring.engine.render import csv_header, error_line, render_csv, render_jsonl

    profile = resolve_profile(args)
    options = load_options(args)
    failures: list[LoadError] = []
    skipped: list[str] = []
    summary = _Summary(keep_rows=20)
    target = sys.stdout if args.output == "-" else None
    # Each result is rendered to its output line where it was scored (in the worker with
    # --jobs): serialising a record with its evidence costs about as much as a rubric, and
    # done here it would make this process the bottleneck.
    if args.format == "jsonl":
        render = partial(render_jsonl, evidence=not args.no_evidence)
    else:
        render = partial(render_csv, rubrics=profile.rubrics)
    with (nullcontext(target) if target else open(args.output, "w", encoding="utf-8", newline="")) as fh:
        if args.format == "csv":
            fh.write(csv_header(profile.rubrics))
        total = count_documents(args.paths) if show_progress(args) else None
        with progress(show_progress(args), "scoring", total) as bar:
            for item in bar.track(score_corpus(args.paths, profile, jobs=args.jobs, load_options=options,
                                               skipped=skipped, map_result=render)):
                if isinstance(item, LoadError):
                    failures.append(item)
                    fh.write(error_line(item, args.format, len(profile.rubrics)))
                else:
                    summary.add(item.summary)
                    fh.write(item.line)
    if not args.quiet:
        summary.print(profile.rubrics, failures)
    if skipped:
        kinds = Counter(Path(p).suffix.lower() for p in skipped)
        print(f"sourcegauge: skipped {len(skipped)} file(s) that are not an article format "
              f"({', '.join(f'{k} ×{v}' for k, v in kinds.most_common())}), e.g. {skipped[0]}; "
              "name a file explicitly to score it anyway", file=sys.stderr)
    for failure in failures:
        print(f"sourcegauge: could not read {failure.path}: {failure.reason}", file=sys.stderr)
    return 1 if failures else 0


class _Summary:
    """What fits on one screen: per-document rows for small runs, aggregates always."""

    def __init__(self, keep_rows: int) -> None:
        self.keep_rows = keep_rows
        self.rows: list[tuple[str, str, float | None, dict[str, float], tuple[str, ...]]] = []
        self.count = 0
        self.per_rubric: dict[str, list[float]] = {}
        self.doc_scores: list[float] = []
        self.flags: Counter[str] = Counter()
        self.langs: Counter[str] = Counter()

    def add(self, item: SummaryRow) -> None:
        self.count += 1
        scores = item.scores
        if len(self.rows) <= self.keep_rows:
            self.rows.append((item.id, item.lang, item.score, scores, item.flags))
        for name, value in scores.items():
            self.per_rubric.setdefault(name, []).append(value)
        if item.score is not None:
            self.doc_scores.append(item.score)
        self.flags.update(item.flags)
        self.langs[item.lang] += 1

    def print(self, rubrics: tuple[str, ...], failures: list[LoadError]) -> None:
        from rich.console import Console
        from rich.table import Table

        console = Console(stderr=True)
        table = Table(title=f"sourcegauge: {self.count} documents scored, {len(failures)} unreadable",
                      title_justify="left")
        table.add_column("document" if self.count <= self.keep_rows else "", overflow="fold", max_width=36)
        table.add_column("lang")
        table.add_column("score", justify="right")
        for name in rubrics:
            table.add_column(name[:11], justify="right")
        table.add_column("flags", overflow="fold", max_width=30)
        if self.count <= self.keep_rows:
            for doc_id, lang, score, scores, flags in self.rows:
                table.add_row(doc_id, lang, _cell(score), *[_cell(scores.get(r)) for r in rubrics],
                              ", ".join(flags))
        if self.count:
            table.add_section()
            table.add_row("mean", ", ".join(f"{k} {v}" for k, v in self.langs.most_common(3)),
                          _cell(_mean(self.doc_scores)),
                          *[_cell(_mean(self.per_rubric.get(r, []))) for r in rubrics],
                          ", ".join(f"{k}×{v}" for k, v in self.flags.most_common(4)))
        console.print(table)


def _mean(values: list[float]) -> float | None:
    return statistics.fmean(values) if values else None


def _cell(value: Any) -> str:
    return "–" if value is None else f"{value:.2f}"
