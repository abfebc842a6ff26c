"""Benchmarks: python -m benchmarks [--sizes 2500 5000 10000] [--workers 2]

On SaudiNewsNet page text, each run in its own process (peak RSS is that run's own, or its largest worker's):
- baseline: read the same JSON Lines and store the raw text alone (json + sqlite3, same batching): the floor;
- store: marsad's own ingest and store (decoding, size bounds, ids, the articles table) with the page kept
  whole: what reading and storing the raw text costs in marsad, cleaning aside;
- clean: ingest + clean + identify + store;
- analyse: the whole default pipeline (adds entities, times, figures, quotes).
Every mode runs in one process; with --workers N (N > 1) clean and analyse run again in N worker processes
(rows "clean/N"). Ratios are to the one-process baselines ("x baseline", "x store"). In one process, "us steps"
is the time per article in the pipeline's steps (clean, identify, ...) and "us rest" the time per article in
everything else: reading, the store, the run's bookkeeping.
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
from pathlib import Path

from benchmarks.corpus import write_jsonl


def measure(mode: str, corpus: Path, db: Path, workers: int = 1) -> dict:
    out = subprocess.run([sys.executable, "-m", "benchmarks.worker", mode, str(corpus), str(db), str(workers)],
                         capture_output=True, text=True)
    if out.returncode:
        raise SystemExit(f"benchmark run {mode!r} failed:\n{out.stderr}")
    return json.loads(out.stdout)


def _us(value: float | None) -> str:
    return "-" if value is None else f"{value:.1f}"


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--sizes", type=int, nargs="+", default=[2500, 5000, 10000])
    ap.add_argument("--modes", nargs="+", default=["baseline", "store", "clean", "analyse"],
                    choices=["baseline", "store", "clean", "analyse"])
    ap.add_argument("--workers", type=int, default=1, help="also run clean and analyse in this many processes")
    args = ap.parse_args(argv)
    rows = []
    with tempfile.TemporaryDirectory() as tmp:
        for n in args.sizes:
            corpus = Path(tmp) / f"corpus-{n}.jsonl"
            got = write_jsonl(corpus, n)
            runs = {mode: measure(mode, corpus, Path(tmp) / f"{mode}-{n}.db") for mode in args.modes}
            if args.workers > 1:
                runs.update({f"{mode}/{args.workers}": measure(mode, corpus, Path(tmp) / f"{mode}-{n}-w.db",
                                                               args.workers)
                             for mode in args.modes if mode in ("clean", "analyse")})
            rows.append((got, runs))
    print(f"{'articles':>8} | {'mode':<10} | {'art/s':>7} | {'x baseline':>10} | {'x store':>7} | "
          f"{'peak MB':>7} | {'us steps':>8} | {'us rest':>7} | stored")
    for n, runs in rows:
        for mode, r in runs.items():
            ratio = {b: f"{runs[b]['rate'] / r['rate']:.2f}" if b in runs else "-" for b in ("baseline", "store")}
            steps = r["steps_seconds"]  # None when the steps ran in worker processes
            steps_us = None if steps is None else 1e6 * steps / r["articles"]
            rest_us = None if steps is None else 1e6 / r["rate"] - steps_us
            print(f"{n:>8} | {mode:<10} | {r['rate']:>7.0f} | {ratio['baseline']:>10} | {ratio['store']:>7} | "
                  f"{r['peak_mb']:>7.0f} | {_us(steps_us):>8} | {_us(rest_us):>7} | {r['stored']}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
