"""The framing rubric's lexicons (rubrics/data/framing_*.tsv), built once per process.

Two matchers, one per family, so that a loaded phrase ("war on") or a weight-0 `neutral` phrase
("war on terror") never hides a frame cue ("war") in the longest-match rule, and a frame stem
("corrupt*") never makes a loaded word ("corrupt") run on into "corruption" (the matcher's
trailing-* flag belongs to the pattern, so families must not share one automaton).

Loaded language = the hand-written lists plus, at load, the negative evaluative adjectives and
adverbs of VADER's valence lexicon (vaderSentiment, MIT; read from the installed package, not
copied): valence <= VADER_NEGATIVE_MAX, lower-case alphabetic, >= 5 letters, an adjective or
adverb ending (VADER_SUFFIXES), and not already listed (a listed `neutral` word keeps VADER's
physical or clinical senses out: "badly", "fatally", "negative").
"""

from __future__ import annotations

from functools import lru_cache

from rubrics.common.cues import Cue, CueMatcher
from rubrics.common.data import data_rows

FRAMES = ("conflict", "economic", "responsibility", "human_interest", "morality")
FRAME_CUE = "frame"
LOADED_CUE = "loaded"
LOADED_FILES = ("framing_loaded_en.tsv", "framing_loaded_zh.tsv")
# A loaded cue of this category has weight 0: a phrase or word in which a cue has its descriptive
# sense ("grand slam", "natural disaster"); it wins the longest match and emits nothing.
NEUTRAL = "neutral"
VADER_CATEGORY = "vader_negative"
# Chosen on BABE dev (both topic halves agree; docs/rubrics.md, Framing): -1.5 keeps evaluative
# adjectives (gullible, reckless) that -2.0 loses; positive valence adds puffery the lists cover.
VADER_NEGATIVE_MAX = -1.5
VADER_WEIGHT = 0.5
VADER_SUFFIXES = ("ous", "ful", "less", "ive", "ic", "ish", "able", "ible", "ly")


def frame_cues() -> list[Cue]:
    cues = []
    for row in data_rows("framing_frames.tsv"):
        # Frame-specific patterns are stronger evidence of a frame than single keywords.
        weight = 2.0 if row["kind"] == "pattern" else 1.0
        # Chinese terms match as substrings (mode "any"): no jieba pass is needed.
        cues.append(Cue(row["term"], FRAME_CUE, row["frame"], weight, mode="any"))
    return cues


def listed_loaded_cues() -> list[Cue]:
    """The hand-written loaded-language cues, English and Chinese (weight-0 `neutral` ones included)."""
    return [Cue(row["term"], LOADED_CUE, row["category"], float(row["weight"]), mode="any")
            for name in LOADED_FILES for row in data_rows(name)]


def vader_negative_words(listed: set[str]) -> list[str]:
    """VADER's negative evaluative adjectives/adverbs that the lists do not already name."""
    from vaderSentiment.vaderSentiment import SentimentIntensityAnalyzer

    return sorted(
        word for word, valence in SentimentIntensityAnalyzer().lexicon.items()
        if valence <= VADER_NEGATIVE_MAX and len(word) >= 5 and word.isalpha() and word.islower()
        and word.endswith(VADER_SUFFIXES) and word not in listed
    )


def loaded_cues() -> list[Cue]:
    listed = listed_loaded_cues()
    names = {cue.pattern.rstrip("*") for cue in listed}
    vader = [Cue(word, LOADED_CUE, VADER_CATEGORY, VADER_WEIGHT, mode="any") for word in vader_negative_words(names)]
    return listed + vader


@lru_cache(maxsize=1)
def frame_matcher() -> CueMatcher:
    return CueMatcher(frame_cues())


@lru_cache(maxsize=1)
def loaded_matcher() -> CueMatcher:
    return CueMatcher(loaded_cues())
