"""One measured run in its own process: prints rate and peak memory as JSON."""

from __future__ import annotations

import hashlib
import json
import resource
import sqlite3
import sys
import time
from collections import Counter
from pathlib import Path

from benchmarks.profile import Timed
from marsad.clean import Clean
from marsad.ids import Identify
from marsad.model import Article, Paragraph
from marsad.pipeline import Step
from marsad.runner import default_steps, run
from marsad.store import Store


def baseline(corpus: Path, db: Path) -> int:
    """Read the same JSON Lines and store the raw text: the floor any real pipeline pays."""
    con = sqlite3.connect(db, isolation_level=None)
    con.execute("PRAGMA journal_mode = WAL")
    con.execute("CREATE TABLE raw (id TEXT PRIMARY KEY, url TEXT, text TEXT)")
    n = 0
    batch = []
    with corpus.open(encoding="utf-8") as f:
        for line in f:
            rec = json.loads(line)
            batch.append((hashlib.sha256(rec["url"].encode()).hexdigest()[:16], rec["url"], rec["text"]))
            if len(batch) == 500:
                n += _flush(con, batch)
        n += _flush(con, batch)
    return n


def _flush(con: sqlite3.Connection, batch: list) -> int:
    con.execute("BEGIN")
    con.executemany("INSERT OR IGNORE INTO raw VALUES (?, ?, ?)", batch)
    con.execute("COMMIT")
    n = len(batch)
    batch.clear()
    return n


class AsIs(Step):
    """The page text kept whole as one body paragraph: marsad's own read and store with no cleaning."""

    name = "as_is"
    requires = ("raw",)
    provides = ("text", "paragraphs")

    def process(self, article: Article) -> Article:
        article.text, article.raw = article.raw.strip(), ""
        article.paragraphs = [Paragraph(0, len(article.text))]
        return article


STEPS = {"store": lambda: [AsIs(), Identify()], "clean": lambda: [Clean(), Identify()], "analyse": default_steps}


def pipeline(corpus: Path, db: Path, mode: str, workers: int, spent: Counter[str]) -> int:
    """The run; with one process, the time each step took is added up in ``spent`` (the rest of the run is
    reading and storing)."""
    steps = STEPS[mode]()
    if workers == 1:
        steps = [Timed(step, spent) for step in steps]
    with Store(db) as store:
        return run([corpus], store, steps=steps, workers=workers).stored


def main() -> None:
    mode, corpus, db = sys.argv[1], Path(sys.argv[2]), Path(sys.argv[3])
    workers = int(sys.argv[4]) if len(sys.argv) > 4 else 1
    lines = sum(1 for _ in corpus.open(encoding="utf-8"))
    spent: Counter[str] = Counter()
    start = time.perf_counter()
    stored = baseline(corpus, db) if mode == "baseline" else pipeline(corpus, db, mode, workers, spent)
    elapsed = time.perf_counter() - start
    peak = max(resource.getrusage(who).ru_maxrss for who in (resource.RUSAGE_SELF, resource.RUSAGE_CHILDREN)) / 1024
    print(json.dumps({"mode": mode, "workers": workers, "articles": lines, "stored": stored, "seconds": elapsed,
                      "rate": lines / elapsed, "peak_mb": peak,
                      "steps_seconds": sum(spent.values()) if workers == 1 else None}))


if __name__ == "__main__":
    main()
