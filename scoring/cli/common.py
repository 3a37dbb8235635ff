"""Arguments and helpers shared by several commands (input options, profile, verbosity, progress).

Nothing heavy is imported at module level: `sourcegauge --help` imports this module.
"""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar

if TYPE_CHECKING:
    from scoring.inputs.load import LoadOptions

T = TypeVar("T")

# Counting the documents ahead (for the progress bar's total) stops after this many files.
MAX_FILES_TO_COUNT = 200_000
_RECORD_SUFFIXES = (".jsonl", ".ndjson")


class UsageError(Exception):
    """Bad arguments discovered after parsing (unknown rubric, bad profile): exit 2."""


def add_verbosity_arguments(parser: argparse.ArgumentParser) -> None:
    """--quiet / --verbose, added to every command by `scoring.cli.main`.

    --quiet: only problems on standard error (unreadable inputs, errors), no progress bar, no
    summary. --verbose: also what was passed over, file by file, and timings.
    """
    group = parser.add_argument_group("messages").add_mutually_exclusive_group()
    group.add_argument("--quiet", "-q", action="store_true",
                       help="print only problems on standard error: no progress bar, summary or notes")
    group.add_argument("--verbose", "-v", action="store_true",
                       help="also list every file passed over and print timings")


def add_input_arguments(parser: argparse.ArgumentParser, paths: bool = True) -> None:
    from scoring.inputs.load import DEFAULT_MAX_BYTES

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
    from scoring.inputs.load import LoadOptions

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


def note(args: argparse.Namespace, message: str) -> None:
    """A note for the reader on standard error (left out with --quiet)."""
    if not getattr(args, "quiet", False):
        print(message, file=sys.stderr)


def show_progress(args: argparse.Namespace) -> bool:
    return not getattr(args, "no_progress", False) and not getattr(args, "quiet", False)


@contextmanager
def progress(enabled: bool, description: str, total: int | None = None) -> Iterator[Any]:
    """A rich progress bar on stderr when it is a terminal; a no-op otherwise (pipes, CI).

    With a `total` (see `count_documents`) it shows count/total, the rate and the time left.
    """
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
        TimeRemainingColumn,
    )

    columns: list[Any] = [SpinnerColumn(), TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn(),
                          TimeElapsedColumn()]
    if total:
        columns.append(TimeRemainingColumn())
    with Progress(*columns, console=Console(stderr=True), transient=True) as bar:
        task = bar.add_task(description, total=total)
        yield _RichProgress(bar, task)


def count_documents(paths: Iterable[str | os.PathLike[str]]) -> int | None:
    """How many items reading `paths` will yield, when that is cheap to know; None otherwise.

    A plain article file is one document and a JSONL file one per line (newlines counted in
    binary, no parsing). CSV (a quoted field may span lines) and gzipped JSONL make the total
    unknown, and so do more than MAX_FILES_TO_COUNT files: then the bar shows a count only.
    """
    from scoring.inputs.load import SIDECAR_NAMES, walk_skip_reason

    total = 0
    files = 0
    for raw in paths:
        root = Path(raw)
        if root.is_dir():
            candidates: Iterable[Path] = _walk_articles(root, SIDECAR_NAMES, walk_skip_reason)
        elif root.exists():
            candidates = [root]
        else:
            total += 1  # reported as one LoadError
            continue
        for path in candidates:
            files += 1
            if files > MAX_FILES_TO_COUNT:
                return None
            count = _documents_in(path)
            if count is None:
                return None
            total += count
    return total


def _walk_articles(root: Path, sidecars: Sequence[str], skip_reason: Any) -> Iterator[Path]:
    # The files the loader's walk reads, as far as names tell (enough for a progress total). Like the
    # loader, a symlink leading outside the folder is not followed (counting lines is reading) and one
    # leading back to a folder above is a loop, not walked.
    from scoring.inputs.load import is_inside

    real_root = os.path.realpath(root)
    ancestry = {os.fspath(root): (real_root,)}  # folder -> real paths of it and the folders above
    for folder, dirs, names in os.walk(root, followlinks=True):
        above = ancestry.pop(folder)
        kept = []
        for d in dirs:
            if d.startswith(".") or d == "__pycache__":
                continue
            real = os.path.realpath(os.path.join(folder, d))
            if is_inside(real, real_root) and real not in above:
                ancestry[os.path.join(folder, d)] = (*above, real)
                kept.append(d)
        dirs[:] = kept
        for name in names:
            if name.startswith(".") or name in sidecars or skip_reason(name) is not None:
                continue
            path = Path(folder, name)
            if path.is_symlink() and not is_inside(os.path.realpath(path), real_root):
                continue
            yield path


def _documents_in(path: Path) -> int | None:
    name = path.name.lower()
    if name.endswith(".csv") or name.endswith(".csv.gz") or any(name.endswith(s + ".gz") for s in _RECORD_SUFFIXES):
        return None
    if not name.endswith(_RECORD_SUFFIXES):
        return 1
    lines, last = 0, b"\n"
    try:
        with open(path, "rb") as fh:
            while chunk := fh.read(1 << 20):
                lines += chunk.count(b"\n")
                last = chunk[-1:]
    except OSError:
        return 1
    return lines + (last != b"\n")


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
