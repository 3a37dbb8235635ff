"""datatrove: `SourcegaugeFilter`, a BaseFilter that drops documents the gate rejects.

    from datatrove.executor import LocalPipelineExecutor
    from scoring.gate.datatrove import SourcegaugeFilter

    pipeline = [reader, SourcegaugeFilter(profile="default"), writer]

`filter(doc)` returns True, or (False, reason) with the gate's first reason slug, so
datatrove counts `dropped_<reason>` per reason; every reason and the scores go into
`doc.metadata["sourcegauge"]` (kept and dropped documents alike, so an exclusion_writer
records why). The source and title are read from `doc.metadata` keys `source`/`title`.

datatrove is an optional extra (`pip install sourcegauge[datatrove]`): this module imports
without it, and `SourcegaugeFilter` is built on first access, when datatrove is imported.
"""

from __future__ import annotations

from functools import cache
from pathlib import Path
from typing import Any

from scoring.core.document import Document
from scoring.engine.profile import Profile
from scoring.gate.gate import Gate

METADATA_KEY = "sourcegauge"


@cache
def _filter_class() -> type:
    try:
        from datatrove.pipeline.filters.base_filter import BaseFilter
    except ImportError as exc:
        raise ImportError("SourcegaugeFilter needs datatrove: pip install 'sourcegauge[datatrove]'") from exc

    class SourcegaugeFilter(BaseFilter):
        """Keep documents the sourcegauge gate keeps; drop the rest with the gate's reason."""

        name = "🧭 sourcegauge"

        def __init__(self, profile: Profile | str | Path = "default", rubrics: list[str] | None = None,
                     metadata_key: str = METADATA_KEY, source_key: str = "source", title_key: str = "title",
                     exclusion_writer: Any = None) -> None:
            super().__init__(exclusion_writer)
            # The Gate is picklable and builds its rubrics lazily, in the process that runs the step.
            self.gate = Gate(profile, rubrics)
            self.metadata_key = metadata_key
            self.source_key = source_key
            self.title_key = title_key

        def filter(self, doc: Any) -> bool | tuple[bool, str]:
            meta = doc.metadata
            source, title = meta.get(self.source_key), meta.get(self.title_key)
            document = Document(id=str(doc.id), text=doc.text if isinstance(doc.text, str) else "",
                                source=source if isinstance(source, str) and source else "unknown",
                                title=title if isinstance(title, str) and title else None)
            verdict = self.gate.decide(document)
            meta[self.metadata_key] = verdict.to_dict()
            if verdict.keep:
                return True
            return False, verdict.reasons[0]

    # Pickle (datatrove ships steps to worker processes) finds the class under this module's name.
    SourcegaugeFilter.__module__ = __name__
    SourcegaugeFilter.__qualname__ = "SourcegaugeFilter"
    return SourcegaugeFilter


def __getattr__(name: str) -> Any:
    if name == "SourcegaugeFilter":
        return _filter_class()
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
