"""Cleaning: from the raw page text to ``Article.text`` as published, with paragraph kinds and a
record of everything removed and why. Precision over recall: a line is removed only when a rule
says what it is. The rules (what a line is) are in :mod:`marsad.clean.rules` and
:mod:`marsad.clean.repeats`; :mod:`marsad.clean.page` applies them to a page."""

from __future__ import annotations

from marsad.clean.page import clean_article
from marsad.model import Article
from marsad.pipeline import Step
from marsad.settings import DEFAULT, Settings

__all__ = ["Clean", "clean_article"]


class Clean(Step):
    name = "clean"
    version = 1
    requires = ("raw",)
    provides = ("text", "paragraphs", "title")

    def __init__(self, settings: Settings = DEFAULT) -> None:
        self.settings = settings

    def process(self, article: Article) -> Article:
        return clean_article(article, self.settings)
