"""Paragraphs pasted twice, teasers repeated in the body, pull quotes: kept once."""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Callable, Sequence
from functools import cache
from itertools import combinations

from marsad.arabic import fold_key
from marsad.clean.rules import key as key_of
from marsad.settings import DEFAULT, Settings


def _pairs(key: str) -> frozenset[tuple[str, str]]:
    """A paragraph's word pairs (each word with the next): a copy keeps them in its order, edited or cut
    short; another paragraph that only uses the same words does not."""
    words = key.split()
    return frozenset(zip(words, words[1:], strict=False))


def _near(a: frozenset[tuple[str, str]], b: frozenset[tuple[str, str]], settings: Settings) -> bool:
    small = min(len(a), len(b))
    return small >= settings.near_min_pairs and len(a & b) / small >= settings.repeat_containment


def _starts(paragraphs: Sequence[str], words: int, chars: int) -> list[tuple[str, ...]]:
    """Each paragraph's first ``words`` folded words, keyed from its first ``chars`` characters (all
    paragraphs in one call)."""
    heads = fold_key("\n".join([p[:chars].replace("\n", " ") for p in paragraphs])).split("\n")
    starts = [head.split(None, words) for head in heads]
    for i, first in enumerate(starts):
        if len(first) <= words and len(paragraphs[i]) > chars:  # the head may end inside a word
            starts[i] = fold_key(paragraphs[i]).split(None, words)
    return [tuple(first[:words]) for first in starts]


@cache
def _middle(words: int) -> re.Pattern[str]:
    return re.compile(rf"\S+(?:\s+\S+){{{words - 1}}}(?=\s)")


def _probe(paragraph: str, words: int) -> str | None:
    """``words`` words from the middle of a paragraph, as published (followed by more): a pull quote taken
    from another paragraph keeps them."""
    m = _middle(words).match(paragraph, paragraph.rfind(" ", 0, len(paragraph) // 2) + 1)
    return m.group() if m else None


def _candidates(paragraphs: Sequence[str], settings: Settings) -> dict[int, list[int]]:
    """For each paragraph, the others (in reading order) it may be a copy of: those that begin with the same
    words (a paragraph pasted twice, a teaser cut from a lead) and those its middle words occur in (a pull
    quote, a copy edited at its start). A page with no copies has none; only the paragraphs'
    first words are folded to find that. On a page of more than ``near_max_compare`` paragraphs only the
    first words are compared."""
    pairs: set[tuple[int, int]] = set()
    by_start: dict[tuple[str, ...], list[int]] = {}
    for i, start in enumerate(_starts(paragraphs, settings.start_words, settings.start_chars)):
        by_start.setdefault(start, []).append(i)
    for same in by_start.values():
        pairs.update(combinations(same, 2))
    if len(paragraphs) <= settings.near_max_compare:
        pairs.update(_probed(paragraphs, settings.probe_words))
    partners: dict[int, list[int]] = {}
    for i, j in sorted(pairs):
        partners.setdefault(i, []).append(j)
        partners.setdefault(j, []).append(i)  # pairs come sorted, so each list is in reading order
    return partners


def _probed(paragraphs: Sequence[str], words: int) -> set[tuple[int, int]]:
    """Pairs of paragraphs where the middle words of one occur, as published and as whole words (at word
    boundaries), in another."""
    pairs: set[tuple[int, int]] = set()
    text = "\n".join(paragraphs)
    starts = []
    at = 0
    for p in paragraphs:
        starts.append(at)
        at += len(p) + 1
    for i, p in enumerate(paragraphs):
        probe = _probe(p, words)
        if probe is None:
            continue
        found = text.find(probe)
        while found >= 0:
            j = bisect_right(starts, found) - 1
            end = found + len(probe)
            if j != i and (found == starts[j] or text[found - 1].isspace()) and (
                    end == len(text) or text[end].isspace()):
                pairs.add((min(i, j), max(i, j)))
            found = text.find(probe, found + 1)
    return pairs


def find_repeats(paragraphs: Sequence[str], settings: Settings = DEFAULT) -> dict[int, str]:
    """Indexes of paragraphs to drop, each with its reason. ``paragraphs`` are their texts as published;
    they are keyed (:func:`marsad.clean.rules.key`) only where they may be copies.

    1. A leading run of paragraphs that all reappear later (a teaser or summary block pasted above the
       body, or a whole body pasted twice) is dropped as ``teaser``: the later copy stays in reading order.
    2. Then a paragraph equal to an earlier one is dropped as ``repeated``; of two paragraphs sharing
       ``repeat_containment`` of their word pairs, the shorter is dropped (``repeated``: a pull quote or a teaser
       line). Only the candidates of :func:`_candidates` are compared.
    3. A line too short for word pairs to tell (under ``near_min_pairs``) goes only as part of a copied
       block (:func:`_in_copied_blocks`).
    """
    partners = _candidates(paragraphs, settings) if len(paragraphs) > 1 else {}
    return decide(paragraphs, partners, settings) if partners else {}


def decide(paragraphs: Sequence[str], partners: dict[int, list[int]], settings: Settings) -> dict[int, str]:
    """:func:`find_repeats` once the candidates are known: ``partners`` maps each paragraph that may be a
    copy to the others it may be a copy of, in reading order."""
    n = len(paragraphs)
    known: list[str | None] = [None] * n

    def key(i: int) -> str:
        if known[i] is None:
            known[i] = key_of(paragraphs[i])
        return known[i]  # type: ignore[return-value]

    shingles: dict[int, frozenset[tuple[str, str]]] = {}

    def pairs(i: int) -> frozenset[tuple[str, str]]:
        if i not in shingles:
            shingles[i] = _pairs(key(i))
        return shingles[i]

    def near(i: int, j: int) -> bool:
        return _near(pairs(i), pairs(j), settings)

    def has_later_copy(i: int) -> bool:
        return any(j > i and (key(j) == key(i) or near(i, j) and len(pairs(j)) >= len(pairs(i)) * 0.8)
                   for j in partners.get(i, ()))

    drop: dict[int, str] = {}
    run = 0
    while run < n - 1 and run in partners and key(run) and has_later_copy(run):
        drop[run] = "teaser"
        run += 1
    kept: set[int] = set()
    for i in sorted(partners):
        if i < run or not key(i):
            continue
        if any(j in kept and key(j) == key(i) for j in partners[i]):
            drop[i] = "repeated"
            continue
        twin = next((j for j in partners[i] if j in kept and near(i, j)), None)
        if twin is not None:
            if len(pairs(i)) <= len(pairs(twin)):
                drop[i] = "repeated"
                continue
            drop[twin] = "repeated"
            kept.discard(twin)
        kept.add(i)
    return _in_copied_blocks(drop, n, lambda i: len(pairs(i)) >= settings.near_min_pairs)


def _in_copied_blocks(drop: dict[int, str], n: int, long: Callable[[int], bool]) -> dict[int, str]:
    """The drops that lie in a run of dropped paragraphs holding at least one ``long`` one: a short line
    repeated on its own (a heading over each recipe, the same list item, a reader's signature) is the page's
    structure, not a copy; inside a block pasted twice it goes with the block."""
    kept: dict[int, str] = {}
    i = 0
    while i < n:
        j = i
        while j < n and j in drop:
            j += 1
        if j > i and any(long(k) for k in range(i, j)):
            kept.update((k, drop[k]) for k in range(i, j))
        i = j + 1
    return kept
