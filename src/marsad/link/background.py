"""The words' rarity in news at large: in how many of anc19's articles (newspapers of 19 countries, 2011-2013)
each content word and name of the stories step's signatures is. A store of few articles, most of them on one
or two stories, takes those stories' own words for common ones, and their sub-threads fall apart; counted with
these as if they were ``Weights.background`` articles more, the words keep their weight. On a store of thousands
the background weighs little. The table, its data and what it changes: data/BACKGROUND.md; rebuilt by
``python -m marsad.link.build_background``.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Mapping
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from marsad.link.features import article_features
from marsad.model import Article

FILE = Path(__file__).parent / "data" / "background.txt"


@dataclass(frozen=True)
class Background:
    df: Mapping[str, int]  # word or name -> the articles it is in
    n: int  # articles counted


@cache
def background() -> Background:
    """The shipped table: a first line ``# articles N``, then ``word<TAB>count`` lines."""
    with FILE.open(encoding="utf-8") as f:
        n = int(f.readline().split()[-1])
        df = {word: int(count) for word, count in (line.rstrip("\n").split("\t") for line in f)}
    return Background(df, n)


def counts(articles: list[Article]) -> Background:
    """In how many of the articles each word and name of their signatures is, counted as the stories step
    counts them."""
    df: Counter[str] = Counter()
    for article in articles:
        sig = article_features(article, 0.0)
        df.update((*sig["terms"], *sig["names"]))  # type: ignore[misc]
    return Background(df, len(articles))
