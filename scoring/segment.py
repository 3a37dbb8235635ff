"""Old import path of the segmentation types, kept for plug-in rubrics (see scoring.text.segment)."""

from scoring.text.script import CJK_CLASS
from scoring.text.segment import Line, Segmented, Sentence, Word, segment, split_sentences, tokenize

__all__ = ["CJK_CLASS", "Line", "Segmented", "Sentence", "Word", "segment", "split_sentences", "tokenize"]
