"""Hedging rubric: contract, hand-written en/zh/mixed sentences, seeds, properties."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from rubrics.common.cues import Cue, CueMatcher, fold
from rubrics.hedging import HedgingRubric, find_cues
from scoring.core.document import Document
from scoring.text.segment import Segmented
from tests.conftest import SEEDS


def _seg(text: str) -> Segmented:
    return Segmented(Document(id="t", text=text, source="test"))


def _cues(text: str) -> list[tuple[str, str]]:
    return [(text[m.start:m.end], m.cue.label) for m in find_cues(_seg(text))]


def _labels(text: str) -> list[tuple[bool, bool]]:
    return [(s.hedged, s.boosted) for s in HedgingRubric().sentence_labels(_seg(text))]


def test_english_hedges_and_boosters() -> None:
    assert _labels("The plan may well fail. The plan failed.") == [(True, False), (False, False)]
    assert _labels("It will certainly be clear to everyone.") == [(False, True)]
    assert ("reportedly", "hedge") in _cues("The firm reportedly cut 300 jobs.")
    assert ("It is believed", "hedge") in _cues("It is believed that he left.")


def test_english_disambiguation() -> None:
    # The month is not a modal; "about" is an approximator only before a number.
    assert _labels("He resigned in May 2005.") == [(False, False)]
    assert _cues("They talked about politics.") == []
    assert ("About", "hedge") in _cues("About 300 people came.")
    # Word boundaries: "may" inside "dismay" is no cue.
    assert _cues("To his dismay, the vote passed.") == []


def test_chinese_hedges_and_boosters() -> None:
    assert _labels("据悉，该公司可能会继续投入。") == [(True, False)]
    assert _labels("这显然是不可能的。") == [(False, True)]
    found = _cues("这是一个较大的问题，很多人认为它很难解决。")
    assert ("较", "hedge") in found and ("很多", "hedge") in found and ("认为", "hedge") in found


def test_chinese_single_character_cues_need_token_boundaries() -> None:
    # 约 inside 条约 (treaty) and 常 inside 非常 must not fire.
    assert not any(text == "约" for text, _ in _cues("两国签署了和平条约。"))
    assert not any(text == "常" for text, _ in _cues("他非常高兴。"))


def test_traditional_chinese_is_folded() -> None:
    assert ("據悉", "hedge") in _cues("據悉，華為或許會繼續投入。")
    assert ("或許", "hedge") in _cues("據悉，華為或許會繼續投入。")


def test_mixed_line() -> None:
    text = "美国政府可能会继续限制出口。The Financial Times said it was likely."
    labels = _labels(text)
    assert labels and all(h for h, _ in labels)


def test_seed_003_boosters_and_hedges() -> None:
    text = (SEEDS / "003_6d16e24057d56e23.txt").read_text(encoding="utf-8")
    result = HedgingRubric().score(_seg(text))
    spans = {text[e.start:e.end] for e in result.evidence}
    # The seed's own overstatements and its hedged passages.
    assert {"impossible", "顯而易見"} <= spans
    assert "可能" in spans and "likely" in spans
    assert result.features["booster_sentence_share"] > 0


def test_score_prefers_calibrated_text() -> None:
    calibrated = ("Officials said the plan could cut costs. It was announced on Monday. The budget was set. "
                  "Staff were told on Friday.")
    overconfident = ("This will certainly work. It is clearly the best plan. Undoubtedly it will succeed. "
                     "Everyone knows it is impossible to stop.")
    r = HedgingRubric()
    a, b = r.score(_seg(calibrated)), r.score(_seg(overconfident))
    assert a.score > b.score
    assert "overconfident" in b.flag_names


def test_matcher_longest_match_and_fold() -> None:
    m = CueMatcher([Cue("believed", "hedge"), Cue("it is believed", "hedge"), Cue("可能", "hedge"),
                    Cue("不可能", "booster")])
    found = [(x.start, x.end, x.cue.pattern) for x in m.find("It is believed. 他不可能去。", None)]
    assert found == [(0, 14, "it is believed"), (17, 20, "不可能")]
    assert len(fold("İstanbul 據報導")) == len("İstanbul 據報導")


@settings(max_examples=40, deadline=None)
@given(st.lists(st.sampled_from(["The plan may fail.", "It failed.", "这显然是对的。", "可能会下雨。", "Clearly so.",
                                 "\n", "About 3 people.", "据悉"]), max_size=12).map(" ".join))
def test_shares_bounded_and_evidence_is_cue_text(text: str) -> None:
    result = HedgingRubric().score(_seg(text))
    f = result.features
    assert 0.0 <= f["hedged_sentence_share"] <= 1.0
    assert 0.0 <= f["booster_sentence_share"] <= 1.0
    assert f["hedges"] + f["boosters"] == len(result.evidence)
    for e in result.evidence:
        assert e.label in ("hedge", "booster") and text[e.start:e.end].strip()
