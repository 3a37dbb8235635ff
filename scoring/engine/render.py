"""A scored document as the line `sourcegauge score` writes: a JSONL record or a CSV row.

Rendering runs where the document was scored (in the worker process with `--jobs`, via
`score_corpus(map_result=...)`): serialising a record with its evidence costs about as
much as a rubric, so doing it in the parent would make the parent the bottleneck.
"""

from __future__ import annotations

import csv
import io
import json
from typing import Any, NamedTuple

from scoring.core.document import LoadError
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
    return Rendered(json.dumps(item.to_record(evidence), ensure_ascii=False) + "\n", _summary_row(item))


def render_csv(item: DocumentResult, rubrics: tuple[str, ...]) -> Rendered:
    scores = [_fmt(item.results[r].score) if r in item.results else "" for r in rubrics]
    return Rendered(csv_line([item.doc.id, item.doc.path, item.doc.source, item.lang, item.doc.encoding,
                              _fmt(item.score), *scores, ";".join(item.flags), ""]), _summary_row(item))


def error_line(item: LoadError, fmt: str, n_rubrics: int) -> str:
    if fmt == "jsonl":
        return json.dumps(error_record(item), ensure_ascii=False) + "\n"
    return csv_line([item.id or item.path, item.path, item.source or "", "", "", "", *[""] * n_rubrics, "",
                     item.reason])


def csv_header(rubrics: tuple[str, ...]) -> str:
    return csv_line(["id", "path", "source", "lang", "encoding", "score", *[f"{r}_score" for r in rubrics],
                     "flags", "error"])


def csv_line(row: list[Any]) -> str:
    buffer = io.StringIO()
    csv.writer(buffer).writerow(row)
    return buffer.getvalue()


def _fmt(value: float | None) -> str:
    return "" if value is None else f"{value:.4f}"
