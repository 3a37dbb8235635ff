"""Sentiment rubric: contract, English/Chinese/mixed sentences, calibration, evidence, VADER equivalence.

The nyt-dev figures are pinned in tests/eval/test_gate_sentiment.py.
"""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from rubrics.sentiment.rubric import SentimentRubric, sentence_compounds, sentence_polarities
from scoring.core.document import Document
from scoring.text.segment import Segmented
from tests.conftest import SEEDS


def seg_of(text: str) -> Segmented:
    return Segmented(Document(id="t", text=text, source="t"))


def test_english_polarity_and_restraint() -> None:
    rubric = SentimentRubric()
    glowing = rubric.score(seg_of("This is a wonderful, brilliant triumph. We love this amazing success!"))
    neutral = rubric.score(seg_of("The committee met on Tuesday. The report has twelve pages."))
    grim = rubric.score(seg_of("It was a horrible, disgusting disaster. The attack killed many."))
    assert glowing.features["mean_compound"] > 0.1 > 0 > -0.1 > grim.features["mean_compound"]
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


def test_compound_is_evidence_weighted_and_ignores_neutral_sentences() -> None:
    rubric = SentimentRubric()
    one = rubric.score(seg_of("The plan was a wonderful success."))
    (only,) = sentence_polarities(seg_of("The plan was a wonderful success."))
    assert one.features["compound"] == pytest.approx(only) == pytest.approx(one.features["mean_compound"])
    padded = rubric.score(seg_of("The plan was a wonderful success. The meeting was on Tuesday. "
                                 "It had twelve pages. The room was on the third floor."))
    assert padded.features["compound"] == pytest.approx(only)  # neutral sentences add nothing
    assert padded.features["mean_compound"] == pytest.approx(only / 4)
    # Three valence words outweigh one: the mean is pulled towards the sentence with more evidence.
    mixed_text = "Brilliant, wonderful, amazing work. It was bad."
    mixed = rubric.score(seg_of(mixed_text))
    p_pos, p_neg = sentence_polarities(seg_of(mixed_text))
    assert mixed.features["compound"] == pytest.approx((3 * p_pos + p_neg) / 4)
    assert rubric.score(seg_of("The meeting was on Tuesday.")).features["compound"] == 0.0


def test_sentence_without_evidence_has_polarity_zero() -> None:
    seg = seg_of("The committee met on Tuesday. The report has twelve pages.")
    assert sentence_polarities(seg) == (0.0, 0.0)
    assert SentimentRubric().score(seg).score == 1.0


def test_calibrated_polarity_follows_vader_sign_and_is_human_scale() -> None:
    good, bad = (sentence_polarities(seg_of(t))[0] for t in ("The result was very good.", "The result was awful."))
    assert 0 < good < sentence_compounds(seg_of("The result was very good."))[0]
    assert 0 > bad > sentence_compounds(seg_of("The result was awful."))[0]


def test_cues_vader_does_not_score_move_polarity() -> None:
    """Negation, "too" before a word and a question carry polarity even without a valence word."""
    for text in ("It is not working.", "The fares are too high.", "Why does the city need a truck?"):
        seg = seg_of(text)
        assert sentence_compounds(seg) == (0.0,), text
        assert sentence_polarities(seg)[0] < 0, text
    # "too" meaning "also" is no cue.
    assert sentence_polarities(seg_of("The mayor came too.")) == (0.0,)


def test_valence_inside_names_is_not_praise() -> None:
    """'Supreme Court', 'United Nations' are names; VADER scores their words, the calibration does not."""
    named = seg_of("The officials met at the Supreme Court and the United Nations on Tuesday.")
    assert sentence_compounds(named)[0] > 0.3
    assert sentence_polarities(named) == (0.0,)
    plain = seg_of("The officials said the ruling was supreme and united the country.")
    assert sentence_polarities(plain)[0] > 0


def test_irrealis_dampens_valence() -> None:
    fact, wish = (sentence_polarities(seg_of(t))[0] for t in (
        "The new bridge is a great improvement.", "The new bridge would be a great improvement."))
    assert 0 < wish < fact


def test_news_extension_is_separate_from_the_shared_lexicon() -> None:
    """news_vader = vader + the extension (valence 0 removes an entry); vader, which lean reads, is unchanged."""
    from rubrics.common.data import data_rows
    from rubrics.sentiment.lexicon import extension_words, news_vader, vader

    shared, news = vader().lexicon, news_vader().lexicon
    rows = data_rows("sentiment_news_extension.tsv")
    removed = [r["word"] for r in rows if float(r["valence"]) == 0]
    assert "party" in removed and all(w in shared and w not in news for w in removed)
    assert all(news[r["word"]] == float(r["valence"]) and r["word"] not in shared for r in rows if float(r["valence"]))
    assert extension_words() == {r["word"] for r in rows}
    seg = seg_of("The party met on Tuesday. The corruption was absurd.")
    assert sentence_compounds(seg)[0] > 0 and sentence_compounds(seg)[1] == 0.0  # plain VADER
    assert sentence_polarities(seg)[0] == 0.0 > sentence_polarities(seg)[1]


def test_adjective_lexicon_scores_words_vader_lacks() -> None:
    """Pattern's adjectives: polarity where VADER has no word, negation halves and reverses, an intensifier
    multiplies the next word, a word inside a Title-Case name is not evaluation."""
    from rubrics.sentiment.calibration import adjective_scores
    from rubrics.sentiment.lexicon import adjectives, news_vader
    from rubrics.sentiment.vader import vader_tokens

    assert "atrocious" not in news_vader().lexicon and adjectives()["atrocious"].polarity < 0

    def scores(text: str) -> tuple[float, float, int]:
        tokens = vader_tokens(news_vader(), text)
        return adjective_scores(tokens.tokens, tokens.lower, ())

    plain, negated, intensified = (scores(t) for t in (
        "The service was atrocious.", "The service was not atrocious.", "The service was very atrocious."))
    atrocious = adjectives()["atrocious"]
    assert plain == (atrocious.polarity, atrocious.subjectivity, 1)
    assert negated[0] == pytest.approx(-0.5 * atrocious.polarity)
    assert intensified[0] == pytest.approx(max(-1.0, atrocious.polarity * adjectives()["very"].intensity))
    assert intensified[2] == 1  # "very atrocious" is one assessment
    assert scores("They read Bleak House again.") == (0.0, 0.0, 0)
    assert sentence_polarities(seg_of("The service was atrocious."))[0] < 0  # VADER alone gives 0


def test_model_file_matches_the_features() -> None:
    from rubrics.common.data import data_json
    from rubrics.sentiment.calibration import FEATURES, MODEL_FILE, calibration_model

    model = data_json(MODEL_FILE)
    assert tuple(f["name"] for f in model["features"]) == FEATURES
    assert model["data"]["name"].startswith("nyt-dev") and model["trained"]
    assert model["cv"]["calibrated"]["pearson_r"] > model["cv"]["plain_vader"]["pearson_r"]
    loaded = calibration_model()
    assert 0 < loaded.charged_threshold < 1 and loaded.zh_scale > 0
    assert SentimentRubric().score(seg_of("good.")).features  # loads


def test_charged_threshold_parameter() -> None:
    text = "The plan was a wonderful success. It was a horrible, disgusting disaster. The attack killed many."
    default = SentimentRubric().score(seg_of(text))
    strict = SentimentRubric(charged_threshold=0.99).score(seg_of(text))
    assert default.features["charged_share"] > strict.features["charged_share"] == 0.0
    assert strict.score == default.score  # the threshold only decides what counts as charged


def test_chinese_polarity_is_rescaled_compound() -> None:
    from rubrics.sentiment.calibration import calibration_model

    seg = seg_of("这个结果很好。这个结果不好。")
    scale = calibration_model().zh_scale
    assert sentence_polarities(seg) == pytest.approx(tuple(c * scale for c in sentence_compounds(seg)))


def test_compound_does_not_saturate_with_length() -> None:
    text = " ".join(["The team won a great victory."] * 200)
    result = SentimentRubric().score(seg_of(text))
    from rubrics.sentiment.lexicon import vader

    assert vader().polarity_scores(text)["compound"] > 0.99  # whole-text VADER saturates
    assert result.features["compound"] == pytest.approx(sentence_polarities(seg_of(text))[0])
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
    "good!", "(bad)", "war", "win", "😀", "İİ!", "ok.", "kill", "sanctions", "crisis", "party", "like",
    "corruption", "genius",
]


def _assert_same_as_vader(text: str) -> None:
    from rubrics.sentiment.lexicon import news_vader, vader
    from rubrics.sentiment.vader import vader_sentence

    for analyzer in (vader(), news_vader()):
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
        assert sentence_polarities(seg) == tuple(0.0 if x.polarity is None else x.polarity for x in fresh)
        for sentence, result in zip(seg.sentences, fresh, strict=True):
            if sentence.lang == "en":
                assert result.compound == vader().polarity_scores(sentence.text)["compound"]


def test_adjective_lexicon_is_bounded_lower_cased_and_agrees_with_its_source_header() -> None:
    from rubrics.common.data import data_text
    from rubrics.sentiment.lexicon import adjectives

    lexicon = adjectives()
    header = data_text("sentiment_adjectives_en.tsv").splitlines()[3]
    assert f"of {len(lexicon)} forms" in header
    assert lexicon["terrible"].polarity < 0 < lexicon["good"].polarity
    assert lexicon["very"].intensity > 1
    for word, entry in lexicon.items():
        assert word == word.lower().strip(), word
        assert -1 <= entry.polarity <= 1 and 0 <= entry.subjectivity <= 1 and entry.intensity > 0, word
