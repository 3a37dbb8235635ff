"""Style rubric: contract, hand-written titles and bodies in English and Chinese, evidence offsets."""

from __future__ import annotations

import pytest

from rubrics.style import StyleRubric
from rubrics.style.measures import mattr, shouted_spans
from scoring.core.document import Document
from scoring.testing import check_rubric
from scoring.text.segment import Segmented
from tests.conftest import SEEDS


def _score(text: str, title: str | None = None):  # type: ignore[no-untyped-def]
    doc = Document(id="t", text=text, source="test", title=title)
    return doc, StyleRubric().score(Segmented(doc))


def _evidence(doc: Document, result, label: str) -> list[str]:  # type: ignore[no-untyped-def]
    return [doc.text[e.start:e.end] for e in result.evidence if e.label == label]


def test_contract_on_seeds() -> None:
    check_rubric(StyleRubric(), extra_inputs=[p.read_text(encoding="utf-8") for p in sorted(SEEDS.glob("*.txt"))])


def test_shouting_is_capitals_the_writer_also_spells_in_ordinary_case() -> None:
    text = ("The minister said the deal was FINALLY signed. Critics said it came finally, too late. "
            "NATO and the GOP welcomed it.")
    doc, result = _score(text)
    assert _evidence(doc, result, "shouted") == ["FINALLY"]  # NATO and GOP are acronyms: always in capitals
    assert result.features["shouted_per_1k"] == pytest.approx(1000 / result.features["words"])
    assert shouted_spans("NATO met.", {"met"}) == []


def test_title_features_from_metadata() -> None:
    body = "The visa was revoked on Friday, officials said. He was questioned for five hours."
    _, plain = _score(body, title="Student's visa revoked at airport")
    _, loud = _score(body, title="Student has his visa REVOKED at Boston airport after he was questioned!")
    assert loud.features["title_words"] > plain.features["title_words"]
    assert loud.features["title_shouted_words"] == 1 and plain.features["title_shouted_words"] == 0
    assert loud.features["title_exclamation"] == 1.0 and plain.features["title_exclamation"] == 0.0
    assert 0 < plain.features["title_function_share"] < 1
    assert loud.score < plain.score


def test_headline_line_is_the_title_when_there_is_no_metadata() -> None:
    text = "Minister Resigns Over Budget Row\nThe minister resigned on Tuesday after a row over the budget, aides said."
    doc, result = _score(text)
    assert result.features["title_words"] == 5
    _, untitled = _score("The minister resigned on Tuesday after a row over the budget, aides said.")
    assert "title_words" not in untitled.features  # no title: title features are not measured


def test_pronouns_questions_and_exclamations_with_evidence() -> None:
    text = "We told you so! Did the US listen? It did not. The talks in the US went on."
    doc, result = _score(text)
    assert _evidence(doc, result, "first_person") == ["We"]  # "US" in capitals is the country
    assert _evidence(doc, result, "second_person") == ["you"]
    assert _evidence(doc, result, "exclamation") == ["!"]
    assert _evidence(doc, result, "question") == ["Did the US listen?"]
    assert result.features["question_share"] == pytest.approx(1 / 4)


def test_length_robust_lexical_diversity() -> None:
    varied = "alpha beta gamma delta epsilon zeta eta theta iota kappa".split()
    assert mattr(varied * 20, 10) == pytest.approx(1.0)  # every window of 10 has 10 distinct words
    assert mattr(["a", "b"] * 100, 10) == pytest.approx(0.2)
    assert mattr(varied * 20, 50) < 0.25  # a repetitive text is less diverse however long it is


def test_chinese_text_gets_the_features_defined_for_it() -> None:
    text = "美国总统说:我们终于完成了!你知道吗?\n\n据报道,政府将继续投入。这是一篇新闻。"
    doc, result = _score(text, title="总统:我们完成了!")
    features = result.features
    assert "word_length" not in features  # no Latin words: not measured
    assert features["words"] > 0 and features["exclamations_per_1k"] > 0 and features["question_share"] > 0
    assert _evidence(doc, result, "first_person") == ["我们"]
    assert _evidence(doc, result, "second_person") == ["你"]
    assert features["title_exclamation"] == 1.0
    assert 0.0 <= result.score <= 1.0


def test_evidence_points_into_the_original_text() -> None:
    text = "ＷＥ said it was ＦＩＮＡＬＬＹ over; finally, they left!"  # full-width letters are normalised
    doc, result = _score(text)
    assert "ＦＩＮＡＬＬＹ" in _evidence(doc, result, "shouted")
    assert _evidence(doc, result, "exclamation") == ["!"]


def test_subjective_words_from_the_pattern_lexicon_with_evidence() -> None:
    opinion = "This absurd and outrageous plan is a truly remarkable disaster. Honestly, it is awful."
    report = "The council approved the plan on Tuesday. The vote was seven to two, the clerk said."
    doc, loud = _score(opinion)
    _, plain = _score(report)
    assert {"absurd", "outrageous", "remarkable", "awful"} <= set(_evidence(doc, loud, "subjective"))
    assert loud.features["subjective_share"] > plain.features["subjective_share"]
    assert loud.features["mean_subjectivity"] > 0.5
    words = len(doc.text.split())
    assert loud.features["subjective_share"] == pytest.approx(len(_evidence(doc, loud, "subjective")) / words)


def test_subjectivity_is_not_measured_without_latin_words() -> None:
    _, result = _score("美国总统说:我们终于完成了!\n\n据报道,政府将继续投入。")
    assert "subjective_share" not in result.features and "mean_subjectivity" not in result.features
