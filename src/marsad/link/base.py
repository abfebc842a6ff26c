"""Steps across articles, staged the way datatrove stages MinHash deduplication (signature, bucket, cluster):

- map: ``signature(article)``, what the step needs of one article, a pure function of it; stored, so a later
  run never reads the article again;
- reduce: ``reduce(new, state)``, the new signatures against the state built from the stored ones (candidate
  groups, then assignments), a pure function of its inputs;
- apply: ``apply(store, outcome)``, the assignments written back through the store.

A run links only what was stored or written again since the step last ran (its point in ``link_state``), so
a day's articles join what is there without recomputing the corpus; a new version of a step links everything
again. The same phases run unchanged on Spark executors (map over articles, reduce by candidate key)."""

from __future__ import annotations

import multiprocessing
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from marsad.model import Article

MAP_CHUNK = 200  # articles a worker maps at a time


class CorpusStep:
    name: str
    version: int = 1
    requires: tuple[str, ...] = ()  # the article's fields the map reads
    provides: tuple[str, ...] = ()  # the store's tables the apply writes (emptied when the version changes)
    # the export's keys it gives, each with its records' fields (``store.<key>_records()`` yields them)
    exports: Mapping[str, tuple[str, ...]] = {}

    def signature(self, article: Article) -> dict[str, Any]:
        raise NotImplementedError

    def load(self, store: Any, new: Sequence[tuple[str, dict[str, Any]]]) -> Any:
        """The state the reduce starts from, built from what is stored (what ``new`` may join)."""
        raise NotImplementedError

    def reduce(self, new: Sequence[tuple[str, dict[str, Any]]], state: Any) -> Any:
        raise NotImplementedError

    def apply(self, store: Any, outcome: Any) -> int:
        """Write the outcome back; how many articles it assigned."""
        raise NotImplementedError


@dataclass
class LinkReport:
    linked: dict[str, int] = field(default_factory=dict)  # step -> articles mapped and assigned

    def merge(self, name: str, n: int) -> None:
        self.linked[name] = self.linked.get(name, 0) + n


def _map_chunk(args: tuple[CorpusStep, list[Article]]) -> list[tuple[str, dict[str, Any]]]:
    step, articles = args
    return [(a.id, step.signature(a)) for a in articles]


def signatures(step: CorpusStep, articles: Iterable[Article], workers: int = 1) -> list[tuple[str, dict[str, Any]]]:
    """The map phase over ``articles``, in this process or a pool of ``workers``."""
    if workers <= 1:
        return [(a.id, step.signature(a)) for a in articles]
    chunks: list[list[Article]] = []
    for a in articles:
        if not chunks or len(chunks[-1]) >= MAP_CHUNK:
            chunks.append([])
        chunks[-1].append(a)
    with multiprocessing.get_context("fork").Pool(workers) as pool:
        return [s for part in pool.map(_map_chunk, [(step, c) for c in chunks]) for s in part]


def link(store: Any, steps: Sequence[CorpusStep], workers: int = 1) -> LinkReport:
    """Every step over what was stored or written again since it last ran (everything, for a step whose
    version changed): map (outside the write lock), then, holding it, store the signatures, reduce against the
    stored state and apply; when another linker moved the step on while this one mapped, map again."""
    report = LinkReport()
    for step in steps:
        while True:
            # the map phase holds no lock (a run may store articles meanwhile); it maps the articles up to
            # ``point`` only, and what is stored after it is linked next time
            since = store.link_point(step.name, step.version)
            point = store.last_seq()
            new = signatures(step, store.articles(since=since or 0, until=point), workers)
            with store.writing():  # one linker at a time: what it read is what it writes over
                if store.link_point(step.name, step.version) != since:
                    continue  # another linker moved this step on meanwhile: map again from where it got to
                if since is None:  # never ran, or a new version: start again
                    store.forget_link(step.name, step.provides)
                if new:
                    outcome = step.reduce(new, step.load(store, new))
                    store.save_signatures(step.name, new)
                    report.merge(step.name, step.apply(store, outcome))
                store.set_link_point(step.name, step.version, point)
            break
    return report
