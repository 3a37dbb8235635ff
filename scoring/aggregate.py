"""Combining rubric scores into one document score.

Document score = weighted mean of the rubric scores (weights from the profile; a rubric
with weight 0 runs and is reported but does not count), then capped: each flag listed in
the profile's `flag_caps` limits the score to its cap, so a link farm cannot be rescued by
good sourcing elsewhere in the page.
"""

from __future__ import annotations

from collections.abc import Mapping

from scoring.profile import Profile
from scoring.rubric import RubricResult


def document_score(results: Mapping[str, RubricResult], profile: Profile) -> float | None:
    total = 0.0
    weight_sum = 0.0
    for name, result in results.items():
        weight = profile.weights.get(name, 0.0)
        total += weight * result.score
        weight_sum += weight
    if weight_sum == 0:
        return None
    score = total / weight_sum
    for flag in all_flags(results):
        cap = profile.flag_caps.get(flag)
        if cap is not None:
            score = min(score, cap)
    return round(score, 6)


def all_flags(results: Mapping[str, RubricResult]) -> tuple[str, ...]:
    """Every flag raised by any rubric, in rubric order, without repeats."""
    seen: dict[str, None] = {}
    for result in results.values():
        for flag in result.flags:
            seen.setdefault(flag.name, None)
    return tuple(seen)
