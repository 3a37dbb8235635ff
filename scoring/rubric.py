"""The rubric interface: a small class from a segmented document to a result.

A rubric's constructor only stores its keyword parameters (scikit-learn style, so they
can be listed with `get_params()`, compared and written into every output). Lexicons and
models load once per process, lazily, never per document.
"""

from __future__ import annotations

import inspect
import math
from array import array
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from itertools import repeat
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


class RubricResult:
    """What a rubric says about one document.

    `score` is in [0, 1] with 1 = best (least boilerplate, best sourced, most restrained…).
    `features` are named numbers; `details` holds JSON-serialisable structure that is not a
    single number (per-line labels, an actor table), with rows as tuples (a tuple of plain
    values is immutable, and the cyclic GC stops tracking it). Immutable, like a frozen
    dataclass.

    Evidence travels between processes packed: pickling sends one bytes object of offsets
    and one of weights per rubric instead of ~15 span tuples, and the receiving process
    unpacks them only when `evidence` is first read. A pipeline that reads scores and flags
    (the gate, ranking, a DataFrame) never builds them; rebuilding and GC-tracking ~100 spans
    per article was most of what the parent of a worker pool spent per document.
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
            object.__setattr__(self, "_evidence", _unpack_spans(*self._packed))
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
            "features": {k: _json_number(v) for k, v in self.features.items()},
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
        packed = self._packed if self._packed is not None else _pack_spans(self._evidence)
        return _result_from_wire, (self.rubric, self.version, self.score, self.features, packed, self.flags,
                                   self.details)


_RESULT_FIELDS = ("rubric", "version", "score", "features", "evidence", "flags", "details")
_PackedSpans = tuple[tuple[str, ...], bytes, bytes]


def _pack_spans(spans: tuple[Evidence, ...]) -> _PackedSpans:
    """(labels, every start then every end as int64, weights as float64 or b"" when all are 1.0)."""
    if not spans:
        return (), b"", b""
    starts, ends, labels, weights = zip(*spans, strict=True)  # transposed in C: twice as fast as a loop per span
    offsets = array("q", starts)
    offsets.extend(ends)
    all_one = weights.count(1.0) == len(weights)
    return labels, offsets.tobytes(), b"" if all_one else array("d", weights).tobytes()


def _unpack_spans(labels: tuple[str, ...], offsets: bytes, weights: bytes) -> tuple[Evidence, ...]:
    bounds = array("q")
    bounds.frombytes(offsets)
    n = len(labels)
    weight_values: Sequence[float] = (1.0,) * n
    if weights:
        weight_values = array("d")
        weight_values.frombytes(weights)
    rows = zip(bounds[:n], bounds[n:], labels, weight_values, strict=True)
    return tuple(map(tuple.__new__, repeat(Evidence, n), rows))


def _result_from_wire(rubric: str, version: str, score: float, features: Mapping[str, float],
                      packed: _PackedSpans, flags: tuple[Flag, ...], details: Mapping[str, Any]) -> RubricResult:
    # Trusted input (this package's own pickles): skip __init__'s checks, keep the spans packed.
    result = object.__new__(RubricResult)
    _fill(result, rubric, version, score, features, (), packed if packed[0] else None, flags, details)
    return result


def _fill(result: RubricResult, *values: Any) -> None:
    """Set every slot of a new RubricResult, in `__slots__` order (it is immutable afterwards)."""
    for name, value in zip(RubricResult.__slots__, values, strict=True):
        object.__setattr__(result, name, value)


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
