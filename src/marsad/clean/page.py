"""The cleaner's page engine: a page's lines, their facts, the header and related-block logic, copies, and
the cleaned article."""

from __future__ import annotations

import re

from marsad.arabic import fold_key
from marsad.clean import rules
from marsad.clean.repeats import find_repeats
from marsad.errors import MarsadError
from marsad.model import Article, Paragraph, Removed
from marsad.settings import DEFAULT, LINE_CACHE_SIZE, Settings

PARAGRAPH_SEP = "\n\n"

# a short line's facts are the same on every page, so each distinct line is judged once: site furniture
# recurs on every page of its outlet, body lines pass through (the tables are emptied when full). Lines with
# digits are also looked up by shape: a site's stamps and counters are one template with other numbers. One
# pair of tables per settings (the rules' limits come from them).
_CACHES: dict[Settings, tuple[dict[str, rules.Facts], dict[str, rules.Facts]]] = {}
_DIGIT = re.compile(r"\d")


def _shape(text: str) -> str:
    return _DIGIT.sub("0", text)


def line_facts(texts: list[str], settings: Settings = DEFAULT) -> list[rules.Facts | None]:
    """Facts of each line (None for a line too long to be furniture); the lines not judged before are keyed
    in one call."""
    known, shapes = _CACHES.setdefault(settings, ({}, {}))
    short = settings.furniture_max_chars
    by_shape = settings.shape_max_chars
    new = [t for t in texts if len(t) <= short and t not in known]
    if new:
        if len(known) + len(new) > LINE_CACHE_SIZE:
            known.clear()
            shapes.clear()
            new = [t for t in texts if len(t) <= short]
        unjudged = []
        for text in new:
            facts = _by_shape(shapes, text) if len(text) <= by_shape and _DIGIT.search(text) else None
            if facts is None:
                unjudged.append(text)
            else:
                known[text] = facts
        if unjudged:
            keys = rules.merge_spaces(fold_key("\n".join(unjudged))).split("\n")
            for text, k in zip(unjudged, keys, strict=True):
                facts = known[text] = rules.Facts(text, k.strip(), settings)
                if (len(text) <= by_shape and _DIGIT.search(text)
                        and (facts.date_at is not None or facts.digit_free())):
                    shapes[_shape(text)] = facts
    get = known.get
    return [get(t) for t in texts]


def _by_shape(shapes: dict[str, rules.Facts], text: str) -> rules.Facts | None:
    """The facts of a line of the same shape seen before, where they hold for this one too."""
    facts = shapes.get(_shape(text))
    if facts is None or facts.date_at is None:
        return facts
    return facts.dated(text)


def clean_article(article: Article, settings: Settings = DEFAULT) -> Article:
    """The article's raw page cleaned: its text, paragraphs, removed lines, and the title and date its header
    states where none was given (what an earlier cleaning set is undone first; the raw page is kept)."""
    if article.title_how == "header":
        article.title = article.title_how = None
    if article.published_how == "header":
        article.published = article.published_how = None
    texts = [t for t in map(str.strip, article.raw.split("\n")) if t]
    kinds, dropped, posts = _classify(article, texts, line_facts(texts, settings), settings)
    if posts:
        texts, kinds, dropped, posts = attach_posts(texts, kinds, dropped, posts)
    content = [i for i, kind in enumerate(kinds) if dropped[i] is None and (kind == "body" or kind == "embedded_post")]
    for n, reason in find_repeats([texts[i] for i in content], settings).items():
        dropped[content[n]] = reason
    kept = [i for i, drop in enumerate(dropped) if drop is None]
    if all(kinds[i] == "title" for i in kept):
        raise MarsadError("E010")
    article.text = PARAGRAPH_SEP.join([texts[i] for i in kept])
    paragraphs = article.paragraphs = []
    pos = 0
    for i in kept:
        end = pos + len(texts[i])
        post = posts.get(i)
        paragraphs.append(Paragraph(pos, end, kinds[i]) if post is None else
                          Paragraph(pos, end, kinds[i], post.platform, post.author, post.handle, post.date))
        pos = end + len(PARAGRAPH_SEP)
    if not article.title:
        article.title = next((texts[i] for i in kept if kinds[i] == "title"), None)
        article.title_how = "header" if article.title else None
    article.removed = [Removed(texts[i], drop) for i, drop in enumerate(dropped) if drop is not None]
    return article


def _classify(article: Article, texts: list[str], facts: list[rules.Facts | None], settings: Settings,
              ) -> tuple[list[str], list[str | None], dict[int, rules.PostAttribution]]:
    """Each line's kind and the reason it is dropped (None: kept), and the attribution lines of pasted posts:
    furniture anywhere, then the header zone (everything before the first body line)."""
    kinds = ["body"] * len(texts)
    dropped: list[str | None] = [None] * len(texts)
    posts: dict[int, rules.PostAttribution] = {}
    in_header = True
    in_related = False
    have_title = False
    title_key = rules.key(article.title) if article.title else None
    for i, f in enumerate(facts):
        if f is None:  # a line too long for furniture: body text, or a copyright line
            if texts[i].startswith("©"):
                dropped[i] = "footer"
            else:
                in_related = in_header = False
            continue
        reason = f.furniture
        if in_related:
            if reason or (f.n_words <= settings.related_max_words and not f.ends_with_period):
                dropped[i] = reason or "related"
                continue
            in_related = False
        if reason:
            dropped[i] = reason
            in_related = f.related_heading
            continue
        if f.marks:
            dropped[i] = f.marks
            if f.date and not article.published:
                article.published, article.published_how = f.date, "header"
            continue
        if f.post:
            posts[i] = f.post  # joined to its post afterwards
            continue
        if f.caption:
            kinds[i] = "caption"
            continue
        if title_key is not None and not have_title and f.key == title_key:
            kinds[i], have_title, in_header = "title", True, False
            continue
        if not in_header:
            continue
        byline, sentence, dateline, category = f.header()
        n_words = f.n_words
        if byline:
            dropped[i] = "byline"
        elif (title_key is None and not have_title and settings.title_min_words <= n_words <= settings.title_max_words
              and not sentence and not dateline):
            kinds[i], have_title = "title", True
        elif n_words <= 3:
            dropped[i] = "category" if category else "dateline" if dateline else "header_label"
        elif n_words >= settings.body_min_words or sentence:
            in_header = False
    return kinds, dropped, posts


def attach_posts(texts: list[str], kinds: list[str], dropped: list[str | None],
                  posts: dict[int, rules.PostAttribution]):
    """An attribution line closes an embedded post: the body paragraph just before it is the post's text.
    The lines are renumbered: a post and its attribution become one paragraph, where the attribution was."""
    out: list[list] = []  # [text, kind, dropped, post]
    for i, text in enumerate(texts):
        unit = [text, kinds[i], dropped[i], posts.get(i)]
        if unit[3] is not None:
            unit[1] = "embedded_post"
            prev = next((u for u in reversed(out) if u[2] is None), None)
            if prev is not None and prev[1] == "body":
                unit[0] = prev[0] + "\n" + text
                out.remove(prev)
        out.append(unit)
    texts, kinds, dropped, attached = (list(column) for column in zip(*out, strict=True))
    return texts, kinds, dropped, {i: post for i, post in enumerate(attached) if post is not None}
