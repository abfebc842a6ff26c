"""Datelines: where and when a report was filed and who filed it, at the head of its first paragraph or on a
line of its own, in the forms of every region:

    الدار البيضاء/3 مارس 2017/ومع/ أعلنت ...      مدريد 4 غشت (رويترز) - ...
    رام الله 20-5-2012 وفا- ...                   الرباط - و م ع - ...
    تونس (وات) أعلن ...                           الدوحة - الراية: ...
    لندن: «الشرق الأوسط»                          باريس ـ عواصم ـ (الوطن) ـ وكالات:
    الحديدة/ حجة/ سبأ - ...                       كتب ـ أيمن حسين: ...

A dateline is a run of short segments (a place, a date, an agency, an outlet or reporter in brackets or
quotes, a reporter's name, a word such as عواصم or خاص) joined by - – — ـ / : or brackets, and closed by one
of them before the first sentence. It needs a place or an agency (or a byline marker such as كتب) to be one;
every segment must be one of those kinds. Agencies and dateline words are data
(``data/boilerplate.json``); places are the known place names (:func:`marsad.analyse.names.place_names`).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

from marsad.analyse.names import given_names, place_names
from marsad.arabic import fold, fold_with_offsets
from marsad.arabic.calendar import alternation, parse_absolute
from marsad.clean.rules import data, key

MAX_CHARS = 90  # a dateline is within the first this many characters of its paragraph
MAX_WORDS = 12
MAX_SEGMENT_WORDS = 4
NAME_WORDS = (2, 3)  # a reporter's name in a dateline
SHORT_LINE_CHARS = 40  # a line of a place and an outlet alone (الرياض: الندوة) is no longer than this

_SEP = re.compile(r"\s*[-–—ـ/:|]+\s*")
_BRACKETED = re.compile(r"\(([^()]{1,40})\)|«([^«»]{1,40})»|\"([^\"]{1,40})\"|“([^“”]{1,40})”")


@dataclass(frozen=True)
class Dateline:
    text: str  # as published, from the start of the line to where the sentence begins
    place: str | None
    date: str | None  # YYYY-MM-DD when the dateline states a full date
    agency: str | None
    byline: bool = False  # a reporter's credit alone (كتب ـ أيمن حسين:), with no place or agency


@cache
def _agencies() -> frozenset[str]:
    return frozenset(key(a) for a in data("boilerplate")["agencies"])


@cache
def _dateline_words() -> frozenset[str]:
    return frozenset(key(w) for w in data("boilerplate")["dateline_words"])


@cache
def _byline_openers() -> frozenset[str]:
    markers = data("boilerplate")["byline_markers"]
    return frozenset(key(m) for m in (*markers["alone"], *markers["with_colon"]))


@cache
def _date_at() -> re.Pattern[str]:
    """A date at the start of the (folded) text: day and month (a year if any) or all in digits, a Hijri date
    with its Gregorian twin (... هـ الموافق ... م)."""
    months = alternation("gregorian_months")
    hijri = alternation("hijri_months")
    gregorian = (rf"\d{{1,2}}\s*[-/.]\s*\d{{1,2}}\s*[-/.]\s*\d{{2,4}}"
                 rf"|\d{{1,2}}\s+(?:{months})(?:\s*/\s*(?:{months}))?(?:\s*,?\s*\d{{4}})?|\d{{4}}-\d{{1,2}}-\d{{1,2}}")
    return re.compile(rf"(?:(?:\d{{1,2}}\s+(?:{hijri})\s+\d{{4}}\s*(?:ه|هـ)?\s*(?:الموافق\s+)?)?(?:{gregorian})"
                      rf"(?:\s*م(?!\w))?|\d{{1,2}}\s+(?:{hijri})\s+\d{{4}}\s*(?:ه|هـ)?)")


def _is_place(k: str) -> bool:
    """One to three words (a key) naming a known place (رام الله، الدار البيضاء)."""
    return 0 < k.count(" ") + 1 <= 3 and k in place_names()


def _name_words(words: list[str]) -> bool:
    """Two or three words that can be a reporter's name: a known given name first, letters only, no clitic
    article."""
    return NAME_WORDS[0] <= len(words) <= NAME_WORDS[1] and all(w.isalpha() and len(w) >= 2 for w in words) and \
        fold(words[0]) in given_names(foreign=False) and not any(fold(w).startswith(("وال", "بال", "لل"))
                                                                for w in words)


_PIECE = re.compile(r"(?P<sep>\s*[-–—ـ/:|]+\s*)|(?P<space>\s+)|(?P<word>[^\s\-–—ـ/:|()«»\"“”]+)")


@dataclass
class _Segment:
    kind: str  # date | bracket | words
    start: int
    end: int
    text: str
    _key: str | None = None

    @property
    def key(self) -> str:
        if self._key is None:
            self._key = key(self.text)
        return self._key


def _segments(head: str) -> list[_Segment | str]:
    """The head of a line as segments (a date, a bracketed name, a run of words) and the separators between
    them ("sep", "space"), up to the first run of words too long for a dateline (nothing after it can be)."""
    folded, index = fold_with_offsets(head) if _DIGIT.search(head) else (head, [])
    out: list[_Segment | str] = []
    pos = 0
    while pos < len(head):
        if head[pos].isdigit():  # a date starts with its day (or year)
            at = index.index(pos)  # where it is in ``folded`` (folding drops marks, so they can differ)
            if (d := _date_at().match(folded, at)) and d.end() > at:
                end = index[d.end()]
                out.append(_Segment("date", pos, end, head[pos:end]))
                pos = end
                continue
        if m := _BRACKETED.match(head, pos):
            inner = next(g for g in m.groups() if g is not None).strip()
            out.append(_Segment("bracket", pos, m.end(), inner))
        elif (m := _PIECE.match(head, pos)) is None:
            break
        elif m.lastgroup in ("sep", "space"):
            out.append(m.lastgroup)
        else:
            last = out[-2] if len(out) >= 2 and out[-1] == "space" else None
            if isinstance(last, _Segment) and last.kind == "words":  # words joined by spaces: one segment
                out.pop()
                last.end, last.text = m.end(), head[last.start:m.end()]
                if last.text.count(" ") >= MAX_SEGMENT_WORDS:
                    break
            else:
                out.append(_Segment("words", pos, m.end(), m.group()))
        pos = m.end()
    return out


def _joined(pieces: list[_Segment | str], line: str) -> list[tuple[_Segment, str | None, int]]:
    """Each segment with the separator after it ("" for spaces only, None at the end of the line) and where the
    next segment starts."""
    out = []
    for n, piece in enumerate(pieces):
        if not isinstance(piece, _Segment):
            continue
        k = n + 1
        while k < len(pieces) and not isinstance(pieces[k], _Segment):
            k += 1
        between = line[piece.end:pieces[k].start] if k < len(pieces) else line[piece.end:]  # type: ignore[union-attr]
        nxt = pieces[k].start if k < len(pieces) else len(line)  # type: ignore[union-attr]
        sep = between.strip() if between.strip() else ("" if between or k < len(pieces) else None)
        out.append((piece, sep, nxt))
    return out


def _kind(seg: _Segment, sep: str | None, before: list[str], following: _Segment | None,
          previous_sep: str | None) -> str | None:
    """What a segment is in a dateline, or None if it cannot be in one (``before``: the kinds of the segments
    before it; ``following``: the next segment)."""
    if seg.kind == "date":
        return "date"
    k = seg.key
    if k in _agencies():
        return "agency"
    if k in _dateline_words():
        return "word"
    words = seg.text.split()
    if seg.kind == "words" and not any(c.isalpha() for c in seg.text):
        return None  # a number alone (15 - تايبيه: an item of a list), a sign
    if seg.kind == "bracket" or seg.text.isascii() and _LATIN.search(seg.text):
        return "outlet" if 0 < len(words) <= MAX_SEGMENT_WORDS else None
    if _is_place(k):
        return "place"
    if not before and k in _byline_openers():
        return "byline"
    if not before and following is not None and len(words) <= 3:
        if sep and _name_words(words) and _is_place(following.key):
            return "name"  # a reporter, then where: حنان الحامدي – جدة
        if sep and (following.kind == "date" or len(words) == 1 and following.kind == "words" and _name_words(
                following.text.split())):
            return "place"  # where a report was filed, before its date or its reporter: الدار البيضاء/3، الخابورة - حمد
        if following.key in _dateline_words() or sep and len(words) <= 2 and _is_place(following.key):
            return "outlet"  # a site's tag: يمن برس - متابعات، سبق ـ أبها:
    told = {"place", "agency", "byline", "word"} & set(before)
    if told and len(words) <= 2 and (sep and ":" in sep or sep is None and previous_sep and ":" in previous_sep
                                     and seg.end <= SHORT_LINE_CHARS):
        return "outlet"  # الدوحة - الراية: ...، الرياض: الندوة
    if sep and _name_words(words) and (told or ":" in sep):
        return "name"  # جنين ـ علي سمودي ـ، كتب- محروس رسلان:
    return None


def dateline(line: str) -> Dateline | None:
    """The dateline that opens ``line``, or None. The rest of the line (``line[len(d.text):]``) is the text."""
    joined = _joined(_segments(line[:MAX_CHARS]), line)
    kinds: list[str] = []
    found: dict[str, str] = {}
    best: Dateline | None = None
    for n, (seg, sep, nxt) in enumerate(joined):
        kind = _kind(seg, sep, kinds, joined[n + 1][0] if n + 1 < len(joined) else None,
                     joined[n - 1][1] if n else None)
        if kind is None:
            break
        kinds.append(kind)
        if kind in ("place", "agency") and kind not in found:
            found[kind] = seg.text
        if kind == "date" and "date" not in found:
            stated = parse_absolute(seg.text)
            if stated:
                found["date"] = stated[0]
        end = len(line) if sep is None else nxt
        if len(line[:end].split()) > MAX_WORDS or end > MAX_CHARS and sep is not None:
            break
        closed = bool(sep) or sep is None or (sep == "" and seg.kind == "bracket")
        rest = line[end:]
        told = {"place", "agency", "byline"} & set(kinds) or {"outlet", "word"} <= set(kinds)
        if closed and told and (
                not rest or rest[:1].isalpha() or rest[:1] in "\"«“'("):
            best = Dateline(line[:end], found.get("place"), found.get("date"), found.get("agency"),
                            byline=not found.keys() & {"place", "agency"} and "byline" in kinds)
    return best


_DIGIT = re.compile(r"\d")
_LATIN = re.compile(r"[A-Za-z]")
_OPENS = re.compile(r"[-–—ـ/:|(«\d]")
OPENING_CHARS = 45  # a dateline's first separator, bracket or date comes within this many characters


_WORDS_THEN = re.compile(r"\s*([^-–—ـ/:|()«»\"“”\d]*?)\s*(?:[-–—ـ/:|]+|(?=[(«\"“\d])|$)\s*")


def may_open_a_dateline(line: str) -> bool:
    """A quick test before :func:`dateline`: a separator, bracket or digit within the first four words, and
    the words before it, or after it, of a kind a dateline opens with (a place, an agency, a byline word, a
    dateline word; or a date, a bracket or a reporter's name next)."""
    m = _OPENS.search(line, 0, OPENING_CHARS)
    if m is None or line.count(" ", 0, m.start()) > MAX_SEGMENT_WORDS:
        return False
    first = _WORDS_THEN.match(line)
    if first is None or not first.group(1):  # it opens with a date, or an agency in brackets: (وات) -
        start = line.lstrip()
        if start[:1].isdigit():
            return _date_at().match(fold(start[:40])) is not None
        bracket = _BRACKETED.match(start)
        return bracket is not None and key(next(g for g in bracket.groups() if g is not None)) in _agencies()
    k = key(first.group(1))
    if k in _agencies() or k in _dateline_words() or k in _byline_openers() or _is_place(k) or first.group(
            1).isascii():
        return True
    after = line[first.end():first.end() + 1]
    if not after:
        return True
    if after in "(«\"“":  # an agency or outlet in brackets after a place or a name: تونس (وات)، جدة (تصوير: ...)
        bracket = _BRACKETED.match(line, first.end())
        return bracket is not None and (_name_words(first.group(1).split()) or key(next(
            g for g in bracket.groups() if g is not None)) in _agencies())
    if after.isdigit():  # a place and a date: مدريد 4 غشت، الدار البيضاء/3 مارس
        return k.count(" ") < 3 and _date_at().match(fold(line[first.end():first.end() + 40])) is not None
    second = _WORDS_THEN.match(line, first.end())
    k2 = key(second.group(1)) if second else ""
    return k2 in _agencies() or k2 in _dateline_words() or _is_place(k2) or \
        k2.partition(" ")[0] in given_names(foreign=False)


def is_agency(line_key: str) -> bool:
    """A line (its key) that is only an agency's name or tag: سبأ، (واس)."""
    return line_key in _agencies()
