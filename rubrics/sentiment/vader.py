"""VADER's sentence scorer (vaderSentiment 3.3.2), re-expressed for speed, same numbers.

`SentimentIntensityAnalyzer.polarity_scores` rebuilds the text character by character to
replace emoji, lower-cases the whole token list again for every lexicon word it meets (three
or four times per word), and runs its rule checks through many small calls. News prose has
few lexicon words per sentence, so almost all of that work is wasted. This module does the
same computation once per sentence:

- emoji are replaced (VADER's own loop) only when the sentence contains one;
- tokens are split, punctuation-stripped and lower-cased once;
- VADER's rules (booster/dampener words, ALL-CAPS emphasis, "no", negation in the three
  preceding words, "never so", "without doubt", special idioms, "least", "but",
  exclamation/question emphasis) run only at lexicon words, on the lower-cased list.

`vader_sentence` returns VADER's raw sum (before normalisation, with punctuation emphasis),
its compound (rounded to 4 places like `polarity_scores`) and the positions and valences of
the tokens that carried valence. tests/test_sentiment.py checks that the compound equals
`polarity_scores(text)["compound"]` on rule-exercising sentences and on fuzzed token soup.
The rule code follows vaderSentiment/vaderSentiment.py (MIT); quirks are kept on purpose
(e.g. the "but" rule's value-based index lookup is VADER's own `_but_check`).
"""

from __future__ import annotations

import math
import string
from typing import TYPE_CHECKING, NamedTuple

from vaderSentiment.vaderSentiment import (
    BOOSTER_DICT,
    C_INCR,
    N_SCALAR,
    NEGATE,
    SPECIAL_CASES,
    SentimentIntensityAnalyzer,
)

if TYPE_CHECKING:
    from collections.abc import Mapping

VADER_ALPHA = 15.0
_PUNCTUATION = string.punctuation
NEGATORS = frozenset(NEGATE)


class VaderSentence(NamedTuple):
    raw: float  # VADER's sum of valences, punctuation emphasis included (0.0 when none)
    compound: float  # normalize(raw), rounded to 4 places as polarity_scores does
    carriers: tuple[tuple[int, float], ...]  # (token index, valence) of tokens with valence


NO_VALENCE = VaderSentence(0.0, 0.0, ())


def vader_normalize(score: float, alpha: float = VADER_ALPHA) -> float:
    """VADER's squashing of a raw valence sum into [-1, 1]."""
    norm = score / math.sqrt(score * score + alpha)
    return -1.0 if norm < -1.0 else 1.0 if norm > 1.0 else norm


def _replace_emoji(text: str, emojis: Mapping[str, str]) -> str:
    # polarity_scores' own emoji loop, kept verbatim for identical spacing.
    out = ""
    prev_space = True
    for ch in text:
        if ch in emojis:
            if not prev_space:
                out += " "
            out += emojis[ch]
            prev_space = False
        else:
            out += ch
            prev_space = ch == " "
    return out


def _strip_punc(token: str) -> str:
    stripped = token.strip(_PUNCTUATION)
    return token if len(stripped) <= 2 else stripped


def _negated(word_lower: str) -> bool:
    return word_lower in NEGATORS or "n't" in word_lower


class VaderTokens(NamedTuple):
    """A sentence as VADER sees it: emoji replaced and stripped, whitespace tokens, and each token
    punctuation-stripped and lower-cased (VADER's `words_and_emoticons`, lower-cased)."""

    text: str
    tokens: list[str]
    lower: list[str]


def vader_tokens(analyzer: SentimentIntensityAnalyzer, text: str) -> VaderTokens:
    if not text.isascii():
        emojis = analyzer.emojis
        if not emojis.keys().isdisjoint(text):
            text = _replace_emoji(text, emojis)
    text = text.strip()
    tokens = text.split()
    lowered = text.lower()
    if len(lowered) == len(text):
        # Lower-casing kept every character one character, so it commutes with VADER's
        # punctuation strip (and its length test): strip the lower-cased tokens directly.
        lower = [s if len(s := t.strip(_PUNCTUATION)) > 2 else t for t in lowered.split()]
    else:
        lower = [_strip_punc(t).lower() for t in tokens]
    return tuple.__new__(VaderTokens, (text, tokens, lower))


def vader_sentence(analyzer: SentimentIntensityAnalyzer, text: str) -> VaderSentence:
    """VADER's valence of one sentence (see the module docstring)."""
    return vader_scored(analyzer, vader_tokens(analyzer, text))


def vader_scored(analyzer: SentimentIntensityAnalyzer, sentence: VaderTokens) -> VaderSentence:
    """VADER's valence of a sentence already split by `vader_tokens`."""
    text, tokens, lower = sentence
    lexicon = analyzer.lexicon
    if lexicon.keys().isdisjoint(lower):
        return NO_VALENCE
    n = len(lower)
    hits = [
        i for i, w in enumerate(lower)
        if w in lexicon and w not in BOOSTER_DICT
        and not (w == "kind" and i + 1 < n and lower[i + 1] == "of")
    ]
    if not hits:
        return NO_VALENCE
    # ALL-CAPS tests: punctuation is uncased, so a token and its stripped form agree.
    upper = [t.isupper() for t in tokens]
    allcaps = sum(upper)
    is_cap_diff = 0 < n - allcaps < n
    sentiments = [0.0] * n
    for i in hits:
        sentiments[i] = _valence(lexicon, upper, lower, i, is_cap_diff)
    if "but" in lower:
        sentiments = SentimentIntensityAnalyzer._but_check(lower, sentiments)
    raw = float(sum(sentiments))
    if raw:
        emphasis = analyzer._punctuation_emphasis(text)
        raw = raw + emphasis if raw > 0 else raw - emphasis
    carriers = tuple((i, sentiments[i]) for i in hits if sentiments[i])
    return VaderSentence(raw, round(vader_normalize(raw), 4) if raw else 0.0, carriers)


def _scalar(word_upper: bool, word_lower: str, valence: float, is_cap_diff: bool) -> float:
    # vaderSentiment.scalar_inc_dec
    scalar = BOOSTER_DICT.get(word_lower)
    if scalar is None:
        return 0.0
    if valence < 0:
        scalar *= -1
    if is_cap_diff and word_upper:
        scalar = scalar + C_INCR if valence > 0 else scalar - C_INCR
    return scalar


def _valence(
    lexicon: Mapping[str, float], upper: list[bool], lower: list[str], i: int, is_cap_diff: bool
) -> float:
    """SentimentIntensityAnalyzer.sentiment_valence for the lexicon word at i."""
    item_lower = lower[i]
    valence = lexicon[item_lower]
    n = len(lower)
    if item_lower == "no" and i != n - 1 and lower[i + 1] in lexicon:
        valence = 0.0
    if (i > 0 and lower[i - 1] == "no") or (i > 1 and lower[i - 2] == "no") or (
        i > 2 and lower[i - 3] == "no" and lower[i - 1] in ("or", "nor")
    ):
        valence = lexicon[item_lower] * N_SCALAR
    if is_cap_diff and upper[i]:
        valence = valence + C_INCR if valence > 0 else valence - C_INCR
    for start_i in range(3):
        j = i - (start_i + 1)
        if i > start_i and lower[j] not in lexicon:
            s = _scalar(upper[j], lower[j], valence, is_cap_diff)
            if start_i == 1 and s != 0:
                s = s * 0.95
            if start_i == 2 and s != 0:
                s = s * 0.9
            valence = valence + s
            valence = _negation(valence, lower, start_i, i)
            if start_i == 2:
                valence = _special_idioms(valence, lower, i)
    # _least_check
    if i > 1 and lower[i - 1] not in lexicon and lower[i - 1] == "least":
        if lower[i - 2] != "at" and lower[i - 2] != "very":
            valence = valence * N_SCALAR
    elif i > 0 and lower[i - 1] not in lexicon and lower[i - 1] == "least":
        valence = valence * N_SCALAR
    return valence


def _negation(valence: float, lower: list[str], start_i: int, i: int) -> float:
    # SentimentIntensityAnalyzer._negation_check
    if start_i == 0:
        if _negated(lower[i - 1]):
            valence = valence * N_SCALAR
    elif start_i == 1:
        if lower[i - 2] == "never" and (lower[i - 1] == "so" or lower[i - 1] == "this"):
            valence = valence * 1.25
        elif lower[i - 2] == "without" and lower[i - 1] == "doubt":
            pass
        elif _negated(lower[i - 2]):
            valence = valence * N_SCALAR
    else:
        if (lower[i - 3] == "never" and (lower[i - 2] == "so" or lower[i - 2] == "this")) or (
            lower[i - 1] == "so" or lower[i - 1] == "this"
        ):
            valence = valence * 1.25
        elif lower[i - 3] == "without" and (lower[i - 2] == "doubt" or lower[i - 1] == "doubt"):
            pass
        elif _negated(lower[i - 3]):
            valence = valence * N_SCALAR
    return valence


def _special_idioms(valence: float, lower: list[str], i: int) -> float:
    # SentimentIntensityAnalyzer._special_idioms_check (only reached with i >= 3)
    w3, w2, w1, w0 = lower[i - 3], lower[i - 2], lower[i - 1], lower[i]
    onezero = f"{w1} {w0}"
    twoonezero = f"{w2} {w1} {w0}"
    twoone = f"{w2} {w1}"
    threetwoone = f"{w3} {w2} {w1}"
    threetwo = f"{w3} {w2}"
    for seq in (onezero, twoonezero, twoone, threetwoone, threetwo):
        if seq in SPECIAL_CASES:
            valence = SPECIAL_CASES[seq]
            break
    n = len(lower)
    if n - 1 > i:
        zeroone = f"{w0} {lower[i + 1]}"
        if zeroone in SPECIAL_CASES:
            valence = SPECIAL_CASES[zeroone]
    if n - 1 > i + 1:
        zeroonetwo = f"{w0} {lower[i + 1]} {lower[i + 2]}"
        if zeroonetwo in SPECIAL_CASES:
            valence = SPECIAL_CASES[zeroonetwo]
    for n_gram in (threetwoone, threetwo, twoone):
        if n_gram in BOOSTER_DICT:
            valence = valence + BOOSTER_DICT[n_gram]
    return valence
