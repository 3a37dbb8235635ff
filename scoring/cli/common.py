"""Arguments and helpers shared by several commands (input options, profile, progress)."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from typing import Any, TypeVar

from scoring.inputs.load import DEFAULT_MAX_BYTES, LoadOptions

T = TypeVar("T")


class UsageError(Exception):
    """Bad arguments discovered after parsing (unknown rubric, bad profile): exit 2."""


def add_input_arguments(parser: argparse.ArgumentParser, paths: bool = True) -> None:
    if paths:
        parser.add_argument("paths", nargs="+", metavar="PATH", help="files or folders to read (recursively)")
    group = parser.add_argument_group("input")
    group.add_argument("--max-bytes", type=int, default=DEFAULT_MAX_BYTES,
                       help="report instead of reading a .txt/.md/.html file larger than this (also after "
                            "decompression) or a JSONL line or CSV record larger than this; JSONL and CSV files "
                            f"are streamed and may be of any size (default {DEFAULT_MAX_BYTES:,})")
    group.add_argument("--follow-outside-symlinks", action="store_true",
                       help="in folders, also read symlinks that point outside the folder (default: skip them)")
    group.add_argument("--text-field", default="text", help="JSONL/CSV field holding the text (default: text)")
    group.add_argument("--id-field", default="id", help="JSONL/CSV field holding the id (default: id)")
    group.add_argument("--source-field", default="source", help="JSONL/CSV field naming the source")


def add_scoring_arguments(parser: argparse.ArgumentParser) -> None:
    group = parser.add_argument_group("scoring")
    group.add_argument("--profile", default="default",
                       help="built-in profile name (default, strict, editorial-audit) or a .toml file")
    group.add_argument("--rubrics", type=_comma_list, default=None,
                       help="comma-separated rubric names to run (default: the profile's); "
                            "see `sourcegauge rubrics`")
    group.add_argument("--jobs", "-j", type=jobs_count, default=1,
                       help="worker processes, at most one per CPU (default 1)")
    group.add_argument("--no-progress", action="store_true", help="never show a progress bar")


def load_options(args: argparse.Namespace) -> LoadOptions:
    if args.max_bytes <= 0:
        raise UsageError("--max-bytes must be positive")
    return LoadOptions(max_bytes=args.max_bytes, text_field=args.text_field, id_field=args.id_field,
                       source_field=args.source_field,
                       follow_outside_symlinks=getattr(args, "follow_outside_symlinks", False))


def resolve_profile(args: argparse.Namespace) -> Any:
    """Load and check the profile and rubric selection, turning problems into usage errors."""
    from scoring.engine.profile import ProfileError, load_profile
    from scoring.engine.registry import UnknownRubricError, available_rubrics

    try:
        profile = load_profile(args.profile)
    except ProfileError as exc:
        raise UsageError(str(exc)) from None
    if getattr(args, "rubrics", None):
        known = available_rubrics()
        for name in args.rubrics:
            if name not in known:
                raise UsageError(str(UnknownRubricError(name, known)))
        profile = profile.restricted_to(args.rubrics)
    return profile


@contextmanager
def progress(enabled: bool, description: str) -> Iterator[Any]:
    """A rich progress bar on stderr when it is a terminal; a no-op otherwise (pipes, CI)."""
    if not enabled or not sys.stderr.isatty():
        yield _NoProgress()
        return
    from rich.console import Console
    from rich.progress import (
        BarColumn,
        MofNCompleteColumn,
        Progress,
        SpinnerColumn,
        TextColumn,
        TimeElapsedColumn,
    )

    with Progress(SpinnerColumn(), TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn(),
                  TimeElapsedColumn(), console=Console(stderr=True), transient=True) as bar:
        task = bar.add_task(description, total=None)
        yield _RichProgress(bar, task)


class _NoProgress:
    def advance(self) -> None:
        pass

    def track(self, items: Iterable[T]) -> Iterator[T]:
        yield from items


class _RichProgress:
    def __init__(self, bar: Any, task: Any) -> None:
        self.bar, self.task = bar, task

    def advance(self) -> None:
        self.bar.advance(self.task)

    def track(self, items: Iterable[T]) -> Iterator[T]:
        for item in items:
            yield item
            self.advance()


def _comma_list(value: str) -> list[str]:
    names = [v.strip() for v in value.split(",") if v.strip()]
    if not names:
        raise argparse.ArgumentTypeError("expected one or more comma-separated names")
    return names


def jobs_count(value: str) -> int:
    """--jobs: a positive number, lowered (with a note) to the CPUs available."""
    from scoring.engine.parallel import available_cpus

    jobs = _positive_int(value)
    cpus = available_cpus()
    if jobs > cpus:
        print(f"sourcegauge: --jobs {jobs} is more than the {cpus} CPU(s) available; using {cpus}", file=sys.stderr)
        return cpus
    return jobs


def _positive_int(value: str) -> int:
    try:
        number = int(value)
    except ValueError:
        raise argparse.ArgumentTypeError(f"expected a whole number, got {value!r}") from None
    if number < 1:
        raise argparse.ArgumentTypeError("must be at least 1")
    return number
