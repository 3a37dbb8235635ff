"""Sentiment: how charged the tone is, sentence by sentence (VADER's parts calibrated on human ratings of
news sentences for English, HowNet for Chinese).

Exports the rubric and the per-sentence values other rubrics share (lean reads them): VADER's
compounds (with the valence of each word behind them) and the calibrated polarities.
"""

from rubrics.sentiment.rubric import (
    MAX_SENTENCE_CHARS,
    SentimentRubric,
    sentence_compounds,
    sentence_polarities,
    sentence_sentiments,
)

__all__ = ["MAX_SENTENCE_CHARS", "SentimentRubric", "sentence_compounds", "sentence_polarities",
           "sentence_sentiments"]
