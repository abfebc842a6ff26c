"""Benchmarks: python -m benchmarks [--sizes 1000 5000 10000] [--workers 2]

On SaudiNewsNet page text, each run in its own process (peak RSS is that run's own, or its largest worker's),
for each size, one after the other on the same database:
- first: ``marsad run`` on a new database (the whole pipeline: clean, entities, times, figures, quotes);
- rerun: the same run again: every article is found stored by its id and skipped before any step;
- reanalyse STEP: that step's version raised (as an upgrade would), then ``marsad reanalyse``: every stored
  article run again through the step (and the steps that use what it gives), written in place;
- clean: the cleaner alone into a new database (ingest, clean, store);
- with --workers N (N > 1): the first run again in N worker processes (row "first/N").
"x first" is each row's time over the first run's. In one process, "us steps" is the time per article in
the steps, "us rest" the rest (reading, looking up, storing).
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
from pathlib import Path

from benchmarks.corpus import write_jsonl

REANALYSED = ("figures", "clean")  # one cheap step at the end, and the first step (all the others follow it)


def measure(mode: str, corpus: Path, db: Path, workers: int = 1) -> dict:
    out = subprocess.run([sys.executable, "-m", "benchmarks.worker", mode, str(corpus), str(db), str(workers)],
                         capture_output=True, text=True)
    if out.returncode:
        raise SystemExit(f"benchmark run {mode!r} failed:\n{out.stderr}")
    return json.loads(out.stdout)


def _us(value: float | None) -> str:
    return "-" if value is None else f"{value:.0f}"


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--sizes", type=int, nargs="+", default=[1000, 5000, 10000])
    ap.add_argument("--workers", type=int, default=1, help="also run the first run in this many processes")
    ap.add_argument("--reanalyse", nargs="*", default=list(REANALYSED), help="steps whose reanalysis is timed")
    args = ap.parse_args(argv)
    rows = []
    with tempfile.TemporaryDirectory() as tmp:
        for n in args.sizes:
            corpus = Path(tmp) / f"corpus-{n}.jsonl"
            got = write_jsonl(corpus, n)
            db = Path(tmp) / f"run-{n}.db"
            runs = {"first": measure("run", corpus, db), "rerun": measure("run", corpus, db)}
            for step in args.reanalyse:
                runs[f"reanalyse {step}"] = measure(f"reanalyse:{step}", corpus, db)
            runs["clean"] = measure("clean", corpus, Path(tmp) / f"clean-{n}.db")
            if args.workers > 1:
                runs[f"first/{args.workers}"] = measure("run", corpus, Path(tmp) / f"run-{n}-w.db", args.workers)
            rows.append((got, runs))
    print(f"{'articles':>8} | {'run':<18} | {'seconds':>7} | {'art/s':>7} | {'x first':>7} | {'peak MB':>7} | "
          f"{'us steps':>8} | {'us rest':>7} | stored | present | updated")
    for n, runs in rows:
        first = runs["first"]["seconds"]
        for name, r in runs.items():
            steps = r["steps_seconds"]  # None when the steps ran in worker processes
            steps_us = None if steps is None else 1e6 * steps / n
            rest_us = None if steps is None else 1e6 * r["seconds"] / n - steps_us
            print(f"{n:>8} | {name:<18} | {r['seconds']:>7.2f} | {n / r['seconds']:>7.0f} | "
                  f"{r['seconds'] / first:>7.3f} | {r['peak_mb']:>7.0f} | {_us(steps_us):>8} | {_us(rest_us):>7} | "
                  f"{r['stored']:>6} | {r['present']:>7} | {r['updated']:>7}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
