"""The one parser of JSONL and CSV records into Documents, for the loader and the gate alike.

A record is a mapping of field names to values (a JSON object, a CSV row). Which fields hold the
text, id, source, URL and title is configurable (`RecordFields`). A record that cannot become a
Document gives a `RecordProblem`: a stable reason slug (the gate's reject reason), a message (the
loader's error) and the record's id when it has one.

Limits that hold whatever the input: a JSON value nested deeper than MAX_NESTING_DEPTH is
refused (`nested_too_deeply`), as is an integer longer than Python converts (4,300 digits:
`number_too_long`). A lone surrogate escape (`"\\ud800"`: half of a UTF-16 pair, what a
scraper leaves when it cuts an emoji in two) cannot be written as UTF-8, so each one becomes
U+FFFD; the text keeps its length, so offsets are unchanged.
"""

from __future__ import annotations

import json
import re
import sys
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any, NamedTuple
from urllib.parse import urlparse

from scoring.core.document import Document

MALFORMED_JSON = "malformed_json"
NOT_AN_OBJECT = "not_an_object"
MISSING_TEXT = "missing_text"
TEXT_NOT_STRING = "text_not_string"
EMPTY_TEXT = "empty_text"
NUMBER_TOO_LONG = "number_too_long"
NESTED_TOO_DEEPLY = "nested_too_deeply"

# Deeper than any real record (news metadata nests a handful of levels), shallow enough that
# every later step that walks the value recursively (copying, JSON output) stays far from
# Python's recursion limit.
MAX_NESTING_DEPTH = 100
_LONE_SURROGATE = re.compile("[\ud800-\udfff]")


@dataclass(frozen=True, slots=True)
class RecordFields:
    """Field names of a record (`--text-field`, `--id-field`, … on the command line)."""

    text: str = "text"
    id: str = "id"
    source: str = "source"
    url: str = "url"
    title: str = "title"

    @property
    def named(self) -> tuple[str, ...]:
        return (self.text, self.id, self.source, self.url, self.title)


class RecordProblem(NamedTuple):
    reason: str
    message: str
    id: str | None = None


def parse_json_record(line: str) -> Any | RecordProblem:
    """The JSON value of one JSONL line, or why it is not valid JSON or exceeds a limit."""
    try:
        value = json.loads(line)
    except json.JSONDecodeError as exc:
        return RecordProblem(MALFORMED_JSON, f"invalid JSON: {exc.msg} at column {exc.colno}")
    except RecursionError:
        return RecordProblem(NESTED_TOO_DEEPLY, f"JSON nested more than {MAX_NESTING_DEPTH} levels deep")
    except ValueError as exc:  # int('7' * 5000): Python refuses integers of more than 4,300 digits
        if "digits" not in str(exc):
            raise
        return RecordProblem(NUMBER_TOO_LONG, f"a number has more than {sys.get_int_max_str_digits():,} digits")
    # Brackets are counted first: the walk over the value only runs for lines that could be deep.
    if line.count("[") + line.count("{") > MAX_NESTING_DEPTH and nesting_depth(value) > MAX_NESTING_DEPTH:
        return RecordProblem(NESTED_TOO_DEEPLY, f"JSON nested more than {MAX_NESTING_DEPTH} levels deep")
    # A lone surrogate can only come from a \u escape: lines without one need no check.
    if "\\u" in line:
        value = without_lone_surrogates(value)
    return value


def nesting_depth(value: Any) -> int:
    """How many lists and mappings deep `value` goes (0 for a scalar); iterative, for any depth."""
    deepest = 0
    stack: list[tuple[Any, int]] = [(value, 0)]
    while stack:
        item, depth = stack.pop()
        if isinstance(item, Mapping):
            children: Any = item.values()
        elif isinstance(item, (list, tuple)):
            children = item
        else:
            continue
        depth += 1
        deepest = max(deepest, depth)
        stack.extend((child, depth) for child in children)
    return deepest


def without_lone_surrogates(value: Any) -> Any:
    """`value` with every lone surrogate in its strings (keys too) replaced by U+FFFD."""
    if isinstance(value, str):
        return _LONE_SURROGATE.sub("\ufffd", value) if not value.isascii() else value
    if isinstance(value, list):
        return [without_lone_surrogates(v) for v in value]
    if isinstance(value, dict):
        return {without_lone_surrogates(k): without_lone_surrogates(v) for k, v in value.items()}
    return value


def record_document(record: Any, fields: RecordFields, *, fallback_id: str, path: str | None,
                    encoding: str | None = None, sidecar_source: str | None = None,
                    fallback_source: str = "unknown", keep_extra: bool = True) -> Document | RecordProblem:
    """A Document from one record; the text may be empty or white space (callers decide).

    Source, first that applies: the sidecar's, the record's own field, the URL's host,
    `fallback_source`. With `keep_extra`, the other fields go into `metadata["record"]`.
    """
    if not isinstance(record, Mapping):
        return RecordProblem(NOT_AN_OBJECT, f"record is a JSON {_json_type(record)}, not an object")
    raw_id = record.get(fields.id)
    doc_id = str(raw_id) if raw_id not in (None, "") else fallback_id
    text = record.get(fields.text)
    if text is None:
        return RecordProblem(MISSING_TEXT, f"field {fields.text!r} is missing", doc_id)
    if not isinstance(text, str):
        return RecordProblem(TEXT_NOT_STRING, f"field {fields.text!r} is not a string ({_json_type(text)})", doc_id)
    url = string_or_none(record.get(fields.url))
    source = pick_source(sidecar_source, string_or_none(record.get(fields.source)), url, fallback_source)
    extra = {str(k): jsonable(v) for k, v in record.items() if k not in fields.named} if keep_extra else {}
    return Document(id=doc_id, text=text, source=source, url=url, title=string_or_none(record.get(fields.title)),
                    path=path, encoding=encoding, metadata={"record": extra} if extra else {})


def pick_source(sidecar_source: str | None, record_source: str | None, url: str | None, fallback: str) -> str:
    """The first of: a sidecar's source, the record's own, the URL's host (without www.), `fallback`."""
    for candidate in (sidecar_source, record_source):
        if candidate and candidate.strip():
            return candidate.strip()
    if url:
        host = url_host(url)
        if host:
            return host.removeprefix("www.")
    return fallback


def url_host(url: str) -> str | None:
    """The host of `url` (also without a scheme), or None; never raises (`https://[x/` is not an error)."""
    try:
        return urlparse(url if "//" in url else f"//{url}").hostname
    except ValueError:  # an unbalanced "[" reads as a broken IPv6 address
        return None


def string_or_none(value: Any) -> str | None:
    if value is None:
        return None
    value = str(value).strip()
    return value or None


def jsonable(value: Any) -> Any:
    """`value` as plain JSON types (dict keys as strings, tuples as lists, anything else as str)."""
    if isinstance(value, (str, int, float, bool)) or value is None:
        return value
    if isinstance(value, dict):
        return {str(k): jsonable(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [jsonable(v) for v in value]
    return str(value)


def _json_type(value: Any) -> str:
    return {dict: "object", list: "array", str: "string", int: "number", float: "number",
            bool: "boolean", type(None): "null"}.get(type(value), type(value).__name__)
