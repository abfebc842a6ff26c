"""Where the time of the per-article analysis goes: python -m benchmarks.profile [--articles 2000] [--top 20]

Runs the default pipeline on SaudiNewsNet page text (the benchmark corpus, no store), prints the share
of each step, then the functions with the most own time under cProfile.
"""

from __future__ import annotations

import argparse
import cProfile
import pstats
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path

from benchmarks.corpus import write_jsonl
from marsad.errors import MarsadError
from marsad.ingest import read_paths
from marsad.model import Article
from marsad.runner import default_steps


def step_times(corpus: Path) -> tuple[int, float, Counter[str]]:
    steps = default_steps()
    spent: Counter[str] = Counter()
    n = 0
    start = time.perf_counter()
    for item in read_paths([corpus]):
        if not isinstance(item, Article):
            continue
        n += 1
        for step in steps:
            t = time.perf_counter()
            try:
                item = step(item)
            except MarsadError:
                break  # refused (nothing left after cleaning): the run goes on
            finally:
                spent[step.name] += time.perf_counter() - t
    return n, time.perf_counter() - start, spent


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--articles", type=int, default=2000)
    ap.add_argument("--top", type=int, default=20)
    args = ap.parse_args(argv)
    with tempfile.TemporaryDirectory() as tmp:
        corpus = Path(tmp) / "corpus.jsonl"
        write_jsonl(corpus, args.articles)
        step_times(corpus)  # warm the per-word caches, as a long run would
        n, wall, spent = step_times(corpus)
        print(f"{n} articles in {wall:.1f}s: {n / wall:.0f} articles/s on one core (caches warm)")
        for name, seconds in spent.most_common():
            print(f"  {name:<10} {seconds:6.2f}s  {100 * seconds / wall:5.1f}%  {1000 * seconds / n:6.2f} ms/article")
        profile = cProfile.Profile()
        profile.enable()
        step_times(corpus)
        profile.disable()
    pstats.Stats(profile).sort_stats("tottime").print_stats(args.top)
    return 0


if __name__ == "__main__":
    sys.exit(main())
