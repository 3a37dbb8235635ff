"""Text-level spam and scraping-damage detectors, each a single compiled pattern.

Each detector returns the normalised-text spans it found; the spam rubric turns them into
evidence and a saturating strength.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable

from scoring.text.script import CJK_CLASS
from scoring.text.segment import Line

# Sentence end lost in scraping: a lower-case word running straight into a capitalised one
# ("keep upAt the forefront", "worldwideIts"), or a full stop with no space after it
# ("the end.Next"). At least two lower-case letters before the join keeps "iPhone", "eBay"
# and "McDonald" out; the capital must be followed by a lower-case letter, which keeps
# "macOS" and unit names out.
GLUED = re.compile(r"\b[a-z]*[a-z]{2}(?:[A-Z][a-z]+|\.[A-Z][a-z]+)\b")
# Brand-style camelCase that is written this way on purpose.
_CAMEL_OK = frozenset({"youTube", "iPhone", "iPad", "eBay", "iTunes", "macBook", "wikiLeaks"})

_TONE_VOWEL = "āáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜ"
# A Chinese character followed by its pinyin in brackets: a reading aid from a
# simplified/traditional converter baked into the text ("區(qū)", "發(fā)").
PINYIN_ANNOTATION = re.compile(
    rf"[{CJK_CLASS}]\((?=[a-zü{_TONE_VOWEL}]*[{_TONE_VOWEL}])[a-zü{_TONE_VOWEL}]{{1,7}}\)"
)
# Markup that a converter left as text: entities and tags.
MARKUP_RESIDUE = re.compile(r"&(?:nbsp|amp|quot|lt|gt|#\d{2,5}|#x[0-9a-f]{2,4});|</?(?:p|br|div|span|a|img|strong|em|b|i)\b[^<>]{0,200}>", re.IGNORECASE)

# UTF-8 read as Latin-1/cp1252: a lead byte shown as Ã/Â/â/Ä/Å followed by a continuation
# byte shown as one of the cp1252 characters 0x80-0xBF map to; plus U+FFFD replacement
# characters and literal byte-order marks.
_CP1252_CONT = "\u20ac\u201a\u0192\u201e\u2026\u2020\u2021\u02c6\u2030\u0160\u2039\u0152\u017d\u2018\u2019\u201c\u201d\u2022\u2013\u2014\u02dc\u2122\u0161\u203a\u0153\u017e\u0178\u00a0-\u00bf"
MOJIBAKE = re.compile(rf"[\u00c2\u00c3\u00c5\u00e2][{_CP1252_CONT}]{{1,2}}|\ufffd+|\ufeff|ï»¿")


# Cheap necessary condition for a GLUED match, searched first: most texts have no join at all.
_GLUED_JOIN = re.compile(r"[a-z]\.?[A-Z]")


def glued_spans(text: str) -> list[tuple[int, int]]:
    out: list[tuple[int, int]] = []
    if not _GLUED_JOIN.search(text):
        return out
    for m in GLUED.finditer(text):
        word = m.group()
        if word in _CAMEL_OK or "." not in word and word[:1].isupper():
            continue
        out.append(m.span())
    return out


def pattern_spans(pattern: re.Pattern[str], text: str) -> list[tuple[int, int]]:
    return [m.span() for m in pattern.finditer(text)]


def repeated_line_groups(lines: Iterable[Line], min_chars: int = 20) -> list[list[Line]]:
    """Groups of lines (of at least `min_chars`) whose case-folded text occurs more than once."""
    groups: dict[str, list[Line]] = {}
    for line in lines:
        if len(line.text) >= min_chars:
            groups.setdefault(line.text.casefold(), []).append(line)
    return [g for g in groups.values() if len(g) > 1]


def top_term_share(terms: list[str]) -> tuple[str, int, float]:
    """Most frequent term, its count and its share of all terms."""
    if not terms:
        return "", 0, 0.0
    term, count = Counter(terms).most_common(1)[0]
    return term, count, count / len(terms)
