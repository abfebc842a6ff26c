"""Hostile input, timed: python -m benchmarks.hostile

Pages nested 100,000 and 200,000 divs deep, and JSON nested 100,000 deep, each read (or refused) by
marsad's reader; the goal for the pages is under 5 s each.
"""

from __future__ import annotations

import sys
import tempfile
import time
from pathlib import Path

from benchmarks.corpus import saudi_articles
from marsad.ingest import read_paths
from marsad.model import Article


def main() -> int:
    text = next(a["content"] for a in saudi_articles() if len(a["content"]) > 2000)
    cases = {f"html, {n:,} nested divs": ("deep.html", "<html><body>" + "<div>" * n + f"<p>{text}</p>"
                                          + "</div>" * n + "</body></html>") for n in (100_000, 200_000)}
    cases["json, 100,000 nested lists"] = ("deep.json", "[" * 100_000 + "]" * 100_000)
    print(f"{'case':<28} | {'seconds':>7} | result")
    with tempfile.TemporaryDirectory() as tmp:
        for name, (file, content) in cases.items():
            path = Path(tmp) / file
            path.write_text(content, "utf-8")
            start = time.perf_counter()
            [item] = list(read_paths([path]))
            seconds = time.perf_counter() - start
            result = f"read, {len(item.raw):,} characters" if isinstance(item, Article) else f"refused [{item.code}]"
            print(f"{name:<28} | {seconds:>7.2f} | {result}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
