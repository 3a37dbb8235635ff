"""Spam: link farms, clickbait titles, ad markers, scraping artifacts and other spam-like signals."""

from rubrics.spam.rubric import SpamRubric

__all__ = ["SpamRubric"]
