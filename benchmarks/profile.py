"""Where the time of the per-article steps goes: python -m benchmarks.profile [--articles 2000] [--top 20]
[--steps clean ...]

Runs the default pipeline (or only the steps named, in pipeline order) on SaudiNewsNet page text (the
benchmark corpus, no store), prints the share of each step, then the functions with the most own time
under cProfile. ``--steps clean`` shows where the cleaner's time goes.
"""

from __future__ import annotations

import argparse
import cProfile
import pstats
import sys
import tempfile
import time
from collections import defaultdict
from pathlib import Path

from benchmarks.corpus import write_jsonl
from marsad.ingest import read_paths
from marsad.model import Article
from marsad.pipeline import Pipeline, Step
from marsad.runner import default_steps


class Timed(Step):
    """A step run as the pipeline runs it, its time added up under its name."""

    def __init__(self, step: Step, spent: dict[str, float]) -> None:
        self.step, self.spent = step, spent
        self.name, self.version = step.name, step.version
        self.requires, self.provides = step.requires, step.provides

    def prepare(self, store: object) -> None:
        self.step.prepare(store)

    def process(self, article: Article) -> Article:
        start = time.perf_counter()
        try:
            return self.step.process(article)
        finally:
            self.spent[self.name] += time.perf_counter() - start


def step_times(corpus: Path, names: list[str] | None) -> tuple[int, float, dict[str, float]]:
    spent: dict[str, float] = defaultdict(float)
    pipeline = Pipeline([Timed(step, spent) for step in default_steps() if names is None or step.name in names])
    start = time.perf_counter()
    n = sum(isinstance(pipeline.apply(item), Article) for item in read_paths([corpus]) if isinstance(item, Article))
    return n, time.perf_counter() - start, spent


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--articles", type=int, default=2000)
    ap.add_argument("--top", type=int, default=20)
    ap.add_argument("--steps", nargs="+", choices=[step.name for step in default_steps()],
                    help="only these steps (each needs the ones before it that provide what it requires)")
    args = ap.parse_args(argv)
    with tempfile.TemporaryDirectory() as tmp:
        corpus = Path(tmp) / "corpus.jsonl"
        write_jsonl(corpus, args.articles)
        step_times(corpus, args.steps)  # warm the per-word caches, as a long run would
        n, wall, spent = step_times(corpus, args.steps)
        print(f"{n} articles in {wall:.1f}s: {n / wall:.0f} articles/s on one core (caches warm)")
        for name, seconds in sorted(spent.items(), key=lambda kv: -kv[1]):
            print(f"  {name:<10} {seconds:6.2f}s  {100 * seconds / wall:5.1f}%  {1e6 * seconds / n:8.0f} us/article")
        profile = cProfile.Profile()
        profile.enable()
        step_times(corpus, args.steps)
        profile.disable()
    pstats.Stats(profile).sort_stats("tottime").print_stats(args.top)
    return 0


if __name__ == "__main__":
    sys.exit(main())
