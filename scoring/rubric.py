"""The rubric interface: a small class from a segmented document to a result.

A rubric's constructor only stores its keyword parameters (scikit-learn style, so they
can be listed with `get_params()`, compared and written into every output). Lexicons and
models load once per process, lazily, never per document.
"""

from __future__ import annotations

import inspect
import math
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any, ClassVar, NamedTuple

from scoring.segment import Segmented


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


@dataclass(frozen=True, slots=True)
class RubricResult:
    """What a rubric says about one document.

    `score` is in [0, 1] with 1 = best (least boilerplate, best sourced, most restrained…).
    `features` are named numbers; `details` holds JSON-serialisable structure that is not a
    single number (per-line labels, an actor table).
    """

    rubric: str
    version: str
    score: float
    features: Mapping[str, float] = field(default_factory=dict)
    evidence: tuple[Evidence, ...] = ()
    flags: tuple[Flag, ...] = ()
    details: Mapping[str, Any] = field(default_factory=dict)

    def __post_init__(self) -> None:
        if not (isinstance(self.score, (int, float)) and math.isfinite(self.score)):
            raise ValueError(f"rubric {self.rubric!r} returned a non-finite score {self.score!r}")
        if not 0.0 <= self.score <= 1.0:
            raise ValueError(f"rubric {self.rubric!r} returned score {self.score} outside [0, 1]")

    @property
    def flag_names(self) -> tuple[str, ...]:
        return tuple(f.name for f in self.flags)

    def to_dict(self, text: str | None = None) -> dict[str, Any]:
        return {
            "score": round(float(self.score), 6),
            "version": self.version,
            "features": {k: _json_number(v) for k, v in self.features.items()},
            "flags": [f.to_dict(text) for f in self.flags],
            "evidence": [e.to_dict(text) for e in self.evidence],
            **({"details": dict(self.details)} if self.details else {}),
        }


def _json_number(value: float) -> float | int | None:
    if isinstance(value, bool):
        return int(value)
    if isinstance(value, int):
        return value
    value = float(value)
    if not math.isfinite(value):
        return None
    return round(value, 6)


class Rubric:
    """Base class for rubrics. Subclasses set `name` and `version` and implement `score`.

    Subclasses declare their parameters as keyword arguments of `__init__` and store
    each under the same attribute name; `__init__` must do nothing else.
    """

    name: ClassVar[str] = ""
    version: ClassVar[str] = "0"
    description: ClassVar[str] = ""

    def score(self, seg: Segmented) -> RubricResult:  # pragma: no cover - interface
        raise NotImplementedError

    def get_params(self) -> dict[str, Any]:
        params: dict[str, Any] = {}
        for pname, p in inspect.signature(type(self).__init__).parameters.items():
            if pname == "self" or p.kind in (p.VAR_POSITIONAL, p.VAR_KEYWORD):
                continue
            params[pname] = getattr(self, pname)
        return params

    def result(
        self,
        score: float,
        features: Mapping[str, float] | None = None,
        evidence: tuple[Evidence, ...] | list[Evidence] = (),
        flags: tuple[Flag, ...] | list[Flag] = (),
        details: Mapping[str, Any] | None = None,
    ) -> RubricResult:
        """Build this rubric's result, clamping the score into [0, 1]."""
        clamped = min(1.0, max(0.0, float(score))) if math.isfinite(score) else 0.0
        return RubricResult(
            rubric=self.name,
            version=self.version,
            score=clamped,
            features=dict(features or {}),
            evidence=tuple(evidence),
            flags=tuple(flags),
            details=dict(details or {}),
        )

    def __repr__(self) -> str:
        args = ", ".join(f"{k}={v!r}" for k, v in self.get_params().items())
        return f"{type(self).__name__}({args})"
