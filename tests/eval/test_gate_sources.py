"""Evaluation gate for the source ranking: the figures scripts/eval_sources.py prints, with a margin.

Dev outlets of ../shared/eval/sources (42 outlets, 2,110 articles), Spearman over outlets of the source
score (10% trimmed mean of document scores) against each rating, grouped CV by outlet (GroupKFold(6),
five seeds, mean of the pooled figures) as printed when the model was last trained. The ranking is the one
`sourcegauge rank` gives: the model's document scores after the default profile's flag caps.

    ranking (model + flag caps): NewsGuard (20 outlets) +0.701, MBFC factual (40) +0.445, idiap label (42)
    +0.568, average rank (42) +0.560; in `rank`'s order (by the lower bound of each outlet's interval)
    +0.693 / +0.417 / +0.563 / +0.541; the model alone, before the caps: +0.698 / +0.468 / +0.588 / +0.586;
    shipped model with the caps, in-sample: +0.782 / +0.561 / +0.656 / +0.662; equal-weight profile +0.145
    on the average rank, mean article length +0.401.

Until the link-farm and advertisement-marker changes of this model (2026-12-06) the caps were left out of
this evaluation, which then measured the model alone (+0.586) while `rank` gave +0.514.

The pipeline is deterministic; the margins (0.04, 0.06 for NewsGuard's 20 outlets) absorb small changes to
the rubrics the model reads. A drop past them means a rubric changed what a feature or a flag measures:
retrain (scripts/train_quality.py), rerun scripts/eval_sources.py and re-pin these figures. The in-sample
check catches a shipped model whose means and scales no longer match the rubrics.
"""

from __future__ import annotations

from typing import Any

import pytest

from tests.conftest import SHARED, load_script

pytestmark = pytest.mark.slow

RANKING = "source-quality model with flag caps (as `rank` scores), grouped CV"
IN_RANK_ORDER = "the same, outlets in `rank`'s order (lower bound of the 95% interval)"
BEFORE_CAPS = "the model alone, before flag caps, grouped CV"
SHIPPED = "shipped default model with flag caps, in-sample"


@pytest.fixture(scope="module")
def rows() -> dict[str, dict[str, Any]]:
    if not (SHARED / "eval" / "sources" / "articles-dev.jsonl").exists():
        pytest.skip("../shared/eval/sources not present: the source-quality gate needs the dev outlets")
    ev = load_script("eval_sources")
    table = ev.sq.feature_table(ev.training_profile(), jobs=2)
    found = ev.evaluate(table, plain_ridge=False)
    return {name: {c: v[0] for c, v in row["figures"].items()} for name, row in found.items()}


def test_grouped_cv_agreement_with_each_rating(rows: dict[str, dict[str, Any]]) -> None:
    ours = rows[RANKING]
    assert ours["avg_rank"] >= 0.520
    assert ours["newsguard"] >= 0.641
    assert ours["mbfc"] >= 0.405
    assert ours["idiap"] >= 0.528
    ordered = rows[IN_RANK_ORDER]
    assert ordered["avg_rank"] >= 0.501 and ordered["mbfc"] >= 0.377
    alone = rows[BEFORE_CAPS]
    assert alone["avg_rank"] >= 0.546 and alone["mbfc"] >= 0.428


def test_the_shipped_model_matches_the_rubrics_it_reads(rows: dict[str, dict[str, Any]]) -> None:
    shipped = rows[SHIPPED]
    assert shipped["avg_rank"] >= 0.62 and shipped["mbfc"] >= 0.515


def test_the_model_beats_the_baselines(rows: dict[str, dict[str, Any]]) -> None:
    ours = rows[RANKING]["avg_rank"]
    assert ours >= rows["equal-weight profile"]["avg_rank"] + 0.3
    assert ours >= rows["mean article length"]["avg_rank"] + 0.1
