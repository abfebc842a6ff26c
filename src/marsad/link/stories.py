"""Stories and events: which articles are on one running topic (a story), and which report one dated happening
inside it (an event). One pass over the articles in the order they were published, each joining the story it
is closest to or opening a new one (Priberam's streaming design: cosine similarity with time decay), on what
two outlets share even when they share few words: the names in them, their content words weighted by how rare
they are, and the day they are about.

- A story's id never changes once given; when an article shows two stories to be one, the younger is merged
  into the older and its id kept as an alias that still resolves.
- An article with no date joins by content alone.
- Incremental: new articles join the stories stored (the state is loaded, the pass continues).
"""

from __future__ import annotations

import datetime as dt
import hashlib
import math
from collections import Counter
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from marsad.link.base import CorpusStep
from marsad.link.features import article_features, idf
from marsad.model import Article


@dataclass(frozen=True)
class Weights:
    """How stories and events are told apart (tuned on the development stories, see eval/stories.py)."""

    story_min: float = 0.2  # a story takes an article this similar
    undated_min: float = 0.35  # ... or this similar when the article or the story has no date (no time decay)
    merge_min: float = 0.5  # two stories an article is this similar to are one
    event_min: float = 0.4  # an event of the story takes an article this similar, on a day near its own
    event_days: int = 2  # an event's articles are about days this close
    event_lead: float = 0.8  # the share of headlines and leads in an event's similarity, the whole text's the rest
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
    lead: dict[str, float] = field(default_factory=dict)  # an event's: its articles' headlines and leads
    first: str | None = None
    last: str | None = None
    articles: list[str] = field(default_factory=list)
    story: str | None = None  # an event's story
    events: list[str] = field(default_factory=list)  # a story's events
    norms: tuple[float, float] | None = None  # weighted norms of terms and lead, while the weights hold

    def add(self, sig: Mapping[str, Any], date: str | None, article: str) -> None:
        _accumulate(self.terms, sig["terms"], 1)
        _accumulate(self.names, sig["names"], 1)
        if self.story is not None:
            _accumulate(self.lead, sig["lead"], 1)
        self.norms = None
        if date:
            self.first = min(self.first or date, date)
            self.last = max(self.last or date, date)
        self.articles.append(article)

    def record(self) -> dict[str, Any]:
        return {"terms": dict(self.terms), "names": dict(self.names), "lead": dict(self.lead), "first": self.first,
                "last": self.last, "articles": self.articles, "story": self.story, "events": self.events,
                "seq": self.seq}

    @classmethod
    def of(cls, cid: str, rec: Mapping[str, Any]) -> Cluster:
        return cls(cid, rec["seq"], dict(rec["terms"]), dict(rec["names"]), dict(rec["lead"]), rec["first"],
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
    df: Counter[str] = field(default_factory=Counter)  # in how many articles each word or name is
    n: int = 0  # articles counted in df
    seq: int = 0  # the last cluster number given
    index: dict[str, set[str]] = field(default_factory=dict)  # word or name -> stories whose profile has it
    df_base: Counter[str] = field(default_factory=Counter)  # the counts as loaded (what changed is written)
    moved: set[str] = field(default_factory=set)  # articles linked before whose story was merged into another


@dataclass
class Outcome:
    state: State
    touched: set[str]  # stories and events written again
    merged: dict[str, str]  # alias -> story, new this time
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

    __slots__ = ("sig", "terms", "names", "lead", "terms_norm", "lead_norm", "weights")

    def __init__(self, sig: Mapping[str, Any], weights: Weights_) -> None:
        self.sig, self.weights = sig, weights
        self.terms = _normalised(sig["terms"])
        self.names = _normalised(sig["names"])
        self.lead = _normalised(sig["lead"])
        self.terms_norm = _norm(self.terms, weights)
        self.lead_norm = _norm(self.lead, weights)

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


def _normalised(bag: Mapping[str, float]) -> dict[str, float]:
    total = sum(bag.values()) or 1
    return {t: w / total for t, w in bag.items()}


def _norm(bag: Mapping[str, float], weights: Weights_) -> float:
    return math.sqrt(sum((w * weights[t]) ** 2 for t, w in bag.items()))


def _day(value: str) -> dt.date:
    """A date of any precision as a day (a month's or year's first)."""
    return dt.date.fromisoformat((value[:10] + "-01-01"[len(value[:10]) - 4:]) if len(value) < 10 else value[:10])


def _days(a: str | None, b: str | None) -> float:
    if not a or not b:
        return 0.0
    return abs((_day(a) - _day(b)).days)


def _short_id(prefix: str, basis: str) -> str:
    return prefix + hashlib.sha256(basis.encode()).hexdigest()[:10]


class Stories(CorpusStep):
    name = "stories"
    version = 3  # 2: an article older than its story decays; a story its articles all left is dropped; 3: ties
    # among candidate stories in order of id
    requires = ("text", "title", "entities", "times", "published", "outlet")
    provides = ("stories", "events", "story_articles", "story_aliases")
    exports = {"stories": ("id", "title", "aliases", "first", "last", "first_reported", "outlets", "articles",
                           "events", "summary")}

    def __init__(self, weights: Weights = DEFAULT_WEIGHTS, events: bool = True, names: bool = True) -> None:
        """``events``: tell the events inside stories; ``names``: the names in articles find candidates (the
        baseline of eval/stories.py turns both off)."""
        self.w = weights
        self.with_events = events
        self.with_names = names

    # map
    def signature(self, article: Article) -> dict[str, Any]:
        return article_features(article)

    # reduce
    def load(self, store: Any, new: Sequence[tuple[str, dict[str, Any]]]) -> State:
        """The stories the new articles may join: those fed within the window of the earliest of them (all,
        when one has no date), the signatures of new articles that were linked before, the counts."""
        dates = [sig.get("date") for _, sig in new]
        earliest = min(d for d in dates if d) if dates and None not in dates else None
        since = (_day(earliest) - dt.timedelta(days=self.w.window_days)).isoformat() \
            if earliest else None
        state = store.load_story_state(self.name, since, [a for a, _ in new])
        for c in state.stories.values():
            self._index(state, c)
        return state

    def reduce(self, new: Sequence[tuple[str, dict[str, Any]]], state: State) -> Outcome:
        """One pass over the new articles in date order. Words are weighted by their rarity among all the
        articles linked so far and these (the weights hold for the pass)."""
        touched: set[str] = set()
        merged: dict[str, str] = {}
        for article, _ in new:
            if article in state.assigned:
                touched |= self._unassign(state, article)
        for _, sig in new:
            self._count(state, sig, 1)
        weights = Weights_(idf(state.df, state.n))
        for c in (*state.stories.values(), *state.events.values()):
            c.norms = None
        for article, sig in sorted(new, key=lambda x: (x[1].get("date") or "9999", x[0])):
            vec = _Vector(sig, weights)
            story = self._story_for(state, vec, weights, merged, touched)
            event = self._event_for(state, story, vec, weights)
            story.add(sig, sig.get("date"), article)
            event.add(sig, sig.get("event_date"), article)
            for k in (*sig["terms"], *sig["names"]):
                state.index.setdefault(k, set()).add(story.id)
            state.assigned[article] = (story.id, event.id)
            touched |= {story.id, event.id}
        self._trim(state, touched)
        return Outcome(state, touched, merged, [a for a, _ in new])

    def _count(self, state: State, sig: Mapping[str, Any], sign: int) -> None:
        for t in (*sig["terms"], *sig["names"]):
            state.df[t] += sign
        state.n += sign

    def _idf(self, state: State) -> Callable[[str], float]:
        return idf(state.df, state.n)

    def _similarity(self, vec: _Vector, c: Cluster, weights: Weights_, date_key: str, lead: float = 0.0) -> float:
        """Cosine of the article and a story or an event (the share ``lead`` of it from their headlines and
        leads), halved about every ``decay_days`` of the days between them. Names count here as the words they
        are made of: a separate cosine of the names cost 2-3 points of F1 on the development stories (names
        such as المملكة are in most Saudi articles); they serve to find the candidates."""
        if c.norms is None:
            c.norms = (_norm(c.terms, weights), _norm(c.lead, weights))
        s = vec.cosine(vec.terms, vec.terms_norm, c.terms, c.norms[0], weights)
        if lead:
            s = (1 - lead) * s + lead * vec.cosine(vec.lead, vec.lead_norm, c.lead, c.norms[1], weights)
        date = vec.sig.get(date_key)
        if date and c.last:
            gap = _days(date, c.last) if date > c.last else _days(c.first, date) if c.first and date < c.first \
                else 0.0  # an article from before the story decays as one from after it does
            s *= 0.5 ** (max(0.0, gap - 1) / self.w.decay_days)
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
            if n < 2 or c is None or date and c.last and date > c.last and _days(date, c.last) > self.w.window_days:
                continue
            out.append(c)
        return out

    def _index(self, state: State, c: Cluster) -> None:
        for k in (*c.terms, *c.names):
            state.index.setdefault(k, set()).add(c.id)

    def _story_for(self, state: State, vec: _Vector, weights: Weights_, merged: dict[str, str],
                   touched: set[str]) -> Cluster:
        sig = vec.sig
        undated = self.w.story_min / self.w.undated_min  # content alone must show more to join
        scored = sorted(((self._similarity(vec, c, weights, "date") * (1 if sig.get("date") and c.last else undated), c)
                         for c in self._candidates(state, vec)), key=lambda x: (-x[0], x[1].seq))
        if not scored or scored[0][0] < self.w.story_min:
            state.seq += 1
            c = Cluster(_short_id("S", f"{state.seq}:{sorted(sig['terms'])[:5]}:{sig.get('date')}"), state.seq)
            state.stories[c.id] = c
            return c
        best = scored[0][1]
        for score, other in scored[1:]:
            if score < self.w.merge_min or scored[0][0] < self.w.merge_min:
                break
            older, younger = sorted((best, other), key=lambda c: c.seq)
            self._merge(state, older, younger, merged, touched)
            best = older
        return best

    def _merge(self, state: State, older: Cluster, younger: Cluster, merged: dict[str, str],
               touched: set[str]) -> None:
        for t, w in younger.terms.items():
            older.terms[t] = older.terms.get(t, 0.0) + w
        for t, w in younger.names.items():
            older.names[t] = older.names.get(t, 0.0) + w
        older.first = min(filter(None, (older.first, younger.first)), default=None)
        older.last = max(filter(None, (older.last, younger.last)), default=None)
        older.articles += younger.articles
        older.events += younger.events
        for e in younger.events:
            event = state.events[e]
            event.story = older.id
            for a in event.articles:
                state.assigned[a] = (older.id, e)
                state.moved.add(a)
        del state.stories[younger.id]
        older.norms = None
        self._index(state, older)
        state.aliases[younger.id] = older.id
        for alias, target in list(state.aliases.items()):
            if target == younger.id:
                state.aliases[alias] = older.id
        merged[younger.id] = older.id
        touched |= {older.id, younger.id, *younger.events}
        self._trim_cluster(older)

    def _event_for(self, state: State, story: Cluster, vec: _Vector, weights: Weights_) -> Cluster:
        date = vec.sig.get("event_date")
        best, best_score = None, 0.0
        if self.with_events:
            for eid in story.events:
                e = state.events[eid]
                if date and e.first and (_days(date, e.first) > self.w.event_days or _days(date, e.last)
                                         > self.w.event_days):
                    continue
                s = self._similarity(vec, e, weights, "event_date", self.w.event_lead)
                if s > best_score:
                    best, best_score = e, s
        if best is not None and best_score >= self.w.event_min:
            return best
        state.seq += 1
        e = Cluster(_short_id("E", f"{story.id}:{state.seq}"), state.seq, story=story.id)
        state.events[e.id] = e
        story.events.append(e.id)
        return e

    def _unassign(self, state: State, article: str) -> set[str]:
        """An article linked before and written again: out of its story and event, to be placed anew."""
        story_id, event_id = state.assigned.pop(article)
        old = state.previous.get(article)
        out = set()
        for cid, table in ((story_id, state.stories), (event_id, state.events)):
            c = table.get(state.aliases.get(cid, cid))
            if c is None or article not in c.articles:
                continue
            c.articles.remove(article)
            c.norms = None
            if old:
                _accumulate(c.terms, old["terms"], -1)
                _accumulate(c.names, old["names"], -1)
                if c.story is not None:
                    _accumulate(c.lead, old["lead"], -1)
            out.add(c.id)
        if old:
            self._count(state, old, -1)
        return out

    def _trim(self, state: State, touched: set[str]) -> None:
        """Each touched profile kept to its strongest words; a story or event its articles all left (written
        again, placed elsewhere) is dropped, with the aliases to it and its place in its story."""
        for cid in touched:
            for table in (state.stories, state.events):
                c = table.get(cid)
                if c is None:
                    continue
                if c.articles:
                    self._trim_cluster(c)
                    continue
                del table[cid]
                state.aliases = {old: new for old, new in state.aliases.items() if new != cid}
                if c.story is not None and (story := state.stories.get(c.story)) and cid in story.events:
                    story.events.remove(cid)

    def _trim_cluster(self, c: Cluster) -> None:
        if len(c.terms) > self.w.centroid_terms:
            c.terms = dict(sorted(c.terms.items(), key=lambda kv: -kv[1])[:self.w.centroid_terms])
            c.norms = None

    # apply
    def apply(self, store: Any, outcome: Outcome) -> int:
        """The stories and events written back, each titled by its most central article's headline (the
        article closest to its profile), or by that article's first line when none has one; an event dated by
        what most of its articles give as the day (or month) of the happening."""
        state = outcome.state
        clusters = [c for cid in outcome.touched if (c := state.stories.get(cid) or state.events.get(cid))]
        sigs = store.signatures_of(self.name, {a for c in clusters for a in c.articles})
        heads = store.article_heads({a for c in clusters for a in c.articles})
        weights = Weights_(self._idf(state))
        out: dict[str, Head] = {}
        for c in clusters:
            norm = _norm(c.terms, weights)
            terms = {a: sigs[a]["terms"] for a in c.articles if a in sigs}
            scored = [(_Vector.cosine(t, _norm(t, weights), c.terms, norm, weights), a) for a, t in terms.items()]
            titled = [x for x in scored if x[1] in heads and heads[x[1]]["titled"]]
            central = max(titled or scored, default=(0.0, None))[1]
            dates = Counter((sigs[a]["event_date"], sigs[a]["event_precision"]) for a in c.articles
                            if a in sigs and sigs[a]["event_date"])
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
