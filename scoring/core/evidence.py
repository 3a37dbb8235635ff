"""Evidence spans and flags: where in the original text a result comes from."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, NamedTuple


class Evidence(NamedTuple):
    """A span of the ORIGINAL document text that contributed to a result.

    A named tuple rather than a dataclass: an article yields ~100 of them, and a tuple is
    the cheapest record Python builds and sends between processes.
    """

    start: int
    end: int
    label: str
    weight: float = 1.0

    def __reduce__(self) -> tuple[Any, ...]:
        # A named tuple pickles through copyreg's Python-level __reduce_ex__ and unpickles
        # through its Python-level __new__; `tuple.__new__` does both in C (3x faster, and
        # results of worker processes carry ~100 spans per article).
        return tuple.__new__, (Evidence, tuple(self))

    def to_dict(self, text: str | None = None) -> dict[str, Any]:
        out: dict[str, Any] = {
            "start": self.start,
            "end": self.end,
            "label": self.label,
            "weight": round(self.weight, 4),
        }
        if text is not None:
            out["text"] = text[self.start : self.end]
        return out


@dataclass(frozen=True, slots=True)
class Flag:
    """A named problem (stable slug such as `link_farm`) with the spans that raised it."""

    name: str
    evidence: tuple[Evidence, ...] = ()
    detail: str = ""

    def to_dict(self, text: str | None = None) -> dict[str, Any]:
        return {
            "flag": self.name,
            "detail": self.detail,
            "evidence": [e.to_dict(text) for e in self.evidence],
        }
