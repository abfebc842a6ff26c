"""Benchmark corpora built from SaudiNewsNet (../shared/data/saudinewsnet), never copied into the repo.

Each article is rendered as page text the way a scraper sees it: a title line, a date stamp, a category
and a view counter above the body; a read-also block and a comment form below it. The furniture comes
from generic templates, so the cleaner has real work on every article.
"""

from __future__ import annotations

import json
import random
import zipfile
from collections.abc import Iterable, Iterator
from pathlib import Path

from eval.common import SHARED

SAUDI = SHARED / "data" / "saudinewsnet"
CATEGORIES = ["محليات", "سياسة", "اقتصاد", "رياضة", "عربي ودولي"]


def saudi_articles(days: Iterable[str] | None = None) -> Iterator[dict]:
    """The articles of these days (all 31,030 when None), streamed one zip (one day) at a time."""
    for z in sorted(SAUDI.glob("*.zip")) if days is None else [SAUDI / f"{day}.zip" for day in days]:
        with zipfile.ZipFile(z) as f:
            yield from json.loads(f.read(f.namelist()[0]))


def write_pages(path: Path, days: Iterable[str] | None = None) -> Path:
    """The articles of these days (all when None) that have content, as JSON Lines the way marsad run reads a
    crawl: page text (the title line, then the content), outlet, URL and crawl day as the date given. Written
    once: a file already there is kept."""
    if not path.exists():
        path.parent.mkdir(parents=True, exist_ok=True)
        with path.open("w", encoding="utf-8") as out:
            for a in saudi_articles(days):
                if (a.get("content") or "").strip():
                    out.write(json.dumps({"text": f"{a.get('title') or ''}\n{a['content']}", "url": a["url"],
                                          "outlet": a["source"], "published": a["date_extracted"][:10]},
                                         ensure_ascii=False) + "\n")
    return path


def page_text(art: dict, other_title: str, rng: random.Random) -> str:
    day, month, hour = rng.randint(1, 28), rng.randint(1, 12), rng.randint(0, 23)
    lines = [art.get("title") or "", f"- {day:02d}-{month:02d}-2015, {hour:02d}:{rng.randint(0, 59):02d}",
             f"- {rng.choice(CATEGORIES)}", f"- {rng.randint(10, 99999)}", "",
             art["content"].strip(), "", "اقرأ أيضا:", other_title, "", "اترك تعليقاً",
             "لن يتم نشر عنوان بريدك الإلكتروني. الحقول الإلزامية مشار إليها بـ *", "زر الذهاب إلى الأعلى"]
    return "\n".join(lines)


def write_jsonl(path: Path, n: int, seed: int = 7) -> int:
    """The first ``n`` articles with non-empty content, as JSON Lines page text. Returns the count written."""
    rng = random.Random(seed)
    written = 0
    previous = "عنوان"
    with path.open("w", encoding="utf-8") as out:
        for art in saudi_articles():
            if written >= n:
                break
            if not (art.get("content") or "").strip():
                continue
            out.write(json.dumps({"text": page_text(art, previous, rng), "url": art["url"], "outlet": art["source"]},
                                 ensure_ascii=False) + "\n")
            previous = art.get("title") or previous
            written += 1
    return written
