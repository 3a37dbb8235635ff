"""Lexicons behind the sentiment rubric, each loaded once per process on first use.

- English: VADER (vaderSentiment, MIT), its analyzer and its valence lexicon.
- Chinese: HowNet polarity words and degree/negation words (see the headers of
  rubrics/data/sentiment_zh_*.tsv for provenance).
- Traditional -> Simplified character map (OpenCC), one character for one, so a folded
  text keeps every offset of the original.
"""

from __future__ import annotations

from functools import lru_cache
from typing import TYPE_CHECKING

from rubrics._data import data_rows

if TYPE_CHECKING:
    from vaderSentiment.vaderSentiment import SentimentIntensityAnalyzer


@lru_cache(maxsize=1)
def vader() -> SentimentIntensityAnalyzer:
    # The analyzer reads its lexicon from files inside the package: no download.
    from vaderSentiment.vaderSentiment import SentimentIntensityAnalyzer

    return SentimentIntensityAnalyzer()


@lru_cache(maxsize=1)
def zh_polarity() -> dict[str, int]:
    """Simplified-Chinese word -> +1 (positive) or -1 (negative)."""
    return {
        row["word"]: (1 if row["polarity"] == "positive" else -1)
        for row in data_rows("sentiment_zh_hownet.tsv")
    }


@lru_cache(maxsize=1)
def zh_modifiers() -> dict[str, float]:
    """Degree word -> multiplier (> 0); negator -> -1."""
    return {row["word"]: float(row["multiplier"]) for row in data_rows("sentiment_zh_modifiers.tsv")}


@lru_cache(maxsize=1)
def t2s_table() -> dict[int, str]:
    return {ord(row["traditional"]): row["simplified"] for row in data_rows("sentiment_zh_t2s.tsv")}


def fold_zh(text: str) -> str:
    """Traditional characters mapped to Simplified, one for one (length is unchanged)."""
    return text.translate(t2s_table())
