"""Rebuild the background table of the words' rarity (marsad/link/data/background.txt, see background.py and
data/BACKGROUND.md) from anc19's articles, read and analysed as ``marsad run`` reads them.

    python -m marsad.link.build_background [--shared ../shared] [--out PATH]     (about 2 minutes)
"""

from __future__ import annotations

import argparse
import os
import sys
import time
from pathlib import Path

from marsad.link.background import FILE, counts
from marsad.model import Article
from marsad.runner import process

MIN_COUNT = 2  # a word in fewer of the articles is left out: one article's own names and words are what it would
# otherwise hold most of (an unseen word weighs as the rarest there is; scores were the same either way)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--shared", type=Path, default=Path(os.environ.get("MARSAD_SHARED", "../shared")))
    ap.add_argument("--out", type=Path, default=FILE)
    args = ap.parse_args(argv)
    root = args.shared / "data" / "anc19"
    if not root.is_dir():
        print(f"no anc19 at {root} (--shared or MARSAD_SHARED names the shared data)", file=sys.stderr)
        return 1
    started = time.time()
    articles = [a for a in process(sorted(root.iterdir())) if isinstance(a, Article)]
    table = counts(articles)
    kept = sorted((w, c) for w, c in table.df.items() if c >= MIN_COUNT)
    with args.out.open("w", encoding="utf-8") as f:
        f.write(f"# articles {table.n}\n")
        f.writelines(f"{w}\t{c}\n" for w, c in kept)
    print(f"{table.n} articles, {len(table.df)} words and names, {len(kept)} in {MIN_COUNT} or more -> {args.out} "
          f"({time.time() - started:.0f} s)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
