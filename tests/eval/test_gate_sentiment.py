"""Evaluation gate for the sentiment calibration on nyt-dev (printed by scripts/eval_sentiment.py).

Pinned: the out-of-fold Pearson r and sign macro-F1 of the calibrated polarity (10-fold cross-validation
grouped by article, as scripts/train_sentiment.py runs it: deterministic), with a margin for legitimate
small changes to lexicons or segmentation; and that the shipped model file is not stale.
"""

from __future__ import annotations

import sys

import numpy as np
import pytest

from tests.conftest import REPO, SHARED

DATA = SHARED / "eval" / "sentiment" / "nyt-dev.jsonl"
CV_R = 0.5634  # out of fold; plain VADER 0.5027, rubric 1.0 0.5031, 2.0 (no Pattern adjectives) 0.5561
CV_SIGN_F1 = 0.600  # plain VADER 0.576, rubric 2.0 0.587
MARGIN_R = 0.01
MARGIN_F1 = 0.015

pytestmark = pytest.mark.skipif(not DATA.exists(), reason="../shared/eval not present: nyt-dev.jsonl is needed")


@pytest.fixture(scope="module")
def evaluation() -> dict[str, object]:
    sys.path.insert(0, str(REPO / "scripts"))
    try:
        import train_sentiment as training
    finally:
        sys.path.remove(str(REPO / "scripts"))
    rows = training.load_rows()
    features, target, groups, previous = training.design(rows)
    out_of_fold, fold_coefs = training.cross_validate(features, target, groups)
    return {
        "training": training,
        "calibrated": training.figures(out_of_fold, target),
        "previous": training.figures(previous, target),
        "plain": training.figures(training.plain_vader(rows), target),
        "fold_coefs": fold_coefs,
    }


def test_calibrated_polarity_beats_vader_by_cross_validation(evaluation: dict) -> None:
    calibrated, plain, previous = evaluation["calibrated"], evaluation["plain"], evaluation["previous"]
    assert calibrated["pearson_r"] >= CV_R - MARGIN_R, calibrated
    assert calibrated["sign_macro_f1"] >= CV_SIGN_F1 - MARGIN_F1, calibrated
    assert calibrated["pearson_r"] >= max(plain["pearson_r"], previous["pearson_r"]) + 0.04


def test_coefficients_are_stable_across_folds(evaluation: dict) -> None:
    coefs = evaluation["fold_coefs"]
    assert np.all(np.sign(coefs) == np.sign(coefs.mean(axis=0)))  # no feature flips sign in any fold
    assert np.all(coefs.std(axis=0) <= 0.25 * np.abs(coefs.mean(axis=0)))


def test_shipped_model_is_the_one_the_script_trains(evaluation: dict) -> None:
    from rubrics.common.data import data_json
    from rubrics.sentiment.calibration import MODEL_FILE

    shipped = data_json(MODEL_FILE)["cv"]["calibrated"]
    assert shipped["pearson_r"] == pytest.approx(evaluation["calibrated"]["pearson_r"], abs=1e-3), (
        "rubrics/data/sentiment_calibration.json is stale: run scripts/train_sentiment.py"
    )
