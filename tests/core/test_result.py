"""RubricResult and the Rubric base: bounded, immutable, a NaN score is a rubric bug."""

from __future__ import annotations

import math

import pytest

from scoring.core.document import Document
from scoring.rubric import Rubric, RubricResult, Segmented


class FixedScore(Rubric):
    name = "fixed"
    version = "1"

    def __init__(self, value: float = 0.5) -> None:
        self.value = value

    def score(self, seg: Segmented) -> RubricResult:
        return self.result(self.value)


@pytest.mark.parametrize("value", [math.nan, math.inf, -math.inf])
def test_a_non_finite_score_raises_instead_of_passing_for_zero(value: float) -> None:
    with pytest.raises(ValueError, match="non-finite"):
        FixedScore(value).score(Segmented(Document("d", "text")))


def test_finite_scores_are_clamped_into_the_unit_interval() -> None:
    seg = Segmented(Document("d", "text"))
    assert FixedScore(1.7).score(seg).score == 1.0
    assert FixedScore(-2).score(seg).score == 0.0


def test_the_engine_records_a_nan_score_as_that_rubric_s_error(monkeypatch) -> None:
    from scoring.engine import pipeline

    scorer = pipeline.Scorer("default", rubrics=["hedging"])
    scorer.rubrics.append(FixedScore(math.nan))
    result = scorer.score(Document("d", "The plan may be delayed."))
    assert "fixed" in result.rubric_errors and "non-finite" in result.rubric_errors["fixed"]
    assert "hedging" in result.results


def test_results_are_immutable() -> None:
    result = RubricResult("r", "1", 0.5)
    with pytest.raises(AttributeError):
        result.score = 0.1  # type: ignore[misc]
