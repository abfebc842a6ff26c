"""One home for tunable limits and thresholds (trafilatura's settings.cfg habit)."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class Settings:
    # a single-document file (.txt, .html, one JSON article) larger than this is refused
    max_file_bytes: int = 20_000_000
    # a streamed container (.jsonl, feed, WARC) larger than this is refused
    max_stream_bytes: int = 20_000_000_000
    # one article's raw text larger than this (in characters) is refused
    max_article_chars: int = 2_000_000
    # paragraphs sharing at least this share of their words count as copies of each other
    repeat_containment: float = 0.85
    # a paragraph of at least this many words starts the body (ends the header zone)
    body_min_words: int = 8
    # a title has between these many words
    title_min_words: int = 3
    title_max_words: int = 30
    # a "read also" block holds lines of at most this many words
    related_max_words: int = 18


DEFAULT = Settings()

# per-word caches (features, clitic readings, lexicon lookups) hold at most this many words each: the
# frequent words of a language fit, and memory stays bounded however large the corpus
WORD_CACHE_SIZE = 150_000

# the cleaner judges each distinct short line once while it is among this many most recently seen (site
# furniture recurs on every page of an outlet; a line's facts hold about 1 KB)
LINE_CACHE_SIZE = 4_096
