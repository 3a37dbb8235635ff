"""Combining rubric scores into one document score.

For a document with rubric scores s_r (each in [0, 1], 1 = best) and profile weights w_r:

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
"""

from __future__ import annotations

from collections.abc import Mapping

from scoring.engine.profile import Profile
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
