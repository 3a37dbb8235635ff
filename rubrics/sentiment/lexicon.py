"""Lexicons behind the sentiment rubric, each loaded once per process on first use.

- English: VADER (vaderSentiment, MIT), its analyzer and its valence lexicon, with the news-domain
  supplement (`vader`, shared with the lean rubric) and, for the calibrated polarity, the news-domain
  extension on top (`news_vader`).
- English subjectivity: Pattern's adjective lexicon (PDDL; `adjectives`), polarity, subjectivity and
  intensity per word form.
- Chinese: HowNet polarity words and degree/negation words (see the headers of
  rubrics/data/sentiment_zh_*.tsv for provenance).
Traditional text is looked up after `scoring.text.script.to_simplified`.
"""

from __future__ import annotations

import copy
from functools import lru_cache
from typing import TYPE_CHECKING, NamedTuple

from rubrics.common.data import data_rows

if TYPE_CHECKING:
    from vaderSentiment.vaderSentiment import SentimentIntensityAnalyzer


@lru_cache(maxsize=1)
def vader() -> SentimentIntensityAnalyzer:
    # The analyzer reads its lexicon from files inside the package: no download.
    from vaderSentiment.vaderSentiment import SentimentIntensityAnalyzer

    analyzer = SentimentIntensityAnalyzer()
    # News-domain supplement (rubrics/data/sentiment_news_domain.tsv): valence of coercive and
    # hostile acts and of gains, which VADER's social-media lexicon lacks.
    for row in data_rows("sentiment_news_domain.tsv"):
        if row["lang"] == "en":
            analyzer.lexicon[row["word"]] = float(row["valence"])
    return analyzer



@lru_cache(maxsize=1)
def news_vader() -> SentimentIntensityAnalyzer:
    """`vader()` plus rubrics/data/sentiment_news_extension.tsv: the lexicon of the calibrated polarity.

    A valence of 0 removes a VADER entry whose common sense in news is not evaluative ("party",
    "interest"): a word without valence must not stay a lexicon word, which would change VADER's
    booster and "no" rules around it. A separate analyzer, so that `vader()`'s numbers (read by the
    lean rubric) do not move until lean adopts the extension.
    """
    analyzer = copy.copy(vader())
    analyzer.lexicon = dict(analyzer.lexicon)
    for row in data_rows("sentiment_news_extension.tsv"):
        valence = float(row["valence"])
        if valence:
            analyzer.lexicon[row["word"]] = valence
        else:
            analyzer.lexicon.pop(row["word"], None)
    return analyzer


class Adjective(NamedTuple):
    polarity: float  # -1 (negative) .. 1 (positive)
    subjectivity: float  # 0 (objective) .. 1 (subjective)
    intensity: float  # multiplier when the word modifies another word ("very" 1.3)


@lru_cache(maxsize=1)
def adjectives() -> dict[str, Adjective]:
    """Lower-cased English word form -> its Pattern ratings (rubrics/data/sentiment_adjectives_en.tsv)."""
    return {
        row["word"]: Adjective(float(row["polarity"]), float(row["subjectivity"]), float(row["intensity"]))
        for row in data_rows("sentiment_adjectives_en.tsv")
    }


@lru_cache(maxsize=1)
def extension_words() -> frozenset[str]:
    """Words whose valence differs between `vader()` and `news_vader()`."""
    return frozenset(row["word"] for row in data_rows("sentiment_news_extension.tsv"))

@lru_cache(maxsize=1)
def zh_valence(base: float) -> dict[str, float]:
    """Simplified-Chinese word -> signed valence on VADER's scale.

    HowNet words of two or more characters at +/-`base`, minus the words reviewed as neutral
    in news prose, plus hand-picked single characters, then the news-domain supplement
    (which overrides HowNet where both list a word).
    """
    neutral = {row["word"] for row in data_rows("sentiment_zh_neutral.tsv")}
    out: dict[str, float] = {}
    for name in ("sentiment_zh_hownet.tsv", "sentiment_zh_single.tsv"):
        for row in data_rows(name):
            word = row["word"]
            if word in neutral or (len(word) < 2 and name == "sentiment_zh_hownet.tsv"):
                continue
            out[word] = base if row["polarity"] == "positive" else -base
    for row in data_rows("sentiment_news_domain.tsv"):
        if row["lang"] == "zh":
            out[row["word"]] = float(row["valence"])
    return out


@lru_cache(maxsize=1)
def zh_modifiers() -> dict[str, float]:
    """Degree word -> multiplier (> 0); negator -> -1."""
    return {row["word"]: float(row["multiplier"]) for row in data_rows("sentiment_zh_modifiers.tsv")}
