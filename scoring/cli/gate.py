"""`sourcegauge gate`: a JSONL filter that keeps good records and rejects the rest, with reasons.

Conservation: every input line comes out exactly once, either on standard output (kept,
byte-for-byte as read, plus a `sourcegauge` field with --annotate) or in the --rejects file
(with file, line number, id, reasons and the original line). Lines are read as bytes and
decoded one at a time, so a non-UTF-8 line, malformed JSON or a record without text is a
rejection with a reason, never a crash and never a silent drop. A UTF-8 byte order mark at
the start of a file is not part of its first record (it is dropped from the kept line).

Kill-safety: kept and rejected lines are written in input order, whole lines at a time, and
each output is flushed before the other one is written to; after a kill at any moment, every
input line before the last one written is in exactly one of them. The rejects file is written
as REJECTS.partial and renamed when the run is complete. An output that is also an input is a
usage error.
"""

from __future__ import annotations

import argparse
import base64
import codecs
import gzip
import json
import sys
from collections import deque
from collections.abc import Iterator
from contextlib import ExitStack
from dataclasses import dataclass
from pathlib import Path
from typing import IO, TYPE_CHECKING, Any

from scoring.cli.common import UsageError, add_scoring_arguments, progress, resolve_profile, show_progress
from scoring.cli.output import LineSink, check_outputs, open_output
from scoring.core.document import Document
from scoring.inputs.records import RecordFields, RecordProblem, parse_json_record, record_document

if TYPE_CHECKING:  # scoring.gate.gate loads the engine: imported when the command runs, not for --help
    from scoring.gate.gate import Gate, Verdict

HELP = "filter JSONL records through a profile's gate: kept records to stdout, rejected ones with reasons to --rejects"

DEFAULT_MAX_LINE_BYTES = 64 * 1024 * 1024
ORIGINAL_PREFIX_BYTES = 4096  # how much of an over-long line the rejects file keeps
ANNOTATION_FIELD = "sourcegauge"


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("paths", nargs="*", metavar="FILE",
                        help="JSONL files (.gz allowed); none or '-' reads standard input")
    add_scoring_arguments(parser)
    fields = parser.add_argument_group("records")
    fields.add_argument("--text-field", default="text", help="field holding the text (default: text)")
    fields.add_argument("--id-field", default="id", help="field holding the id (default: id; "
                                                          "records without one are named FILE:LINE)")
    fields.add_argument("--source-field", default="source", help="field naming the source (default: source)")
    fields.add_argument("--title-field", default="title", help="field holding the title (default: title)")
    fields.add_argument("--url-field", default="url", help="field holding the URL (default: url)")
    limits = parser.add_argument_group("limits")
    limits.add_argument("--max-chars", type=int, default=None,
                        help="reject texts longer than this many characters as text_too_large, unscored "
                             "(default: the profile's [gate] max_chars, 1,000,000 if unset)")
    limits.add_argument("--max-line-bytes", type=int, default=DEFAULT_MAX_LINE_BYTES,
                        help=f"reject lines longer than this unparsed, as line_too_large "
                             f"(default {DEFAULT_MAX_LINE_BYTES:,})")
    out = parser.add_argument_group("output")
    out.add_argument("--rejects", metavar="FILE", default=None,
                     help="write rejected records here as JSONL (file, line, id, reasons, detail, original); "
                          "without it rejected records are only counted")
    out.add_argument("--annotate", action="store_true",
                     help=f"add a {ANNOTATION_FIELD!r} field (score, rubric scores, flags) to kept records")
    out.add_argument("--fail-on-reject", action="store_true", help="exit 1 when any record was rejected")
    repair = parser.add_argument_group("repair (also the profile's [gate] repair, repair_field, strip_max_share)")
    repair.add_argument("--repair", action="store_true", default=None,
                        help="add the text without its boilerplate and link-farm lines to kept records")
    repair.add_argument("--repair-field", default=None, metavar="NAME",
                        help="field for the repaired text (default clean_text; the text field replaces the original)")
    repair.add_argument("--strip-max-share", type=float, default=None, metavar="SHARE",
                        help="keep, repaired, a document rejected while its boilerplate and link-farm lines are at "
                             "most this share of its characters, when its clean text passes (needs --repair)")


@dataclass(frozen=True, slots=True)
class _Line:
    """Where a record came from and its bytes as read (kept for output)."""

    file: str
    number: int
    raw: bytes
    truncated_from: int = 0  # original length when `raw` holds only a prefix


def run(args: argparse.Namespace) -> int:
    from scoring.gate.gate import Gate, GateConfigError

    profile = resolve_profile(args)
    if args.max_line_bytes < 1:
        raise UsageError("--max-line-bytes must be positive")
    try:
        gate = Gate(profile, max_chars=args.max_chars, repair=args.repair, repair_field=args.repair_field,
                    strip_max_share=args.strip_max_share)
    except GateConfigError as exc:
        raise UsageError(str(exc)) from None
    paths = args.paths or ["-"]
    for path in paths:
        if path != "-" and not Path(path).is_file():
            raise UsageError(f"{path}: no such file")
    check_outputs(["-", *([args.rejects] if args.rejects else [])], paths)
    contexts: deque[_Line] = deque()
    items = _items(paths, args, gate, contexts)
    with ExitStack() as stack:
        kept = LineSink(stack.enter_context(open_output("-", binary=True)))
        rejects: LineSink | None = None
        if args.rejects:
            rejects = LineSink(stack.enter_context(open_output(args.rejects, binary=True, keep_partial=True)))
            kept.pair(rejects)
        bar = stack.enter_context(progress(show_progress(args), "gating"))
        for verdict in bar.track(gate.stream(items, jobs=args.jobs)):
            line = contexts.popleft()  # verdicts come back in input order
            if verdict.keep:
                added: dict[str, Any] = {}
                if verdict.repair is not None:
                    added[verdict.repair.field] = verdict.repair.text
                if args.annotate:
                    added[ANNOTATION_FIELD] = verdict.to_dict(args.text_field)
                kept.add(_with_fields(line.raw, added) if added else _terminated(line.raw))
            elif rejects is not None:
                rejects.add(_reject_record(line, verdict))
        kept.flush()
        if rejects is not None:
            rejects.flush()
    if not args.quiet:
        _print_summary(gate, profile)
    return 1 if args.fail_on_reject and gate.stats["dropped"] else 0


def _items(paths: list[str], args: argparse.Namespace, gate: Gate, contexts: deque[_Line]) -> Iterator[Document | Verdict]:
    """One Document or ready-made rejection per input line; its context goes on `contexts`."""
    from scoring.gate.gate import INTERNAL_ERROR, Verdict

    fields = RecordFields(args.text_field, args.id_field, args.source_field, args.url_field, args.title_field)
    for path in paths:
        name = "<stdin>" if path == "-" else path
        with _open_binary(path) as fh:
            for line in _read_lines(fh, name, args.max_line_bytes):
                contexts.append(line)
                try:
                    yield _parse(line, args, fields)
                except Exception as exc:  # noqa: BLE001 - one line's failure stays with that line
                    yield Verdict.reject(INTERNAL_ERROR, None, f"internal error: {type(exc).__name__}: {exc}")


def _open_binary(path: str) -> Any:
    if path == "-":
        from contextlib import nullcontext

        return nullcontext(sys.stdin.buffer)
    return gzip.open(path, "rb") if path.endswith(".gz") else open(path, "rb")


def _read_lines(fh: IO[bytes], name: str, max_bytes: int) -> Iterator[_Line]:
    """Lines as bytes; an over-long line is kept as a prefix plus its length, never whole in memory."""
    number = 0
    while True:
        chunk = fh.readline(max_bytes + 1)
        if not chunk:
            return
        number += 1
        if number == 1 and chunk.startswith(codecs.BOM_UTF8):
            chunk = chunk[len(codecs.BOM_UTF8):]  # the file's byte order mark, not the record's
        if len(chunk) <= max_bytes or chunk.endswith(b"\n"):
            yield _Line(name, number, chunk)
            continue
        total = len(chunk)
        prefix = chunk[:ORIGINAL_PREFIX_BYTES]
        while not chunk.endswith(b"\n"):
            chunk = fh.readline(1 << 20)
            if not chunk:
                break
            total += len(chunk)
        yield _Line(name, number, prefix, truncated_from=total)


def _parse(line: _Line, args: argparse.Namespace, fields: RecordFields) -> Document | Verdict:
    from scoring.gate.gate import BLANK_LINE, LINE_TOO_LARGE, UNDECODABLE, Verdict

    fallback_id = f"{line.file}:{line.number}"
    if line.truncated_from:
        return Verdict.reject(LINE_TOO_LARGE, None, f"line is {line.truncated_from:,} bytes, above "
                                                    f"--max-line-bytes {args.max_line_bytes:,}")
    try:
        text = line.raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        return Verdict.reject(UNDECODABLE, None, f"not UTF-8: {exc.reason} at byte {exc.start}")
    if not text.strip():
        return Verdict.reject(BLANK_LINE, None, "the line is empty")
    record = parse_json_record(text)
    if not isinstance(record, RecordProblem):
        record = record_document(record, fields, fallback_id=fallback_id, path=line.file, keep_extra=False)
    if isinstance(record, RecordProblem):
        return Verdict.reject(record.reason, record.id, record.message)
    return record


def _terminated(raw: bytes) -> bytes:
    return raw if raw.endswith(b"\n") else raw + b"\n"


def _with_fields(raw: bytes, fields: dict[str, Any]) -> bytes:
    """The record as read with `fields` appended (the verdict, the repaired text).

    Spliced in before the closing brace, so every original byte (key order, spacing,
    number formatting, escapes) stays as it was; a field the record already has is replaced
    by rewriting the record instead.
    """
    body = raw.rstrip(b" \t\r\n")
    ending = raw[len(body):] or b"\n"
    record = json.loads(body)
    if any(name in record for name in fields):  # splicing would duplicate the key: rewrite it instead
        record.update(fields)
        return json.dumps(record, ensure_ascii=False).encode("utf-8") + ending
    added = b"".join(b", " + json.dumps(name).encode() + b": " + json.dumps(value, ensure_ascii=False).encode("utf-8")
                     for name, value in fields.items())
    return body[:-1].rstrip() + added + b"}" + ending


def _reject_record(line: _Line, verdict: Verdict) -> bytes:
    out: dict[str, Any] = {"file": line.file, "line": line.number, "id": verdict.id,
                           "reasons": list(verdict.reasons), "detail": verdict.detail}
    if verdict.scores or verdict.score is not None:
        out["score"] = verdict.score
        out["scores"] = {k: round(v, 6) for k, v in verdict.scores.items()}
        out["flags"] = list(verdict.flags)
    raw = line.raw.removesuffix(b"\n").removesuffix(b"\r")
    if line.truncated_from:
        out["original_bytes"] = line.truncated_from
        out["original_prefix_base64"] = base64.b64encode(raw).decode("ascii")
    else:
        try:
            out["original"] = raw.decode("utf-8")
        except UnicodeDecodeError:
            out["original_base64"] = base64.b64encode(raw).decode("ascii")
    return json.dumps(out, ensure_ascii=False).encode("utf-8") + b"\n"


def _print_summary(gate: Gate, profile: Any) -> None:
    stats = gate.stats
    err = sys.stderr
    print(f"sourcegauge gate: {stats['total']} lines, {stats['kept']} kept, {stats['dropped']} rejected "
          f"(profile {profile.name}, {profile.hash})", file=err)
    if stats["repaired"]:
        print(f"  {stats['repaired']:>8}  kept by stripping boilerplate and link-farm lines", file=err)
    for reason, count in sorted(gate.reasons.items(), key=lambda kv: (-kv[1], kv[0])):
        print(f"  {count:>8}  {reason}", file=err)
