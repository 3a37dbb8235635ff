"""Loading documents from files and folders.

`iter_documents(paths)` walks folders recursively and yields a `Document` for every article
and a `LoadError` (path, message, reason slug) for every file or record that could not be
read. It never raises for bad input: any exception while reading, decoding or parsing one
file or one record becomes that input's error, so one broken file cannot take down a run.

Formats: .txt, .md/.markdown (YAML `---` or TOML `+++` front matter), .html/.htm, .jsonl
(one record per line), .csv, and any of these gzipped (.gz). JSONL and CSV files are streamed
record by record, so a file of any size is read at flat memory; `max_bytes` bounds one record
there and one whole file for the other formats.

Folder walks read article formats only and never leave the folder: other extensions, files
without an extension that do not read as article text (checksum lists, scripts, binaries),
README/LICENSE-like files, the run's own output and symlinks that point outside the folder
are passed over, each with a reason (SKIP_REASONS), into the `skipped` list a caller gives.
A file named explicitly is always read as given.

Source of a document, first rule that gives one: a sidecar `meta.csv`/`sources.csv` in the
file's folder or an ancestor (columns path, source, url, title; path relative to the sidecar),
the record's own source field (JSONL/CSV/front matter), the HTML site name or canonical URL,
the host of the document URL, and finally the name of the folder holding the file.
"""

from __future__ import annotations

import codecs
import csv
import gzip
import io
import os
import re
import sys
import tomllib
import zlib
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import IO, Any, NamedTuple

import yaml

from scoring.core.document import Document, LoadError
from scoring.inputs.decode import DecodeError, binary_kind, decode_bytes
from scoring.inputs.records import (
    EMPTY_TEXT,
    MAX_NESTING_DEPTH,
    NESTED_TOO_DEEPLY,
    RecordFields,
    RecordProblem,
    jsonable,
    nesting_depth,
    parse_json_record,
    pick_source,
    record_document,
    string_or_none,
)

SIDECAR_NAMES = ("meta.csv", "sources.csv")
TEXT_SUFFIXES = frozenset({".txt", ".text", ".md", ".markdown", ".html", ".htm", ".jsonl", ".ndjson", ".csv"})
RECORD_SUFFIXES = frozenset({".jsonl", ".ndjson", ".csv"})
DEFAULT_MAX_BYTES = 20 * 1024 * 1024
MAX_FRONT_MATTER_BYTES = 1024 * 1024
_HEAD_BYTES = 1 << 16  # how much of a record file decides its encoding
_SKIP_CHUNK = 1 << 20  # how an over-long record is read past, never whole

# Why an input could not be read: the `slug` of its LoadError (a record's own problems, such as
# malformed_json, are listed in scoring.inputs.records).
LOAD_PROBLEMS: dict[str, str] = {
    "not_found": "no such file or directory",
    "not_a_regular_file": "a device, socket or other special file",
    "unreadable": "the operating system refused to read it (permission, I/O error)",
    "empty_file": "zero bytes",
    "file_too_large": "a .txt/.md/.html file above --max-bytes (also after decompression)",
    "record_too_large": "one JSONL line or CSV record above --max-bytes",
    "bad_gzip": "a .gz file that is not valid gzip data",
    "binary_file": "an image, archive, executable or other binary content",
    "undecodable": "bytes that are text in no supported encoding",
    "no_text": "only white space, or an HTML page with no visible text",
    "front_matter_invalid": "Markdown front matter that is not closed, not a mapping or not valid YAML/TOML",
    "front_matter_too_large": f"front matter above {MAX_FRONT_MATTER_BYTES:,} bytes",
    "yaml_alias": "YAML front matter that uses aliases (*name), refused so it cannot expand",
    "nested_too_deeply": f"JSON or front matter nested more than {MAX_NESTING_DEPTH} levels",
    "csv_no_text_column": "a CSV file without the text column",
    "malformed_csv": "a CSV record the csv module cannot parse",
    "symlink_loop": "a symlink back to a folder above it",
    "broken_symlink": "a symlink to nothing",
    "cannot_list_folder": "a folder that cannot be listed",
    "internal_error": "an unexpected failure while reading this input (a bug: please report it)",
}

# Why a file met in a folder walk was passed over without being read as an article.
SKIP_REASONS: dict[str, str] = {
    "not_an_article_format": "an extension that is not an article format (.py, .png, .pdf, …)",
    "project_file": "a README, LICENSE, CHANGELOG or similar file about the folder, not an article",
    "checksum_list": "a list of checksums (SHA256SUMS, MD5SUMS, …)",
    "not_article_text": "a file without an extension that does not read as article text",
    "symlink_outside": "a symlink pointing outside the folder (--follow-outside-symlinks reads them)",
    "symlink_not_followed": "a symlink, with symlinks turned off",
    "output_file": "this run's own output file",
}


class Skip(NamedTuple):
    """A file a folder walk passed over, and why (a key of SKIP_REASONS)."""

    path: str
    reason: str


@dataclass(frozen=True, slots=True)
class LoadOptions:
    """How to read inputs. Field names for JSONL/CSV records are configurable.

    `max_bytes` bounds a whole .txt/.md/.html file (also after decompression) and one JSONL
    line or CSV record; JSONL and CSV files themselves may be of any size. `exclude` holds
    real paths never to read in a walk (a command's own output files).
    """

    max_bytes: int = DEFAULT_MAX_BYTES
    text_field: str = "text"
    id_field: str = "id"
    source_field: str = "source"
    url_field: str = "url"
    title_field: str = "title"
    follow_symlinks: bool = True
    follow_outside_symlinks: bool = False
    exclude: frozenset[str] = frozenset()

    @property
    def fields(self) -> RecordFields:
        return RecordFields(self.text_field, self.id_field, self.source_field, self.url_field, self.title_field)


Loaded = Document | LoadError


def iter_documents(paths: Iterable[str | os.PathLike[str]], options: LoadOptions | None = None,
                   skipped: list[Skip] | None = None) -> Iterator[Loaded]:
    """Yield Documents and LoadErrors for every file under `paths`, in a stable order.

    Files a folder walk passes over are appended to `skipped` as `Skip(path, reason)` when a
    list is given, so a caller can say what it did not read. A file named explicitly in
    `paths` is always read.
    """
    opts = options or LoadOptions()
    sidecars = _SidecarIndex(opts.max_bytes)
    for raw in paths:
        root = Path(raw)
        if not root.exists() and not root.is_symlink():
            yield LoadError(shown(root), "no such file or directory", slug="not_found")
            continue
        if root.is_dir():
            yield from _walk(root, opts, sidecars, skipped)
        else:
            yield from load_file(root, root.parent, opts, sidecars, id_base=root.parent)


def load_documents(paths: Iterable[str | os.PathLike[str]], options: LoadOptions | None = None) -> tuple[list[Document], list[LoadError]]:
    """Eager variant of `iter_documents`: (documents, errors)."""
    docs: list[Document] = []
    errors: list[LoadError] = []
    for item in iter_documents(paths, options):
        (docs if isinstance(item, Document) else errors).append(item)  # type: ignore[arg-type]
    return docs, errors


def shown(path: str | os.PathLike[str]) -> str:
    """A path as it can be written anywhere: bytes of a file name that are not UTF-8 (which
    Python keeps as lone surrogates) appear as `\\xNN` escapes."""
    text = os.fspath(path)
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        return text.encode("utf-8", "surrogateescape").decode("utf-8", "backslashreplace")
    return text


def is_article_file(path: Path) -> bool:
    """A supported format by extension (also inside .gz), or no extension at all (raw dumps)."""
    kind = _kind(path)
    return kind == "" or kind in TEXT_SUFFIXES


_PROJECT_FILE = re.compile(r"^(readme|license|licence|copying|changelog|contributing|code_of_conduct|authors"
                           r"|citation)([._-].*)?$", re.I)
_CHECKSUM_NAME = re.compile(r"^(sha\d*sums?|md5sums?|b2sums?|checksums?|sha\d+|md5)([._-].*)?$", re.I)
_CHECKSUM_LINE = re.compile(r"^\s*([0-9a-fA-F]{8,128}\s+[ *]?\S|(SHA|MD5|BLAKE)\w*\s*\(.+\)\s*=\s*[0-9a-fA-F]+\s*$)")


def walk_skip_reason(name: str) -> str | None:
    """Why a folder walk passes over a file of this name without reading it, or None."""
    path = Path(name)
    kind = _kind(path)
    if kind and kind not in TEXT_SUFFIXES:
        return "not_an_article_format"
    if _CHECKSUM_NAME.match(name) and kind in ("", ".txt"):
        return "checksum_list"
    if _PROJECT_FILE.match(name):
        return "project_file"
    return None


def text_skip_reason(text: str) -> str | None:
    """Why the text of a file without an extension is not read as an article, or None."""
    lines = [ln for ln in text.splitlines()[:50] if ln.strip()]
    if lines and sum(1 for ln in lines if _CHECKSUM_LINE.match(ln)) >= 0.8 * len(lines):
        return "checksum_list"
    if text.startswith("#!"):
        return "not_article_text"  # a script
    sample = text[:20_000]
    visible = sum(1 for ch in sample if not ch.isspace())
    letters = sum(1 for ch in sample if ch.isalpha())
    if letters < 40 or letters < 0.5 * visible:
        return "not_article_text"
    return None


def _kind(path: Path) -> str:
    """The article format a file name says (".txt", ".jsonl", …; "" for none), looking inside .gz."""
    suffixes = [s.lower() for s in path.suffixes if len(s) <= 10]
    if suffixes and suffixes[-1] == ".gz":
        suffixes = suffixes[:-1]
    return suffixes[-1] if suffixes else ""


def _walk(root: Path, opts: LoadOptions, sidecars: _SidecarIndex,
          skipped: list[Skip] | None = None) -> Iterator[Loaded]:
    id_base = root.parent if root.name else root
    real_root = os.path.realpath(root)
    yield from _walk_folder(root, real_root, id_base, opts, sidecars, (real_root,), skipped)


def is_inside(real: str, real_root: str) -> bool:
    """Whether the real path `real` is `real_root` or below it."""
    return real == real_root or real.startswith(real_root.rstrip(os.sep) + os.sep)


def _walk_folder(folder: Path, real_root: str, id_base: Path, opts: LoadOptions, sidecars: _SidecarIndex,
                 ancestry: tuple[str, ...], skipped: list[Skip] | None) -> Iterator[Loaded]:
    """Depth-first in name order; `ancestry` holds the real paths of the folders above, so a
    symlink pointing back to one of them is reported as a loop instead of followed."""
    def skip(path: Path, reason: str) -> None:
        if skipped is not None:
            skipped.append(Skip(shown(path), reason))

    try:
        entries = sorted(os.scandir(folder), key=lambda e: e.name)
    except OSError as exc:
        yield LoadError(shown(folder), f"cannot list folder: {exc.strerror or exc}", slug="cannot_list_folder")
        return
    for entry in entries:
        path = Path(entry.path)
        if entry.name.startswith(".") or entry.name in SIDECAR_NAMES or entry.name == "__pycache__":
            continue
        try:
            is_link = entry.is_symlink()
            if is_link and not opts.follow_symlinks:
                skip(path, "symlink_not_followed")
                continue
            if is_link and not path.exists():
                yield LoadError(shown(path), f"broken symlink to {shown(os.readlink(path))}", slug="broken_symlink")
                continue
            real = os.path.realpath(path) if is_link else None
            if real is not None and not opts.follow_outside_symlinks and not is_inside(real, real_root):
                skip(path, "symlink_outside")
                continue
            is_dir = entry.is_dir(follow_symlinks=True)
        except OSError as exc:
            yield LoadError(shown(path), f"cannot stat: {exc.strerror or exc}", slug="unreadable")
            continue
        if is_dir:
            real = real or os.path.realpath(path)
            if real in ancestry:
                yield LoadError(shown(path), f"symlink loop: points back to its ancestor {shown(real)}",
                                slug="symlink_loop")
                continue
            yield from _walk_folder(path, real_root, id_base, opts, sidecars, (*ancestry, real), skipped)
            continue
        reason = walk_skip_reason(entry.name)
        if reason is None and opts.exclude and os.path.realpath(path) in opts.exclude:
            reason = "output_file"
        if reason is not None:
            skip(path, reason)
            continue
        yield from load_file(path, Path(real_root), opts, sidecars, id_base=id_base, skipped=skipped, walked=True)


def load_file(path: Path, root: Path, opts: LoadOptions, sidecars: _SidecarIndex | None = None,
              id_base: Path | None = None, skipped: list[Skip] | None = None,
              walked: bool = False) -> Iterator[Loaded]:
    """Documents from one file (several for JSONL/CSV), or LoadErrors; never raises.

    With `walked` (the file was met in a folder walk, not named), a file without an extension
    that does not read as article text is passed over into `skipped` instead of read.
    """
    base = id_base or path.parent
    try:
        rel_id = shown(path.relative_to(base).as_posix())
    except ValueError:
        rel_id = shown(path.name)
    where = shown(path)
    emitted = 0
    try:
        for item in _load_file(path, where, rel_id, root, opts, sidecars or _SidecarIndex(opts.max_bytes),
                               skipped, walked):
            emitted += 1
            yield item
    except Exception as exc:  # noqa: BLE001 - whatever goes wrong with one file stays with that file
        yield LoadError(where if not emitted else f"{where} (after {emitted} records)",
                        f"internal error while reading: {type(exc).__name__}: {exc}", id=rel_id,
                        slug="internal_error")


def _load_file(path: Path, where: str, rel_id: str, root: Path, opts: LoadOptions, sidecars: _SidecarIndex,
               skipped: list[Skip] | None, walked: bool) -> Iterator[Loaded]:
    kind = _kind(path)
    side = sidecars.lookup(path, root)
    folder_source = shown(path.parent.name) or "unknown"
    if kind in RECORD_SUFFIXES:
        yield from _record_file(path, where, rel_id, kind, opts, side, folder_source)
        return
    try:
        data = _read_limited(path, opts.max_bytes)
        decoded = decode_bytes(data)
    except _InputError as exc:
        yield LoadError(where, str(exc), id=rel_id, slug=exc.slug)
        return
    except DecodeError as exc:
        if walked and kind == "":
            _note(skipped, where, "not_article_text")
        else:
            yield LoadError(where, str(exc), id=rel_id, slug=exc.slug)
        return
    text = decoded.text
    if walked and kind == "":
        reason = text_skip_reason(text)
        if reason is not None:
            _note(skipped, where, reason)
            return
    meta: dict[str, Any] = {}
    title = url = record_source = None
    if kind in (".html", ".htm"):
        from scoring.inputs.webpage import parse_html

        page = parse_html(text)
        text = page.lines_text
        title, url = page.title, page.url
        record_source = page.site_name
        meta = {"html": page.metadata}
    elif kind in (".md", ".markdown"):
        try:
            front, text = split_front_matter(text)
        except FrontMatterError as exc:
            yield LoadError(where, str(exc), id=rel_id, slug=exc.slug)
            return
        if front:
            title = string_or_none(front.get(opts.title_field))
            url = string_or_none(front.get(opts.url_field))
            record_source = string_or_none(front.get(opts.source_field))
            meta = {"front_matter": {k: jsonable(v) for k, v in front.items()}}
    if not text.strip():
        yield LoadError(where, "no text: the file holds only white space" if kind not in (".html", ".htm")
                        else "no visible text in the HTML page", id=rel_id, slug="no_text")
        return
    side_source = side.get("source") if side else None
    url = (side.get("url") if side else None) or url
    title = (side.get("title") if side else None) or title
    yield Document(
        id=rel_id,
        text=text,
        source=pick_source(side_source, record_source, url, folder_source),
        url=url or None,
        title=title or None,
        path=where,
        encoding=decoded.encoding,
        metadata=meta,
    )


def _note(skipped: list[Skip] | None, where: str, reason: str) -> None:
    if skipped is not None:
        skipped.append(Skip(where, reason))


class _InputError(Exception):
    def __init__(self, message: str, slug: str) -> None:
        super().__init__(message)
        self.slug = slug


def _check_regular(path: Path) -> int:
    """The file's size; raises _InputError when it is not a non-empty regular file."""
    try:
        if not path.is_file():
            raise _InputError("not a regular file", "not_a_regular_file")
        size = path.stat().st_size
    except OSError as exc:
        raise _InputError(f"cannot read: {exc.strerror or exc}", "unreadable") from None
    if size == 0:
        raise _InputError("empty file", "empty_file")
    return size


def _read_limited(path: Path, max_bytes: int) -> bytes:
    size = _check_regular(path)
    if size > max_bytes:
        raise _InputError(f"file is {size:,} bytes, above the size limit of {max_bytes:,} (--max-bytes)",
                          "file_too_large")
    try:
        with open(path, "rb") as fh:
            raw = fh.read()
    except PermissionError:
        raise _InputError("cannot read: permission denied", "unreadable") from None
    except OSError as exc:
        raise _InputError(f"cannot read: {exc.strerror or exc}", "unreadable") from None
    if path.suffix.lower() != ".gz":
        return raw
    return _gunzip_limited(raw, max_bytes)


def _gunzip_limited(raw: bytes, max_bytes: int) -> bytes:
    """Decompress, stopping as soon as the output passes `max_bytes` (a gzip bomb stops there)."""
    out = io.BytesIO()
    try:
        with gzip.GzipFile(fileobj=io.BytesIO(raw)) as fh:
            while chunk := fh.read(1 << 16):
                out.write(chunk)
                if out.tell() > max_bytes:
                    raise _InputError(
                        f"decompresses to more than the size limit of {max_bytes:,} bytes (--max-bytes)",
                        "file_too_large")
    except (OSError, EOFError, zlib.error) as exc:
        raise _InputError(f"not valid gzip data: {exc}", "bad_gzip") from None
    data = out.getvalue()
    if not data:
        raise _InputError("empty file (after decompression)", "empty_file")
    return data


# --- JSONL and CSV: streamed record by record -------------------------------------------------

class _Line(NamedTuple):
    """One physical line of a record file: its text (None when it was over the limit, and was
    read past rather than kept), its size in bytes and how many double quotes it holds."""

    number: int
    text: str | None
    size: int
    quotes: int


class _StreamError(Exception):
    """The file itself failed part-way (truncated gzip, I/O error): the records read so far stand."""

    def __init__(self, message: str, slug: str) -> None:
        super().__init__(message)
        self.slug = slug


def _record_file(path: Path, where: str, rel_id: str, kind: str, opts: LoadOptions, side: dict[str, str] | None,
                 folder_source: str) -> Iterator[Loaded]:
    try:
        _check_regular(path)
        fh: IO[bytes] = gzip.open(path, "rb") if path.suffix.lower() == ".gz" else open(path, "rb")  # noqa: SIM115
    except _InputError as exc:
        yield LoadError(where, str(exc), id=rel_id, slug=exc.slug)
        return
    except OSError as exc:
        yield LoadError(where, f"cannot read: {exc.strerror or exc}", id=rel_id, slug="unreadable")
        return
    with fh:
        try:
            head = fh.read(_HEAD_BYTES)
            fh.seek(0)
        except (OSError, EOFError, zlib.error) as exc:
            yield LoadError(where, f"not valid gzip data: {exc}" if path.suffix.lower() == ".gz"
                            else f"cannot read: {exc}", id=rel_id,
                            slug="bad_gzip" if path.suffix.lower() == ".gz" else "unreadable")
            return
        if not head:
            yield LoadError(where, "empty file", id=rel_id, slug="empty_file")
            return
        binary = binary_kind(head)
        if binary is not None:
            yield LoadError(where, f"binary file ({binary})", id=rel_id, slug="binary_file")
            return
        try:
            encoding = _stream_encoding(head)
        except DecodeError as exc:
            yield LoadError(where, str(exc), id=rel_id, slug=exc.slug)
            return
        lines = _lines(fh, encoding, opts.max_bytes)
        records = _jsonl_records if kind != ".csv" else _csv_records
        try:
            yield from records(lines, where, rel_id, encoding, opts, side, folder_source, path)
        except _StreamError as exc:
            yield LoadError(where, str(exc), id=rel_id, slug=exc.slug)


def _stream_encoding(head: bytes) -> str:
    """The encoding of a record file, decided on its first 64 KB.

    UTF-8 (the JSONL standard) wins when at least three lines with non-ASCII bytes, or half of
    them, are valid UTF-8 (text in a legacy code page practically never is, by accident): stray
    bad lines are then errors of their own, not a reason to read the whole file in a legacy code
    page.
    """
    if head.startswith(codecs.BOM_UTF8):
        return "utf-8-sig"
    if head.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return "utf-16"
    complete = head[:head.rfind(b"\n") + 1] or head
    try:
        complete.decode("utf-8")
        return "utf-8"
    except UnicodeDecodeError as exc:
        if exc.start >= len(complete) - 3 and exc.reason == "unexpected end of data":
            return "utf-8"  # a character cut at the end of the sample
    non_ascii = [ln for ln in complete.split(b"\n") if not ln.isascii()]
    valid = 0
    for line in non_ascii:
        try:
            line.decode("utf-8")
            valid += 1
        except UnicodeDecodeError:
            pass
    if valid >= min(3, len(non_ascii)) or valid >= 0.5 * len(non_ascii):
        return "utf-8"
    return decode_bytes(complete).encoding


_UNDECODED = re.compile("[\udc80-\udcff]")  # what errors="surrogateescape" makes of bytes it cannot decode


def _lines(fh: IO[bytes], encoding: str, limit: int) -> Iterator[_Line]:
    """Physical lines, each decoded alone; a line above `limit` bytes is read past in chunks."""
    if encoding.startswith("utf-16"):
        yield from _utf16_lines(fh, encoding, limit)
        return
    number = 0
    first = True
    while True:
        try:
            chunk = fh.readline(limit + 1)
        except (OSError, EOFError, zlib.error) as exc:
            raise _StreamError(f"stopped after line {number}: {exc}", _read_failure(fh)) from None
        if not chunk:
            return
        number += 1
        if len(chunk) > limit and not chunk.endswith(b"\n"):
            size, quotes = len(chunk), chunk.count(b'"')
            while not chunk.endswith(b"\n"):
                try:
                    chunk = fh.readline(_SKIP_CHUNK)
                except (OSError, EOFError, zlib.error) as exc:
                    raise _StreamError(f"stopped in line {number}: {exc}", _read_failure(fh)) from None
                if not chunk:
                    break
                size += len(chunk)
                quotes += chunk.count(b'"')
            yield _Line(number, None, size, quotes)
            continue
        text = chunk.decode("utf-8-sig" if first and encoding == "utf-8-sig" else encoding, "surrogateescape")
        first = False
        yield _Line(number, text, len(chunk), text.count('"'))


def _read_failure(fh: IO[bytes]) -> str:
    return "bad_gzip" if isinstance(fh, gzip.GzipFile) else "unreadable"


def _utf16_lines(fh: IO[bytes], encoding: str, limit: int) -> Iterator[_Line]:
    reader = io.TextIOWrapper(fh, encoding=encoding, errors="surrogateescape", newline="")  # type: ignore[arg-type]
    number = 0
    char_limit = limit // 2
    while True:
        text = reader.readline(char_limit + 1)
        if not text:
            return
        number += 1
        if len(text) > char_limit and not text.endswith(("\n", "\r")):
            size, quotes = len(text) * 2, text.count('"')
            while text and not text.endswith(("\n", "\r")):
                text = reader.readline(_SKIP_CHUNK)
                size += len(text) * 2
                quotes += text.count('"')
            yield _Line(number, None, size, quotes)
            continue
        yield _Line(number, text, len(text) * 2, text.count('"'))


def _undecodable(line: _Line, encoding: str) -> str | None:
    assert line.text is not None
    if line.text.isascii():
        return None
    bad = _UNDECODED.search(line.text)
    if bad is None:
        return None
    return f"line {line.number} is not valid {encoding} (character {bad.start() + 1})"


def _too_large(line: _Line, limit: int, what: str) -> str:
    return f"{what} is {line.size:,} bytes, above the size limit of {limit:,} (--max-bytes)"


def _jsonl_records(lines: Iterator[_Line], where: str, rel_id: str, encoding: str, opts: LoadOptions,
                   side: dict[str, str] | None, folder_source: str, path: Path) -> Iterator[Loaded]:
    for line in lines:
        at, line_id = f"{where}:{line.number}", f"{rel_id}:{line.number}"
        try:
            if line.text is None:
                yield LoadError(at, _too_large(line, opts.max_bytes, "the line"), id=line_id,
                                slug="record_too_large")
                continue
            if not line.text.strip():
                continue
            problem = _undecodable(line, encoding)
            if problem is not None:
                yield LoadError(at, problem, id=line_id, slug="undecodable")
                continue
            record = parse_json_record(line.text)
            if isinstance(record, RecordProblem):
                yield LoadError(at, record.message, id=line_id, slug=record.reason)
                continue
            yield _record_document(record, at, line_id, encoding, opts, side, folder_source, path)
        except Exception as exc:  # noqa: BLE001 - one record's failure stays with that record
            yield LoadError(at, f"internal error while reading: {type(exc).__name__}: {exc}", id=line_id,
                            slug="internal_error")


class _RecordTooLarge(Exception):
    pass


class _CsvFeed:
    """The lines of a CSV file as the csv module reads them, one record at a time.

    Keeps what the csv module does not: where the current record started, how big it has
    grown, and whether its double quotes are balanced (a quoted field may span lines). A
    record that grows past the limit raises _RecordTooLarge; its remaining lines are read
    past, until the quotes balance at a line end, before the next record is fed.
    """

    def __init__(self, lines: Iterator[_Line], limit: int) -> None:
        self.lines = lines
        self.limit = limit
        self.start = 0
        self.size = 0
        self.quotes = 0
        self.undecodable: str | None = None
        self.skipping = False

    def __iter__(self) -> _CsvFeed:
        return self

    def record_done(self) -> None:
        self.start = self.size = self.quotes = 0
        self.undecodable = None

    def __next__(self) -> str:
        while self.skipping:
            line = next(self.lines)
            self.quotes += line.quotes
            if self.quotes % 2 == 0:
                self.skipping = False
                self.record_done()
        line = next(self.lines)
        if not self.start:
            self.start = line.number
        self.size += line.size
        self.quotes += line.quotes
        if line.text is None or self.size > self.limit:
            self.skipping = self.quotes % 2 == 1
            raise _RecordTooLarge()
        if self.undecodable is None and not line.text.isascii() and _UNDECODED.search(line.text):
            self.undecodable = f"line {line.number}"
        return line.text


def _allow_large_csv_fields() -> None:
    # Records are bounded by _CsvFeed (--max-bytes); the csv module's own per-field limit
    # (131,072 characters) would otherwise end the file at the first long article.
    limit = min(sys.maxsize, 2**31 - 1)
    if csv.field_size_limit() < limit:
        csv.field_size_limit(limit)


def _csv_records(lines: Iterator[_Line], where: str, rel_id: str, encoding: str, opts: LoadOptions,
                 side: dict[str, str] | None, folder_source: str, path: Path) -> Iterator[Loaded]:
    _allow_large_csv_fields()
    feed = _CsvFeed(lines, opts.max_bytes)
    reader = csv.reader(feed)
    header: list[str] | None = None
    while True:
        try:
            row = next(reader)
        except StopIteration:
            break
        except _RecordTooLarge:
            at, line_id = f"{where}:{feed.start}", f"{rel_id}:{feed.start}"
            if header is None:
                yield LoadError(where, "the CSV header is above the size limit", id=rel_id, slug="record_too_large")
                return
            yield LoadError(at, f"the record is above the size limit of {opts.max_bytes:,} bytes (--max-bytes)",
                            id=line_id, slug="record_too_large")
            if not feed.skipping:
                feed.record_done()
            continue
        except csv.Error as exc:
            at, line_id = f"{where}:{feed.start}", f"{rel_id}:{feed.start}"
            yield LoadError(at, f"malformed CSV: {exc}", id=line_id, slug="malformed_csv")
            feed.skipping = feed.quotes % 2 == 1
            if not feed.skipping:
                feed.record_done()
            continue
        start, undecodable = feed.start, feed.undecodable
        feed.record_done()
        at, line_id = f"{where}:{start}", f"{rel_id}:{start}"
        if header is None:
            if undecodable:
                yield LoadError(where, f"the CSV header is not valid {encoding}", id=rel_id, slug="undecodable")
                return
            header = row
            if opts.text_field not in header:
                yield LoadError(where, f"CSV has no {opts.text_field!r} column (columns: {header})", id=rel_id,
                                slug="csv_no_text_column")
                return
            continue
        if not row:
            continue  # a blank line
        if undecodable:
            yield LoadError(at, f"{undecodable} is not valid {encoding}", id=line_id, slug="undecodable")
            continue
        try:
            yield _record_document(dict(zip(header, row, strict=False)), at, line_id, encoding, opts, side, folder_source, path)
        except Exception as exc:  # noqa: BLE001 - one record's failure stays with that record
            yield LoadError(at, f"internal error while reading: {type(exc).__name__}: {exc}", id=line_id,
                            slug="internal_error")


def _record_document(record: Any, where: str, fallback_id: str, encoding: str, opts: LoadOptions,
                     side: dict[str, str] | None, folder_source: str, path: Path) -> Loaded:
    doc = record_document(record, opts.fields, fallback_id=fallback_id, path=shown(path), encoding=encoding,
                          sidecar_source=side.get("source") if side else None, fallback_source=folder_source)
    if isinstance(doc, RecordProblem):
        return LoadError(where, doc.message, id=doc.id or fallback_id, slug=doc.reason)
    if not doc.text.strip():
        return LoadError(where, f"field {opts.text_field!r} is empty", id=doc.id, slug=EMPTY_TEXT)
    return doc


# --- Markdown front matter -------------------------------------------------------------------

class FrontMatterError(ValueError):
    def __init__(self, message: str, slug: str = "front_matter_invalid") -> None:
        super().__init__(message)
        self.slug = slug


class _NoAliasLoader(yaml.SafeLoader):
    """YAML without aliases: nine anchors that each alias the previous one eight times are 324
    bytes of front matter and 8⁹ nodes once expanded (an alias bomb). Front matter has no use
    for aliases, so the first one is an error."""

    def compose_node(self, parent: Any, index: Any) -> Any:
        if self.check_event(yaml.AliasEvent):
            event = self.peek_event()
            raise _AliasRefused(f"aliases are not allowed in front matter (*{event.anchor}, "
                                f"line {event.start_mark.line + 1})")
        return super().compose_node(parent, index)


class _AliasRefused(yaml.YAMLError):
    pass


def _load_yaml(block: str) -> Any:
    return yaml.load(block, Loader=_NoAliasLoader)  # noqa: S506 - a SafeLoader subclass


def split_front_matter(text: str) -> tuple[dict[str, Any], str]:
    """(front matter, body) of a Markdown text; ({}, text) when it has none.

    Raises FrontMatterError (with a slug) for front matter that is never closed, too large,
    nested too deeply, uses YAML aliases, or is not a mapping.
    """
    stripped = text.lstrip("\ufeff")
    for fence, parse in (("---", _load_yaml), ("+++", tomllib.loads)):
        if not stripped.startswith(fence + "\n") and not stripped.startswith(fence + "\r\n"):
            continue
        rest = stripped[len(fence):].lstrip("\r\n")
        end = rest.find("\n" + fence)
        if end < 0:
            raise FrontMatterError(f"front matter opened with {fence!r} is never closed")
        block = rest[:end]
        body = rest[end + 1 + len(fence):].lstrip("\r\n")
        if len(block) > MAX_FRONT_MATTER_BYTES:
            raise FrontMatterError(f"front matter is {len(block):,} characters, above the limit of "
                                   f"{MAX_FRONT_MATTER_BYTES:,}", "front_matter_too_large")
        try:
            front = parse(block) or {}
        except _AliasRefused as exc:
            raise FrontMatterError(str(exc), "yaml_alias") from None
        except RecursionError:
            raise FrontMatterError(f"front matter nested more than {MAX_NESTING_DEPTH} levels deep",
                                   NESTED_TOO_DEEPLY) from None
        except (yaml.YAMLError, tomllib.TOMLDecodeError, ValueError) as exc:
            raise FrontMatterError(f"invalid front matter: {exc}") from None
        if not isinstance(front, dict):
            raise FrontMatterError("front matter is not a mapping of keys to values")
        if nesting_depth(front) > MAX_NESTING_DEPTH:
            raise FrontMatterError(f"front matter nested more than {MAX_NESTING_DEPTH} levels deep",
                                   NESTED_TOO_DEEPLY)
        return front, body
    return {}, text


class _SidecarIndex:
    """Parsed meta.csv/sources.csv files, cached per folder."""

    def __init__(self, max_bytes: int = DEFAULT_MAX_BYTES) -> None:
        self._cache: dict[Path, dict[str, dict[str, str]] | None] = {}
        self.max_bytes = max_bytes

    def lookup(self, path: Path, root: Path) -> dict[str, str] | None:
        folder = path.parent
        root_abs = root.resolve() if root.is_dir() else root.parent.resolve()
        while True:
            table = self._table(folder)
            if table:
                key = os.path.relpath(path, folder).replace(os.sep, "/")
                if key in table:
                    return table[key]
            if folder.resolve() == root_abs or folder.parent == folder:
                return None
            folder = folder.parent

    def _table(self, folder: Path) -> dict[str, dict[str, str]] | None:
        if folder in self._cache:
            return self._cache[folder]
        table: dict[str, dict[str, str]] | None = None
        for name in SIDECAR_NAMES:
            candidate = folder / name
            if candidate.is_file():
                table = table or {}
                try:
                    text = decode_bytes(_read_limited(candidate, self.max_bytes)).text
                    _allow_large_csv_fields()
                    rows = list(csv.DictReader(io.StringIO(text, newline="")))
                except (OSError, DecodeError, _InputError, csv.Error):
                    continue  # an unusable sidecar gives no sources; the documents are still read
                for row in rows:
                    key = (row.get("path") or "").strip().replace("\\", "/").removeprefix("./")
                    if key:
                        table[key] = {k: (v or "").strip() for k, v in row.items()
                                      if k and k != "path" and isinstance(v, str) and v}
        self._cache[folder] = table
        return table
