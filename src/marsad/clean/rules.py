"""Line rules of the cleaner: each a small function over one line, its words in ``data/*.json``."""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from functools import cache
from importlib.resources import files

from marsad.arabic import fold
from marsad.arabic.calendar import alternation, parse_absolute

_WORD = re.compile(r"[^\W_]+")
_STRIP = re.compile(r"[\W_]+")
_TIME = re.compile(r"(?<!\d)\d{1,2}:\d{2}(?::\d{2})?\s*(?:ص|م|am|pm)?(?![\w])", re.I)
_BULLET = re.compile(r"^[\s\-–—•*|·▪►»]+")
_SENTENCE_END = re.compile(r"[.!؟?:…]['\"»”)]*\s*$")
_DATELINE = re.compile(r"^[^\W\d_]+(?:\s[^\W\d_]+)?\s*[-–—ـ]\s*[^\W_][\w .]{0,20}$")


@cache
def data(name: str) -> dict:
    return json.loads(files("marsad.clean").joinpath(f"data/{name}.json").read_text("utf-8"))


def key(text: str) -> str:
    """Folded letters and digits only: the form lines and phrases are compared in."""
    return " ".join(_STRIP.sub(" ", fold(text)).split())


def ends_with_period(line: str) -> bool:
    """A full stop closes the line (a headline may end in ? ! or .. but a body paragraph ends in .)."""
    stripped = line.rstrip().rstrip("'\"»”)")
    return stripped.endswith(".") and not stripped.endswith("..")


def words(line: str) -> list[str]:
    return _WORD.findall(line)


def ends_sentence(line: str) -> bool:
    return bool(_SENTENCE_END.search(line))


@cache
def _phrases(group: str, how: str) -> tuple[str, ...]:
    return tuple(k for k in (key(p) for p in data("boilerplate")[group].get(how, ())) if k)


@cache
def _set(group: str) -> frozenset[str]:
    return frozenset(key(p) for p in data("boilerplate")[group])


def boilerplate(line: str) -> str | None:
    """The reason a line is site furniture, or None."""
    k = key(line)
    if not k:
        return "symbols" if line.strip() else None
    n = len(k.split())
    for group in ("comment_form", "related", "back_to_top", "footer"):
        if k in _phrases(group, "exact") or (group == "footer" and line.lstrip().startswith("©")):
            return group
        if any(k.startswith(p) for p in _phrases(group, "prefix")) and (group != "related" or n <= 25):
            return group
        if n <= 30 and any(p in k for p in _phrases(group, "contains")):
            return group
    if is_share_bar(k):
        return "share"
    return None


def is_related_heading(line: str) -> bool:
    return key(line) in _phrases("related", "exact")


def is_share_bar(k: str) -> bool:
    vocabulary = _set_share()
    rest = k
    for phrase in sorted(vocabulary, key=len, reverse=True):
        rest = rest.replace(phrase, " ")
    return bool(k) and not rest.strip()


@cache
def _set_share() -> frozenset[str]:
    return frozenset(key(p) for p in data("boilerplate")["share"]["words"])


@cache
def _counter_re() -> re.Pattern[str]:
    names = "|".join(re.escape(key(w)) for w in data("boilerplate")["counter_words"])
    return re.compile(rf"^(?:(?:{names})\s*)?\d[\d,. ]*(?:\s*(?:{names}))?$")


def is_counter(line: str) -> bool:
    """A view, comment or like counter (a bare number line, or a number with a counter word)."""
    return bool(_counter_re().match(key(line)))


@cache
def _stamp_noise() -> re.Pattern[str]:
    markers = "|".join(re.escape(key(m)) for m in data("boilerplate")["published_markers"])
    return re.compile(rf"\b(?:{markers}|{alternation('weekdays')}|{alternation('gregorian_months')})\b")


def stamp_date(line: str) -> tuple[bool, str | None]:
    """Is the line only a date/time stamp? And the date it states, if a full one."""
    found = parse_absolute(line)
    folded = fold(line)
    rest = folded[:found[1]] + " " + folded[found[2]:] if found else folded
    rest = _TIME.sub(" ", rest)
    had_time = rest != (folded[:found[1]] + " " + folded[found[2]:] if found else folded)
    if not found and not had_time:
        return False, None
    rest = _stamp_noise().sub(" ", key(rest))
    return (not rest.strip(), found[0] if found else None)


def is_category(line: str) -> bool:
    return key(_BULLET.sub("", line)) in _set("categories")


def is_dateline(line: str) -> bool:
    """``بغداد - IQ``, ``القاهرة - أ ف ب``: place and agency alone on a line."""
    return bool(_DATELINE.match(line.strip())) and len(words(line)) <= 4


def is_byline(line: str) -> bool:
    if len(words(line)) > 8:
        return False
    k = key(line)
    folded = fold(line).strip()
    for marker in data("boilerplate")["byline_markers"]:
        m = key(marker)
        if " " in m and m in k:
            return True
        if folded.startswith(fold(marker)) and re.match(r"\s*[:/]", folded[len(fold(marker)):]):
            return True
    return False


@cache
def _credit_re() -> re.Pattern[str]:
    credits = "|".join(re.escape(key(c)).replace(r"\ ", r"\s*") for c in data("boilerplate")["photo_credits"])
    return re.compile(rf"\((?:{credits})(?:\s*/\s*[^)]{{0,30}})?\)\s*$")


def is_caption(line: str) -> bool:
    """A photo caption marked as such: it ends with a photo credit in brackets or starts with صورة:."""
    if len(words(line)) > 40:
        return False
    folded = fold(line).strip()
    if any(folded.startswith(fold(p)) for p in data("boilerplate")["caption_prefixes"]):
        return True
    if ends_sentence(line):
        return False
    return bool(_credit_re().search(_paren_key(folded)))


def _paren_key(folded: str) -> str:
    """Folded line with letters/digits/brackets kept, so the credit pattern sees ``(فيسبوك)``."""
    return " ".join(re.sub(r"[^\w()/]+", " ", folded).split())


@dataclass(frozen=True, slots=True)
class PostAttribution:
    platform: str
    author: str | None
    handle: str | None
    date: str | None


@cache
def _post_patterns() -> list[tuple[str, re.Pattern[str]]]:
    return [(p["platform"], re.compile(p["regex"])) for p in data("embedded_posts")["patterns"]]


def post_attribution(line: str) -> PostAttribution | None:
    """The closing line of a pasted social post (``— Name (@handle) December 29, 2021``)."""
    for platform, pattern in _post_patterns():
        m = pattern.match(line)
        if m:
            g = m.groupdict()
            date = parse_absolute(g.get("date") or "")
            if not (date or g.get("handle")):
                continue
            return PostAttribution(platform, (g.get("author") or "").strip() or None, g.get("handle"),
                                   date[0] if date else None)
    return None
