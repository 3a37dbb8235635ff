"""What a rubric says about one document: `RubricResult`."""

from __future__ import annotations

import math
from collections.abc import Mapping
from typing import Any

from scoring.core.evidence import Evidence, Flag
from scoring.core.wire import PackedSpans, pack_spans, unpack_spans


class RubricResult:
    """What a rubric says about one document.

    `score` is in [0, 1] with 1 = best (least boilerplate, best sourced, most restrained…).
    `features` are named numbers; `details` holds JSON-serialisable structure that is not a
    single number (per-line labels, an actor table), with rows as tuples (a tuple of plain
    values is immutable, and the cyclic GC stops tracking it). Immutable, like a frozen
    dataclass.

    Evidence travels between processes packed (see `scoring.core.wire`) and is unpacked only
    when `evidence` is first read: a pipeline that reads scores and flags (the gate, ranking, a
    DataFrame) never builds the spans.
    """

    __slots__ = ("rubric", "version", "score", "features", "_evidence", "_packed", "flags", "details")

    rubric: str
    version: str
    score: float
    features: Mapping[str, float]
    flags: tuple[Flag, ...]
    details: Mapping[str, Any]

    def __init__(
        self,
        rubric: str,
        version: str,
        score: float,
        features: Mapping[str, float] | None = None,
        evidence: tuple[Evidence, ...] = (),
        flags: tuple[Flag, ...] = (),
        details: Mapping[str, Any] | None = None,
    ) -> None:
        if not (isinstance(score, (int, float)) and math.isfinite(score)):
            raise ValueError(f"rubric {rubric!r} returned a non-finite score {score!r}")
        if not 0.0 <= score <= 1.0:
            raise ValueError(f"rubric {rubric!r} returned score {score} outside [0, 1]")
        _fill(self, rubric, version, score, {} if features is None else features, evidence, None, flags,
              {} if details is None else details)

    @property
    def evidence(self) -> tuple[Evidence, ...]:
        if self._packed is not None:
            object.__setattr__(self, "_evidence", unpack_spans(*self._packed))
            object.__setattr__(self, "_packed", None)
        return self._evidence

    @property
    def flag_names(self) -> tuple[str, ...]:
        return tuple(f.name for f in self.flags)

    def replace(self, **changes: Any) -> RubricResult:
        """A copy with some fields changed (as `dataclasses.replace`)."""
        fields = {name: getattr(self, name) for name in _RESULT_FIELDS}
        fields.update(changes)
        return RubricResult(**fields)

    def to_dict(self, text: str | None = None) -> dict[str, Any]:
        return {
            "score": round(float(self.score), 6),
            "version": self.version,
            "features": {k: json_number(v) for k, v in self.features.items()},
            "flags": [f.to_dict(text) for f in self.flags],
            "evidence": [e.to_dict(text) for e in self.evidence],
            **({"details": dict(self.details)} if self.details else {}),
        }

    def __setattr__(self, name: str, value: Any) -> None:
        raise AttributeError(f"RubricResult is immutable: cannot assign to {name!r}")

    def __delattr__(self, name: str) -> None:
        raise AttributeError(f"RubricResult is immutable: cannot delete {name!r}")

    def __eq__(self, other: object) -> bool:
        if type(other) is not RubricResult:
            return NotImplemented
        return all(getattr(self, n) == getattr(other, n) for n in _RESULT_FIELDS)

    __hash__ = None  # type: ignore[assignment]  # features and details are dicts

    def __repr__(self) -> str:
        args = ", ".join(f"{n}={getattr(self, n)!r}" for n in _RESULT_FIELDS)
        return f"RubricResult({args})"

    def __reduce__(self) -> tuple[Any, ...]:
        packed = self._packed if self._packed is not None else pack_spans(self._evidence)
        return _result_from_wire, (self.rubric, self.version, self.score, self.features, packed, self.flags,
                                   self.details)


_RESULT_FIELDS = ("rubric", "version", "score", "features", "evidence", "flags", "details")


def _result_from_wire(rubric: str, version: str, score: float, features: Mapping[str, float],
                      packed: PackedSpans, flags: tuple[Flag, ...], details: Mapping[str, Any]) -> RubricResult:
    # Trusted input (this package's own pickles): skip __init__'s checks, keep the spans packed.
    result = object.__new__(RubricResult)
    _fill(result, rubric, version, score, features, (), packed if packed[0] else None, flags, details)
    return result


def _fill(result: RubricResult, *values: Any) -> None:
    """Set every slot of a new RubricResult, in `__slots__` order (it is immutable afterwards)."""
    for name, value in zip(RubricResult.__slots__, values, strict=True):
        object.__setattr__(result, name, value)


def json_number(value: float) -> float | int | None:
    """A feature value as written into JSON: ints stay ints, floats are rounded, non-finite is null."""
    if isinstance(value, bool):
        return int(value)
    if isinstance(value, int):
        return value
    value = float(value)
    if not math.isfinite(value):
        return None
    return round(value, 6)
