"""Time expressions: absolute dates in their Arabic forms, relative ones resolved against the
publication date, and the publication date read from the text when the page states none.

Every month-name system is read (calendar data: ``marsad/arabic/data/calendar.json``): MSA, Levantine and
Iraqi (``كانون الثاني/يناير``, ``20 يوليو (تموز)``), Moroccan, Algerian and Tunisian, English; Hijri dates
(``25 شوال 1436 هـ``, ``9-9-1433 هـ``), given by their Gregorian twin when the text pairs them
(``... هـ الموافق 10 اغسطس 2015 م``).

Patterns run on the folded text; :func:`marsad.arabic.fold_with_offsets` maps every hit back to
``Article.text``. A value is given only when the text and the anchor support it: never an invented day.

A Hijri month or year (شهر شعبان 1275هـ، عام 1436) is a time expression with no Gregorian value (it spans two
Gregorian months or years). Lengths of time (منذ 50 سنة، 4 أشهر) are not given: they have no calendar value
and no form here yet.

When the page gives no publication date, the step looks for one in the text, in this order:

1. a stated "today": ``اليوم الخميس (14 مارس 2019)``, ``أمس الاثنين 12 مارس 2012`` (then the day after), or a
   weekday with its date at the start of the report: on a line before the body (a stamp), or opening its first
   sentence as that sentence's only date (``أصدرت القيادة، الجمعة (10 كانون الأول، 2021) بيانا``), not after a
   day prefix or a preposition (``اعتبارا من الأحد ...``: when something is to happen). The weekday, when
   given, must agree with the date; all statements must agree (``published_how`` "stated", the words in
   ``published_evidence``);
2. an embedded post's date, checked against any "today, <weekday>" (``published_how`` "inferred");
3. a window (``published_window``) from what the text presents as current only: a year it calls this or the
   current one (``العام الجاري 2021``; ``هذا العام 1436`` is a Hijri year; ``العام الجاري 2012 / 2013`` both),
   a month it calls current, a next or last date whose year the text gives for that same day; the past and
   next months it names narrow a window within one year. A year written in the text is no evidence of when
   it was published; evidence that disagrees, or a window that a stated weekday contradicts, gives none. A
   "today" stated without its year (``أمس الاثنين 12 مارس``) takes the window's year when the weekday fits.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass, field, replace
from functools import cache

from hijridate import Gregorian

from marsad.analyse.lexicon import data, folded_set, proper_nouns
from marsad.arabic import fold, fold_with_offsets, original_span
from marsad.arabic.alternation import word_alternation
from marsad.arabic.calendar import (
    alternation,
    hijri_month_names,
    hijri_to_iso,
    list_alternation,
    month_names,
    weekday_names,
    word_list,
)
from marsad.model import Article, TimeExpression
from marsad.pipeline import Step
from marsad.settings import HIJRI_TWIN_MAX_DAYS, HIJRI_YEARS, STATED_LEAD_CHARS, WEEKDAY_SLACK_DAYS

_LETTER_BEFORE = r"(?<![^\W\d_])"  # not glued to a letter before (a digit may be: 11آذار)
_LETTER_AFTER = r"(?![^\W\d_])"  # nor after (فبراير1882)
_SPACE = r"[^\S\n]"  # a space that does not end the line


def _alt(words: list[str]) -> str:
    return word_alternation(fold(w) for w in words)


@dataclass(frozen=True)
class _Words:
    past: str
    future: str
    current: str
    mod: str
    month: str
    weekday: str
    day_word: str
    stated_day: str
    unit: str
    position: str
    decade: str
    century: str
    not_after_day: str
    year_word: str
    day_prefix: str
    this: str
    month_word: str
    ordinal_day: str
    range_link: str
    year_noun: str
    hijri: str
    epithet: str
    hijri_mark: str
    greg_mark: str


@cache
def _w() -> _Words:
    t = data("time_words")
    positions = [w for ws in t["positions"].values() for w in ws]
    return _Words(_alt(t["past"]), _alt(t["future"]), _alt(t["current"]),
                  _alt(t["past"] + t["future"] + t["current"]), alternation("gregorian_months"),
                  alternation("weekdays"), _alt([*t["day_words"], *t["present"]]), _alt(t["stated_day_words"]),
                  _alt(t["units"]),
                  _alt(positions), _alt(t["decades"]), _alt(t["centuries"]), _alt(t["not_after_day_words"]),
                  _alt(t["year_words"]), _alt(t["day_prefixes"]), _alt(t["this"]), _alt(t["month_word"]),
                  _alt(t["ordinal_days"]), _alt(t["range_links"]), _alt(t["year_nouns"]),
                  alternation("hijri_months"), list_alternation("hijri_epithets"),
                  list_alternation("hijri_markers"), list_alternation("gregorian_markers"))


@cache
def _patterns() -> list[tuple[str, re.Pattern[str]]]:
    w = _w()
    lb, la, sp = _LETTER_BEFORE, _LETTER_AFTER, _SPACE
    # a month, and the same month by its other name after a slash or dash, in brackets or after a space
    months = (rf"{lb}(?P<mn>{w.month}){la}(?P<alt>{sp}*[/-]{sp}*(?:{w.month}){la}|{sp}*\({sp}*(?:{w.month}){sp}*\)"
              rf"|{sp}+(?:{w.month}){la})?")
    # its year: written (2012، عام 2012، 2012م) or named (من العام الماضي، من هذا العام)
    year = (rf"(?:{sp}*[,،]?{sp}*(?:(?:ال)?(?:عام|سنه){sp}+)?(?P<y>\d{{4}})(?!\d)(?:{sp}*(?:{w.greg_mark}){la})?"
            rf"|{sp}+من{sp}+(?:(?P<ythis>{w.this}){sp}+(?:العام|السنه)|(?:ال)?(?:عام|سنه){sp}+"
            rf"(?:(?P<ymod>{w.mod})|(?P<y2>\d{{4}})(?!\d))))?")
    mod = rf"(?:{sp}+(?P<mod>{w.mod}))?"
    pos = rf"(?:(?P<pos>{w.position}){sp}+)?"
    # a day of the month in digits or words (الثامن من), or two (يومي 12 و13، من 23-27)
    day = (rf"(?:(?<!\d)(?P<d0>\d{{1,2}}){sp}*(?:{w.range_link}){sp}*)?"
           rf"(?:(?<!\d)(?P<d>\d{{1,2}})(?!\d){sp}*-?|(?<!\w)(?P<od>{w.ordinal_day}){sp}+من)")
    hijri_year = (rf"(?:{sp}*[,،]?{sp}*(?:(?:ال)?(?:عام|سنه){sp}+)?(?P<y>\d{{3,4}})(?!\d)"
                  rf"(?:{sp}*(?P<mark>{w.hijri_mark}){la})?)?")
    hijri = rf"{lb}(?P<hm>{w.hijri}){la}(?:{sp}+(?P<ep>{w.epithet}){la})?"
    # which century: its ordinal (التاسع عشر), its number (الـ19), or last / this / next one (الماضي)
    # (a Hijri one, القرن العاشر الهجري, is read whole and given no Gregorian value)
    century = (rf"القرن{sp}+(?:(?P<cn>{w.century})|(?:ال)?(?P<cd>\d{{1,2}})|(?P<cmod>{w.mod}))(?!\w)"
               rf"(?:{sp}+(?:ال)?(?P<chm>{w.hijri_mark}){la})?")
    bare_year = r"(?P<y>(?:18|19|20)\d\d)(?![\d%]|[.,]\d)"
    return [
        ("hijri", re.compile(rf"{day}{sp}*(?:من{sp}+)?(?:(?:{w.month_word}){sp}+)?{hijri}{hijri_year}{mod}")),
        ("hijri_month", re.compile(rf"{pos}(?:(?P<sh>{w.month_word}){sp}+)?{hijri}{hijri_year}{mod}")),
        ("hijri_year", re.compile(rf"(?:(?:{w.year_word}){sp}*\(?{sp}*)?(?<!\d)(?P<y>\d{{3,4}}){sp}*"
                                  rf"(?P<mark>{w.hijri_mark}){la}")),
        ("iso", re.compile(r"(?<!\d)(?P<y>\d{4})-(?P<m>\d{1,2})-(?P<d>\d{1,2})(?!\d)")),
        ("numeric", re.compile(
            rf"(?<![\d/])(?P<d>\d{{1,2}}){sp}*(?P<s>[/.-]){sp}*(?P<m>\d{{1,2}}){sp}*(?P=s){sp}*(?P<y>\d{{4}})"
            rf"(?![\d/])(?:{sp}*(?P<mark>{w.hijri_mark}|{w.greg_mark}){la})?")),
        ("day_month", re.compile(rf"{day}{sp}*(?:من{sp}+)?(?:(?:{w.month_word}){sp}+)?{months}{year}{mod}")),
        ("day_month", re.compile(
            rf"(?<!\d)(?P<d>\d{{1,2}}){sp}*(?P<s>[-/]){sp}*{lb}(?P<mn>{w.month}){la}{sp}*(?P=s){sp}*"
            rf"(?P<y>\d{{4}})(?!\d)")),
        ("day_month", re.compile(rf"{lb}(?P<mn>{w.month}){la}{sp}+(?P<d>\d{{1,2}}){sp}*,{sp}*(?P<y>\d{{4}})(?!\d)")),
        ("day_rel_month", re.compile(
            rf"{day}{sp}*(?:من{sp}+)?(?:(?P<this>{w.this}){sp}+)?الشهر(?:{sp}+(?P<mod>{w.mod}))?(?!\w)")),
        ("month", re.compile(rf"{pos}(?:(?P<sh>{w.month_word}){sp}+)?{months}{year}{mod}")),
        ("year", re.compile(rf"{pos}(?:{w.year_word}){sp}*\(?{sp}*(?P<y>(?:1\d|20|21)\d\d)(?!\d)"
                            rf"(?P<gm>{sp}?(?:{w.greg_mark}){la})?")),
        # a bare year: after since/until/between/in (a number of things there is rarely in that range); after
        # from when a year follows (من 2002 حتى 2009); after and, "(" or "-" when nothing is counted after it
        # (2015 - 2017); marked م (AD); after a season or position (صيف 1962، نهاية 2015); or naming a thing
        # by its year (دستور 1971، كأس العالم 1970)
        # (the year first, what comes before it checked behind it: a pattern that opens with its digits is
        # scanned for quickly)
        ("year", re.compile(r"(?P<y>(?:18|19|20)\d\d)(?:(?<=\bمنذ \d{4})|(?<=\bحتي \d{4})|(?<=\bبين \d{4})"
                            r"|(?<=\bفي \d{4}))(?![\d%]|[.,]\d)")),
        ("year", re.compile(rf"(?P<y>(?:18|19|20)\d\d)(?<=\bمن \d{{4}})(?![\d%]|[.,]\d)"
                            rf"(?={sp}*(?:-|{w.range_link}){sp}*(?:18|19|20)\d\d)")),
        ("year", re.compile(r"(?P<y>(?:18|19|20)\d\d)(?:(?<=\bو\d{4})|(?<=\(\d{4})|(?<=- \d{4})|(?<=-\d{4}))"
                            r"(?=\s*(?:[,.;:)\n-]|$)|\s+و)")),
        ("year", re.compile(r"(?P<y>(?:18|19|20)\d\d)(?<![\d.,]\d{4})(?=م(?!\w))")),
        ("year", re.compile(rf"(?<!\w)(?P<pos>{w.position}){sp}+{bare_year}")),
        ("year", re.compile(rf"(?<!\w)(?:{w.year_noun}){sp}*\.?{sp}*{bare_year}")),
        ("rel_period", re.compile(
            rf"{pos}(?:(?P<this>{w.this}){sp}+)?(?P<unit>العام|السنه|الشهر|الاسبوع)(?:{sp}+(?P<mod>{w.mod}))?"
            rf"(?:{sp}+(?P<y>(?:1[34]|19|20)\d\d)(?!\d)(?:{sp}*[/-]{sp}*(?P<yy>(?:1[34]|19|20)\d\d)(?!\d))?)?")),
        # not one day of a series or an observance (اليوم الأول، اليوم العالمي); its weekday before or after it
        ("day_word", re.compile(
            rf"(?:(?<!\w)(?:{w.day_prefix}){sp}+)?(?P<dw>{w.day_word})"
            rf"(?:{sp}*[(،,]?{sp}*(?P<wd>{w.weekday})(?:{sp}*\))?)?(?!\w)(?!{sp}+(?:{w.not_after_day})(?!\w))")),
        ("weekday", re.compile(
            rf"(?:(?<!\w)(?:{w.day_prefix}){sp}+)?(?P<wd>{w.weekday}){la}(?:{sp}+(?P<mod>{w.mod}))?")),
        ("ago", re.compile(rf"(?P<dir>قبل|بعد){sp}+(?:(?P<n>\d{{1,3}}){sp}+)?(?P<unit>{w.unit})(?!\w)")),
        # الستينيات، ثمانينيات القرن الماضي، منتصف التسعينات من القرن العشرين
        ("decade", re.compile(rf"{pos}(?<!\w)(?:ال)?(?P<dec>{w.decade})(?:ي)?ات(?!\w)"
                               rf"(?!{sp}+(?:من{sp}+)?(?:ال)?عمر)(?:{sp}+(?:من{sp}+)?{century})?")),  # not an age
        ("century", re.compile(rf"{pos}(?<!\w){century}")),
    ]


@cache
def _weekday_before() -> re.Pattern[str]:
    """A weekday right before a day word (الجمعة أمس، الخميس (أمس)), read back from the day word."""
    return re.compile(rf"(?P<wd>{_w().weekday}){_SPACE}*[(،,]?{_SPACE}*\Z")


@cache
def _head() -> re.Pattern[str]:
    """What may open a date, read back from where the date starts: a day prefix, a day word that states the
    date (اليوم، أمس) and its weekday (صباح اليوم الخميس (14 مارس 2019)، الثلاثاء, 12 يونيو, 2012، اليوم
    (السبت) 25 يوليو)."""
    w, sp = _w(), _SPACE
    return re.compile(rf"(?:(?P<pre>{w.day_prefix}){sp}+)?(?:(?P<dw>{w.stated_day}){sp}*[(،,:]?{sp}*)?"
                      rf"(?:(?P<wd>{w.weekday}){_LETTER_AFTER}{sp}*\)?{sp}*[(،,:]?{sp}*)?\Z")


_INSIDE_A_WORD = re.compile(r"(?:[^\Wوفبل]|\w\w)\Z")  # what comes before a word's last letters
_NEXT_YEAR = re.compile(r"\s*(?:و|-|حتي|الي|لغايه)\s*(?P<y>(?:1\d|20)\d\d)(?![\d%]|[.,]\d)")
_PREVIOUS_WORD = re.compile(r"(\w+)\W*$")
_NEXT_WORD = re.compile(r"\W*(\w+)")
# what may lie between a Hijri date and its Gregorian twin (... هـ - الموافق 13 فبراير 2012 م، ... هـ/ 29 مايو)
_TWIN_GAP = re.compile(r"\s*[-,،(]*\s*(?:(?:[او]?الموافق|ويوافق)(?:\s*ل)?\s*:?\s*[(]?\s*|/\s*)")
_DATE_KINDS = ("day_month", "numeric", "iso", "hijri")


@cache
def _gates() -> dict[str, re.Pattern[str]]:
    """Kinds that cannot match on a line where a quick search finds nothing (a search costs a fraction of the
    patterns it spares, most of which open with optional words and so give the regex engine no first letter
    to skip ahead by): a date without a month's name, a Hijri year without its mark after a number, a
    year without four digits, a weekday, a day word, a decade, a century or a period without its word."""
    w = _w()
    gregorian = re.compile(rf"{_LETTER_BEFORE}(?:{w.month}){_LETTER_AFTER}")
    hijri = re.compile(rf"{_LETTER_BEFORE}(?:{w.hijri}){_LETTER_AFTER}")
    four_digits = re.compile(r"\d{4}")
    return {"day_month": gregorian, "month": gregorian, "hijri": hijri, "hijri_month": hijri,
            "hijri_year": re.compile(rf"\d{_SPACE}*(?:{w.hijri_mark}){_LETTER_AFTER}"),
            "iso": four_digits, "year": four_digits, "numeric": re.compile(rf"\d{_SPACE}*[/.-]"),
            "weekday": re.compile(w.weekday), "day_word": re.compile(w.day_word),
            "rel_period": re.compile("العام|السنه|الشهر|الاسبوع"), "decade": re.compile("ينات|ينيات"),
            "century": re.compile("القرن"), "day_rel_month": re.compile("الشهر")}


@cache
def _day_after() -> re.Pattern[str]:
    """What keeps a weekday name a day: a date or another weekday after it (الخميس 5 مارس، الخميس والجمعة)."""
    return re.compile(rf"\s*[(،,]?\s*(?:\d|و\s*{_w().weekday})")


@dataclass
class _Hit:
    start: int
    end: int
    kind: str
    m: re.Match[str]
    # read around the match: a date's day prefix, day word and weekday (pre, dw, wd); a day word's weekday
    # before it (wd0)
    head: dict[str, str] = field(default_factory=dict)
    twin: _Hit | None = None  # the same day in the other calendar (الموافق)

    @property
    def g(self) -> dict[str, str]:
        """The groups that matched, with the head's."""
        return {**{k: v for k, v in self.m.groupdict().items() if v}, **self.head}


class Times(Step):
    name = "times"
    version = 5  # 2: the analysis tuned across regions (model, rules and word lists); 3: no date across a line's
    # end, invisible characters folded away; 4: a Hijri century has no Gregorian value; 5: a "today" whose
    # weekday is a day or two before the page's date is that weekday
    requires = ("text", "paragraphs")
    provides = ("times", "published")

    def process(self, article: Article) -> Article:
        if article.published_how in ("inferred", "stated") or article.published_window:  # this step's own
            article.published = article.published_how = article.published_evidence = None
            article.published_window = None
        hits = find_hits(article.text)
        if not article.published:
            infer_published(article, hits)
        article.times = [t for t in (resolve_in_article(article, h) for h in hits) if t]
        return article


def resolve_in_article(article: Article, h: _Hit) -> TimeExpression | None:
    """Against the publication date; or, when only a window is known, against both its ends: a value
    every anchor in the window agrees on is kept, any other is left unresolved. A date the page gives (its
    metadata, a stamp, a dateline) may be a day or two after the writing: the weekday of a past day word or of
    "today" may then name a day up to ``WEEKDAY_SLACK_DAYS`` before the one the date gives (أمس الأربعاء on a
    Saturday's page, اليوم الاثنين on a Tuesday's)."""
    if article.published:
        how = "inferred" if article.published_how == "inferred" else "published"
        slack = 0 if article.published_how in ("inferred", "stated") else WEEKDAY_SLACK_DAYS
        return resolve(article.text, h, dt.date.fromisoformat(article.published), how, slack=slack)
    if article.published_window:
        lo, hi = (resolve(article.text, h, dt.date.fromisoformat(d), "window") for d in article.published_window)
        if lo and hi and lo.value != hi.value:
            lo.value, lo.anchor = None, "unresolved"
        return lo
    return resolve(article.text, h, None, "unresolved")


def find_hits(text: str) -> list[_Hit]:
    folded, index = fold_with_offsets(text)
    found: list[_Hit] = []
    lines: dict[str, list[tuple[int, int]]] = {}  # the lines each gate opens, for this text
    for kind, pattern in _patterns():
        where = [(0, len(folded))]
        if (gate := _gates().get(kind)) is not None:
            if gate.pattern not in lines:
                lines[gate.pattern] = _lines_with(folded, gate)
            where = lines[gate.pattern]
        for m in (m for start, end in where for m in _matches(kind, pattern, folded, start, end)):
            h = _Hit(m.start(), m.end(), kind, m)
            if kind in _DATE_KINDS:
                _read_head(folded, h)
            elif kind == "day_word" and not m["wd"] and (
                    wd := _weekday_before().search(folded, max(0, h.start - 20), h.start)) and \
                    not _INSIDE_A_WORD.search(folded, max(0, wd.start() - 2), wd.start()):
                h.start, h.head = wd.start(), {"wd0": wd["wd"]}
            found.append(h)
    # a year joined to a year is one too (عامي 2002 و2003، بين العامين 1910 و 1912، من 2002 حتى 2009); the
    # loop meets the years it adds, so a list (أعوام 2015 و2016 و2017) is followed to its end
    for h in found:
        if h.kind == "year" and (joined := _NEXT_YEAR.match(folded, h.end)):
            found.append(_Hit(joined.start("y"), joined.end(), "year", joined))
    # longest first wins overlaps (a date before anything else as long); then back to reading order
    found.sort(key=lambda h: (h.start - h.end, h.kind not in _DATE_KINDS, h.start))
    kept: list[_Hit] = []
    for h in found:
        if all(h.end <= k.start or h.start >= k.end for k in kept):
            kept.append(h)
    kept.sort(key=lambda h: h.start)
    _pair_twins(folded, kept)
    out = []
    for h in kept:
        h.start, h.end = original_span(text, index, h.start, h.end)
        if h.kind == "day_word" and _verb_ghada(text[h.start:h.end]):
            continue
        out.append(h)
    return out


def _lines_with(folded: str, gate: re.Pattern[str]) -> list[tuple[int, int]]:
    """(start, end) of each run of lines where the gate finds something: a date is never read across a line's
    end, so a kind's pattern need only be searched there."""
    out: list[tuple[int, int]] = []
    at = 0
    while (m := gate.search(folded, at)) is not None:
        start = folded.rfind("\n", 0, m.start()) + 1
        at = folded.find("\n", m.end())
        at = len(folded) if at < 0 else at
        if out and start <= out[-1][1]:
            out[-1] = (out[-1][0], at)  # a gate's word across a line's end (جمادي\nالاخره) joins the lines
        else:
            out.append((start, at))
    return out


def _matches(kind: str, pattern: re.Pattern[str], folded: str, start: int, end: int) -> Iterator[re.Match[str]]:
    """The plausible matches of one pattern in ``folded[start:end]``, left to right. Two different months side
    by side (نوفمبر / ديسمبر 2012، أبريل - يونيو 1902) are no one date: the first is read alone, and the
    second starts the next."""
    at = start
    while (m := pattern.search(folded, at, end)) is not None:
        at = m.end() if m.end() > m.start() else m.start() + 1
        if m.groupdict().get("alt") and not _same_month(m):
            cut = pattern.match(folded, m.start(), m.start("alt"))
            if cut and _plausible(kind, cut):
                yield cut
            at = m.start("alt") + 1
        elif m.end() > m.start() and _plausible(kind, m):
            yield m


def _same_month(m: re.Match[str]) -> bool:
    return {month_names()[_norm(n)] for n in re.findall(_w().month, m.group("alt"))} == {month_names()[_norm(m["mn"])]}


def _read_head(folded: str, h: _Hit) -> None:
    """Take the day word and weekday before a date into it (اليوم الخميس (14 مارس 2019)); a day word after a
    demonstrative of another day (ذلك اليوم) is left out."""
    before = folded[max(0, h.start - 40):h.start]
    head = _head().search(before)
    if head is None or head.end() == head.start():
        return
    start = h.start - len(before) + head.start()
    if _INSIDE_A_WORD.search(folded, max(0, start - 2), start):
        return
    dw, wd = head.group("dw"), head.group("wd")
    if dw and _previous_word_at(folded, start) in folded_set("time_words", "not_before_day_words"):
        if not wd:
            return
        dw, start = None, h.start - len(before) + head.start("wd")  # ذلك اليوم الثلاثاء 5 مارس: that day
    pre = head.group("pre") if start == h.start - len(before) + head.start() else None
    h.start = start
    h.head = {k: v for k, v in (("pre", pre), ("dw", dw), ("wd", wd)) if v}


def _verb_ghada(original: str) -> bool:
    """غَدَا written with its vowels is the verb 'became', not غدًا 'tomorrow'."""
    return "د\u064eا" in original and "\u064b" not in original


def _pair_twins(folded: str, hits: list[_Hit]) -> None:
    """A Hijri date and the Gregorian date the text gives for the same day (الموافق)."""
    for a, b in zip(hits, hits[1:], strict=False):
        if {_calendar(a), _calendar(b)} != {"hijri", "gregorian"}:
            continue
        gap = folded[a.end:b.start]
        if len(gap) <= 20 and _TWIN_GAP.fullmatch(gap) and ("موافق" in gap or "/" in gap):
            a.twin, b.twin = b, a


def _calendar(h: _Hit) -> str | None:
    g = h.g
    if h.kind == "hijri" and g.get("y") and not g.get("d0"):
        return "hijri"
    if h.kind == "numeric":
        return "hijri" if _numeric_is_hijri(g) else "gregorian"
    if h.kind == "iso" or h.kind == "day_month" and g.get("y") and not g.get("d0"):
        return "gregorian"
    return None


def _numeric_is_hijri(g: Mapping[str, str | None]) -> bool:
    """A date in digits is Hijri when marked so (هـ), or when its year is a Hijri one (13xx-14xx) and
    nothing marks it Gregorian (م)."""
    mark = g.get("mark")
    if mark:
        return fold(mark) in word_list("hijri_markers")
    return HIJRI_YEARS[0] <= int(g["y"] or 0) < HIJRI_YEARS[1]


def _plausible(kind: str, m: re.Match[str]) -> bool:
    g = m.groupdict()
    if g.get("d") and not 1 <= int(g["d"]) <= 31 or g.get("d0") and not int(g["d0"]) < int(g["d"] or 0):
        return False
    if kind == "month":
        # a bare month name needs support: "شهر", a position word, a year or a modifier; some names are
        # also ordinary words (مارس "practised", آب) and need it all the more
        if g.get("sh") or g.get("pos") or g.get("y") or g.get("y2") or g.get("mod") or g.get("ythis") or \
                g.get("ymod"):
            return True
        return _norm(g["mn"]) not in word_list("ambiguous_months") and m.start() > 0 and \
            m.string[max(0, m.start() - 3):m.start()].strip() in ("في", "فى")
    if kind in ("hijri", "hijri_month"):
        # صفر is also "zero" (فاز 2 صفر): it needs a year, its epithet, شهر or an ordinal day
        if _norm(g["hm"]) in word_list("ambiguous_months") and not (g.get("y") or g.get("od") or g.get("sh")
                                                                     or g.get("ep")):
            return False
        if kind == "hijri_month":
            return bool(g.get("y") or g.get("mod") or g.get("sh") or g.get("pos"))
        return True
    if kind == "day_rel_month":
        return bool(g.get("mod") or g.get("this"))
    if kind == "rel_period":
        return bool(g.get("this") or g.get("mod") or g.get("y") or g.get("pos"))
    if kind == "ago":
        return bool(g.get("n")) or fold(g["unit"]) in folded_set("time_words", "duals")
    if kind == "day_word":  # it starts a word, a proclitic و ف ب ل aside: not the end of تمثالان
        return _starts_word(m, "dw") and not _another_day(m) and not _quoted(m)
    if kind == "weekday":
        return _starts_word(m, "wd") and _reads_as_a_day(m)
    return True


def _starts_word(m: re.Match[str], group: str) -> bool:
    return not _INSIDE_A_WORD.search(m.string, max(0, m.start(group) - 2), m.start(group))


def _previous_word_at(s: str, at: int) -> str:
    before = _PREVIOUS_WORD.search(s, max(0, at - 30), at)
    return before.group(1) if before else ""


def _next_word(m: re.Match[str], at: int) -> str:
    after = _NEXT_WORD.match(m.string, at, at + 30)
    return after.group(1) if after else ""


def _another_day(m: re.Match[str]) -> bool:
    """ذلك اليوم، نفس اليوم: a day the text spoke of, not the day it was written."""
    return _previous_word_at(m.string, m.start()) in folded_set("time_words", "not_before_day_words")


def _quoted(m: re.Match[str]) -> bool:
    """«اليوم»، لـ "اليوم": a newspaper's name."""
    before, after = m.string[max(0, m.start() - 2):m.start()], m.string[m.end():m.end() + 2]
    return '"' in before and '"' in after


@cache
def _given_names() -> frozenset[str]:
    return frozenset(w for w, kind in proper_nouns().items() if kind == "nom")


def _reads_as_a_day(m: re.Match[str]) -> bool:
    """A weekday name is a day unless what stands beside it makes it something else: the two (كلا الاثنين،
    الاثنين معا، الطرفين الاثنين), a prayer or a market named after the day (خطبة الجمعة، سوق الاثنين), God
    (الواحد الأحد), or a family name after a given name (محمد الخميس). A modifier, a date or another weekday
    after it keeps it a day."""
    if m.group("mod") or _day_after().match(m.string, m.end(), m.end() + 12):
        return True
    before = _previous_word_at(m.string, m.start())
    not_before = folded_set("time_words", "not_weekday_before")
    if _next_word(m, m.end()) in folded_set("time_words", "not_weekday_after") or before in not_before or \
            before[:1] in ("و", "ف") and before[1:] in not_before:
        return False
    alone = m.start() == m.start("wd") and m.string[max(0, m.start() - 1):m.start()] == " "  # no prefix
    if alone and _family_name(m, before):
        return False
    if alone and _norm(m.group("wd")) == "الاثنين" and len(before) > 5 and before.startswith("ال") and \
            before.endswith("ين"):
        return before in _dual_exceptions()  # الطرفين الاثنين: the two sides; البحرين الاثنين: Monday
    return True


def _family_name(m: re.Match[str], before: str) -> bool:
    """محمد الخميس، ... / بدر الخميس و... / أميمة الخميس في ...: after a given name, and the name's sentence
    goes on (a comma, and, in). A given name after a preposition is a noun (في بيان الثلاثاء، ...)."""
    return before in _given_names() and before not in _time_word_set() and \
        re.match(r'\s*(?:[،,)"]|و|في\s)', m.string[m.end():m.end() + 4]) is not None and \
        _previous_word_at(m.string, m.start() - len(before) - 1) not in folded_set("function_words", "words")


@cache
def _dual_exceptions() -> frozenset[str]:
    """Place names that end like a dual (البحرين): a weekday after them is a day."""
    return frozenset(w for w, kind in proper_nouns().items() if kind == "place")


@cache
def _time_word_set() -> frozenset[str]:
    t = data("time_words")
    return frozenset(fold(w) for key in ("day_prefixes", "month_word", "this") for w in t[key])


def resolve(full_text: str, h: _Hit, anchor: dt.date | None, anchor_name: str,
            slack: int = 0) -> TimeExpression | None:
    g = h.g
    text = full_text[h.start:h.end]

    def out(value: str | None, precision: str, relative: bool) -> TimeExpression:
        used = "absolute" if not relative else (anchor_name if value else "unresolved")
        return TimeExpression(h.start, h.end, text, value, precision, used, relative)

    mod = _mod(g.get("mod"))
    if h.kind == "hijri" and "d0" in g:  # two days of a Hijri month (11 و12 شوال): no Gregorian month
        return TimeExpression(h.start, h.end, text, None, "month", "unresolved", "y" not in g)
    if h.kind in ("hijri", "iso", "numeric") or h.kind == "day_month" and "y" in g and "d0" not in g:
        if "y" in g:
            day = _absolute_day(h)
            return out(day.isoformat() if day else None, "day", False)
        day = _hijri_near(g, anchor, mod)
        return out(day.isoformat() if day else None, "day", True)
    if h.kind in ("hijri_month", "hijri_year"):  # a Hijri month or year is no Gregorian month or year
        return TimeExpression(h.start, h.end, text, None, "year" if h.kind == "hijri_year" else "month",
                              "unresolved", "y" not in g)
    if h.kind == "day_month":
        month = month_names()[_norm(g["mn"])]
        year = _year_of(g, anchor) if "y" in g or "y2" in g or "ythis" in g or "ymod" in g else \
            _year_for(anchor, month, _day_of(g), mod)
        relative = "y" not in g and "y2" not in g
        if "d0" in g:  # two days of one month: the month
            return out(f"{year:04d}-{month:02d}" if year else None, "month", relative)
        day = _date(year, month, _day_of(g)) if year else None
        if day and "wd" in g and weekday_names()[_norm(g["wd"])] != day.weekday():
            day = None  # the weekday contradicts the date: say nothing rather than guess
        return out(day.isoformat() if day else None, "day", relative)
    if h.kind == "day_rel_month":
        if anchor is None:
            return out(None, "day", True)
        y, mth = divmod(anchor.year * 12 + anchor.month - 1 + {"past": -1, "future": 1}.get(mod or "", 0), 12)
        if "d0" in g:
            return out(f"{y:04d}-{mth + 1:02d}", "month", True)
        day = _date(y, mth + 1, _day_of(g))
        return out(day.isoformat() if day else None, "day", True)
    if h.kind == "month":
        month = month_names()[_norm(g["mn"])]
        if "y" in g or "y2" in g or "ythis" in g or "ymod" in g:
            year = _year_of(g, anchor)
            return out(f"{year:04d}-{month:02d}" if year else None, "month", "y" not in g and "y2" not in g)
        year = _year_for(anchor, month, None, mod)
        return out(f"{year:04d}-{month:02d}" if year else None, "month", True)
    if h.kind == "year":
        if _hijri_year(g):  # عام 1436: Hijri, unmarked
            return TimeExpression(h.start, h.end, text, None, "year", "unresolved", False)
        return out(g["y"], "year", False)
    if h.kind in ("decade", "century"):
        return _decade_or_century(h.kind, g, anchor, out)
    if h.kind == "rel_period":
        if g.get("y"):
            if _hijri_year(g) or "yy" in g:  # هذا العام 1436، العام الدراسي 1435/1436: no one Gregorian year
                return TimeExpression(h.start, h.end, text, None, "year", "unresolved", False)
            return out(g["y"], "year", False)
        unit = _norm(g["unit"])
        if anchor is None:
            return out(None, "week" if unit == "الاسبوع" else "month" if unit == "الشهر" else "year", True)
        step = {"past": -1, "future": 1}.get(mod or "", 0)
        if unit in ("العام", "السنه"):
            return out(f"{anchor.year + step:04d}", "year", True)
        if unit == "الشهر":
            y, mth = divmod(anchor.year * 12 + anchor.month - 1 + step, 12)
            return out(f"{y:04d}-{mth + 1:02d}", "month", True)
        monday = anchor - dt.timedelta(days=anchor.weekday()) + dt.timedelta(weeks=step)
        return out(monday.isoformat(), "week", True)
    if h.kind == "day_word":
        offset = _day_offsets()[_norm(g["dw"])]
        day = anchor + dt.timedelta(days=offset) if anchor else None
        named = g.get("wd") or g.get("wd0")
        if day and named and weekday_names()[_norm(named)] != day.weekday():
            # the weekday contradicts the anchor: a day within the slack before it (اليوم الاثنين on Tuesday's
            # page: written on Monday), or nothing
            back = (day.weekday() - weekday_names()[_norm(named)]) % 7
            day = day - dt.timedelta(days=back) if offset <= 0 and back <= slack else None
        return out(day.isoformat() if day else None, "day", True)
    if h.kind == "weekday":
        if anchor is None:
            return out(None, "day", True)
        wd = weekday_names()[_norm(g["wd"])]
        back = (anchor.weekday() - wd) % 7
        if mod == "future":
            day = anchor + dt.timedelta(days=(wd - anchor.weekday()) % 7 or 7)
        elif mod == "past":
            day = anchor - dt.timedelta(days=back or 7)
        else:
            day = anchor - dt.timedelta(days=back)
        return out(day.isoformat(), "day", True)
    if h.kind == "ago":
        if anchor is None:
            return out(None, "day", True)
        unit = _norm(g["unit"])
        units = _numbers("units")
        n = int(g["n"]) if g.get("n") else 2
        days = n * units[unit] * (-1 if _norm(g["dir"]) == "قبل" else 1)
        precision = {1: "day", 7: "week", 30: "month"}.get(units[unit], "year")
        day = anchor + dt.timedelta(days=days)
        value = {"month": f"{day:%Y-%m}", "year": f"{day:%Y}"}.get(precision, day.isoformat())
        return out(value, precision, True)
    return None


def _hijri_year(g: dict[str, str]) -> bool:
    """A year in the Hijri range (1436) that nothing marks Gregorian (م)."""
    return HIJRI_YEARS[0] <= int(g["y"]) < HIJRI_YEARS[1] and "gm" not in g


def _day_of(g: dict[str, str]) -> int:
    return int(g["d"]) if "d" in g else _numbers("ordinal_days")[_norm(g["od"])]


def _absolute_day(h: _Hit) -> dt.date | None:
    """The day a date with its year states, in either calendar; a Hijri date the text pairs with a
    Gregorian one (الموافق) is that day, when the two agree within ``HIJRI_TWIN_MAX_DAYS`` (sighting and the
    Umm al-Qura tables differ by a day) or the Hijri year is beyond the conversion tables."""
    g = h.g
    if h.kind == "iso":
        return _date(int(g["y"]), int(g["m"]), int(g["d"]))
    if h.kind == "day_month":
        day = _date(int(g.get("y") or 0), month_names()[_norm(g["mn"])], _day_of(g))
    elif h.kind == "numeric" and not _numeric_is_hijri(g):
        day = _date(int(g["y"]), int(g["m"]), int(g["d"]))
    else:
        month = int(g["m"]) if h.kind == "numeric" else hijri_month_names()[_norm(g["hm"])]
        day = _hijri(int(g["y"]), month, _day_of(g))
        twin = _absolute_day(h.twin) if h.twin else None
        if twin and (day is None or abs((twin - day).days) <= HIJRI_TWIN_MAX_DAYS):
            day = twin
    if day and "wd" in g and weekday_names()[_norm(g["wd"])] != day.weekday():
        return None  # the weekday contradicts the date
    return day


def _hijri(y: int, m: int, d: int) -> dt.date | None:
    day = hijri_to_iso(y, m, d)
    return dt.date.fromisoformat(day) if day else None


def _hijri_near(g: dict[str, str], anchor: dt.date | None, mod: str | None) -> dt.date | None:
    """A Hijri day and month named without a year (الخميس 28 شوال): the occurrence nearest the anchor (the
    next or the last one when the text says so), its weekday agreeing."""
    if anchor is None:
        return None
    try:
        hy = Gregorian.fromdate(anchor).to_hijri().year
    except (ValueError, OverflowError):
        return None
    month = hijri_month_names()[_norm(g["hm"])]
    days = [d for d in (_hijri(y, month, _day_of(g)) for y in (hy - 1, hy, hy + 1)) if d]
    if mod == "past":
        days = [d for d in days if d < anchor]
    elif mod == "future":
        days = [d for d in days if d > anchor]
    if not days:
        return None
    day = min(days, key=lambda d: abs((d - anchor).days))
    if "wd" in g and weekday_names()[_norm(g["wd"])] != day.weekday():
        return None
    return day


def _year_of(g: dict[str, str], anchor: dt.date | None) -> int | None:
    """The year written after a month (2012، من عام 2012) or named (من العام الماضي، من هذا العام)."""
    if "y" in g or "y2" in g:
        return int(g.get("y") or g["y2"])
    if anchor is None:
        return None
    return anchor.year + {"past": -1, "future": 1}.get(_mod(g.get("ymod")) or "", 0)


def _decade_or_century(kind: str, g: dict[str, str], anchor: dt.date | None,
                       out: Callable[[str | None, str, bool], TimeExpression]) -> TimeExpression | None:
    """A century's value is the year its hundreds start (1800 for the nineteenth), a decade's its first
    year. A century named as last or this one, or a decade with no century, takes the anchor's: a decade
    alone is the latest one begun by the anchor year (الستينيات in 2015: 1960)."""
    named = "cn" in g or "cd" in g
    if "chm" in g:  # a Hijri century: its hundreds of years are not the Gregorian ones
        return replace(out(None, kind, False), anchor="unresolved")
    if "cn" in g:
        century = _numbers("centuries")[_norm(g["cn"])]
    elif "cd" in g:
        century = int(g["cd"])
    elif anchor is not None:
        century = anchor.year // 100 + 1 + {"past": -1, "future": 1}.get(_mod(g.get("cmod")) or "", 0)
    else:
        return out(None, kind, True)
    if not 1 <= century <= 21:
        return None
    start = (century - 1) * 100
    if kind == "century":
        return out(f"{start:04d}", "century", not named)
    decade = _numbers("decades")[_norm(g["dec"])]
    if not named and "cmod" not in g and anchor is not None and start + decade > anchor.year:
        start -= 100
    return out(f"{start + decade:04d}", "decade", not named)


def _norm(s: str) -> str:
    return " ".join(fold(s).split())


@cache
def _day_offsets() -> dict[str, int]:
    """Each day word's distance in days from the anchor's day, by normalised word; a word that says «now»
    (``present``) names the anchor's day."""
    t = data("time_words")
    return {_norm(k): v for k, v in {**t["day_words"], **dict.fromkeys(t["present"], 0)}.items()}


@cache
def _numbers(key: str) -> dict[str, int]:
    """A word -> number table of ``time_words.json`` (day offsets, unit days, ordinal days, decades,
    centuries), by normalised word."""
    return {_norm(k): v for k, v in data("time_words")[key].items()}


@cache
def _mod_sets() -> dict[str, frozenset[str]]:
    t = data("time_words")
    return {k: frozenset(_norm(w) for w in t[k]) for k in ("past", "future", "current")}


def _mod(word: str | None) -> str | None:
    if not word:
        return None
    w = _norm(word)
    return next((k for k, ws in _mod_sets().items() if w in ws), None)


def _date(y: int, m: int, d: int) -> dt.date | None:
    try:
        return dt.date(y, m, d)
    except ValueError:
        return None


def _year_for(anchor: dt.date | None, month: int, day: int | None, mod: str | None) -> int | None:
    """The year of a month (and day) named without one: the anchor's, or the one before/after it."""
    if anchor is None:
        return None
    here = (month, day or 1)
    now = (anchor.month, anchor.day if day else 1)
    if mod == "past":
        return anchor.year if here < now else anchor.year - 1
    if mod == "future":
        return anchor.year if here > now else anchor.year + 1
    return anchor.year


# --- the publication date from the text ------------------------------------------------------------------


def infer_published(article: Article, hits: list[_Hit]) -> None:
    """Publication date from evidence, when the page states none (see the module's docstring)."""
    if _stated(article, hits):
        return
    posts = sorted(p.date for p in article.paragraphs if p.kind == "embedded_post" and p.date)
    today = _today_weekdays(hits)
    if posts:
        day = dt.date.fromisoformat(posts[-1])
        if not today or today == {day.weekday()}:
            article.published, article.published_how = day.isoformat(), "inferred"
            article.published_evidence = "embedded post dated " + day.isoformat() + (
                ", matching 'today' weekday" if today else "")
            return
    window = _window(article, hits, today)
    if window is None:
        return
    lo, hi, evidence = window
    if lo.year == hi.year and _stated(article, hits, lo.year):  # a stated day named without its year
        return
    article.published_window = (lo.isoformat(), hi.isoformat())
    article.published_evidence = "; ".join(evidence)
    if lo == hi:
        article.published, article.published_how = lo.isoformat(), "inferred"


def _today_weekdays(hits: list[_Hit]) -> set[int]:
    """The weekday of the day the text was written, as its day words say (اليوم الأربعاء، أمس الثلاثاء)."""
    out = set()
    for h in hits:
        g = h.g
        wd = g.get("wd") or g.get("wd0")
        if h.kind == "day_word" and wd and _norm(g["dw"]) in _stated_words():
            out.add((weekday_names()[_norm(wd)] - _day_offsets()[_norm(g["dw"])]) % 7)
    return out


@cache
def _stated_words() -> frozenset[str]:
    return frozenset(_norm(w) for w in data("time_words")["stated_day_words"])


def _stated(article: Article, hits: list[_Hit], year: int | None = None) -> bool:
    """A day the text states as today, yesterday or the day before (اليوم الخميس (14 مارس 2019)، أمس
    الاثنين 12 مارس), or a weekday with its date at the start of the report; the weekday, when given, must
    agree with the date. ``year``: the year of a day stated without one. All such statements must agree."""
    body_start, head_end = _head_zone(article)
    lead = [h for h in hits if body_start <= h.start < min(head_end, body_start + STATED_LEAD_CHARS)
            and h.kind in _DATE_KINDS and not (h.twin and h.twin.start < h.start)]
    found: dict[dt.date, str] = {}
    first: dict[dt.date, str] = {}
    for h in hits:
        g = h.g
        if h.kind not in _DATE_KINDS or "d0" in g:
            continue
        # a weekday and date on a line of their own before the body (a stamp), or opening the first sentence
        # as its only date (two dates there are a span or a schedule)
        opening = "wd" in g and (h.start < body_start or lead == [h] and _news_day(article.text, h))
        if "dw" not in g and not opening:
            continue
        day = _absolute_day(h) if "y" in g else _yearless_day(h, g, year)
        if day is None:
            continue
        evidence = article.text[h.start:h.end]
        if "dw" in g:
            found.setdefault(day - dt.timedelta(days=_day_offsets()[_norm(g["dw"])]), evidence)
        else:
            first.setdefault(day, evidence)
    chosen = found or first
    if len(chosen) != 1:
        return False
    [(day, evidence)] = chosen.items()
    article.published, article.published_how = day.isoformat(), "stated"
    article.published_evidence = evidence
    return True


def _yearless_day(h: _Hit, g: dict[str, str], year: int | None) -> dt.date | None:
    if year is None or h.kind != "day_month" or "wd" not in g:
        return None
    day = _date(year, month_names()[_norm(g["mn"])], _day_of(g))
    return day if day and weekday_names()[_norm(g["wd"])] == day.weekday() else None


def _head_zone(article: Article) -> tuple[int, int]:
    """Where the start of the report is: the lines before its first body paragraph (a stamp's), and that
    paragraph's first sentence (where it ends)."""
    text = article.text
    body = next((p for p in article.paragraphs if p.kind == "body"), None)
    start = body.start if body else 0
    end = body.end if body else len(text)
    stop = re.search(r"[.!؟?\n]", text[start:end])
    return start, start + stop.start() if stop else end


def _news_day(text: str, h: _Hit) -> bool:
    """A weekday and date in the first sentence are the day of the news (أصدرت القيادة، الجمعة (10 كانون
    الأول، 2021) بيانا) unless they name when something is to happen or begins: after يوم or another day
    prefix, or after a preposition (اعتبارا من الأحد 10/10/1436، حتى الخميس ...)."""
    before = fold(text[max(0, h.start - 30):h.start])
    return "pre" not in h.g and _previous_word_at(before, len(before)) not in \
        folded_set("function_words", "words") | folded_set("time_words", "not_news_day_before")


def _window(article: Article, hits: list[_Hit],
            today: set[int]) -> tuple[dt.date, dt.date, list[str]] | None:
    """The first and last day the article can be from, by what it presents as current (see the module's
    docstring), or None when nothing does or the evidence disagrees."""
    current: set[tuple[dt.date, dt.date]] = set()  # the years the text calls this or the current one
    evidence: list[str] = []
    dated: list[tuple[dt.date, dt.date, str]] = []  # sound bounds from dates whose year is known
    undated: list[tuple[int, int | None, str, str]] = []  # (month, day, past/future, text): the window's year
    months_now: set[tuple[int | None, int]] = set()
    for h in hits:
        g = h.g
        text = article.text[h.start:h.end]
        mod = _mod(g.get("mod"))
        if h.kind == "rel_period" and "y" in g and _norm(g["unit"]) in ("العام", "السنه") and (
                mod == "current" or "this" in g):
            span = _year_span(int(g["y"]), _hijri_year(g))
            until = _year_span(int(g["yy"]), _hijri_year({"y": g["yy"]})) if "yy" in g else span
            if span is None or until is None:
                return None
            current.add((span[0], until[1]))  # هذا العام 1435/1436: both years
            evidence.append(f"within '{text}'")
        if h.kind not in ("day_month", "month") or "d0" in g:
            continue
        month = month_names()[_norm(g["mn"])]
        year = int(g["y"]) if "y" in g else None
        if mod == "current":
            months_now.add((year, month))
            if year:
                current.add((dt.date(year, 1, 1), dt.date(year, 12, 31)))
            evidence.append(f"within '{text}'")
        elif mod in ("past", "future"):
            day = _day_of(g) if h.kind == "day_month" else None
            if year is None and day is not None:
                year = _twin_year(hits, month, day)
            if year is None:
                undated.append((month, day, mod, text))
                continue
            first = _date(year, month, day or 1)
            if first is None:
                continue
            last = first if day else _month_end(year, month)
            if mod == "past":  # after it, within a year of it
                dated.append((last + dt.timedelta(days=1), _add_years(first, 1) - dt.timedelta(days=1),
                              f"after '{text}'"))
            else:
                dated.append((_add_years(last, -1) + dt.timedelta(days=1), first - dt.timedelta(days=1),
                              f"before '{text}'"))
    if len(current) > 1:
        return None
    if current:
        [(lo, hi)] = current
    elif dated:
        lo, hi = dt.date.min, dt.date.max
    else:
        return None
    for month_year, month in months_now:
        now = month_year or (lo.year if lo.year == hi.year else None)
        if now is not None:
            lo, hi = max(lo, dt.date(now, month, 1)), min(hi, _month_end(now, month))
    for first, last, said in dated:
        lo, hi = max(lo, first), min(hi, last)
        evidence.append(said)
    # a last or next month named without its year: in the window's year
    for month, day, mod, said in undated:
        if lo.year != hi.year:
            continue
        first = _date(lo.year, month, day or 1)
        if first is None:
            continue
        last = first if day else _month_end(lo.year, month)
        if mod == "past" and last >= lo:
            lo = last + dt.timedelta(days=1)
            evidence.append(f"after '{said}'")
        if mod == "future" and first <= hi:
            hi = first - dt.timedelta(days=1)
            evidence.append(f"before '{said}'")
    if lo > hi or not _weekdays_fit(lo, hi, today, hits):
        return None
    return lo, hi, evidence


def _year_span(year: int, hijri: bool) -> tuple[dt.date, dt.date] | None:
    """The first and last day of a Gregorian or a Hijri year."""
    if not hijri:
        return dt.date(year, 1, 1), dt.date(year, 12, 31)
    first, following = _hijri(year, 1, 1), _hijri(year + 1, 1, 1)
    return (first, following - dt.timedelta(days=1)) if first and following else None


def _twin_year(hits: list[_Hit], month: int, day: int) -> int | None:
    """The year of a day and month named as next or last (31 ديسمبر المقبل) when the text writes that same
    day and month with one year only (31 ديسمبر 2021), and nowhere else without its year or its modifier: an
    anniversary (28 يونيو عام 2014 ... 28 يونيو الماضي ... في 28 يونيو) is no twin."""
    same = [g for h in hits if h.kind == "day_month" and "d0" not in (g := h.g)
            and month_names()[_norm(g["mn"])] == month and _day_of(g) == day]
    years = {int(g["y"]) for g in same if "y" in g}
    modifiers = {_mod(g.get("mod")) for g in same if "y" not in g}
    return years.pop() if len(years) == 1 and len(modifiers) == 1 and None not in modifiers else None


def _weekdays_fit(lo: dt.date, hi: dt.date, today: set[int], hits: list[_Hit]) -> bool:
    """A window agrees with the text's weekdays: today's weekday (اليوم الخميس) falls in it, and every
    current-month date stated with its weekday (الخميس 14 مارس الجاري) is that weekday in the window's year."""
    if len(today) > 1:
        return False
    if today and (hi - lo).days < 6:
        [wd] = today
        if not any((lo + dt.timedelta(days=i)).weekday() == wd for i in range((hi - lo).days + 1)):
            return False
    if lo.year != hi.year:
        return True
    for h in hits:
        g = h.g
        if h.kind == "day_month" and "wd" in g and "y" not in g and "d0" not in g:
            day = _date(lo.year, month_names()[_norm(g["mn"])], _day_of(g))
            if day and lo <= day <= hi and day.weekday() != weekday_names()[_norm(g["wd"])]:
                return False
    return True


def _month_end(y: int, m: int) -> dt.date:
    return dt.date(y + m // 12, m % 12 + 1, 1) - dt.timedelta(days=1)


def _add_years(day: dt.date, n: int) -> dt.date:
    try:
        return day.replace(year=day.year + n)
    except ValueError:  # 29 February
        return day.replace(year=day.year + n, day=28)
