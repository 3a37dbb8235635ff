"""Writing-style measurements shared by the style rubric: word lists, shouted words, MATTR, subjectivity.

Each measurement is a named, interpretable count or share taken from the text and the title,
never from who published them. The word lists are closed classes written out here (personal
pronouns) or read from the project's function-word list (`rubrics.common.data.function_words()`,
the list the boilerplate rubric uses for its stop-word density); subjectivity is read from
Pattern's English adjective lexicon (`rubrics.sentiment.lexicon.adjectives()`, PDDL).
"""

from __future__ import annotations

import re
from functools import lru_cache

import numpy as np

from scoring.text.script import CJK_CLASS

# A Latin-script word: letters (no digits, no Chinese characters) joined across apostrophes.
LATIN_WORD = re.compile(rf"[^\W\d_{CJK_CLASS}]+(?:['’][^\W\d_{CJK_CLASS}]+)*")
# An all-capitals word of three or more letters (JOBS, REVOKED, NATO, GOP).
CAPS_WORD = re.compile(r"(?<![\w'’])[A-Z][A-Z'’]*[A-Z](?![\w'’])")
MIN_CAPS_LETTERS = 3

# Personal pronouns of the writer and of the reader (Horne & Adali 2017 count both: first and
# second person mark a text that talks to its reader rather than reporting to them).
FIRST_PERSON_EN = frozenset("i me my mine myself we us our ours ourselves".split())
SECOND_PERSON_EN = frozenset("you your yours yourself yourselves".split())
# One pass finds both (group 1: first person, group 2: second); "US" in capitals is the country.
PRONOUN_EN = re.compile(
    r"(?<![\w'’])(?:(?!(?-i:US)\b)(" + "|".join(sorted(FIRST_PERSON_EN, key=len, reverse=True)) + r")|("
    + "|".join(sorted(SECOND_PERSON_EN, key=len, reverse=True)) + r"))(?![\w'’])",
    re.IGNORECASE,
)
FIRST_PERSON_ZH = frozenset(("我", "我们", "咱们", "我的", "我们的"))
SECOND_PERSON_ZH = frozenset(("你", "你们", "您", "你的", "你们的"))

EXCLAMATION_MARKS = "!！"
QUESTION_MARKS = ("?", "？")
# Closing quotes and brackets that may follow a sentence's final mark.
_CLOSERS = "\"”’'」』)）] "


@lru_cache(maxsize=4)
def subjective_words_en(threshold: float) -> frozenset[str]:
    """Lower-cased English word forms Pattern rates at least `threshold` subjective (0..1)."""
    from rubrics.sentiment.lexicon import adjectives

    return frozenset(word for word, rating in adjectives().items() if rating.subjectivity >= threshold)


@lru_cache(maxsize=1)
def subjectivity_en() -> dict[str, float]:
    """Lower-cased English word form -> Pattern's subjectivity (0 objective .. 1 subjective)."""
    from rubrics.sentiment.lexicon import adjectives

    return {word: rating.subjectivity for word, rating in adjectives().items()}


def word_spans(folded: str, words: set[str] | frozenset[str], limit: int) -> list[tuple[int, int]]:
    """The first `limit` occurrences (in text order) of `words` as whole words of `folded`, the
    document's lower-cased text with unchanged offsets (`Segmented.folded`).

    Searched word by word with str.find rather than by matching every word of the text: an
    article holds a handful of distinct subjective words and hundreds of words.
    """
    out: list[tuple[int, int]] = []
    if limit <= 0:
        return out
    n = len(folded)
    for word in words:
        start = folded.find(word)
        while start >= 0:
            end = start + len(word)
            if not (start and _word_char(folded[start - 1])) and not (end < n and _word_char(folded[end])):
                out.append((start, end))
            start = folded.find(word, end)
    out.sort()
    return out[:limit]


def _word_char(ch: str) -> bool:
    """A character that would make a neighbouring match part of a longer Latin word."""
    return ch.isalpha() or ch in "'’"


def shouted_spans(text: str, written_forms: set[str] | frozenset[str]) -> list[tuple[int, int]]:
    """All-capitals words the writer also spells in ordinary case elsewhere in the document.

    An acronym (NATO, GOP, FBI) is written in capitals every time; a word the document also
    writes as "revoked" or "Finally" is in capitals for emphasis. `written_forms` holds the
    document's words as written (`set(LATIN_WORD.findall(text))`).
    """
    out: list[tuple[int, int]] = []
    for m in CAPS_WORD.finditer(text):
        word = m.group()
        if len(word) >= MIN_CAPS_LETTERS and (word.lower() in written_forms or word.capitalize() in written_forms):
            out.append((m.start(), m.end()))
    return out


def ends_with_question(sentence: str) -> bool:
    return sentence.rstrip(_CLOSERS).endswith(QUESTION_MARKS)


def mattr(tokens: list[str], window: int) -> float:
    """Moving-average type/token ratio (Covington & McFall 2010): the mean share of distinct
    tokens over every window of `window` consecutive tokens. Unlike the plain type/token ratio
    it does not fall as a text gets longer, so long and short articles compare.

    Computed without sliding a window: the distinct count of window [s, s + window) is the
    number of its positions whose token did not occur earlier in the window (previous occurrence
    before s), so the sum over windows is, per position i, the number of window starts s with
    max(prev_i + 1, i - window + 1, 0) <= s <= min(i, n - window).
    """
    n = len(tokens)
    if n == 0:
        return 0.0
    if n <= window:
        return len(set(tokens)) / n
    # An id per distinct token: the position of its first occurrence (dict.setdefault over map runs in C).
    first_seen: dict[str, int] = {}
    ids = np.array(list(map(first_seen.setdefault, tokens, range(n))), dtype=np.int64)
    order = np.argsort(ids, kind="stable")
    prev = np.full(n, -1, dtype=np.int64)
    same = ids[order[1:]] == ids[order[:-1]]
    prev[order[1:][same]] = order[:-1][same]
    positions = np.arange(n)
    first = np.maximum(np.maximum(prev + 1, positions - window + 1), 0)
    last = np.minimum(positions, n - window)
    total = np.clip(last - first + 1, 0, None).sum()
    return float(total) / ((n - window + 1) * window)
