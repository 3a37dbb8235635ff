"""`sourcegauge score PATH...`: per-document scores with evidence, as JSONL or CSV.

`-o FILE` is written as FILE.partial and renamed when complete. A killed or failed run leaves
FILE.partial; `--resume` continues it after its last complete record (checking that the
records so far are the inputs' first ones, in order, under the same profile), so a long run
never starts over.
"""

from __future__ import annotations

import argparse
import csv
import io
import json
import os
import statistics
import sys
import time
from collections import Counter
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, replace
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING, Any

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
from scoring.cli.output import OutputError, check_outputs, open_output, partial_path, report_problems

if TYPE_CHECKING:  # the command line imports this module for --help: scoring imports wait for run()
    from scoring.core.document import Document, LoadError
    from scoring.engine.render import SummaryRow
    from scoring.inputs.load import Skip

FLUSH_SECONDS = 1.0
HELP = "score documents: one JSON record per document with every rubric's score, features, flags and evidence"


def add_arguments(parser: argparse.ArgumentParser) -> None:
    add_input_arguments(parser)
    add_scoring_arguments(parser)
    out = parser.add_argument_group("output")
    out.add_argument("-o", "--output", default="-",
                     help="output file (default: standard output); written as FILE.partial and renamed when complete")
    out.add_argument("--format", choices=("jsonl", "csv"), default="jsonl",
                     help="jsonl: full records with evidence (schema sourcegauge.document/1); "
                          "csv: one row per document with the scores and flags")
    out.add_argument("--no-evidence", action="store_true", help="leave evidence spans out of JSONL records")
    out.add_argument("--resume", action="store_true",
                     help="continue -o FILE after its last complete record (FILE.partial from a killed or failed "
                          "run, else FILE); the inputs, profile and format must be the same")


def run(args: argparse.Namespace) -> int:
    from scoring.core.document import LoadError
    from scoring.engine.pipeline import score_corpus
    from scoring.engine.render import csv_header, error_line, render_csv, render_jsonl
    from scoring.inputs.load import iter_documents

    profile = resolve_profile(args)
    if args.resume and args.output == "-":
        raise UsageError("--resume needs -o FILE: standard output cannot be continued")
    options = replace(load_options(args), exclude=check_outputs([args.output], args.paths))
    failures: list[LoadError] = []
    skipped: list[Skip] = []
    summary = _Summary(keep_rows=20)
    header = csv_header(profile.rubrics) if args.format == "csv" else None
    resumed = _Resumed.open(args.output, args.format, header, profile.hash) if args.resume else None
    # Each result is rendered to its output line where it was scored (in the worker with
    # --jobs): serialising a record with its evidence costs about as much as a rubric, and
    # done here it would make this process the bottleneck.
    if args.format == "jsonl":
        render = partial(render_jsonl, evidence=not args.no_evidence)
    else:
        render = partial(render_csv, rubrics=profile.rubrics)
    items: Iterable[Document | LoadError] = iter_documents(args.paths, options, skipped)
    if resumed is not None:
        items = resumed.after_done(items)
    written = 0
    flushed = time.monotonic()
    show = show_progress(args)
    total = count_documents(args.paths) if show else None
    if total is not None and resumed is not None:
        total = max(total - len(resumed.done), 0)
    try:
        with open_output(args.output, resume=resumed is not None, keep_partial=True) as fh:
            if header is not None and resumed is None:
                fh.write(header)
            with progress(show, "scoring", total) as bar:
                for item in bar.track(score_corpus(items, profile, jobs=args.jobs, map_result=render)):
                    if isinstance(item, LoadError):
                        failures.append(item)
                        fh.write(error_line(item, args.format, len(profile.rubrics)))
                    else:
                        summary.add(item.summary)
                        fh.write(item.line)
                    written += 1
                    if (now := time.monotonic()) - flushed >= FLUSH_SECONDS:
                        fh.flush()  # what a kill can lose (and --resume must redo) stays at a second of work
                        flushed = now
    except (KeyboardInterrupt, OutputError):
        if args.output != "-" and partial_path(args.output).exists():
            done = written + (len(resumed.done) if resumed else 0)
            print(f"sourcegauge score: {partial_path(args.output)} holds the first {done:,} records (the last may be "
                  "torn); run the same command with --resume to continue it", file=sys.stderr)
        raise
    if not args.quiet:
        summary.print(profile.rubrics, failures)
    if resumed is not None:
        note(args, f"sourcegauge score: resumed {args.output} after {len(resumed.done):,} records "
                   f"({resumed.errors:,} of them unreadable); {written:,} more written")
    report_problems(args, failures, skipped)
    return 1 if failures or (resumed is not None and resumed.errors) else 0


@dataclass
class _Resumed:
    """The complete records of an earlier run of the same command, and how to skip their inputs."""

    path: Path
    done: list[tuple[str, str]]  # (id, path) of each record, as written
    errors: int
    fmt: str

    @classmethod
    def open(cls, output: str, fmt: str, header: str | None, profile_hash: str) -> _Resumed | None:
        """Read FILE.partial (or FILE), cut a torn last record off, and return what it holds;
        None when there is nothing to continue."""
        partial_file, target = partial_path(output), Path(output)
        if not partial_file.exists():
            if not target.is_file():
                print(f"sourcegauge score: nothing to resume at {output}; scoring from the start", file=sys.stderr)
                return None
            os.replace(target, partial_file)  # a complete earlier output: continue it, e.g. with new inputs
        done: list[tuple[str, str]] = []
        errors = 0
        valid = 0
        with open(partial_file, "rb") as fh:
            for number, raw in enumerate(fh, start=1):
                if not raw.endswith(b"\n"):
                    break  # torn by the kill
                line = raw.decode("utf-8", "replace")
                if header is not None and number == 1:
                    if line != header:
                        raise UsageError(f"cannot resume {partial_file}: its columns are not the ones this run "
                                         "writes (another --rubrics, profile or --format?)")
                    valid += len(raw)
                    continue
                key = _record_key(line, fmt, profile_hash, partial_file)
                if key is None:
                    break
                done.append(key[:2])
                errors += key[2]
                valid += len(raw)
        if header is not None and valid == 0:
            partial_file.unlink()
            return None  # not even the header made it: start over
        with open(partial_file, "r+b") as fh:
            fh.truncate(valid)
        return cls(partial_file, done, errors, fmt)

    def after_done(self, items: Iterable[Document | LoadError]) -> Iterator[Document | LoadError]:
        """`items` without the first len(done) ones, which must be the records already written."""
        count = 0
        for item in items:
            if count < len(self.done):
                expected = self.done[count]
                got = _item_key(item, self.fmt)
                if got != expected:
                    raise UsageError(f"cannot resume {self.path}: its record {count + 1} is {expected[0]!r}, but the "
                                     f"inputs give {got[0]!r} there; the inputs changed, score again without --resume")
                count += 1
                continue
            yield item
        if count < len(self.done):
            raise UsageError(f"cannot resume {self.path}: it holds {len(self.done):,} records but the inputs give "
                             f"only {count:,}; score again without --resume")


def _record_key(line: str, fmt: str, profile_hash: str, where: Path) -> tuple[str, str, int] | None:
    """(id, path, 1 if an error record else 0) of one written line; None if it is not a record."""
    if fmt == "csv":
        try:
            row = next(csv.reader(io.StringIO(line)))
        except (csv.Error, StopIteration):
            return None
        return (row[0], row[1], int(bool(row[-1]))) if len(row) >= 3 else None
    try:
        record = json.loads(line)
    except ValueError:
        return None
    if not isinstance(record, dict) or "id" not in record:
        return None
    written_hash = (record.get("profile") or {}).get("hash")
    if written_hash is not None and written_hash != profile_hash:
        raise UsageError(f"cannot resume {where}: it was written with profile hash {written_hash}, this run's "
                         f"profile has {profile_hash}")
    return str(record["id"]), str(record.get("path") or ""), int("error" in record)


def _item_key(item: Document | LoadError, fmt: str) -> tuple[str, str]:
    """(id, path) as the record of `item` shows them."""
    from scoring.core.document import LoadError
    from scoring.engine.render import csv_line

    key = ((item.id or item.path, item.path) if isinstance(item, LoadError) else (item.id, item.path or ""))
    if fmt == "csv":  # as written: neutralised, on one line
        row = next(csv.reader(io.StringIO(csv_line(list(key)))))
        return row[0], row[1]
    return str(key[0]), str(key[1] or "")


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
