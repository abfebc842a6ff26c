"""Stories and events: which articles are on one running topic (a story), and which report one dated happening
inside it (an event). One pass over the articles in the order they were published, each joining the story it
is closest to or opening a new one (Priberam's streaming design: cosine similarity with time decay), on what
two outlets share even when they share few words: the names in them, their content words weighted by how rare
they are, and the day they are about.

- A story's id never changes once given; when an article shows two stories to be one, the younger is merged
  into the older and its id kept as an alias that still resolves.
- An article with no date joins by content alone.
- A word weighs by its rarity among the articles linked and in news at large (link/background.py: as if 1,000
  articles of anc19 were linked too), so that in a store of few articles a story's own words keep their weight.
- A copy (the copies step's) joins its original's story, and is not counted in the words' rarity: one wire story
  on eight sites would make its words look eight times as common as they are (in a corpus of six articles, one
  copy split the sample's stories); nor in what titles and dates a story or an event (:meth:`Stories.apply`).
- At the pass's end, each small story it fed is merged with the story of more articles most like it, if alike
  enough: a side report or column placed before its story had grown enough to take it (:meth:`Stories._absorb`).
- An event is found inside its story by grouping its articles bottom-up (average link): two groups are one event
  when their articles, pair by pair, tell of days close enough and score, on average, above a threshold; a pair
  scores by the words of the whole texts, of the headlines and leads, and the names they share (each word weighed
  by its rarity among the story's articles grouped as well as among all articles: what all of a story's articles
  say does not tell its events apart), less a share for each day between the days they tell of and for coming
  from one outlet. The grouping does not depend on the order the articles came in, as a single pass's events did.
- Incremental: new articles join the stories stored (the state is loaded, the pass continues); the events of the
  days near the new articles' are grouped again, and each keeps the id of the event most of its articles had.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import heapq
import math
from bisect import bisect_left
from collections import Counter
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from marsad.link.background import background
from marsad.link.base import CorpusStep
from marsad.link.features import article_features, day_of, days_of, idf
from marsad.model import Article


@dataclass(frozen=True)
class Weights:
    """How stories and events are told apart (tuned on the development stories, see eval/stories.py)."""

    story_min: float = 0.2  # a story takes an article this similar
    undated_min: float = 0.35  # ... or this similar when the article or the story has no date (no time decay)
    merge_min: float = 0.5  # two stories an article is this similar to are one
    small_story: int = 2  # after the pass, a story of at most this many articles that it fed is merged with the
    absorb_min: float = 0.25  # story of more articles most similar to it, when this similar (Stories._absorb)
    event_min: float = 0.3  # two groups of a story's articles are one event when their pairs score this on average
    event_days: int = 2  # ... and every pair tells of days this close
    event_words: float = 0.5  # a pair's score: this times the cosine of the whole texts' words, plus that of their
    event_names: float = 0.25  # headlines and leads, plus this times the cosine of their names,
    event_day: float = 0.3  # less this for each day between the days they tell of,
    event_outlet: float = 0.4  # less this when both are from one outlet (an outlet seldom tells one happening twice)
    in_story: float = 0.5  # inside a story, a word's idf is multiplied by its rarity among the story's articles
    # grouped, raised to this power: what all of a story's articles say does not tell its events apart
    background_days: int = 2  # a lead's day more than this before publication may be background (الخميس الماضي,
    # the attack an announcement follows): the article tells of a day from it to the day before publication
    lead_weight: float = 0.5  # an article's words: each one's share of the whole text, plus this times its share
    # of the headline and lead (what the article is about is told there first)
    unstated_days: int = 1  # a lead that states no day tells of its publication day or up to this many before (a
    # daily prints in the morning what happened the day before)
    background: float = 1000.0  # the words' rarity in news at large (link/background.py) counts as this many
    # articles more: a store of few articles, most on one story, does not take that story's words for common
    decay_days: float = 30.0  # similarity halves about every this many days between article and story
    window_days: int = 60  # stories last fed longer ago than this are not looked at
    query_terms: int = 25  # the rarest-weighted words of an article that find candidate stories
    centroid_terms: int = 300  # the most words a story's profile keeps


DEFAULT_WEIGHTS = Weights()


@dataclass
class Cluster:
    """A story or an event: its profile (the sum of its articles' normalised words and names), dates, articles."""

    id: str
    seq: int
    terms: dict[str, float] = field(default_factory=dict)
    names: dict[str, float] = field(default_factory=dict)
    first: str | None = None
    last: str | None = None
    articles: list[str] = field(default_factory=list)
    story: str | None = None  # an event's story
    events: list[str] = field(default_factory=list)  # a story's events
    norm: float | None = None  # the weighted norm of terms, while the weights hold

    def add(self, sig: Mapping[str, Any], date: str | None, article: str) -> None:
        _accumulate(self.terms, sig["terms"], 1)
        _accumulate(self.names, sig["names"], 1)
        self.norm = None
        self.span(date, date)
        self.articles.append(article)

    def span(self, first: str | None, last: str | None) -> None:
        """Widen the cluster's dates to take in these (of a day, a month or a year). A story's are compared by
        their first days, as its decay and window read them (:func:`_gap`); an event's by the days they cover,
        as its nearness reads them (:meth:`Stories._near`: "2015-07" ends after "2015-07-15")."""
        end = 0 if self.story is None else 1
        if first and (self.first is None or days_of(first)[0] < days_of(self.first)[0]):
            self.first = first
        if last and (self.last is None or days_of(last)[end] > days_of(self.last)[end]):
            self.last = last

    def record(self) -> dict[str, Any]:
        return {"terms": dict(self.terms), "names": dict(self.names), "first": self.first,
                "last": self.last, "articles": self.articles, "story": self.story, "events": self.events,
                "seq": self.seq}

    @classmethod
    def of(cls, cid: str, rec: Mapping[str, Any]) -> Cluster:
        return cls(cid, rec["seq"], dict(rec["terms"]), dict(rec["names"]), rec["first"],
                   rec["last"], list(rec["articles"]), rec.get("story"), list(rec.get("events") or []))


def _accumulate(into: dict[str, float], bag: Mapping[str, float], sign: int) -> None:
    total = sum(bag.values()) or 1
    for t, w in bag.items():
        into[t] = into.get(t, 0.0) + sign * w / total
        if into[t] <= 1e-9:
            del into[t]


@dataclass
class State:
    stories: dict[str, Cluster] = field(default_factory=dict)
    events: dict[str, Cluster] = field(default_factory=dict)
    aliases: dict[str, str] = field(default_factory=dict)  # merged story id -> the story that absorbed it
    assigned: dict[str, tuple[str, str]] = field(default_factory=dict)  # article -> (story, event)
    previous: dict[str, dict[str, Any]] = field(default_factory=dict)  # signatures of articles linked before
    recent: dict[str, dict[str, Any]] = field(default_factory=dict)  # ... of the articles of events near the new
    df: Counter[str] = field(default_factory=Counter)  # in how many articles each word or name is (a copy
    n: int = 0  # articles counted in df                    of another, the copies step's, is not counted)
    copies: dict[str, str] = field(default_factory=dict)  # each new article that is a copy -> its original
    homes: dict[str, str] = field(default_factory=dict)  # each such original linked before -> its story
    uncounted: set[str] = field(default_factory=set)  # new articles linked before, not counted then
    recount: dict[str, int] = field(default_factory=dict)  # articles linked before that became a copy (-1) or
    # stopped being one (1) since they were counted
    counted: dict[str, bool] = field(default_factory=dict)  # whether each article counted this time is (written)
    seq: int = 0  # the last cluster number given
    index: dict[str, set[str]] = field(default_factory=dict)  # word or name -> stories whose profile has it
    df_base: Counter[str] = field(default_factory=Counter)  # the counts as loaded (what changed is written)
    aliases_base: dict[str, str] = field(default_factory=dict)  # the aliases as loaded (likewise)
    moved: set[str] = field(default_factory=set)  # articles linked before whose story or event changed
    left: dict[str, list[str]] = field(default_factory=dict)  # story -> its articles written again that say what
    # they said before, placed anew


@dataclass
class Outcome:
    state: State
    touched: set[str]  # stories and events written again
    assigned: list[str]  # articles assigned this time


MAX_CANDIDATES = 60  # the stories sharing most of an article's words and names that are compared with it


class Weights_(dict[str, float]):
    """Each word's weight for one pass (its idf), worked out once when first asked."""

    def __init__(self, weight: Callable[[str], float]) -> None:
        super().__init__()
        self.weight = weight

    def __missing__(self, word: str) -> float:
        value = self[word] = self.weight(word)
        return value


class _Vector:
    """An article's words and names weighted for one pass, with their norms."""

    __slots__ = ("sig", "terms", "names", "terms_norm", "weights")

    def __init__(self, sig: Mapping[str, Any], weights: Weights_) -> None:
        self.sig, self.weights = sig, weights
        self.terms = _normalised(sig["terms"])
        self.names = _normalised(sig["names"])
        self.terms_norm = _norm(self.terms, weights)

    def query(self, n: int) -> list[str]:
        """The ``n`` words that weigh most in the article (frequent in it, rare elsewhere)."""
        return sorted(self.terms, key=lambda t: -self.terms[t] * self.weights[t])[:n]

    @staticmethod
    def cosine(a: Mapping[str, float], a_norm: float, b: Mapping[str, float], b_norm: float,
               weights: Weights_) -> float:
        if not a_norm or not b_norm:
            return 0.0
        dot = 0.0
        for t, w in a.items():
            v = b.get(t)
            if v is not None:
                x = weights[t]
                dot += w * v * x * x
        return dot / (a_norm * b_norm)


class _Unit:
    """What an event compares of an article: its words, headline and lead, and names, each weighted and of
    length 1; the first and last day it may tell of (:func:`_told`) and its outlet."""

    __slots__ = ("terms", "lead", "names", "days", "outlet")

    def __init__(self, sig: Mapping[str, Any], idf_of: Weights_, settings: Weights) -> None:
        self.terms, self.lead, self.names = (_unit(sig[k], idf_of) for k in ("terms", "lead", "names"))
        self.days = _told(sig, settings)
        self.outlet = sig.get("outlet")

    def gap(self, other: _Unit) -> int:
        """The days between what the two tell of (0 when one is undated, or their days overlap)."""
        if self.days is None or other.days is None:
            return 0
        return max(0, other.days[0] - self.days[1], self.days[0] - other.days[1])


def _told(sig: Mapping[str, Any], w: Weights) -> tuple[int, int] | None:
    """The first and last day (ordinals) an article tells of: its event's day, a month's days; for a day its
    lead names more than ``background_days`` before publication, from that day to the day before publication;
    for a lead that names no day, its publication day and the ``unstated_days`` before it."""
    if not sig.get("event_date"):
        return None
    days = days_of(sig["event_date"])
    if sig.get("event_precision") == "day" and sig.get("date"):
        published = days_of(sig["date"])[0]
        if not sig["stated"]:
            return published - w.unstated_days, published
        if published - days[1] > w.background_days:
            return days[0], published - 1
    return days


def _unit(bag: Mapping[str, float], weights: Weights_) -> dict[str, float]:
    norm = _norm(bag, weights)
    return {t: w * weights[t] / norm for t, w in bag.items()} if norm else {}


def _dot(a: Mapping[str, float], b: Mapping[str, float]) -> float:
    if len(a) > len(b):
        a, b = b, a
    return sum(w * v for t, w in a.items() if (v := b.get(t)) is not None)


def _normalised(bag: Mapping[str, float]) -> dict[str, float]:
    total = sum(bag.values()) or 1
    return {t: w / total for t, w in bag.items()}


def _norm(bag: Mapping[str, float], weights: Weights_) -> float:
    return math.sqrt(sum((w * weights[t]) ** 2 for t, w in bag.items()))


def _gap(date: str, c: Cluster) -> int:
    """The days between a date and a story's dates, each read as its first day: a story is near a time, and a
    year or a month named in an undated page (anc19's) is weak evidence of it; read as all its days, it was
    near every story of that year and anc19's stories mixing categories went from 23 to 37 of 250."""
    day = days_of(date)[0]
    return max(0, day - days_of(c.last or date)[0], days_of(c.first or c.last or date)[0] - day)


def _short_id(prefix: str, basis: str) -> str:
    return prefix + hashlib.sha256(basis.encode()).hexdigest()[:10]


class Stories(CorpusStep):
    name = "stories"
    version = 16  # 2: an article older than its story decays; a story its articles all left is dropped; 3: ties
    # among candidate stories in order of id; 4: events grouped inside their story (average link); 5: an article
    # dated by its month is near every day of it; 6: a happening is dated at most a month before publication;
    # 7: ... a month's last day at most a month before it; 8: a lead's day long before publication may be
    # background; an undated event rests on the sentence its article opens its news with; 9: a lead that states
    # no day tells of the day before publication too; the headline's and lead's words count again in the words;
    # 10: a word's weight in events is its rarity in the story too; a lead's «now» (الآن، حاليا) dates nothing;
    # 11: a small story the pass fed joins the larger story most like it at the pass's end; 12: a copy joins its
    # original's story and is not counted in the words' rarity; 13: the words' rarity in news at large counts too;
    # 14: idf smoothed, log((n + 1) / (df + 1)) + 1, the rarity inside a story computed by the same function;
    # 15: a copy left out of its story's profile (undone: the profile drifted when an article became a copy
    # later); 16: a title is the headline of the article closest to all its articles' words, copies left out
    requires = ("text", "title", "paragraphs", "entities", "times", "published", "outlet")
    provides = ("stories", "events", "story_articles", "story_aliases")
    exports = {"stories": ("id", "title", "aliases", "first", "last", "first_reported", "outlets", "articles",
                           "events", "summary")}

    def __init__(self, weights: Weights = DEFAULT_WEIGHTS, events: bool = True, names: bool = True) -> None:
        """``events``: tell the events inside stories; ``names``: the names in articles find candidates (the
        baseline of eval/stories.py turns both off, and its lead_weight to 0)."""
        self.w = weights
        self.with_events = events
        self.with_names = names

    # map
    def signature(self, article: Article) -> dict[str, Any]:
        return article_features(article, self.w.lead_weight)

    # reduce
    def load(self, store: Any, new: Sequence[tuple[str, dict[str, Any]]]) -> State:
        """The stories the new articles may join: those fed within the window of the earliest of them (all,
        when one has no date), the signatures of new articles that were linked before, the counts; and the
        signatures of the articles of these stories' events near the days the new articles tell of
        (:meth:`_near`), to be grouped again with them."""
        dates = [sig.get("date") for _, sig in new]
        since = None if not dates or None in dates else \
            (day_of(min(d for d in dates if d)) - dt.timedelta(days=self.w.window_days)).isoformat()
        state = store.load_story_state(self.name, since, [a for a, _ in new])
        state.copies = store.copy_originals(a for a, _ in new)
        state.homes = {a: story for story, articles in store.stories_of_articles(
            set(state.copies.values()).difference(a for a, _ in new)).items() for a in articles}
        for c in state.stories.values():
            self._index(state, c)
        near = self._near(new)
        state.recent = store.signatures_of(self.name, {a for e in state.events.values() if near(e)
                                                       for a in e.articles})
        return state

    def _near(self, new: Sequence[tuple[str, Mapping[str, Any]]]) -> Callable[[Cluster], bool]:
        """Whether an event tells of days within ``event_days`` of a day one of the new articles tells of (an
        undated event is near any day; every event is near when a new article tells of no day)."""
        spans = [_told(sig, self.w) for _, sig in new]
        if None in spans:
            return lambda e: True
        days = sorted({d for span in spans if span for d in range(span[0], span[1] + 1)})

        def near(e: Cluster) -> bool:
            if e.first is None or e.last is None:
                return True
            at = bisect_left(days, days_of(e.first)[0] - self.w.event_days)
            return at < len(days) and days[at] <= days_of(e.last)[1] + self.w.event_days
        return near

    def reduce(self, new: Sequence[tuple[str, dict[str, Any]]], state: State) -> Outcome:
        """One pass over the new articles in date order. Words are weighted by their rarity among all the
        articles linked so far and these (the weights hold for the pass)."""
        touched: set[str] = set()
        before = {a: state.assigned[a][1] for a, _ in new if a in state.assigned}  # written again: their events
        for article in before:
            touched |= self._unassign(state, article)
        for article, sign in state.recount.items():
            self._count(state, state.previous[article], sign)
            state.counted[article] = sign > 0
        for article, sig in new:
            state.counted[article] = article not in state.copies
            if state.counted[article]:
                self._count(state, sig, 1)
        weights = Weights_(self._idf(state))
        for c in (*state.stories.values(), *state.events.values()):
            c.norm = None
        sigs = dict(new)
        state.left = {s: [a for a in articles if self._alike(state.previous.get(a), sigs[a], weights)]
                      for s, articles in state.left.items()}
        story_of: dict[str, str] = {}
        for article, sig in sorted(new, key=lambda x: (x[1].get("date") or "9999", x[0] in state.copies, x[0])):
            story = self._original_story(state, article, story_of) or \
                self._story_for(state, _Vector(sig, weights), weights, touched)
            story.add(sig, sig.get("date"), article)
            for k in (*sig["terms"], *sig["names"]):
                state.index.setdefault(k, set()).add(story.id)
            story_of[article] = story.id
            touched.add(story.id)
        self._absorb(state, {state.aliases.get(s, s) for s in story_of.values()}, weights, touched)
        sigs.update((a, sig) for a, sig in state.recent.items() if a not in sigs)
        in_corpus = Weights_(idf(state.df, state.n))  # events: the words' rarity among the articles linked only
        by_story: dict[str, list[str]] = {}
        for article, story_id in story_of.items():  # a story merged later in the pass: the one that absorbed it
            by_story.setdefault(state.aliases.get(story_id, story_id), []).append(article)
        for story_id, articles in sorted(by_story.items()):
            touched |= self._regroup(state, state.stories[story_id], articles, sigs, in_corpus, before)
        self._trim(state, touched)
        return Outcome(state, touched, [a for a, _ in new])

    @staticmethod
    def _original_story(state: State, article: str, story_of: Mapping[str, str]) -> Cluster | None:
        """A copy's place: its original's story, when the original was placed (in an earlier run, or earlier in
        this pass: a copy comes after the originals of its day) and its story is among those loaded."""
        original = state.copies.get(article)
        story = original and (story_of.get(original) or state.homes.get(original))
        return state.stories.get(state.aliases.get(story, story)) if story else None

    def _alike(self, old: Mapping[str, Any] | None, sig: Mapping[str, Any], weights: Weights_) -> bool:
        """An article written again says what it said before (a line of furniture taken off): its words as
        alike as two stories that are one."""
        return old is not None and _dot(_unit(old["terms"], weights), _unit(sig["terms"], weights)) >= self.w.merge_min

    def _count(self, state: State, sig: Mapping[str, Any], sign: int) -> None:
        for t in (*sig["terms"], *sig["names"]):
            state.df[t] += sign
        state.n += sign

    def _idf(self, state: State) -> Callable[[str], float]:
        """Each word's weight: its rarity among the articles linked, and in the background as ``background``
        articles more."""
        if not self.w.background:
            return idf(state.df, state.n)
        prior = background()
        return idf(state.df, state.n, prior.df, prior.n, self.w.background)

    def _similarity(self, vec: _Vector, c: Cluster, weights: Weights_) -> float:
        """Cosine of the article and a story, halved about every ``decay_days`` of the days between them. Names
        count here as the words they are made of: a separate cosine of the names cost 2-3 points of F1 on the
        development stories (names such as المملكة are in most Saudi articles); they serve to find the
        candidates."""
        if c.norm is None:
            c.norm = _norm(c.terms, weights)
        s = vec.cosine(vec.terms, vec.terms_norm, c.terms, c.norm, weights)
        date = vec.sig.get("date")
        if date and c.last:  # an article from before the story decays as one from after it does
            s *= 0.5 ** (max(0, _gap(date, c) - 1) / self.w.decay_days)
        return s

    def _candidates(self, state: State, vec: _Vector) -> list[Cluster]:
        """Stories that share two of the article's rarest words or one of its names, fed within the window."""
        shared: Counter[str] = Counter()
        for k in vec.query(self.w.query_terms):
            shared.update(state.index.get(k, ()))
        for k in vec.names if self.with_names else ():
            for cid in state.index.get(k, ()):
                shared[cid] += 2
        date = vec.sig.get("date")
        out = []  # ties in order of id, not of the sets the ids came from (whose order changes between processes)
        for cid, n in sorted(shared.items(), key=lambda kv: (-kv[1], kv[0]))[:MAX_CANDIDATES]:
            c = state.stories.get(cid)
            if n < 2 or c is None or date and c.last and days_of(date)[0] - days_of(c.last)[0] > self.w.window_days:
                continue
            out.append(c)
        return out

    def _index(self, state: State, c: Cluster) -> None:
        for k in (*c.terms, *c.names):
            state.index.setdefault(k, set()).add(c.id)

    def _scored(self, state: State, vec: _Vector, weights: Weights_) -> list[tuple[float, Cluster]]:
        """The candidate stories, most similar first (the oldest first on a tie); content alone (the article or
        the story undated) must show more to join: ``undated_min`` against ``story_min``."""
        undated = self.w.story_min / self.w.undated_min
        return sorted(((self._similarity(vec, c, weights) * (1 if vec.sig.get("date") and c.last else undated), c)
                       for c in self._candidates(state, vec)), key=lambda x: (-x[0], x[1].seq))

    def _story_for(self, state: State, vec: _Vector, weights: Weights_, touched: set[str]) -> Cluster:
        sig = vec.sig
        scored = self._scored(state, vec, weights)
        if not scored or scored[0][0] < self.w.story_min:
            state.seq += 1
            c = Cluster(_short_id("S", f"{state.seq}:{sorted(sig['terms'])[:5]}:{sig.get('date')}"), state.seq)
            state.stories[c.id] = c
            return c
        best = scored[0][1]
        for score, other in scored[1:]:
            if score < self.w.merge_min or scored[0][0] < self.w.merge_min:
                break
            best = self._merge(state, best, other, touched)
        return best

    def _absorb(self, state: State, fed: set[str], weights: Weights_, touched: set[str]) -> None:
        """Each small story the pass fed (``small_story`` articles or fewer), oldest first, is merged with the
        story of more articles its profile is most similar to, when at least ``absorb_min`` (scored as an
        article is, :meth:`_scored`: with time decay, and the undated bar when either has no date): the columns,
        previews and side reports of a large running story, placed before it had grown enough to take them, or
        into a side story of their own. An article is compared with the stories as they are when it comes; this
        compares the small stories with them as they are at the end of the pass. As in any merge, the older id
        stays, the small story's when it is the older, and the other becomes its alias.

        Only the stories this pass fed are looked at: linked day by day, a side report stored on an earlier day
        is not looked at again, and fewer small stories are merged than when linked at once. The events of an
        absorbed story stored before are grouped again only when near the new articles' days (:meth:`load`)."""
        for c in sorted((state.stories[s] for s in fed), key=lambda c: c.seq):
            if c.id not in state.stories or len(c.articles) > self.w.small_story:
                continue
            vec = _Vector({"terms": c.terms, "names": c.names, "date": c.last}, weights)
            more = [(score, o) for score, o in self._scored(state, vec, weights)
                    if o.id != c.id and len(o.articles) > len(c.articles)]
            if more and more[0][0] >= self.w.absorb_min:
                self._merge(state, more[0][1], c, touched)

    def _merge(self, state: State, one: Cluster, other: Cluster, touched: set[str]) -> Cluster:
        """The younger of two stories merged into the older, whose id stays; the younger's becomes its alias.
        Returns the older."""
        older, younger = sorted((one, other), key=lambda c: c.seq)
        for t, w in younger.terms.items():
            older.terms[t] = older.terms.get(t, 0.0) + w
        for t, w in younger.names.items():
            older.names[t] = older.names.get(t, 0.0) + w
        older.span(younger.first, younger.last)
        older.articles += younger.articles
        older.events += younger.events
        for e in younger.events:
            event = state.events[e]
            event.story = older.id
            for a in event.articles:
                state.assigned[a] = (older.id, e)
                state.moved.add(a)
        del state.stories[younger.id]
        older.norm = None
        self._index(state, older)
        state.aliases[younger.id] = older.id
        for alias, target in list(state.aliases.items()):
            if target == younger.id:
                state.aliases[alias] = older.id
        touched |= {older.id, younger.id, *younger.events}
        self._trim_cluster(older)
        return older

    def _regroup(self, state: State, story: Cluster, new: list[str], sigs: Mapping[str, Mapping[str, Any]],
                 weights: Weights_, before: Mapping[str, str]) -> set[str]:
        """The events of the story near the new articles grouped again with them (those of its events whose
        articles' signatures were loaded, see :meth:`load`); each group keeps the id of the event most of its
        articles were in (``before``: the events of new articles written again; one group to an id; on a tie,
        the oldest), the others are new events. Returns the events written again or dropped."""
        old = [e for e in story.events if (c := state.events.get(e)) and all(a in sigs for a in c.articles)]
        articles = sorted({*new, *(a for e in old for a in state.events[e].articles)})
        groups = self._group(articles, sigs, weights) if self.with_events else [[a] for a in articles]
        was = {**before, **{a: e for e in old for a in state.events[e].articles}}
        seq = {e: state.events[e].seq for e in old}
        free = set(old)
        kept: dict[int, str] = {}
        for n, group in sorted(enumerate(groups), key=lambda g: (-len(g[1]), g[0])):
            votes = Counter(e for a in group if (e := was.get(a)) in free)
            if votes:
                kept[n] = max(votes, key=lambda e: (votes[e], -seq[e]))
                free.discard(kept[n])
        for e in old:
            del state.events[e]
            story.events.remove(e)
        out = set(old)
        for n, group in enumerate(groups):
            if n not in kept:
                state.seq += 1
                kept[n] = _short_id("E", f"{story.id}:{state.seq}")
                seq[kept[n]] = state.seq
            eid = kept[n]
            event = state.events[eid] = Cluster(eid, seq[eid], story=story.id)
            for a in group:
                event.add(sigs[a], None, a)
                if told := _told(sigs[a], self.w):  # its dates: the days it may tell of, as _near reads them
                    event.span(*(dt.date.fromordinal(d).isoformat() for d in told))
                if was.get(a, eid) != eid:
                    state.moved.add(a)  # linked before, now in another event: its row is written again
                state.assigned[a] = (story.id, eid)
            story.events.append(eid)
            out.add(eid)
        return out

    def _group(self, articles: Sequence[str], sigs: Mapping[str, Mapping[str, Any]],
               weights: Weights_) -> list[list[str]]:
        """Average-link grouping: start with each article alone; join the two groups whose pairs of articles
        score highest on average, while that average is at least ``event_min`` and every pair between them
        tells of days at most ``event_days`` apart (an undated article is near any day)."""
        in_story = self._in_story(articles, sigs, weights)
        units = [_Unit(sigs[a], in_story, self.w) for a in articles]
        links: dict[int, dict[int, tuple[float, int]]] = {i: {} for i in range(len(units))}  # group -> group ->
        # (the sum of its pairs' scores, how many pairs are near enough)
        dated = sorted((u.days, i) for i, u in enumerate(units) if u.days)  # by first day: a later one's gap
        # is the days from this one's last to its first
        for n, ((_, last), i) in enumerate(dated):
            for ((first, _), j) in dated[n + 1:]:
                if first - last > self.w.event_days:
                    break
                self._link(links, units, i, j)
        undated = [i for i, u in enumerate(units) if not u.days]
        for i in undated:
            for j in range(len(units)):
                if j != i and (units[j].days or j > i):
                    self._link(links, units, i, j)
        members = {i: [i] for i in range(len(units))}
        heap = [(-total / pairs, i, j) for i, near in links.items() for j, (total, pairs) in near.items() if i < j]
        heapq.heapify(heap)
        while heap:
            score, i, j = heapq.heappop(heap)
            if -score < self.w.event_min:
                break
            if i not in members or j not in members:
                continue
            total, pairs = links[i][j]
            if pairs < len(members[i]) * len(members[j]) or total / pairs != -score:
                continue  # some pair too far apart in days, or a score from before a join
            members[i] += members.pop(j)
            for k, (t, p) in links.pop(j).items():
                del links[k][j]
                if k != i:
                    t0, p0 = links[i].get(k, (0.0, 0))
                    links[i][k] = links[k][i] = (t0 + t, p0 + p)
            for k, (t, p) in links[i].items():
                if p == len(members[i]) * len(members[k]):
                    heapq.heappush(heap, (-t / p, min(i, k), max(i, k)))
        return [[articles[i] for i in group] for group in members.values()]

    def _in_story(self, articles: Sequence[str], sigs: Mapping[str, Mapping[str, Any]],
                  weights: Weights_) -> Weights_:
        """The words' weights inside a story, among these articles (see ``in_story``): a word weighs its idf
        among them (:func:`features.idf`, 1 when all have it) times more. The articles are those grouped:
        the whole story when linked at once; its new articles and those of its events near their days when linked
        in parts, so an article far in time may weigh a little on the words of pairs near it (linked day by day,
        nine days of Yemen's articles agreed with those linked at once at B-cubed .993 for events, .995 before)."""
        if not self.w.in_story:
            return weights
        rarity = idf(Counter(t for a in articles for t in {*sigs[a]["terms"], *sigs[a]["lead"], *sigs[a]["names"]}),
                     len(articles))
        return Weights_(lambda t: weights[t] * rarity(t) ** self.w.in_story)

    def _link(self, links: dict[int, dict[int, tuple[float, int]]], units: Sequence[_Unit], i: int, j: int) -> None:
        """The score of two articles (see :class:`Weights`), when they tell of days near enough."""
        a, b = units[i], units[j]
        gap = a.gap(b)
        if gap > self.w.event_days:
            return
        score = self.w.event_words * _dot(a.terms, b.terms) + _dot(a.lead, b.lead) + \
            self.w.event_names * _dot(a.names, b.names) - self.w.event_day * gap
        if a.outlet and a.outlet == b.outlet:
            score -= self.w.event_outlet
        links[i][j] = links[j][i] = (score, 1)

    def _unassign(self, state: State, article: str) -> set[str]:
        """An article linked before and written again: out of its story and event, to be placed anew."""
        story_id, event_id = state.assigned.pop(article)
        old = state.previous.get(article)
        out = set()
        for cid, table in ((story_id, state.stories), (event_id, state.events)):
            c = table.get(state.aliases.get(cid, cid))
            if c is None or article not in c.articles:
                continue
            if c.story is None:
                state.left.setdefault(c.id, []).append(article)
            c.articles.remove(article)
            c.norm = None
            if old:
                _accumulate(c.terms, old["terms"], -1)
                _accumulate(c.names, old["names"], -1)
            out.add(c.id)
        if old and article not in state.uncounted:
            self._count(state, old, -1)
        return out

    def _trim(self, state: State, touched: set[str]) -> None:
        """Each touched profile kept to its strongest words; a story or event its articles all left (written
        again, placed elsewhere) is dropped, with its place in its story. A dropped story's id (and the aliases
        to it) becomes an alias of the story its articles that say what they said before (:meth:`_alike`) went
        to, when there are some and they all went to one; else the aliases to it are dropped too."""
        for cid in touched:
            for table in (state.stories, state.events):
                c = table.get(cid)
                if c is None:
                    continue
                if c.articles:
                    self._trim_cluster(c)
                    continue
                del table[cid]
                if c.story is not None:
                    if (story := state.stories.get(c.story)) and cid in story.events:
                        story.events.remove(cid)
                    continue
                went = {state.aliases.get(s, s) for a in state.left.get(cid, ()) if (s := state.assigned[a][0])}
                heir = went.pop() if len(went) == 1 else None
                heir = heir if heir in state.stories else None
                if heir:
                    state.aliases = {old: heir if new == cid else new for old, new in state.aliases.items()}
                    state.aliases[cid] = heir
                else:
                    state.aliases = {old: new for old, new in state.aliases.items() if new != cid}

    def _trim_cluster(self, c: Cluster) -> None:
        if len(c.terms) > self.w.centroid_terms:
            c.terms = dict(sorted(c.terms.items(), key=lambda kv: -kv[1])[:self.w.centroid_terms])
            c.norm = None

    # apply
    def apply(self, store: Any, outcome: Outcome) -> int:
        """The stories and events written back, each titled by its most central article's headline (the
        article closest to the sum of its articles' words), or by that article's first line when none has one;
        an event dated by what most of its articles whose leads state a date give as the day (or month) of the
        happening (by their publication days when none states one). A copy (the copies step's) neither counts
        nor is chosen while an original is there: one wire story on eight sites would pull the title and the
        date toward it (an exact copy of one sample article changed its story's title)."""
        state = outcome.state
        clusters = [c for cid in outcome.touched if (c := state.stories.get(cid) or state.events.get(cid))]
        sigs = store.signatures_of(self.name, {a for c in clusters for a in c.articles})
        heads = store.article_heads({a for c in clusters for a in c.articles})
        copies = store.copy_originals({a for c in clusters for a in c.articles})
        weights = Weights_(self._idf(state))
        out: dict[str, Head] = {}
        for c in clusters:
            members = [a for a in c.articles if a in sigs and a not in copies] or [a for a in c.articles if a in sigs]
            centre: dict[str, float] = {}
            for a in members:
                _accumulate(centre, sigs[a]["terms"], 1)
            norm = _norm(centre, weights)
            scored = [(_Vector.cosine(sigs[a]["terms"], _norm(sigs[a]["terms"], weights), centre, norm, weights), a)
                      for a in members]
            titled = [x for x in scored if x[1] in heads and heads[x[1]]["titled"]]
            central = max(titled or scored, default=(0.0, None))[1]
            dated = [sigs[a] for a in members if sigs[a]["event_date"]]
            dates = Counter((sig["event_date"], sig["event_precision"])
                            for sig in [sig for sig in dated if sig["stated"]] or dated)
            date, precision = max(dates, key=lambda d: (dates[d], d[1] == "day", d[0])) if dates else (None, None)
            title = heads[central]["title"] if central in heads else None
            out[c.id] = Head(title or None, central, date, precision)
        store.save_story_state(self.name, outcome, out)
        return len(outcome.assigned)


@dataclass(frozen=True)
class Head:
    """What a story or an event shows of itself: a title, the article it was taken from, its date."""

    title: str | None
    central: str | None
    date: str | None = None
    precision: str | None = None
