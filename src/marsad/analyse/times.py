"""Time expressions: absolute dates in their Arabic forms, relative ones resolved against the
publication date, and the publication date inferred from evidence when the page states none.

Patterns run on the folded text; :func:`marsad.arabic.fold_with_offsets` maps every hit back to
``Article.text``. A value is given only when the text and the anchor support it: never an invented day.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable
from dataclasses import dataclass
from functools import cache

from hijridate import Hijri

from marsad.analyse.lexicon import data, folded_set
from marsad.arabic import fold, fold_with_offsets, original_span
from marsad.arabic.alternation import word_alternation
from marsad.arabic.calendar import alternation, hijri_month_names, month_names, weekday_names
from marsad.model import Article, TimeExpression
from marsad.pipeline import Step


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
    unit: str
    position: str
    decade: str
    century: str
    not_after_day: str
    year_word: str
    day_prefix: str
    this: str
    month_word: str


@cache
def _w() -> _Words:
    t = data("time_words")
    positions = [w for ws in t["positions"].values() for w in ws]
    return _Words(_alt(t["past"]), _alt(t["future"]), _alt(t["current"]),
                  _alt(t["past"] + t["future"] + t["current"]), alternation("gregorian_months"),
                  alternation("weekdays"), _alt(t["day_words"]), _alt(t["units"]), _alt(positions),
                  _alt(t["decades"]), _alt(t["centuries"]), _alt(t["not_after_day_words"]), _alt(t["year_words"]),
                  _alt(t["day_prefixes"]), _alt(t["this"]), _alt(t["month_word"]))


@cache
def _patterns() -> list[tuple[str, re.Pattern[str]]]:
    w = _w()
    months = rf"(?<!\w)(?P<mn>{w.month})(?!\w)(?:\s*/\s*(?:{w.month})(?!\w))?"
    mod = rf"(?:\s+(?P<mod>{w.mod}))?"
    pos = rf"(?:(?P<pos>{w.position})\s+)?"
    wd = rf"(?:(?P<wd>{w.weekday})\s*[(،,]?\s*)?"
    hijri = alternation("hijri_months")
    # which century: its ordinal (التاسع عشر), its number (الـ19), or last / this / next one (الماضي)
    century = rf"القرن\s+(?:(?P<cn>{w.century})|(?:ال)?(?P<cd>\d{{1,2}})|(?P<cmod>{w.mod}))(?!\w)"
    return [
        ("hijri", re.compile(rf"(?<!\d)(?P<d>\d{{1,2}})\s+(?P<hm>{hijri})\s+(?P<y>\d{{4}})\s*(?:هـ|ه|هجري\w*|للهجره)")),
        ("iso", re.compile(r"(?<!\d)(?P<y>\d{4})-(?P<m>\d{1,2})-(?P<d>\d{1,2})(?!\d)")),
        ("numeric", re.compile(r"(?<![\d/])(?P<d>\d{1,2})[/.-](?P<m>\d{1,2})[/.-](?P<y>\d{4})(?![\d/])")),
        ("day_month", re.compile(
            rf"{wd}(?<!\d)(?P<d>\d{{1,2}})\s*(?:من\s+)?(?:(?:{w.month_word})\s+)?{months}(?:\s*[,،]?\s*(?:عام\s+)?(?P<y>\d{{4}}))?{mod}")),
        ("day_month", re.compile(rf"(?<!\w)(?P<mn>{w.month})\s+(?P<d>\d{{1,2}})\s*,\s*(?P<y>\d{{4}})(?!\d)")),
        ("month", re.compile(
            rf"{pos}(?:(?P<sh>{w.month_word})\s+)?{months}(?:\s+(?:عام\s+|سنه\s+)?(?P<y>\d{{4}}))?{mod}")),
        ("year", re.compile(
            rf"{pos}(?:{w.year_word})\s+(?P<y>(?:1\d|20)\d\d)(?!\d)")),
        # a bare year: after since/until/between/in (a number of things there is rarely in that range); after
        # and, "(" or "-" when nothing is counted after it (2015 - 2017); or marked م (AD)
        ("year", re.compile(r"(?:(?<=\bمنذ )|(?<=\bحتى )|(?<=\bبين )|(?<=\bفي ))(?P<y>(?:18|19|20)\d\d)"
                            r"(?![\d%]|[.,]\d)")),
        ("year", re.compile(r"(?:(?<=\bو)|(?<=\()|(?<=- )|(?<=-))(?P<y>(?:18|19|20)\d\d)"
                            r"(?=\s*(?:[,.;:)\n-]|$)|\s+و)")),
        ("year", re.compile(r"(?<![\d.,])(?P<y>(?:18|19|20)\d\d)(?=م(?!\w))")),
        ("rel_period", re.compile(
            rf"{pos}(?:(?P<this>{w.this})\s+)?(?P<unit>العام|السنه|الشهر|الاسبوع)(?:\s+(?P<mod>{w.mod}))?(?:\s+(?P<y>\d{{4}}))?")),
        # not one day of a series or an observance (اليوم الأول، اليوم العالمي)
        ("day_word", re.compile(
            rf"(?:(?:{w.day_prefix})\s+)?(?P<dw>{w.day_word})"
            rf"(?:\s+(?P<wd>{w.weekday}))?(?!\w)(?!\s+(?:{w.not_after_day}))")),
        ("weekday", re.compile(rf"(?:(?:{w.day_prefix})\s+)?(?P<wd>{w.weekday})(?:\s+(?P<mod>{w.mod}))?")),
        ("ago", re.compile(rf"(?P<dir>قبل|بعد)\s+(?:(?P<n>\d{{1,3}})\s+)?(?P<unit>{w.unit})(?!\w)")),
        # الستينيات، ثمانينيات القرن الماضي، منتصف التسعينات من القرن العشرين
        ("decade", re.compile(rf"{pos}(?<!\w)(?:ال)?(?P<dec>{w.decade})(?:ي)?ات(?!\w)"
                               rf"(?!\s+(?:من\s+)?(?:ال)?عمر)(?:\s+(?:من\s+)?{century})?")),  # not an age
        ("century", re.compile(rf"{pos}(?<!\w){century}")),
    ]


# kinds that cannot match without one of these (folded) strings, checked first: their patterns open with an
# optional position word, so the regex engine has no first letter to skip ahead by
_NEEDS = {"decade": ("ينات", "ينيات"), "century": ("القرن",)}
_INSIDE_A_WORD = re.compile(r"(?:[^\Wوفبل]|\w\w)$")  # what comes before a word's last letters
_NEXT_YEAR = re.compile(r"\s*(?:و|-)\s*(?P<y>(?:1\d|20)\d\d)(?![\d%]|[.,]\d)")


@dataclass
class _Hit:
    start: int
    end: int
    kind: str
    m: re.Match[str]


class Times(Step):
    name = "times"
    requires = ("text", "paragraphs")
    provides = ("times", "published")

    def process(self, article: Article) -> Article:
        if article.published_how == "inferred" or article.published_window:  # this step's own, from a run before
            article.published = article.published_how = article.published_evidence = None
            article.published_window = None
        hits = find_hits(article.text)
        if not article.published:
            infer_published(article, hits)
        article.times = [t for t in (resolve_in_article(article, h) for h in hits) if t]
        return article


def resolve_in_article(article: Article, h: _Hit) -> TimeExpression | None:
    """Against the publication date; or, when only a window is known, against both its ends: a value
    every anchor in the window agrees on is kept, any other is left unresolved."""
    if article.published:
        how = "published" if article.published_how != "inferred" else "inferred"
        return resolve(article.text, h, dt.date.fromisoformat(article.published), how)
    if article.published_window:
        lo, hi = (resolve(article.text, h, dt.date.fromisoformat(d), "window") for d in article.published_window)
        if lo and hi and lo.value != hi.value:
            lo.value, lo.anchor = None, "unresolved"
        return lo
    return resolve(article.text, h, None, "unresolved")


def find_hits(text: str) -> list[_Hit]:
    folded, index = fold_with_offsets(text)
    found: list[_Hit] = []
    for kind, pattern in _patterns():
        if kind in _NEEDS and not any(s in folded for s in _NEEDS[kind]):
            continue
        for m in pattern.finditer(folded):
            if m.end() > m.start() and _plausible(kind, m):
                found.append(_Hit(m.start(), m.end(), kind, m))
    # a year joined to a year is one too (عامي 2002 و2003، بين العامين 1910 و 1912); the loop meets the years
    # it adds, so a list (أعوام 2015 و2016 و2017) is followed to its end
    for h in found:
        if h.kind == "year" and (joined := _NEXT_YEAR.match(folded, h.end)):
            found.append(_Hit(joined.start("y"), joined.end(), "year", joined))
    # longest first wins overlaps; then back to reading order
    found.sort(key=lambda h: (h.start - h.end, h.start))
    kept: list[_Hit] = []
    for h in found:
        if all(h.end <= k.start or h.start >= k.end for k in kept):
            kept.append(h)
    kept.sort(key=lambda h: h.start)
    for h in kept:
        h.start, h.end = original_span(text, index, h.start, h.end)
    return kept


def _plausible(kind: str, m: re.Match[str]) -> bool:
    g = m.groupdict()
    if kind == "month":
        # a bare month name needs support: "شهر", a position word, a year or a modifier; some names are
        # also ordinary words (مارس "practised", آب) and need it all the more
        return bool(g.get("sh") or g.get("pos") or g.get("y") or g.get("mod")) or (
            fold(g["mn"]) not in folded_set("time_words", "ambiguous_months") and m.start() > 0
            and m.string[max(0, m.start() - 3):m.start()].strip() in ("في", "فى"))
    if kind == "rel_period":
        return bool(g.get("this") or g.get("mod") or g.get("y") or g.get("pos"))
    if kind == "ago":
        return bool(g.get("n")) or fold(g["unit"]) in folded_set("time_words", "duals")
    if kind == "day_word":  # it starts a word, a proclitic و ف ب ل aside: not the end of تمثالان
        return not _INSIDE_A_WORD.search(m.string, max(0, m.start("dw") - 2), m.start("dw"))
    return True


def resolve(full_text: str, h: _Hit, anchor: dt.date | None, anchor_name: str) -> TimeExpression | None:
    g = {k: v for k, v in h.m.groupdict().items() if v}
    text = full_text[h.start:h.end]

    def out(value: str | None, precision: str, relative: bool) -> TimeExpression:
        used = "absolute" if not relative else (anchor_name if value else "unresolved")
        return TimeExpression(h.start, h.end, text, value, precision, used, relative)

    mod = _mod(g.get("mod"))
    if h.kind == "hijri":
        try:
            gregorian = Hijri(int(g["y"]), hijri_month_names()[_norm(g["hm"])], int(g["d"])).to_gregorian()
        except (ValueError, OverflowError):
            return None
        return out(gregorian.isoformat(), "day", False)
    if h.kind in ("iso", "numeric"):
        day = _date(int(g["y"]), int(g["m"]), int(g["d"]))
        return out(day.isoformat(), "day", False) if day else None
    if h.kind == "day_month":
        month = month_names()[_norm(g["mn"])]
        if g.get("y"):
            day = _date(int(g["y"]), month, int(g["d"]))
            return out(day.isoformat(), "day", False) if day else None
        year = _year_for(anchor, month, int(g["d"]), mod)
        day = _date(year, month, int(g["d"])) if year else None
        return out(day.isoformat() if day else None, "day", True)
    if h.kind == "month":
        month = month_names()[_norm(g["mn"])]
        if g.get("y"):
            return out(f"{int(g['y']):04d}-{month:02d}", "month", False)
        year = _year_for(anchor, month, None, mod)
        return out(f"{year:04d}-{month:02d}" if year else None, "month", True)
    if h.kind == "year":
        return out(g["y"], "year", False)
    if h.kind in ("decade", "century"):
        return _decade_or_century(h.kind, g, anchor, out)
    if h.kind == "rel_period":
        if g.get("y"):
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
        offset = _numbers("day_words")[_norm(g["dw"])]
        day = anchor + dt.timedelta(days=offset) if anchor else None
        if day and g.get("wd") and weekday_names()[_norm(g["wd"])] != day.weekday():
            day = None  # the weekday contradicts the anchor: say nothing rather than guess
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


def _decade_or_century(kind: str, g: dict[str, str], anchor: dt.date | None,
                       out: Callable[[str | None, str, bool], TimeExpression]) -> TimeExpression | None:
    """A century's value is the year its hundreds start (1800 for the nineteenth), a decade's its first
    year. A century named as last or this one, or a decade with no century, takes the anchor's: a decade
    alone is the latest one begun by the anchor year (الستينيات in 2015: 1960)."""
    named = "cn" in g or "cd" in g
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
def _numbers(key: str) -> dict[str, int]:
    """A word -> number table of ``time_words.json`` (day offsets, unit days, decades, centuries), by
    normalised word."""
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


def infer_published(article: Article, hits: list[_Hit]) -> None:
    """Publication date from evidence, when the page states none.

    1. An embedded post's date, checked against any "today, <weekday>" in the text.
    2. Otherwise a window: after every date the text calls past, before every date it calls future,
       within a year the text names as current; months and days without a year take the latest year
       written in the text. A single day is given only when the window closes on it.
    """
    posts = sorted(p.date for p in article.paragraphs if p.kind == "embedded_post" and p.date)
    today_weekdays = {weekday_names()[_norm(h.m["wd"])] for h in hits
                      if h.kind == "day_word" and h.m["wd"] and _norm(h.m["dw"]) == "اليوم"}
    if posts:
        day = dt.date.fromisoformat(posts[-1])
        if not today_weekdays or today_weekdays == {day.weekday()}:
            article.published, article.published_how = day.isoformat(), "inferred"
            article.published_evidence = "embedded post dated " + day.isoformat() + (
                ", matching 'today' weekday" if today_weekdays else "")
            return
    years = [int(h.m["y"]) for h in hits if h.m.groupdict().get("y")]
    if not years:
        return
    ref = max(years)
    lo, hi, evidence = dt.date.min, dt.date.max, []
    for h in hits:
        g = {k: v for k, v in h.m.groupdict().items() if v}
        mod = _mod(g.get("mod"))
        text = article.text[h.start:h.end]
        if h.kind in ("day_month", "month") and mod in ("past", "future"):
            month = month_names()[_norm(g["mn"])]
            year = int(g["y"]) if g.get("y") else ref
            if h.kind == "day_month":
                stated = _date(year, month, int(g["d"]))
                if not stated:
                    continue
                first, last = stated, stated
            else:
                first = dt.date(year, month, 1)
                last = (dt.date(year + month // 12, month % 12 + 1, 1) - dt.timedelta(days=1))
            if mod == "past" and last + dt.timedelta(days=1) > lo:
                lo = last + dt.timedelta(days=1)
                evidence.append(f"after '{text}'")
            if mod == "future" and first - dt.timedelta(days=1) < hi:
                hi = first - dt.timedelta(days=1)
                evidence.append(f"before '{text}'")
        if h.kind == "rel_period" and g.get("y") and (mod == "current" or g.get("this")):
            y = int(g["y"])
            lo, hi = max(lo, dt.date(y, 1, 1)), min(hi, dt.date(y, 12, 31))
            evidence.append(f"within '{text}'")
    if lo == dt.date.min and hi == dt.date.max or lo > hi:
        return
    lo = lo if lo != dt.date.min else dt.date(ref, 1, 1)
    hi = hi if hi != dt.date.max else dt.date(ref, 12, 31)
    article.published_window = (lo.isoformat(), hi.isoformat())
    article.published_evidence = "; ".join(evidence)
    if lo == hi:
        article.published, article.published_how = lo.isoformat(), "inferred"
