"""Evaluation gate for the lean rubric on NewsMTSC devtest_mt (scripts/eval_tone.py prints the figures).

Pinned with a noise margin below the figures measured (lean 3.2, the mention's kind read (pronoun, role,
name), a name's own words not read as valence, the model retrained: coverage 0.986, rubric macro-F1 0.633, tone
model on the annotated span 0.636, sentence-level VADER 0.506; lean 3.1, other actors' names not read as valence,
0.986 / 0.630 / 0.633; lean 3.0, context weights shared across the sides of the mention, 0.986 / 0.638 /
0.643; lean 2.9, pronouns resolved by sex and to persons only, 0.986 / 0.639 / 0.641; lean 2.8, the target's own pronouns and repeated name no longer read as another
actor, had 0.986 / 0.643 / 0.647; lean 2.7 0.986 / 0.630 / 0.631, lean 2.6
0.986 / 0.631 / 0.634, lean 2.5 0.986 / 0.624 / 0.626, 2.4 0.986 / 0.623 / 0.624, 2.3 0.988 / 0.624, 2.0 0.586,
2.1 0.627 / 0.626). Settings of
the training grid that CV on train cannot tell apart move the span figure by up to ±0.008 here, hence 0.02.
Skips without ../shared.
"""

from __future__ import annotations

import pytest

from tests.conftest import REPO, load_script

TONE = REPO.parent / "shared" / "eval" / "tone" / "newsmtsc-devtest_mt.jsonl"
pytestmark = pytest.mark.skipif(not TONE.exists(), reason="../shared/eval/tone is not there")


@pytest.fixture(scope="module")
def figures() -> dict[str, float]:
    return load_script("eval_tone").evaluate("devtest_mt")


def test_discovery_finds_the_annotated_people(figures: dict[str, float]) -> None:
    assert figures["coverage"] >= 0.97
    assert figures["coverage_names"] >= 0.86


def test_tone_toward_each_mention_beats_sentence_tone(figures: dict[str, float]) -> None:
    assert figures["f1_rubric"] >= 0.62
    assert figures["f1_span"] >= 0.62
    assert figures["f1_rubric"] >= figures["f1_vader"] + 0.08
    assert figures["f1_rubric"] >= figures["f1_v1"] + 0.2


def test_pronouns_resolve_to_the_person_they_refer_to() -> None:
    # lean 2.9 to 3.2 on devtest_mt's 200 personal pronouns NewsMTSC links to a target: precision 0.713, recall 0.435;
    # the nearest name before the pronoun: 0.560 / 0.540 (lean 2.8, nearest person: 0.62 / 0.44).
    found = load_script("eval_tone").pronoun_resolution("devtest_mt")
    assert found["gold"] >= 150
    assert found["precision"] >= 0.68
    assert found["precision"] >= found["recency_precision"] + 0.10
    assert found["recall"] >= 0.40
