"""Evaluation gate for the lean audit against outlets' AllSides lean (scripts/eval_audit.py prints the figures).

The dev outlets' articles, left-rated outlets against right-rated ones (772 / 667 articles). Measured with
lean 3.2: 44 politicians compared; the sign of the left-minus-right tone agrees with the party for 0.591 of
them; the partisan gap (mean over Democrats minus mean over Republicans) is +0.052 (permutation p 0.16; lean
3.1: 0.568, +0.065; 3.0: 0.568, +0.070; 2.9: 0.591, +0.052; 2.8: 0.568, +0.058; 2.7: 0.545, +0.051);
the same audit with the sentence's VADER compound as the tone: 0.500 and +0.000. The gap is weak evidence
on its own; the margins below (two politicians' signs, 0.02 of gap) catch a discovery or tone change that
loses the politicians or the direction. Skips without ../shared.
"""

from __future__ import annotations

from typing import Any

import pytest

from tests.conftest import SHARED, load_script

pytestmark = [pytest.mark.slow, pytest.mark.skipif(
    not (SHARED / "eval" / "sources" / "articles-dev.jsonl").exists(), reason="../shared/eval/sources is not there")]


@pytest.fixture(scope="module")
def found() -> dict[str, dict[str, Any]]:
    return load_script("eval_audit").evaluate(jobs=2)


def test_the_audit_compares_the_politicians(found: dict[str, dict[str, Any]]) -> None:
    audit = found["lean audit (tone toward each person)"]
    assert audit["compared"] >= 40
    assert {"Donald Trump", "Hillary Clinton", "Barack Obama", "Joe Biden"} <= {r["actor"] for r in audit["rows"]}


def test_the_audits_tone_differences_follow_the_outlets_lean(found: dict[str, dict[str, Any]]) -> None:
    audit, sentence = found["lean audit (tone toward each person)"], found["same audit, sentence VADER as the tone"]
    assert audit["agree"] >= 0.50
    assert audit["gap"] >= 0.03
    assert audit["gap"] >= sentence["gap"] + 0.02
