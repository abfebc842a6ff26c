"""Cleaning: from the raw page text to ``Article.text`` as published, with paragraph kinds and a
record of everything removed and why. Precision over recall: a line is removed only when a rule
says what it is."""

from __future__ import annotations

from marsad.arabic import fold_key
from marsad.clean import rules
from marsad.clean.repeats import find_repeats
from marsad.errors import MarsadError
from marsad.model import Article, Paragraph, Removed
from marsad.pipeline import Step
from marsad.settings import DEFAULT, Settings

PARAGRAPH_SEP = "\n\n"


class Clean(Step):
    name = "clean"
    requires = ("raw",)
    provides = ("text", "paragraphs", "title")

    def __init__(self, settings: Settings = DEFAULT) -> None:
        self.settings = settings

    def process(self, article: Article) -> Article:
        return clean_article(article, self.settings)


def clean_article(article: Article, settings: Settings = DEFAULT) -> Article:
    units = _lines(article.raw)
    _classify(article, units, settings)
    units = _attach_posts(units)
    content = [u for u in units if u.dropped is None and u.kind in ("body", "embedded_post")]
    for i, reason in find_repeats([u.key for u in content], settings.repeat_containment).items():
        content[i].dropped = reason
    kept = [u for u in units if u.dropped is None]
    if all(u.kind == "title" for u in kept):
        raise MarsadError("E010")
    article.text = PARAGRAPH_SEP.join(u.text for u in kept)
    pos = 0
    for u in kept:
        end = pos + len(u.text)
        post = u.post
        article.paragraphs.append(Paragraph(pos, end, u.kind) if post is None else
                                  Paragraph(pos, end, u.kind, post.platform, post.author, post.handle, post.date))
        pos = end + len(PARAGRAPH_SEP)
    if not article.title:
        article.title = next((u.text for u in kept if u.kind == "title"), None)
    article.removed = [Removed(u.text, u.dropped) for u in units if u.dropped is not None]
    article.raw = ""
    return article


def _lines(raw: str) -> list[rules.Line]:
    """The page's non-empty lines, stripped, keyed in one call (folding keeps line breaks)."""
    keys = rules.merge_spaces(fold_key(raw)).split("\n")
    return [rules.Line(text, k.strip()) for line, k in zip(raw.split("\n"), keys, strict=True)
            if (text := line.strip())]


def _classify(article: Article, units: list[rules.Line], settings: Settings) -> None:
    """Line rules: furniture anywhere, then the header zone (everything before the first body line)."""
    in_header = True
    in_related = False
    have_title = False
    title_key = rules.key(article.title) if article.title else None
    for u in units:
        reason = rules.boilerplate(u)
        if u.long and not reason:  # body text: no other rule is for a line this long
            in_related = in_header = False
            continue
        n_words = u.n_words
        if in_related:
            if reason or (n_words <= settings.related_max_words and not rules.ends_with_period(u.text)):
                u.dropped = reason or "related"
                continue
            in_related = False
        if reason:
            u.dropped = reason
            in_related = reason == "related" and rules.is_related_heading(u)
            continue
        if rules.has_marks(u):
            is_stamp, date = rules.stamp_date(u)
            if is_stamp:
                u.dropped = "date_stamp"
                if date and not article.published:
                    article.published, article.published_how = date, "header"
                continue
            if rules.is_counter(u):
                u.dropped = "counter"
                continue
            if rules.is_breadcrumb(u):
                u.dropped = "category"
                continue
            if rules.is_source_line(u):
                u.dropped = "footer"
                continue
            u.post = rules.post_attribution(u)
            if u.post:
                continue  # joined to its post afterwards
        if rules.is_caption(u):
            u.kind = "caption"
            continue
        if title_key is not None and not have_title and u.key == title_key:
            u.kind, have_title, in_header = "title", True, False
            continue
        if not in_header:
            continue
        if rules.is_byline(u):
            u.dropped = "byline"
        elif (title_key is None and not have_title
              and settings.title_min_words <= n_words <= settings.title_max_words and not rules.ends_sentence(u.text)
              and not rules.is_dateline(u)):
            u.kind, have_title = "title", True
        elif n_words <= 3:
            u.dropped = ("category" if rules.is_category(u) else
                         "dateline" if rules.is_dateline(u) else "header_label")
        elif n_words >= settings.body_min_words or rules.ends_sentence(u.text):
            in_header = False


def _attach_posts(units: list[rules.Line]) -> list[rules.Line]:
    """An attribution line closes an embedded post: the body paragraph just before it is the post's text."""
    out: list[rules.Line] = []
    for u in units:
        if u.post is not None and u.dropped is None and u.kind == "body":
            u.kind = "embedded_post"
            prev = next((p for p in reversed(out) if p.dropped is None), None)
            if prev is not None and prev.kind == "body":
                merged = rules.Line(prev.text + "\n" + u.text, f"{prev.key} {u.key}")
                merged.kind, merged.post = u.kind, u.post
                out.remove(prev)
                u = merged
        out.append(u)
    return out
