"""Cleaning: from the raw page text to ``Article.text`` as published, with paragraph kinds and a
record of everything removed and why. Precision over recall: a line is removed only when a rule
says what it is."""

from __future__ import annotations

from dataclasses import dataclass

from marsad.arabic import fold_key
from marsad.clean import rules
from marsad.clean.repeats import find_repeats
from marsad.errors import MarsadError
from marsad.model import Article, Paragraph, Removed
from marsad.pipeline import Step
from marsad.settings import DEFAULT, Settings

PARAGRAPH_SEP = "\n\n"


@dataclass(slots=True)
class _Unit:
    lines: list[rules.Line]
    kind: str = "body"
    post: rules.PostAttribution | None = None
    dropped: str | None = None

    @property
    def text(self) -> str:
        return "\n".join(line.text for line in self.lines)

    @property
    def key(self) -> str:
        return " ".join(line.key for line in self.lines)


class Clean(Step):
    name = "clean"
    requires = ("raw",)
    provides = ("text", "paragraphs", "title")

    def __init__(self, settings: Settings = DEFAULT) -> None:
        self.settings = settings

    def process(self, article: Article) -> Article:
        return clean_article(article, self.settings)


def clean_article(article: Article, settings: Settings = DEFAULT) -> Article:
    # the page is keyed in one pass; folding keeps line breaks, so its keys split into the page's lines
    keys = fold_key(article.raw).split("\n")
    units = [_Unit([rules.Line(text, key)])
             for line, key in zip(article.raw.split("\n"), keys, strict=True) if (text := line.strip())]
    _classify(article, units, settings)
    _attach_posts(units)
    content = [u for u in units if not u.dropped and u.kind in ("body", "embedded_post")]
    for i, reason in find_repeats([u.key for u in content], settings.repeat_containment).items():
        content[i].dropped = reason
    kept = [u for u in units if not u.dropped]
    if not any(u.kind != "title" for u in kept):
        raise MarsadError("E010")
    parts: list[str] = []
    pos = 0
    for u in kept:
        start = pos + (len(PARAGRAPH_SEP) if parts else 0)
        text = u.text
        parts.append(text)
        pos = start + len(text)
        post = u.post
        article.paragraphs.append(Paragraph(start, pos, u.kind) if post is None else
                                  Paragraph(start, pos, u.kind, post.platform, post.author, post.handle, post.date))
        if u.kind == "title" and not article.title:
            article.title = text
    article.text = PARAGRAPH_SEP.join(parts)
    article.removed = [Removed(u.text, u.dropped) for u in units if u.dropped]
    article.raw = ""
    return article


def _classify(article: Article, units: list[_Unit], settings: Settings) -> None:
    """Line rules: furniture anywhere, then the header zone (everything before the first body line)."""
    in_header = True
    in_related = False
    have_title = False
    title_key = rules.key(article.title) if article.title else None
    for u in units:
        line = u.lines[0]
        reason = rules.boilerplate(line)
        if line.long and not reason:  # body text: no other rule is for a line this long
            in_related = in_header = False
            continue
        n_words = line.n_words
        if in_related:
            if reason or (n_words <= settings.related_max_words and not rules.ends_with_period(line.text)):
                u.dropped = reason or "related"
                continue
            in_related = False
        if reason:
            u.dropped = reason
            in_related = reason == "related" and rules.is_related_heading(line)
            continue
        is_stamp, date = rules.stamp_date(line)
        if is_stamp:
            u.dropped = "date_stamp"
            if date and not article.published:
                article.published, article.published_how = date, "header"
            continue
        if rules.is_counter(line):
            u.dropped = "counter"
            continue
        if rules.is_breadcrumb(line):
            u.dropped = "category"
            continue
        if rules.is_source_line(line):
            u.dropped = "footer"
            continue
        u.post = rules.post_attribution(line)
        if u.post:
            continue  # joined to its post afterwards
        if rules.is_caption(line):
            u.kind = "caption"
            continue
        if title_key is not None and line.key == title_key and not have_title:
            u.kind, have_title, in_header = "title", True, False
            continue
        if not in_header:
            continue
        if rules.is_byline(line):
            u.dropped = "byline"
        elif (title_key is None and not have_title
              and settings.title_min_words <= n_words <= settings.title_max_words and not rules.ends_sentence(line.text)
              and not rules.is_dateline(line)):
            u.kind, have_title = "title", True
        elif n_words <= 3:
            u.dropped = ("category" if rules.is_category(line) else
                         "dateline" if rules.is_dateline(line) else "header_label")
        elif n_words >= settings.body_min_words or rules.ends_sentence(line.text):
            in_header = False


def _attach_posts(units: list[_Unit]) -> None:
    """An attribution line closes an embedded post: the body paragraph just before it is the post's text."""
    for i, u in enumerate(units):
        if u.post is None or u.dropped or u.kind != "body":
            continue
        u.kind = "embedded_post"
        prev = next((p for p in reversed(units[:i]) if not p.dropped), None)
        if prev is not None and prev.kind == "body":
            u.lines = prev.lines + u.lines
            prev.dropped = "merged"
    units[:] = [u for u in units if u.dropped != "merged"]
