"""Latin-script names against Arabic ones (a post's author ``Adel al-Jubeir`` and ``عادل الجبير``): a
table of how English letter groups are written in Arabic, learned from ANETAC's English-Arabic name pairs by
aligning each pair letter group to letter group (many-to-many alignment, Jiampojamarn et al. 2007:
expectation-maximisation over every segmentation), shipped as ``data/translit.txt`` with its card
``data/TRANSLIT.md``.

- :func:`similarity`: how well a Latin word and an Arabic word spell one name: their best alignment, each pair of
  groups scored by its mutual information (so a letter rare in the pairs, ص for s, counts as much as a common
  one), per letter; :data:`MATCH` is where a pair counts as one name, chosen on held-out ANETAC pairs.
- :func:`arabic_guess`: the Arabic spelling the table finds likeliest, to look a Latin name up among Arabic
  ones before :func:`similarity` checks it.

Rebuild the table and print its figures with ``python -m marsad.link.translit --shared ../shared``.
"""

from __future__ import annotations

import argparse
import math
import random
import re
import sys
from collections import defaultdict
from collections.abc import Iterator
from functools import cache, lru_cache
from importlib.resources import files
from pathlib import Path

from marsad.arabic import fold
from marsad.langdata import load

SHIPPED = Path(__file__).resolve().parent / "data" / "translit.txt"
MAX_EN = 3  # the most English letters one group has (sch, tch)
MAX_AR = 2  # the most Arabic letters one group has
FLOOR = -12.0  # the log probability of a pair of groups the table never saw (while learning)
UNSEEN = -8.0  # the mutual information of a pair of groups the table never saw (when comparing)
MIN_COUNT = 2.0  # groups seen less often than this (expected counts) are left out of the shipped table
ITERATIONS = 6
MATCH = 1.0  # similarity at or above which two spellings are taken for one name (data/TRANSLIT.md)
MATCH_NEAR = 0.5  # the same, for both words of a name against a name of the same article (few to choose from)
_ARABIC_LETTERS = re.compile(r"[\u0621-\u064a]+")
_LATIN = re.compile(r"[a-z]+")


def latin_key(word: str) -> str:
    """A Latin word as the table reads it: lower case letters only."""
    return "".join(_LATIN.findall(word.lower()))


def arabic_key(word: str) -> str:
    """An Arabic word as the table reads it: folded, Arabic letters only."""
    return "".join(_ARABIC_LETTERS.findall(fold(word)))


# -- learning ---------------------------------------------------------------------------------------------


def _pairs(shared: Path) -> list[tuple[str, str]]:
    out = []
    for line in (shared / "data" / "anetac" / "en_ar_named_entities.txt").read_text("utf-8").splitlines():
        parts = line.split()
        if len(parts) != 3:
            continue
        en, ar = latin_key(parts[1]), arabic_key(parts[2])
        if 2 <= len(en) <= 20 and 2 <= len(ar) <= 20:
            out.append((en, ar))
    return sorted(set(out))


def _steps(en: str, ar: str, i: int, j: int) -> Iterator[tuple[int, int]]:
    """The groups that may be aligned from position (i, j): (English group, Arabic group)."""
    for a in range(0, MAX_EN + 1):
        if i + a > len(en):
            break
        for b in range(0, MAX_AR + 1):
            if (a == 0 and b == 0) or j + b > len(ar) or (a == 0 and b > 1) or (b == 0 and a > 1):
                continue  # nothing aligned to a group of several letters
            yield a, b


def _expected_counts(pairs: list[tuple[str, str]], prob: dict[tuple[str, str], float]) -> dict[tuple[str, str], float]:
    """Forward-backward over every segmentation of each pair: the expected count of each pair of groups."""
    counts: dict[tuple[str, str], float] = defaultdict(float)
    floor = math.exp(FLOOR)
    for en, ar in pairs:
        n, m = len(en), len(ar)
        fwd = [[0.0] * (m + 1) for _ in range(n + 1)]
        fwd[0][0] = 1.0
        for i in range(n + 1):
            for j in range(m + 1):
                f = fwd[i][j]
                if not f:
                    continue
                for a, b in _steps(en, ar, i, j):
                    fwd[i + a][j + b] += f * prob.get((en[i:i + a], ar[j:j + b]), floor)
        total = fwd[n][m]
        if not total:
            continue
        bwd = [[0.0] * (m + 1) for _ in range(n + 1)]
        bwd[n][m] = 1.0
        for i in range(n, -1, -1):
            for j in range(m, -1, -1):
                if i == n and j == m:
                    continue
                s = 0.0
                for a, b in _steps(en, ar, i, j):
                    s += prob.get((en[i:i + a], ar[j:j + b]), floor) * bwd[i + a][j + b]
                bwd[i][j] = s
        for i in range(n + 1):
            for j in range(m + 1):
                f = fwd[i][j]
                if not f:
                    continue
                for a, b in _steps(en, ar, i, j):
                    key = (en[i:i + a], ar[j:j + b])
                    p = prob.get(key, floor)
                    c = f * p * bwd[i + a][j + b] / total
                    if c > 1e-6:
                        counts[key] += c
    return counts


def learn(pairs: list[tuple[str, str]], iterations: int = ITERATIONS) -> dict[tuple[str, str], float]:
    """The joint probability of each pair of groups, by expectation-maximisation from a uniform start."""
    prob: dict[tuple[str, str], float] = {}
    for it in range(iterations):
        counts = _expected_counts(pairs, prob) if it else _uniform_counts(pairs)
        total = sum(counts.values())
        prob = {k: c / total for k, c in counts.items() if c >= (MIN_COUNT if it == iterations - 1 else 1e-3)}
    return prob


def _uniform_counts(pairs: list[tuple[str, str]]) -> dict[tuple[str, str], float]:
    counts: dict[tuple[str, str], float] = defaultdict(float)
    for en, ar in pairs:
        for i in range(len(en) + 1):
            for j in range(len(ar) + 1):
                for a, b in _steps(en, ar, i, j):
                    counts[en[i:i + a], ar[j:j + b]] += 1.0
    return counts


def write(prob: dict[tuple[str, str], float], out: Path = SHIPPED) -> None:
    rows = sorted(prob.items(), key=lambda kv: (kv[0][0], -kv[1]))
    out.write_text("".join(f"{en}\t{ar}\t{math.log(p):.4f}\n" for (en, ar), p in rows), "utf-8")


# -- using the table ----------------------------------------------------------------------------------------


@cache
def table() -> dict[tuple[str, str], float]:
    """(English group, Arabic group) -> log joint probability: as learned and shipped, with the romanisation of
    Arabic letters (``data/entities.json``) as likely as the likeliest Arabic group of their Latin letters."""
    out: dict[tuple[str, str], float] = {}
    for line in files("marsad.link").joinpath("data/translit.txt").read_text("utf-8").splitlines():
        en, ar, value = line.split("\t")
        out[en, ar] = float(value)
    best: dict[str, float] = {}
    for (en, _), logp in out.items():
        best[en] = max(best.get(en, FLOOR), logp)
    for en, ar in load("link", "entities")["romanisation"]:
        key = (en, arabic_key(ar))
        out[key] = max(out.get(key, FLOOR), best.get(en, FLOOR))
    return out


@cache
def _pmi() -> dict[tuple[str, str], float]:
    """Each pair of groups' log joint probability against the two groups' own (pointwise mutual information):
    a letter rare in names (ص) weighs as much as a common one when the two spell each other."""
    en_total: dict[str, float] = defaultdict(float)
    ar_total: dict[str, float] = defaultdict(float)
    for (en, ar), logp in table().items():
        en_total[en] += math.exp(logp)
        ar_total[ar] += math.exp(logp)
    return {(en, ar): logp - (math.log(en_total[en]) if en else 0.0) - (math.log(ar_total[ar]) if ar else 0.0)
            for (en, ar), logp in table().items()}


@cache
def _by_english() -> dict[str, list[tuple[str, float]]]:
    """English group -> its Arabic groups with log P(Arabic | English), likeliest first."""
    groups: dict[str, list[tuple[str, float]]] = defaultdict(list)
    for (en, ar), logp in table().items():
        groups[en].append((ar, logp))
    out = {}
    for en, options in groups.items():
        total = math.log(sum(math.exp(lp) for _, lp in options))
        out[en] = sorted(((ar, lp - total) for ar, lp in options), key=lambda x: -x[1])
    return out


@lru_cache(maxsize=65_536)
def alignment_score(en: str, ar: str) -> float:
    """The best alignment of the two keys, scored by the mutual information of its pairs of groups, per letter
    of the longer word (higher is closer; a pair the table never saw costs :data:`UNSEEN`)."""
    if not en or not ar:
        return UNSEEN
    pmi = _pmi()
    n, m = len(en), len(ar)
    best = [[-math.inf] * (m + 1) for _ in range(n + 1)]
    best[0][0] = 0.0
    for i in range(n + 1):
        for j in range(m + 1):
            s = best[i][j]
            if s == -math.inf:
                continue
            for a, b in _steps(en, ar, i, j):
                v = s + pmi.get((en[i:i + a], ar[j:j + b]), UNSEEN)
                if v > best[i + a][j + b]:
                    best[i + a][j + b] = v
    return best[n][m] / max(n, m)


def similarity(latin: str, arabic: str) -> float:
    """How well a Latin word and an Arabic word spell one name: :func:`alignment_score` of their keys, the
    article on either side set aside (Al-Jubeir, الجبير)."""
    en, ar = latin_key(latin), arabic_key(arabic)
    en_bare = _without_article(en)
    ar_bare = ar[2:] if ar.startswith("ال") and len(ar) > 3 else ar
    return max(alignment_score(en, ar), alignment_score(en_bare, ar_bare))


def _without_article(en: str) -> str:
    for article in _latin_articles():
        if en.startswith(article) and len(en) > len(article) + 2:
            return en[len(article):]
    return en


@cache
def _latin_articles() -> tuple[str, ...]:
    return tuple(sorted({latin_key(a) for a in load("link", "entities")["latin_articles"]}, key=len, reverse=True))


@lru_cache(maxsize=65_536)
def arabic_guess(latin: str) -> str:
    """The likeliest Arabic spelling of a Latin word, group by group (the article al-/el- as ال)."""
    en = latin_key(latin)
    bare = _without_article(en)
    article = "ال" if bare != en else ""
    options = _by_english()
    n = len(bare)
    best: list[tuple[float, str]] = [(-math.inf, "")] * (n + 1)
    best[0] = (0.0, "")
    for i in range(n):
        score, text = best[i]
        if score == -math.inf:
            continue
        for a in range(1, MAX_EN + 1):
            group = options.get(bare[i:i + a])
            if i + a > n or not group:
                continue
            ar, lp = group[0]
            if score + lp > best[i + a][0]:
                best[i + a] = (score + lp, text + ar)
    return article + best[n][1]


# -- the build and its figures ------------------------------------------------------------------------------


def evaluate(pairs: list[tuple[str, str]], seed: int = 0) -> dict[str, float]:
    """On held-out pairs: the share of true pairs at or above :data:`MATCH`, and of false pairs (each English
    name beside the Arabic name of another pair that begins with the same letter) at or above it."""
    rng = random.Random(seed)
    by_first: dict[str, list[str]] = defaultdict(list)
    for _, ar in pairs:
        by_first[ar[0]].append(ar)
    true = [alignment_score(en, ar) for en, ar in pairs]
    false = []
    for en, ar in pairs:
        other = rng.choice(by_first[ar[0]])
        if other != ar:
            false.append(alignment_score(en, other))
    return {"pairs": len(pairs), "true_match": sum(s >= MATCH for s in true) / len(true),
            "false_match": sum(s >= MATCH for s in false) / max(1, len(false))}


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--shared", type=Path, default=Path("../shared"))
    ap.add_argument("--train", type=int, default=60_000, help="pairs learned from (the rest: held out)")
    ap.add_argument("--held-out", type=int, default=3_000)
    args = ap.parse_args(argv)
    pairs = _pairs(args.shared)
    random.Random(1).shuffle(pairs)
    train, held = pairs[:args.train], pairs[args.train:args.train + args.held_out]
    write(learn(train))
    table.cache_clear()
    _pmi.cache_clear()
    _by_english.cache_clear()
    alignment_score.cache_clear()
    arabic_guess.cache_clear()
    figures = evaluate(held)
    print(f"{len(table())} group pairs -> {SHIPPED}; learned from {len(train)} of {len(pairs)} ANETAC pairs; "
          f"held out {figures['pairs']}: true pairs matched {figures['true_match']:.3f}, "
          f"false pairs matched {figures['false_match']:.3f} (at {MATCH})")
    return 0


if __name__ == "__main__":
    sys.exit(main())
