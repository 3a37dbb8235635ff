"""Sentiment: how charged the tone is, sentence by sentence (VADER for English, HowNet for Chinese).

Exports the rubric and the per-sentence compounds other rubrics share (lean reads them).
"""

from rubrics.sentiment.rubric import SentimentRubric, sentence_compounds

__all__ = ["SentimentRubric", "sentence_compounds"]
