"""Boilerplate: every line of a scraped article labelled content or a boilerplate category.

Exports the rubric and the line analysis other rubrics share (spam reads the same labels).
"""

from rubrics.boilerplate.classify import CONTENT, LINK_FARM, LineLabels, shared_labels, title_line
from rubrics.boilerplate.lines import CATEGORIES, is_headline_like
from rubrics.boilerplate.rubric import BoilerplateRubric
from rubrics.boilerplate.topic import headline_pieces

__all__ = ["CATEGORIES", "CONTENT", "LINK_FARM", "BoilerplateRubric", "LineLabels", "headline_pieces",
           "is_headline_like", "shared_labels", "title_line"]
