"""Stable article ids: a hash of outlet + URL when the URL is known, else of the folded text."""

from __future__ import annotations

import hashlib

from marsad.arabic import fold
from marsad.model import Article
from marsad.pipeline import Step


def article_id(article: Article) -> str:
    if article.url:
        basis = f"url\n{(article.outlet or '').strip().lower()}\n{article.url.strip()}"
    else:
        basis = "text\n" + " ".join(fold(article.text).split())
    return hashlib.sha256(basis.encode("utf-8")).hexdigest()[:16]


class Identify(Step):
    name = "identify"
    requires = ("text",)
    provides = ("id",)

    def process(self, article: Article) -> Article:
        article.id = article_id(article)
        return article
