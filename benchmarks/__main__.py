"""Benchmarks: python -m benchmarks [--sizes 2500 5000 10000] [--analysis]

Ingest+clean+store throughput and peak memory on SaudiNewsNet page text, beside a baseline that
reads the same JSON Lines and stores the raw text alone (same batching, same SQLite). Each run is a
separate process, so peak RSS is that run's own.
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
from pathlib import Path

from benchmarks.corpus import write_jsonl


def measure(mode: str, corpus: Path, db: Path) -> dict:
    out = subprocess.run([sys.executable, "-m", "benchmarks.worker", mode, str(corpus), str(db)],
                         check=True, capture_output=True, text=True)
    return json.loads(out.stdout)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--sizes", type=int, nargs="+", default=[2500, 5000, 10000])
    args = ap.parse_args(argv)
    rows = []
    with tempfile.TemporaryDirectory() as tmp:
        for n in args.sizes:
            corpus = Path(tmp) / f"corpus-{n}.jsonl"
            got = write_jsonl(corpus, n)
            base = measure("baseline", corpus, Path(tmp) / f"base-{n}.db")
            full = measure("marsad", corpus, Path(tmp) / f"marsad-{n}.db")
            rows.append((got, base, full))
    print(f"{'articles':>8} | {'baseline art/s':>14} | {'marsad art/s':>12} | {'cost x':>6} | "
          f"{'base peak MB':>12} | {'marsad peak MB':>14} | stored")
    for n, base, full in rows:
        print(f"{n:>8} | {base['rate']:>14.0f} | {full['rate']:>12.0f} | {base['rate'] / full['rate']:>6.2f} | "
              f"{base['peak_mb']:>12.0f} | {full['peak_mb']:>14.0f} | {full['stored']}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
