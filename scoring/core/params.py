"""Declared constraints on rubric parameters, checked when a profile loads.

In the scikit-learn manner: a rubric lists, for each keyword parameter of its constructor, what
values it accepts (`parameter_constraints`), and a profile whose `[params.<rubric>]` table breaks
one is refused at load with the key named, instead of failing inside every document.
"""

from __future__ import annotations

import math
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any


class Constraint:
    """One rule for a parameter value; `problem(value)` says what is wrong, or None."""

    def problem(self, value: Any) -> str | None:  # pragma: no cover - interface
        raise NotImplementedError


@dataclass(frozen=True)
class Interval(Constraint):
    """A finite int or float in [low, high] (either bound may be None: unbounded)."""

    kind: type
    low: float | None = None
    high: float | None = None

    def problem(self, value: Any) -> str | None:
        accepted = (int,) if self.kind is int else (int, float)
        if isinstance(value, bool) or not isinstance(value, accepted):
            return f"must be {'an integer' if self.kind is int else 'a number'}, got {value!r}"
        if not math.isfinite(value):
            return f"must be finite, got {value!r}"
        if (self.low is not None and value < self.low) or (self.high is not None and value > self.high):
            lo = "-inf" if self.low is None else f"{self.low:g}"
            hi = "inf" if self.high is None else f"{self.high:g}"
            return f"must be in [{lo}, {hi}], got {value!r}"
        return None


@dataclass(frozen=True)
class OneOf(Constraint):
    options: tuple[Any, ...]

    def problem(self, value: Any) -> str | None:
        # `True in (1, 2)` holds in Python: a bool is only accepted where a bool is listed.
        matches = any(value == o and isinstance(value, bool) == isinstance(o, bool) for o in self.options)
        return None if matches else f"must be one of {', '.join(map(repr, self.options))}, got {value!r}"


@dataclass(frozen=True)
class InstanceOf(Constraint):
    kinds: tuple[type, ...]

    def problem(self, value: Any) -> str | None:
        if isinstance(value, self.kinds) and not (isinstance(value, bool) and bool not in self.kinds):
            return None
        return f"must be {' or '.join(k.__name__ for k in self.kinds)}, got {value!r}"


@dataclass(frozen=True)
class FilePath(Constraint):
    """A path to a readable file. A profile resolves relative paths against its own folder
    before checking; `check` (optional) reads the file and raises ValueError when it is malformed."""

    check: Callable[[Path], None] | None = None

    def problem(self, value: Any) -> str | None:
        if not isinstance(value, (str, Path)) or not str(value):
            return f"must be a file path, got {value!r}"
        path = Path(value)
        if not path.is_file():
            return f"no such file: {path}"
        if self.check is not None:
            try:
                self.check(path)
            except (OSError, ValueError, UnicodeDecodeError) as exc:
                return f"{path}: {exc}"
        return None


@dataclass(frozen=True)
class NoneOr(Constraint):
    """None, or a value the inner constraint accepts."""

    inner: Constraint

    def problem(self, value: Any) -> str | None:
        return None if value is None else self.inner.problem(value)


def parameter_problems(constraints: dict[str, Constraint], params: dict[str, Any]) -> list[tuple[str, str]]:
    """(parameter, what is wrong) for every value in `params` its constraint refuses."""
    out: list[tuple[str, str]] = []
    for key, value in params.items():
        rule = constraints.get(key)
        if rule is not None:
            message = rule.problem(value)
            if message is not None:
                out.append((key, message))
    return out
