"""A scored document as the line `sourcegauge score` writes: a JSONL record or a CSV row.

Rendering runs where the document was scored (in the worker process with `--jobs`, via
`score_corpus(map_result=...)`): serialising a record with its evidence costs about as
much as a rubric, so doing it in the parent would make the parent the bottleneck.

Every line is valid UTF-8 and valid JSON whatever the input held: a non-finite number in a
rubric's details is written as null, and a string that cannot be UTF-8 (a lone surrogate)
makes the record fall back to ASCII escapes. CSV rows are one line each (line breaks inside a
cell become spaces) and their cells are neutralised against formula injection.
"""

from __future__ import annotations

import json
import math
import re
from typing import Any, NamedTuple

from scoring.core.document import LoadError
from scoring.core.safe_csv import csv_line as _csv_line
from scoring.engine.pipeline import DocumentResult, error_record


class SummaryRow(NamedTuple):
    """What the one-screen summary needs of a document."""

    id: str
    lang: str
    score: float | None
    scores: dict[str, float]
    flags: tuple[str, ...]


class Rendered(NamedTuple):
    """A scored document as its output line plus its summary row."""

    line: str
    summary: SummaryRow


def _summary_row(item: DocumentResult) -> SummaryRow:
    return SummaryRow(item.doc.id, item.lang, item.score, {n: r.score for n, r in item.results.items()}, item.flags)


def render_jsonl(item: DocumentResult, evidence: bool = True) -> Rendered:
    return Rendered(json_line(item.to_record(evidence)), _summary_row(item))


def render_csv(item: DocumentResult, rubrics: tuple[str, ...]) -> Rendered:
    scores = [_fmt(item.results[r].score) if r in item.results else "" for r in rubrics]
    doc = item.doc
    return Rendered(csv_line([doc.id, doc.path, doc.source, doc.url, doc.title, item.lang, doc.encoding,
                              _fmt(item.score), *scores, ";".join(item.flags), ""]), _summary_row(item))


def error_line(item: LoadError, fmt: str, n_rubrics: int) -> str:
    if fmt == "jsonl":
        return json_line(error_record(item))
    return csv_line([item.id or item.path, item.path, item.source or "", "", "", "", "", "", *[""] * n_rubrics,
                     "", f"{item.slug}: {item.reason}"])


CSV_COLUMNS = ("id", "path", "source", "url", "title", "lang", "encoding", "score")


def csv_header(rubrics: tuple[str, ...]) -> str:
    return csv_line([*CSV_COLUMNS, *[f"{r}_score" for r in rubrics], "flags", "error"])


_LINE_BREAK = re.compile(r"[\r\n]+")


def csv_line(row: list[Any]) -> str:
    """One CSV row on one line, cells neutralised (scoring.core.safe_csv.csv_cell)."""
    return _csv_line([_LINE_BREAK.sub(" ", v) if isinstance(v, str) else v for v in row])


def json_line(record: dict[str, Any]) -> str:
    """`record` as one line of strict JSON that encodes as UTF-8."""
    try:
        line = json.dumps(record, ensure_ascii=False, allow_nan=False)
    except ValueError:  # NaN or infinity somewhere in the details
        record = _finite(record)
        line = json.dumps(record, ensure_ascii=False, allow_nan=False)
    if not line.isascii():
        try:
            line.encode("utf-8")
        except UnicodeEncodeError:  # a lone surrogate: ASCII escapes are valid JSON for it
            line = json.dumps(record, ensure_ascii=True, allow_nan=False)
    return line + "\n"


def _finite(value: Any) -> Any:
    if isinstance(value, float):
        return value if math.isfinite(value) else None
    if isinstance(value, dict):
        return {k: _finite(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [_finite(v) for v in value]
    return value


def _fmt(value: float | None) -> str:
    return "" if value is None else f"{value:.4f}"
