"""Calibrated sentence polarity: VADER's parts and a few closed-class cues, combined by a fitted model.

VADER's compound ranks NYT editorial sentences only moderately against human ratings (Pearson r 0.50),
and no single part of it is the problem: its parts are exhausted by a linear combination. What the
combination adds is measured in scripts/train_sentiment.py (10-fold cross-validation grouped by
article). The features, per sentence, each zero when the sentence has no such evidence:

- `valence`: VADER's squashed sum, without the valence of words inside Title-Case names
  ("Supreme Court", "United States", "Happy Birthday" are names, not praise);
- `valence_density`: the same sum per token (one strong word in a long sentence weighs less);
- `mixed_polarity`: both positive and negative words (raters read such sentences as more negative);
- `question`: a question mark (editorial questions are mostly rhetorical reproach);
- `excess`: "too" before a word ("too expensive", not "me too"), which VADER does not score;
- `negators`: negation words, whether or not VADER found a word for them to flip ("it's not working");
- `irrealis_valence`: `valence` inside a conditional or modal sentence (if, would, could, should, might,
  unless, wish), where a positive word is often a wish for what is missing;
- `adjective_polarity`: the sentence's polarity by a second, independent lexicon, Pattern's adjectives
  (`lexicon.adjectives`), computed as Pattern does: the mean polarity of the sentence's lexicon words, an
  intensifier ("very", "really") multiplying the word it modifies, a negation just before a word reversing
  and halving it ("not good" = slightly bad); words inside Title-Case names are left out as for `valence`.
  It reaches evaluative adjectives VADER lacks (a third of the NYT snippets hold no VADER word);
- `adjective_subjectivity`: Pattern's subjectivity of the sentence, the mean subjectivity of the same words
  (opinionated wording reads as more negative in news, on NYT and NewsMTSC alike).

Polarity = sum_k weight_k * feature_k, no intercept (a sentence without evidence is exactly 0), clipped
to [-1, 1]; it estimates the mean human rating / 4 on VADER's -4..+4 scale. The weights come from
rubrics/data/sentiment_calibration.json, written by scripts/train_sentiment.py.
"""

from __future__ import annotations

import math
from functools import lru_cache
from operator import mul
from typing import TYPE_CHECKING, NamedTuple

from rubrics.common.data import data_json
from rubrics.sentiment.lexicon import adjectives
from rubrics.sentiment.vader import NEGATORS, VADER_ALPHA, VaderSentence, VaderTokens

if TYPE_CHECKING:
    from vaderSentiment.vaderSentiment import SentimentIntensityAnalyzer

MODEL_FILE = "sentiment_calibration.json"
FEATURES = (
    "valence", "valence_density", "mixed_polarity", "question", "excess", "negators", "irrealis_valence",
    "adjective_polarity", "adjective_subjectivity",
)
# VADER's negators, plus "no" (which VADER handles by its own rule).
NEGATION_CUES = NEGATORS | {"no"}
IRREALIS = frozenset(["if", "would", "could", "should", "might", "unless", "wish"])
_CUE_WORDS = NEGATION_CUES | IRREALIS | {"too"}
_NAME_BREAK = (".", ",", ";", ":", "!", "?")
_OPENERS = "\"'(“‘"
_NAME_START = frozenset("ABCDEFGHIJKLMNOPQRSTUVWXYZ" + _OPENERS)
NO_FEATURES = (0.0,) * len(FEATURES)


class CalibrationModel(NamedTuple):
    weights: tuple[float, ...]  # per FEATURES entry, already divided by the feature's scale
    charged_threshold: float
    zh_scale: float


@lru_cache(maxsize=1)
def calibration_model() -> CalibrationModel:
    model = data_json(MODEL_FILE)
    by_name = {f["name"]: f for f in model["features"]}
    if tuple(by_name) != FEATURES:
        raise ValueError(f"{MODEL_FILE} has features {tuple(by_name)}, expected {FEATURES}: retrain it")
    weights = tuple(by_name[n]["coefficient"] / by_name[n]["scale"] for n in FEATURES)
    return CalibrationModel(weights, float(model["charged_threshold"]), float(model["zh_scale"]))


def _title_case(token: str) -> bool:
    if token[0] in _OPENERS:
        token = token.lstrip(_OPENERS)
    return len(token) > 1 and token[0].isupper() and token[1].islower()


def _in_name(tokens: list[str], i: int) -> bool:
    """Token i is a non-initial word of a run of Title-Case words (a name, not the sentence start)."""
    token = tokens[i]
    if i == 0 or not (token[0].isupper() or token[0] in _OPENERS) or not _title_case(token):
        return False
    if _title_case(tokens[i - 1]) and not tokens[i - 1].endswith(_NAME_BREAK):
        return True
    return i + 1 < len(tokens) and not token.endswith(_NAME_BREAK) and _title_case(tokens[i + 1])


def adjective_scores(
    tokens: list[str], lower: list[str], carriers: tuple[tuple[int, float], ...]
) -> tuple[float, float, int]:
    """Pattern's polarity and subjectivity of a sentence (see `adjective_polarity` in the module docstring), and
    how many of its polar words are not already VADER carriers (the extra evidence)."""
    lexicon = adjectives()
    hits = [i for i, w in enumerate(lower) if w in lexicon]
    if not hits:
        return 0.0, 0.0, 0
    carried = {i for i, _ in carriers}
    count = extra = 0
    polarity_sum = subjectivity_sum = 0.0
    # The last assessment, while it is an intensifier still waiting for its word: index, ratings, whether new.
    intensifier = -1
    last = (0.0, 0.0, False)
    for i in hits:
        if i and tokens[i][0] in _NAME_START and _in_name(tokens, i):
            continue
        value, subjective, intensity = lexicon[lower[i]]
        start = i
        if intensifier >= 0 and all(len(w) <= 2 for w in lower[intensifier + 1 : i]):
            # "very good": one assessment, the word's ratings times the intensifier's intensity.
            start = intensifier
            boost = lexicon[lower[intensifier]].intensity
            value = max(-1.0, min(1.0, value * boost))
            subjective = max(-1.0, min(1.0, subjective * boost))
            count -= 1
            polarity_sum -= last[0]
            subjectivity_sum -= last[1]
            extra -= last[2]
        # A negation just before the word, skipping one-character tokens ("not a good idea"), as in Pattern.
        j = start - 1
        while j >= 0 and len(lower[j]) <= 2 and len(lower[j].strip("'")) <= 1:
            j -= 1
        if j >= 0 and (lower[j] in NEGATION_CUES or "n't" in lower[j]):
            value *= -0.5
        new = value != 0.0 and i not in carried
        count += 1
        polarity_sum += value
        subjectivity_sum += subjective
        extra += new
        if intensity != 1.0:
            intensifier, last = i, (value, subjective, new)
        else:
            intensifier = -1
    if not count:
        return 0.0, 0.0, 0
    return polarity_sum / count, subjectivity_sum / count, extra


def sentence_features(
    analyzer: SentimentIntensityAnalyzer, sentence: VaderTokens, scored: VaderSentence
) -> tuple[tuple[float, ...], int]:
    """FEATURES of one English sentence, and how many of its words are evidence (valence words and cues).

    `sentence` is the sentence as VADER split it and `scored` VADER's result on it.
    """
    text, tokens, lower = sentence
    found = _CUE_WORDS.intersection(lower)  # one pass over the tokens for every cue
    negators = sum(map(lower.count, found & NEGATION_CUES)) if found else 0
    if "n't" in text or "N'T" in text:
        negators += sum(1 for w in lower if "n't" in w and w not in NEGATION_CUES)
    excess = 0
    if "too" in found:
        excess = sum(
            1 for i, w in enumerate(lower[:-1])
            if w == "too" and tokens[i].isalpha() and lower[i + 1][:1].isalpha()
        )
    question = "?" in text
    adjective, subjectivity, adjective_words = adjective_scores(tokens, lower, scored.carriers)
    cues = negators + excess + question + adjective_words
    if not scored.carriers:
        if not cues:
            return NO_FEATURES, 0
        return (
            0.0, 0.0, 0.0, float(question), float(excess), float(negators), 0.0, adjective, subjectivity
        ), cues
    total = scored.raw
    # Only a capitalised non-initial token can be inside a name (cheap test first).
    kept = [v for i, v in scored.carriers if not (i and tokens[i][0] in _NAME_START and _in_name(tokens, i))]
    if len(kept) < len(scored.carriers):  # valence inside names removed: redo VADER's sum
        total = sum(kept)
        if total:
            emphasis = analyzer._punctuation_emphasis(text)
            total = total + emphasis if total > 0 else total - emphasis
    mixed = 1.0 if kept and max(kept) > 0 > min(kept) else 0.0
    valence = total / math.sqrt(total * total + VADER_ALPHA) if total else 0.0
    irrealis = valence if valence and not IRREALIS.isdisjoint(found) else 0.0
    features = (
        valence, total / len(lower), mixed, float(question), float(excess), float(negators), irrealis,
        adjective, subjectivity,
    )
    return features, len(kept) + cues


def polarity(features: tuple[float, ...], model: CalibrationModel) -> float:
    value = sum(map(mul, model.weights, features))
    return -1.0 if value < -1.0 else 1.0 if value > 1.0 else value
