"""Sourcing: attributions, quotes, citations, links, named documents and data points."""

from rubrics.sourcing.rubric import SourcingRubric

__all__ = ["SourcingRubric"]
