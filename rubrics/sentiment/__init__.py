"""Sentiment: how charged the tone is, sentence by sentence (VADER for English, HowNet for Chinese).

Exports the rubric and the per-sentence compounds other rubrics share (lean reads them).
"""

from rubrics.sentiment.rubric import (
    MAX_SENTENCE_CHARS,
    SentimentRubric,
    sentence_compounds,
    sentence_sentiments,
)

__all__ = ["MAX_SENTENCE_CHARS", "SentimentRubric", "sentence_compounds", "sentence_sentiments"]
