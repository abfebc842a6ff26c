"""The disagreements marsad flags in SaudiNewsNet's stories, printed for reading by hand (the bar of the
disagreements: at most 1 false dispute in 20 flagged).

    python -m eval.disputes               every dispute flagged in all the articles with content (30,516 of 31,030)
    python -m eval.disputes --sample 20   20 of them drawn at random (seeded), when there are more

The articles are read as marsad run reads them (title line and content, their outlet, URL and crawl day as the
date given) into a database kept in .cache/eval, analysed on two processes and linked into stories and their
digests; the first run takes about twenty minutes, later runs only what a new step version changed. Each dispute
is printed with its kind, what differs, and every claim with its side, outlet, day and speaker (the outlet's own
voice when none is named), for a reader to call it real or false.
"""

from __future__ import annotations

import argparse
import random
import sys
from collections import Counter
from pathlib import Path

from eval import stories
from marsad.export import records
from marsad.link.digest import Digests
from marsad.link.stories import Stories
from marsad.runner import run
from marsad.store import Store


def linked() -> Path:
    db = stories.CACHE / "saudinewsnet-all.db"
    with Store(db) as store:
        run([stories.corpus(None, "saudinewsnet-all")], store, workers=2, across=(Stories(), Digests()))
    return db


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--sample", type=int, default=0, help="draw this many disputes at random (0: all)")
    args = ap.parse_args(argv)
    with Store(linked(), readonly=True) as store:
        found = list(records(store, "disagreements"))
        heads = store.article_heads({c["article"] for d in found for c in d["claims"]})
        n = store.count()
    print(f"{len(found)} disputes flagged in {n} articles: {dict(Counter(d['kind'] for d in found))}")
    if args.sample and len(found) > args.sample:
        found = random.Random(0).sample(found, args.sample)
    for k, d in enumerate(found, 1):
        print(f"\n{k}. [{d['kind']}] {d['detail']}  (story {d['story']})")
        for c in sorted(d["claims"], key=lambda c: c["side"]):
            head = heads[c["article"]]
            print(f"   side {c['side']} | {head['outlet']} {head['published']} | {c['speaker'] or '(the outlet)'} | "
                  f"{' '.join(c['text'].split())}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
