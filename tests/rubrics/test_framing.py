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


# --- lexicon audit -------------------------------------------------------------------------

def _english_stop_words() -> frozenset[str]:
    from sklearn.feature_extraction.text import ENGLISH_STOP_WORDS

    from rubrics.common.data import function_words

    return frozenset(ENGLISH_STOP_WORDS) | function_words().en


# Chinese function words: the project's function characters, plus closed-class words of two or more
# characters (pronouns, conjunctions, prepositions, modal verbs, degree adverbs, as in Li & Thompson 1981).
_ZH_FUNCTION_WORDS = frozenset(
    "我们 你们 他们 她们 它们 自己 这个 那个 这些 那些 这样 那样 这里 那里 什么 怎么 怎样 为什么 因为 所以 但是 可是 然而 "
    "而且 并且 或者 还是 如果 虽然 即使 尽管 只要 只有 因此 于是 然后 以及 而是 不是 就是 已经 正在 曾经 可以 可能 能够 "
    "应该 应当 必须 需要 非常 十分 特别 比较 更加 很多 一些 一个 没有 不会 不能 对于 关于 根据 按照 通过 由于 为了 除了 "
    "之后 之前 以后 以前 时候 进行 表示".split()
)


def _all_framing_cues():
    from rubrics.framing.lexicon import frame_cues, loaded_cues

    return frame_cues() + loaded_cues()


def test_no_cue_is_a_stop_word() -> None:
    # The 1.0 frame lexicon had "and" as a morality cue ("right and wrong" split in three): 39% of
    # all frame hits on BBC. A cue must be a content word or a phrase.
    from rubrics.common.data import function_words

    stop_en = _english_stop_words()
    stop_zh = function_words().zh | _ZH_FUNCTION_WORDS
    bad = [c.pattern for c in _all_framing_cues() if c.pattern.rstrip("*") in stop_en | stop_zh]
    assert bad == []
    # A run-on stem shorter than four letters runs into unrelated words (an* -> and, any).
    assert [c.pattern for c in _all_framing_cues() if c.pattern.endswith("*") and len(c.pattern) < 5] == []


def test_the_stop_word_check_can_fail() -> None:
    assert "and" in _english_stop_words() and "should" in _english_stop_words()
    assert {"应该", "非常"} <= _ZH_FUNCTION_WORDS


def test_multi_word_cues_match_as_one_phrase() -> None:
    from rubrics.common.cues import CueMatcher

    for family in ("frame", "loaded"):
        cues = [c for c in _all_framing_cues() if c.label == family]
        matcher = CueMatcher(cues)
        for cue in cues:
            phrase = cue.pattern.rstrip("*")
            if " " not in phrase:
                continue
            spans = {(m.start, m.end) for m in matcher.find(phrase)}
            assert spans == {(0, len(phrase))}, cue.pattern


def test_right_and_wrong_is_one_morality_cue_and_and_is_none() -> None:
    r = score("Children learn the difference between right and wrong.")
    morality = [e for e in r.evidence if e.label == "frame:morality"]
    assert len(morality) == 1 and morality[0].end - morality[0].start == len("right and wrong")
    assert score("Bread and butter and jam.").details["dominant_frame"] is None


def test_a_pattern_is_either_a_stem_or_a_word_within_a_family() -> None:
    # The matcher keeps one run-on flag per pattern: "corrupt" beside "corrupt*" would run on too.
    from rubrics.common.cues import fold

    for family in ("frame", "loaded"):
        kinds: dict[str, set[bool]] = {}
        for c in _all_framing_cues():
            if c.label == family:
                kinds.setdefault(fold(c.pattern.rstrip("*")), set()).add(c.pattern.endswith("*"))
        assert [k for k, v in kinds.items() if len(v) > 1] == [], family


@pytest.mark.parametrize("text", [
    "It is important to import goods.",  # import* took "important"
    "The investigation continues.",  # invest* took "investigation"
    "On the opposite bank, morale was high.",  # oppos*, moral* (sport)
    "He bought a mobile phone at home.",  # mob* took "mobile"; home* was human interest
])
def test_stems_do_not_run_into_unrelated_words(text: str) -> None:
    r = score(text)
    hit = {text[e.start:e.end].lower() for e in r.evidence}
    assert not hit & {"important", "investigation", "opposite", "morale", "mobile", "home"}


# --- loaded language in context --------------------------------------------------------------

def _loaded(text: str) -> list[str]:
    r = score(text)
    return [text[e.start:e.end] for e in r.evidence if e.label == "loaded"]


def test_describing_words_are_not_loaded_but_evaluating_ones_are() -> None:
    assert _loaded("Protesters warned that the crisis killed a major employer.") == []
    assert set(_loaded("The absurd, reckless plan is a fiasco, and its backers bragged.")) == {
        "absurd", "reckless", "fiasco", "bragged"}


def test_quoted_words_are_the_speakers() -> None:
    assert _loaded('The mayor said: "This is a disgraceful, reckless decision."') == []
    assert _loaded("Protesters called the lockdown “tyranny”.") == []
    assert _loaded("This disgraceful, reckless decision.") == ["disgraceful", "reckless"]


def test_capitalised_names_are_not_loaded_but_headlines_are() -> None:
    assert _loaded("He joined the Radical Party in 2019 and marched with Black Lives Matter.") == []
    assert _loaded("Radical plans were tabled.") == ["Radical"]  # sentence-initial: not a name
    assert _loaded("Bernie Sanders Is Crazy, But The Only Democrat Left") == ["Crazy"]


def test_reported_speech_halves_the_weight() -> None:
    from rubrics.framing.context import REPORTED_SPEECH_FACTOR

    def weights(text: str) -> list[float]:
        return [e.weight for e in score(text).evidence if e.label == "loaded"]

    assert weights("The plan is reckless.") == [1.0]
    assert weights("Critics said the plan is reckless.") == [REPORTED_SPEECH_FACTOR]
    assert weights("The reckless plan, critics said.") == [1.0]  # before the verb: the outlet's words


def test_neutral_phrases_take_the_descriptive_sense_out() -> None:
    assert _loaded("She won a grand slam after the natural disaster.") == []
    assert _loaded("The summit was a disaster and he slammed it.") == ["disaster", "slammed"]


def test_vader_adds_negative_evaluative_adjectives_not_listed() -> None:
    from rubrics.framing.lexicon import VADER_CATEGORY, loaded_cues

    vader = {c.pattern for c in loaded_cues() if c.category == VADER_CATEGORY}
    assert "gullible" in vader and "badly" not in vader and "wonderful" not in vader
    assert _loaded("Voters are gullible.") == ["gullible"]


def test_a_loaded_phrase_does_not_hide_a_frame_cue() -> None:
    r = score("The war on drugs failed.")
    assert r.details["dominant_frame"] == "conflict"
    assert [e.label for e in r.evidence] == ["frame:conflict", "loaded"]  # "war", then "war on"


def test_loaded_sentence_weight_marks_one_strong_or_two_weak_cues() -> None:
    from rubrics.framing.rubric import LOADED_SENTENCE_WEIGHT, loaded_weights_by_sentence

    seg = Segmented(Document(id="t", text="The plan is absurd. The plan is on paper. Critics said it was absurd.",
                             source="t"))
    weights = loaded_weights_by_sentence(seg)
    assert weights[0] >= LOADED_SENTENCE_WEIGHT > weights[1] == 0.0
    assert weights[2] < weights[0]
