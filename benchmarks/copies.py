"""The copies step alone, phase by phase: python -m benchmarks.copies [--articles 10000] [--add 100] [--profile]
[--top 25]

The first N SaudiNewsNet articles (their content as the text, their crawl day as the date; no cleaning, no
analysis: only what the step reads) stored in a temporary database, then linked by :class:`Copies` from
scratch, each phase timed: map (signatures, reading the articles included), load (what the store holds that
can match), reduce (candidates, confirmation, groups, passages), apply (written back), and the signatures
saved. Then ``--add`` more articles stored and linked against them (a day's batch against a large store).
Peak RSS of the process at the end. ``--profile`` runs the first link under cProfile and prints the functions
with the most own time.
"""

from __future__ import annotations

import argparse
import cProfile
import pstats
import resource
import sys
import tempfile
import time
from collections import defaultdict
from collections.abc import Iterator
from itertools import islice
from pathlib import Path
from typing import Any

from benchmarks.corpus import saudi_articles
from marsad.ids import article_id
from marsad.link import link
from marsad.link.copies import Copies
from marsad.model import Article
from marsad.store import Store


class Timed(Copies):
    """The step, each phase's time added up."""

    def __init__(self, spent: dict[str, float]) -> None:
        super().__init__()
        self.spent = spent

    def _timed(self, phase: str, fn: Any, *args: Any) -> Any:
        start = time.perf_counter()
        try:
            return fn(*args)
        finally:
            self.spent[phase] += time.perf_counter() - start

    def signature(self, article: Article) -> dict[str, Any]:
        return self._timed("map (signatures)", super().signature, article)

    def load(self, store: Any, new: Any) -> Any:
        return self._timed("load", super().load, store, new)

    def reduce(self, new: Any, state: Any) -> Any:
        return self._timed("reduce", super().reduce, new, state)

    def apply(self, store: Any, outcome: Any) -> int:
        return self._timed("apply", super().apply, store, outcome)


def articles() -> Iterator[Article]:
    for a in saudi_articles():
        if (a.get("content") or "").strip():
            yield Article(id=article_id(a["content"], a["url"], a["source"]), source=a["url"], text=a["content"],
                          outlet=a["source"], url=a["url"], title=a.get("title") or None,
                          published=a["date_extracted"][:10])


def run_link(store: Store, label: str, profile: cProfile.Profile | None = None) -> None:
    spent: dict[str, float] = defaultdict(float)
    start = time.perf_counter()
    if profile:
        profile.enable()
    n = link(store, [Timed(spent)]).linked.get("copies", 0)
    if profile:
        profile.disable()
    wall = time.perf_counter() - start
    spent["signatures saved, articles read, rest"] = wall - sum(spent.values())
    print(f"{label}: {n} articles linked in {wall:.1f} s ({1e3 * wall / max(1, n):.2f} ms an article)")
    for phase, seconds in spent.items():
        print(f"  {phase:<40} {seconds:7.2f} s  {100 * seconds / wall:5.1f}%")


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--articles", type=int, default=10_000)
    ap.add_argument("--add", type=int, default=100)
    ap.add_argument("--profile", action="store_true")
    ap.add_argument("--top", type=int, default=25)
    args = ap.parse_args(argv)
    stream = articles()
    first = list(islice(stream, args.articles))
    more = list(islice(stream, args.add))
    profile = cProfile.Profile() if args.profile else None
    with tempfile.TemporaryDirectory() as tmp, Store(Path(tmp) / "copies.db") as store:
        store.add(first)
        del first
        run_link(store, f"link {args.articles}", profile)
        if more:
            store.add(more)
            run_link(store, f"add {len(more)} to {args.articles}")
        groups = store.query('SELECT count(DISTINCT "of"), count(*) FROM duplicates')[0]
        passages = store.query("SELECT count(*) FROM reuse")[0][0]
        print(f"{groups[1]} copies in {groups[0]} groups, {passages} passages reused; peak RSS "
              f"{resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024:.0f} MB")
    if profile:
        pstats.Stats(profile).sort_stats("tottime").print_stats(args.top)
    return 0


if __name__ == "__main__":
    sys.exit(main())
