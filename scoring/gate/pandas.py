"""pandas: score a DataFrame column of texts, one row per document, index preserved.

`score_frame(df)` returns a new frame with the same index and these columns:

    sg_score            document score (NaN when the row was not scored)
    sg_<rubric>         each rubric's score (NaN when not scored or the rubric raised)
    sg_flags            flags raised, ";"-joined ("" when none)
    sg_keep             the gate's decision (bool)
    sg_reasons          the gate's reason slugs, ";"-joined ("" when kept)
    sg_<repair_field>   only when the profile's [gate] has repair = true: the text without its
                        boilerplate and link-farm lines (missing when the row was not scored)

Rows whose text is missing, not a string, empty or too large are not scored; they get
sg_keep False and the matching reason (missing_text, text_not_string, empty_text,
text_too_large). `join=True` returns the input columns followed by these.
"""

from __future__ import annotations

import math
from collections.abc import Iterable
from pathlib import Path
from typing import Any

import pandas as pd

from scoring.core.document import Document
from scoring.engine.profile import Profile, as_profile
from scoring.gate.gate import Verdict, parse_gate_table, process_gate
from scoring.inputs.records import MISSING_TEXT, TEXT_NOT_STRING

PREFIX = "sg_"
SEPARATOR = ";"


def result_columns(profile: Profile) -> dict[str, str]:
    """Column name -> dtype of what score_frame adds for this profile (Dask's `meta` uses it)."""
    columns = {f"{PREFIX}score": "float64"}
    columns.update({f"{PREFIX}{name}": "float64" for name in profile.rubrics})
    columns.update({f"{PREFIX}flags": "object", f"{PREFIX}keep": "bool", f"{PREFIX}reasons": "object"})
    rules = parse_gate_table(profile)
    if rules.repair:
        columns[f"{PREFIX}{rules.repair_field}"] = "object"
    return columns


def score_frame(df: pd.DataFrame, text: str = "text", source: str | None = "source", id: str | None = None,
                profile: Profile | str | Path = "default", rubrics: Iterable[str] | None = None,
                title: str | None = "title", join: bool = False, jobs: int = 1) -> pd.DataFrame:
    """Score every row of `df[text]`; see the module docstring for the columns.

    `source`, `title` and `id` name optional columns (missing columns are simply not used;
    without `id` the row's index label is the document id). The profile's rubrics are
    built once per process and reused across calls. With `jobs > 1` the rows are scored in that
    many worker processes (started for this call; rows stay in order).
    """
    if jobs < 1:
        raise ValueError(f"score_frame: jobs must be at least 1, got {jobs!r}")
    if text not in df.columns:
        raise KeyError(f"score_frame: no text column {text!r}; columns: {', '.join(map(str, df.columns))}")
    prof = as_profile(profile, rubrics)
    gate = process_gate(prof)
    columns = result_columns(prof)
    texts = df[text].tolist()
    sources = _optional_column(df, source)
    titles = _optional_column(df, title)
    ids = df[id].tolist() if id is not None else list(df.index)
    items = [_item(body, str(ids[i]), _text_or_none(sources[i]), _text_or_none(titles[i]))
             for i, body in enumerate(texts)]
    if jobs > 1:
        verdicts = list(gate.stream(items, jobs=jobs))
    else:
        verdicts = [item if isinstance(item, Verdict) else gate.decide(item) for item in items]
    rows = [_row(verdict, prof, columns) for verdict in verdicts]
    out = pd.DataFrame(rows, index=df.index, columns=list(columns))
    out = out.astype(columns) if len(out) else pd.DataFrame(
        {name: pd.Series(dtype=dtype) for name, dtype in columns.items()}, index=df.index)
    return df.join(out) if join else out


def _item(body: Any, doc_id: str, source: str | None, title: str | None) -> Document | Verdict:
    if _is_missing(body):
        return Verdict.reject(MISSING_TEXT, doc_id, "no text in this row")
    if not isinstance(body, str):
        return Verdict.reject(TEXT_NOT_STRING, doc_id, f"text is a {type(body).__name__}")
    return Document(id=doc_id, text=body, source=source or "unknown", title=title)


def _is_missing(value: Any) -> bool:
    """None, NaN, pd.NA, NaT: what pandas and Dask (pyarrow strings) use for an absent text."""
    if value is None or isinstance(value, str):
        return value is None
    try:
        return bool(pd.isna(value))
    except (TypeError, ValueError):  # list-likes: present, and not text
        return False


def _row(verdict: Verdict, profile: Profile, columns: dict[str, str]) -> dict[str, Any]:
    row: dict[str, Any] = {f"{PREFIX}score": math.nan if verdict.score is None else verdict.score}
    for name in profile.rubrics:
        row[f"{PREFIX}{name}"] = verdict.scores.get(name, math.nan)
    row[f"{PREFIX}flags"] = SEPARATOR.join(verdict.flags)
    row[f"{PREFIX}keep"] = verdict.keep
    row[f"{PREFIX}reasons"] = SEPARATOR.join(verdict.reasons)
    if verdict.repair is not None:
        row[f"{PREFIX}{verdict.repair.field}"] = verdict.repair.text
    return {name: row.get(name) for name in columns}


def _optional_column(df: pd.DataFrame, name: str | None) -> list[Any]:
    if name is None or name not in df.columns:
        return [None] * len(df)
    return df[name].tolist()


def _text_or_none(value: Any) -> str | None:
    return value.strip() or None if isinstance(value, str) else None
