"""Style: writing style of the title and the body (length, function words, shouting, exclamations,
questions, lexical diversity, personal address)."""

from rubrics.style.rubric import StyleRubric

__all__ = ["StyleRubric"]
