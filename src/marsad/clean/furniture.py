"""Site furniture learned from an outlet's own pages: a short line that recurs on many of one outlet's pages
(a footer, "designed and developed by", a site tag, a subscription prompt) is furniture there, removed with
reason ``site_furniture``, even when no phrase list knows it.

The learning is a step across articles, in three phases: map (each page's short lines, as fingerprints of
their folded keys: :func:`page_prints`), reduce (per outlet, in how many of its articles each fingerprint
occurs, kept in the store and updated as articles arrive), apply (a fingerprint that crosses the bar is
furniture of that outlet: the articles already stored that hold it are cleaned again, and the cleaner drops
it from every page of the outlet after). A line that recurs because articles copy each other (wire text)
is not furniture: it recurs across outlets, so a fingerprint found on pages of other outlets is never
learned; nor is a sentence (a line of many words closed by a full stop).
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field

from marsad.arabic import fold_key
from marsad.clean.rules import ends_with_period, merge_spaces
from marsad.settings import DEFAULT, Settings

PRINT_CHARS = 16


def fingerprint(line_key: str) -> str:
    """A line's fingerprint: a short hash of its key (folded letters and digits, one space between words)."""
    return hashlib.blake2b(line_key.encode("utf-8"), digest_size=PRINT_CHARS // 2).hexdigest()


def candidate(text: str, line_key: str, settings: Settings = DEFAULT) -> bool:
    """Whether a line may be furniture at all: a few words at most, and no sentence."""
    n = line_key.count(" ") + 1 if line_key else 0
    return 0 < n <= settings.site_furniture_max_words and not (
        n >= settings.site_furniture_sentence_words and ends_with_period(text))


def page_prints(raw: str, settings: Settings = DEFAULT) -> dict[str, str]:
    """The fingerprints of a raw page's lines that may be furniture, each with the line (the map phase)."""
    lines = [t for t in map(str.strip, raw.split("\n")) if t]
    keys = merge_spaces(fold_key("\n".join(lines))).split("\n") if lines else []
    return {fingerprint(k.strip()): text for text, k in zip(lines, keys, strict=True)
            if candidate(text, k.strip(), settings)}


@dataclass
class SiteFurniture:
    """The furniture learned so far: per outlet, the fingerprints of its furniture lines (the apply phase
    reads it; the store keeps it)."""

    by_outlet: Mapping[str, frozenset[str]] = field(default_factory=dict)

    def holds(self, outlet: str | None, line_key: str) -> bool:
        prints = self.by_outlet.get(outlet) if outlet else None
        return bool(prints) and fingerprint(line_key) in prints  # type: ignore[operator]

    def __bool__(self) -> bool:
        return bool(self.by_outlet)


def learned(counts: Iterable[tuple[str, str, int, int, int]], settings: Settings = DEFAULT
            ) -> list[tuple[str, str]]:
    """The reduce phase's verdict: of (outlet, fingerprint, articles of the outlet holding it, articles of the
    outlet, other outlets holding it), the (outlet, fingerprint) pairs that are furniture."""
    return [(outlet, p) for outlet, p, n, total, others in counts
            if n >= settings.site_furniture_min_articles and n >= settings.site_furniture_share * total
            and others == 0]

