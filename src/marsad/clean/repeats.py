"""Paragraphs pasted twice, teasers repeated in the body, pull quotes: kept once."""

from __future__ import annotations

from collections.abc import Sequence

MIN_NEAR_WORDS = 6
MAX_NEAR_COMPARE = 400  # beyond this many paragraphs only exact repeats are looked for


def _near(a: frozenset[str], b: frozenset[str], containment: float) -> bool:
    small = min(len(a), len(b))
    return small >= MIN_NEAR_WORDS and len(a & b) / small >= containment


def find_repeats(keys: Sequence[str], containment: float) -> dict[int, str]:
    """Indexes of paragraphs to drop, each with its reason. ``keys`` are the paragraphs' folded
    word forms (:func:`marsad.clean.rules.key`).

    1. A leading run of paragraphs that all reappear later (a teaser or summary block pasted above the
       body, or a whole body pasted twice) is dropped as ``teaser``: the later copy stays in reading order.
    2. Then a paragraph equal to an earlier one is dropped as ``repeated``; of two paragraphs sharing
       ``containment`` of their words, the shorter is dropped (``repeated``: a pull quote or a teaser line).
    """
    bags = [frozenset(k.split()) for k in keys]
    n = len(keys)
    compare_near = n <= MAX_NEAR_COMPARE
    last_seen = {k: i for i, k in enumerate(keys)}

    def has_later_copy(i: int) -> bool:
        if last_seen[keys[i]] > i:
            return True
        return compare_near and any(
            _near(bags[i], bags[j], containment) and len(bags[j]) >= len(bags[i]) * 0.8 for j in range(i + 1, n))

    drop: dict[int, str] = {}
    run = 0
    while run < n - 1 and keys[run] and has_later_copy(run):
        drop[run] = "teaser"
        run += 1
    kept: list[int] = []
    kept_keys: set[str] = set()
    for i in range(run, n):
        if not keys[i]:
            continue
        if keys[i] in kept_keys:
            drop[i] = "repeated"
            continue
        if compare_near:
            twin = next((j for j in kept if _near(bags[i], bags[j], containment)), None)
            if twin is not None:
                if len(bags[i]) <= len(bags[twin]):
                    drop[i] = "repeated"
                    continue
                drop[twin] = "repeated"
                kept.remove(twin)
                kept_keys.discard(keys[twin])
        kept.append(i)
        kept_keys.add(keys[i])
    return drop
