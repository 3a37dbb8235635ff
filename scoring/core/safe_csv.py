"""CSV that a spreadsheet cannot run: cells starting with = + - @, a tab or a carriage return are
neutralised (OWASP's advice against CSV injection). Every CSV the project writes (score --format
csv, the report's tables, rank and audit) goes through here."""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Iterable
from typing import Any

_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
_NUMBER = re.compile(r"[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?")


def csv_cell(value: Any) -> Any:
    """`value` safe for a spreadsheet: text starting with = + - @, a tab or a carriage return
    gets a leading apostrophe (OWASP's advice against CSV injection), so `=HYPERLINK(…)` is
    shown, not run. Numbers, including negative ones, are left as they are."""
    if isinstance(value, str) and value.startswith(_FORMULA_START) and not _NUMBER.fullmatch(value):
        return "'" + value
    return value


def csv_line(row: Iterable[Any]) -> str:
    """One CSV row (with its line ending) of neutralised cells."""
    buffer = io.StringIO()
    csv.writer(buffer).writerow([csv_cell(v) for v in row])
    return buffer.getvalue()


class SafeCsvWriter:
    """`csv.writer` whose cells go through `csv_cell`."""

    def __init__(self, fh: Any, **kwargs: Any) -> None:
        self._writer = csv.writer(fh, **kwargs)

    def writerow(self, row: Iterable[Any]) -> Any:
        return self._writer.writerow([csv_cell(v) for v in row])

    def writerows(self, rows: Iterable[Iterable[Any]]) -> None:
        for row in rows:
            self.writerow(row)
