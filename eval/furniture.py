"""Site furniture learned per outlet, measured on SaudiNewsNet (14 outlets, three weeks).

    python -m eval.furniture [--days 21] [--show 40]

Every article's page (its title line, then its content) is read the way ``marsad run`` reads it, in the
order the outlets published them, and the furniture learner runs over them (map: each page's short lines;
reduce: counts per outlet; the bar of marsad.settings). SaudiNewsNet's content is the articles' text with
little site furniture left, and much wire text shared between outlets: so what is learned there is mostly
what the learner wrongly takes (wire text, recurring sentences of one outlet), and each learned line is
listed to be judged by reading. To measure what it should find, realistic furniture lines are added to a
share of each outlet's pages (a footer of the outlet's own, a subscription prompt, a site tag: the
"injected" lines); recall is over those.
"""

from __future__ import annotations

import argparse
import json
import random
import sys
import zipfile
from collections import Counter, defaultdict

from eval.common import SHARED
from marsad.clean.furniture import learned, page_prints
from marsad.settings import DEFAULT

INJECTED = ("جميع المواد المنشورة تعبر عن رأي كتابها ولا تعبر بالضرورة عن رأي {o}",
            "تصميم وتطوير {o} للحلول الرقمية",
            "اشترك في النشرة البريدية لـ{o} لتصلك آخر الأخبار",
            "{o} - متابعات")
INJECT_SHARE = 0.6  # of an outlet's pages carry each of its injected lines


def pages(days: int) -> list[tuple[str, str]]:
    out = []
    for z in sorted((SHARED / "data" / "saudinewsnet").glob("*.zip"))[:days]:
        with zipfile.ZipFile(z) as f:
            for a in json.loads(f.read(f.namelist()[0])):
                if (a.get("content") or "").strip():
                    out.append((a["source"], f"{a.get('title') or ''}\n{a['content']}"))
    return out


def evaluate(days: int = 21, show: int = 40, quiet: bool = False) -> dict[str, float]:
    rng = random.Random(11)
    counts: dict[str, Counter[str]] = defaultdict(Counter)
    lines: dict[str, str] = {}
    totals: Counter[str] = Counter()
    injected: set[tuple[str, str]] = set()
    for outlet, raw in pages(days):
        extra = [line.format(o=outlet) for line in INJECTED if rng.random() < INJECT_SHARE]
        prints = page_prints(raw + "\n" + "\n".join(extra), DEFAULT)
        for p, line in prints.items():
            counts[outlet][p] += 1
            lines[p] = line
            if line in extra:
                injected.add((outlet, p))
        totals[outlet] += 1
    outlets_of: dict[str, int] = Counter(p for c in counts.values() for p in c)
    rows = [(o, p, n, totals[o], outlets_of[p] - 1) for o, c in counts.items() for p, n in c.items()]
    found = set(learned(rows, DEFAULT))
    right = found & injected
    wrong = sorted(found - injected, key=lambda x: (x[0], lines[x[1]]))
    precision_injected = len(right) / max(len(found), 1)
    recall = len(right) / max(len(injected), 1)
    if not quiet:
        print(f"{sum(totals.values())} pages of {len(totals)} outlets; {len(found)} lines learned as furniture; "
              f"injected furniture found {len(right)}/{len(injected)} (recall {recall:.3f})")
        print(f"learned beyond the injected lines: {len(wrong)} (each below, to judge by reading):")
        for outlet, p in wrong[:show]:
            print(f"  {outlet}\t{counts[outlet][p]}/{totals[outlet]}\t{lines[p]}")
    return {"furniture.injected_recall": recall, "furniture.learned_beyond_injected": float(len(wrong)),
            "furniture.share_injected": precision_injected}


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--days", type=int, default=21)
    ap.add_argument("--show", type=int, default=40)
    args = ap.parse_args(argv)
    evaluate(args.days, args.show)
    return 0


if __name__ == "__main__":
    sys.exit(main())
