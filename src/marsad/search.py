"""Search: full text over articles and the quotes in them, with Arabic normalisation on both sides.

SQLite's FTS5 ``unicode61`` tokenizer splits words at harakat and folds none of alef forms, ya and alef
maqsura, ta marbuta or tatweel, and knows nothing of proclitics. So the text is normalised in front of it:

- every word is folded (:func:`marsad.arabic.fold`: harakat, tatweel, alef forms, ya, ta marbuta, digits);
- each word is indexed once, as its *stem*: the word with a proclitic chain that ends in the article, or the
  article alone, set aside (``للعساف``, ``والعساف``, ``العساف`` -> ``عساف``), where at least
  ``STEM_MIN`` letters are left (``الله`` stays, it is not ``له``). One token a word keeps FTS5's positions
  equal to word positions, so phrases match as phrases;
- a query word is folded the same way, then looked for under every stem its written forms can have
  (:func:`forms`: ``عساف`` -> ``عساف OR وعساف OR بعساف ...``), since a proclitic without the article
  (``وواشنطن``, ``بغداد``) cannot be told from a word's own first letter without a lexicon, and is left on
  the word in the index.

Measured against indexing every word twice (as written and stripped) on 50,000 articles: see
``python -m benchmarks.search`` and docs/performance.md ("Search").

The FTS5 table is contentless: the stems are kept once, as the step's signature (the store's
``signatures``), which is also what deleting an article's old entry needs. Snippets are cut from the article's
own text and their highlights are offsets into it (:func:`snippets`), so they show the text as published.

The index is kept by :class:`Search`, a step across articles (:mod:`marsad.link.base`): whatever was stored or
written again since it last ran is indexed again, in the same run that stored it.
"""

from __future__ import annotations

import bisect
import itertools
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any

from marsad.arabic import fold, fold_with_offsets, original_span, proclitic_readings, strip_article
from marsad.arabic.normalize import HARAKAT, INVISIBLES, QURANIC_MARKS, TATWEEL
from marsad.arabic.tokens import _PROCLITICS  # the proclitic chains marsad reads (one list for all of it)
from marsad.link.base import CorpusStep
from marsad.model import Article
from marsad.settings import WORD_CACHE_SIZE

ARTICLE = "ال"  # the definite article, written onto its word
STEM_MIN = 3  # the article (and a proclitic before it) is set aside only where this many letters are left
COLUMNS = ("title", "body", "quotes")  # the index's columns (the FTS5 table's, in this order)
WEIGHTS = (4.0, 1.0, 1.0)  # bm25 weight of a match in each column: a word of the headline counts most
SNIPPET_CHARS = 220  # characters around the matches a snippet shows (about 35 words)
SNIPPETS = 2  # snippets a result shows at most
PAGE_MAX = 100  # results a page of the API gives at most
PHRASE_MAX = 12  # words of a phrase looked for at most
PHRASE_WAYS = 64  # ways of writing a phrase looked for at most (its first word's forms times its other words')

# the characters folding drops (each other one it maps to one character)
_DROPPED = re.compile("[" + re.escape(HARAKAT + QURANIC_MARKS + TATWEEL + INVISIBLES) + "]")
# a word of folded text: what FTS5's unicode61 keeps as one token (letters and digits)
WORD = re.compile(r"[^\W_]+")
# a query: phrases in quotation marks (any of the usual marks), or words, each maybe after a minus
_QUERY = re.compile(r'(-?)(?:["«“”»](.*?)(?:["«“”»]|$)|(\S+))')


@lru_cache(maxsize=WORD_CACHE_SIZE)
def stem(word: str) -> str:
    """The form a folded word is indexed as: a proclitic chain that ends in the article, or the article alone,
    set aside where ``STEM_MIN`` letters are left (``للعساف``, ``وبالعراق`` -> ``عساف``, ``عراق``); any other
    word as it is."""
    for _, reading in ((None, word), *proclitic_readings(word)):
        bare = strip_article(reading)
        if bare != reading and len(bare) >= STEM_MIN:
            return bare
    return word


def index_text(text: str) -> str:
    """``text`` as the index holds it: the stems of its words, one space between."""
    return " ".join(stem(w) for w in WORD.findall(fold(text)))


@lru_cache(maxsize=WORD_CACHE_SIZE)
def forms(word: str, clitics: bool = True) -> tuple[str, ...]:
    """Every stem that the folded query ``word`` may be indexed under, in any of its written forms: the word
    and its stem (it may have lost an article of its own), each with the article and (``clitics``) with every
    proclitic chain written onto it: ``عساف`` -> ``عساف``, ``وعساف``, ``بعساف`` ... (``العساف`` and
    ``للعساف`` are indexed as ``عساف`` itself); ``الغاء`` (إلغاء, whose alef-lam folding makes look like an
    article) -> ``غاء`` and ``الغاء`` (الإلغاء). The chains are the ones
    :func:`marsad.arabic.proclitic_readings` reads off."""
    bases = dict.fromkeys((word, stem(word)))
    chains = ("", ARTICLE, *(_PROCLITICS if clitics else ()))
    return tuple(dict.fromkeys(stem(c + b) for b in bases for c in chains))


@dataclass(frozen=True)
class Term:
    """One query word or phrase: its words (folded, as typed) in order; the first in any of its forms with a
    proclitic (:func:`forms`), the others with or without the article."""

    words: tuple[str, ...]
    prefix: bool = False  # the last word ended in *: any word it begins
    negated: bool = False

    @property
    def first(self) -> tuple[str, ...]:
        return forms(self.words[0])

    def allowed(self, k: int) -> tuple[str, ...]:
        """The stems the ``k``-th word may be indexed under."""
        return forms(self.words[k], clitics=k == 0)

    def fts(self, column: str | None) -> str:
        """The FTS5 expression: each way to write the words (the first word's forms, then each other word's),
        as a phrase; OR between them. Every stem is quoted (stems are letters and digits only), so nothing
        typed is read as FTS5 syntax. A long phrase whose ways multiply past ``PHRASE_WAYS`` keeps its other
        words as their stems only."""
        star = "*" if self.prefix else ""
        ways: list[tuple[str, ...]] = [(f,) for f in self.first]
        for k in range(1, len(self.words)):
            alts = self.allowed(k)
            if len(ways) * len(alts) > PHRASE_WAYS:
                alts = (stem(self.words[k]),)
            ways = [(*w, a) for w in ways for a in alts]
        phrases = " OR ".join(f'"{" ".join(w)}"{star}' for w in ways)
        return f"{{{column}}} : ({phrases})" if column else f"({phrases})"

    def match_at(self, folded: str, start: int, end: int) -> int | None:
        """Where this term's match ends in ``folded`` when it starts at the word ``folded[start:end]``, or
        None: each word's stem is checked (the first against its forms, a last word ending in * by its
        beginning), a phrase's words one after the other."""
        words = [(start, end)]
        if len(self.words) > 1:
            words += [m.span() for m in itertools.islice(WORD.finditer(folded, end), len(self.words) - 1)]
            if len(words) < len(self.words):
                return None
        last = len(self.words) - 1
        for k, (a, b) in enumerate(words):
            got = stem(folded[a:b])
            allowed = self.allowed(k)
            if self.prefix and k == last:
                if not any(got.startswith(x) for x in allowed):
                    return None
            elif got not in allowed:
                return None
        return words[-1][1]

    @property
    def tail(self) -> str:
        """What every word this term's first word matches ends in (or, for ``word*``, holds): the shortest of
        its forms, since each form is the end of a proclitic chain written onto the folded word."""
        return min(self.first, key=len)


@dataclass(frozen=True)
class Query:
    """A parsed query: its terms (every one not negated must match, no negated one may)."""

    text: str
    terms: tuple[Term, ...] = ()

    @property
    def positive(self) -> tuple[Term, ...]:
        return tuple(t for t in self.terms if not t.negated)

    def fts(self, column: str | None = None) -> str | None:
        """The FTS5 MATCH expression, or None when nothing in the query can be looked for."""
        if not self.positive:
            return None
        expr = " AND ".join(t.fts(column) for t in self.positive)
        negated = [t.fts(column) for t in self.terms if t.negated]
        return f"({expr}) NOT ({' OR '.join(negated)})" if negated else expr


def parse(text: str) -> Query:
    """A query as typed: words (all of them must be there), phrases in quotation marks, a word ending in ``*``
    for any word it begins, a minus before a word or phrase for what must not be there. Words are folded as
    the index's are; :func:`forms` gives the stems each may be indexed under."""
    terms: list[Term] = []
    for m in _QUERY.finditer(text):
        negated, phrase, word = m.group(1) == "-", m.group(2), m.group(3)
        raw = phrase if phrase is not None else word
        words = WORD.findall(fold(raw))[:PHRASE_MAX]
        if words:
            terms.append(Term(tuple(words), prefix=phrase is None and raw.endswith("*"), negated=negated))
    return Query(text, tuple(dict.fromkeys(terms)))


# snippets: where the query matches an article's own text


def matches(text: str, query: Query) -> list[tuple[int, int]]:
    """The spans of ``text`` (offsets into it, as published) that the query's terms match: a word, or a
    phrase from its first word to its last. Each term's first word is looked for in the folded text by what
    all its forms end in (:attr:`Term.tail`, a plain substring search); only the words found are stemmed."""
    folded = fold(text)
    back = _offsets_back(text, folded)
    found: list[tuple[int, int]] = []
    for term in query.positive:
        seen = -1
        for m in _tail(term).finditer(folded):
            start = m.start()
            while start > 0 and _is_word_char(folded[start - 1]):
                start -= 1
            end = m.end()
            while end < len(folded) and _is_word_char(folded[end]):
                end += 1
            if start <= seen:
                continue
            seen = start
            last = term.match_at(folded, start, end)
            if last is not None:
                found.append((start, last))
    spans: list[tuple[int, int]] = []
    for s, e in sorted(found):
        if spans and s < spans[-1][1]:
            spans[-1] = (spans[-1][0], max(e, spans[-1][1]))
        else:
            spans.append((s, e))
    return [back(s, e) for s, e in spans]


def _is_word_char(c: str) -> bool:
    return c.isalnum()


@lru_cache(maxsize=256)
def _tail(term: Term) -> re.Pattern[str]:
    """Where a word that may match ``term`` ends: its tail at a word's end (anywhere in a word for ``word*``)."""
    if term.prefix and len(term.words) == 1:
        return re.compile(re.escape(term.tail))
    return re.compile(re.escape(term.tail) + r"(?![^\W_])")


def _offsets_back(text: str, folded: str) -> Callable[[int, int], tuple[int, int]]:
    """Folded offsets -> offsets into ``text``. Folding maps each character to one, or drops it (harakat,
    tatweel, invisible marks): the position of each dropped one is enough to map back (a mark after a word's
    last letter belongs to the word, the space after it does not, as :func:`original_span`)."""
    dropped = [m.start() for m in _DROPPED.finditer(text)]
    if len(folded) != len(text) - len(dropped):  # another change of length (a capital whose small form is
        _, index = fold_with_offsets(text)  # longer): the general map
        return lambda s, e: original_span(text, index, s, e)
    if not dropped:
        return lambda s, e: (s, e)
    shifted = [p - k for k, p in enumerate(dropped)]  # a dropped character sits before this many kept ones

    def back(s: int, e: int) -> tuple[int, int]:
        start = s + bisect.bisect_right(shifted, s)
        end = e + bisect.bisect_right(shifted, e) if e < len(folded) else len(text)
        while end > start and text[end - 1].isspace():
            end -= 1
        return start, end
    return back


def snippets(text: str, hits: Sequence[tuple[int, int]], chars: int = SNIPPET_CHARS,
             most: int = SNIPPETS) -> list[dict[str, Any]]:
    """Up to ``most`` passages of about ``chars`` characters of ``text`` around ``hits`` (the one holding most
    hits first; shown in reading order), cut at spaces: each with its ``start``/``end`` and ``text`` as
    published, and its ``highlights`` (offsets into ``text``). Without hits, the text's beginning."""
    if not text.strip():
        return []
    if not hits:
        end = _cut(text, min(len(text), chars), forward=True)
        return [{"start": 0, "end": end, "text": text[:end], "highlights": []}]
    starts = [s for s, _ in hits]
    chosen: list[tuple[int, int]] = []
    todo = list(range(len(hits)))
    while todo and len(chosen) < most:
        best = max(todo, key=lambda k: (bisect.bisect_left(starts, starts[k] + chars // 2 + 1) - k, -k))
        lo = _cut(text, max(0, starts[best] - chars // 4), forward=False)
        hi = _cut(text, min(len(text), max(lo + chars, hits[best][1])), forward=True)
        chosen.append((lo, hi))
        todo = [k for k in todo if not lo <= starts[k] < hi]
    out = []
    for lo, hi in sorted(chosen):
        marks = [{"start": a, "end": b} for a, b in hits if a >= lo and b <= hi]
        out.append({"start": lo, "end": hi, "text": text[lo:hi], "highlights": marks})
    return out


def _cut(text: str, at: int, forward: bool) -> int:
    """``at`` moved to the nearest space (after it going forward, before it going back), spaces trimmed."""
    if forward:
        k = text.find(" ", at) if at < len(text) else len(text)
        k = len(text) if k < 0 else k
        while k > 0 and text[k - 1].isspace():
            k -= 1
        return k
    if at <= 0:
        return 0
    k = text.rfind(" ", 0, at)
    k = 0 if k < 0 else k + 1
    while k < len(text) and text[k].isspace():
        k += 1
    return k


# filters and the search itself


@dataclass(frozen=True)
class Filters:
    """What a search is narrowed to: publication dates (``YYYY-MM-DD``, both ends included), one outlet, the
    articles naming one entity, the articles of one story; ``quotes``: match inside quotes only (and, with an
    entity, only that entity's quotes)."""

    since: str | None = None
    until: str | None = None
    outlet: str | None = None
    entity: str | None = None
    story: str | None = None
    quotes: bool = False


@dataclass
class Result:
    article: str
    score: float
    title: str | None = None
    outlet: str | None = None
    published: str | None = None
    url: str | None = None
    title_highlights: list[dict[str, int]] = field(default_factory=list)
    snippets: list[dict[str, Any]] = field(default_factory=list)
    quotes: list[dict[str, Any]] = field(default_factory=list)

    def record(self) -> dict[str, Any]:
        return {"article": self.article, "score": round(self.score, 4), "title": self.title, "outlet": self.outlet,
                "published": self.published, "url": self.url, "title_highlights": self.title_highlights,
                "snippets": self.snippets, "quotes": self.quotes}


@dataclass
class Found:
    query: Query
    filters: Filters
    total: int
    offset: int
    results: list[Result]


def search(store: Any, text: str, filters: Filters = Filters(), limit: int = 20, offset: int = 0,
           with_snippets: bool = True) -> Found:
    """The articles that match ``text`` under ``filters``, best first (bm25 over headline, body and quotes;
    the headline weighs most), ``limit`` of them from ``offset``, and how many match in all; each with its
    snippets (or, searching quotes, the quotes that match) unless ``with_snippets`` is False."""
    query = parse(text)
    expr = query.fts("quotes" if filters.quotes else None)
    if expr is None:
        return Found(query, filters, 0, offset, [])
    total, rows = store.search_index_query(expr, filters, WEIGHTS, max(0, limit), max(0, offset))
    results = [Result(a, -score) for a, score in rows]
    if with_snippets:
        fill(store, query, filters, results)
    return Found(query, filters, total, offset, results)


def fill(store: Any, query: Query, filters: Filters, results: Sequence[Result]) -> None:
    """Each result's headline, outlet, date and URL, with its snippets or its matching quotes, read from the
    article as stored (offsets into its text)."""
    heads = store.article_heads([r.article for r in results], text=True)
    for r in results:
        head = heads.get(r.article)
        if head is None:
            continue
        r.title, r.outlet, r.published, r.url, text = (head[k] for k in ("title", "outlet", "published", "url", "text"))
        if r.title:
            r.title_highlights = [{"start": s, "end": e} for s, e in matches(r.title, query)]
        if filters.quotes:
            r.quotes = quote_hits(store, r.article, text, query, filters.entity)
        else:
            r.snippets = snippets(text, matches(text, query))


def quote_hits(store: Any, article: str, text: str, query: Query, entity: str | None) -> list[dict[str, Any]]:
    """The article's quotes the query matches (and, given an entity, those it said), each as the export's
    quote record with its ``highlights`` (offsets into the article's text) and its speaker's entity."""
    hit = []
    for q in store.annotations("quotes", article):
        span = text[q["start"]:q["end"]]
        hits = [{"start": q["start"] + s, "end": q["start"] + e} for s, e in matches(span, query)]
        if hits:
            hit.append({**q, "highlights": hits})
    return [{**q, "speaker_entity": who} for q, who in store.speaker_entities(hit) if not entity or who == entity]


# the step across articles that keeps the index


@dataclass
class IndexState:
    """What the index holds of the articles to index again: the number each is indexed under and the stems it
    was indexed with (to take them out; None where they are not known), whether the index is to be emptied
    first, and the next free number."""

    indexed: dict[str, tuple[int, dict[str, Any] | None]] = field(default_factory=dict)
    reset: bool = False
    next_n: int = 1


@dataclass
class IndexOutcome:
    reset: bool
    remove: list[tuple[int, dict[str, Any]]]  # (number, the stems it was indexed with)
    add: list[tuple[int, str, dict[str, Any]]]  # (number, article, stems; its date and outlet)


class Search(CorpusStep):
    """The search index, kept up to date across articles: map an article to the stems of its headline, body
    and quotes (:func:`index_text`); reduce to what to take out (an article indexed before, with its old stems)
    and put in; apply through the store."""

    name = "search"
    version = 1
    requires = ("title", "text", "quotes", "published", "outlet")
    provides = ("search_docs",)

    def signature(self, article: Article) -> dict[str, Any]:
        quoted = "\n".join(article.text[q.start:q.end] for q in article.quotes)
        return {"title": index_text(article.title or ""), "body": index_text(article.text),
                "quotes": index_text(quoted), "published": article.published, "outlet": article.outlet}

    def load(self, store: Any, new: Sequence[tuple[str, dict[str, Any]]]) -> IndexState:
        return store.search_index_state(self.name, [a for a, _ in new])

    def reduce(self, new: Sequence[tuple[str, dict[str, Any]]], state: IndexState) -> IndexOutcome:
        """An article indexed before is taken out with the stems it was indexed with and put in again under its
        number; one whose old stems are not known gets a new number (its old entry no longer leads anywhere)."""
        remove: list[tuple[int, dict[str, Any]]] = []
        add: list[tuple[int, str, dict[str, Any]]] = []
        n = state.next_n
        for article, sig in new:
            number, old = state.indexed.get(article, (None, None))
            if number is not None and old is not None:
                remove.append((number, old))
            else:
                number, n = n, n + 1
            add.append((number, article, {**{c: sig.get(c, "") for c in COLUMNS},
                                          "published": sig.get("published"), "outlet": sig.get("outlet")}))
        return IndexOutcome(state.reset, remove, add)

    def apply(self, store: Any, outcome: IndexOutcome) -> int:
        store.save_search_index(outcome)
        return len(outcome.add)

