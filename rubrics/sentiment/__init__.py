"""Sentiment: how charged the tone is, sentence by sentence (VADER's parts calibrated on human ratings of
news sentences for English, HowNet for Chinese).

Exports the rubric and the per-sentence values other rubrics share (lean reads them): VADER's
compounds and the calibrated polarities.
"""

from rubrics.sentiment.rubric import SentimentRubric, sentence_compounds, sentence_polarities

__all__ = ["SentimentRubric", "sentence_compounds", "sentence_polarities"]
