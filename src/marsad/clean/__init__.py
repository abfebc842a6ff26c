"""Cleaning: from the raw page text to ``Article.text`` as published, with paragraph kinds and a
record of everything removed and why. Precision over recall: a line is removed only when a rule
says what it is. The rules (what a line is) are in :mod:`marsad.clean.rules` and
:mod:`marsad.clean.repeats`; the page engine that applies them is :mod:`marsad.clean.page`, or its
compiled twin where the install built it."""

from __future__ import annotations

import hashlib
import warnings
from pathlib import Path
from types import ModuleType

from marsad.clean import page
from marsad.model import Article
from marsad.pipeline import Step
from marsad.settings import DEFAULT, Settings


def _engine() -> ModuleType:
    """The compiled engine when it is built from the source beside it, else the Python engine."""
    try:
        from marsad.clean import _page
    except ImportError:  # not built here (no compiler at install): the Python engine, same output
        return page
    source = Path(__file__).with_name("_page.pyx")
    if source.exists() and hashlib.sha256(source.read_bytes()).hexdigest() != _page.SOURCE_DIGEST:
        warnings.warn("marsad: the compiled page engine is older than its source; the Python engine runs "
                      "until it is rebuilt (pip install -e .)", stacklevel=2)
        return page
    return _page


engine = _engine()

PARAGRAPH_SEP = page.PARAGRAPH_SEP


def clean_article(article: Article, settings: Settings = DEFAULT) -> Article:
    return engine.clean_article(article, settings)


class Clean(Step):
    name = "clean"
    requires = ("raw",)
    provides = ("text", "paragraphs", "title")

    def __init__(self, settings: Settings = DEFAULT) -> None:
        self.settings = settings

    def process(self, article: Article) -> Article:
        return engine.clean_article(article, self.settings)
