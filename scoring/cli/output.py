"""Writing outputs safely, and saying what was not read: helpers every command shares.

- `open_output(path)`: "-" is standard output; a file is written under `<path>.partial` and
  renamed to `path` only once the command has written everything, so a failed or killed run
  never leaves a truncated file under the real name. Devices and pipes (`/dev/null`, a FIFO)
  are written directly. Every failure to write (full disk, missing folder, a directory,
  permission) becomes an `OutputError`: one line on stderr and exit code WRITE_FAILED.
- `check_outputs(outputs, inputs)`: an output that is one of the inputs is a usage error (the
  run would destroy its own input); outputs inside an input folder are left out of the walk.
- `LineSink`: whole lines, written in input order across two files (the gate's kept and
  rejected records), so that after a kill every line before the last one written is in exactly
  one of them.
- `report_inputs(failures, skipped)` / `report_problems(args, failures, skipped)`: what could not
  be read and what was passed over, said the same way by every command (the latter as loud as
  --quiet / --verbose ask).
"""

from __future__ import annotations

import contextlib
import io
import os
import stat
import sys
import time
from collections import Counter
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import IO, Any

from scoring.core.document import LoadError

WRITE_FAILED = 3  # exit code: an output could not be written (1 is unreadable inputs, 2 usage errors)
PARTIAL_SUFFIX = ".partial"
MAX_LISTED_FAILURES = 20


class OutputError(Exception):
    """An output could not be written; the message names it and says why."""


def partial_path(path: str | os.PathLike[str]) -> Path:
    """Where `open_output` writes `path` until the command is done."""
    target = Path(path)
    return target.with_name(target.name + PARTIAL_SUFFIX)


def _describe(exc: OSError) -> str:
    return exc.strerror or str(exc)


class _Guarded:
    """A file object whose write failures are OutputErrors (a vanished reader stays BrokenPipeError)."""

    def __init__(self, fh: IO[Any], name: str) -> None:
        self._fh = fh
        self.name = name

    def write(self, data: Any) -> int:
        try:
            return self._fh.write(data)
        except BrokenPipeError:
            raise
        except OSError as exc:
            raise OutputError(f"cannot write {self.name}: {_describe(exc)}") from None
        except UnicodeEncodeError:
            # A character the output cannot hold (a lone surrogate): written as an escape
            # rather than lost with the rest of the run. JSON reads \udcff back as the same string.
            encoding = getattr(self._fh, "encoding", None) or "utf-8"
            return self.write(data.encode(encoding, "backslashreplace").decode(encoding))

    def flush(self) -> None:
        try:
            self._fh.flush()
        except BrokenPipeError:
            raise
        except OSError as exc:
            raise OutputError(f"cannot write {self.name}: {_describe(exc)}") from None

    def isatty(self) -> bool:
        return self._fh.isatty()

    def fileno(self) -> int:
        return self._fh.fileno()


def _is_special(path: Path) -> bool:
    try:
        mode = path.stat().st_mode
    except OSError:
        return False
    return not stat.S_ISREG(mode) and not stat.S_ISDIR(mode)


def check_writable(path: str | os.PathLike[str]) -> None:
    """Raise OutputError now, before any work, when `path` can plainly not be written."""
    target = Path(path)
    if target.is_dir():
        raise OutputError(f"cannot write {target}: it is a directory")
    if _is_special(target):
        return
    folder = target.parent
    if not folder.is_dir():
        raise OutputError(f"cannot write {target}: folder {folder} does not exist")
    if not os.access(folder, os.W_OK | os.X_OK):
        raise OutputError(f"cannot write {target}: no permission to create files in {folder}")


@contextmanager
def open_output(path: str, *, binary: bool = False, resume: bool = False,
                keep_partial: bool = False) -> Iterator[Any]:
    """A writable file object for `path` ("-" for standard output); see the module docstring.

    `resume` appends to an existing `<path>.partial`; `keep_partial` leaves the partial file in
    place when the command fails or is interrupted (so `score --resume` can continue it).
    """
    if path == "-":
        encoding = (getattr(sys.stdout, "encoding", None) or "utf-8").lower().replace("-", "")
        if not binary and encoding != "utf8" and hasattr(sys.stdout, "reconfigure"):
            sys.stdout.reconfigure(encoding="utf-8")  # JSONL and CSV are UTF-8, whatever the locale
        stream = sys.stdout.buffer if binary else sys.stdout
        guarded = _Guarded(stream, "standard output")
        yield guarded
        guarded.flush()
        return
    target = Path(path)
    check_writable(target)
    if _is_special(target):  # /dev/null, a FIFO: nothing to rename
        fh = _open(target, "ab" if binary else "a", binary, target)
        try:
            guarded = _Guarded(fh, str(target))
            yield guarded
            guarded.flush()
        finally:
            try:
                fh.close()
            except OSError as exc:  # what was still buffered failed to go out
                raise OutputError(f"cannot write {target}: {_describe(exc)}") from None
        return
    partial = partial_path(target)
    fh = _open(partial, ("ab" if resume else "wb") if binary else ("a" if resume else "w"), binary, target)
    done = False
    try:
        guarded = _Guarded(fh, str(target))
        yield guarded
        guarded.flush()
        try:
            os.fsync(fh.fileno())
            fh.close()
            os.replace(partial, target)
        except OSError as exc:
            raise OutputError(f"cannot write {target}: {_describe(exc)}") from None
        done = True
    finally:
        if not done:
            with contextlib.suppress(OSError):
                fh.close()
            if not keep_partial:
                partial.unlink(missing_ok=True)


def _open(path: Path, mode: str, binary: bool, shown_as: Path) -> IO[Any]:
    try:
        if binary:
            return open(path, mode)  # noqa: SIM115 - closed by open_output
        return open(path, mode, encoding="utf-8", newline="")  # noqa: SIM115
    except OSError as exc:
        raise OutputError(f"cannot write {shown_as}: {_describe(exc)}") from None


def _identity(path: str | os.PathLike[str]) -> tuple[int, int] | None:
    try:
        st = os.stat(path)
    except OSError:
        return None
    return (st.st_dev, st.st_ino) if stat.S_ISREG(st.st_mode) else None


def _stdin_identity() -> tuple[int, int] | None:
    try:
        st = os.fstat(sys.stdin.fileno())
    except (OSError, ValueError, io.UnsupportedOperation, AttributeError):
        return None
    return (st.st_dev, st.st_ino) if stat.S_ISREG(st.st_mode) else None


def stdout_path() -> str | None:
    """The regular file standard output is redirected to, if any (Linux: /proc/self/fd/1)."""
    try:
        if not stat.S_ISREG(os.fstat(sys.stdout.fileno()).st_mode):
            return None
        return os.readlink("/proc/self/fd/1")
    except (OSError, ValueError, io.UnsupportedOperation, AttributeError):
        return None


def check_outputs(outputs: Sequence[str], inputs: Sequence[str]) -> frozenset[str]:
    """Refuse (UsageError) an output that is one of the inputs; return the real paths of the
    outputs (and their .partial files) so a folder walk can leave them out.

    `outputs` are paths or "-" (checked through what standard output is redirected to).
    """
    from scoring.cli.common import UsageError

    exclude: set[str] = set()
    input_ids = {ident: name for name in inputs if name != "-" and (ident := _identity(name)) is not None}
    if "-" in inputs and (ident := _stdin_identity()) is not None:
        input_ids[ident] = "standard input"
    for output in outputs:
        shown = output
        if output == "-":
            redirected = stdout_path()
            if redirected is None:
                continue
            output, shown = redirected, f"standard output ({redirected})"
        ident = _identity(output)
        if ident is not None and ident in input_ids:
            raise UsageError(f"{shown} is also an input ({input_ids[ident]}); writing it would destroy the input")
        if any(name != "-" and os.path.realpath(name) == os.path.realpath(output) for name in inputs):
            raise UsageError(f"{shown} is also an input; writing it would destroy the input")
        exclude.add(os.path.realpath(output))
        exclude.add(os.path.realpath(partial_path(output)))
    return frozenset(exclude)


# --- Lines in input order across two outputs ----------------------------------------------------

class LineSink:
    """Whole lines to one output, buffered, flushed in step with a partner sink.

    Before a line is added to one sink, its partner's buffer is written out: the bytes on disk
    are then always the outputs of a prefix of the input, whichever process dies when. A
    buffer is written with whole lines only (no torn record from a full buffer), when it
    passes `max_buffer` bytes and at least every `max_delay` seconds.
    """

    def __init__(self, fh: Any, max_buffer: int = 1 << 16, max_delay: float = 1.0) -> None:
        self.fh = fh
        self.partner: LineSink | None = None
        self._pending: list[bytes] = []
        self._size = 0
        self._max_buffer = max_buffer
        self._max_delay = max_delay
        self._last = time.monotonic()

    def pair(self, other: LineSink) -> None:
        self.partner, other.partner = other, self

    def add(self, line: bytes) -> None:
        if self.partner is not None and self.partner._pending:
            self.partner.flush()
        self._pending.append(line)
        self._size += len(line)
        if self._size >= self._max_buffer or time.monotonic() - self._last >= self._max_delay:
            self.flush()

    def flush(self) -> None:
        if self._pending:
            self.fh.write(b"".join(self._pending))
            self._pending.clear()
            self._size = 0
        self.fh.flush()
        self._last = time.monotonic()


# --- What was not read --------------------------------------------------------------------------

def report_problems(args: Any, failures: Sequence[LoadError], skipped: Sequence[Any] = ()) -> None:
    """`report_inputs` as loud as the command's --quiet / --verbose ask: what every corpus
    command says at the end."""
    report_inputs(failures, skipped, quiet=getattr(args, "quiet", False), verbose=getattr(args, "verbose", False))


def report_inputs(failures: Sequence[LoadError], skipped: Sequence[Any], command: str = "",
                  quiet: bool = False, verbose: bool = False) -> None:
    """Say on stderr what could not be read (one line each, up to MAX_LISTED_FAILURES, then
    counts per reason; all of them with `verbose`) and what folder walks passed over: one note
    with counts per reason, or with `verbose` one line per file; nothing with `quiet`."""
    err = sys.stderr
    prefix = f"sourcegauge {command}:" if command else "sourcegauge:"
    if skipped and not quiet:
        if verbose:
            for skip in skipped:
                print(f"{prefix} skipped {getattr(skip, 'path', skip)}: "
                      f"{getattr(skip, 'reason', 'not_an_article_format')}", file=err)
        else:
            print(skip_note(skipped, prefix), file=err)
    listed = len(failures) if verbose else MAX_LISTED_FAILURES
    for failure in failures[:listed]:
        print(f"{prefix} could not read {failure.path}: {failure.reason} [{failure.slug}]", file=err)
    if len(failures) > listed:
        counts = Counter(f.slug for f in failures)
        print(f"{prefix} … {len(failures) - listed:,} more could not be read (--verbose lists them); all "
              f"{len(failures):,} by reason: " + ", ".join(f"{slug} ×{n}" for slug, n in counts.most_common()),
              file=err)


def skip_note(skipped: Sequence[Any], prefix: str = "sourcegauge:") -> str:
    """One line: how many files were passed over, per reason, with an example."""
    reasons = Counter(getattr(s, "reason", "not_an_article_format") for s in skipped)
    parts = []
    for reason, count in reasons.most_common():
        part = f"{count} {reason}"
        if reason == "not_an_article_format":
            suffixes = Counter(Path(getattr(s, "path", s)).suffix.lower() or "(none)" for s in skipped
                               if getattr(s, "reason", "not_an_article_format") == reason)
            part += " (" + ", ".join(f"{k} ×{v}" for k, v in suffixes.most_common(5)) + ")"
        parts.append(part)
    first = getattr(skipped[0], "path", skipped[0])
    return (f"{prefix} skipped {len(skipped)} file(s) that are not articles: {', '.join(parts)}; e.g. {first}; "
            "name a file explicitly to read it anyway (--verbose lists them all)")
