"""The document model: what a loader produces and every later stage reads.

`Document.text` is the text exactly as decoded from the input. Every evidence span
in every rubric result points into this string, never into a normalised copy.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any


@dataclass(frozen=True, slots=True)
class Document:
    """One article. Immutable so that it can be shared between rubrics and processes."""

    id: str
    text: str
    source: str = "unknown"
    url: str | None = None
    title: str | None = None
    lang: str | None = None  # filled by the loader only when the input says so
    path: str | None = None
    encoding: str | None = None
    # A plain dict (picklable across processes); treat it as read-only.
    metadata: Mapping[str, Any] = field(default_factory=dict)

    def with_metadata(self, **extra: Any) -> Document:
        merged = dict(self.metadata)
        merged.update(extra)
        return _replace(self, metadata=merged)


@dataclass(frozen=True, slots=True)
class LoadError:
    """A file (or record) that could not become a Document, and why.

    Loaders yield these instead of raising, so that one bad file never stops a run. `path` is
    the file (with `:LINE` for a record of a JSONL or CSV file), `reason` the message, and
    `slug` a stable name for the kind of problem (`malformed_json`, `binary_file`, …; the
    loader's slugs are listed in scoring.inputs.load.LOAD_PROBLEMS).
    """

    path: str
    reason: str
    id: str | None = None
    source: str | None = None
    slug: str = "unreadable"

    def __str__(self) -> str:
        return f"{self.path}: {self.reason}"


def _replace(doc: Document, **changes: Any) -> Document:
    from dataclasses import replace

    return replace(doc, **changes)
