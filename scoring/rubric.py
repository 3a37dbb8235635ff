"""The rubric interface: a small class from a segmented document to a result.

A rubric has a `name`, a `version`, a constructor that only stores its keyword parameters
(scikit-learn style: listed by `get_params()`, compared and hashed into every profile), the
constraints those parameters must meet (`parameter_constraints`, checked when a profile loads),
and one method, `score(seg) -> RubricResult`. Lexicons and models load once per process,
lazily, never per document. Third-party rubrics register under the `sourcegauge.rubrics`
entry-point group exactly as the built-ins do; `scoring.testing.check_rubric` is the contract.
"""

from __future__ import annotations

import inspect
import math
from collections.abc import Mapping
from typing import Any, ClassVar

from scoring.core.evidence import Evidence, Flag
from scoring.core.params import Constraint, FilePath, InstanceOf, Interval, NoneOr, OneOf
from scoring.core.result import RubricResult
from scoring.text.segment import Segmented

__all__ = ["Constraint", "Evidence", "FilePath", "Flag", "InstanceOf", "Interval", "NoneOr", "OneOf", "Rubric",
           "RubricResult", "Segmented"]


class Rubric:
    """Base class for rubrics. Subclasses set `name` and `version` and implement `score`.

    Subclasses declare their parameters as keyword arguments of `__init__` and store each
    under the same attribute name; `__init__` must do nothing else.
    """

    name: ClassVar[str] = ""
    version: ClassVar[str] = "0"
    description: ClassVar[str] = ""
    # parameter name -> what values it accepts (scoring.core.params); checked at profile load.
    parameter_constraints: ClassVar[dict[str, Constraint]] = {}
    # Every feature name `score` may return (empty: not declared). A profile's fitted model can only
    # read features of rubrics that declare them, so a model naming a feature no rubric produces is
    # refused at load; check_rubric holds a rubric to its declaration.
    feature_names: ClassVar[tuple[str, ...]] = ()

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
        """Build this rubric's result, clamping the score into [0, 1].

        A NaN or infinite score is a bug in the rubric, not a bad document: it raises (and the
        engine records a rubric error for that document) instead of passing for 0.0.
        """
        if not math.isfinite(score):
            raise ValueError(f"rubric {self.name!r} computed a non-finite score {score!r}")
        return RubricResult(
            rubric=self.name,
            version=self.version,
            score=min(1.0, max(0.0, float(score))),
            features=dict(features or {}),
            evidence=tuple(evidence),
            flags=tuple(flags),
            details=dict(details or {}),
        )

    def __repr__(self) -> str:
        args = ", ".join(f"{k}={v!r}" for k, v in self.get_params().items())
        return f"{type(self).__name__}({args})"
