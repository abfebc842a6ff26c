"""Cleaning: from the raw page text to ``Article.text`` as published, with paragraph kinds and a
record of everything removed and why. Precision over recall: a line is removed only when a rule
says what it is. The rules (what a line is) are in :mod:`marsad.clean.rules` and
:mod:`marsad.clean.repeats`; :mod:`marsad.clean.page` applies them to a page."""

from __future__ import annotations

from typing import Any

from marsad.clean.furniture import SiteFurniture
from marsad.clean.page import clean_article
from marsad.model import Article
from marsad.pipeline import Step
from marsad.settings import DEFAULT, Settings

__all__ = ["Clean", "clean_article"]


class Clean(Step):
    """The cleaner, with the site furniture learned so far (:mod:`marsad.clean.furniture`): read from the
    store before each batch (``prepare``), so the step stays a function of the article and that table."""

    name = "clean"
    version = 4  # 3: an aggregator's "published in PAPER on DAY" line gives the day; 4: a tags line (سمات ...)
    requires = ("raw",)
    provides = ("text", "paragraphs", "title")

    def __init__(self, settings: Settings = DEFAULT, furniture: SiteFurniture | None = None) -> None:
        self.settings = settings
        self.furniture = furniture or SiteFurniture()

    def prepare(self, store: Any) -> None:
        self.furniture = store.site_furniture()

    def process(self, article: Article) -> Article:
        return clean_article(article, self.settings, self.furniture)
