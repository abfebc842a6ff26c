"""Line rules of the cleaner: each a small function over one line, its words in ``data/*.json``."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache, lru_cache

from marsad.analyse.names import family_names, given_names
from marsad.arabic import fold, fold_key
from marsad.arabic.alternation import word_alternation
from marsad.arabic.calendar import alternation, date_patterns, date_shaped, parse_absolute, ymd
from marsad.langdata import load
from marsad.settings import DEFAULT, LINE_CACHE_SIZE, Settings

_DIGIT = re.compile(r"\d")
_TIME = re.compile(r"(?<!\d)\d{1,2}:\d{2}(?::\d{2})?\s*(?:ص|م|am|pm)?(?![\w])", re.I)
_SENTENCE_END = re.compile(r"[.!؟?:…]['\"»”)]*\s*$")
_PARENTHESIS = re.compile(r"\([^()]{0,30}\)")  # "(مكة المكرمة)", "(GMT)": the zone a stamp is in


def data(name: str) -> dict:
    return load("clean", name)


_RUNS_OF_SPACES = re.compile("   *")


def merge_spaces(spaced: str) -> str:
    """A key with each run of spaces made one (:func:`fold_key` leaves them, line breaks kept)."""
    return _RUNS_OF_SPACES.sub(" ", spaced) if "  " in spaced else spaced


def key(text: str) -> str:
    """Folded letters and digits only, one space between words: the form lines and phrases are compared in."""
    return " ".join(fold_key(text).split())




class Line:
    """One line of a page, stripped, as the rules see it. Its key and word count are made at once; the
    folded text and whether it has a digit on first use."""

    __slots__ = ("text", "key", "n_words", "settings", "long", "_folded", "_has_digit")

    def __init__(self, text: str, line_key: str | None = None, settings: Settings = DEFAULT) -> None:
        self.text = text
        self.key = key(text) if line_key is None else line_key
        self.n_words = self.key.count(" ") + 1 if self.key else 0
        self.settings = settings
        self.long = len(text) > settings.furniture_max_chars  # too long to be site furniture: only body text is
        self._folded: str | None = None
        self._has_digit: bool | None = None

    @classmethod
    def of(cls, text: str, settings: Settings = DEFAULT) -> Line:
        return cls(text.strip(), settings=settings)

    @property
    def folded(self) -> str:
        if self._folded is None:
            self._folded = fold(self.text)
        return self._folded

    @property
    def has_digit(self) -> bool:
        if self._has_digit is None:
            self._has_digit = _DIGIT.search(self.text) is not None
        return self._has_digit


# What the date, counter, breadcrumb, source and attribution rules each need in a line (a digit, a
# separator, a colon, an @handle or a date): :class:`Facts` leaves a line with none of these to the others.
_MARKS = re.compile(r"[\d/»>›|:@]")


def ends_sentence(line: str) -> bool:
    return bool(_SENTENCE_END.search(line))


def ends_with_period(line: str) -> bool:
    """A full stop closes the line (a headline may end in ? ! or .. but a body paragraph ends in .)."""
    stripped = line.rstrip().rstrip("'\"»”)")
    return stripped.endswith(".") and not stripped.endswith("..")


@cache
def _phrases(group: str, how: str) -> tuple[str, ...]:
    return tuple(k for k in (key(p) for p in data("boilerplate")[group].get(how, ())) if k)


@cache
def _set(group: str) -> frozenset[str]:
    return frozenset(key(p) for p in data("boilerplate")[group])


BOILERPLATE_GROUPS = ("comment_form", "related", "back_to_top", "footer")


@cache
def _furniture() -> tuple[dict[str, str], dict[str, tuple[tuple[str, ...], tuple[tuple[str, str], ...]]],
                          tuple[tuple[str, str], ...]]:
    """The phrase lists compiled once: exact key -> group; first letter -> (the prefixes, (prefix, group)
    pairs); (phrase, group) pairs a line may contain. Groups keep their order: the first that lists a phrase
    names it."""
    exact: dict[str, str] = {}
    prefixes: dict[str, tuple[tuple[str, str], ...]] = {}
    contains: list[tuple[str, str]] = []
    for group in BOILERPLATE_GROUPS:
        for p in _phrases(group, "exact"):
            exact.setdefault(p, group)
        for p in _phrases(group, "prefix"):
            prefixes[p[0]] = (*prefixes.get(p[0], ()), (p, group))
        contains += [(p, group) for p in _phrases(group, "contains")]
    by_letter = {letter: (tuple(p for p, _ in pairs), pairs) for letter, pairs in prefixes.items()}
    return exact, by_letter, tuple(contains)


def boilerplate(line: Line) -> str | None:
    """The reason a line is site furniture, or None: a copyright line, then (short lines only) a whole
    phrase, a phrase it starts with, one it contains, a share bar."""
    if line.text.startswith("©"):
        return "footer"
    if line.long:
        return None
    k = line.key
    if not k:
        return "symbols" if line.text.strip() else None
    exact, prefixes, contains = _furniture()
    group = exact.get(k)
    if group is not None:
        return group
    n = line.n_words
    if n > line.settings.phrase_max_words:
        return None
    starts = prefixes.get(k[0])
    if starts is not None and k.startswith(starts[0]):
        return next(group for p, group in starts[1] if k.startswith(p))
    for p, group in contains:
        if p in k:
            return group
    if n <= line.settings.label_max_words and is_share_bar(k):
        return "share"
    return None


def is_related_heading(line: Line) -> bool:
    return _furniture()[0].get(line.key) == "related"


def is_share_bar(k: str) -> bool:
    if not k.startswith(_share_words()):  # the first word is where a share bar's first phrase starts
        return False
    rest = k
    for phrase in _share_words():
        rest = rest.replace(phrase, " ")
    return not rest.strip()


@cache
def _share_words() -> tuple[str, ...]:
    return tuple(sorted({key(p) for p in data("boilerplate")["share"]["words"]}, key=len, reverse=True))


@cache
def _counter_re() -> re.Pattern[str]:
    names = word_alternation(key(w) for w in data("boilerplate")["counter_words"])
    return re.compile(rf"^(?:(?:{names})\s*)?\d[\d,. ]*(?:\s*(?:{names}))?$")


def is_counter(line: Line) -> bool:
    """A view, comment or like counter (a bare number line, or a number with a counter word)."""
    return line.has_digit and line.n_words <= 4 and bool(_counter_re().match(line.key))


@cache
def _stamp_noise() -> re.Pattern[str]:
    markers = word_alternation(key(m) for m in data("boilerplate")["published_markers"])
    return re.compile(rf"\b(?:{markers}|{alternation('weekdays')}|{alternation('gregorian_months')}"
                      rf"|{alternation('hijri_months')}|\d+)\b")


_ZONE = re.compile(r"\bبتوقيت(?:\s+\S+){0,2}")  # بتوقيت مكه المكرمه، بتوقيت تونس العاصمه
STAMP_OTHER_WORDS = 2  # a stamp may also name its site or a zone: the most words of that kind it has


def stamp_date(line: Line) -> tuple[bool, tuple[str, int, int] | None]:
    """Is the line only a date/time stamp? And the full date it states, if any, as :func:`parse_absolute`
    gives it (its value and place in the folded line). Besides the date or time: weekdays, month names,
    publishing words (نشر في، الموافق، مساء) and a time zone; with a weekday, a time or such a word, up to
    two other words when it also has a weekday, a clock time or a zone (the site's name: السبت 21/07/2012
    الوسط التونسيه)."""
    if line.n_words > line.settings.stamp_max_words or not line.has_digit:
        return False, None
    folded = line.folded
    found = parse_absolute(folded, folded=True)
    rest = folded[:found[1]] + " " + folded[found[2]:] if found else folded
    without_time = _TIME.sub(" ", rest)
    if not found and without_time == rest:
        return False, None
    keyed = _ZONE.sub(" ", key(_PARENTHESIS.sub(" ", without_time)))
    left = _stamp_noise().sub(" ", keyed).split()
    if not left:
        return True, found
    cued = without_time != rest or "بتوقيت" in folded or _weekday().search(keyed) is not None
    return (len(left) <= STAMP_OTHER_WORDS and cued and not ends_with_period(line.text)), found


# an aggregator's line naming the paper and the day an article was first published in, the reporter's name or
# the paper's glued before it (maghress, djazairess: "عزيزة غلامنشر في الصحراء المغربية يوم 10 - 03 - 2012")
_PUBLISHED_IN = re.compile(
    r"نشر في\s+\S[^\d]{0,60}?\s+يوم\s+(?P<d>\d{1,2})\s*-\s*(?P<m>\d{1,2})\s*-\s*(?P<y>\d{4})\s*$")


def published_in(line: Line) -> tuple[bool, tuple[str, int, int] | None]:
    """Is the line an aggregator's "published in PAPER on DAY" line? And the day it states (day first), with its
    place in the folded line, as :func:`stamp_date` gives a stamp's."""
    m = _PUBLISHED_IN.search(line.folded)
    if m is None:
        return False, None
    day = ymd(m)
    return True, (day, m.start("d"), m.end("y")) if day else None


@cache
def _weekday() -> re.Pattern[str]:
    return re.compile(rf"\b(?:{alternation('weekdays')})\b")


_CRUMB = re.compile(r"\s*[/»>›|]\s*")
_CRUMB_MARK = re.compile(r"[/»>›|]")


def is_category(line: Line) -> bool:
    """A section name alone (a bullet before it is no letter, so the key has already dropped it)."""
    return line.key in _set("categories")


def is_breadcrumb(line: Line) -> bool:
    """"الرئيسية / أخبار / سياسة": section names joined by / » > › |, the site's home among them or not."""
    if line.n_words > line.settings.label_max_words or not _CRUMB_MARK.search(line.text):
        return False
    parts = [k for k in (key(p) for p in _CRUMB.split(line.text)) if k]
    return len(parts) >= 2 and all(p in _set("categories") for p in parts)


def is_source_line(line: Line) -> bool:
    """"المصدر: الجزيرة + وكالات": the source label with a colon, and a few words after it."""
    if ":" not in line.text or line.n_words > line.settings.label_max_words:
        return False
    head, _, _ = line.folded.partition(":")
    return key(head) in _set("source_labels")


@cache
def _byline_markers() -> tuple[frozenset[str], tuple[str, ...], tuple[str, ...]]:
    """Marker words that open a byline alone, marker phrases a byline holds, and marker words that need a
    colon, slash or dash after them."""
    markers = data("boilerplate")["byline_markers"]
    alone = [key(m) for m in markers["alone"]]
    return (frozenset(m for m in alone if " " not in m), tuple(f" {m} " for m in alone if " " in m),
            tuple(fold(m) for m in markers["with_colon"]))


def is_byline(line: Line) -> bool:
    """A byline: it holds a marker phrase (فريق التحرير), opens with a marker word that says so alone (بقلم) or
    with one followed by a colon, slash or dash (كتب: ، متابعة/)."""
    if line.n_words > line.settings.label_max_words:
        return False
    words, phrases, with_colon = _byline_markers()
    if line.key.partition(" ")[0] in words:  # a word first (بقلم فلان)
        return True
    spaced = f" {line.key} "
    if any(p in spaced for p in phrases):  # a phrase anywhere (قسم الأخبار ـ فريق التحرير)
        return True
    if ":" not in line.text and "/" not in line.text and "-" not in line.text:
        return False
    folded = line.folded.strip()
    return any(folded.startswith(m) and re.match(r"\s*[-:/ـ]", folded[len(m):]) for m in with_colon)


@cache
def _credit_re() -> re.Pattern[str]:
    credits = word_alternation((key(c) for c in data("boilerplate")["photo_credits"]), space=r"\s*")
    return re.compile(rf"\((?:{credits})(?:\s*/\s*[^)]{{0,30}})?\)\s*$")


@cache
def _caption_prefixes() -> tuple[str, ...]:
    return tuple(fold(p) for p in data("boilerplate")["caption_prefixes"])


@cache
def _caption_prefix_keys() -> tuple[str, ...]:
    """The prefixes' first words: a line whose key does not start with one of them is no marked caption."""
    return tuple({key(p).split()[0] for p in data("boilerplate")["caption_prefixes"]})


def is_caption(line: Line) -> bool:
    """A photo caption marked as such: it ends with a photo credit in brackets or starts with صورة:."""
    if line.n_words > line.settings.caption_max_words:
        return False
    if line.key.startswith(_caption_prefix_keys()) and line.folded.strip().startswith(_caption_prefixes()):
        return True
    if ")" not in line.text[-8:] or not line.folded.rstrip().endswith(")"):
        return False
    return bool(_credit_re().search(" ".join(re.sub(r"[^\w()/]+", " ", line.folded).split())))


@cache
def _start_phrases() -> tuple[str, ...]:
    """What a line's key starts with when a phrase rule may take it: a furniture phrase or a share word."""
    exact, prefixes, _ = _furniture()
    return (*exact, *(p for _, pairs in prefixes.values() for p, _ in pairs), *_share_words())


@cache
def _key_start_signs() -> tuple[re.Pattern[str], tuple[str, ...]]:
    return re.compile(word_alternation(_start_phrases(), space=" ")), tuple(p for p, _ in _furniture()[2])


def _key_signs(line_key: str) -> bool:
    """Whether a phrase rule could take a line with this key: it starts like a furniture phrase or a share
    bar, or holds a phrase furniture contains (one anchored match and a few substring tests, in C)."""
    starts, contained = _key_start_signs()
    return starts.match(line_key) is not None or any(p in line_key for p in contained)


@dataclass(frozen=True, slots=True)
class PostAttribution:
    platform: str
    author: str | None
    handle: str | None
    date: str | None


@cache
def _post_patterns() -> list[tuple[str, re.Pattern[str]]]:
    return [(p["platform"], re.compile(p["regex"])) for p in data("embedded_posts")["patterns"]]


def post_attribution(line: Line) -> PostAttribution | None:
    """The closing line of a pasted social post (``— Name (@handle) December 29, 2021``)."""
    if line.long or line.n_words > line.settings.post_max_words or not ("@" in line.text or line.has_digit):
        return None  # an attribution names the post's @handle or its date
    for platform, pattern in _post_patterns():
        m = pattern.match(line.text)
        if m:
            g = m.groupdict()
            date = parse_absolute(g.get("date") or "")
            if not (date or g.get("handle")):
                continue
            return PostAttribution(platform, (g.get("author") or "").strip() or None, g.get("handle"),
                                   date[0] if date else None)
    return None


def date_in(text: str) -> tuple[str, int, int] | None:
    """The first full date a line states, and where it is in the folded line."""
    return parse_absolute(fold(text), folded=True)


def header_facts(text: str, line_key: str, settings: Settings = DEFAULT) -> tuple[bool, bool, bool]:
    """(a byline, ends a sentence, a section name): the header zone's questions of a line."""
    line = Line(text, line_key, settings)
    return is_byline(line) or is_name_line(line), ends_sentence(text), is_category(line)


@cache
def _dependent_openers() -> frozenset[str]:
    return frozenset(key(w) for w in data("boilerplate")["dependent_openers"])


def leans_on_headline(text: str) -> bool:
    """A headline line that leans on another: a kicker or standfirst opening with a preposition, a particle
    or a verb whose subject the headline names (على هامش توقيع كتابه، في مؤتمرها، دعا إلى، عقب دعوة), or with
    a rule of dashes."""
    words = key(text).split()
    if not words:
        return False
    first = words[0]
    return first in _dependent_openers() or text.lstrip().startswith(("ـ", "-", "–", "—")) or (
        len(first) > 2 and first.startswith("ل") and first[1:] in _dependent_openers() | {"مساعده"})


_CLAUSE_WORDS = frozenset(fold(w) for w in ("أن", "أنه", "أنها", "إن", "الذي", "التي", "الذين", "حيث"))
SENTENCE_MIN_WORDS = 12


def reads_as_a_sentence(line_key: str, n_words: int) -> bool:
    """A long line with a clause in it (أن، الذي، التي، حيث) is a sentence, not a headline, even without its full
    stop (a paragraph broken over lines)."""
    return n_words >= SENTENCE_MIN_WORDS and not _CLAUSE_WORDS.isdisjoint(line_key.split())


_NAME_DECORATION = re.compile(r"^[\s|*•\-–ـ]*(?:[مد]\s*\.\s*)?|[\s|*•\-–ـ]*$")
_NAME_JOINERS = frozenset(fold(w) for w in ("عبد", "بن", "ابن", "بنت", "أبو", "أبي", "آل", "الله", "الدين"))
NAME_LINE_WORDS = (2, 5)


def is_name_line(line: Line) -> bool:
    """A reporter's name alone on a line (محمد البغدادي، | يوسف القعيد |، م.عماد شحادة صيام، عبدالله حرمة الله*):
    two to five words, the first a known given name, the others (all but one, of three or more) known names,
    words with the article that are no feminine nouns (الحباشي، الشيخ) or the words that join names (عبد، بن،
    الله), and nothing else but letters."""
    words = _NAME_DECORATION.sub("", line.text).split()
    if not NAME_LINE_WORDS[0] <= len(words) <= NAME_LINE_WORDS[1] or not all(w.isalpha() for w in words):
        return False
    folded = [fold(w) for w in words]
    given, family = given_names(foreign=False), family_names(foreign=False)
    if folded[0] not in given:
        return False
    named = sum(w in given or w in family or w in _NAME_JOINERS or w.startswith("ال") and not w.endswith("ه")
                for w in folded[1:])
    return named >= len(words) - 2 if len(words) > 2 else named == 1


class Facts:
    """What a short line is on its own, whatever page it is on: the furniture rule that takes it (a phrase,
    a date stamp, a counter, a breadcrumb, a source line), the attribution that closes a pasted post, a
    caption mark; and, asked in the header zone only, whether it is a byline, ends a sentence, is a
    dateline or a section name. The same text always has the same facts, so a page's cleaner can work them
    out once per distinct line (site furniture repeats on every page of its outlet). A line with none of
    the marks, phrases or brackets the rules look for is known as plain before any rule runs."""

    __slots__ = ("text", "key", "n_words", "settings", "furniture", "related_heading", "ends_with_period", "marks",
                 "date", "date_at", "date_pattern", "post", "caption", "_header")

    def __init__(self, text: str, line_key: str | None = None, settings: Settings = DEFAULT) -> None:
        line_key = key(text) if line_key is None else line_key
        self.text, self.key, self.settings = text, line_key, settings
        self.n_words = line_key.count(" ") + 1 if line_key else 0
        self.furniture: str | None = None
        self.related_heading = False
        self.ends_with_period = ends_with_period(text)
        self.marks: str | None = None  # the reason a mark rule gives: date_stamp, counter, category, footer
        self.date: str | None = None  # the date a stamp states
        self.date_at: tuple[int, int] | None = None  # and where it is in the folded line
        self.date_pattern: int | None = None  # which date pattern read it, when no other matches the line
        self.post: PostAttribution | None = None
        self.caption = False
        self._header: tuple[bool, bool, bool] | None = None
        n = self.n_words
        if line_key and not text.startswith("©") and not _key_signs(line_key):
            line = None  # no phrase rule can take it
        else:
            line = Line(text, line_key, settings)
            self.furniture = boilerplate(line)
            if self.furniture is not None:
                self.related_heading = self.furniture == "related" and is_related_heading(line)
                return
        # the mark rules each need a mark and few words: a breadcrumb or a source line at most the label's
        # words (any mark), a stamp or counter a digit, a post's attribution a digit or an @handle
        if n <= settings.post_max_words and (n <= settings.label_max_words and _MARKS.search(text) or "@" in text
                                             or _DIGIT.search(text)):
            line = line or Line(text, line_key, settings)
            is_stamp, found = stamp_date(line)
            if not is_stamp:
                is_stamp, found = published_in(line)
            if is_stamp:
                self.marks = "date_stamp"
                if found:
                    self.date, self.date_at = found[0], found[1:]
                    matching = [i for i, p in enumerate(date_patterns()) if p.search(line.folded)]
                    self.date_pattern = matching[0] if len(matching) == 1 else None
            else:
                self.marks = ("counter" if is_counter(line) else "category" if is_breadcrumb(line) else
                              "footer" if is_source_line(line) else None)
            if self.marks is None:
                self.post = post_attribution(line)
        if self.marks is None and self.post is None and n <= settings.caption_max_words and (
                ")" in text[-8:] or line_key.startswith(_caption_prefix_keys())):
            self.caption = is_caption(line or Line(text, line_key, settings))

    def header(self) -> tuple[bool, bool, bool]:
        if self._header is None:
            self._header = header_facts(self.text, self.key, self.settings)
        return self._header

    def digit_free(self) -> bool:
        """Whether these facts hold for every line of the same shape (the same text with other digits): a
        line dropped by a phrase, or by a counter, breadcrumb, source or time-stamp rule that saw no date-like
        number (only reading a date, valid or not, depends on the digits' values)."""
        if self.furniture is not None:
            return True
        return (self.marks in ("counter", "category", "footer") or self.marks == "date_stamp" and self.date is None
                ) and not date_shaped(fold(self.text))

    def date_for(self, text: str) -> str | None:
        """The date a date stamp of the same shape states at the same place, or None (then its facts are
        not these). When one date pattern alone matched this stamp it alone matches one of its shape, at
        the same place: that place is read, the value cached by its text (a day's pages share it)."""
        if self.date_pattern is not None:
            start, end = self.date_at  # type: ignore[misc]
            return _date_value(self.date_pattern, fold(text)[start:end])
        found = date_in(text)
        return found[0] if found is not None and found[1:] == self.date_at else None

    def dated(self, text: str) -> Facts | None:
        """A date stamp's facts for ``text``, a line of the same shape, if it states its date at the same
        place (the rest of the line is the same shape, so it is as much a stamp), else None."""
        date = self.date_for(text)
        if date is None:
            return None
        facts = Facts.__new__(Facts)
        for slot in Facts.__slots__:
            setattr(facts, slot, getattr(self, slot))
        facts.text, facts.date = text, date
        return facts


@lru_cache(maxsize=LINE_CACHE_SIZE)
def _date_value(pattern: int, date_text: str) -> str | None:
    """The date one of the date patterns reads in the text it matched (its value, or None if no date)."""
    m = date_patterns()[pattern].fullmatch(date_text)
    return ymd(m) if m else None
