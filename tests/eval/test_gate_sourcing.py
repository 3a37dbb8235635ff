"""Evaluation gate for the sourcing rubric: PolNeAR figures printed by scripts/eval_sourcing.py.

Measured (rubric 2.0): dev sentence precision 0.936, recall 0.750, macro-F1 0.832; dev Spearman of
attributions_with_stances_per_1k_tokens 0.700 (train 0.643). Each is pinned with a margin for
noise: a change that loses more than the margin is a regression to explain. Both compartments are
evaluated (train is ten times larger, so its correlation is the steadier of the two). PolNeAR is
evaluation only: nothing is fitted on it.
"""

from __future__ import annotations

import pytest

from tests.conftest import SHARED, load_script

POLNEAR = SHARED / "eval" / "sourcing" / "articles-dev.jsonl"
pytestmark = pytest.mark.skipif(not POLNEAR.is_file(), reason="../shared/eval/sourcing not present")



@pytest.fixture(scope="module")
def figures() -> dict[str, dict]:
    return load_script("eval_sourcing").polnear_figures()


def test_sentence_detection_dev(figures: dict[str, dict]) -> None:
    rubric = figures["dev"]["sentences"]["rubric"]
    assert rubric["macro_f1"] >= 0.80  # measured 0.832; target 0.75
    assert rubric["precision"] >= 0.90  # measured 0.936
    assert rubric["recall"] >= 0.71  # measured 0.750 (rubric 1.0: 0.511)
    assert rubric["macro_f1"] > figures["dev"]["sentences"]["regex"]["macro_f1"] + 0.10


def test_sentence_detection_train(figures: dict[str, dict]) -> None:
    assert figures["train"]["sentences"]["rubric"]["macro_f1"] >= 0.80  # measured 0.830


def test_density_ranks_articles_like_the_gold(figures: dict[str, dict]) -> None:
    dev = figures["dev"]["spearman"]
    train = figures["train"]["spearman"]
    kept = "attributions_with_stances_per_1k_tokens"
    assert dev[kept] >= 0.65  # measured 0.700; target 0.65
    assert train[kept] >= 0.61  # measured 0.643
    # The kept variant is the best of those compared, on train as on dev, and beats the regex.
    for split in (dev, train):
        assert split[kept] == max(split.values())
        assert split[kept] > split["regex"] + 0.1
