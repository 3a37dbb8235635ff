"""Sentiment rubric: contract, English/Chinese/mixed sentences, evidence, nyt-dev check."""

from __future__ import annotations

import json

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from rubrics.sentiment.rubric import SentimentRubric, sentence_compounds
from scoring.core.document import Document
from scoring.text.segment import Segmented
from tests.conftest import SEEDS, SHARED


def seg_of(text: str) -> Segmented:
    return Segmented(Document(id="t", text=text, source="t"))


def test_english_polarity_and_restraint() -> None:
    rubric = SentimentRubric()
    glowing = rubric.score(seg_of("This is a wonderful, brilliant triumph. We love this amazing success!"))
    neutral = rubric.score(seg_of("The committee met on Tuesday. The report has twelve pages."))
    grim = rubric.score(seg_of("It was a horrible, disgusting disaster. The attack killed many."))
    assert glowing.features["mean_compound"] > 0.5 > grim.features["mean_compound"] + 1
    assert neutral.score > glowing.score and neutral.score > grim.score
    assert glowing.features["positive_share"] == 1.0 and grim.features["negative_share"] == 1.0


def test_chinese_negation_and_degree_words() -> None:
    compounds = [sentence_compounds(seg_of(t))[0] for t in ("这个结果很好。", "这个结果不好。", "这个结果非常成功。")]
    good, not_good, very_success = compounds
    assert good > 0 > not_good
    assert very_success > 0


def test_traditional_chinese_is_scored_like_simplified() -> None:
    simp = sentence_compounds(seg_of("美国的封锁遭遇了失败,中国芯片产业获得了巨大的突破。"))[0]
    trad = sentence_compounds(seg_of("美國的封鎖遭遇了失敗,中國芯片產業獲得了巨大的突破。"))[0]
    assert simp != 0.0
    assert abs(simp - trad) < 0.2


def test_mixed_document_scores_each_sentence_in_its_language() -> None:
    seg = seg_of("这是一个可怕的灾难。The launch was a wonderful success.")
    compounds = sentence_compounds(seg)
    langs = [s.lang for s in seg.sentences]
    assert langs == ["zh", "en"]
    assert compounds[0] < 0 < compounds[1]


def test_evidence_points_at_valence_words_in_original_text() -> None:
    text = "ＴＨＥ  results were absolutely terrible and awful."
    result = SentimentRubric().score(seg_of(text))
    words = {text[e.start : e.end].lower(): e for e in result.evidence}
    assert "terrible" in words and words["terrible"].label == "negative" and words["terrible"].weight < 0
    for start, end, compound in result.details["sentences"]:
        assert 0 <= start < end <= len(text) and -1 <= compound <= 1


@settings(max_examples=30, deadline=None)
@given(st.lists(st.sampled_from(["good.", "bad.", "很好。", "糟糕。", "The plan.", "\n"]), max_size=20))
def test_shares_and_compounds_bounded(parts: list[str]) -> None:
    result = SentimentRubric().score(seg_of(" ".join(parts)))
    f = result.features
    assert -1 <= f["mean_compound"] <= 1 and 0 <= f["extremity"] <= 1
    assert f["positive_share"] + f["negative_share"] <= 1 + 1e-9
    assert result.score == pytest.approx(1 - f["extremity"])


def test_nyt_dev_compound_not_below_plain_vader() -> None:
    path = SHARED / "eval" / "sentiment" / "nyt-dev.jsonl"
    if not path.exists():
        pytest.skip("../shared/eval not present: nyt-dev.jsonl is needed for the correlation check")
    import numpy as np
    from vaderSentiment.vaderSentiment import SentimentIntensityAnalyzer

    rows = [json.loads(line) for line in path.open(encoding="utf-8")]
    human = np.array([r["score"] for r in rows])
    rubric = SentimentRubric()
    ours = np.array([rubric.score(seg_of(r["text"])).features["compound"] for r in rows])
    stock = SentimentIntensityAnalyzer()
    plain = np.array([stock.polarity_scores(r["text"])["compound"] for r in rows])
    assert np.corrcoef(ours, human)[0, 1] >= np.corrcoef(plain, human)[0, 1]


def test_compound_is_carrier_weighted_and_ignores_neutral_sentences() -> None:
    rubric = SentimentRubric()
    one = rubric.score(seg_of("The plan was a wonderful success."))
    (only,) = sentence_compounds(seg_of("The plan was a wonderful success."))
    assert one.features["compound"] == pytest.approx(only) == pytest.approx(one.features["mean_compound"])
    padded = rubric.score(seg_of("The plan was a wonderful success. The meeting was on Tuesday. "
                                 "It had twelve pages. The room was on the third floor."))
    assert padded.features["compound"] == pytest.approx(only)  # neutral sentences add nothing
    assert padded.features["mean_compound"] == pytest.approx(only / 4)
    # Two carriers outweigh one: the mean is pulled towards the sentence with more valence words.
    mixed_text = "Brilliant, wonderful, amazing work. It was bad."
    mixed = rubric.score(seg_of(mixed_text))
    c_pos, c_neg = sentence_compounds(seg_of(mixed_text))
    assert mixed.features["compound"] == pytest.approx((3 * c_pos + c_neg) / 4)
    assert rubric.score(seg_of("The meeting was on Tuesday.")).features["compound"] == 0.0


def test_compound_does_not_saturate_with_length() -> None:
    text = " ".join(["The team won a great victory."] * 200)
    result = SentimentRubric().score(seg_of(text))
    from rubrics.sentiment.lexicon import vader

    assert vader().polarity_scores(text)["compound"] > 0.99  # whole-text VADER saturates
    assert result.features["compound"] == pytest.approx(sentence_compounds(seg_of(text))[0])
    assert result.features["compound"] < 0.95


RULE_SENTENCES = [
    "The results were not good at all!!!",
    "It is NOT GOOD, but the team was GREAT.",
    "He was never so happy, without doubt a good day.",
    "The food was kind of good but sort of bland??",
    "At least it was not the worst; the least bad option.",
    "That movie was the bomb and the shit, a kiss of death for rivals.",
    "No problem, no good deal, no hope or love.",
    "I am :) happy 😀 today, not sad :(",
    "Isn't it wonderful? Hardly a disaster, barely a success.",
    "ＴＨＥ  results were absolutely terrible and awful.",
    "İstanbul GREAT İİ! wonderful",
    "",
    "   ",
]

_FUZZ_WORDS = [
    "good", "bad", "GOOD", "BAD", "not", "never", "no", "but", "very", "kind", "of", "so", "this",
    "least", "at", "without", "doubt", "the", "bomb", "shit", "isn't", "hardly", "extremely",
    "EXTREMELY", "sort", "yeah", "right", "nor", "or", "love", "hate", ":)", ":(", "!", "??",
    "good!", "(bad)", "war", "win", "😀", "İİ!", "ok.", "kill", "sanctions", "crisis",
]


def _assert_same_as_vader(text: str) -> None:
    from rubrics.sentiment.lexicon import vader
    from rubrics.sentiment.vader import vader_sentence

    analyzer = vader()
    assert vader_sentence(analyzer, text).compound == analyzer.polarity_scores(text)["compound"], text


@pytest.mark.parametrize("text", RULE_SENTENCES)
def test_fast_vader_equals_polarity_scores(text: str) -> None:
    _assert_same_as_vader(text)


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(_FUZZ_WORDS), max_size=14), st.sampled_from([" ", "  ", "\n", " , "]))
def test_fast_vader_equals_polarity_scores_on_token_soup(words: list[str], sep: str) -> None:
    _assert_same_as_vader(sep.join(words))


@settings(max_examples=100, deadline=None)
@given(st.text(max_size=60))
def test_fast_vader_equals_polarity_scores_on_any_text(text: str) -> None:
    _assert_same_as_vader(text)


def test_shared_sentence_analysis_equals_unshared_on_seeds() -> None:
    """Same results whichever rubric computes the shared per-sentence analysis, and the
    shared compounds equal stock VADER-with-supplement run on each sentence on its own."""
    from rubrics.lean.rubric import LeanRubric
    from rubrics.sentiment.lexicon import vader
    from rubrics.sentiment.rubric import compute_sentence_sentiments, sentence_sentiments

    seeds = sorted(SEEDS.glob("*.txt"))
    assert seeds
    sentiment, lean = SentimentRubric(), LeanRubric()
    for path in seeds:
        text = path.read_text(encoding="utf-8")
        alone = [r.score(seg_of(text)).to_dict() for r in (sentiment, lean)]
        seg = seg_of(text)
        first_lean = lean.score(seg).to_dict()
        then_sentiment = sentiment.score(seg).to_dict()
        assert [then_sentiment, first_lean] == alone
        seg = seg_of(text)
        assert [sentiment.score(seg).to_dict(), lean.score(seg).to_dict()] == alone
        assert sentence_sentiments(seg) is sentence_sentiments(seg)  # computed once
        fresh = compute_sentence_sentiments(seg_of(text))
        assert fresh == sentence_sentiments(seg)
        assert sentence_compounds(seg) == tuple(0.0 if x.compound is None else x.compound for x in fresh)
        for sentence, result in zip(seg.sentences, fresh, strict=True):
            if sentence.lang == "en":
                assert result.compound == vader().polarity_scores(sentence.text)["compound"]
