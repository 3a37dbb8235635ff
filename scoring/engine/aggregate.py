"""Combining rubric results into one document score.

With a fitted model (the profile's `model`, scoring.engine.model), the base score is the model's
output over named rubric features: base = clip(intercept + sum of contributions, 0, 1), one
contribution per model feature ("rubric.feature", signed, 0 for a feature not measured on this
document or not defined for its language), `baseline` = the intercept. Flag caps then apply as
below. Without a model, for a document with rubric scores s_r (each in [0, 1], 1 = best) and
profile weights w_r:

    base  = sum_r w_r * s_r / sum_r w_r        over the rubrics that produced a result
    score = min(base, min_{f in flags} cap_f)  over the flags listed in [flag_caps]

- A rubric with weight 0 runs and is reported but does not count.
- A rubric that failed on the document (see `rubric_errors`) is left out of both sums, so
  the score is the weighted mean of what could be measured; the error is in the record.
- No rubric with a positive weight produced a result: the score is None.
- Caps, not penalties: a link farm (`link_farm`), mojibake or keyword stuffing limits the
  score however well the rest of the page reads, because the rest of the page cannot make
  it a trustworthy article. Flags without a cap are reported and counted in flag rates only.
- Rounded to 6 decimals so records are stable across platforms.

`score_breakdown` returns the whole story (`ScoreBreakdown`): the base score, the flag whose cap
applied (if any) and the contributions: each rubric's w_r·s_r / Σw (baseline 0), or each model
feature's signed part (baseline = the model's intercept). In both cases baseline + the sum of
the contributions is the base score (for a model, before clipping into [0, 1]), so a report can
say why a document scored what it did.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field

from scoring.core.result import RubricResult
from scoring.engine.profile import Profile


@dataclass(frozen=True)
class ScoreBreakdown:
    """How a document score came about."""

    score: float | None  # the document score (after caps), or None when no weighted rubric ran
    base: float | None  # before any flag cap
    capped_by: str | None = None  # the flag whose cap set the score, when a cap lowered it
    cap: float | None = None
    # Signed parts of the base score: per rubric (weighted mean; weight-0 rubrics are absent) or
    # per model feature ("rubric.feature"). baseline + sum(contributions) = base (before clipping).
    contributions: dict[str, float] = field(default_factory=dict)
    baseline: float = 0.0


def score_breakdown(results: Mapping[str, RubricResult], profile: Profile, lang: str = "en") -> ScoreBreakdown:
    """How the document's score comes about; `lang` (the document's language) decides which model
    features apply (ignored by the weighted mean)."""
    baseline = 0.0
    if profile.model is not None:
        model_base, parts = profile.model.apply(results, lang)
        if model_base is None:
            return ScoreBreakdown(None, None)
        base, baseline = model_base, profile.model.intercept
    else:
        weight_sum = sum(profile.weights.get(name, 0.0) for name in results)
        if weight_sum == 0:
            return ScoreBreakdown(None, None)
        parts = {name: profile.weights[name] * result.score / weight_sum for name, result in results.items()
                 if profile.weights.get(name, 0.0) > 0}
        base = sum(parts.values())
    score, capped_by, cap_value = base, None, None
    flag, cap = lowest_cap(all_flags(results), profile.flag_caps)
    if cap is not None and cap < score:
        score, capped_by, cap_value = cap, flag, cap
    return ScoreBreakdown(round(score, 6), round(base, 6), capped_by, cap_value,
                          {name: round(part, 6) for name, part in parts.items()}, round(baseline, 6))


def lowest_cap(flags: Iterable[str], caps: Mapping[str, float]) -> tuple[str | None, float | None]:
    """The first of `flags` with the lowest cap in `caps`, and that cap; (None, None) when none has one."""
    found: tuple[str | None, float | None] = (None, None)
    for flag in flags:
        cap = caps.get(flag)
        if cap is not None and (found[1] is None or cap < found[1]):
            found = (flag, cap)
    return found


def document_score(results: Mapping[str, RubricResult], profile: Profile, lang: str = "en") -> float | None:
    return score_breakdown(results, profile, lang).score


def all_flags(results: Mapping[str, RubricResult]) -> tuple[str, ...]:
    """Every flag raised by any rubric, in rubric order, without repeats."""
    seen: dict[str, None] = {}
    for result in results.values():
        for flag in result.flags:
            seen.setdefault(flag.name, None)
    return tuple(seen)
