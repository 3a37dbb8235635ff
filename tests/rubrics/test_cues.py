"""The one cue matcher: word boundaries, run-on cues, Chinese modes, overlaps, case, aliases."""

from __future__ import annotations

from rubrics.common.cues import Cue, CueMatcher, cjk_bounds
from scoring.core.document import Document
from scoring.text.segment import Segmented


def spans(matcher: CueMatcher, text: str, bounds=None) -> list[tuple[str, str]]:
    return [(text[m.start:m.end], m.cue.pattern) for m in matcher.find(text, bounds)]


def test_latin_cues_sit_on_word_boundaries() -> None:
    matcher = CueMatcher([Cue("may"), Cue("said")])
    assert spans(matcher, "It may rain; dismay; she said, unsaid.") == [("may", "may"), ("said", "said")]


def test_a_trailing_star_runs_on_to_the_end_of_the_word() -> None:
    matcher = CueMatcher([Cue("slam*")])
    assert spans(matcher, "They slammed it; slam-dunked; islam.") == [("slammed", "slam*"), ("slam-dunked", "slam*")]


def test_longest_match_wins_among_overlaps() -> None:
    matcher = CueMatcher([Cue("believed"), Cue("it is believed"), Cue("可能", mode="any"), Cue("不可能", mode="any")])
    assert spans(matcher, "It is believed that 不可能.") == [("It is believed", "it is believed"), ("不可能", "不可能")]


def test_chinese_modes_follow_token_boundaries() -> None:
    text = "条约规定约三百人参加"
    seg = Segmented(Document("d", text))
    bounds = cjk_bounds(seg.words)
    word = CueMatcher([Cue("约", mode="word")])
    anywhere = CueMatcher([Cue("约", mode="any")])
    found = [m.start for m in word.find(text, bounds)]
    assert 1 not in found  # not inside 条约
    assert [m.start for m in anywhere.find(text, bounds)] == [1, 4]
    assert word.find(text, None) == []  # one-character cues need token boundaries


def test_case_sensitive_matching_and_traditional_folding() -> None:
    countries = CueMatcher([Cue("US", payload="United States")], case_sensitive=True)
    assert [m.cue.payload for m in countries.find("US troops; us and them")] == ["United States"]
    folded = CueMatcher([Cue("美国", mode="any", payload="United States"),
                         Cue("美國", mode="any", payload="United States")])
    matches = folded.find("美國與美国")
    assert [(m.start, m.cue.payload) for m in matches] == [(0, "United States"), (3, "United States")]


def test_distinct_cues_sharing_a_pattern_are_all_reported() -> None:
    matcher = CueMatcher([Cue("war", "frame", "conflict"), Cue("war", "loaded", "label")])
    assert sorted((m.cue.label, m.cue.category) for m in matcher.find("a trade war")) == [
        ("frame", "conflict"), ("loaded", "label")]


def test_an_unknown_mode_is_refused() -> None:
    import pytest

    with pytest.raises(ValueError, match="mode"):
        CueMatcher([Cue("x", mode="fuzzy")])


def test_one_quote_finder_pairs_double_and_british_single_quotes() -> None:
    from rubrics.common.quotes import quote_spans

    text = "He said ‘no way’ and “I won’t”, then it’s fine; ''Yes,'' she said."
    assert [text[a:b] for a, b in quote_spans(text)] == ["‘no way’", "“I won’t”", "''Yes,''"]
