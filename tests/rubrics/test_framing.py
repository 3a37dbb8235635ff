"""Framing rubric: contract, frames and loaded language in English, Chinese and mixed text."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from rubrics.framing.rubric import FramingRubric
from scoring.core.document import Document
from scoring.text.segment import Segmented

FRAMES = ("conflict", "economic", "responsibility", "human_interest", "morality")


def score(text: str):
    return FramingRubric().score(Segmented(Document(id="t", text=text, source="t")))


def test_conflict_frame_english() -> None:
    r = score("The rivalry escalated into a trade war as Washington imposed sanctions and Beijing retaliated.")
    assert r.details["dominant_frame"] == "conflict"
    assert sum(r.features[f"frame_{f}"] for f in FRAMES) == pytest.approx(1.0)


def test_economic_frame_chinese_traditional() -> None:
    r = score("關稅推高了成本,股市下跌,企業利潤和出口都受到影響。")
    assert r.details["dominant_frame"] == "economic"


def test_no_frame_all_zero() -> None:
    r = score("Zzz qqq.")
    assert r.details["dominant_frame"] is None
    assert all(r.features[f"frame_{f}"] == 0 for f in FRAMES)


def test_loaded_language_lowers_score_and_is_evidenced() -> None:
    plain = score("The council approved the budget on Monday after a vote of seven to two.")
    loaded = score("The radical, incompetent council shamelessly rammed through a disastrous budget, critics slammed.")
    assert loaded.features["loaded_count"] > plain.features["loaded_count"]
    assert loaded.score < plain.score
    texts = {loaded_text for e in loaded.evidence if e.label == "loaded"
             for loaded_text in ["The radical, incompetent council shamelessly rammed through a disastrous budget, critics slammed."[e.start:e.end]]}
    assert {"radical", "incompetent", "disastrous", "slammed"} <= texts


def test_loaded_language_chinese_and_mixed() -> None:
    r = score("美国疯狂打压中国,这种霸权行径极其荒谬。 Critics called it an outrageous smear.")
    labels = [e.label for e in r.evidence]
    assert labels.count("loaded") >= 4
    assert r.features["loaded_density"] > 5


@settings(max_examples=30, deadline=None)
@given(st.lists(st.sampled_from(["war", "tariff", "family", "moral", "blame", "radical", "冲突", "经济", " ", "。"]),
                max_size=40))
def test_distribution_sums_to_one_or_zero(words: list[str]) -> None:
    r = score(" ".join(words))
    total = sum(r.features[f"frame_{f}"] for f in FRAMES)
    assert total == pytest.approx(1.0) or total == 0.0
    assert (total == 0.0) == (r.details["dominant_frame"] is None)
