"""The steps across articles at scale: python -m benchmarks.link [--sizes 1000 10000 31030] [--add 100]

All SaudiNewsNet articles (title line and content, their outlet, URL and crawl day as the date given) are
read and analysed once into a database kept in .cache/bench/ (reused by later runs: it takes minutes). Then,
each in its own process (peak RSS is that measurement's own):
- link N: the first N articles copied, whole, into a new database, then every step across articles run on
  them from scratch (copies, stories, digests, entities, search: whatever ``link_steps()`` holds), timed step
  by step;
- add K to N: a database holding N articles already linked, K more stored, then linked: what a day's new
  articles cost against a large store (target: under a tenth of linking the N from scratch).
"""

from __future__ import annotations

import argparse
import json
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from benchmarks.corpus import write_pages
from eval.common import REPO
from marsad.link import link, link_steps
from marsad.runner import run
from marsad.store import Store

CACHE = REPO / ".cache" / "bench"
COPY_BATCH = 500


def analysed() -> Path:
    """Every article analysed once, into the cached database."""
    CACHE.mkdir(parents=True, exist_ok=True)
    db, corpus = CACHE / "saudinewsnet-all.db", write_pages(CACHE / "saudinewsnet-all.jsonl")
    with Store(db) as store:
        run([corpus], store, workers=2, across=())
    return db


def copy(source: Path, target: Path, start: int, n: int) -> int:
    """Articles ``start`` .. ``start + n`` of the cached database (in the order stored) into ``target``."""
    with Store(source, readonly=True) as src, Store(target) as dst:
        ids = [i for (i,) in src.query("SELECT id FROM articles ORDER BY seq LIMIT ? OFFSET ?", (n, start))]
        for k in range(0, len(ids), COPY_BATCH):
            dst.add(list(src.articles(ids=ids[k:k + COPY_BATCH])))
        return len(ids)


def measure(db: Path) -> dict:
    """Link what the database holds that is not linked yet, step by step, in this process."""
    spent = {}
    with Store(db) as store:
        for step in link_steps():
            t = time.perf_counter()
            link(store, [step])
            spent[step.name] = time.perf_counter() - t
    return {"seconds": sum(spent.values()), "steps": spent,
            "peak_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024}


def _in_process(db: Path) -> dict:
    out = subprocess.run([sys.executable, "-m", "benchmarks.link", "--measure", str(db)], capture_output=True,
                         text=True)
    if out.returncode:
        raise SystemExit(f"linking {db} failed:\n{out.stderr}")
    return json.loads(out.stdout)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--sizes", type=int, nargs="+", default=[1000, 10000, 31030])
    ap.add_argument("--add", type=int, default=100, help="articles added to the largest size below 31030 linked")
    ap.add_argument("--measure", type=Path, help=argparse.SUPPRESS)
    args = ap.parse_args(argv)
    if args.measure:
        print(json.dumps(measure(args.measure)))
        return 0
    source = analysed()
    rows = []
    grow = max((s for s in args.sizes if s < 31030), default=None)  # the largest size that leaves articles to add
    with tempfile.TemporaryDirectory() as tmp:
        for n in args.sizes:
            db = Path(tmp) / f"link-{n}.db"
            got = copy(source, db, 0, n)
            rows.append((f"link {got}", got, _in_process(db)))
            if args.add and n == grow:
                added = copy(source, db, got, args.add)
                rows.append((f"add {added} to {got}", added, _in_process(db)))
    names = list(rows[0][2]["steps"])
    print(f"{'':<18} | {'seconds':>8} | {'art/s':>7} | {'peak MB':>7} | " + " | ".join(f"{n:>8}" for n in names))
    for label, n, r in rows:
        print(f"{label:<18} | {r['seconds']:8.1f} | {n / r['seconds']:7.0f} | {r['peak_mb']:7.0f} | "
              + " | ".join(f"{r['steps'].get(k, 0):8.1f}" for k in names))
    base = {n: r for label, n, r in rows if label.startswith("link")}
    for label, _, r in rows:
        if label.startswith("add"):
            whole = base[int(label.split()[-1])]["seconds"]
            print(f"{label}: {r['seconds']:.1f} s, {r['seconds'] / whole:.3f} of linking them all from scratch")
    return 0


if __name__ == "__main__":
    sys.exit(main())
