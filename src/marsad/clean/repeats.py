"""Paragraphs pasted twice, teasers repeated in the body, pull quotes: kept once."""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Sequence

MIN_NEAR_WORDS = 6
MAX_NEAR_COMPARE = 400  # beyond this many paragraphs only exact repeats are looked for
PROBE_WORDS = 3


def _near(a: frozenset[str], b: frozenset[str], containment: float) -> bool:
    small = min(len(a), len(b))
    return small >= MIN_NEAR_WORDS and len(a & b) / small >= containment


def _probe(key: str) -> str | None:
    """The ``PROBE_WORDS`` words in the middle of a paragraph: a copy of it, or a pull quote taken from
    it, keeps them unless it was edited right there."""
    start = end = key.rfind(" ", 0, len(key) // 2) + 1
    for _ in range(PROBE_WORDS):
        end = key.find(" ", end + 1)
        if end < 0:
            return None
    return key[start:end]


def _partners(keys: Sequence[str]) -> dict[int, list[int]]:
    """For each paragraph, the others (in order) that its probe occurs in or whose probe occurs in it: only
    these can be near copies, and only their word sets are built (building every paragraph's was most of
    the cleaner's time)."""
    text = "\n".join(keys)
    starts = []
    pos = 0
    for k in keys:
        starts.append(pos)
        pos += len(k) + 1
    pairs: set[tuple[int, int]] = set()
    for i, k in enumerate(keys):
        probe = _probe(k)
        if probe is None or text.count(probe) < 2:  # one is the paragraph's own
            continue
        at = text.find(probe)
        while at >= 0:
            j = bisect_right(starts, at) - 1
            if j != i:
                pairs.add((min(i, j), max(i, j)))
            at = text.find(probe, at + 1)
    partners: dict[int, list[int]] = {}
    for i, j in sorted(pairs):
        partners.setdefault(i, []).append(j)
        partners.setdefault(j, []).append(i)  # pairs come sorted, so each list is in reading order
    return partners


def find_repeats(keys: Sequence[str], containment: float) -> dict[int, str]:
    """Indexes of paragraphs to drop, each with its reason. ``keys`` are the paragraphs' folded words, one
    space between them (:func:`marsad.clean.rules.key`).

    1. A leading run of paragraphs that all reappear later (a teaser or summary block pasted above the
       body, or a whole body pasted twice) is dropped as ``teaser``: the later copy stays in reading order.
    2. Then a paragraph equal to an earlier one is dropped as ``repeated``; of two paragraphs sharing
       ``containment`` of their words, the shorter is dropped (``repeated``: a pull quote or a teaser line).
    """
    n = len(keys)
    partners = _partners(keys) if n <= MAX_NEAR_COMPARE else {}
    last_seen = {k: i for i, k in enumerate(keys)}
    if not partners and len(last_seen) == n:  # no paragraph twice, none sharing a probe with another
        return {}
    bags: dict[int, frozenset[str]] = {}

    def bag(i: int) -> frozenset[str]:
        if i not in bags:
            bags[i] = frozenset(keys[i].split())
        return bags[i]

    def near(i: int, j: int) -> bool:
        return _near(bag(i), bag(j), containment)

    def has_later_copy(i: int) -> bool:
        if last_seen[keys[i]] > i:
            return True
        return any(j > i and near(i, j) and len(bag(j)) >= len(bag(i)) * 0.8 for j in partners.get(i, ()))

    drop: dict[int, str] = {}
    run = 0
    while run < n - 1 and keys[run] and has_later_copy(run):
        drop[run] = "teaser"
        run += 1
    kept: set[int] = set()
    kept_keys: set[str] = set()
    for i in range(run, n):
        if not keys[i]:
            continue
        if keys[i] in kept_keys:
            drop[i] = "repeated"
            continue
        twin = next((j for j in partners.get(i, ()) if j in kept and near(i, j)), None)
        if twin is not None:
            if len(bag(i)) <= len(bag(twin)):
                drop[i] = "repeated"
                continue
            drop[twin] = "repeated"
            kept.discard(twin)
            kept_keys.discard(keys[twin])
        kept.add(i)
        kept_keys.add(keys[i])
    return drop
