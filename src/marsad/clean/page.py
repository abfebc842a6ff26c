"""The cleaner's page engine: a page's lines, their facts, the header and related-block logic, copies, and
the cleaned article."""

from __future__ import annotations

import re

from marsad.arabic import fold_key
from marsad.clean import rules
from marsad.clean.dateline import MAX_WORDS as MAX_DATELINE_WORDS
from marsad.clean.dateline import Dateline, dateline, is_agency, may_open_a_dateline
from marsad.clean.furniture import SiteFurniture
from marsad.clean.repeats import find_repeats
from marsad.errors import MarsadError
from marsad.model import Article, Paragraph, Removed
from marsad.settings import DEFAULT, LINE_CACHE_SIZE, Settings

PARAGRAPH_SEP = "\n\n"
MAX_HEADLINE_LINES = 3  # a kicker, the headline, a sub-headline: a fourth short line starts the body

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


def clean_article(article: Article, settings: Settings = DEFAULT, furniture: SiteFurniture | None = None) -> Article:
    """The article's raw page cleaned: its text, paragraphs, removed lines, and the title and date its header
    states where none was given (what an earlier cleaning set is undone first; the raw page is kept)."""
    if article.title_how == "header":
        article.title = article.title_how = None
    if article.published_how in ("header", "dateline"):
        article.published = article.published_how = None
    article.dateline_place = article.dateline_agency = None
    article.removed = []
    texts = [t for t in map(str.strip, article.raw.split("\n")) if t]
    kinds, dropped, posts = _classify(article, texts, line_facts(texts, settings), settings, furniture)
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
    article.removed += [Removed(texts[i], drop) for i, drop in enumerate(dropped) if drop is not None]
    return article


def _classify(article: Article, texts: list[str], facts: list[rules.Facts | None], settings: Settings,
              furniture: SiteFurniture | None = None,
              ) -> tuple[list[str], list[str | None], dict[int, rules.PostAttribution]]:
    """Each line's kind and the reason it is dropped (None: kept), and the attribution lines of pasted posts:
    furniture anywhere, then the header zone (everything before the first body line): datelines, bylines,
    labels and the headline. A dateline glued to the first body line is cut from it (``texts`` changes)."""
    kinds = ["body"] * len(texts)
    dropped: list[str | None] = [None] * len(texts)
    posts: dict[int, rules.PostAttribution] = {}
    header = _Header(article, texts, kinds, dropped, settings)
    in_related = False
    for i, f in enumerate(facts):
        if f is None:  # a line too long for furniture: body text, or a copyright line
            if texts[i].startswith("©"):
                dropped[i] = "footer"
            else:
                in_related = False
                header.body_starts(i)
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
        if furniture and furniture.holds(article.outlet, f.key):
            dropped[i] = "site_furniture"
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
        if is_agency(f.key):  # سبأ، (واس): the agency signing off
            dropped[i] = "dateline"
            continue
        if not header.open and f.n_words <= MAX_DATELINE_WORDS and header.later_dateline(i):
            continue
        header.line(i, f)
    header.choose_title()
    return kinds, dropped, posts


class _Header:
    """The header zone of a page: the lines before its first body line."""

    def __init__(self, article: Article, texts: list[str], kinds: list[str], dropped: list[str | None],
                 settings: Settings) -> None:
        self.article, self.texts, self.kinds, self.dropped, self.settings = article, texts, kinds, dropped, settings
        self.open = True
        self.title_key = rules.key(article.title) if article.title else None
        self.candidates: list[int] = []  # headline lines, in order

    def line(self, i: int, f: rules.Facts) -> None:
        if self.title_key is not None and f.key == self.title_key and "title" not in self.kinds:
            self.kinds[i] = "title"
            self.open = False
            return
        if not self.open:
            return
        text = self.texts[i]
        byline, sentence, category = f.header()
        found = dateline(text) if not category and f.n_words <= MAX_DATELINE_WORDS and may_open_a_dateline(text) \
            else None
        if found is not None and found.text.strip() == text.strip():
            self.dropped[i] = "byline" if found.byline else "dateline"
            self._dated(found)
            return
        n = f.n_words
        if byline:
            self.dropped[i] = "byline"
        elif (self.title_key is None and self.settings.title_min_words <= n <= self.settings.title_max_words
              and not f.ends_with_period and len(self.candidates) < MAX_HEADLINE_LINES
              and not rules.reads_as_a_sentence(f.key, n)):
            self.candidates.append(i)  # a headline line (one ending with a colon is a kicker)
        elif n <= 3:
            self.dropped[i] = "category" if category else "header_label"
        elif n >= self.settings.body_min_words or sentence:
            self.body_starts(i)

    def body_starts(self, i: int) -> None:
        """The first body line: the header ends; a dateline glued to its start is cut from it."""
        if not self.open:
            return
        self.open = False
        found = dateline(self.texts[i]) if may_open_a_dateline(self.texts[i]) else None
        if found is not None and found.text.strip() != self.texts[i].strip():
            self._cut(i, found)

    def later_dateline(self, i: int) -> bool:
        """A short line after the header that is a dateline (تونس-وكالات-الوسط التونسية: over the report that
        follows a teaser) is dropped. Whether it was."""
        text = self.texts[i]
        found = dateline(text) if may_open_a_dateline(text) else None
        if found is None or found.text.strip() != text.strip():
            return False
        self.dropped[i] = "dateline"
        self._dated(found)
        return True

    def _cut(self, i: int, found: Dateline) -> None:
        self.texts[i] = self.texts[i][len(found.text):].strip()
        self.article.removed.append(Removed(found.text.strip(), "dateline"))
        self._dated(found)

    def _dated(self, found: Dateline) -> None:
        a = self.article
        a.dateline_place = a.dateline_place or found.place
        a.dateline_agency = a.dateline_agency or found.agency
        if found.date and not a.published:
            a.published, a.published_how = found.date, "dateline"

    def choose_title(self) -> None:
        """The headline: of the headline lines before the body (a kicker may stand above it, a standfirst
        below), the first that stands on its own; a line that leans on the headline opens with a
        preposition, a particle or a verb whose subject is the headline's (على هامش، عقب، دعا). The others
        stay, as lines of the title."""
        if self.title_key is not None or not self.candidates:
            return
        if self.open:  # no body line came: a short page of a headline and short lines, which are its text
            self.candidates = self.candidates[:1]
        for i in self.candidates:
            self.kinds[i] = "title"
        chosen = next((i for i in self.candidates if not rules.leans_on_headline(self.texts[i])
                       and not self.texts[i].rstrip().endswith(":")), self.candidates[0])
        self.article.title, self.article.title_how = self.texts[chosen], "header"


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
