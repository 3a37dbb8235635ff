"""Lean: which actors a document talks about, in what tone, and whom it lets speak."""

from rubrics.lean.rubric import LeanRubric

__all__ = ["LeanRubric"]
