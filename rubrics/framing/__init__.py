"""Framing: generic news frames and loaded language."""

from rubrics.framing.lexicon import FRAMES
from rubrics.framing.rubric import FramingRubric

__all__ = ["FRAMES", "FramingRubric"]
