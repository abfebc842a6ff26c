"""Steps and pipelines. A step is a pure map over one Article (it must run unchanged in a process
pool or on a Spark executor): it declares what it requires and provides, and the pipeline checks
the order before anything runs (spaCy's analyze_pipes habit).

Every step has a version, raised whenever what it gives for the same input changes. An article records
the version of each step that made it, so a stored article made by an older step is run again through
that step and the steps that use what it provides (:meth:`Pipeline.stale`). A step's ``process`` must
therefore give the same result on an article it has already been through as on a fresh one: it first
undoes what it set itself (never what was given with the article)."""

from __future__ import annotations

import gc
import itertools
from collections.abc import Iterable, Iterator, Sequence
from typing import Any

from marsad.errors import InputRefused, MarsadError
from marsad.model import Article

FREEZE_EVERY = 500  # articles between two moves of what has lived so far out of the collector's scans
THAW_EVERY = 20_000  # articles between two full collections of everything, frozen objects included
_applied = itertools.count()  # articles through any pipeline of this process (the collector is the process's)


def _keep_collector_short() -> None:
    """The language data the steps load on first use (name lists, lexicons, the word caches as they fill)
    lives as long as the process, and a full collection walked all of it every few hundred articles: a fifth
    of the analysis time. After the process's first article and every FREEZE_EVERY after it, garbage is
    collected and what is left is frozen (gc.freeze): the collector no longer scans it; reference counting
    still frees it. What was frozen alive and later became a cycle of garbage would be kept: every THAW_EVERY
    articles all is thawed first, so the collection reaches it (one full walk, about half a second). The count
    is the process's, not a pipeline's: a server making a pipeline per upload does not walk everything each time."""
    n = next(_applied)
    if n % FREEZE_EVERY == 1:
        if n % THAW_EVERY == 1:
            gc.unfreeze()
        gc.collect()
        gc.freeze()


class Step:
    name: str
    version: int = 1
    requires: tuple[str, ...] = ()
    provides: tuple[str, ...] = ()

    def process(self, article: Article) -> Article:
        """Return the article with this step's annotations added; raise MarsadError to refuse it."""
        raise NotImplementedError

    def prepare(self, store: Any) -> None:
        """Read what the step needs from what is stored across articles (a table learned so far), before a
        batch: the runner calls it; ``process`` stays a function of the article and that table."""


class Pipeline:
    def __init__(self, steps: Sequence[Step], given: Iterable[str] = ("raw",)) -> None:
        have = set(given)
        for step in steps:
            missing = [r for r in step.requires if r not in have]
            if missing:
                raise ValueError(f"step {step.name!r} requires {missing}, which no earlier step provides")
            have.update(step.provides)
        self.steps = list(steps)

    def stale(self, done: dict[str, int]) -> list[Step]:
        """The steps to run again on an article made with the step versions ``done``: each step whose version
        differs (or that never ran), and every later step that requires what a step run again provides."""
        out: list[Step] = []
        changed: set[str] = set()
        for step in self.steps:
            if done.get(step.name) != step.version or changed.intersection(step.requires):
                out.append(step)
                changed.update(step.provides)
        return out

    def apply(self, article: Article, steps: Sequence[Step] | None = None) -> Article | InputRefused:
        """The article through every step (or the ``steps`` given, in order); refused (not raised) when a step
        refuses it or breaks on it, so one odd page never stops a night's run."""
        _keep_collector_short()
        for step in self.steps if steps is None else steps:
            try:
                article = step.process(article)
            except MarsadError as e:
                return InputRefused.at(article.source, e)
            except Exception as e:  # a bug on one article is reported with its step, not fatal to the run
                return InputRefused(article.source, "E016", step=step.name, detail=f"{type(e).__name__}: {e}")
            article.steps[step.name] = step.version
        return article

    def prepare(self, store: Any) -> None:
        for step in self.steps:
            step.prepare(store)

    def run(self, items: Iterable[Article | InputRefused]) -> Iterator[Article | InputRefused]:
        for item in items:
            yield item if isinstance(item, InputRefused) else self.apply(item)
