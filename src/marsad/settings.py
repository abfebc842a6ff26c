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
    # a line longer than this is warned of (W005): the cleaner reads a page line by line (the longest line of
    # 5,472 SaudiNewsNet articles is 20,110 characters)
    long_line_chars: int = 50_000
    # an HTML page whose elements nest deeper than this is flattened before parsing (parsers slow down badly
    # past a few thousand levels; real pages stay under a hundred)
    max_html_depth: int = 1_000
    # the cleaner's line rules: no furniture rule is for a line longer than this (the longest are 40-word
    # captions), and the most words each kind of line has (each rule checks its own first)
    furniture_max_chars: int = 320
    stamp_max_words: int = 15  # a date/time stamp, a counter
    label_max_words: int = 8  # a breadcrumb, a source line, a byline, a share bar
    phrase_max_words: int = 30  # a line matched by a boilerplate phrase it starts with or contains
    post_max_words: int = 30  # the attribution line of an embedded post
    caption_max_words: int = 40
    shape_max_chars: int = 120  # lines looked up by their shape (a site's stamps and counters are short)
    # site furniture learned per outlet: a line of at most this many words (and no sentence: a line of this
    # many words or more closed by a full stop) found on at least this many of an outlet's pages and this
    # share of them, and on no other outlet's
    site_furniture_max_words: int = 15
    site_furniture_sentence_words: int = 8
    site_furniture_min_articles: int = 8
    site_furniture_share: float = 0.02
    # copies inside a page: paragraphs sharing at least this share of their word pairs are copies
    repeat_containment: float = 0.85
    near_min_pairs: int = 6  # a near copy has at least this many word pairs (seven words)
    near_max_compare: int = 400  # beyond this many paragraphs only those that begin alike are compared
    start_words: int = 5  # paragraphs that begin with the same this many words are compared
    start_chars: int = 80  # the first words are read from this much of a paragraph
    probe_words: int = 5  # a paragraph whose middle this many words occur in another is compared with it
    # a paragraph of at least this many words starts the body (ends the header zone)
    body_min_words: int = 8
    # a title has between these many words
    title_min_words: int = 2
    title_max_words: int = 20
    # a "read also" block holds lines of at most this many words
    related_max_words: int = 18


DEFAULT = Settings()

# per-word caches (features, clitic readings, lexicon lookups) hold at most this many words each: the
# frequent words of a language fit, and memory stays bounded however large the corpus
WORD_CACHE_SIZE = 150_000

# the cleaner judges each distinct short line once, keeping up to this many lines' facts (then it starts
# afresh): site furniture and the read-also headlines recur on many pages of an outlet; a line's facts hold
# under 1 KB, so at most about 32 MB; 4,096 was emptied every few thousand pages of a large run
LINE_CACHE_SIZE = 32_768

# times: a page's own date (metadata, a stamp, a dateline) may come a day or two after the writing, so a past
# day word's weekday (أمس الأربعاء) may name a day up to this many days before the one that date gives
WEEKDAY_SLACK_DAYS = 2
# a Hijri date and the Gregorian date the text pairs it with (الموافق) may differ by this many days (sighting
# and the Umm al-Qura tables disagree by a day); the Gregorian one is the value
HIJRI_TWIN_MAX_DAYS = 2
# a year in this range with no mark is a Hijri one (1436 is 2015): in a date in digits (9-9-1433) or after a year
# word (عام 1436); a Gregorian year so old is marked (1453م) or written with its month's name in the news
HIJRI_YEARS = (1300, 1500)
# times: a weekday and date opening the first sentence of a report within this many characters of its start
# are the day of the news (أصدرت القيادة، الجمعة (10 كانون الأول، 2021) بيانا)
STATED_LEAD_CHARS = 100
# quotes: what was said opens (a colon, a quotation mark, أن/إن, a preposition or verbal noun of the content) within
# this many words after its cue; the speaker's description has at most SPEAKER_MAX_WORDS words
QUOTE_CUE_REACH = 24
SPEAKER_MAX_WORDS = 8
# a span in quotation marks of at most this many words that names something (وقالت "الأخبار" إن، صرح ''بيار دوم''
# بأن) rather than being what was said
QUOTED_NAME_WORDS = 5
# a line that opens with its speaker and a colon (وزير المالية: نعيش ...): at most this many words before the colon,
# at least HEADLINE_MIN_WORDS after it
HEADLINE_SPEAKER_WORDS = 8
HEADLINE_MIN_WORDS = 3
# an article with no title is headed by its text's first line, cut at a word to at most this many characters
# (a page of one long line must not become its own heading in every list, brief and timeline)
HEAD_CHARS = 160
