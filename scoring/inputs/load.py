"""Loading documents from files and folders.

`iter_documents(paths)` walks folders recursively and yields a `Document` for every article
and a `LoadError` (path + reason) for every file or record that could not be read. It never
raises for bad input, so one broken file cannot take down a run over thousands.

Formats: .txt, .md/.markdown (YAML `---` or TOML `+++` front matter), .html/.htm, .jsonl
(one record per line), .csv, and any of these gzipped (.gz). Files with another or no
extension are read as plain text when they decode as text, and reported otherwise.

Source of a document, first rule that gives one: a sidecar `meta.csv`/`sources.csv` in the
file's folder or an ancestor (columns path, source, url, title; path relative to the sidecar),
the record's own source field (JSONL/CSV/front matter), the HTML site name or canonical URL,
the host of the document URL, and finally the name of the folder holding the file.
"""

from __future__ import annotations

import csv
import gzip
import io
import os
import tomllib
import zlib
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

from scoring.core.document import Document, LoadError
from scoring.inputs.decode import DecodeError, decode_bytes
from scoring.inputs.records import (
    RecordFields,
    RecordProblem,
    jsonable,
    parse_json_record,
    pick_source,
    record_document,
    string_or_none,
)

SIDECAR_NAMES = ("meta.csv", "sources.csv")
TEXT_SUFFIXES = frozenset({".txt", ".text", ".md", ".markdown", ".html", ".htm", ".jsonl", ".ndjson", ".csv"})
DEFAULT_MAX_BYTES = 20 * 1024 * 1024


@dataclass(frozen=True, slots=True)
class LoadOptions:
    """How to read inputs. Field names for JSONL/CSV records are configurable."""

    max_bytes: int = DEFAULT_MAX_BYTES
    text_field: str = "text"
    id_field: str = "id"
    source_field: str = "source"
    url_field: str = "url"
    title_field: str = "title"
    follow_symlinks: bool = True

    @property
    def fields(self) -> RecordFields:
        return RecordFields(self.text_field, self.id_field, self.source_field, self.url_field, self.title_field)


Loaded = Document | LoadError


def iter_documents(paths: Iterable[str | os.PathLike[str]], options: LoadOptions | None = None,
                   skipped: list[str] | None = None) -> Iterator[Loaded]:
    """Yield Documents and LoadErrors for every file under `paths`, in a stable order.

    In folders, files whose extension is not an article format (`.py`, `.png`, `.pdf`, …) are
    not read; their paths are appended to `skipped` when a list is given, so a caller can say
    what it passed over. A file named explicitly in `paths` is always read.
    """
    opts = options or LoadOptions()
    sidecars = _SidecarIndex()
    for raw in paths:
        root = Path(raw)
        if not root.exists() and not root.is_symlink():
            yield LoadError(str(root), "no such file or directory")
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


def is_article_file(path: Path) -> bool:
    """A supported format by extension (also inside .gz), or no extension at all (raw dumps)."""
    suffixes = [s.lower() for s in path.suffixes if len(s) <= 10]
    if suffixes and suffixes[-1] == ".gz":
        suffixes = suffixes[:-1]
    return not suffixes or suffixes[-1] in TEXT_SUFFIXES


def _walk(root: Path, opts: LoadOptions, sidecars: _SidecarIndex,
          skipped: list[str] | None = None) -> Iterator[Loaded]:
    id_base = root.parent if root.name else root
    yield from _walk_folder(root, root, id_base, opts, sidecars, (os.path.realpath(root),), skipped)


def _walk_folder(folder: Path, root: Path, id_base: Path, opts: LoadOptions, sidecars: _SidecarIndex,
                 ancestry: tuple[str, ...], skipped: list[str] | None) -> Iterator[Loaded]:
    """Depth-first in name order; `ancestry` holds the real paths of the folders above, so a
    symlink pointing back to one of them is reported as a loop instead of followed."""
    try:
        entries = sorted(os.scandir(folder), key=lambda e: e.name)
    except OSError as exc:
        yield LoadError(str(folder), f"cannot list folder: {exc.strerror or exc}")
        return
    for entry in entries:
        path = Path(entry.path)
        if entry.name.startswith(".") or entry.name in SIDECAR_NAMES or entry.name == "__pycache__":
            continue
        if entry.is_symlink() and not opts.follow_symlinks:
            continue
        try:
            is_dir = entry.is_dir(follow_symlinks=True)
        except OSError as exc:
            yield LoadError(str(path), f"cannot stat: {exc.strerror or exc}")
            continue
        if is_dir:
            real = os.path.realpath(path)
            if real in ancestry:
                yield LoadError(str(path), f"symlink loop: points back to its ancestor {real}")
                continue
            yield from _walk_folder(path, root, id_base, opts, sidecars, (*ancestry, real), skipped)
            continue
        if entry.is_symlink() and not path.exists():
            yield LoadError(str(path), f"broken symlink to {os.readlink(path)}")
            continue
        if not is_article_file(path):
            if skipped is not None:
                skipped.append(str(path))
            continue
        yield from load_file(path, root, opts, sidecars, id_base=id_base)


def load_file(path: Path, root: Path, opts: LoadOptions, sidecars: _SidecarIndex | None = None,
              id_base: Path | None = None) -> Iterator[Loaded]:
    """Documents from one file (several for JSONL/CSV), or LoadErrors."""
    sidecars = sidecars or _SidecarIndex()
    base = id_base or path.parent
    try:
        rel_id = path.relative_to(base).as_posix()
    except ValueError:
        rel_id = path.name
    try:
        data = _read_limited(path, opts.max_bytes)
    except _InputError as exc:
        yield LoadError(str(path), str(exc), id=rel_id)
        return
    suffixes = [s.lower() for s in path.suffixes]
    if suffixes and suffixes[-1] == ".gz":
        suffixes = suffixes[:-1]
    kind = suffixes[-1] if suffixes else ""
    side = sidecars.lookup(path, root)
    folder_source = path.parent.name or "unknown"
    try:
        if kind in (".jsonl", ".ndjson"):
            yield from _records_jsonl(path, rel_id, data, opts, side, folder_source)
            return
        if kind == ".csv":
            yield from _records_csv(path, rel_id, data, opts, side, folder_source)
            return
        decoded = decode_bytes(data)
    except DecodeError as exc:
        yield LoadError(str(path), str(exc), id=rel_id)
        return
    text = decoded.text
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
            front, text = _split_front_matter(text)
        except ValueError as exc:
            yield LoadError(str(path), str(exc), id=rel_id)
            return
        if front:
            title = string_or_none(front.get(opts.title_field))
            url = string_or_none(front.get(opts.url_field))
            record_source = string_or_none(front.get(opts.source_field))
            meta = {"front_matter": {k: jsonable(v) for k, v in front.items()}}
    if not text.strip():
        yield LoadError(str(path), "no text: the file holds only white space" if kind not in (".html", ".htm")
                        else "no visible text in the HTML page", id=rel_id)
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
        path=str(path),
        encoding=decoded.encoding,
        metadata=meta,
    )


class _InputError(Exception):
    pass


def _read_limited(path: Path, max_bytes: int) -> bytes:
    try:
        if not path.is_file():
            raise _InputError("not a regular file")
        size = path.stat().st_size
        if size == 0:
            raise _InputError("empty file")
        if size > max_bytes:
            raise _InputError(f"file is {size:,} bytes, above the size limit of {max_bytes:,} (--max-bytes)")
        with open(path, "rb") as fh:
            raw = fh.read()
    except PermissionError:
        raise _InputError("cannot read: permission denied") from None
    except OSError as exc:
        raise _InputError(f"cannot read: {exc.strerror or exc}") from None
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
                        f"decompresses to more than the size limit of {max_bytes:,} bytes (--max-bytes)"
                    )
    except (OSError, EOFError, zlib.error) as exc:
        raise _InputError(f"not valid gzip data: {exc}") from None
    data = out.getvalue()
    if not data:
        raise _InputError("empty file (after decompression)")
    return data


def _records_jsonl(path: Path, rel_id: str, data: bytes, opts: LoadOptions, side: dict[str, str] | None,
                   folder_source: str) -> Iterator[Loaded]:
    decoded = decode_bytes(data)
    for lineno, line in enumerate(decoded.text.splitlines(), start=1):
        if not line.strip():
            continue
        where = f"{path}:{lineno}"
        record = parse_json_record(line)
        if isinstance(record, RecordProblem):
            yield LoadError(where, record.message, id=f"{rel_id}:{lineno}")
            continue
        yield _record_document(record, where, f"{rel_id}:{lineno}", decoded.encoding, opts, side,
                               folder_source, path)


def _records_csv(path: Path, rel_id: str, data: bytes, opts: LoadOptions, side: dict[str, str] | None,
                 folder_source: str) -> Iterator[Loaded]:
    decoded = decode_bytes(data)
    reader = csv.DictReader(io.StringIO(decoded.text, newline=""))
    if not reader.fieldnames or opts.text_field not in reader.fieldnames:
        yield LoadError(str(path), f"CSV has no {opts.text_field!r} column (columns: {reader.fieldnames})",
                        id=rel_id)
        return
    try:
        for rowno, row in enumerate(reader, start=2):
            yield _record_document(row, f"{path}:{rowno}", f"{rel_id}:{rowno}", decoded.encoding, opts, side,
                                   folder_source, path)
    except csv.Error as exc:
        yield LoadError(str(path), f"malformed CSV: {exc}", id=rel_id)


def _record_document(record: Any, where: str, fallback_id: str, encoding: str, opts: LoadOptions,
                     side: dict[str, str] | None, folder_source: str, path: Path) -> Loaded:
    doc = record_document(record, opts.fields, fallback_id=fallback_id, path=str(path), encoding=encoding,
                          sidecar_source=side.get("source") if side else None, fallback_source=folder_source)
    if isinstance(doc, RecordProblem):
        return LoadError(where, doc.message, id=doc.id or fallback_id)
    if not doc.text.strip():
        return LoadError(where, f"field {opts.text_field!r} is empty", id=doc.id)
    return doc


def _split_front_matter(text: str) -> tuple[dict[str, Any], str]:
    stripped = text.lstrip("\ufeff")
    for fence, parse in (("---", yaml.safe_load), ("+++", tomllib.loads)):
        if not stripped.startswith(fence + "\n") and not stripped.startswith(fence + "\r\n"):
            continue
        rest = stripped[len(fence):].lstrip("\r\n")
        end = rest.find("\n" + fence)
        if end < 0:
            raise ValueError(f"front matter opened with {fence!r} is never closed")
        block = rest[:end]
        body = rest[end + 1 + len(fence):].lstrip("\r\n")
        try:
            front = parse(block) or {}
        except (yaml.YAMLError, tomllib.TOMLDecodeError) as exc:
            raise ValueError(f"invalid front matter: {exc}") from None
        if not isinstance(front, dict):
            raise ValueError("front matter is not a mapping of keys to values")
        return front, body
    return {}, text


class _SidecarIndex:
    """Parsed meta.csv/sources.csv files, cached per folder."""

    def __init__(self) -> None:
        self._cache: dict[Path, dict[str, dict[str, str]] | None] = {}

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
                    text = decode_bytes(candidate.read_bytes()).text
                except (OSError, DecodeError):
                    continue
                for row in csv.DictReader(io.StringIO(text, newline="")):
                    key = (row.get("path") or "").strip().replace("\\", "/").removeprefix("./")
                    if key:
                        table[key] = {k: (v or "").strip() for k, v in row.items() if k and k != "path" and v}
        self._cache[folder] = table
        return table
