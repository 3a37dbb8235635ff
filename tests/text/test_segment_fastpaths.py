"""The engine's fast paths give exactly what the straightforward code gives.

Each reference below is the plain implementation the fast path replaced (per-character
script counting, a full-line look-behind for abbreviations, one Word per regex match).
"""

from __future__ import annotations

import re

from hypothesis import given, settings
from hypothesis import strategies as st

from scoring.text.lang import _LATIN, _OTHER_LETTER, script_counts
from scoring.text.script import CJK_CHAR
from scoring.text.segment import _WORD, CJK_WEIGHT, Word, _text_lang, split_sentences, tokenize

MIXED = st.lists(st.sampled_from(list("ab Z.é中文。!?\"“”'-— \n1") + ["Mr.", "e.g.", "J. ", "U.S.", "Ann "]),
                 max_size=80).map("".join)


def _reference_counts(text: str) -> tuple[int, int, int]:
    return len(CJK_CHAR.findall(text)), len(_LATIN.findall(text)), len(_OTHER_LETTER.findall(text))


def _reference_text_lang(text: str, doc_lang: str, allow_mixed: bool = False) -> str:
    cjk, latin, _ = _reference_counts(text)
    if cjk == 0 and latin == 0:
        return doc_lang if doc_lang in ("en", "zh", "other") else "und"
    weighted = cjk * CJK_WEIGHT
    zh_share = weighted / (weighted + latin)
    if allow_mixed and 0.2 <= zh_share <= 0.8 and cjk >= 2 and latin >= 6:
        return "mixed"
    if zh_share >= 0.5:
        return "zh"
    return "other" if doc_lang == "other" else "en"


def _reference_tokenize_latin(text: str) -> list[Word]:
    return [Word(m.start(), m.end(), m.group(), False) for m in _WORD.finditer(text)]


@settings(max_examples=300, deadline=None)
@given(st.text(max_size=300))
def test_script_counts_equal_the_regex_counts(text: str) -> None:
    assert script_counts(text) == _reference_counts(text)
    ascii_text = text.encode("ascii", "ignore").decode()
    assert script_counts(ascii_text) == _reference_counts(ascii_text)


@settings(max_examples=300, deadline=None)
@given(MIXED, st.sampled_from(["en", "zh", "other", "mixed", "und"]), st.booleans())
def test_text_lang_equals_reference(text: str, doc_lang: str, allow_mixed: bool) -> None:
    assert _text_lang(text, doc_lang, allow_mixed) == _reference_text_lang(text, doc_lang, allow_mixed)


@settings(max_examples=300, deadline=None)
@given(MIXED)
def test_latin_tokenize_fast_path_equals_reference(text: str) -> None:
    words = tokenize(text)
    if not CJK_CHAR.search(text):
        assert words == _reference_tokenize_latin(text)
    assert all(text[w.start:w.end] == w.text for w in words)


_LAST_TOKEN = re.compile(r"([\w.]+)$")


def test_abbreviation_look_behind_beyond_the_window() -> None:
    # The token before the full stop is longer than the look-behind window: the result must
    # be the one a whole-line search gives ("x" + 60 dots -> "x" is an initial: no break).
    long_initial = "x" + "." * 60
    assert len(split_sentences(f"Hello {long_initial} Next one.")) == 1
    long_word = "a" * 80 + "."
    first = f"Start {long_word}"
    assert split_sentences(f"{first} Next one.") == [(0, len(first)), (len(first) + 1, len(first) + 10)]
    assert _LAST_TOKEN.search(first, 0).group(1) == long_word


@settings(max_examples=300, deadline=None)
@given(MIXED, st.sampled_from([1, 2, 5]))
def test_windowed_look_behind_equals_whole_line_search(text: str, window: int) -> None:
    import importlib

    segment = importlib.import_module("scoring.text.segment")  # the package re-exports a function `segment`
    default = segment._LAST_TOKEN_WINDOW
    try:
        segment._LAST_TOKEN_WINDOW = 10**9  # whole line: the original behaviour
        reference = split_sentences(text)
        segment._LAST_TOKEN_WINDOW = window  # tiny windows force the fall-back path
        assert split_sentences(text) == reference
    finally:
        segment._LAST_TOKEN_WINDOW = default


def _reference_to_original(norm, start: int, end: int) -> tuple[int, int]:
    n = len(norm.text)
    start = max(0, min(start, n))
    end = max(start, min(end, n))
    if norm.starts is None or norm.ends is None:
        return start, end
    if start == n:
        return len(norm.original), len(norm.original)
    if end == start:
        return norm.starts[start], norm.starts[start]
    return norm.starts[start], norm.ends[end - 1]


@settings(max_examples=200, deadline=None)
@given(st.text(alphabet=st.sampled_from(list("ab ﬁＡ１\u0301\u200b\u00ad中。")), max_size=12))
def test_to_original_fast_path_equals_reference(text: str) -> None:
    from scoring.text.normalize import normalize

    norm = normalize(text)
    n = len(norm.text)
    for start in range(-2, n + 3):
        for end in range(-2, n + 3):
            assert norm.to_original(start, end) == _reference_to_original(norm, start, end)


SPANNY = st.lists(st.sampled_from(["a", "Bc", " ", "  ", ".", "-", "'", "’", "é", "1", "\n", "U.S.", "x-y", "中文",
                                   "\u3000"]), max_size=60).map("".join)


@settings(max_examples=300, deadline=None)
@given(SPANNY, st.lists(st.tuples(st.integers(-3, 70), st.integers(-3, 70)), min_size=1, max_size=6))
def test_lazy_words_between_equals_the_full_tokenisation(text: str, spans: list[tuple[int, int]]) -> None:
    from scoring.core.document import Document
    from scoring.text.segment import Segmented

    lazy = Segmented(Document("t", text))
    eager = Segmented(Document("t", text))
    _ = eager.words  # built first: the bisect path
    for start, end in spans:
        assert lazy.words_between(start, end) == eager.words_between(start, end)
    assert lazy.word_count == len(eager.words) == Segmented(Document("t", text)).word_count


def test_words_between_far_from_white_space_falls_back_exactly() -> None:
    from scoring.core.document import Document
    from scoring.text.segment import Segmented

    text = "lead " + "ab-" * 200 + "cd tail words here"
    seg = Segmented(Document("t", text))
    full = Segmented(Document("t", text)).words
    got = seg.words_between(300, len(text))  # inside the 600-character word: no white space near
    assert got == tuple(w for w in full if w.start >= 300) and [w.text for w in got] == ["tail", "words", "here"]
    assert [w.text for w in seg.words_between(0, 5)] == ["lead"]
