"""Per-line signals for boilerplate detection: shape, language cues and keyword patterns.

Everything here looks at one line at a time (plus a document-wide count of repeats); the
context and topic signals live in `boilerplate_topic`, the decision in `boilerplate_model`.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass
from functools import lru_cache

from rubrics.common.cues import CJK_CHARS_PER_WORD
from rubrics.common.data import data_rows, function_words
from scoring.text.script import CJK_CHAR
from scoring.text.segment import Segmented

CATEGORIES: tuple[str, ...] = (
    "ad_marker", "navigation", "share_widget", "comments", "reprint_notice",
    "byline_meta", "related_links", "link_farm", "footer", "other",
)

_LATIN_WORD = re.compile(r"[A-Za-z\u00c0-\u024f]+(?:['’][A-Za-z]+)?")
_DIGIT = re.compile(r"\d")
# Sentence-final punctuation, optionally followed by closing quotes/brackets or a citation.
# A trailing ellipsis ("…", NFKC "...") is not an end: it is how teasers and link titles trail off.
_TERMINAL = re.compile(r"(?<!\.\.)[.!?。！？][\"”’」』)\]）】]*(?:\[\d+\])*$")
# A lower-case letter immediately followed by an upper-case one: "HomeNewsSport", "keep upAt".
_GLUED = re.compile(r"[a-z][A-Z]")
_SEPARATOR = re.compile(r"\s[|•·»›/]\s|[|•»›]")
_BULLET = re.compile(r"^[-–—•*·▪►▶●○◦]\s*")
# Trailing decoration allowed after a whole-line cue: counts, colons, arrows, separators.
_CUE_TAIL = r"[\s:：\-–—|»›>/.,!?()（）\[\]\d]*"
CONTAINS_MAX_CHARS = 300
LINE_CUE_MAX_CHARS = 120
# Longest ending the terminal pattern needs to see (punctuation, closing quotes, citations).
TERMINAL_TAIL = 64
_DIGITS = "0123456789"


@dataclass(frozen=True, slots=True)
class LineShape:
    """Shape of one line; `words` counts Latin words plus Chinese characters / 1.7 (one
    Chinese word is ~1.7 characters), so English and Chinese lines compare."""

    chars: int
    words: float
    latin_words: int
    cjk: int
    digits: int
    terminal: bool
    function_share: float
    glued: int
    separators: int
    bullet: bool
    cue: str | None


@lru_cache(maxsize=1)
def _cue_patterns() -> tuple[re.Pattern[str], re.Pattern[str], tuple[str, ...], tuple[str, ...]]:
    """One alternation per kind (whole-line / contains), group i -> category."""
    line_parts: list[str] = []
    line_cats: list[str] = []
    contains_parts: list[str] = []
    contains_cats: list[str] = []
    contains_rows: list[str] = []
    for row in data_rows("boilerplate_patterns.tsv"):
        if row["category"] not in CATEGORIES:
            raise ValueError(f"boilerplate_patterns.tsv: unknown category {row['category']!r}")
        if row["kind"] == "line":
            line_parts.append(f"(?P<g{len(line_parts)}>{row['pattern']})")
            line_cats.append(row["category"])
        else:
            contains_parts.append(f"(?P<g{len(contains_parts)}>{row['pattern']})")
            contains_rows.append(row["pattern"])
            contains_cats.append(row["category"])
    line_re = re.compile(rf"^{_CUE_TAIL}(?:{'|'.join(line_parts)}){_CUE_TAIL}$", re.IGNORECASE)
    # The patterns are written in lower case and matched against the lower-cased line: a
    # case-sensitive search is several times faster than re.IGNORECASE over this alternation.
    if any(c.isupper() for row in contains_rows for c in re.sub(r"\\.", "", row)):
        raise ValueError("boilerplate_patterns.tsv: write contains patterns in lower case")
    contains_re = re.compile("|".join(contains_parts))
    return line_re, contains_re, tuple(line_cats), tuple(contains_cats)


def cue_category(text: str) -> str | None:
    """The boilerplate category a keyword pattern assigns to `text`, if any."""
    if len(text) > CONTAINS_MAX_CHARS:
        return None
    line_re, contains_re, line_cats, contains_cats = _cue_patterns()
    # Whole-line cues are labels ("Share this", "12 Comments"): none is near this long, and
    # skipping the anchored alternation for prose lines halves the cost of this function.
    if len(text) <= LINE_CUE_MAX_CHARS:
        m = line_re.match(text)
        if m and m.lastgroup:
            return line_cats[int(m.lastgroup[1:])]
    m = contains_re.search(text.lower())
    if m and m.lastgroup:
        return contains_cats[int(m.lastgroup[1:])]
    return None


def line_shape(text: str) -> LineShape:
    en_words, zh_chars = function_words()
    latin = _LATIN_WORD.findall(text)
    # map/sum over C-level callables: this runs once per line of every document.
    function_hits = sum(map(en_words.__contains__, map(str.lower, latin)))
    if text.isascii():
        cjk = 0
        digits = sum(map(text.count, _DIGITS))
    else:
        cjk_chars = CJK_CHAR.findall(text)
        cjk = len(cjk_chars)
        function_hits += sum(map(zh_chars.__contains__, cjk_chars))
        digits = len(_DIGIT.findall(text))
    words = len(latin) + cjk / CJK_CHARS_PER_WORD
    return LineShape(
        chars=len(text),
        words=words,
        latin_words=len(latin),
        cjk=cjk,
        digits=digits,
        # The terminal pattern is anchored at the end: only the tail needs searching.
        terminal=bool(_TERMINAL.search(text, max(0, len(text) - TERMINAL_TAIL))),
        # Per word, not per character: Chinese function words are mostly one character, so a
        # per-character share puts Chinese prose (median 0.24) far below English (0.42) and
        # calls it a menu; per word both languages sit on one scale.
        function_share=min(1.0, function_hits / words) if words else 0.0,
        glued=len(_GLUED.findall(text)),
        separators=len(_SEPARATOR.findall(text)),
        bullet=bool(_BULLET.match(text)),
        cue=cue_category(text),
    )


# Share of function words from which a line of 8-25 words reads as running prose. Headlines
# are telegraphic and stay below it (see `topic`).
PROSE_FUNCTION_SHARE = 0.3


def is_text_like(shape: LineShape) -> bool:
    """Running prose: long enough, with sentence punctuation or plenty of function words.
    A long line with neither (an archive list, a tag cloud, glued menu entries) is not prose."""
    if shape.words >= 25:
        return shape.terminal or shape.function_share >= 0.15
    return shape.words >= 8 and (shape.terminal or shape.function_share >= PROSE_FUNCTION_SHARE)


def is_headline_like(shape: LineShape) -> bool:
    """A title: a handful of words, no sentence-final punctuation."""
    return not shape.terminal and 3 <= shape.words <= 25 and shape.chars <= 160


def repeat_counts(seg: Segmented) -> Counter[str]:
    """How often each line's (case-folded) text occurs in the document."""
    return Counter(line.text.casefold() for line in seg.lines)
