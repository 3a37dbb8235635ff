"""Segmentation, done once per document and shared by every rubric.

All offsets in `Line`, `Sentence` and `Word` are offsets into the *normalised* text
(`Segmented.text`); `Segmented.span()` and `Segmented.evidence()` map them back to the
original `Document.text`, which is what every rubric result must point into.
"""

from __future__ import annotations

import bisect
import logging
import re
from collections.abc import Callable
from dataclasses import dataclass
from functools import lru_cache
from typing import TYPE_CHECKING, Any, NamedTuple, TypeVar

from scoring.core.document import Document
from scoring.core.evidence import Evidence
from scoring.text.lang import CJK_WEIGHT, detect_language, script_counts
from scoring.text.normalize import Normalized, normalize
from scoring.text.script import CJK_CHAR, CJK_CLASS, fold

if TYPE_CHECKING:
    import jieba

T = TypeVar("T")

_WORD = re.compile(
    rf"(?P<cjk>[{CJK_CLASS}]+)|(?P<latin>[^\W_{CJK_CLASS}]+(?:['’\-.][^\W_{CJK_CLASS}]+)*)"
)
# The same word pattern for text without CJK characters (no Chinese alternative to try),
# and for pure-ASCII text, where [^\W_] is exactly [A-Za-z0-9]; both match what _WORD
# matches on such text, faster.
_WORD_NO_CJK = re.compile(r"[^\W_]+(?:['’\-.][^\W_]+)*")
_WORD_ASCII = re.compile(r"[A-Za-z0-9]+(?:['\-.][A-Za-z0-9]+)*")
_LINE_BREAK = re.compile(r"(?=[\r\n\u2028\u2029\x0b\x0c\x1c\x1d\x1e\x85])(?:\r\n|\r|\n|\u2028|\u2029|\x0b|\x0c|\x1c|\x1d|\x1e|\x85)")

# Candidate sentence ends: Chinese/Western terminators, then closing quotes/brackets and
# citation markers that belong to the sentence being closed.
# The leading look-ahead names every character a terminator can start with: it lets the
# regex engine skip ahead to candidates instead of trying each alternative at every position
# (4x faster on English lines; same matches). A full stop before a digit is a decimal point
# ("3.5"); after one it ends the sentence ("in 2003. Sales rose"), except after a list number
# ("1. The first point", see _is_boundary).
_TERMINATOR = re.compile(
    r"(?=[。!?….])(?:[。!?]+|…{1,2}|\.{3}|(?<!\.)\.(?!\d))[\"”’」』)\]）】]*(?:\[\d+\])*"
)
_OPENERS = frozenset("\"“‘'(「『《【[-•–—*")
_ABBREVIATIONS = frozenset(
    "mr mrs ms dr prof st sr jr mt ft inc corp ltd co plc llc gov sen rep gen col lt sgt "
    "capt cmdr adm rev hon pres vs etc e.g i.e u.s u.k u.n e.u a.m p.m no nos vol fig "
    "jan feb mar apr jun jul aug sep sept oct nov dec approx est dept univ".split()
)
_LAST_TOKEN = re.compile(r"([\w.]+)$")
# The word before a full stop is looked for in a window this long (see _is_boundary).
_LAST_TOKEN_WINDOW = 40
_LATIN_LETTER = re.compile(r"[A-Za-z\u00c0-\u024f]")  # the Latin class of scoring.text.lang


@dataclass(frozen=True, slots=True)
class Line:
    index: int
    start: int
    end: int
    text: str
    lang: str


@dataclass(frozen=True, slots=True)
class Sentence:
    index: int
    start: int
    end: int
    text: str
    lang: str
    line: int


class Word(NamedTuple):
    """A word (Latin run or jieba token) of the normalised text.

    A NamedTuple rather than a frozen dataclass like Line and Sentence: an article has
    hundreds of words, and a frozen dataclass costs ~1 µs per instance to build (most of the
    time of `tokenize`), a NamedTuple a third of that. Same fields, same immutability.
    """

    start: int
    end: int
    text: str
    cjk: bool


class Segmented:
    """A document with its normalised text, lines, sentences and words.

    Lines and language are computed eagerly (every rubric needs them); sentences and
    words on first use, then kept, so rubrics share one segmentation.
    """

    __slots__ = ("doc", "norm", "text", "lines", "lang", "_sentences", "_words", "_word_starts", "_shared",
                 "_latin_pattern", "_word_count", "_folded")

    def __init__(self, doc: Document) -> None:
        self.doc = doc
        self.norm: Normalized = normalize(doc.text)
        self.text: str = self.norm.text
        self.lang: str = detect_language(self.text) if self.text.strip() else "und"
        self.lines: tuple[Line, ...] = tuple(_split_lines(self.text, self.lang))
        self._sentences: tuple[Sentence, ...] | None = None
        self._words: tuple[Word, ...] | None = None
        self._word_starts: list[int] | None = None
        self._shared: dict[str, Any] = {}
        self._latin_pattern: re.Pattern[str] | None | bool = False  # False: not looked at yet
        self._word_count: int | None = None
        self._folded: str | None = None

    @property
    def sentences(self) -> tuple[Sentence, ...]:
        if self._sentences is None:
            out: list[Sentence] = []
            for line in self.lines:
                for start, end in split_sentences(line.text):
                    text = line.text[start:end]
                    out.append(
                        Sentence(len(out), line.start + start, line.start + end, text,
                                 _text_lang(text, line.lang), line.index)
                    )
            self._sentences = tuple(out)
        return self._sentences

    @property
    def words(self) -> tuple[Word, ...]:
        if self._words is None:
            self._words = tuple(tokenize(self.text))
            self._word_starts = [w.start for w in self._words]
        return self._words

    @property
    def folded(self) -> str:
        """`fold(text)` (lower-cased, Simplified, same offsets), computed once: the cue matchers of
        several rubrics search it."""
        if self._folded is None:
            self._folded = fold(self.text)
        return self._folded

    def shared(self, key: str, compute: Callable[[Segmented], T]) -> T:
        """Per-document analysis computed once and shared between rubrics.

        For work two rubrics need on the same document (e.g. per-sentence sentiment used by
        both `sentiment` and `lean`): the first caller computes `compute(self)`, later callers
        get the same value. It lives and dies with this Segmented, so it is per-document
        state, never global; keys are namespaced by the owning module ("sentiment.compounds").
        The value must be treated as read-only.
        """
        try:
            return self._shared[key]  # type: ignore[no-any-return]
        except KeyError:
            value = self._shared[key] = compute(self)
            return value

    @property
    def word_count(self) -> int:
        """`len(self.words)`; for text without Chinese, counted without building the words."""
        if self._word_count is None:
            pattern = self._latin_word_pattern()
            if self._words is not None or pattern is None:
                self._word_count = len(self.words)
            else:
                self._word_count = len(pattern.findall(self.text))
        return self._word_count

    def _latin_word_pattern(self) -> re.Pattern[str] | None:
        """The word pattern `tokenize` uses on this text, or None when it has Chinese (jieba)."""
        if self._latin_pattern is False:
            self._latin_pattern = _latin_pattern_for(self.text)
        return self._latin_pattern  # type: ignore[return-value]

    def words_between(self, start: int, end: int) -> tuple[Word, ...]:
        """Words lying inside the normalised span [start, end) (a word belongs to the span
        its first character is in)."""
        if self._words is None:
            pattern = self._latin_word_pattern()
            if pattern is not None:
                found = _latin_words_between(self.text, pattern, start, end)
                if found is not None:
                    return found
        words = self.words
        assert self._word_starts is not None
        lo = bisect.bisect_left(self._word_starts, start)
        hi = bisect.bisect_left(self._word_starts, end)
        return words[lo:hi]

    def span(self, start: int, end: int) -> tuple[int, int]:
        """Map a normalised span to the original text."""
        return self.norm.to_original(start, end)

    def evidence(self, start: int, end: int, label: str, weight: float = 1.0) -> Evidence:
        """Evidence for a normalised span, with offsets into the original text."""
        s, e = self.norm.to_original(start, end)
        return Evidence(s, e, label, float(weight))

    def original(self, start: int, end: int) -> str:
        s, e = self.span(start, end)
        return self.doc.text[s:e]


def segment(doc: Document) -> Segmented:
    return Segmented(doc)


def _split_lines(text: str, doc_lang: str) -> list[Line]:
    lines: list[Line] = []
    pos = 0
    for m in _LINE_BREAK.finditer(text):
        _add_line(lines, text, pos, m.start(), doc_lang)
        pos = m.end()
    _add_line(lines, text, pos, len(text), doc_lang)
    return lines


def _add_line(lines: list[Line], text: str, start: int, end: int, doc_lang: str) -> None:
    # Strip surrounding white space (incl. U+3000) but keep offsets exact.
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    if start == end:
        return
    body = text[start:end]
    lines.append(Line(len(lines), start, end, body, _text_lang(body, doc_lang, allow_mixed=True)))


def _text_lang(text: str, doc_lang: str, allow_mixed: bool = False) -> str:
    """Language of a line or sentence, from script alone, deferring to the document for
    which Latin-script language it is."""
    if not CJK_CHAR.search(text):
        # No Chinese: only whether there is any Latin letter matters (called per line and
        # per sentence, so counting every script here was a hot spot).
        if _LATIN_LETTER.search(text):
            return "other" if doc_lang == "other" else "en"
        return doc_lang if doc_lang in ("en", "zh", "other") else "und"
    cjk, latin, _ = script_counts(text)
    if cjk == 0 and latin == 0:
        return doc_lang if doc_lang in ("en", "zh", "other") else "und"
    weighted = cjk * CJK_WEIGHT
    zh_share = weighted / (weighted + latin)
    if allow_mixed and 0.2 <= zh_share <= 0.8 and cjk >= 2 and latin >= 6:
        return "mixed"
    if zh_share >= 0.5:
        return "zh"
    return "other" if doc_lang == "other" else "en"


def split_sentences(text: str) -> list[tuple[int, int]]:
    """Sentence spans of one line of text (English, Chinese or mixed)."""
    spans: list[tuple[int, int]] = []
    start = 0
    n = len(text)
    for m in _TERMINATOR.finditer(text):
        end = m.end()
        if end >= n:
            break
        nxt = end
        while nxt < n and text[nxt].isspace():
            nxt += 1
        if nxt >= n:
            break
        if not _is_boundary(text, m.start(), m.group(0), end, nxt):
            continue
        _add_span(spans, text, start, end)
        start = nxt
    _add_span(spans, text, start, n)
    return spans


def _is_boundary(text: str, term_start: int, term: str, end: int, nxt: int) -> bool:
    follower = text[nxt]
    spaced = nxt > end
    cjk_next = bool(CJK_CHAR.match(follower))
    if term[0] in "。!?…":
        return cjk_next or follower.isupper() or follower.isdigit() or follower in _OPENERS or (
            term[0] == "。"
        )
    # A full stop.
    if cjk_next:
        return True
    if not spaced:
        return False
    if not (follower.isupper() or follower.isdigit() or follower in _OPENERS):
        return False
    # Searching from 0 rescanned the whole line for every full stop (quadratic in the line);
    # a window finds the same token unless the token fills it, then search the whole line.
    lo = max(0, term_start - _LAST_TOKEN_WINDOW)
    m = _LAST_TOKEN.search(text, lo, term_start)
    if m and m.start() == lo and lo > 0:
        m = _LAST_TOKEN.search(text, 0, term_start)
    if m:
        token = m.group(1).lower().rstrip(".")
        if token in _ABBREVIATIONS:
            return False
        if len(token) == 1 and token.isalpha():
            return False  # an initial: "J. Smith"
        if token.isdigit() and len(token) <= 2:
            i = m.start() - 1
            while i >= 0 and text[i].isspace():  # back to what precedes the number (no copy of the line)
                i -= 1
            if i < 0 or text[i] in ".!?:;" or text[i] in _OPENERS:
                return False  # a list number, not a sentence's last word: "1. The first point. 2. The next"
    return True


def _add_span(spans: list[tuple[int, int]], text: str, start: int, end: int) -> None:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    if end > start:
        spans.append((start, end))


def tokenize(text: str) -> list[Word]:
    """Words of `text`: a regex for Latin script and digits, jieba for Chinese runs."""
    pattern = _latin_pattern_for(text)
    if pattern is not None:
        # No Chinese run: every match is a Latin word (the common case, kept tight).
        # tuple.__new__ builds the NamedTuple without a Python-level __new__ frame per word.
        new = tuple.__new__
        return [new(Word, (m.start(), m.end(), m.group(), False)) for m in pattern.finditer(text)]
    words: list[Word] = []
    tokenizer = None
    for m in _WORD.finditer(text):
        if m.lastgroup == "latin":
            words.append(Word(m.start(), m.end(), m.group(), False))
            continue
        run = m.group()
        base = m.start()
        if len(run) == 1:
            words.append(Word(base, base + 1, run, True))
            continue
        if tokenizer is None:
            tokenizer = _jieba()
        offset = base
        # jieba's time grows with the square of a run's length (30,000 characters without
        # punctuation take seconds), so a hostile run is cut into chunks; real runs between
        # punctuation marks are far shorter (at most a few dozen characters in news).
        for chunk_start in range(0, len(run), MAX_JIEBA_RUN):
            for piece in tokenizer.cut(run[chunk_start:chunk_start + MAX_JIEBA_RUN], HMM=True):
                words.append(Word(offset, offset + len(piece), piece, True))
                offset += len(piece)
    return words


def _latin_pattern_for(text: str) -> re.Pattern[str] | None:
    if CJK_CHAR.search(text):
        return None
    return _WORD_ASCII if text.isascii() else _WORD_NO_CJK


# Longest run of Chinese characters handed to jieba in one call (see tokenize).
MAX_JIEBA_RUN = 256

# How far back words_between looks for white space before a span (see below).
_WORD_BOUNDARY_LOOKBACK = 256


def _latin_words_between(text: str, pattern: re.Pattern[str], start: int, end: int) -> tuple[Word, ...] | None:
    """Words of a text without Chinese whose start lies in [start, end), tokenising only
    around the span; None when no safe place to start is near (the caller tokenises all).

    Exact: no word contains white space, so scanning from just after a white-space character
    finds the same words as scanning the whole text (nothing straddles that point).
    """
    start = max(start, 0)
    if end <= start or start >= len(text):
        return ()
    scan = start
    floor = max(0, start - _WORD_BOUNDARY_LOOKBACK)
    while scan > floor and not text[scan - 1].isspace():
        scan -= 1
    if scan > 0 and not text[scan - 1].isspace():
        return None
    new = tuple.__new__
    out: list[Word] = []
    for m in pattern.finditer(text, scan):
        s = m.start()
        if s >= end:
            break
        if s >= start:
            out.append(new(Word, (s, m.end(), m.group(), False)))
    return tuple(out)


@lru_cache(maxsize=1)
def _jieba() -> jieba.Tokenizer:
    import jieba

    jieba.setLogLevel(logging.WARNING)
    tokenizer = jieba.Tokenizer()
    tokenizer.initialize()
    return tokenizer
